"""Who may change a record: one protocol for every edit page, API write and import.

Reading is ``ScopedQuerySet.visible_to(user)``. Writing asks ``may_change(user, obj)``: the
model's ``change`` permission and, when the model's app registered one, its object rule (a
project is its lead department's, a lead its owner's or its department's). The rule is
written once per model, in two forms that must agree: a test on one instance (also on an
unsaved draft or a record just changed in memory, as imports and "may not hand it away"
checks need) and a database condition, so that ``ScopedQuerySet.editable_by(user)`` is the
same set as a query. Apps register their rules in ``AppConfig.ready``; core knows no domain.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class ChangeRule:
    """A model's object rule beyond its change permission. ``refusal`` says, for one record,
    who may change it (the message of the 403)."""

    test: Callable[[object, object], bool]
    condition: Callable[[object], Q]
    refusal: Callable[[object], str]


_RULES: dict[type, ChangeRule] = {}


def perm_name(model, action: str) -> str:
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def require(allowed: bool, message: str) -> None:
    """Raise ``PermissionDenied(message)`` unless ``allowed``: the one way a rule refuses."""
    if not allowed:
        raise PermissionDenied(message)


def require_perm(user, model, action: str) -> None:
    require(user.has_perm(perm_name(model, action)), _("You do not have permission to do this."))


def change_rule(model, *, condition: Callable[[object], Q], refusal: Callable[[object], str]):
    """Decorator registering ``test(user, obj) -> bool`` as ``model``'s object rule."""

    def register(test):
        _RULES[model._meta.concrete_model] = ChangeRule(test, condition, refusal)
        return test

    return register


def rule_for(model) -> ChangeRule | None:
    return _RULES.get(model._meta.concrete_model)


def rule_allows(user, obj) -> bool:
    """The model's object rule alone (no rule: allowed); deletion pairs it with ``delete``."""
    rule = rule_for(type(obj))
    return rule is None or bool(rule.test(user, obj))


def may_change(user, obj) -> bool:
    """Whether ``user`` may change ``obj`` (already looked up in the user's scope)."""
    return user.has_perm(perm_name(type(obj), "change")) and rule_allows(user, obj)


def refusal(obj) -> str:
    rule = rule_for(type(obj))
    return rule.refusal(obj) if rule is not None else _("You do not have permission to do this.")


def require_change(user, obj) -> None:
    """Refuse (403, saying who may) unless ``user`` may change ``obj``."""
    require(may_change(user, obj), refusal(obj))


def change_condition(model, user) -> Q:
    """The database form of ``model``'s rule for ``user`` (everything when it has none)."""
    rule = rule_for(model)
    return rule.condition(user) if rule is not None else Q()


def protected_message(error) -> str:
    """Why a record cannot be deleted: the kinds of record still pointing at it (a
    ``ProtectedError`` or ``RestrictedError`` of Django's delete), in the user's language."""
    kinds = sorted(
        {
            str(obj._meta.verbose_name)
            for obj in getattr(error, "protected_objects", None) or getattr(error, "restricted_objects", ())
        }
    )
    return _("It cannot be deleted while other records refer to it: %(kinds)s.") % {"kinds": "、".join(kinds)}
