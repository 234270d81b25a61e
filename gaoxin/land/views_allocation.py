"""Pages of allocation (供地): land requests (list, detail, form, matching, withdraw), allocations
(list, detail with the copied terms and the commitment check, 出让/划拨, release) and the list of
unkept commitments (承诺未兑现). The rules are ``allocation.py``; these classes only ask it."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from gaoxin.core import roles
from gaoxin.core.permissions import require_change, require_perm
from gaoxin.core.views import ObjectDetailView, ObjectEditView, ObjectHistoryView, ObjectListView

from . import allocation as services
from .filters import AllocationFilterSet, LandRequestFilterSet
from .forms import LandRequestForm, ReasonForm, ReserveForm, SupplyForm
from .models import Allocation, LandRequest, Parcel
from .tables import AllocationTable, LandRequestTable

REQUESTS = LandRequest.objects.select_related(
    "lead", "signing", "project", "enterprise", "park", "land_use", "department"
)
ALLOCATIONS = Allocation.objects.select_related(
    "parcel", "parcel__park", "parcel__land_use", "request", "enterprise", "project"
)


def year_of(request) -> int:
    from gaoxin.zone.models import evaluation_date

    default = evaluation_date().year - 1  # the last year with complete annual facts
    try:
        year = int(request.GET.get("year") or default)
    except ValueError:
        year = default
    return min(max(year, 2000), 2100)


def request_tabs(obj, user) -> list[dict]:
    tabs = [
        ("profile", gettext_lazy("Profile"), "land:landrequest_detail"),
        ("matching", gettext_lazy("Matching parcels"), "land:landrequest_match"),
        ("history", gettext_lazy("History"), "land:landrequest_history"),
    ]
    return [
        {"code": c, "label": label, "url": reverse(n, args=[obj.pk]), "count": None} for c, label, n in tabs
    ]


def allocation_tabs(obj, user) -> list[dict]:
    tabs = [
        ("profile", gettext_lazy("Profile"), "land:allocation_detail"),
        ("history", gettext_lazy("History"), "land:allocation_history"),
    ]
    return [
        {"code": c, "label": label, "url": reverse(n, args=[obj.pk]), "count": None} for c, label, n in tabs
    ]


class LandRequestListView(ObjectListView):
    queryset = REQUESTS
    filterset_class = LandRequestFilterSet
    table_class = LandRequestTable
    add_url_name = "land:landrequest_add"


class LandRequestDetailView(ObjectDetailView):
    queryset = REQUESTS
    template_name = "land/landrequest_detail.html"
    tabs = staticmethod(request_tabs)

    def get_context(self, obj):
        return {"allocations": ALLOCATIONS.filter(request=obj), "withdraw_form": ReasonForm()}


class LandRequestHistoryView(ObjectHistoryView):
    queryset = REQUESTS
    tabs = staticmethod(request_tabs)


class LandRequestEditView(ObjectEditView):
    queryset = REQUESTS
    form_class = LandRequestForm


class LandRequestMatchView(ObjectDetailView):
    """The parcels that fit, closest area first, each criterion in words, with a reserve button."""

    queryset = REQUESTS
    template_name = "land/landrequest_match.html"
    tabs = staticmethod(request_tabs)
    tab = "matching"

    def get_context(self, obj):
        can_reserve = self.request.user.has_perm("land.add_allocation") and obj.status in (
            LandRequest.Status.OPEN,
            LandRequest.Status.RESERVED,
        )
        low, high = obj.area_range
        return {"candidates": services.candidates(obj), "can_reserve": can_reserve, "low": low, "high": high}


class ServiceActionView(ObjectDetailView):
    """A POST that asks a service; its refusal re-renders the form (400) with the reasons."""

    form_class = None
    template_name = "land/action_form.html"
    permission = "change"

    def check_action(self, obj):
        require_perm(self.request.user, self.model, self.permission)
        if self.permission == "change":
            require_change(self.request.user, obj)

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        self.check_action(obj)
        return self.show(obj, self.form_class(initial=request.GET.dict()))

    def show(self, obj, form, status=200):
        context = {
            **self.base_context(obj),
            "form": form,
            "title": f"{self.title} · {obj}",
            "action_title": self.title,
        }
        return render(self.request, self.template_name, context, status=status)

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        self.check_action(obj)
        form = self.form_class(request.POST)
        if not form.is_valid():
            return self.show(obj, form, status=400)
        try:
            done = self.act(obj, form.cleaned_data)
        except ValidationError as error:
            for name, errors in (
                error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
            ).items():
                for message in errors:
                    form.add_error(name if name in form.fields else None, message)
            return self.show(obj, form, status=400)
        messages.success(request, self.done_message)
        return redirect(done.get_absolute_url())


class ReserveView(ServiceActionView):
    queryset = REQUESTS
    form_class = ReserveForm
    permission = "add"
    title = gettext_lazy("Reserve a parcel")
    done_message = gettext_lazy("The parcel is reserved.")

    def check_action(self, obj):
        require_perm(self.request.user, Allocation, "add")

    def act(self, obj, data):
        return services.allocation_reserve(
            request=obj,
            parcel=data["parcel"],
            area_mu=data.get("area_mu"),
            date=data.get("date"),
            reason=data.get("reason") or "",
            user=self.request.user,
        )


class WithdrawView(ServiceActionView):
    queryset = REQUESTS
    form_class = ReasonForm
    title = gettext_lazy("Withdraw the land request")
    done_message = gettext_lazy("The land request is withdrawn.")

    def act(self, obj, data):
        return services.landrequest_withdraw(request=obj, reason=data["reason"], user=self.request.user)


class AllocationListView(ObjectListView):
    queryset = ALLOCATIONS
    filterset_class = AllocationFilterSet
    table_class = AllocationTable


class AllocationDetailView(ObjectDetailView):
    queryset = ALLOCATIONS.prefetch_related("moves__user")
    template_name = "land/allocation_detail.html"
    tabs = staticmethod(allocation_tabs)

    def get_context(self, obj):
        year = year_of(self.request)
        check = None
        if obj.status in Allocation.SUPPLIED and obj.parcel.status == Parcel.Status.PRODUCING:
            check = services.commitment_check(obj, year)
        return {"check": check, "year": year, "years": list(range(year + 1, year - 5, -1))}


class AllocationHistoryView(ObjectHistoryView):
    queryset = ALLOCATIONS
    tabs = staticmethod(allocation_tabs)


class SupplyView(ServiceActionView):
    queryset = ALLOCATIONS
    form_class = SupplyForm
    title = gettext_lazy("Supply the land (出让 / 划拨)")
    done_message = gettext_lazy("The land is supplied; the contract keeps the parcel's terms of today.")

    def act(self, obj, data):
        return services.allocation_supply(
            allocation=obj,
            kind=data["kind"],
            contract_date=data["contract_date"],
            contract_no=data.get("contract_no") or "",
            price=data.get("price"),
            reason=data.get("reason") or "",
            user=self.request.user,
        )


class ReleaseView(ServiceActionView):
    queryset = ALLOCATIONS
    form_class = ReasonForm
    title = gettext_lazy("Release the reservation")
    done_message = gettext_lazy("The reservation is released; the parcel is back in the reserve.")

    def act(self, obj, data):
        return services.allocation_release(
            allocation=obj, reason=data["reason"], date=data.get("date"), user=self.request.user
        )


class UnkeptListView(LoginRequiredMixin, View):
    """承诺未兑现: allocations in production whose facts fall below the contract's terms."""

    def get(self, request):
        require_perm(request.user, Allocation, "view")
        year = year_of(request)
        checks = services.commitment_checks(year, ALLOCATIONS.visible_to(request.user))
        context = {
            "title": _("Commitments not kept (承诺未兑现)"),
            "year": year,
            "years": list(range(year + 1, year - 5, -1)),
            "below": [c for c in checks if c.below],
            "missing": [c for c in checks if c.facts_missing],
            "kept": [c for c in checks if not c.below and not c.facts_missing],
        }
        return render(request, "land/unkept_list.html", context)


def parcel_allocations(parcel, user):
    """The parcel's reservations and allocations, newest first, for staff (none for a firm)."""
    if not roles.sees_whole_zone(user):
        return Allocation.objects.none()
    return ALLOCATIONS.filter(parcel=parcel).visible_to(user)
