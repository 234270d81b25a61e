"""Pages of the innovation points: the scheme (with its weights and stage rules pages), the
points list per year and stage, a firm's points sheet, the bank export, consents and loans."""

import datetime
from decimal import Decimal, InvalidOperation

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from gaoxin.core.downloads import file_response
from gaoxin.core.permissions import require_perm
from gaoxin.core.views import ObjectDetailView, ObjectEditView, ObjectListView
from gaoxin.enterprises.models import Enterprise
from gaoxin.zone.models import evaluation_date

from . import services
from .exports import sheets_workbook
from .filters import ConsentFilterSet, PointLoanFilterSet, PointSchemeFilterSet
from .forms import BankExportForm, ConsentForm, PointLoanForm, StageRuleFormSet
from .models import Consent, Group, Indicator, PointLoan, PointScheme, Stage
from .tables import ConsentTable, PointLoanTable, PointSchemeTable


def default_year() -> int:
    """The last complete year before the zone's evaluation date (its annual facts are in)."""
    return evaluation_date().year - 1


def chosen_year(request) -> int:
    try:
        return int(request.GET.get("year") or default_year())
    except ValueError:
        return default_year()


def scheme_for(request, year: int) -> PointScheme:
    pk = request.GET.get("scheme")
    if pk and pk.isdigit():
        return get_object_or_404(PointScheme, pk=pk)
    scheme = services.scheme_on(datetime.date(year, 12, 31)) or PointScheme.objects.first()
    if scheme is None:
        raise Http404(_("No point scheme yet."))
    return scheme


class SchemeListView(ObjectListView):
    queryset = PointScheme.objects.all()
    filterset_class = PointSchemeFilterSet
    table_class = PointSchemeTable


class SchemeDetailView(ObjectDetailView):
    queryset = PointScheme.objects.all()
    template_name = "points/scheme_detail.html"

    def get_context(self, obj):
        indicators = list(obj.indicators.all())
        groups = [(g, [i for i in indicators if i.group == g.value]) for g in Group]
        totals = {s.value: sum((i.weight(s.value) for i in indicators), Decimal(0)) for s in Stage}
        user = self.request.user
        return {
            "groups": groups,
            "totals": [totals[s.value] for s in Stage],
            "stages": list(Stage),
            "rules": obj.stage_rules.all(),
            "tiers": obj.tiers.all(),
            "problems": services.scheme_problems(obj),
            "can_weights": user.has_perm("points.change_indicator"),
            "can_rules": user.has_perm("points.change_stagerule"),
        }


class SchemeWeightsView(LoginRequiredMixin, View):
    """All weights of a scheme in one form: saved only when every stage sums to 100."""

    def setup_scheme(self, request, pk):
        require_perm(request.user, Indicator, "change")
        self.scheme = get_object_or_404(PointScheme, pk=pk)
        self.indicators = list(self.scheme.indicators.all())

    def get(self, request, pk):
        self.setup_scheme(request, pk)
        rows = [(i, [(s, i.weight(s.value)) for s in Stage]) for i in self.indicators]
        return self.page(rows, [])

    def post(self, request, pk):
        self.setup_scheme(request, pk)
        weights, rows, errors = {}, [], []
        for indicator in self.indicators:
            entered = {}
            for stage in Stage:
                text = request.POST.get(f"w-{indicator.pk}-{stage.value}", "").strip() or "0"
                try:
                    entered[stage.value] = Decimal(text)
                except InvalidOperation:
                    errors.append(
                        _("%(name)s: “%(text)s” is not a number.") % {"name": indicator.name, "text": text}
                    )
                    entered[stage.value] = text
            weights[indicator.pk] = entered
            rows.append((indicator, [(s, entered[s.value]) for s in Stage]))
        if not errors:
            try:
                services.weights_set(scheme=self.scheme, weights=weights)
                return redirect(self.scheme.get_absolute_url())
            except ValidationError as refused:
                errors = refused.messages
        return self.page(rows, errors, status=400)

    def page(self, rows, errors, status=200):
        context = {
            "title": _("Weights of %(scheme)s") % {"scheme": self.scheme},
            "object": self.scheme,
            "rows": rows,
            "stages": list(Stage),
            "errors": errors,
        }
        return render(self.request, "points/scheme_weights.html", context, status=status)


class StageRulesView(LoginRequiredMixin, View):
    """The scheme's stage rules in one form: saved only when every firm gets a stage."""

    def get(self, request, pk):
        scheme = self.scheme(request, pk)
        initial = [
            {f: getattr(r, f) for f in ("stage", "min_age", "max_age", "min_revenue", "max_revenue")}
            for r in scheme.stage_rules.all()
        ]
        return self.page(scheme, StageRuleFormSet(initial=initial), [])

    def post(self, request, pk):
        scheme = self.scheme(request, pk)
        formset = StageRuleFormSet(request.POST)
        errors = []
        if formset.is_valid():
            rules = [f.cleaned_data for f in formset.forms if f.cleaned_data.get("stage")]
            try:
                services.stage_rules_set(scheme=scheme, rules=rules)
                return redirect(scheme.get_absolute_url())
            except ValidationError as refused:
                errors = refused.messages
        return self.page(scheme, formset, errors, status=400)

    def scheme(self, request, pk):
        require_perm(request.user, Indicator._meta.apps.get_model("points", "StageRule"), "change")
        return get_object_or_404(PointScheme, pk=pk)

    def page(self, scheme, formset, errors, status=200):
        context = {"title": _("Stage rules of %(scheme)s") % {"scheme": scheme}, "object": scheme}
        context |= {"formset": formset, "errors": errors}
        return render(self.request, "points/stage_rules.html", context, status=status)


