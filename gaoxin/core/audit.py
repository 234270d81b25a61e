"""The audit trail: every change of a ``ChangeLoggedModel`` becomes an ``ObjectChange``.

Single saves and deletes are caught by signals, so the admin, the API, the pages and the
shell all leave a trace without remembering to. Bulk writes (imports, the demo loader)
skip signals by nature; they build their rows with ``build_change`` and store them with
one ``bulk_create``. See docs/adr/0003-audit-log.md.
"""

import datetime
import decimal
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.files import FieldFile
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils.translation import gettext as _

from .context import current
from .models import ChangeLoggedModel, ObjectChange


def json_value(field, value):
    """A field value as stable JSON: Decimals at the field's scale, dates as ISO text."""
    if value is None:
        return None
    if isinstance(value, decimal.Decimal):
        places = getattr(field, "decimal_places", None)
        if places is not None:
            value = value.quantize(decimal.Decimal(1).scaleb(-places))
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or ""
    return value


_PLANS: dict[type, list] = {}


def _plan(model) -> list[tuple]:
    """(name, attname, kind, field) of the audited fields of ``model``, computed once."""
    plan = _PLANS.get(model)
    if plan is None:
        exclude = {"created_at", "updated_at", *getattr(model, "audit_exclude", ())}
        plan = []
        for field in model._meta.concrete_fields:
            if field.name in exclude or isinstance(field, models.AutoField):
                continue
            kind = "fk" if field.is_relation else "plain"
            if isinstance(
                field,
                models.DecimalField
                | models.DateField
                | models.TimeField
                | models.UUIDField
                | models.FileField,
            ):
                kind = "json"
            plan.append((field.name, field.attname, kind, field))
        _PLANS[model] = plan
    return plan


def serialize(obj, reprs: dict | None = None) -> dict:
    """The audited state of ``obj``: concrete fields, foreign keys as {id, repr}, and the
    many-to-many fields named in ``audit_m2m`` as sorted lists of names. ``reprs`` caches
    the names of related objects across many calls (an import names one park 10,000 times)."""
    data = {}
    values = obj.__dict__
    for name, attname, kind, field in _plan(type(obj)):
        value = values[attname] if attname in values else getattr(obj, attname)
        if kind == "plain" or value is None:
            data[name] = value
        elif kind == "fk":
            if reprs is None:
                data[name] = {"id": value, "repr": str(getattr(obj, name))}
            else:
                key = (field, value)
                if key not in reprs:
                    reprs[key] = {"id": value, "repr": str(getattr(obj, name))}
                data[name] = reprs[key]
        else:
            data[name] = json_value(field, value)
    if obj.pk is not None and not obj._state.adding:
        given = getattr(obj, "_audit_m2m_values", {})
        for name in getattr(obj, "audit_m2m", ()):
            # Bulk writers hand the names over instead of a query per object.
            data[name] = (
                given[name] if name in given else sorted(str(item) for item in getattr(obj, name).all())
            )
    return data


def changed_keys(before: dict | None, after: dict | None) -> set[str]:
    before, after = before or {}, after or {}
    return {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}


def action_for(created: bool, before: dict | None, after: dict | None) -> str:
    if created:
        return ObjectChange.Action.CREATE
    if changed_keys(before, after) == {"status"}:
        return ObjectChange.Action.STATUS
    return ObjectChange.Action.UPDATE


def build_change(
    obj, action: str, before: dict | None, after: dict | None, message: str = ""
) -> ObjectChange:
    """An unsaved ObjectChange for ``obj`` stamped with the current context."""
    ctx = current()
    user = ctx.user
    parent_field = getattr(obj, "audit_parent", None)
    related_ct, related_id = None, ""
    if parent_field:
        field = obj._meta.get_field(parent_field)
        parent_id = getattr(obj, field.attname)
        if parent_id is not None:
            related_ct = ContentType.objects.get_for_model(field.related_model)
            related_id = str(parent_id)
    return ObjectChange(
        user=user,
        user_name=user.get_username() if user else "",
        request_id=ctx.request_id,
        action=action,
        source=ctx.source,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        related_content_type=related_ct,
        related_object_id=related_id,
        message=(message or ctx.message or getattr(obj, "_audit_message", ""))[:300],
        prechange_data=before,
        postchange_data=after,
    )


