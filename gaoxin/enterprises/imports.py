"""Import kinds of the registry: ``enterprises`` (keyed by credit code), ``qualifications``
(credit code + type + grant date) and ``annual-facts`` (credit code + year)."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gaoxin.core import uscc
from gaoxin.core.audit import change_rows, serialize
from gaoxin.core.bulk import FastInserter
from gaoxin.core.context import current
from gaoxin.core.imports import CellError, Column, ImportSpec, lookup_parser, register
from gaoxin.core.imports.columns import clean_text, normalize_header, shown
from gaoxin.core.models import ObjectChange, Tag
from gaoxin.reference.models import Industry, Region
from gaoxin.zone.models import LeadIndustry, Park

from .forms import parse_industry_code
from .models import FACT_FIELDS, AnnualFacts, Enterprise, Qualification, QualificationType, facts_errors

CHUNK = 5000
# name, credit code (check digit valid, 随州 曾都区), legal representative, industry class
EXAMPLE_FIRMS = [
    ("随州示例新材料有限公司", "91421303AY4CL12T2K", "邹桂", "C3985"),
    ("随州示例专用汽车有限公司", "91421303J1XG612D1T", "崔涛", "C3630"),
    ("随州示例生物科技有限公司", "914213032HD1TJ3Y92", "邓然", "C2720"),
]


def parse_uscc(value, notes: dict | None = None) -> str:
    if isinstance(value, float | int) and not isinstance(value, bool):
        raise CellError(
            gettext(
                "Excel stored the credit code as a number and lost digits; format the column as text and type it again."
            )
        )
    text = clean_text(value)
    if text == "":
        return ""
    result = uscc.check(text)
    if not result.ok:
        raise CellError(result.error)
    if notes is not None and result.warnings:
        notes[result.code] = result.warnings
    return result.code


def chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def stored_records(queryset, field: str, values, key) -> dict:
    """The stored records whose ``field`` is one of ``values``, by ``key(record)``: read in
    chunks, so a file of 100,000 rows stays under the database's limit of query parameters."""
    found = {}
    for part in chunks(sorted(values)):
        for record in queryset.filter(**{f"{field}__in": part}):
            found[key(record)] = record
    return found


class EnterpriseLookupMixin:
    """Resolve the credit code column to an enterprise the user may see."""

    def enterprise_parser(self):
        spec = self

        def parse(value):
            code = parse_uscc(value)
            if code == "":
                return None
            enterprise = spec.enterprises.get(code)
            if enterprise is None:
                raise CellError(
                    gettext(
                        "No enterprise with credit code %(code)s in the registry (import the enterprise first)."
                    )
                    % {"code": code}
                )
            return enterprise

        return parse

    def enterprise_columns(self) -> list[Column]:
        """The credit code naming the record's enterprise, and its name as a check."""
        return [
            Column(
                "enterprise",
                _("Unified social credit code"),
                required=True,
                parse=self.enterprise_parser(),
                export=lambda record: record.enterprise.uscc,
                aliases=("统一社会信用代码", "信用代码"),
                width=22,
                text_format=True,
                help=_("The enterprise must already be in the registry."),
            ),
            Column(
                "enterprise_name",
                _("Enterprise name"),
                aliases=("企业名称",),
                width=30,
                export=lambda record: record.enterprise.name,
                help=_("Optional; only checked against the registry."),
            ),
        ]

    def prepare_enterprises(self) -> None:
        self.enterprises = {
            e.uscc: e for e in Enterprise.objects.visible_to(self.user).only("id", "uscc", "name")
        }

    def check_name(self, values, row) -> None:
        name = values.get("enterprise_name")
        enterprise = values.get("enterprise")
        if name and enterprise is not None and name != enterprise.name:
            row.warn(
                "enterprise_name",
                gettext("The registry calls this enterprise “%(name)s”.") % {"name": enterprise.name},
            )


