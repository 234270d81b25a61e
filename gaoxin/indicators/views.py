"""Economic monitoring pages: the catalogue, an indicator's year (series, target, forecast,
parks), observations with their provenance, targets, data sets and submissions."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View

from gaoxin.core import roles
from gaoxin.core.forms import style_widgets
from gaoxin.core.views import ObjectDetailView, ObjectEditView, ObjectHistoryView, ObjectListView

from . import services, workflow
from .filters import (
    DataSetFilterSet,
    IndicatorFilterSet,
    ObservationFilterSet,
    SubmissionFilterSet,
    TargetFilterSet,
)
from .forms import ObservationForm, TargetForm
from .models import (
    Aggregate,
    DataSet,
    Indicator,
    Observation,
    Scope,
    Submission,
    Target,
    ValidationFlag,
    period_label,
)
from .tables import DataSetTable, IndicatorTable, ObservationTable, SubmissionTable, TargetTable


def chosen_year(request, default: int | None = None) -> int:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        latest = services.latest_period()
        return default or (latest[0] if latest else services.today().year)


class IndicatorListView(ObjectListView):
    queryset = Indicator.objects.select_related("department", "leader")
    filterset_class = IndicatorFilterSet
    table_class = IndicatorTable
    import_kind = "indicator-table"


def indicator_tabs(obj, user):
    return [
        {"code": "profile", "label": _("Year"), "url": obj.get_absolute_url(), "count": None},
        {
            "code": "history",
            "label": _("History"),
            "url": reverse("indicators:indicator_history", args=[obj.pk]),
            "count": None,
        },
    ]


class IndicatorDetailView(ObjectDetailView):
    queryset = Indicator.objects.select_related("department", "leader", "numerator", "denominator")
    template_name = "indicators/indicator_detail.html"
    tabs = staticmethod(indicator_tabs)

    def get_context(self, obj):
        year = chosen_year(self.request)
        data = services.ZoneData([obj], [year, year - 1, year - 2, year - 3])
        target = Target.objects.filter(indicator=obj, year=year, scope_key="zone").first()
        months = data.months_with_data(obj, year)
        rows = []
        for month in range(1, 13):
            reading = data.reading(obj, year, month)
            last = data.reading(obj, year - 1, month)
            if not reading.has_data and not last.has_data:
                continue
            status = services.target_status(target, reading, data) if target and reading.has_data else None
            rows.append({"reading": reading, "last": last, "status": status})
        latest = months[-1] if months else None
        context = {
            "year": year,
            "rows": rows,
            "target": target,
            "latest": latest,
            "years": sorted(
                set(Observation.objects.filter(indicator=obj).values_list("year", flat=True)) | {year},
                reverse=True,
            ),
        }
        if latest:
            context["forecast_growth"] = services.forecast_growth(obj, year, latest, data)
            context["forecast_level"] = (
                services.forecast_level(obj, year, latest, data) if obj.kind == Indicator.Kind.LEVEL else None
            )
            context["parks"] = park_growths(obj, year, latest)
            if target:
                context["status"] = services.target_status(target, data.reading(obj, year, latest), data)
        context["split_targets"] = split_target_states(obj, year)
        context["chart"] = services.chart_data(obj, year, data, target)
        context["observations_url"] = (
            f"{reverse('indicators:observation_list')}?indicator={obj.code}&year={year}"
        )
        return context


def park_growths(indicator: Indicator, year: int, month: int) -> list[dict]:
    """The parks' sums of a period, each with its growth and the basis it stands on."""
    rows = []
    for aggregate in Aggregate.objects.filter(
        indicator=indicator, year=year, month=month, scope=Scope.PARK
    ).select_related("park"):
        rows.append(
            {"aggregate": aggregate, "park": aggregate.park, "basis": services.aggregate_growth(aggregate)}
        )
    return rows


