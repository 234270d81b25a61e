"""Pages of the portal: requests (list, raise, the request with its steps, attachments), the
firm's accounts (colleagues, invitations, the first administrator), the invitation page and
the department scores. Lookups are scoped first (another firm's id: 404 for every method)."""

import datetime

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from gaoxin.core import roles
from gaoxin.core.downloads import file_response
from gaoxin.core.permissions import require_perm
from gaoxin.core.views import ObjectDetailView, ObjectListView, ScopedMixin
from gaoxin.enterprises.models import Enterprise, EnterpriseUser, firm_right
from gaoxin.govservices.models import ServiceItem
from gaoxin.zone.models import evaluation_date

from . import corrections, forms, services
from .filters import FirmRequestFilterSet
from .models import Correction, FirmRequest, Invitation, RequestAttachment, RequestCategory, is_firm_admin
from .scores import department_scores, zone_total
from .tables import FirmRequestTable

REQUESTS = FirmRequest.objects.select_related("enterprise", "category", "department", "raised_by")
S = FirmRequest.Status


def service_error(request, error: ValidationError) -> None:
    messages.error(request, "；".join(error.messages))


# --- requests ---------------------------------------------------------------------------------


class RequestListView(ObjectListView):
    queryset = REQUESTS
    filterset_class = FirmRequestFilterSet
    table_class = FirmRequestTable
    add_url_name = "portal:request_add"
    title = gettext_lazy("Requests")

    @property
    def import_kind(self):
        """Zone staff import requests taken down elsewhere; a firm raises its own."""
        return "requests" if roles.sees_whole_zone(self.request.user) else None


class RequestDetailView(ObjectDetailView):
    queryset = REQUESTS
    template_name = "portal/request_detail.html"

    def get_context(self, obj):
        user = self.request.user
        handler = services.may_handle(user, obj)
        own = roles.bound_enterprise_id(user) == obj.enterprise_id and firm_right(user, "may_request")
        return {
            "events": obj.events.select_related("user", "department"),
            "attachments": obj.attachments.all(),
            "can_accept": handler and obj.status == S.SUBMITTED,
            "can_answer": handler and obj.status == S.ACCEPTED,
            "can_rate": own and obj.status == S.ANSWERED,
            "can_reassign": user.has_perm(services.HANDLE_PERM)
            and roles.sees_whole_zone(user)
            and obj.status in (S.SUBMITTED, S.ACCEPTED),
            "answer_form": forms.AnswerForm(),
            "rate_form": forms.RateForm(),
            "reassign_form": forms.ReassignForm(),
            "overdue": FirmRequest.objects.filter(pk=obj.pk).overdue(evaluation_date()).exists(),
            **correction_context(obj, handler),
        }


def correction_context(req, handler: bool) -> dict:
    """The record and field a correction request names, its value now, and for the department
    the form that sets the value (the record's own field) or declines."""
    correction = Correction.objects.filter(request=req).select_related("content_type").first()
    if correction is None:
        return {}
    record = correction.target
    decide = (
        handler
        and record is not None
        and req.status in (S.SUBMITTED, S.ACCEPTED)
        and correction.status != Correction.Status.APPLIED
    )
    context = {
        "correction": correction,
        "correction_now": corrections.shown(record, correction.field) if record is not None else None,
    }
    if decide:
        field = corrections.value_field(record, correction.field)
        context["value_form"] = forms.CorrectionValueForm(
            value_field=field, initial={"value": corrections.initial_value(correction, record)}
        )
    return context


class RequestCreateView(LoginRequiredMixin, View):
    template_name = "portal/request_form.html"

    def check(self, request):
        require_perm(request.user, FirmRequest, "add")
        if not roles.sees_whole_zone(request.user) and not firm_right(request.user, "may_request"):
            raise PermissionDenied(
                _("Your firm's administrator has not given you the right to raise requests.")
            )

    def get(self, request):
        self.check(request)
        return self.page(request, forms.RequestForm(user=request.user, initial=self.initial(request)))

    def initial(self, request) -> dict:
        """A link that starts a request: ``?category=<code>`` and, from the service catalogue,
        ``?service_item=<id>`` (the item named in the subject and the text)."""
        initial = {}
        category = RequestCategory.objects.filter(code=request.GET.get("category") or "").first()
        if category is not None:
            initial["category"] = category.pk
        pk = request.GET.get("service_item") or ""
        item = ServiceItem.objects.visible_to(request.user).filter(pk=pk).first() if pk.isdigit() else None
        if item is not None:
            initial["title"] = (_("About: %(item)s") % {"item": item.name})[:100]
            initial["text"] = _(
                "Service item %(code)s %(item)s (%(department)s, promised within %(days)s working days): "
            ) % {
                "code": item.code,
                "item": item.name,
                "department": item.department,
                "days": item.time_limit_workdays,
            }
        return initial

    def page(self, request, form, status=200):
        return render(
            request, self.template_name, {"form": form, "title": _("Raise a request")}, status=status
        )

    def post(self, request):
        self.check(request)
        form = forms.RequestForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return self.page(request, form, 400)
        data = form.cleaned_data
        enterprise = data.get("enterprise") or get_object_or_404(
            Enterprise.objects.visible_to(request.user), pk=roles.bound_enterprise_id(request.user)
        )
        try:
            with transaction.atomic():
                req = services.request_raise(
                    user=request.user,
                    enterprise=enterprise,
                    category=data["category"],
                    title=data["title"],
                    text=data["text"],
                    urgency=data["urgency"],
                    source=data.get("source") or FirmRequest.Source.PORTAL,
                )
                for upload in data["files"]:
                    services.attachment_add(user=request.user, req=req, upload=upload)
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.page(request, form, 400)
        messages.success(
            request, _("Your request was sent to %(department)s.") % {"department": req.department}
        )
        return redirect(req.get_absolute_url())


