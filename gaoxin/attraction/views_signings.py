"""Pages of signings (签约项目), their funds in place (到位资金: the signing's tab, the edit
form, the list of every month), the "345" screening standards and the commitment check.
The rules live in services_signings, services_funds and the models; these views only call them."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from gaoxin.core.locking import VersionConflict
from gaoxin.core.permissions import may_change, require_change
from gaoxin.core.views import ObjectEditView, ObjectListView, ScopedMixin, require_perm, safe_next

from . import services_funds
from . import services_signings as services
from .filters_signings import ScreeningStandardFilterSet, SigningFilterSet, SigningFundingFilterSet
from .forms_signings import ScreeningStandardForm, SigningForm, SigningFundingForm, VerifyForm
from .models import ScreeningStandard, Signing, SigningFunding, SigningOpinion
from .tables_signings import ScreeningStandardTable, SigningFundingTable, SigningTable


def signing_tabs(signing: Signing) -> list[dict]:
    """The signing's page and its funds in place (with the number of months)."""
    tabs = [
        ("profile", gettext_lazy("Signing"), "attraction:signing_detail", None),
        ("funds", gettext_lazy("Funds in place"), "attraction:signing_funds", signing.fundings.count()),
    ]
    return [
        {"code": code, "label": label, "url": reverse(name, args=[signing.pk]), "count": count}
        for code, label, name, count in tabs
    ]


