"""Import kinds of the policy library: ``policies`` (one row per policy, keyed by title) and
``policy_clauses`` (one row per clause, keyed by policy title + clause code). A clause's rule
and formula are checked against the field catalogue row by row (the row's error names the
problem); the engine is all or nothing."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gaoxin.core.imports import CellError, Column, ImportSpec, register
from gaoxin.core.imports.columns import clean_text, shown

from .catalogue import catalogue
from .models import Clause, Policy
from .rules import RuleError, check_formula, check_rule


@register
class PolicyImport(ImportSpec):
    kind = "policies"
    label = _("Support policies")
    sheet_name = _("Policies")
    description = _("The policy library, one row per policy; a policy is found again by its title.")
    model = Policy
    key = ("title",)

    def get_columns(self):
        return [
            Column("title", _("Title"), required=True, aliases=("政策名称", "标题"), width=40),
            Column("issuer", _("Issuer"), required=True, aliases=("发文单位", "发布机关"), width=20),
            Column("number", _("Document number"), aliases=("文号",), example="随高新发〔2024〕3号"),
            Column("issued_on", _("Issued on"), aliases=("发布日期", "印发日期"), example="2024-03-01"),
            Column("effective_on", _("Effective from"), aliases=("施行日期", "生效日期")),
            Column("expires_on", _("Expires on"), aliases=("失效日期", "有效期至")),
            Column("scope", _("Scope"), aliases=("适用范围",)),
            Column("tier", _("Tier"), aliases=("培育层级",)),
            Column("status", _("Status"), aliases=("状态",)),
            Column("summary", _("Summary"), aliases=("摘要", "主要内容"), width=40),
        ]

    def existing(self, keys):
        titles = [k[0] for k in keys]
        return {(p.title,): p for p in self.locked(Policy.objects.filter(title__in=titles))}


@register
class ClauseImport(ImportSpec):
    kind = "policy_clauses"
    label = _("Policy clauses")
    sheet_name = _("Clauses")
    description = _(
        "The clauses of the policies, one row per clause: the eligibility rule and the award formula "
        "name fields of the field catalogue by their Chinese names (see 字段目录)."
    )
    model = Clause
    key = ("policy", "code")

    def get_columns(self):
        return [
            Column(
                "policy",
                _("Policy title"),
                required=True,
                aliases=("政策名称", "政策"),
                parse=self._policy,
                export=lambda c: c.policy.title,
                width=40,
            ),
            Column("code", _("Clause code"), required=True, aliases=("条款编号", "条款"), example="第三条"),
            Column("title", _("Clause title"), required=True, aliases=("条款名称",), width=30),
            Column(
                "rule",
                _("Eligibility rule"),
                required=True,
                aliases=("资格条件", "认定条件"),
                width=40,
                example="高企首次认定年份 == 年度",
            ),
            Column(
                "formula",
                _("Award formula (10k yuan)"),
                required=True,
                aliases=("奖励公式", "奖励金额"),
                example="20",
                width=30,
            ),
            Column(
                "budget_amount",
                _("Budget per year (10k yuan)"),
                required=True,
                aliases=("年度预算", "预算（万元）"),
            ),
            Column(
                "budget_line",
                _("Budget line code"),
                required=True,
                aliases=("预算科目", "预算科目编码"),
                text_format=True,
            ),
            Column("repeatable", _("Repeatable every year"), aliases=("可逐年享受", "可重复")),
            Column(
                "min_notice_days",
                _("Minimum public notice (working days)"),
                aliases=("最短公示天数", "公示工作日"),
            ),
            Column("note", _("Note"), aliases=("备注",)),
        ]

    def prepare(self):
        self.by_title = {p.title: p for p in Policy.objects.all()}
        self.catalogue = catalogue()

    def _policy(self, value):
        text = clean_text(value)
        if text == "":
            return None
        if text not in self.by_title:
            raise CellError(gettext("No policy titled “%(value)s”.") % {"value": shown(text)})
        return self.by_title[text]

    def clean_merged(self, values, row):
        for name, check in (("rule", check_rule), ("formula", check_formula)):
            try:
                check(values.get(name) or "", self.catalogue)
            except RuleError as error:
                row.error(name, error.messages[0])

    def existing(self, keys):
        policy_ids = sorted({k[0].pk for k in keys})
        rows = self.locked(Clause.objects.filter(policy_id__in=policy_ids).select_related("policy"))
        return {(c.policy, c.code): c for c in rows}

    def export_queryset(self):
        return Clause.objects.select_related("policy").order_by("policy__title", "code")
