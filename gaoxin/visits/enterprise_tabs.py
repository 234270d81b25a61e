"""The 走访 tab of an enterprise's page (``enterprises.tabs``): the firm's visits and the flags
of its latest visit. Zone staff only (a firm's user has no view permission on visits)."""

from django.utils.translation import gettext_lazy as _

from gaoxin.enterprises.tabs import EnterpriseTab, register

from .models import Visit
from .tables import VisitTable


def rows(enterprise, user):
    return (
        Visit.objects.visible_to(user)
        .filter(enterprise=enterprise)
        .select_related("enterprise", "plan", "leader", "department")
    )


def tab_context(enterprise, rows) -> dict:
    latest = rows.first()
    table = VisitTable(rows, exclude=("enterprise",))
    return {"latest": latest, "visits_table": table}


register(
    EnterpriseTab(
        code="visits",
        label=_("Visits"),
        model=Visit,
        rows=rows,
        empty=_("No visit recorded for this enterprise."),
        order=90,
        template="visits/enterprise_tab.html",
        context=tab_context,
    )
)
