"""Import kind ``platforms``: the zone's list of innovation platforms, matched on the name."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gaoxin.core.imports import CellError, Column, ImportSpec, register
from gaoxin.core.imports.columns import clean_text
from gaoxin.core.uscc import normalize
from gaoxin.enterprises.models import Enterprise

from .models import Platform


@register
class PlatformImport(ImportSpec):
    kind = "platforms"
    label = _("Innovation platforms")
    sheet_name = _("Innovation platforms")
    description = _("Innovation platforms (重点实验室, 企业技术中心 …), one row each, matched on the name.")
    model = Platform
    key = ("name",)

    def get_columns(self):
        return [
            Column("name", _("Platform name"), required=True, aliases=("平台名称", "名称"), width=36),
            Column("kind", _("Kind"), required=True, aliases=("类型", "平台类型"), width=20),
            Column("level", _("Level"), required=True, aliases=("级别",)),
            Column(
                "host",
                _("Host enterprise credit code"),
                aliases=("依托企业信用代码", "统一社会信用代码"),
                parse=self.host,
                export=lambda p: p.host.uscc if p.host_id else "",
                width=22,
                text_format=True,
            ),
            Column(
                "recognised_on",
                _("Recognised on"),
                required=True,
                aliases=("认定日期",),
                example="2023-06-01",
            ),
            Column("expires_on", _("Valid until"), aliases=("有效期至",)),
            Column("issuer", _("Recognised by"), aliases=("认定部门",)),
            Column("note", _("Note"), aliases=("备注",)),
        ]

    def prepare(self):
        self.firms = {e.uscc: e for e in Enterprise.objects.visible_to(self.user).only("id", "uscc", "name")}

    def host(self, value):
        code = normalize(clean_text(value))
        if not code:
            return None
        firm = self.firms.get(code)
        if firm is None:
            message = gettext(
                "No enterprise with credit code %(code)s in the registry (import the enterprise first)."
            )
            raise CellError(message % {"code": code})
        return firm

    def clean_merged(self, values, row):
        start, end = values.get("recognised_on"), values.get("expires_on")
        if start and end and end < start:
            row.error("expires_on", gettext("The expiry date cannot be before the recognition date."))

    def existing(self, keys):
        names = {k[0] for k in keys}
        rows = self.locked(
            Platform.objects.visible_to(self.user).filter(name__in=names).select_related("host")
        )
        return {(p.name,): p for p in rows}

    def export_queryset(self):
        return Platform.objects.visible_to(self.user).select_related("host")