def split_target_states(indicator: Indicator, year: int) -> list[dict]:
    """The targets split to parks and departments, each against its own numbers (the
    park's totals of its enterprises, or the values filed for the department)."""
    states = []
    targets = (
        Target.objects.filter(indicator=indicator, year=year)
        .exclude(scope_key="zone")
        .select_related("park", "department")
    )
    for target in targets:
        data = services.ZoneData([indicator], [year, year - 1], scope_key=target.scope_key)
        month = data.latest_month(indicator, year)
        if month is None:
            status = services.Status("grey", _("No data for this year yet."))
        else:
            status = services.target_status(target, data.reading(indicator, year, month), data)
        states.append({"target": target, "owner": target.park or target.department, "status": status})
    return states


class IndicatorHistoryView(ObjectHistoryView):
    queryset = Indicator.objects.all()
    tabs = staticmethod(indicator_tabs)


class ObservationListView(ObjectListView):
    queryset = Observation.objects.select_related(
        "indicator", "enterprise", "park", "department", "entered_by", "approved_by", "submission"
    )
    filterset_class = ObservationFilterSet
    table_class = ObservationTable
    import_kind = "enterprise-monthly"

    def default_filters(self, request) -> dict:
        """The latest period unless the user picks a year (a province holds millions of
        values: the whole list would be sorted and counted on every page)."""
        if "year" in request.GET or "month" in request.GET:
            return {}
        latest = services.latest_period()
        return {"year": str(latest[0]), "month": str(latest[1])} if latest else {}


class ObservationDetailView(ObjectDetailView):
    queryset = Observation.objects.select_related(
        "indicator", "enterprise", "park", "submission__data_set", "entered_by", "approved_by"
    )
    template_name = "indicators/observation_detail.html"

    def get_context(self, obj):
        return {
            "title": str(obj),
            "changes": observation_changes(obj),
            "period": obj.period,
            "prior_growth": services.growth_between(obj.value, obj.previous_value),
            "prior_remark": services.growth_remark(obj.value, obj.previous_value),
        }


def observation_changes(obj: Observation, limit: int = 50) -> list:
    """The history of one value: its own changes (edits, approval) and the table rows that
    wrote it (audited once per row on the submission, see docs/adr/0008), narrowed to this
    indicator."""
    from django.contrib.contenttypes.models import ContentType

    from gaoxin.core.audit import diff_rows
    from gaoxin.core.models import ObjectChange

    own = Q(content_type=ContentType.objects.get_for_model(Observation), object_id=str(obj.pk))
    if obj.submission_id:
        # Not a JSON key lookup: Django's SQLite key paths escape Chinese names (\uXXXX)
        # and then match nothing; a submission holds few rows per enterprise anyway.
        row = Q(content_type=ContentType.objects.get_for_model(Submission), object_id=str(obj.submission_id))
        if obj.enterprise_id:
            row &= Q(related_object_id=str(obj.enterprise_id))
        own |= row
    name = obj.indicator.name
    changes = []
    for change in ObjectChange.objects.filter(own).select_related("content_type", "user"):
        if change.content_type.model == "submission":
            rows = [r for r in diff_rows(change) if r["field"] == name]
            if not rows:
                continue
            change.diff = lambda rows=rows: rows
        changes.append(change)
        if len(changes) == limit:
            break
    return changes


class ObservationEditView(ObjectEditView):
    queryset = Observation.objects.select_related("indicator", "enterprise", "park", "submission")
    form_class = ObservationForm

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        if response.status_code == 302:  # the zone and park totals follow the corrected value
            obj = self.get_object()
            if obj.scope == Scope.ENTERPRISE:
                services.refresh_aggregates({(obj.year, obj.month)})
        return response


class TargetListView(ObjectListView):
    queryset = Target.objects.select_related("indicator", "park", "department")
    filterset_class = TargetFilterSet
    table_class = TargetTable
    add_url_name = "indicators:target_add"


class TargetEditView(ObjectEditView):
    queryset = Target.objects.all()
    form_class = TargetForm