@register
class EnterpriseImport(ImportSpec):
    kind = "enterprises"
    label = _("Enterprises")
    sheet_name = _("Enterprises")
    description = _("The enterprise list (一企一档), one row per enterprise, matched on the credit code.")
    model = Enterprise
    key = ("uscc",)

    def get_columns(self):
        self.uscc_warnings: dict[str, list[str]] = {}
        self.tag_names: set[str] = set()
        return [
            *self.registration_columns(),
            *self.founding_columns(),
            *self.place_columns(),
            *self.profile_columns(),
        ]

    def registration_columns(self) -> list[Column]:
        """The firm's name and credit code, the import's key."""
        return [
            Column(
                "name",
                _("Enterprise name"),
                required=True,
                aliases=("企业名称", "名称"),
                width=30,
                example="随州示例科技有限公司",
            ),
            Column(
                "uscc",
                _("Unified social credit code"),
                required=True,
                parse=lambda value: parse_uscc(value, self.uscc_warnings),
                aliases=("统一社会信用代码", "信用代码", "社会信用代码"),
                width=22,
                text_format=True,
                example="91421300MA4DXXXXXX",
                help=_(
                    "18 characters; full-width or lower-case letters are accepted and normalised. Format the column as text."
                ),
            ),
        ]

    def founding_columns(self) -> list[Column]:
        """Who founded it, when, with how much capital."""
        return [
            Column(
                "legal_representative",
                _("Legal representative"),
                aliases=("法定代表人", "法人代表"),
                example="张三",
            ),
            Column(
                "established_on",
                _("Established on"),
                aliases=("成立日期",),
                not_future=True,
                example="2018-05-20",
                help=_("Not in the future."),
            ),
            Column(
                "registered_capital",
                _("Registered capital (10k yuan)"),
                aliases=("注册资本", "注册资本（万元）"),
                example="5000",
                help=_("In 万元; not negative."),
            ),
        ]

    def place_columns(self) -> list[Column]:
        """Where it sits: park, address, industry class."""
        return [
            Column(
                "park",
                _("Park"),
                aliases=("所属园区", "园区"),
                parse=self._lookup("parks"),
                choices_hint=lambda: [p.name for p in Park.objects.all()],
                example="城东园区",
            ),
            Column("address", _("Address"), aliases=("地址", "注册地址"), width=30),
            Column(
                "industry",
                _("Industry code (GB/T 4754)"),
                aliases=("行业代码", "国民经济行业代码", "行业"),
                parse=self._industry,
                width=16,
                text_format=True,
                example="C3841",
                help=_("4-digit class of GB/T 4754-2017, with or without the section letter."),
            ),
        ]

    def profile_columns(self) -> list[Column]:
        """The zone's classification: lead industry, status, scale, scope, tags."""
        return [
            Column(
                "lead_industry",
                _("Lead industry"),
                aliases=("主导产业",),
                parse=self._lookup("lead_industries"),
                choices_hint=lambda: [li.name for li in LeadIndustry.objects.all()],
                example="新能源新材料",
            ),
            Column(
                "status",
                _("Status"),
                aliases=("状态", "经营状态"),
                example="存续",
                help=_("Blank means active."),
            ),
            Column("scale", _("Scale"), aliases=("企业规模", "规模"), example="小型"),
            Column("business_scope", _("Business scope"), aliases=("经营范围",), width=40),
            Column(
                "tags",
                _("Tags"),
                aliases=("标签",),
                parse=self._tags,
                example="链主企业,拟上市",
                help=_("Names separated by commas; new tags are created."),
            ),
        ]

    # -- lookups -----------------------------------------------------------------------
    def _lookup(self, name):
        # Columns are bound before prepare() loads the tables: resolve the parser late.
        return lambda value: self.parsers[name](value)

    def _industry(self, value):
        text = clean_text(value)
        if text == "":
            return None
        industry = self.industries.get(parse_industry_code(text.split()[0]))
        if industry is None:
            raise CellError(
                gettext("Industry code “%(code)s” does not exist in GB/T 4754-2017.") % {"code": shown(text)}
            )
        if industry.level != Industry.Level.CLASS:
            raise CellError(
                gettext("“%(code)s” is a %(level)s; give a 4-digit class under it.")
                % {"code": industry.full_code, "level": industry.get_level_display()}
            )
        return industry

    def _tags(self, value):
        text = clean_text(value)
        if not text:
            return None
        parts = text.replace("，", ",").replace("、", ",").split(",")
        names = sorted({clean_text(part) for part in parts if part.strip()})  # each name checked for formulas
        too_long = [n for n in names if len(n) > 50]
        if too_long:
            raise CellError(
                gettext("Tag “%(tag)s” is longer than 50 characters.") % {"tag": shown(too_long[0])}
            )
        self.tag_names.update(names)
        return names

    def missing_permission(self) -> str:
        if not self.tag_names or self.user.has_perm("core.add_tag"):
            return ""
        new = sorted(
            self.tag_names - set(Tag.objects.filter(name__in=self.tag_names).values_list("name", flat=True))
        )
        if new:
            return gettext("You may not create tags (%(tags)s).") % {"tags": "、".join(new[:10])}
        return ""

    def prepare(self):
        self.parks = {}
        for park in Park.objects.all():
            self.parks[normalize_header(park.name)] = park
            self.parks[normalize_header(park.code)] = park
        self.lead_industries = {}
        for item in LeadIndustry.objects.all():
            self.lead_industries[normalize_header(item.name)] = item
            self.lead_industries[normalize_header(item.code)] = item
        self.uscc_warnings: dict[str, list[str]] = {}
        self.industries = {i.code: i for i in Industry.objects.all()}
        self.regions = {r.code: r for r in Region.objects.all()}
        self.parsers = {
            "parks": lookup_parser(self.parks, gettext("Park"), lambda: [p.name for p in Park.objects.all()]),
            "lead_industries": lookup_parser(
                self.lead_industries,
                gettext("Lead industry"),
                lambda: [li.name for li in LeadIndustry.objects.all()],
            ),
        }

    def clean_row(self, values, row):
        code = values["uscc"]
        for warning in self.uscc_warnings.get(code, ()):
            row.warn("uscc", warning)
        if code[2:8] not in self.regions:
            message = gettext("Positions 3-8 (%(code)s) are not a GB/T 2260 region code.")
            row.warn("uscc", message % {"code": code[2:8]})

    def existing(self, keys):
        # One cheap pass over the codes decides which full records are worth loading:
        # a first import of 50,000 firms then costs one query instead of ten.
        visible = Enterprise.objects.visible_to(self.user)
        present = sorted(set(visible.values_list("uscc", flat=True)) & {k[0] for k in keys})
        found = {}
        base = self.locked(visible.select_related("park", "industry", "lead_industry", "region"))
        for part in chunks(present):
            for enterprise in base.filter(uscc__in=part).prefetch_related("tags"):
                found[(enterprise.uscc,)] = enterprise
        return found

    def new_instance(self, values):
        instance = super().new_instance(values)
        region = self.regions.get(values["uscc"][2:8])
        if region is not None:  # set like new_instance does: id plus the cached object
            instance.region_id = region.code
            instance._state.fields_cache["region"] = region
        instance._audit_m2m_values = {"tags": values.get("tags") or []}
        return instance

    def extra_changes(self, instance, values):
        tags = values.get("tags")
        if tags is None:
            return []
        current = sorted(t.name for t in instance.tags.all())
        return ["tags"] if current != tags else []

    def after_save(self, created, updated, rows):
        """Tags are many-to-many: written here, and handed to the audit rows."""
        if "tags" not in self.present_keys:
            return
        by_uscc = {plan.values["uscc"]: plan.values.get("tags") for plan in rows.values()}
        wanted = {name for tags in by_uscc.values() if tags for name in tags}
        tags = {t.name: t for t in Tag.objects.filter(name__in=wanted)}
        new_tags = Tag.objects.bulk_create([Tag(name=name) for name in sorted(wanted - tags.keys())])
        for tag in new_tags:
            tags[tag.name] = tag
        if new_tags:  # bulk_create skips the signals: the new tags' audit rows by hand
            items = [(tag, "create", None, serialize(tag)) for tag in new_tags]
            FastInserter(ObjectChange).insert_values(
                change_rows(Tag, items, current().message, current(), timezone.now())
            )
        through = Enterprise.tags.through
        links, replaced = [], []
        for instance in created:
            names = by_uscc.get(instance.uscc) or []
            instance._audit_m2m_values = {"tags": names}
            links.extend(through(enterprise_id=instance.pk, tag_id=tags[name].pk) for name in names)
        for instance in updated:
            names = by_uscc.get(instance.uscc)
            if names is None:
                continue  # blank cell: the stored tags stay (prefetched, so no query)
            replaced.append(instance.pk)
            instance._audit_m2m_values = {"tags": names}
            links.extend(through(enterprise_id=instance.pk, tag_id=tags[name].pk) for name in names)
        through.objects.filter(enterprise_id__in=replaced).delete()
        through.objects.bulk_create(links, batch_size=2000)

    def export_queryset(self):
        return (
            Enterprise.objects.visible_to(self.user)
            .select_related("park", "industry", "lead_industry")
            .prefetch_related("tags")
        )

    def example_rows(self) -> list[list]:
        """Three made-up, valid firms for the template "with examples" (the demo's zone adds
        its own firms through the same import)."""
        park, lead = Park.objects.first(), LeadIndustry.objects.first()
        rows = []
        for index, (name, code, person, industry) in enumerate(EXAMPLE_FIRMS):
            values = {
                "name": name,
                "uscc": code,
                "legal_representative": person,
                "established_on": datetime.date(2019 + index, 3, 15),
                "registered_capital": 1000 * (index + 1),
                "park": park.name if park else "",
                "address": "湖北省随州市曾都区",
                "industry": industry,
                "lead_industry": lead.name if lead else "",
                "status": "active",
                "scale": "small",
            }
            rows.append([values.get(column.key, "") for column in self.columns])
        return rows


