"""The enterprise page's 培育 tab: every tier's criteria for the firm, with numbers,
thresholds, the rule set's source and version, and the firm's recognitions."""

from django.utils.translation import gettext_lazy as _

from gaoxin.enterprises.tabs import EnterpriseTab, register

from . import engine
from .models import Recognition
from .rules import Tier


def recognition_rows(enterprise, user):
    return Recognition.objects.visible_to(user).filter(enterprise=enterprise).select_related("batch")


def tab_context(enterprise, rows) -> dict:
    from .views import default_year

    year = default_year()
    data = engine.load([enterprise.pk], [year])
    labels = dict(Tier.choices)
    results = [(labels[t], engine.evaluate(data, t, enterprise.pk, year)) for t in Tier.values]
    return {"year": year, "results": results, "recognitions": rows}


register(
    EnterpriseTab(
        code="cultivation",
        label=_("Cultivation"),
        model=Recognition,
        rows=recognition_rows,
        empty=_("Not in any recognition batch."),
        order=60,
        template="cultivation/enterprise_tab.html",
        context=tab_context,
    )
)
