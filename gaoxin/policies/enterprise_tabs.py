"""The enterprise page's tab 政策: the firm's disbursements and a link to its 体检报告."""

from django.utils.translation import gettext_lazy as _

from gaoxin.enterprises.tabs import EnterpriseTab, register

from .models import Disbursement


def rows(enterprise, user):
    return (
        Disbursement.objects.visible_to(user).filter(enterprise=enterprise).select_related("clause__policy")
    )


def check_link(enterprise):
    """The dossier's link to the firm's 体检报告: every policy it meets, with the numbers."""
    from django.urls import reverse

    from gaoxin.zone.models import evaluation_date

    year = evaluation_date().year
    return _("Policies this firm meets (policy check report)"), (
        f"{reverse('policies:policy_check', args=[enterprise.pk])}?year={year}"
    )


def context(enterprise, rows):
    from gaoxin.zone.models import evaluation_date

    return {"check_year": evaluation_date().year}


register(
    EnterpriseTab(
        code="policies",
        label=_("Policies"),
        model=Disbursement,
        rows=rows,
        empty=_("No policy award has been proposed for this enterprise yet."),
        order=90,
        template="policies/enterprise_tab.html",
        context=context,
        card_fields=("year", "amount", "stage"),
        card_link=check_link,
    )
)
