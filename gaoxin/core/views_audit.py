"""The global audit log (auditors and administrators)."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .audit import redact
from .filters import AuthEventFilterSet, ObjectChangeFilterSet
from .models import AuthEvent, ObjectChange
from .tables import BaseTable
from .views import ObjectDetailView, ObjectListView


class ObjectChangeTable(BaseTable):
    time = tables.DateTimeColumn(format="Y-m-d H:i:s", linkify=True, verbose_name=_("recorded at"))
    user_name = tables.Column(verbose_name=_("user"), empty_values=())
    content_type = tables.Column(
        verbose_name=_("object type"), accessor="content_type__model", orderable=False
    )
    request_id = tables.Column(verbose_name=_("request id"), orderable=False)

    class Meta(BaseTable.Meta):
        model = ObjectChange
        fields = (
            "time",
            "user_name",
            "action",
            "source",
            "content_type",
            "object_repr",
            "message",
            "request_id",
        )
        default_columns = fields
        always_visible = ("time",)
        order_by = ("-time",)

    def render_user_name(self, value):
        return value or _("system")

    def shown(self, record) -> ObjectChange:
        """The record as this table's reader may see it (``core.audit.redact``), worked out
        once for the rows of the page, or of the export."""
        if getattr(self, "_shown", None) is None:
            page = getattr(self, "page", None)
            rows = [getattr(row, "record", row) for row in page.object_list] if page is not None else [record]
            self._shown = {change.pk: change for change in redact(rows, self.request.user)}
        if record.pk not in self._shown:
            self._shown.update({change.pk: change for change in redact([record], self.request.user)})
        return self._shown[record.pk]

    def render_object_repr(self, record):
        return self.shown(record).object_repr

    def export_object_repr(self, record):
        return self.shown(record).object_repr

    def render_content_type(self, record):
        model = record.content_type.model_class()
        return model._meta.verbose_name if model else record.content_type.model

    def render_action(self, value, record):
        colors = {"create": "green", "delete": "red", "status": "orange"}
        return format_html('<span class="badge bg-{}-lt">{}</span>', colors.get(record.action, "blue"), value)

    def render_request_id(self, value):
        return format_html('<a href="?request_id={}" title="{}">{}</a>', value, value, str(value)[:8])

    def export_content_type(self, record):
        return str(self.render_content_type(record))


class ChangeListView(ObjectListView):
    queryset = ObjectChange.objects.select_related("content_type")
    filterset_class = ObjectChangeFilterSet
    table_class = ObjectChangeTable
    title = _("Audit log")
    default_per_page = 50


class ChangeDetailView(ObjectDetailView):
    queryset = ObjectChange.objects.select_related("content_type", "user")
    template_name = "core/change_detail.html"

    def get_context(self, obj):
        return {
            "title": _("Change record #%(id)s") % {"id": obj.pk},
            "changes": redact([obj], self.request.user),
        }


class AuthEventTable(BaseTable):
    time = tables.DateTimeColumn(format="Y-m-d H:i:s", verbose_name=_("time"))

    class Meta(BaseTable.Meta):
        model = AuthEvent
        fields = ("time", "kind", "username", "detail", "actor", "ip", "user_agent")
        default_columns = fields
        always_visible = ("time",)
        order_by = ("-time",)

    def render_kind(self, value, record):
        colors = {
            "login": "green",
            "logout": "secondary",
            "failed": "red",
            "locked": "red",
            "password": "orange",
            "perms": "purple",
            "otp_enrol": "teal",
            "otp_ok": "green",
            "otp_failed": "red",
            "otp_off": "orange",
            "otp_reset": "orange",
        }
        return format_html('<span class="badge bg-{}-lt">{}</span>', colors.get(record.kind, "blue"), value)


class AuthEventListView(ObjectListView):
    """Sign-ins, sign-outs, refused and locked sign-ins, password and permission changes, with
    address and browser (auditors)."""

    queryset = AuthEvent.objects.select_related("actor")
    filterset_class = AuthEventFilterSet
    table_class = AuthEventTable
    title = _("Sign-ins")
    default_per_page = 50
