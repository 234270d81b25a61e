"""Import kind ``service-items``: the catalogue from .xlsx (the 政务服务事项 list the city's
platform exports), matched on the item code; each bad cell is a row error."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gaoxin.core.imports import Column, ImportSpec, register

from .models import ServiceItem


@register
class ServiceItemImport(ImportSpec):
    kind = "service-items"
    label = _("Service items")
    sheet_name = _("Service items")
    description = _("The catalogue of 政务服务事项, one item per row, matched on the item code.")
    model = ServiceItem
    key = ("code",)

    def get_columns(self):
        return [
            Column(
                "code",
                _("Item code"),
                required=True,
                aliases=("事项编码", "编码"),
                width=22,
                text_format=True,
            ),
            Column("name", _("Name"), required=True, aliases=("事项名称", "名称"), width=36),
            Column(
                "department",
                _("Implementing department"),
                required=True,
                aliases=("实施部门", "部门"),
                width=20,
            ),
            Column("kind", _("Kind"), aliases=("事项类型", "类型")),
            Column("legal_basis", _("Legal basis"), aliases=("设定依据", "法律依据"), width=40),
            Column(
                "time_limit_workdays",
                _("Promised time limit (working days)"),
                required=True,
                aliases=("承诺时限", "承诺办结时限（工作日）", "承诺时限（工作日）"),
            ),
            Column(
                "statutory_limit_workdays",
                _("Statutory time limit (working days)"),
                aliases=("法定时限", "法定办结时限（工作日）"),
            ),
            Column("materials", _("Materials"), aliases=("申请材料", "材料"), width=40),
            Column("fee", _("Fee"), aliases=("收费标准", "收费")),
            Column("channel", _("Handled"), aliases=("办理方式",)),
            Column("integrated", _("集成办"), aliases=("集成办",)),
            Column("cross_region", _("跨区域办"), aliases=("跨区域办",)),
            Column("promised", _("承诺办"), aliases=("承诺办",)),
            Column("no_application", _("免申办"), aliases=("免申办",)),
            Column("smart", _("智能办"), aliases=("智能办",)),
            Column("is_example", _("Example"), aliases=("示例",)),
            Column("note", _("Note"), aliases=("备注",)),
        ]

    def clean_merged(self, values, row):
        promised, statutory = values.get("time_limit_workdays"), values.get("statutory_limit_workdays")
        if promised is not None and statutory is not None and promised > statutory:
            row.error(
                "time_limit_workdays", gettext("The promised time limit cannot exceed the statutory one.")
            )

    def existing(self, keys):
        codes = {k[0] for k in keys}
        rows = self.locked(ServiceItem.objects.visible_to(self.user).filter(code__in=codes))
        return {(item.code,): item for item in rows}
