"""Pages: the candidate list per tier and year, platforms and 科创新物种 (list, page, add, edit),
batches."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views import View

from gaoxin.core.downloads import file_response
from gaoxin.core.views import ObjectDetailView, ObjectEditView, ObjectListView
from gaoxin.core.xlsx import Sheet, workbook_bytes
from gaoxin.zone.models import evaluation_date

from . import services
from .filters import ExpertInputFilterSet, NewSpeciesRecordFilterSet, PlatformFilterSet
from .forms import ExpertInputForm, NewSpeciesRecordForm, PlatformForm
from .models import Batch, ExpertInput, NewSpeciesRecord, Platform, RecognitionStage
from .rules import Tier
from .tables import ExpertInputTable, NewSpeciesRecordTable, PlatformTable


def default_year() -> int:
    from gaoxin.zone.models import evaluation_date

    return evaluation_date().year - 1


def year_param(request) -> int:
    try:
        return int(request.GET.get("year") or default_year())
    except ValueError:
        return default_year()


class CandidateListView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """培育库: who qualifies and lacks the title, who misses by one criterion, whose title
    expires soon — for one tier and year, filtered, paginated, exported."""

    permission_required = "cultivation.view_ruleset"
    per_page = 50

    def get(self, request):
        tier = request.GET.get("tier") if request.GET.get("tier") in Tier.values else Tier.HIGH_TECH
        year, kind = year_param(request), request.GET.get("kind") or None
        kind = kind if kind in services.KINDS else None
        found = services.candidate_rows(user=request.user, tier=tier, year=year)
        query = (request.GET.get("q") or "").strip()
        if query:
            found = [c for c in found if query in c.name]
        counts = dict.fromkeys(services.KINDS, 0)
        for c in found:
            counts[c.kind] += 1
        found = [c for c in found if kind is None or c.kind == kind]
        if request.GET.get("export") == "xlsx":
            return self.export(found, tier, year)
        page = Paginator(found, self.per_page).get_page(request.GET.get("page"))
        context = {
            "page": page,
            "tier": tier,
            "year": year,
            "kind": kind,
            "q": query,
            "tiers": Tier.choices,
            "kinds": list(services.KINDS.items()),
            "counts": counts,
            "total": len(found),
            "title": _("Cultivation candidates"),
        }
        return render(request, "cultivation/candidates.html", context)

    def export(self, found, tier, year):
        headers = [_("enterprise"), _("kind"), _("verdict"), _("reason"), _("rule set")]
        rows = [
            [c.name, str(services.KINDS[c.kind]), verdict_text(c.verdict), c.reason, c.version] for c in found
        ]
        name = _("%(tier)s candidates %(year)s.xlsx") % {"tier": Tier(tier).label, "year": year}
        return file_response(
            workbook_bytes([Sheet(str(Tier(tier).label)[:31], headers, rows, [30, 20, 10, 60, 12])]), name
        )


def verdict_text(verdict) -> str:
    return {True: _("meets"), False: _("does not meet"), None: _("data missing")}[verdict]


class PlatformListView(ObjectListView):
    queryset = Platform.objects.select_related("host")
    filterset_class = PlatformFilterSet
    table_class = PlatformTable
    title = _("Innovation platforms")
    import_kind = "platforms"
    add_url_name = "cultivation:platform_add"


class PlatformDetailView(ObjectDetailView):
    queryset = Platform.objects.select_related("host")
    template_name = "cultivation/platform_detail.html"


class PlatformEditView(ObjectEditView):
    queryset = Platform.objects.select_related("host")
    form_class = PlatformForm


class NewSpeciesRecordListView(ObjectListView):
    queryset = NewSpeciesRecord.objects.select_related("enterprise", "tier")
    filterset_class = NewSpeciesRecordFilterSet
    table_class = NewSpeciesRecordTable
    title = _("Science and technology 新物种")
    add_url_name = "cultivation:newspecies_add"


class NewSpeciesRecordEditView(ObjectEditView):
    queryset = NewSpeciesRecord.objects.select_related("enterprise", "tier")
    form_class = NewSpeciesRecordForm


class ExpertInputListView(ObjectListView):
    queryset = ExpertInput.objects.select_related("enterprise")
    filterset_class = ExpertInputFilterSet
    table_class = ExpertInputTable
    title = _("Expert scores")
    add_url_name = "cultivation:expertinput_add"


class ExpertInputEditView(ObjectEditView):
    queryset = ExpertInput.objects.select_related("enterprise")
    form_class = ExpertInputForm


class BatchListView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "cultivation.view_batch"

    def get(self, request):
        batches = list(Batch.objects.visible_to(request.user))
        counts = services.pipeline_counts([b.pk for b in batches])
        rows = [(b, [counts.get(b.pk, {}).get(s, 0) for s in RecognitionStage.values]) for b in batches]
        return render(
            request,
            "cultivation/batches.html",
            {"rows": rows, "stages": RecognitionStage.choices, "title": _("Recognition batches")},
        )


class BatchDetailView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "cultivation.view_batch"

    def get(self, request, pk):
        batch = get_object_or_404(Batch.objects.visible_to(request.user), pk=pk)
        recognitions = batch.recognitions.visible_to(request.user).select_related(
            "enterprise", "owner", "qualification"
        )
        return render(
            request,
            "cultivation/batch_detail.html",
            {
                "batch": batch,
                "recognitions": recognitions,
                "title": batch.name,
                "may_move": request.user.has_perm("cultivation.change_recognition"),
                "stages": RecognitionStage.choices,
                "today": evaluation_date(),
            },
        )

    def post(self, request, pk):
        """The same step for the firms ticked (all or none; the refusal names the firm)."""
        batch = get_object_or_404(Batch.objects.visible_to(request.user), pk=pk)
        services.require_pipeline(request.user)  # 403 before the form is judged
        date = parse_date(request.POST.get("date") or "")
        try:
            if date is None:
                raise ValidationError(_("Give the date of the step."))
            moved = services.recognitions_move(
                batch=batch,
                ids=[int(i) for i in request.POST.getlist("recognition") if i.isdigit()],
                to_stage=request.POST.get("stage", ""),
                date=date,
                user=request.user,
                reason=request.POST.get("reason", ""),
            )
            messages.success(request, _("%(n)s firms moved.") % {"n": moved})
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
        return redirect("cultivation:batch_detail", pk=batch.pk)
