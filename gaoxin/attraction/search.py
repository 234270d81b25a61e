"""What the global search finds in 招商: leads (the lead list's own search, so a
confidential lead of another department is found by its code name and code only, and shows
its code name) and the stored files (signing contracts, activity attachments)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from gaoxin.core.permissions import perm_name
from gaoxin.core.search import Found, Hit, file_name, found, list_search, provider, with_query

from .filters_leads import LeadFilterSet
from .models import Activity, Lead, Signing


@provider("leads", gettext_lazy("Leads"), order=30, icon="target-arrow")
def find_leads(user, query, limit):
    queryset = list_search(Lead.objects.select_related("department"), LeadFilterSet, user, query)
    return found(queryset, limit, lead_hit, with_query(reverse("attraction:lead_list"), query))


def lead_hit(lead) -> Hit:
    """``shown_name`` follows ``company_hidden``: the code name where the company is secret."""
    parts = (lead.code, lead.get_stage_display(), lead.department.name if lead.department else "")
    title = lead.shown_name or lead.code
    extra = {"confidential": lead.confidential}
    return Hit("leads", title, " · ".join(p for p in parts if p), lead.get_absolute_url(), extra)


@provider("documents", gettext_lazy("Documents"), order=62, icon="file-text")
def find_contracts(user, query, limit):
    """Signing contracts by file name, through the signing's scope (staff only)."""
    if not user.has_perm(perm_name(Signing, "view")):
        return Found([], 0)
    queryset = (
        Signing.objects.visible_to(user)
        .exclude(contract_file="")
        .filter(contract_file__icontains=query)
        .order_by("-contract_date", "-pk")
    )

    def hit(signing):
        url = reverse("attraction:signing_contract", args=[signing.pk])
        return Hit("documents", file_name(signing.contract_file), signing.project_name, url)

    return found(queryset, limit, hit)


@provider("documents", gettext_lazy("Documents"), order=63, icon="file-text")
def find_activity_files(user, query, limit):
    """Activity attachments by file name, through the activity's scope (staff only)."""
    if not user.has_perm(perm_name(Activity, "view")):
        return Found([], 0)
    queryset = (
        Activity.objects.visible_to(user)
        .exclude(attachment="")
        .filter(attachment__icontains=query)
        .order_by("-date", "-pk")
    )

    def hit(activity):
        url = reverse("attraction:activity_attachment", args=[activity.pk])
        return Hit("documents", file_name(activity.attachment), f"{activity.date} {activity.title}", url)

    return found(queryset, limit, hit)
