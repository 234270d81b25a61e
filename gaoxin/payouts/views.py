"""Pages of the payout ledger: thin classes on core's generic views, and the totals page."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views import View

from gaoxin.core.permissions import may_change, require_perm
from gaoxin.core.views import ObjectDetailView, ObjectEditView, ObjectListView

from .filters import PayoutFilterSet, ProgrammeFilterSet
from .forms import PayoutForm
from .models import Payout, Programme
from .services import budget_lines_with_paid, payout_totals
from .tables import PayoutTable, ProgrammeTable

PAYOUTS = Payout.objects.select_related("enterprise", "programme", "budget_line", "programme__department")


class PayoutListView(ObjectListView):
    queryset = PAYOUTS
    filterset_class = PayoutFilterSet
    table_class = PayoutTable
    add_url_name = "payouts:payout_add"
    import_kind = "payouts"


class PayoutDetailView(ObjectDetailView):
    queryset = PAYOUTS
    template_name = "payouts/payout_detail.html"

    def get_context(self, obj):
        return {"can_change": may_change(self.request.user, obj)}


class PayoutEditView(ObjectEditView):
    queryset = PAYOUTS
    form_class = PayoutForm


class ProgrammeListView(ObjectListView):
    queryset = Programme.objects.select_related("department")
    filterset_class = ProgrammeFilterSet
    table_class = ProgrammeTable


class ProgrammeDetailView(ObjectDetailView):
    queryset = Programme.objects.select_related("department")
    template_name = "payouts/programme_detail.html"

    def get_context(self, obj):
        payouts = Payout.objects.visible_to(self.request.user).filter(programme=obj)
        return {"lines": budget_lines_with_paid(obj), "totals": payout_totals(payouts)}


class PayoutTotalsView(LoginRequiredMixin, View):
    """Paid per programme and year (资金拨付汇总), as the reader's scope sees the payouts."""

    def get(self, request):
        require_perm(request.user, Payout, "view")
        payouts = Payout.objects.visible_to(request.user)
        return render(
            request,
            "payouts/totals.html",
            {"title": _("Payouts by programme and year"), "totals": payout_totals(payouts)},
        )
