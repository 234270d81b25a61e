"""The 创新积分 tab of an enterprise's page (``enterprises.tabs``): its points sheet for the
year, with its consents and the points loans it received."""

from django.utils.translation import gettext_lazy as _

from gaoxin.enterprises.tabs import EnterpriseTab, register

from .models import PointLoan, PointScheme


def rows(enterprise, user):
    return PointLoan.objects.visible_to(user).filter(enterprise=enterprise)


def context(enterprise, loans) -> dict:
    import datetime

    from .models import Consent
    from .services import scheme_on
    from .views import default_year, firm_sheet_context

    year = default_year()
    scheme = scheme_on(datetime.date(year, 12, 31)) or PointScheme.objects.first()
    found = {"loans": loans, "consents": Consent.objects.filter(enterprise=enterprise)}
    if scheme is None:
        return found
    return found | firm_sheet_context(None, enterprise, year, scheme)


register(
    EnterpriseTab(
        code="points",
        label=_("Innovation points"),
        model=PointScheme,
        rows=rows,
        empty=_("No points loan recorded."),
        order=60,
        template="points/enterprise_tab.html",
        context=context,
    )
)
