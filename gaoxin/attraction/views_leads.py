"""Pages of the lead pipeline and of promotion activities: the list and the kanban board,
a lead's page with its history and move form, the activity pages with the duplicate-visit
warning, a company's timeline across departments, the owner's and the department's pages.

Rules live in ``services_leads`` and the models; these views look objects up in the user's
scope (``visible_to``: zone staff only, a firm's user gets 404 on an object, 403 on a list;
a confidential lead of another department keeps its company), call the service and say
what happened.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from gaoxin.chains.models import RegistryCompany
from gaoxin.core.permissions import may_change
from gaoxin.core.stages import latest_stage_date
from gaoxin.core.views import ObjectDetailView, ObjectEditView, ObjectListView, ScopedMixin, require_perm
from gaoxin.zone.models import Department, evaluation_date

from . import services_leads as services
from .filters_leads import ActivityFilterSet, LeadFilterSet
from .forms_leads import ActivityForm, LeadForm, LeadMoveForm
from .models import LEAD_ORDER, Activity, Lead, LeadStage, LeadStageChange
from .services_signings import screen_lead
from .tables_leads import STAGE_COLORS, ActivityTable, LeadTable, person

BOARD_STAGES = [*LEAD_ORDER, LeadStage.SHELVED, LeadStage.TERMINATED]
CARDS_PER_COLUMN = 60


def lead_queryset():
    return Lead.objects.select_related("owner", "department", "node__chain", "lead_industry", "company")


def activity_queryset():
    return Activity.objects.select_related("region", "department").prefetch_related(
        Prefetch("companies", queryset=RegistryCompany.objects.only("id", "name", "uscc"))
    )


def decorate_leads(leads, user, today: datetime.date) -> list[Lead]:
    """Each lead with its shown name, overdue reason and colours (one query for the rules)."""
    rules = services.deadlines()
    leads = list(leads)
    for lead in leads:
        lead.overdue_reason = services.lead_overdue(lead, today, rules)
        lead.stage_color = STAGE_COLORS.get(lead.stage, "secondary")
        lead.owner_name = person(lead.owner)
    return leads


def move_stages() -> list[dict]:
    return [{"value": s, "label": LeadStage(s).label, "rank": services.stage_rank(s)} for s in BOARD_STAGES]


class LeadScopeMixin(ScopedMixin):
    queryset = lead_queryset()


class ActivityScopeMixin(ScopedMixin):
    queryset = activity_queryset()


# --- leads --------------------------------------------------------------------------------------


class LeadListView(LeadScopeMixin, ObjectListView):
    filterset_class = LeadFilterSet
    table_class = LeadTable
    add_url_name = "attraction:lead_add"
    title = gettext_lazy("Leads")


class LeadBoardView(LeadScopeMixin, View):
    """The kanban board: one column per stage, the list's filters apply."""

    def get(self, request):
        require_perm(request.user, Lead, "view")
        today = evaluation_date()
        filterset = LeadFilterSet(request.GET or None, queryset=self.get_queryset(), request=request)
        leads = decorate_leads(filterset.qs.order_by("next_action_date", "code"), request.user, today)
        columns = []
        for stage in BOARD_STAGES:
            cards = [lead for lead in leads if lead.stage == stage]
            cards.sort(key=lambda lead: (lead.overdue_reason is None,))
            columns.append(
                {
                    "stage": stage,
                    "label": LeadStage(stage).label,
                    "rank": services.stage_rank(stage),
                    "color": STAGE_COLORS.get(stage, "secondary"),
                    "cards": cards[:CARDS_PER_COLUMN],
                    "count": len(cards),
                    "more": max(len(cards) - CARDS_PER_COLUMN, 0),
                }
            )
        context = {
            "title": _("Lead board"),
            "filter_form": filterset.form,
            "columns": columns,
            "today": today,
            "can_add": request.user.has_perm("attraction.add_lead"),
            "can_move": request.user.has_perm("attraction.change_lead"),
            "overdue_count": sum(1 for lead in leads if lead.overdue_reason),
            "reason_text": _("Moving back, shelving or terminating needs a reason:"),
        }
        return render(request, "attraction/leads/board.html", context)


class LeadDetailView(LeadScopeMixin, ObjectDetailView):
    template_name = "attraction/leads/lead_detail.html"
    base_template = "base.html"

    def get_context(self, obj) -> dict:
        # One day for every sentence of the page: the last day a move may be dated.
        user, today = self.request.user, latest_stage_date(evaluation_date())
        decorate_leads([obj], user, today)
        history = LeadStageChange.objects.filter(lead=obj).select_related("user")
        activities = activity_queryset().visible_to(user).filter(leads=obj).order_by("-date", "-id")[:100]
        may_edit = may_change(user, obj)
        return {
            "title": obj.shown_name,
            "lead": obj,
            "today": today,
            # a lead begun after the evaluation date has no days in its stage on that date
            "days_in_stage": (today - obj.stage_since).days
            if obj.stage_since and obj.stage_since <= today
            else None,
            "history": history,
            "activities": activities,
            "may_edit": may_edit,
            "move_form": LeadMoveForm(lead=obj) if may_edit else None,
            "stages": move_stages(),
            "current_rank": services.stage_rank(obj.stage),
            # the "345" bottom line on the figures the lead states (intended investment ÷ land …)
            "screening": screen_lead(obj),
        }


