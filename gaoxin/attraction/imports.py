"""Import kind of 招商: ``signing_funds``, the funds in place (到位资金) of signings by month,
one row per signing and month. The engine does the rest (header check, typed cells with the
row and column of every bad cell, all or nothing); the rules are the model's: 外资 needs
the rate it is converted at, the signing's department records its figures."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gaoxin.core.imports import CellError, Column, ImportSpec, register
from gaoxin.core.imports.columns import clean_text, shown
from gaoxin.core.permissions import rule_allows
from gaoxin.enterprises.imports import stored_records

from .models import Signing, SigningFunding, funding_rate_error


@register
class SigningFundingImport(ImportSpec):
    kind = "signing_funds"
    label = _("Funds in place of signings")
    sheet_name = _("Funds in place")
    description = _(
        "Funds actually in place (到位资金) by month, one row per signing and month: 省外资金 in 万元, "
        "外资 in 万美元 with the exchange rate used (元 per US dollar). The signing is its number or "
        "its exact project name."
    )
    model = SigningFunding
    key = ("signing", "year", "month")

    def get_columns(self):
        return [
            Column(
                "signing",
                _("Signing (number or project name)"),
                required=True,
                aliases=("签约项目", "项目名称", "签约项目编号", "项目"),
                parse=self._signing,
                export=self._export_signing,
                text_format=True,
                width=30,
                help=_(
                    "The signing's number (in its address, /signings/<number>/) or its exact project name."
                ),
            ),
            Column("year", _("Year"), required=True, aliases=("年度", "年份"), example="2025", width=8),
            Column("month", _("Month"), required=True, aliases=("月份",), example="9", width=8),
            Column(
                "domestic_outside_province",
                _("Funds from outside the province (10k yuan)"),
                aliases=("省外资金", "省外资金（万元）", "省外到位资金", "省外境内资金"),
                example="3500",
            ),
            Column(
                "foreign_usd",
                _("Foreign funds (10k US dollars)"),
                aliases=("外资", "外资（万美元）", "实际利用外资", "实际利用外资（万美元）"),
                example="0",
            ),
            Column(
                "usd_rate",
                _("Exchange rate used (yuan per US dollar)"),
                aliases=("汇率", "折算汇率", "汇率（元/美元）"),
                example="7.1884",
                help=_("Required when there are foreign funds."),
            ),
            Column("note", _("Note"), aliases=("备注", "说明"), width=30),
        ]

    def prepare(self):
        visible = Signing.objects.visible_to(self.user)
        self.by_pk, self.by_name = {}, {}
        for signing in visible.only("id", "project_name", "department_id", "reported_by_id"):
            self.by_pk[signing.pk] = signing
            self.by_name.setdefault(signing.project_name, []).append(signing)

    def _signing(self, value):
        text = clean_text(value)
        if text == "":
            return None
        named = self.by_name.get(text, [])
        if len(named) == 1:
            return named[0]
        if named:
            raise CellError(
                gettext("Several signings are called “%(name)s”: give the signing's number.")
                % {"name": shown(text)}
            )
        number = text.removeprefix("#")
        if number.isdigit() and int(number) in self.by_pk:
            return self.by_pk[int(number)]
        raise CellError(
            gettext("No signing with number or project name “%(value)s”.") % {"value": shown(text)}
        )

    def _export_signing(self, funding) -> str:
        """The project name when it names one signing, else the signing's number."""
        name = funding.signing.project_name
        return name if self.name_counts.get(name) == 1 else str(funding.signing_id)

    def clean_merged(self, values, row):
        signing = values["signing"]
        if not rule_allows(self.user, signing):
            row.error("signing", gettext("Only the signing's department may record its funds in place."))
            return
        error = funding_rate_error(values.get("foreign_usd"), values.get("usd_rate"))
        if error:
            row.error("usd_rate", error)

    def existing(self, keys):
        signing_ids = sorted({k[0].pk for k in keys})
        base = self.locked(SigningFunding.objects.visible_to(self.user))
        return stored_records(
            base.select_related("signing"), "signing_id", signing_ids, lambda f: (f.signing, f.year, f.month)
        )

    def before_save(self, created, updated):
        """The 万元 of 外资 and the month's total, as ``SigningFunding.save`` computes them."""
        for instance in created:
            instance.compute()
        for plan in updated:
            plan.instance.compute()
            plan.changed_fields.extend(["foreign_cny", "total"])

    def export_queryset(self):
        names = Signing.objects.visible_to(self.user).values_list("project_name", flat=True)
        self.name_counts = {}
        for name in names:
            self.name_counts[name] = self.name_counts.get(name, 0) + 1
        return (
            SigningFunding.objects.visible_to(self.user)
            .select_related("signing")
            .order_by("signing_id", "year", "month")
        )
