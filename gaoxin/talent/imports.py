"""Import kind ``research-assistants``: 科研助理 posts, matched on credit code + person + post +
start date (the zone's yearly list from the firms runs to hundreds of rows)."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gaoxin.core.imports import Column, ImportSpec, register
from gaoxin.enterprises.imports import EnterpriseLookupMixin, stored_records

from .models import ResearchAssistantPost


@register
class ResearchAssistantImport(EnterpriseLookupMixin, ImportSpec):
    kind = "research-assistants"
    label = _("Research assistant posts")
    sheet_name = _("Research assistant posts")
    description = _(
        "科研助理 posts, one person per row, matched on credit code + person + post + start date."
    )
    model = ResearchAssistantPost
    key = ("enterprise", "person", "post", "started_on")

    def get_columns(self):
        return [
            *self.enterprise_columns(),
            Column("person", _("Person"), required=True, aliases=("姓名", "人员姓名")),
            Column("post", _("Post"), required=True, aliases=("岗位", "岗位名称"), width=20),
            Column(
                "started_on",
                _("Started on"),
                required=True,
                aliases=("上岗日期", "开始日期"),
                example="2024-07-01",
            ),
            Column("ended_on", _("Ended on"), aliases=("离岗日期", "结束日期")),
            Column("note", _("Note"), aliases=("备注",)),
        ]

    def prepare(self):
        self.prepare_enterprises()

    def clean_row(self, values, row):
        self.check_name(values, row)

    def clean_merged(self, values, row):
        start, end = values.get("started_on"), values.get("ended_on")
        if start and end and end < start:
            row.error("ended_on", gettext("A post cannot end before it starts."))

    def existing(self, keys):
        base = self.locked(ResearchAssistantPost.objects.visible_to(self.user).select_related("enterprise"))
        return stored_records(
            base,
            "enterprise_id",
            {k[0].pk for k in keys},
            lambda r: (r.enterprise, r.person, r.post, r.started_on),
        )

    def export_queryset(self):
        return ResearchAssistantPost.objects.visible_to(self.user).select_related("enterprise")
