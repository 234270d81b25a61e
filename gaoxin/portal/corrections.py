"""Corrections (更正, issue 15 item 2): a firm asks the zone to correct one field of a record it
sees in its dossier. The ask is a request of the 信息更正 category (deadlines, 待办, scores as
every request), routed to the department that owns the record (``enterprises.tabs.correctable``);
the department applies it through the record's own validation and save, so the audit entry
carries the before and after and names the request, or declines it with a reason."""

import datetime
from decimal import Decimal

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.core.context import acting_as, change_message
from gaoxin.core.permissions import may_change, perm_name
from gaoxin.core.templatetags.gaoxin import grouped
from gaoxin.enterprises import tabs
from gaoxin.enterprises.models import Enterprise

from . import services
from .models import Correction, FirmRequest, RequestCategory

CATEGORY = "correction"
S = FirmRequest.Status


def shown(obj, name: str) -> str:
    """A field's value as the firm reads it: the choice's label, a name, 是/否, a plain number."""
    field = obj._meta.get_field(name)
    value = getattr(obj, name)
    if value is None or value == "":
        return ""
    if field.choices:
        return str(getattr(obj, f"get_{name}_display")())
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, Decimal):
        places = max(0, -value.normalize().as_tuple().exponent)
        return grouped(value, places)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def label_of(obj, name: str) -> str:
    return str(obj._meta.get_field(name).verbose_name)


def target(user, label: str, pk) -> tuple[tabs.Correctable, models.Model]:
    """The record ``label``:``pk`` in ``user``'s scope, with its spec; unknown type, another
    firm's record or a record of no firm: 404."""
    try:
        spec = tabs.correctable_for(label)
        pk = int(pk)
    except (KeyError, TypeError, ValueError) as error:
        raise Http404 from error
    obj = spec.model.objects.visible_to(user).filter(pk=pk).first()
    if obj is None or firm_of(spec, obj) is None:
        raise Http404
    return spec, obj


def firm_of(spec, obj):
    pk = obj.pk if spec.firm == "pk" else getattr(obj, spec.firm, None)
    return Enterprise.objects.filter(pk=pk).first() if pk else None


def record_label(obj) -> str:
    return f"{obj._meta.verbose_name}：{obj}"[:200]


def fields_of(spec, obj) -> list[tuple[str, str, str]]:
    """(name, label, current value) of every field the firm may ask to correct."""
    return [(name, label_of(obj, name), shown(obj, name)) for name in spec.fields]


@transaction.atomic
def correction_raise(*, user, label: str, pk, field: str, proposed: str, reason: str, day=None) -> Correction:
    """The firm asks: one field, the value it should have, why. Routed to the record's owner
    department, else the 信息更正 category's."""
    spec, obj = target(user, label, pk)
    if field not in spec.fields:
        raise ValidationError({"field": _("This field cannot be corrected here.")})
    proposed, reason = (proposed or "").strip(), (reason or "").strip()
    current = shown(obj, field)
    if not proposed:
        raise ValidationError({"proposed_value": _("Write the value it should have.")})
    if proposed == current:
        raise ValidationError({"proposed_value": _("The record already holds this value.")})
    if not reason:
        raise ValidationError({"reason": _("Say why (for example the document that shows it).")})
    category = RequestCategory.objects.filter(code=CATEGORY).first()
    if category is None:
        raise ValidationError(_("The zone has no 信息更正 request category: tell the zone's staff."))
    name = label_of(obj, field)
    text = _("%(record)s\n%(field)s: now “%(current)s”, should be “%(proposed)s”.\nReason: %(reason)s") % {
        "record": record_label(obj),
        "field": name,
        "current": current or _("(empty)"),
        "proposed": proposed,
        "reason": reason,
    }
    req = services.request_raise(
        user=user,
        enterprise=firm_of(spec, obj),
        category=category,
        title=(_("Correct %(field)s") % {"field": name})[:100],
        text=text,
        day=day,
        department=spec.department(obj),
    )
    return Correction.objects.create(
        request=req,
        content_type=ContentType.objects.get_for_model(spec.model),
        object_id=obj.pk,
        field=field,
        field_label=name[:100],
        record_label=record_label(obj),
        current_value=current,
        proposed_value=proposed,
    )