@register
class QualificationImport(EnterpriseLookupMixin, ImportSpec):
    kind = "qualifications"
    label = _("Qualifications")
    sheet_name = _("Qualifications")
    description = _(
        "Qualifications held by enterprises (高企, 科小, 专精特新 …), matched on credit code + type + grant date."
    )
    model = Qualification
    key = ("enterprise", "type", "granted_on")

    def get_columns(self):
        return [
            *self.enterprise_columns(),
            Column(
                "type",
                _("Qualification type"),
                required=True,
                aliases=("资质类型", "资质"),
                parse=self._type,
                export=lambda q: q.type.name,
                choices_hint=lambda: [t.name for t in QualificationType.objects.filter(is_active=True)],
                help=_("The type's name or code (high_tech, tech_sme …)."),
                width=24,
            ),
            Column("level", _("Level"), aliases=("级别",)),
            Column(
                "certificate_no",
                _("Certificate or registration no."),
                aliases=("证书编号", "入库编号", "登记编号"),
                width=22,
                text_format=True,
            ),
            Column(
                "granted_on",
                _("Granted on"),
                required=True,
                aliases=("认定日期", "发证日期", "入库日期"),
                not_future=True,
                example="2023-12-08",
            ),
            Column(
                "expires_on",
                _("Valid until"),
                aliases=("有效期至", "到期日期"),
                help=_("Blank: computed from the type's validity (高企: 3 years)."),
            ),
            Column("revoked_on", _("Revoked on"), aliases=("撤销日期", "取消日期")),
            Column("note", _("Note"), aliases=("备注",)),
        ]

    def _type(self, value):
        text = clean_text(value)
        if text == "":
            return None
        found = self.types.get(normalize_header(text))
        if found is None:
            allowed = "、".join(t.name for t in set(self.types.values()))
            raise CellError(
                gettext("Unknown qualification type “%(value)s”; allowed: %(allowed)s.")
                % {"value": shown(text), "allowed": allowed}
            )
        return found

    def prepare(self):
        self.prepare_enterprises()
        self.types = {}
        for kind in QualificationType.objects.all():
            for name in (kind.code, kind.name, kind.short_name):
                if name:
                    self.types[normalize_header(name)] = kind

    def clean_row(self, values, row):
        self.check_name(values, row)

    def clean_merged(self, values, row):
        granted, expires = values.get("granted_on"), values.get("expires_on")
        if expires and granted and expires < granted:
            message = gettext("The expiry date %(expires)s is before the grant date %(granted)s.")
            row.error("expires_on", message % {"expires": expires, "granted": granted})

    def new_instance(self, values):
        """Defaults from the type for new records only: a blank cell of a stored record
        keeps the stored expiry and level."""
        instance = super().new_instance(values)
        if instance.expires_on is None:
            instance.expires_on = instance.type.expiry_for(instance.granted_on)
        if not instance.level and instance.type.default_level:
            instance.level = instance.type.default_level
        return instance

    def existing(self, keys):
        base = self.locked(Qualification.objects.visible_to(self.user).select_related("enterprise", "type"))
        return stored_records(
            base, "enterprise_id", {k[0].pk for k in keys}, lambda q: (q.enterprise, q.type, q.granted_on)
        )

    def export_queryset(self):
        return Qualification.objects.visible_to(self.user).select_related("enterprise", "type")


