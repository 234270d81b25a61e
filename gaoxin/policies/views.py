"""Pages of the policy library, matching, the 体检报告 and the 兑现 workflow."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from gaoxin.core import roles
from gaoxin.core.downloads import scoped_file
from gaoxin.core.permissions import require_perm
from gaoxin.core.views import ObjectDetailView, ObjectEditView, ObjectListView, ObjectStatusView
from gaoxin.enterprises.models import Enterprise
from gaoxin.zone.models import evaluation_date

from . import effect, services
from .catalogue import TYPE_LABELS, catalogue
from .filters import ClauseFilterSet, DisbursementFilterSet, PolicyFilterSet
from .forms import ClauseForm, PolicyForm, PolicyStatusForm
from .matching import STATUS_LABELS, match, trial
from .models import Clause, Disbursement, DisbursementStage, Policy
from .tables import ClauseTable, DisbursementTable, PolicyTable


def year_of(request) -> int:
    try:
        return int(request.GET.get("year") or request.POST.get("year") or evaluation_date().year)
    except ValueError:
        return evaluation_date().year


def staff_page(request) -> None:
    if not roles.sees_whole_zone(request.user):
        raise PermissionDenied
    require_perm(request.user, Clause, "view")


class PolicyListView(ObjectListView):
    queryset = Policy.objects.all()
    filterset_class = PolicyFilterSet
    table_class = PolicyTable
    add_url_name = "policies:policy_add"
    import_kind = "policies"


class PolicyDetailView(ObjectDetailView):
    queryset = Policy.objects.select_related("park", "chain")
    template_name = "policies/policy_detail.html"

    def get_context(self, obj):
        clauses = obj.clauses.all()
        return {"clauses": ClauseTable(clauses, request=self.request, exclude=("policy",))}


class PolicyEditView(ObjectEditView):
    queryset = Policy.objects.all()
    form_class = PolicyForm


class PolicyStatusView(ObjectStatusView):
    queryset = Policy.objects.all()
    form_class = PolicyStatusForm


@login_required
@require_safe
def policy_full_text(request, pk):
    require_perm(request.user, Policy, "view")
    return scoped_file(Policy.objects.all(), request.user, pk, "full_text")


class ClauseListView(ObjectListView):
    queryset = Clause.objects.select_related("policy")
    filterset_class = ClauseFilterSet
    table_class = ClauseTable
    add_url_name = "policies:clause_add"
    import_kind = "policy_clauses"


class ClauseDetailView(ObjectDetailView):
    queryset = Clause.objects.select_related("policy")
    template_name = "policies/clause_detail.html"

    def get_context(self, obj):
        return {"year": year_of(self.request), "can_trial": roles.sees_whole_zone(self.request.user)}


class ClauseEditView(ObjectEditView):
    queryset = Clause.objects.select_related("policy")
    form_class = ClauseForm


@login_required
@require_POST
def clause_trial(request, pk):
    """试算 on the clause's page: count, total and five examples for the year."""
    staff_page(request)
    clause = get_object_or_404(Clause.objects.select_related("policy"), pk=pk)
    context = {"object": clause, "title": str(clause), "year": year_of(request), "can_trial": True}
    context["trial"] = trial(clause, context["year"])
    return render(request, "policies/clause_detail.html", context)


@login_required
@require_safe
def clause_matches(request, pk):
    """免申即享 / 应享未享 / misses of one clause and year, each firm with its reasons."""
    staff_page(request)
    clause = get_object_or_404(Clause.objects.select_related("policy"), pk=pk)
    year, status = year_of(request), request.GET.get("status") or "unpaid"
    result = match([clause], year)[0]
    rows = [result.firm(i) for i in result.rows(status if status in STATUS_LABELS else None)[:500]]
    context = {
        "object": clause,
        "title": _("Matches of %(clause)s") % {"clause": clause},
        "year": year,
        "status": status,
        "statuses": STATUS_LABELS.items(),
        "result": result,
        "rows": rows,
        "can_propose": request.user.has_perm("policies.add_disbursement"),
    }
    return render(request, "policies/clause_matches.html", context)


@login_required
@require_safe
def catalogue_page(request):
    require_perm(request.user, Clause, "view")
    fields = [(f, TYPE_LABELS[f.type]) for f in catalogue().fields]
    return render(
        request, "policies/catalogue.html", {"title": _("Field catalogue of policy rules"), "fields": fields}
    )


@login_required
@require_safe
def policy_check_page(request, enterprise_pk):
    """The 体检报告 of one firm (printable); a firm user sees only its own (else 404)."""
    firm = get_object_or_404(Enterprise.objects.visible_to(request.user), pk=enterprise_pk)
    year = year_of(request)
    report = services.policy_check(enterprise_id=firm.pk, year=year)
    context = {
        "enterprise": firm,
        "report": report,
        "year": year,
        "title": _("Policy check of %(f)s") % {"f": firm},
    }
    return render(request, "policies/policy_check.html", context)


