"""Translations for the evaluator's hot loop: ``gettext`` once per message and language.

Evaluating every tier for 10,000 firms formats millions of sentences; Django's ``gettext``
costs a context-local lookup each call. ``use_language()`` (called by ``engine.load``) picks
the active language's table; ``gettext`` here then answers from it, translating a message the
first time it is asked. Imported as ``_`` so ``makemessages`` still extracts the messages.
"""

from django.utils import translation

_TABLES: dict[str, dict[str, str]] = {}
_active: dict[str, str] = {}
current = ""  # the language of the last ``use_language``


def use_language() -> None:
    global _active, current
    current = translation.get_language() or ""
    _active = _TABLES.setdefault(current, {})


def gettext(message: str) -> str:
    text = _active.get(message)
    if text is None:
        text = _active[message] = translation.gettext(message)
    return text