FACT_LABELS = {
    "operating_revenue": (_("Operating revenue (10k yuan)"), ("营业收入", "营业收入（万元）")),
    "main_business_revenue": (
        _("Main business revenue (10k yuan)"),
        ("主营业务收入", "主营业务收入（万元）"),
    ),
    "industrial_output": (_("Gross industrial output (10k yuan)"), ("工业总产值", "工业总产值（万元）")),
    "high_tech_output": (_("High-tech industry output (10k yuan)"), ("高新技术产业产值", "高新技术产值")),
    "value_added": (_("Industrial value added (10k yuan)"), ("工业增加值",)),
    "total_profit": (_("Total profit (10k yuan)"), ("利润总额",)),
    "net_profit": (_("Net profit (10k yuan)"), ("净利润",)),
    "tax_paid": (_("Taxes paid (10k yuan)"), ("实缴税金", "纳税额", "实缴税收")),
    "rd_expense": (_("R&D expense (10k yuan)"), ("研发费用", "研发经费")),
    "rd_expense_domestic": (_("R&D expense in China (10k yuan)"), ("境内研发费用",)),
    "high_tech_revenue": (
        _("High-tech product/service revenue (10k yuan)"),
        ("高新技术产品（服务）收入", "高新技术产品收入"),
    ),
    "exports": (_("Exports (10k yuan)"), ("出口额", "出口交货值")),
    "total_assets": (_("Total assets (10k yuan)"), ("资产总额", "资产总计")),
    "total_liabilities": (_("Total liabilities (10k yuan)"), ("负债总额", "负债合计")),
    "staff_total": (_("Staff"), ("从业人员", "职工总数", "从业人员数")),
    "staff_sci_tech": (_("S&T staff"), ("科技人员", "科技人员数")),
    "staff_rd": (_("R&D staff"), ("研发人员", "研发人员数")),
    "land_area_mu": (_("Land area (mu)"), ("用地面积", "用地面积（亩）", "占地面积")),
    "energy_tce": (_("Energy use (tce)"), ("综合能耗", "综合能耗（吨标煤）")),
    "electricity_10k_kwh": (_("Electricity (10k kWh)"), ("用电量", "用电量（万千瓦时）")),
    "ip_class1_count": (_("Class I IP"), ("Ⅰ类知识产权", "I类知识产权", "一类知识产权")),
    "ip_class2_count": (_("Class II IP"), ("Ⅱ类知识产权", "II类知识产权", "二类知识产权")),
    "total_revenue": (_("Total revenue (10k yuan)"), ("总收入", "收入总额", "总收入（万元）")),
    "non_taxable_revenue": (_("Non-taxable revenue (10k yuan)"), ("不征税收入", "不征税收入（万元）")),
    "cost_expense_total": (
        _("Total costs and expenses (10k yuan)"),
        ("成本费用总额", "成本费用总额（万元）"),
    ),
    "staff_average": (_("Average staff"), ("全年平均职工人数", "平均职工人数")),
    "staff_183_days": (_("Staff employed 183 days or more"), ("全年在职≥183天人数", "在职183天以上人数")),
    "niche_market_share": (
        _("Niche market share (%)"),
        ("主导产品国内细分市场占有率", "细分市场占有率", "市场占有率"),
    ),
    "digital_maturity_level": (_("Digital maturity level (1-4)"), ("数字化水平等级", "数字化水平")),
    "compliance_incidents": (
        _("Major incidents or serious environmental violations last year"),
        ("上年重大安全/质量事故或严重环境违法次数", "重大安全质量事故或严重环境违法次数", "事故及违法次数"),
    ),
}