class DataSetListView(ObjectListView):
    queryset = DataSet.objects.select_related("department")
    filterset_class = DataSetFilterSet
    table_class = DataSetTable


class DataSetDetailView(ObjectDetailView):
    queryset = DataSet.objects.prefetch_related("indicators")
    template_name = "indicators/dataset_detail.html"

    def get_context(self, obj):
        return {"submissions": obj.submissions.select_related("enterprise", "department")[:50]}


class SubmissionListView(ObjectListView):
    queryset = Submission.objects.select_related(
        "data_set", "enterprise", "department", "submitted_by", "approved_by"
    )
    filterset_class = SubmissionFilterSet
    table_class = SubmissionTable


class SubmissionDetailView(ObjectDetailView):
    queryset = Submission.objects.select_related("data_set", "enterprise", "department")
    template_name = "indicators/submission_detail.html"

    def get_context(self, obj):
        observations = obj.observations.select_related("indicator", "enterprise").order_by(
            "indicator__sort_order", "scope_key"
        )
        return {
            "observations": observations[:500],
            "count": observations.count(),
            "flags": obj.flags.select_related("indicator", "enterprise"),
            "period": obj.period,
            "due": obj.data_set.due_date(obj.year, obj.month),
            "open_flags": obj.flags.filter(Q(answer="")).count(),
            "return_reason": workflow.return_reason(obj),
            **workflow.submission_actions(self.request.user, obj),
        }


class SubmissionActionView(LoginRequiredMixin, View):
    """POST submit / approve / reopen on a submission (scoped: another firm's is a 404)."""

    def post(self, request, pk, action):
        submission = get_object_or_404(Submission.objects.visible_to(request.user), pk=pk)
        try:
            if action == "submit":
                flags = workflow.submission_submit(submission=submission, user=request.user)
                if flags:
                    messages.warning(
                        request,
                        _("Submitted; %(n)d value(s) were flagged and need an explanation.")
                        % {"n": len(flags)},
                    )
                else:
                    messages.success(request, _("Submitted: no rule was triggered."))
            elif action == "approve":
                workflow.submission_approve(submission=submission, user=request.user)
                messages.success(request, _("Approved and locked."))
            elif action == "return":
                workflow.submission_return(
                    submission=submission, user=request.user, reason=request.POST.get("reason", "")
                )
                messages.success(request, _("Sent back to the filer as a draft."))
            elif action == "reopen":
                workflow.submission_reopen(
                    submission=submission, user=request.user, reason=request.POST.get("reason", "")
                )
                messages.success(request, _("Reopened as a draft."))
            else:
                raise Http404
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect(submission.get_absolute_url())


class FlagAnswerView(LoginRequiredMixin, View):
    def post(self, request, pk):
        flag = get_object_or_404(
            ValidationFlag.objects.filter(submission__in=Submission.objects.visible_to(request.user)), pk=pk
        )
        if not workflow.may_file(request.user, flag.submission):
            raise PermissionDenied
        try:
            workflow.flag_answer(flag=flag, user=request.user, answer=request.POST.get("answer", ""))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect(flag.submission.get_absolute_url())


class LateView(LoginRequiredMixin, View):
    """催报: reporters whose data are past due, newest period first."""

    def get(self, request):
        if not request.user.has_perm("indicators.view_submission") or not roles.sees_whole_zone(request.user):
            raise PermissionDenied
        late = workflow.late_reports()
        return render(
            request,
            "indicators/late.html",
            {"title": _("Late reports"), "late": late[:300], "total": len(late)},
        )


def filing_periods(data_set: DataSet, count: int = 12) -> list[tuple[int, int]]:
    """The periods a firm may file, newest first: from the one after the statistics
    bureau's latest table (firms' own filings do not move it), or last month when the zone
    has no bureau data yet."""
    from django.utils import timezone

    latest = services.latest_period(aggregates=False)
    if latest:
        year, month = (latest[0] + 1, 1) if latest[1] == 12 else (latest[0], latest[1] + 1)
    else:
        today = timezone.localdate()
        year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    periods = []
    while len(periods) < count:
        if month in data_set.months():
            periods.append((year, month))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return periods