def _errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(name if name in form.fields else None, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


class SigningListView(ObjectListView):
    queryset = Signing.objects.select_related(
        "lead_industry", "node", "department", "reported_by", "verified_by", "project"
    )
    filterset_class = SigningFilterSet
    table_class = SigningTable
    template_name = "attraction/signings/signing_list.html"
    add_url_name = "attraction:signing_add"


class SigningEditView(ObjectEditView):
    queryset = Signing.objects.all()
    form_class = SigningForm
    template_name = "attraction/signings/signing_edit.html"

    def post(self, request, *args, **kwargs):
        obj = self.get_object_or_none()
        self.check_permission(obj)
        if obj is not None:
            obj.snapshot()
        form = self.get_form(obj, request.POST, request.FILES)
        if not form.is_valid():
            return self.render_form(obj, form, status=400)
        signing = form.save(commit=False)
        note = form.cleaned_data.get("confirm_note", "")
        try:
            if obj is None:
                services.signing_report(signing=signing, user=request.user, confirm_note=note)
            else:
                signing.expect_version(request.POST.get("_version", ""))
                services.signing_update(signing=signing, user=request.user, confirm_note=note)
        except VersionConflict:
            return self.render_form(obj, form, status=409, conflict=self.conflict(obj))
        except ValidationError as exc:
            _errors(form, exc)
            return self.render_form(obj, form, status=400)
        messages.success(request, _("Saved %(name)s.") % {"name": signing})
        return redirect(safe_next(request, signing.get_absolute_url()))


class SigningDetailView(ScopedMixin, View):
    queryset = Signing.objects.select_related(
        "lead_industry",
        "node__chain__lead_industry",
        "department",
        "reported_by",
        "verified_by",
        "project",
        "enterprise",
    ).prefetch_related(Prefetch("opinions", queryset=SigningOpinion.objects.select_related("user")))
    template_name = "attraction/signings/signing_detail.html"

    def context(self, signing, form=None) -> dict:
        user = self.request.user
        return {
            "object": signing,
            "title": str(signing),
            "screening": services.screen_signing(signing)
            if signing.kind == Signing.Kind.INVESTMENT
            else None,
            "opinions": signing.opinions.all(),
            "can_edit": may_change(user, signing)
            and (signing.status != Signing.Status.VERIFIED or user.is_superuser),
            "can_verify": services.signing_may_verify(user, signing),
            "can_comment": user.has_perm("attraction.verify_signing"),
            "is_reporter": signing.reported_by_id == user.pk,
            "can_to_project": signing.status == Signing.Status.VERIFIED
            and signing.kind == Signing.Kind.INVESTMENT
            and signing.project_id is None
            and user.has_perm("projects.add_project"),
            "verify_form": form or VerifyForm(),
            "tabs": signing_tabs(signing),
            "active_tab": "profile",
        }

    def get(self, request, *args, **kwargs):
        signing = self.get_object()
        require_perm(request.user, Signing, "view")
        return render(request, self.template_name, self.context(signing))


class SigningVerifyView(ScopedMixin, View):
    queryset = Signing.objects.all()

    def post(self, request, *args, **kwargs):
        signing = self.get_object()
        require_perm(request.user, Signing, "view")
        require_perm(request.user, Signing, "verify")  # before the form: a reader is refused (403)
        form = VerifyForm(request.POST)
        if form.is_valid():
            try:
                services.signing_verify(
                    signing=signing,
                    user=request.user,
                    verdict=form.cleaned_data["verdict"],
                    opinion=form.cleaned_data["opinion"],
                )
            except ValidationError as exc:
                _errors(form, exc)
            else:
                messages.success(request, _("Opinion recorded."))
                return redirect(signing.get_absolute_url())
        view = SigningDetailView()
        view.request, view.kwargs = request, kwargs
        signing = view.get_object()
        return render(request, view.template_name, view.context(signing, form), status=400)


class SigningToProjectView(ScopedMixin, View):
    queryset = Signing.objects.all()

    def post(self, request, *args, **kwargs):
        signing = self.get_object()
        require_perm(request.user, Signing, "view")
        try:
            project = services.signing_to_project(signing=signing, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(signing.get_absolute_url())
        messages.success(request, _("Key project %(code)s created.") % {"code": project.code})
        return redirect(project.get_absolute_url())


class SigningFundsView(ScopedMixin, View):
    """The signing's tab: each month's funds in place, the cumulative total and 到位率."""

    queryset = Signing.objects.all()
    template_name = "attraction/signings/signing_funds.html"

    def get(self, request, *args, **kwargs):
        signing = self.get_object()
        require_perm(request.user, Signing, "view")
        require_perm(request.user, SigningFunding, "view")
        months = services_funds.funding_months(signing)
        context = {
            "object": signing,
            "title": str(signing),
            "tabs": signing_tabs(signing),
            "active_tab": "funds",
            "months": months,
            "last": months[-1] if months else None,
            "can_add": request.user.has_perm("attraction.add_signingfunding")
            and may_change(request.user, signing),
        }
        return render(request, self.template_name, context)


class SigningFundingListView(ObjectListView):
    queryset = SigningFunding.objects.select_related("signing")
    filterset_class = SigningFundingFilterSet
    table_class = SigningFundingTable
    import_kind = "signing_funds"


class SigningFundingEditView(ObjectEditView):
    """A month of funds in place, added under its signing's URL. Adding needs the signing's
    department like any change of it; the signing's status is left alone (funding is
    recorded beside a verified signing, not in it)."""

    queryset = SigningFunding.objects.select_related("signing")
    form_class = SigningFundingForm
    parent_queryset = Signing.objects.all()
    parent_field = "signing"

    def check_permission(self, obj) -> None:
        super().check_permission(obj)
        if obj is None:
            require_change(self.request.user, self.get_parent(None))


class StandardListView(ObjectListView):
    queryset = ScreeningStandard.objects.select_related("lead_industry")
    filterset_class = ScreeningStandardFilterSet
    table_class = ScreeningStandardTable
    template_name = "attraction/signings/standard_list.html"
    add_url_name = "attraction:standard_add"


class StandardEditView(ObjectEditView):
    queryset = ScreeningStandard.objects.all()
    form_class = ScreeningStandardForm

    def list_url_name(self) -> str:
        return "attraction:standard_list"

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        if response.status_code == 302 and "next" not in request.POST:
            return redirect("attraction:standard_list")
        return response


class CommitmentListView(LoginRequiredMixin, View):
    template_name = "attraction/signings/commitment_list.html"

    def get(self, request):
        require_perm(request.user, Signing, "view")
        this_year = timezone.localdate().year
        try:
            year = int(request.GET.get("year") or this_year - 1)
        except ValueError:
            year = this_year - 1
        year = min(max(year, 1990), 2100)
        checks = services.commitment_checks(year)
        return render(
            request,
            self.template_name,
            {
                "title": _("Commitment check"),
                "year": year,
                "years": list(range(this_year, this_year - 6, -1)),
                "below": [c for c in checks if c.below],
                "missing": [c for c in checks if c.facts_missing],
                "kept": [c for c in checks if not c.below and not c.facts_missing],
            },
        )