def _step_accept(request, req):
    return services.request_accept(user=request.user, req=req)


def _step_answer(request, req):
    """The department answers, with files of its own (a permit, a notice) if it has any."""
    with transaction.atomic():
        for upload in request.FILES.getlist("files"):
            services.attachment_add(user=request.user, req=req, upload=upload)
        return services.request_answer(user=request.user, req=req, answer=request.POST.get("answer", ""))


def _step_rate(request, req):
    return services.request_rate(
        user=request.user, req=req, rating=request.POST.get("rating", ""), note=request.POST.get("note", "")
    )


def _step_reopen(request, req):
    return services.request_reopen(user=request.user, req=req, reason=request.POST.get("reason", ""))


def _step_reassign(request, req):
    from gaoxin.zone.models import Department

    department = Department.objects.filter(pk=request.POST.get("department") or 0).first()
    if department is None:
        raise ValidationError(_("Choose the department."))
    return services.request_reassign(
        user=request.user, req=req, department=department, reason=request.POST.get("reason", "")
    )


def _step_correct(request, req):
    correction = get_object_or_404(Correction, request=req)
    record = correction.target
    if record is None:
        raise ValidationError(_("The record no longer exists."))
    field = corrections.value_field(record, correction.field)
    raw = field.widget.value_from_datadict(request.POST, request.FILES, "value")
    return corrections.correction_apply(user=request.user, correction=correction, raw=raw)


def _step_decline(request, req):
    correction = get_object_or_404(Correction, request=req)
    return corrections.correction_decline(
        user=request.user, correction=correction, reason=request.POST.get("reason", "")
    )


STEPS = {
    "correct": _step_correct,
    "decline": _step_decline,
    "accept": _step_accept,
    "answer": _step_answer,
    "rate": _step_rate,
    "reopen": _step_reopen,
    "reassign": _step_reassign,
}


class RequestStepView(ScopedMixin, View):
    """POST one step of a request: looked up in scope first (404); the service decides who
    may (403) and whether the step fits (a message)."""

    queryset = REQUESTS
    http_method_names = ["post"]

    def post(self, request, pk, step):
        req = self.get_object()
        if step not in STEPS:
            raise Http404
        try:
            STEPS[step](request, req)
            messages.success(request, _("Saved."))
        except ValidationError as error:
            service_error(request, error)
        return redirect(req.get_absolute_url())