class FilingForm(forms.Form):
    """One number per indicator of the data set (cumulative 1–N月 values), each with its
    上年同期 as the firm's statistics report states it (optional)."""

    def __init__(self, *args, indicators, previous: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for indicator in indicators:
            before = previous.get(indicator.pk)
            help_text = (
                _("1–%(month)d月 was %(value)s.") % {"month": before[0], "value": services.plain(before[1])}
                if before
                else ""
            )
            self.fields[f"ind_{indicator.pk}"] = forms.DecimalField(
                label=f"{indicator.name}（{indicator.unit}）" if indicator.unit else indicator.name,
                required=False,
                min_value=0,
                max_digits=20,
                decimal_places=4,
                help_text=help_text,
            )
            self.fields[f"prev_{indicator.pk}"] = prior_field(indicator)
        style_widgets(self)


def prior_field(indicator: Indicator) -> forms.DecimalField:
    """The 上年同期 of an indicator on the filing page (may be zero or negative: a loss)."""
    from .imports import prior_label

    label = prior_label(indicator)
    return forms.DecimalField(
        label=f"{label}（{indicator.unit}）" if indicator.unit else label,
        required=False,
        max_digits=20,
        decimal_places=4,
        help_text=_(
            "As this year's statistics report states it (上年同期); for a firm new to 规上, last year's figure "
            "it never filed. Blank: growth compares with your value of last year."
        ),
    )


def filed_initial(key: str, year: int, month: int, indicators) -> dict:
    """The form's initial values: the stored value and 上年同期 of each indicator."""
    initial = {}
    for pk, value, previous in Observation.objects.filter(
        scope_key=key, year=year, month=month, indicator__in=indicators
    ).values_list("indicator_id", "value", "previous_value"):
        initial[f"ind_{pk}"] = value
        if previous is not None:
            initial[f"prev_{pk}"] = previous
    return initial


def filing_table(enterprise, indicators, cleaned: dict):
    """The firm's filing as a one-row table for ``EnterpriseFilingImport`` (headers: the
    columns' aliases)."""
    from gaoxin.core.imports import Table

    header, row = ["统一社会信用代码"], [enterprise.uscc]
    for indicator in indicators:
        for name, field in ((indicator.name, "ind"), (f"{indicator.name}上年同期", "prev")):
            value = cleaned.get(f"{field}_{indicator.pk}")
            header.append(name)
            row.append("" if value is None else value)
    return Table(header=header, rows=[row])


class FilingView(LoginRequiredMixin, View):
    """An enterprise user enters the firm's own values for a period (the enterprise-filed
    data sets), then submits them on the submission page. Values go through the import
    checks (cumulative not falling, locks), the audit log and the zone totals."""

    template_name = "indicators/filing.html"

    def context(self, request):
        from gaoxin.enterprises.models import Enterprise, firm_right

        enterprise_id = roles.bound_enterprise_id(request.user)
        if not enterprise_id or not request.user.has_perm("indicators.file_submission"):
            raise PermissionDenied
        if not firm_right(request.user, "may_file"):  # the firm's administrator withheld it
            raise PermissionDenied(_("Your firm's administrator has not given you the filing right."))
        enterprise = get_object_or_404(Enterprise.objects.visible_to(request.user), pk=enterprise_id)
        data_sets = list(DataSet.objects.filter(scope=Scope.ENTERPRISE))
        if not data_sets:
            return {"enterprise": enterprise, "data_sets": [], "data_set": None}
        params = request.POST if request.method == "POST" else request.GET
        code = params.get("data_set") or data_sets[0].code
        data_set = next((d for d in data_sets if d.code == code), None)
        if data_set is None:
            raise Http404
        periods = filing_periods(data_set)
        chosen = params.get("period") or f"{periods[0][0]}-{periods[0][1]}"
        period = next((p for p in periods if f"{p[0]}-{p[1]}" == chosen), None)
        if period is None:
            raise Http404
        year, month = period
        key = f"ent:{enterprise.pk}"
        indicators = list(data_set.indicators.filter(kind=Indicator.Kind.LEVEL, is_active=True))
        submission = Submission.objects.filter(
            data_set=data_set, year=year, month=month, scope_key=key
        ).first()
        previous = {}
        last = workflow._previous_month(data_set, month)
        if last:
            previous = {
                i: (last, v)
                for i, v in Observation.objects.filter(
                    scope_key=key, year=year, month=last, indicator__in=indicators, value__isnull=False
                ).values_list("indicator_id", "value")
            }
        return {
            "enterprise": enterprise,
            "data_sets": data_sets,
            "data_set": data_set,
            "periods": [(f"{y}-{m}", period_label(y, m)) for y, m in periods],
            "period_value": f"{year}-{month}",
            "year": year,
            "month": month,
            "period": period_label(year, month),
            "due": data_set.due_date(year, month),
            "indicators": indicators,
            "submission": submission,
            "editable": submission is None or submission.status == Submission.Status.DRAFT,
            "initial": filed_initial(key, year, month, indicators),
            "previous": previous,
        }

    def get(self, request):
        ctx = self.context(request)
        if ctx["data_set"] is not None:
            form = FilingForm(initial=ctx["initial"], indicators=ctx["indicators"], previous=ctx["previous"])
            if not ctx["editable"]:
                for field in form.fields.values():
                    field.disabled = True
            ctx["form"] = form
        return render(request, self.template_name, ctx)

    def post(self, request):
        from gaoxin.core.imports import run_import

        from .imports import EnterpriseFilingImport, prior_label

        ctx = self.context(request)
        if ctx["data_set"] is None:
            raise Http404
        form = FilingForm(request.POST, indicators=ctx["indicators"], previous=ctx["previous"])
        ctx["form"] = form
        if not ctx["editable"]:
            form.add_error(
                None,
                _("%(period)s has been %(status)s; ask the zone staff to return it before changing values.")
                % {"period": ctx["period"], "status": ctx["submission"].get_status_display()},
            )
        if not form.is_valid():
            return render(request, self.template_name, ctx, status=400)
        values = [form.cleaned_data[f"ind_{i.pk}"] for i in ctx["indicators"]]
        if all(v is None for v in values):
            form.add_error(None, _("Enter at least one value."))
            return render(request, self.template_name, ctx, status=400)
        options = {
            "data_set": ctx["data_set"],
            "year": ctx["year"],
            "month": ctx["month"],
            "filename": str(_("Online filing")),
        }
        table = filing_table(ctx["enterprise"], ctx["indicators"], form.cleaned_data)
        result = run_import(
            EnterpriseFilingImport(request.user, options=options),
            table,
            commit=True,
            filename=options["filename"],
        )
        if not result.committed:
            by_label = {i.name: f"ind_{i.pk}" for i in ctx["indicators"]}
            by_label.update({prior_label(i): f"prev_{i.pk}" for i in ctx["indicators"]})
            for issue in result.errors:
                form.add_error(by_label.get(issue.column), issue.message)
            if result.file_error:
                form.add_error(None, result.file_error)
            return render(request, self.template_name, ctx, status=400)
        messages.success(
            request,
            _(
                "Saved: %(new)d new, %(changed)d changed, %(same)d unchanged. Submit when the values are complete."
            )
            % {"new": result.new, "changed": result.changed, "same": result.unchanged},
        )
        return redirect(
            f"{reverse('indicators:filing')}?data_set={ctx['data_set'].code}&period={ctx['period_value']}"
        )