class PointsListView(LoginRequiredMixin, View):
    """Every firm's points for a year, by stage and rank (``?year=&stage=``; ``?export=xlsx``)."""

    def get(self, request):
        require_perm(request.user, PointScheme, "view")
        year = chosen_year(request)
        scheme = scheme_for(request, year)
        stage = request.GET.get("stage") if request.GET.get("stage") in Stage.values else None
        sheets = services.sheets_for(request.user, scheme=scheme, year=year, stage=stage)
        if request.GET.get("export") == "xlsx":
            name = _("Innovation points %(year)s") % {"year": year}
            return file_response(
                sheets_workbook(sheets, scheme), f"{name}.xlsx", fallback=f"points-{year}.xlsx"
            )
        page = Paginator(sheets, 50).get_page(request.GET.get("page"))
        context = {
            "title": _("Innovation points"),
            "scheme": scheme,
            "year": year,
            "stage": stage,
            "stages": list(Stage),
            "page": page,
            "distribution": distribution(sheets, scheme),
            "count": len(sheets),
        }
        return render(request, "points/points_list.html", context)


def distribution(sheets, scheme) -> list[dict]:
    """Firms per stage and tier (the points' distribution), untiered and unstaged counted."""
    rows = []
    for stage in Stage:
        members = [s for s in sheets if s.stage == stage.value]
        codes = [t.code for t in scheme.tiers.all() if t.stage == stage.value]
        counts = [(code, sum(1 for s in members if s.tier == code)) for code in codes]
        rows.append(
            {
                "stage": stage.label,
                "count": len(members),
                "tiers": counts,
                "untiered": sum(1 for s in members if not s.tier),
            }
        )
    rows.append(
        {"stage": _("No stage"), "count": sum(1 for s in sheets if not s.stage), "tiers": [], "untiered": 0}
    )
    return rows


def firm_sheet_context(user, enterprise, year: int, scheme: PointScheme) -> dict:
    sheets = services.points_compute(scheme=scheme, year=year)
    sheet = next((s for s in sheets if s.enterprise_id == enterprise.pk), None)
    return {"sheet": sheet, "scheme": scheme, "year": year, "enterprise": enterprise}


class SheetView(LoginRequiredMixin, View):
    """A firm's points sheet: each indicator's raw value, points, weight and contribution."""

    def get(self, request, pk):
        enterprise = get_object_or_404(Enterprise.objects.visible_to(request.user), pk=pk)
        require_perm(request.user, PointScheme, "view")
        year = chosen_year(request)
        context = firm_sheet_context(request.user, enterprise, year, scheme_for(request, year))
        context["title"] = _("Points sheet of %(firm)s, %(year)s") % {"firm": enterprise.name, "year": year}
        return render(request, "points/sheet.html", context)


class BankExportView(LoginRequiredMixin, View):
    """The points for a bank (.xlsx): only firms that consented to that bank."""

    def get(self, request):
        require_perm(request.user, Consent, "change")
        return self.page(BankExportForm(initial={"year": default_year()}), [])

    def post(self, request):
        require_perm(request.user, Consent, "change")
        form = BankExportForm(request.POST)
        if not form.is_valid():
            return self.page(form, [], status=400)
        data = form.cleaned_data
        try:
            ids = firm_ids(request.user, data["enterprises"])
            scheme = scheme_for(request, data["year"])
            sheets = services.bank_export_rows(
                user=request.user,
                scheme=scheme,
                year=data["year"],
                bank=data["bank"],
                day=evaluation_date(),
                enterprise_ids=ids,
            )
        except ValidationError as refused:
            return self.page(form, refused.messages, status=400)
        name = _("Innovation points %(year)s for %(bank)s") % {"year": data["year"], "bank": data["bank"]}
        return file_response(
            sheets_workbook(sheets, scheme), f"{name}.xlsx", fallback=f"points-bank-{data['year']}.xlsx"
        )

    def page(self, form, errors, status=200):
        context = {"title": _("Points export for a bank"), "form": form, "errors": errors}
        return render(self.request, "points/bank_export.html", context, status=status)


def firm_ids(user, text: str) -> list[int] | None:
    """Credit codes (one per line or separated by commas) → the firms' ids; unknown is an error."""
    codes = [c.strip().upper() for c in text.replace("，", ",").replace("\n", ",").split(",") if c.strip()]
    if not codes:
        return None
    found = dict(Enterprise.objects.visible_to(user).filter(uscc__in=codes).values_list("uscc", "pk"))
    unknown = [c for c in codes if c not in found]
    if unknown:
        raise ValidationError(_("No enterprise with credit code %(codes)s.") % {"codes": "、".join(unknown)})
    return [found[c] for c in codes]


class ConsentListView(ObjectListView):
    queryset = Consent.objects.select_related("enterprise")
    filterset_class = ConsentFilterSet
    table_class = ConsentTable
    add_url_name = "points:consent_add"


class ConsentEditView(ObjectEditView):
    queryset = Consent.objects.select_related("enterprise")
    form_class = ConsentForm


class LoanListView(ObjectListView):
    queryset = PointLoan.objects.select_related("enterprise")
    filterset_class = PointLoanFilterSet
    table_class = PointLoanTable
    add_url_name = "points:loan_add"

    def summary(self, queryset) -> str:
        from django.db.models import Sum

        total = queryset.aggregate(s=Sum("amount"))["s"] or 0
        return _("%(count)d loans, %(amount)s (100M yuan) in all.") % {
            "count": queryset.count(),
            "amount": f"{total / 10000:,.2f}",
        }


class LoanEditView(ObjectEditView):
    queryset = PointLoan.objects.select_related("enterprise")
    form_class = PointLoanForm