def change_rows(model, items, message: str, ctx, now) -> list[dict]:
    """Audit rows as plain values for ``core.bulk``: ``items`` are (obj, action, before,
    after). What is the same for every row (user, request, type) is computed once."""
    user = ctx.user
    parent_field = getattr(model, "audit_parent", None)
    parent_attname, related_ct_id = None, None
    if parent_field:
        field = model._meta.get_field(parent_field)
        parent_attname = field.attname
        related_ct_id = ContentType.objects.get_for_model(field.related_model).pk
    user_id, user_name = (user.pk, user.get_username()) if user else (None, "")
    ct_id = ContentType.objects.get_for_model(model).pk
    message = message[:300]
    rows = []
    for obj, action, before, after in items:
        parent_id = obj.__dict__.get(parent_attname) if parent_attname else None
        rows.append(
            {
                "time": now,
                "user_id": user_id,
                "user_name": user_name,
                "request_id": ctx.request_id,
                "action": action,
                "source": ctx.source,
                "content_type_id": ct_id,
                "object_id": str(obj.pk),
                "object_repr": str(obj)[:200],
                "related_content_type_id": None if parent_id is None else related_ct_id,
                "related_object_id": "" if parent_id is None else str(parent_id),
                "message": message,
                "prechange_data": before,
                "postchange_data": after,
            }
        )
    return rows


def change_row(obj, action: str, before, after, message: str, ctx, now, related=None) -> dict:
    """One audit row as plain values, for an object and an explicit related object (the
    row of a statistics table: the submission it belongs to, the enterprise it is about)."""
    user = ctx.user
    return {
        "time": now,
        "user_id": user.pk if user else None,
        "user_name": user.get_username() if user else "",
        "request_id": ctx.request_id,
        "action": action,
        "source": ctx.source,
        "content_type_id": ContentType.objects.get_for_model(obj).pk,
        "object_id": str(obj.pk),
        "object_repr": str(obj)[:200],
        "related_content_type_id": ContentType.objects.get_for_model(related).pk
        if related is not None
        else None,
        "related_object_id": str(related.pk) if related is not None else "",
        "message": message[:300],
        "prechange_data": before,
        "postchange_data": after,
    }


def log_change(obj, action: str, before: dict | None, after: dict | None, message: str = "") -> ObjectChange:
    change = build_change(obj, action, before, after, message)
    change.save()
    return change


# --- signal handlers ------------------------------------------------------------------


def _remember_before(sender, instance, raw=False, **kwargs):
    if raw or not isinstance(instance, ChangeLoggedModel) or hasattr(instance, "_audit_before"):
        return
    if instance._state.adding or instance.pk is None:
        instance._audit_before = None
        return
    old = type(instance)._base_manager.filter(pk=instance.pk).first()
    instance._audit_before = serialize(old) if old is not None else None


def _log_save(sender, instance, created, raw=False, **kwargs):
    if raw or not isinstance(instance, ChangeLoggedModel):
        return
    before = instance.__dict__.pop("_audit_before", None)
    if instance.__dict__.pop("_audit_in_bulk_row", False):
        return  # a bulk writer records this save in a row of its own (a firm's filing)
    after = serialize(instance)
    if not created and before is not None and not changed_keys(before, after):
        return
    log_change(instance, action_for(created, before, after), None if created else before, after)


def _log_delete(sender, instance, **kwargs):
    if isinstance(instance, ChangeLoggedModel):
        log_change(instance, ObjectChange.Action.DELETE, serialize(instance), None)


def _m2m_field_name(instance, through) -> str | None:
    for field in instance._meta.many_to_many:
        if field.remote_field.through is through and field.name in getattr(instance, "audit_m2m", ()):
            return field.name
    return None


def _log_m2m(sender, instance, action, reverse, **kwargs):
    """Fold a many-to-many change into the change row this request already wrote for the
    object (a form saves the object, then its tags), or write a new update row."""
    if reverse or not isinstance(instance, ChangeLoggedModel):
        return
    name = _m2m_field_name(instance, sender)
    if name is None:
        return
    if action.startswith("pre_"):
        instance.__dict__.setdefault("_audit_m2m_before", serialize(instance))
        return
    if not action.startswith("post_"):
        return
    before = instance.__dict__.pop("_audit_m2m_before", None)
    after = serialize(instance)
    ct = ContentType.objects.get_for_model(instance)
    existing = (
        ObjectChange.objects.filter(
            content_type=ct, object_id=str(instance.pk), request_id=current().request_id
        )
        .order_by("-id")
        .first()
    )
    if existing is not None:
        existing.postchange_data = after
        existing.save(update_fields=["postchange_data"])
    elif changed_keys(before, after):
        log_change(instance, ObjectChange.Action.UPDATE, before, after)


def connect_signals() -> None:
    pre_save.connect(_remember_before, dispatch_uid="gaoxin_audit_pre_save")
    post_save.connect(_log_save, dispatch_uid="gaoxin_audit_post_save")
    post_delete.connect(_log_delete, dispatch_uid="gaoxin_audit_post_delete")
    m2m_changed.connect(_log_m2m, dispatch_uid="gaoxin_audit_m2m")


# --- reading --------------------------------------------------------------------------