class DisbursementListView(ObjectListView):
    queryset = Disbursement.objects.select_related("clause__policy", "enterprise")
    filterset_class = DisbursementFilterSet
    table_class = DisbursementTable


class DisbursementDetailView(ObjectDetailView):
    queryset = Disbursement.objects.select_related(
        "clause__policy", "enterprise", "proposed_by", "approved_by"
    )
    template_name = "policies/disbursement_detail.html"

    def get_context(self, obj):
        return {
            "changes": obj.stage_changes.select_related("user"),
            "objections": obj.objections.all(),
            "can_move": self.request.user.has_perm("policies.change_disbursement"),
        }


@login_required
@require_safe
def notice_list(request):
    """The public notice list (公示): disbursements whose 公示 is running or ended, not yet paid."""
    require_perm(request.user, Disbursement, "view")
    rows = Disbursement.objects.visible_to(request.user).filter(stage=DisbursementStage.NOTICE)
    rows = rows.select_related("clause__policy", "enterprise").order_by("notice_end", "enterprise__name")
    return render(
        request, "policies/notice_list.html", {"title": _("Public notice of policy awards"), "rows": rows}
    )


def posted_date(request, name="date") -> datetime.date:
    try:
        return datetime.date.fromisoformat(request.POST.get(name, ""))
    except ValueError:
        raise ValidationError(_("Give the date as YYYY-MM-DD.")) from None


@login_required
@require_POST
def disbursement_propose(request, pk):
    require_perm(request.user, Disbursement, "add")
    clause = get_object_or_404(Clause.objects.select_related("policy"), pk=pk)
    firm = get_object_or_404(
        Enterprise.objects.visible_to(request.user), pk=request.POST.get("enterprise") or 0
    )
    try:
        made = services.disbursement_propose(
            clause=clause, enterprise_id=firm.pk, year=year_of(request), user=request.user
        )
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
        return redirect(f"{clause.get_absolute_url()}matches/?year={year_of(request)}")
    return redirect(made.get_absolute_url())


STEPS = {
    "notice": lambda r, d, u: services.disbursement_notice(
        disbursement=d,
        user=u,
        start=posted_date(r, "start"),
        days=int(r.POST["days"]) if r.POST.get("days") else None,
    ),
    "approve": lambda r, d, u: services.disbursement_approve(disbursement=d, user=u, date=posted_date(r)),
    "pay": lambda r, d, u: services.disbursement_pay(
        disbursement=d,
        user=u,
        date=posted_date(r),
        bank_ref=r.POST.get("bank_ref", ""),
        document_no=r.POST.get("document_no", ""),
    ),
    "withdraw": lambda r, d, u: services.disbursement_withdraw(
        disbursement=d, user=u, date=posted_date(r), reason=r.POST.get("reason", "")
    ),
    "resolve": lambda r, d, u: services.objection_resolve(
        objection=get_object_or_404(d.objections, pk=r.POST.get("objection") or 0),
        resolved_on=posted_date(r, "resolved_on"),
        resolution=r.POST.get("resolution", ""),
    ),
    "objection": lambda r, d, u: services.objection_raise(
        disbursement=d,
        raised_on=posted_date(r, "raised_on"),
        raised_by=r.POST.get("raised_by", ""),
        content=r.POST.get("content", ""),
    ),
}


@login_required
@require_POST
def disbursement_step(request, pk, step):
    disbursement = get_object_or_404(Disbursement.objects.visible_to(request.user), pk=pk)
    require_perm(request.user, Disbursement, "change")
    if step not in STEPS:
        raise PermissionDenied
    try:
        STEPS[step](request, disbursement, request.user)
        messages.success(request, _("Saved."))
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    except PermissionDenied as refused:
        messages.error(request, str(refused))
    return redirect(disbursement.get_absolute_url())


@login_required
@require_safe
def policy_effect_page(request):
    """政策效益: per policy and award year, firms reached, amounts paid and the paid firms'
    growth the year after beside the unpaid firms of the same tier (an observation)."""
    staff_page(request)
    require_perm(request.user, Disbursement, "view")
    year = year_of(request)
    policies = Policy.objects.exclude(status=Policy.Status.DRAFT).order_by("-issued_on", "pk")
    chosen = request.GET.get("policy") or ""
    if chosen.isdigit():
        policies = policies.filter(pk=int(chosen))
    sheets = [effect.policy_effect(p, year) for p in policies]
    context = {
        "title": _("Policy effect"),
        "year": year,
        "sheets": [s for s in sheets if s.reached],
        "unpaid_policies": [s.policy for s in sheets if not s.reached],
        "as_of": evaluation_date(),
    }
    return render(request, "policies/effect.html", context)
