"""Economic monitoring pages: the catalogue, an indicator's year (series, target, forecast,
parks), observations with their provenance, targets, data sets and submissions."""

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
from gaoxin.core.views import ObjectDetailView, ObjectEditView, ObjectHistoryView, ObjectListView

from . import services, workflow
from .filters import (
    DataSetFilterSet,
    IndicatorFilterSet,
    ObservationFilterSet,
    SubmissionFilterSet,
    TargetFilterSet,
)
from .forms import TargetForm
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
            context["parks"] = Aggregate.objects.filter(
                indicator=obj, year=year, month=latest, scope=Scope.PARK
            ).select_related("park")
            if target:
                context["status"] = services.target_status(target, data.reading(obj, year, latest), data)
        context["chart"] = chart_data(obj, year, data, target)
        context["observations_url"] = (
            f"{reverse('indicators:observation_list')}?indicator={obj.code}&year={year}"
        )
        return context


def chart_data(indicator, year: int, data, target) -> dict:
    def series(y, attr):
        values = []
        for month in range(1, 13):
            value = getattr(data.reading(indicator, y, month), attr)
            values.append(None if value is None else float(value))
        return values

    growth_target = float(target.base_value) if target and target.basis == Target.Basis.GROWTH else None
    return {
        "months": [f"{m}月" for m in range(1, 13)],
        "this_year": str(year),
        "last_year": str(year - 1),
        "value": series(year, "value"),
        "value_last": series(year - 1, "value"),
        "growth": series(year, "growth"),
        "growth_last": series(year - 1, "growth"),
        "growth_target": growth_target,
        "unit": indicator.unit,
    }


class IndicatorHistoryView(ObjectHistoryView):
    queryset = Indicator.objects.all()
    tabs = staticmethod(indicator_tabs)


class ObservationListView(ObjectListView):
    queryset = Observation.objects.select_related(
        "indicator", "enterprise", "park", "department", "entered_by", "approved_by"
    )
    filterset_class = ObservationFilterSet
    table_class = ObservationTable
    import_kind = "enterprise-monthly"


class ObservationDetailView(ObjectDetailView):
    queryset = Observation.objects.select_related(
        "indicator", "enterprise", "park", "submission__data_set", "entered_by", "approved_by"
    )
    template_name = "indicators/observation_detail.html"

    def get_context(self, obj):
        return {
            "title": str(obj),
            "changes": observation_changes(obj),
            "period": period_label(obj.year, obj.month),
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
    for change in ObjectChange.objects.filter(own).select_related("content_type"):
        if change.content_type.model == "submission":
            rows = [r for r in diff_rows(change) if r["field"] == name]
            if not rows:
                continue
            change.diff = lambda rows=rows: rows
        changes.append(change)
        if len(changes) == limit:
            break
    return changes


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
            "period": period_label(obj.year, obj.month),
            "open_flags": obj.flags.filter(Q(answer="")).count(),
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