def value_field(obj, name: str) -> forms.Field:
    """The form field the department sets the value with: the model field's own."""
    form_field = obj._meta.get_field(name).formfield()
    form_field.required = False
    return form_field


def initial_value(correction: Correction, obj):
    """The proposed value as the form's initial: a related record by its name, a number
    without its thousands separators."""
    field = obj._meta.get_field(correction.field)
    text = correction.proposed_value.strip()
    if field.is_relation:
        match = [o for o in field.related_model._default_manager.all()[:2000] if str(o) == text]
        return match[0].pk if len(match) == 1 else None
    if isinstance(field, models.DecimalField | models.IntegerField):
        return text.replace(",", "").replace("，", "")
    return text


def _decidable(user, correction: Correction):
    req = correction.request
    if not services.may_handle(user, req):
        raise PermissionDenied(_("Only the department the request is with decides on it."))
    if req.status not in (S.SUBMITTED, S.ACCEPTED) or correction.status == Correction.Status.APPLIED:
        raise ValidationError(_("This correction has been decided."))
    return req


def _accepted(user, req, day):
    if req.status == S.SUBMITTED:  # deciding at once accepts it on the same day
        services.request_accept(user=user, req=req, day=day)


@transaction.atomic
def correction_apply(*, user, correction: Correction, raw, day=None) -> Correction:
    """The department sets the value through the record's own checks; the audit entry names
    the request. A locked (approved) statistic stays locked: the reason is shown, nothing
    changes."""
    day = day or timezone.localdate()
    req = _decidable(user, correction)
    obj = correction.target
    if obj is None:
        raise ValidationError(_("The record no longer exists."))
    if not user.has_perm(perm_name(type(obj), "change")) or not may_change(user, obj):
        raise PermissionDenied(
            _("You may not change this record: pass the request to the department that keeps it.")
        )
    name = correction.field
    value = value_field(obj, name).clean(raw)
    before = shown(obj, name)
    setattr(obj, name, value)
    try:
        obj.full_clean()
    except ValidationError as error:
        raise ValidationError(field_messages(obj, error)) from error
    message = _("Corrected at the firm's request No. %(number)s “%(title)s”") % {
        "number": req.pk,
        "title": req.title,
    }
    with acting_as(user, "web"), change_message(message[:300]):
        obj.save()
    _accepted(user, req, day)
    correction.status, correction.decided_on, correction.decided_by = Correction.Status.APPLIED, day, user
    correction.applied_value = shown(obj, name)
    correction.save()
    answer = _("Corrected: %(field)s of %(record)s, “%(before)s” → “%(after)s”.") % {
        "field": correction.field_label,
        "record": correction.record_label,
        "before": before or _("(empty)"),
        "after": correction.applied_value or _("(empty)"),
    }
    services.request_answer(user=user, req=req, answer=answer, day=day)
    return correction


def field_messages(obj, error: ValidationError) -> list[str]:
    """The record's own refusals, each after the name of its field."""
    if not hasattr(error, "error_dict"):
        return error.messages
    names = {f.name for f in obj._meta.concrete_fields}
    return [
        f"{label_of(obj, name)}：{message}" if name in names else message
        for name, messages in error.message_dict.items()
        for message in messages
    ]


@transaction.atomic
def correction_decline(*, user, correction: Correction, reason: str, day=None) -> Correction:
    """The department keeps the record as it is and tells the firm why."""
    day = day or timezone.localdate()
    req = _decidable(user, correction)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the record stays as it is.")})
    _accepted(user, req, day)
    correction.status, correction.decided_on, correction.decided_by = Correction.Status.DECLINED, day, user
    correction.save()
    services.request_answer(
        user=user, req=req, answer=_("Not corrected: %(reason)s") % {"reason": reason}, day=day
    )
    return correction
