"""What the audit log shows of a confidential lead (``core.audit.register_redaction``).

A confidential lead keeps its company to its own team (``lead_is_mine``): the stored
changes of such a lead show its other readers — the auditor, another department — the code
name and "（保密）" in place of the company, its contact, source, note and local enterprise,
in the audit log, on a change, on the lead's History tab and in /api/audit/. A change
recorded before the lead became confidential is masked too: what counts is the lead now.
"""

from django.utils.translation import gettext as _

from gaoxin.core.models import ObjectChange
from gaoxin.zone.services import in_department

from .models import Lead

HIDDEN_FIELDS = ("company", "company_name", "contact", "source", "note", "enterprise")


def hidden_leads(user, changes) -> dict[str, str]:
    """{lead id: its code name} of the changed leads whose company ``user`` may not see."""
    ids = {change.object_id for change in changes}
    numeric = [int(pk) for pk in ids if pk.isdigit()]
    hidden = {
        str(pk): code_name or _("(confidential lead)")
        for pk, code_name in Lead.objects.visible_to(user)
        .filter(pk__in=numeric, company_hidden=True)
        .values_list("pk", "code_name")
    }
    seen = {str(pk) for pk in Lead.objects.filter(pk__in=numeric).values_list("pk", flat=True)}
    # A lead gone (deleted): its last stored state decides.
    gone = ids - seen
    last = {}
    if gone:
        for object_id, before, after in (
            ObjectChange.objects.filter(content_type__app_label="attraction", content_type__model="lead")
            .filter(object_id__in=gone)
            .order_by("time", "id")
            .values_list("object_id", "prechange_data", "postchange_data")
        ):
            last[object_id] = after or before or {}
    for object_id in gone:
        data = last.get(object_id, {})
        if data.get("confidential") and not (
            (data.get("owner") or {}).get("id") == user.pk
            or in_department(user, (data.get("department") or {}).get("id"))
        ):
            hidden[object_id] = data.get("code_name") or _("(confidential lead)")
    return hidden


def all_hidden_leads(user):
    """The ids of the leads whose company ``user`` may not see (deleted ones aside)."""
    return Lead.objects.visible_to(user).filter(company_hidden=True).values_list("pk", flat=True)
