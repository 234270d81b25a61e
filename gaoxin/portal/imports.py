"""The request import (诉求台账 .xlsx, for zone staff): requests taken down outside the portal —
the hotline, a visit, a meeting — each routed and dated as if raised on the portal on its day
(the category's department, the acceptance deadline in working days). Matched on credit code +
day raised + subject; a request already accepted is not changed by a file."""

from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from gaoxin.core import roles
from gaoxin.core.imports import Column, ImportSpec, lookup_parser, register
from gaoxin.core.imports.columns import normalize_header
from gaoxin.enterprises.imports import EnterpriseLookupMixin, stored_records
from gaoxin.zone.workdays import calendar

from .forms import CORRECTION_CATEGORY
from .models import FirmRequest, RequestCategory, RequestEvent

S = FirmRequest.Status


@register
class RequestImport(EnterpriseLookupMixin, ImportSpec):
    kind = "requests"
    label = _("Requests (诉求)")
    sheet_name = _("Requests")
    description = _(
        "Requests taken down outside the portal (hotline, visit, meeting), routed by their category "
        "and dated by the day raised; matched on credit code + day raised + subject."
    )
    model = FirmRequest
    key = ("enterprise", "raised_on", "title")

    def __init__(self, *args, **kwargs):
        self.categories = {}
        super().__init__(*args, **kwargs)

    def get_columns(self):
        return [
            *self.enterprise_columns(),
            Column(
                "category",
                _("Category"),
                required=True,
                aliases=("诉求分类", "分类", "类别"),
                parse=lookup_parser(
                    self.categories,
                    _("category"),
                    lambda: list(
                        RequestCategory.objects.exclude(code=CORRECTION_CATEGORY).values_list(
                            "name", flat=True
                        )
                    ),
                ),
                export=lambda r: r.category.name,
                help=_("The category's name or code; it names the department and the time limits."),
            ),
            Column("title", _("Subject"), required=True, aliases=("主题", "诉求主题", "标题"), width=30),
            Column(
                "text", _("Details of the request"), required=True, aliases=("诉求内容", "内容"), width=50
            ),
            Column(
                "raised_on", _("Raised on"), required=True, aliases=("提出日期", "登记日期"), not_future=True
            ),
            Column("source", pgettext_lazy("request", "Source"), required=True, aliases=("来源", "诉求来源")),
            Column("urgency", _("Urgency"), aliases=("紧急程度",)),
        ]

    def prepare(self):
        self.prepare_enterprises()
        self.categories.clear()
        for category in RequestCategory.objects.exclude(code=CORRECTION_CATEGORY).select_related(
            "department"
        ):
            self.categories[normalize_header(category.code)] = category
            self.categories[normalize_header(category.name)] = category
        self.work = calendar()
        self.statuses = {}

    def missing_permission(self) -> str:
        if not roles.sees_whole_zone(self.user):
            return gettext("Only zone staff import requests; a firm raises its own on the portal.")
        return ""

    def clean_row(self, values, row):
        self.check_name(values, row)
        if values.get("source") == FirmRequest.Source.PORTAL:
            row.error("source", gettext("Say where the firm raised it (visit, phone …)."))
        category = values.get("category")
        if category is not None and category.department_id is None:
            row.error(
                "category", gettext("This category routes to no department yet: tell the zone's staff.")
            )

    def clean_merged(self, values, row):
        """A stored request changes by a file only while it waits for acceptance and only if
        the zone took it down itself (a firm's own words are never rewritten)."""
        status, source = self.statuses.get(values.get("id"), (S.SUBMITTED, ""))
        if status != S.SUBMITTED:
            row.error(
                "title", gettext("This request has been accepted: it is changed on its page, not by a file.")
            )
        elif source == FirmRequest.Source.PORTAL:
            row.error("title", gettext("The firm raised this request itself: a file does not change it."))

    def permission_for(self, action: str) -> str:
        return "portal.add_firmrequest"  # who takes requests down corrects them while unaccepted

    def existing(self, keys):
        base = self.locked(FirmRequest.objects.visible_to(self.user).select_related("enterprise", "category"))
        found = stored_records(
            base, "enterprise_id", {k[0].pk for k in keys}, lambda r: (r.enterprise, r.raised_on, r.title)
        )
        self.statuses = {r.pk: (r.status, r.source) for r in found.values()}
        return found

    def export_queryset(self):
        return FirmRequest.objects.visible_to(self.user).select_related("enterprise", "category")

    def before_save(self, created, updated):
        for req in created:
            category = req.category
            req.department_id = category.department_id
            req.routed_on = req.raised_on
            req.accept_due = self.work.add_working_days(req.raised_on, category.accept_workdays)
            req.raised_by = self.user
            req.status = S.SUBMITTED

    def after_save(self, created, updated, rows):
        RequestEvent.objects.bulk_create(
            [
                RequestEvent(
                    request_id=req.pk,
                    action=RequestEvent.Action.SUBMIT,
                    day=req.raised_on,
                    user=self.user,
                    to_status=S.SUBMITTED,
                    department_id=req.department_id,
                    reason=gettext("Imported"),
                )
                for req in created
            ]
        )
