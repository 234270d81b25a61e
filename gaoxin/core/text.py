"""Control characters (ESC, NUL, BEL … and the C1 range) never enter the database: a name like
"\\x1b[31m齐星" would break every .xlsx export (openpyxl refuses them) and every .docx.

``no_control_characters`` is added to every CharField and TextField of Gaoxin's models when the
apps are ready (``guard_text_fields``), so forms, the admin and the API refuse them with the
field named; imports refuse them in ``core.imports.columns.clean_text`` with row and column.
Tab, line feed and carriage return stay allowed (multi-line notes)."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def control_error(value: str) -> str | None:
    """The Chinese message for the first control character in ``value``, or None."""
    found = CONTROL.search(value)
    if found is None:
        return None
    return _(
        "Contains an invisible control character (U+%(code)04X) at character %(position)d; remove it."
    ) % {
        "code": ord(found.group()),
        "position": found.start() + 1,
    }


def no_control_characters(value) -> None:
    if isinstance(value, str) and (message := control_error(value)):
        raise ValidationError(message, code="control_character")


def strip_control(value: str) -> str:
    """For writers of stored text (exports, documents): never fail on an old value."""
    return CONTROL.sub("", value)


def guard_text_fields(app_configs) -> None:
    for config in app_configs:
        if not config.name.startswith("gaoxin."):
            continue
        for model in config.get_models():
            for field in model._meta.get_fields():
                is_text = isinstance(field, models.CharField | models.TextField) and not field.choices
                # the field's cached list of validators, not its declared ones: migrations
                # (which deconstruct the declared ones) stay as they are
                if is_text and no_control_characters not in field.validators:
                    field.validators.append(no_control_characters)