def audited_models() -> list[type]:
    """Every model the audit log holds rows of: the ``ChangeLoggedModel`` subclasses and the
    models whose bulk writers write rows themselves (``audited_in_bulk = True``)."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, ChangeLoggedModel) or getattr(model, "audited_in_bulk", False)
    ]


def audited_type_choices() -> list[tuple]:
    """The audit filter's object types by app, in the apps' and the models' own names."""
    types = ContentType.objects.get_for_models(*audited_models())
    groups: dict[str, list] = {}
    for model, ct in types.items():
        groups.setdefault(str(apps.get_app_config(model._meta.app_label).verbose_name), []).append(
            (ct.pk, str(model._meta.verbose_name))
        )
    return [(app, sorted(items, key=lambda item: item[1])) for app, items in groups.items()]


def display_value(field, value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, dict) and "repr" in value:
        return str(value["repr"])
    if isinstance(value, list):
        return "、".join(str(item) for item in value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if field is not None and getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def diff_rows(change: ObjectChange) -> list[dict]:
    model = change.content_type.model_class()
    before, after = change.prechange_data or {}, change.postchange_data or {}
    keys = [k for k in (after or before) if before.get(k) != after.get(k)]
    keys += [k for k in before if k not in after and k not in keys]
    if change.prechange_data is None or change.postchange_data is None:
        # A creation or deletion: list the fields that hold something.
        keys = [k for k in keys if (after or before).get(k) not in (None, "", [])]
    rows = []
    for key in keys:
        try:
            field = model._meta.get_field(key) if model else None
        except Exception:
            field = None
        label = str(field.verbose_name) if field is not None and hasattr(field, "verbose_name") else key
        rows.append(
            {
                "field": key,
                "label": label,
                "before": display_value(field, before.get(key)) if change.prechange_data is not None else "",
                "after": display_value(field, after.get(key)) if change.postchange_data is not None else "",
            }
        )
    return rows


# --- redaction: what a reader may not see of a stored change -------------------------------
#
# The audit log keeps everything it was given; some readers may not see all of it (a
# confidential lead's company is for its own team). An app registers, per model, the fields
# to hide and who may not see them; every place that shows stored changes (the audit list,
# a change, an object's History tab, /api/audit/) passes them through ``redact`` first.
# Redaction changes the rows in memory only: the stored record is never altered.


@dataclass(frozen=True)
class Redaction:
    fields: tuple[str, ...]
    # (user, changes of this model) -> {object id: the name to show} for the objects whose
    # fields the user may not see
    hidden: Callable
    # (user) -> the ids of every object of this model the user may not see whole: the
    # audit search does not find them by their stored name
    all_hidden: Callable


_REDACTIONS: dict[str, Redaction] = {}


def register_redaction(model, *, fields, hidden, all_hidden) -> None:
    _REDACTIONS[model._meta.label_lower] = Redaction(tuple(fields), hidden, all_hidden)


def search_exclusion(user, value: str) -> models.Q | None:
    """The audit search's rows to drop for ``user``: changes of objects it may not see whole,
    unless they matched by the user who made them (their stored name or message may hold
    what is hidden, e.g. a confidential lead's company recorded before it was confidential)."""
    if getattr(user, "is_superuser", False):
        return None
    condition = None
    for label, rule in _REDACTIONS.items():
        ids = [str(pk) for pk in rule.all_hidden(user)]
        if not ids:
            continue
        app_label, model = label.split(".")
        rows = models.Q(
            content_type__app_label=app_label, content_type__model=model, object_id__in=ids
        ) & ~models.Q(user_name__icontains=value)
        condition = rows if condition is None else condition | rows
    return condition


def _masked(data: dict | None, fields: tuple[str, ...]) -> dict | None:
    if data is None:
        return None
    hidden = str(_("(confidential)"))
    return {
        key: (hidden if key in fields and value not in (None, "", []) else value)
        for key, value in data.items()
    }


def redact(changes, user) -> list[ObjectChange]:
    """The changes as ``user`` may read them: registered fields of objects the user may not
    see are masked and the object's name replaced. Returns a list (evaluates a queryset)."""
    changes = list(changes)
    if not _REDACTIONS or getattr(user, "is_superuser", False):
        return changes
    groups: dict[str, list[ObjectChange]] = {}
    for change in changes:
        label = f"{change.content_type.app_label}.{change.content_type.model}"
        if label in _REDACTIONS:
            groups.setdefault(label, []).append(change)
    for label, group in groups.items():
        rule = _REDACTIONS[label]
        hidden = rule.hidden(user, group)
        for change in group:
            if change.object_id in hidden:
                change.prechange_data = _masked(change.prechange_data, rule.fields)
                change.postchange_data = _masked(change.postchange_data, rule.fields)
                change.object_repr = hidden[change.object_id]
                change.redacted = True
    return changes