@register
class AnnualFactsImport(EnterpriseLookupMixin, ImportSpec):
    kind = "annual-facts"
    label = _("Annual facts")
    sheet_name = _("Annual facts")
    description = _(
        "Yearly business figures per enterprise (revenue, output, tax, R&D, staff, land, energy), matched on credit code + year."
    )
    model = AnnualFacts
    key = ("enterprise", "year")

    def get_columns(self):
        columns = [
            *self.enterprise_columns(),
            Column("year", _("Year"), required=True, aliases=("年度", "年份"), example="2024", width=8),
        ]
        for name in FACT_FIELDS:
            label, aliases = FACT_LABELS[name]
            columns.append(Column(name, label, aliases=aliases, width=14))
        columns.append(Column("source", _("Source"), aliases=("数据来源", "来源"), example="统计年报"))
        return columns

    def prepare(self):
        self.prepare_enterprises()

    def clean_row(self, values, row):
        self.check_name(values, row)

    def clean_merged(self, values, row):
        for key, message in facts_errors(values):
            row.error(key, message)

    def existing(self, keys):
        base = self.locked(AnnualFacts.objects.visible_to(self.user).select_related("enterprise"))
        return stored_records(
            base, "enterprise_id", {k[0].pk for k in keys}, lambda f: (f.enterprise, f.year)
        )

    def export_queryset(self):
        return AnnualFacts.objects.visible_to(self.user).select_related("enterprise")
