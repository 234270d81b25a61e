"""The enterprise page's 招商 tabs: the leads that name the firm, the activities that met it,
its signings. A confidential lead of another department would tell that the firm is being
courted: it is left out for whoever ``visible_to`` hides its company from, like the company
timeline does; so are the activities reached only through such a lead."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gaoxin.enterprises.tabs import EnterpriseTab, register

from .models import Signing
from .tables_leads import ActivityTable, LeadTable
from .tables_signings import SigningTable
from .views_leads import activity_queryset, lead_queryset


def lead_rows(enterprise, user):
    return lead_queryset().visible_to(user).filter(enterprise=enterprise).exclude(company_hidden=True)


def activity_rows(enterprise, user):
    leads = lead_rows(enterprise, user).values("pk")
    met = Q(companies__uscc=enterprise.uscc) | Q(leads__in=leads)
    activities = activity_queryset().visible_to(user)
    return activities.filter(pk__in=activities.filter(met).values("pk")).order_by("-date", "-id")


def signing_rows(enterprise, user):
    related = ("lead_industry", "node", "department", "reported_by", "verified_by", "project")
    return Signing.objects.select_related(*related).visible_to(user).filter(enterprise=enterprise)


register(
    EnterpriseTab(
        code="leads",
        label=pgettext_lazy("enterprise tab", "Leads"),
        model=lead_queryset().model,
        rows=lead_rows,
        table=LeadTable,
        exclude=(),
        empty=_("No lead names this firm."),
        order=60,
    )
)
register(
    EnterpriseTab(
        code="activities",
        label=pgettext_lazy("enterprise tab", "Activities"),
        model=activity_queryset().model,
        rows=activity_rows,
        table=ActivityTable,
        exclude=(),
        empty=_("No promotion activity met this firm."),
        order=65,
    )
)
register(
    EnterpriseTab(
        code="signings",
        label=pgettext_lazy("enterprise tab", "Signings"),
        model=Signing,
        rows=signing_rows,
        table=SigningTable,
        exclude=(),
        empty=_("No signing with this firm."),
        order=70,
    )
)