class AttachmentView(ScopedMixin, View):
    """A request's file, as a download (never shown inline), in the reader's scope."""

    queryset = RequestAttachment.objects.all()
    http_method_names = ["get"]

    def get(self, request, pk):
        attachment = self.get_object()
        require_perm(request.user, FirmRequest, "view")
        response = file_response(
            attachment.file.open("rb"), attachment.name, content_type=attachment.content_type
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


# --- firm accounts ------------------------------------------------------------------------------


def with_rights(bindings):
    shown = list(bindings)
    for binding in shown:
        binding.right_list = [(value, label, getattr(binding, value)) for value, label in forms.RIGHT_CHOICES]
    return shown


class FirmUserListView(LoginRequiredMixin, View):
    """The firm's administrator: colleagues, open invitations, the invitation form. Zone staff:
    every firm's accounts and the binding of a firm's first administrator."""

    template_name = "portal/firmuser_list.html"

    def allowed(self, request):
        user = request.user
        require_perm(user, Invitation, "view")
        if not (is_firm_admin(user) or roles.sees_whole_zone(user)):
            raise PermissionDenied(_("Only the firm's administrator manages the firm's accounts."))

    def context(self, request, **extra):
        user = request.user
        staff = roles.sees_whole_zone(user)
        bindings = (
            EnterpriseUser.objects.visible_to(user)
            .select_related("user", "enterprise")
            .order_by("enterprise__name", "-is_active", "user__first_name", "pk")
        )
        invitations = Invitation.objects.visible_to(user).filter(
            accepted_at__isnull=True, revoked_at__isnull=True
        )
        return {
            "title": _("Firm accounts"),
            "staff": staff,
            "bindings": with_rights(bindings[:200]),
            "invitations": invitations.select_related("enterprise")[:100],
            "invite_form": forms.InviteForm(),
            "first_admin_form": forms.FirstAdminForm(),
            "enterprises": Enterprise.objects.visible_to(user).order_by("name").only("pk", "name")[:500]
            if staff
            else [],
            "rights": forms.RIGHT_CHOICES,
            **extra,
        }

    def get(self, request):
        self.allowed(request)
        return render(request, self.template_name, self.context(request))

    def post(self, request):
        """Invite a colleague (the firm's administrator) or a firm's first administrator (staff)."""
        self.allowed(request)
        try:
            invitation, token = self.invite(request)
        except ValidationError as error:
            service_error(request, error)
            return render(request, self.template_name, self.context(request), status=400)
        link = request.build_absolute_uri(reverse("portal:invitation_accept", args=[token]))
        return render(
            request, self.template_name, self.context(request, new_invitation=invitation, link=link)
        )

    def invite(self, request):
        user, post = request.user, request.POST
        if roles.sees_whole_zone(user):
            enterprise = get_object_or_404(
                Enterprise.objects.visible_to(user), pk=post.get("enterprise") or 0
            )
            return services.first_admin_bind(
                user=user,
                enterprise=enterprise,
                uscc=post.get("uscc", ""),
                name=post.get("name", ""),
                phone=post.get("phone", ""),
                email=post.get("email", ""),
            )
        enterprise = get_object_or_404(
            Enterprise.objects.visible_to(user), pk=roles.bound_enterprise_id(user)
        )
        return services.invitation_create(
            user=user,
            enterprise=enterprise,
            name=post.get("name", ""),
            phone=post.get("phone", ""),
            email=post.get("email", ""),
            rights=post.getlist("rights"),
            is_admin=post.get("is_admin") == "on",
        )


class FirmUserStepView(ScopedMixin, View):
    """POST rights or remove for one colleague of the firm (another firm's: 404)."""

    queryset = EnterpriseUser.objects.select_related("user")
    http_method_names = ["post"]

    def post(self, request, pk, step):
        binding = self.get_object()
        try:
            if step == "rights":
                services.member_set_rights(
                    user=request.user,
                    binding=binding,
                    rights=request.POST.getlist("rights"),
                    is_admin=request.POST.get("is_admin") == "on",
                )
            elif step == "remove":
                services.member_remove(user=request.user, binding=binding)
            else:
                raise Http404
            messages.success(request, _("Saved."))
        except ValidationError as error:
            service_error(request, error)
        return redirect("portal:firmuser_list")


class InvitationWithdrawView(LoginRequiredMixin, View):
    """POST: the firm's administrator withdraws an open invitation (another firm's: 404 for
    every method, looked up before the method is judged)."""

    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.invitation = get_object_or_404(Invitation.objects.visible_to(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, pk):
        invitation = self.invitation
        try:
            services.invitation_withdraw(user=request.user, invitation=invitation)
            messages.success(request, _("The invitation was withdrawn."))
        except ValidationError as error:
            service_error(request, error)
        return redirect("portal:firmuser_list")


class InvitationAcceptView(View):
    """The invitee's page: the firm's name, a password (the project's validators), the account.
    An unknown token is a 404; a used, withdrawn or expired one says so (410)."""

    template_name = "portal/invitation_accept.html"

    def opened(self, token):
        if not Invitation.objects.filter(token_hash=services.token_hash(token)).exists():
            raise Http404
        return services.invitation_open(token)

    def page(self, request, context, status=200):
        return render(
            request,
            self.template_name,
            {"title": _("Join your firm's accounts"), "bare_layout": True, **context},
            status=status,
        )

    def get(self, request, token):
        try:
            invitation = self.opened(token)
        except ValidationError as error:
            return self.page(request, {"refused": error.messages}, 410)
        return self.page(request, {"invitation": invitation, "form": forms.AcceptForm()})

    def post(self, request, token):
        try:
            invitation = self.opened(token)
        except ValidationError as error:
            return self.page(request, {"refused": error.messages}, 410)
        form = forms.AcceptForm(request.POST)
        if form.is_valid():
            try:
                account = services.invitation_accept(token=token, password=form.cleaned_data["password"])
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                login(request, account, backend="gaoxin.core.backends.CachedPermissionsBackend")
                return redirect("portal:request_list")
        return self.page(request, {"invitation": invitation, "form": form}, 400)


# --- department scores ----------------------------------------------------------------------------


def year_month(request) -> tuple[int, int]:
    day = evaluation_date()
    try:
        year = int(request.GET.get("year") or day.year)
        month = int(request.GET.get("month") or day.month)
        datetime.date(year, month, 1)
    except ValueError as error:
        raise Http404 from error
    return year, month


class DepartmentScoresView(LoginRequiredMixin, View):
    template_name = "portal/department_scores.html"

    def get(self, request):
        if not request.user.has_perm("portal.view_score"):
            raise PermissionDenied
        year, month = year_month(request)
        scores = department_scores(year, month)
        return render(
            request,
            self.template_name,
            {
                "title": _("Department scores"),
                "year": year,
                "month": month,
                "months": range(1, 13),
                "scores": scores,
                "total": zone_total(scores),
            },
        )
