"""Pages of 大走访: thin classes on core's generic views, 走访发现 (each firm's latest visit
with a flag) and the one-step requests from a visit's answers."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from gaoxin.core.permissions import require_perm
from gaoxin.core.views import ObjectDetailView, ObjectEditView, ObjectListView, ScopedMixin

from . import services
from .filters import VisitFilterSet, VisitPlanFilterSet, VisitQuestionFilterSet
from .forms import RaiseRequestsForm, VisitForm, VisitPlanForm, VisitQuestionForm
from .models import Visit, VisitPlan, VisitQuestion
from .survey import display, questions_by_code
from .tables import FindingTable, VisitPlanTable, VisitQuestionTable, VisitTable

VISITS = Visit.objects.select_related("enterprise", "plan", "leader", "department")
PLANS = VisitPlan.objects.select_related("leader", "department")
QUESTIONS = VisitQuestion.objects.select_related("request_category")


def with_firm_count(queryset):
    # a GROUP BY drops Meta.ordering: order again, so pages and the API's pagination are stable
    return queryset.annotate(firm_count=Count("firms", distinct=True)).order_by("-starts_on", "name", "pk")


class WarnOnSave:
    """After a successful save, the service's warnings as messages (never a refusal)."""

    def get_form(self, obj, data=None, files=None, parent=None):
        self._form = super().get_form(obj, data, files, parent)
        return self._form

    def warnings(self, instance) -> list[str]:
        return []

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        instance = self._form.instance
        if response.status_code == 302 and instance.pk:
            for warning in self.warnings(instance):
                messages.warning(request, warning)
        return response


# --- visits ---------------------------------------------------------------------------------------


class VisitListView(ObjectListView):
    queryset = VISITS
    filterset_class = VisitFilterSet
    table_class = VisitTable
    add_url_name = "visits:visit_add"


class FindingListView(ObjectListView):
    """走访发现: the firms whose latest visit raised 扩产, 风险 or 外迁 (filter by flag, leader,
    department, year), for the leaders; exported like every list."""

    queryset = VISITS
    filterset_class = VisitFilterSet
    table_class = FindingTable
    title = gettext_lazy("Visit findings")

    def get_queryset(self):
        return super().get_queryset().latest_per_firm().flagged()


def answer_rows(visit) -> list[tuple]:
    questions = questions_by_code(visit.answers)
    rows = [
        (q, display(q, value)) for code, value in (visit.answers or {}).items() if (q := questions.get(code))
    ]
    return sorted(rows, key=lambda row: (row[0].sort_order, row[0].code))


class VisitDetailView(ObjectDetailView):
    queryset = VISITS
    template_name = "visits/visit_detail.html"

    def get_context(self, obj):
        user = self.request.user
        raised = obj.raised_requests.select_related("request", "request__department", "request__category")
        may_raise = user.has_perm("visits.add_visitrequest") and user.has_perm("portal.add_firmrequest")
        return {
            "answers": answer_rows(obj),
            "warnings": services.visit_warnings(enterprise=obj.enterprise, day=obj.visited_on, exclude=obj),
            "raised": raised,
            "raise_form": RaiseRequestsForm(visit=obj) if may_raise else None,
            "sees_requests": user.has_perm("portal.view_firmrequest"),
        }


class VisitEditView(WarnOnSave, ObjectEditView):
    queryset = VISITS
    form_class = VisitForm

    def warnings(self, instance):
        return services.visit_warnings(
            enterprise=instance.enterprise, day=instance.visited_on, exclude=instance
        )


class VisitRaiseRequestsView(ScopedMixin, View):
    """POST: the ticked answers become requests (诉求) in one step; back to the visit."""

    queryset = VISITS
    http_method_names = ["post"]

    def post(self, request, pk):
        visit = self.get_object()
        require_perm(request.user, Visit, "view")
        if not request.user.has_perm("visits.add_visitrequest"):
            raise PermissionDenied
        form = RaiseRequestsForm(request.POST, visit=visit)
        items = form.items() if form.is_valid() else []
        try:
            if form.errors:
                raise ValidationError([m for errors in form.errors.values() for m in errors])
            created = services.visit_raise_requests(user=request.user, visit=visit, items=items)
            messages.success(request, _("%(count)d request(s) raised.") % {"count": len(created)})
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
        return redirect(visit.get_absolute_url())


# --- plans ---------------------------------------------------------------------------------------------


class VisitPlanListView(ObjectListView):
    queryset = with_firm_count(PLANS)
    filterset_class = VisitPlanFilterSet
    table_class = VisitPlanTable
    add_url_name = "visits:visitplan_add"


class VisitPlanDetailView(ObjectDetailView):
    queryset = PLANS
    template_name = "visits/visitplan_detail.html"

    def get_context(self, obj):
        visited = set(Visit.objects.filter(plan=obj).values_list("enterprise_id", flat=True)) | set(
            Visit.objects.filter(
                enterprise__in=obj.firms.all(), visited_on__range=(obj.starts_on, obj.ends_on)
            ).values_list("enterprise_id", flat=True)
        )
        firms = [(firm, firm.pk in visited) for firm in obj.firms.order_by("name")]
        return {"firms": firms, "visited_count": sum(1 for _f, done in firms if done)}


class VisitPlanEditView(WarnOnSave, ObjectEditView):
    queryset = PLANS
    form_class = VisitPlanForm

    def warnings(self, instance):
        return self._form.warnings


# --- questions -------------------------------------------------------------------------------------------


class VisitQuestionListView(ObjectListView):
    queryset = QUESTIONS
    filterset_class = VisitQuestionFilterSet
    table_class = VisitQuestionTable
    add_url_name = "visits:visitquestion_add"

    def summary(self, queryset) -> str:
        return _("The survey is the zone's data: add, reword, reorder or retire questions as the zone needs.")


class VisitQuestionDetailView(ObjectDetailView):
    queryset = QUESTIONS
    template_name = "visits/visitquestion_detail.html"


class VisitQuestionEditView(ObjectEditView):
    queryset = QUESTIONS
    form_class = VisitQuestionForm