class LeadEditView(LeadScopeMixin, ObjectEditView):
    form_class = LeadForm


class LeadMoveView(LeadScopeMixin, View):
    """POST only: move a lead (from its page or a board card)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        lead = self.get_object()
        services.require_lead(request.user, lead)  # before the form: a reader is refused (403)
        back = request.POST.get("next") == "board"
        target = redirect("attraction:lead_board") if back else redirect(lead.get_absolute_url())
        form = LeadMoveForm(request.POST, lead=lead)
        if not form.is_valid():
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
            return target
        try:
            services.lead_move(
                lead=lead,
                to_stage=form.cleaned_data["to_stage"],
                date=form.cleaned_data["date"],
                reason=form.cleaned_data["reason"],
                user=request.user,
            )
        except PermissionDenied as exc:
            context = {"title": _("Not allowed"), "message": str(exc) or _("You may not do this.")}
            return render(request, "core/error.html", context, status=403)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return target
        messages.success(
            request,
            _("%(lead)s is now in “%(stage)s”.")
            % {"lead": lead.shown_name, "stage": lead.get_stage_display()},
        )
        return target


# --- activities ---------------------------------------------------------------------------------


class ActivityListView(ActivityScopeMixin, ObjectListView):
    filterset_class = ActivityFilterSet
    table_class = ActivityTable
    add_url_name = "attraction:activity_add"
    title = gettext_lazy("Promotion activities")


class ActivityEditView(ActivityScopeMixin, ObjectEditView):
    form_class = ActivityForm
    template_name = "attraction/leads/activity_edit.html"


class ActivityDetailView(ActivityScopeMixin, ObjectDetailView):
    template_name = "attraction/leads/activity_detail.html"
    base_template = "base.html"

    def get_context(self, obj) -> dict:
        user = self.request.user
        leads = obj.leads.visible_to(user).select_related("owner", "department")
        return {
            "activity": obj,
            "leads": decorate_leads(leads, user, evaluation_date()),
            "participants": [person(u) for u in obj.participants.all()],
            "may_edit": may_change(user, obj),
            "warnings": services.duplicate_visit_warning(list(obj.companies.all()), obj.date, exclude=obj),
        }


# --- timelines and people's pages ---------------------------------------------------------------


class CompanyTimelineView(LoginRequiredMixin, View):
    """Every activity and lead of a registry company, across departments, newest first.
    A confidential lead of another department is left out (it would name the company)."""

    def get(self, request, pk):
        company = get_object_or_404(RegistryCompany.objects.visible_to(request.user), pk=pk)
        require_perm(request.user, Activity, "view")
        user, today = request.user, evaluation_date()
        activities = activity_queryset().visible_to(user).filter(companies=company)
        leads = lead_queryset().visible_to(user).filter(company=company).exclude(company_hidden=True)
        entries = [
            {"date": a.date, "kind": "activity", "activity": a, "department": a.department}
            for a in activities
        ]
        entries += [
            {"date": lead.created_at.date(), "kind": "lead", "lead": lead, "department": lead.department}
            for lead in decorate_leads(leads, user, today)
        ]
        entries.sort(key=lambda e: e["date"], reverse=True)
        context = {
            "title": _("Timeline of %(company)s") % {"company": company.name},
            "company": company,
            "entries": entries,
            "departments": sorted({str(e["department"]) for e in entries if e["department"]}),
            "window": services.duplicate_window(),
        }
        return render(request, "attraction/leads/company_timeline.html", context)


class MyLeadsView(LoginRequiredMixin, View):
    """The owner's leads, overdue first (then by next action date)."""

    def get(self, request):
        require_perm(request.user, Lead, "view")
        today = evaluation_date()
        leads = lead_queryset().visible_to(request.user).filter(owner=request.user)
        leads = leads.exclude(stage__in=services.CLOSED_STAGES)
        leads = decorate_leads(leads, request.user, today)
        far = datetime.date.max
        leads.sort(key=lambda lead: (lead.overdue_reason is None, lead.next_action_date or far, lead.code))
        context = {
            "title": _("My leads"),
            "today": today,
            "leads": leads,
            "overdue_count": sum(1 for lead in leads if lead.overdue_reason),
            "departments": list(request.user.departments.all()),
            "can_add": request.user.has_perm("attraction.add_lead"),
        }
        return render(request, "attraction/leads/my_leads.html", context)


class DepartmentLeadsView(LoginRequiredMixin, View):
    """A department's overdue leads and its activities this month."""

    def get(self, request, pk):
        department = get_object_or_404(Department.objects.visible_to(request.user), pk=pk)
        require_perm(request.user, Lead, "view")
        today = evaluation_date()
        leads = lead_queryset().visible_to(request.user).filter(department=department)
        overdue = decorate_leads(services.overdue_leads(leads, today), request.user, today)
        overdue.sort(key=lambda lead: (lead.next_action_date or datetime.date.max, lead.code))
        first = today.replace(day=1)
        activities = (
            activity_queryset()
            .visible_to(request.user)
            .filter(department=department, date__gte=first, date__lte=today)
            .order_by("-date", "-id")
        )
        context = {
            "title": _("Leads of %(department)s") % {"department": department.name},
            "department": department,
            "today": today,
            "month_start": first,
            "overdue": overdue,
            "activities": activities,
            "open_count": leads.exclude(stage__in=services.CLOSED_STAGES).count(),
        }
        return render(request, "attraction/leads/department_leads.html", context)
