"""The field catalogue: every fact a clause's rule or formula may name, with the Chinese name
a clerk writes in the rule editor, its type, and how it is computed in bulk.

A rule names a field by its Chinese name (``研发费用 >= 100``) or its ASCII key
(``rd_expense >= 100``); both read the same value. Values are loaded for many firms and one
year in a constant number of queries (``load_values``: the firms, their annual facts of the
year and the year before, their qualifications), whatever the number of firms; the rule is
then evaluated over those columns (``rules.py``). Unknown facts are ``None`` (never zero): a
comparison with an unknown value fails and the explanation says what is missing.

The qualification fields are made from the ``QualificationType`` rows (data): for each type
``是否<简称>`` (held and valid on the year's evaluation day) and ``<简称>首次认定年份`` (the year of
its earliest grant up to that day), e.g. ``是否高企``, ``高企首次认定年份``, ``规上工业首次认定年份``.
More fields come from providers (``extra_providers``): the innovation points of the scheme
valid on the year's evaluation day (``policies/catalogue_points.py``: 创新积分, 积分阶段,
积分阶段内排名, 积分阶段内排名百分比, 积分档次), and the 亩均 grade when the land app provides it.
A provider's columns are loaded only when a rule or formula reads one of its fields.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

FLOAT, STR, BOOL, DATETIME = "float", "str", "bool", "datetime"
TYPE_LABELS = {FLOAT: "数值", STR: "文本", BOOL: "是/否", DATETIME: "日期"}


@dataclass(frozen=True)
class Field:
    """One fact a rule may name: ``key`` (ASCII symbol), ``name`` (the Chinese name of the
    rule editor), ``type`` (float/str/bool/datetime), ``group`` and ``source`` (how it is
    computed, shown in the catalogue page and docs/policies.md)."""

    key: str
    name: str
    type: str
    group: str
    source: str


# Annual facts the catalogue offers: model field, Chinese name. Each gives four fields:
# the year's value, 上年<name> (the year before), <name>增长额 and <name>增长率 (%).
FACT_NAMES = (
    ("operating_revenue", "营业收入"),
    ("main_business_revenue", "主营业务收入"),
    ("industrial_output", "工业总产值"),
    ("value_added", "工业增加值"),
    ("total_profit", "利润总额"),
    ("net_profit", "净利润"),
    ("tax_paid", "税收"),
    ("rd_expense", "研发费用"),
    ("high_tech_revenue", "高新技术产品收入"),
    ("exports", "出口额"),
    ("total_assets", "资产总额"),
    ("staff_total", "从业人员"),
    ("staff_sci_tech", "科技人员"),
    ("staff_rd", "研发人员"),
    ("land_area_mu", "用地面积"),
    ("ip_class1_count", "一类知识产权"),
)

ENTERPRISE_FIELDS = (
    Field("year", "年度", FLOAT, "企业", "匹配的年度（如 2025）"),
    Field("park", "所在园区", STR, "企业", "企业所在园区的名称"),
    Field("lead_industry", "主导产业", STR, "企业", "企业所属主导产业的名称"),
    Field("scale", "企业规模", STR, "企业", "大型 / 中型 / 小型 / 微型，未填为空"),
    Field("established", "成立日期", DATETIME, "企业", "企业成立日期"),
    Field("established_year", "成立年份", FLOAT, "企业", "成立日期的年份"),
    Field("age", "企业年龄", FLOAT, "企业", "年度 − 成立年份"),
)


def fact_fields() -> list[Field]:
    fields = []
    for key, name in FACT_NAMES:
        fields += [
            Field(key, name, FLOAT, "年度数据", f"当年年度经营数据的{name}"),
            Field(f"{key}_prev", f"上年{name}", FLOAT, "年度数据", f"上一年年度经营数据的{name}"),
            Field(
                f"{key}_growth", f"{name}增长额", FLOAT, "年度数据", f"{name} − 上年{name}（任一缺失为空）"
            ),
            Field(
                f"{key}_growth_rate",
                f"{name}增长率",
                FLOAT,
                "年度数据",
                f"（{name} ÷ 上年{name} − 1）× 100，单位%；上年为空、零或负数时为空",
            ),
        ]
    return fields


def qualification_fields(types) -> list[Field]:
    fields = []
    for code, name, short in types:
        label = short or name
        fields += [
            Field(f"has_{code}", f"是否{label}", BOOL, "资质", f"年度评价日持有有效的{name}"),
            Field(
                f"{code}_first_year",
                f"{label}首次认定年份",
                FLOAT,
                "资质",
                f"{name}最早一次认定（评价日及以前）的年份；从未认定为空",
            ),
        ]
    return fields


# Providers of more fields (innovation points, 亩均 grade):
# (fields(), load(ids, year) -> {key: {enterprise_id: value}}); loaded on first read.
extra_providers: list[tuple[Callable[[], list[Field]], Callable]] = []


def provider(fields: Callable[[], list[Field]]):
    """Register ``load(ids, year)`` as the provider of ``fields()`` (a decorator)."""

    def wrap(load):
        extra_providers.append((fields, load))
        return load

    return wrap


def qualification_types() -> list[tuple[str, str, str]]:
    from gaoxin.enterprises.models import QualificationType

    return list(
        QualificationType.objects.order_by("sort_order", "code").values_list("code", "name", "short_name")
    )


@dataclass(frozen=True)
class Catalogue:
    fields: tuple[Field, ...]

    @property
    def by_key(self) -> dict[str, Field]:
        return {f.key: f for f in self.fields}

    @property
    def by_name(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    def types(self) -> dict[str, str]:
        return {f.key: f.type for f in self.fields}

    def recognition_keys(self) -> set[str]:
        """The qualification fields: an empty one means "never recognised", not missing data."""
        return {f.key for f in self.fields if f.group == "资质"}

    def signature(self) -> tuple:
        return tuple((f.key, f.type, f.name) for f in self.fields)


def catalogue(types=None) -> Catalogue:
    """The catalogue now (one query for the qualification types unless ``types`` is given)."""
    types = qualification_types() if types is None else types
    fields = [*ENTERPRISE_FIELDS, *fact_fields(), *qualification_fields(types)]
    for make, _load in extra_providers:
        fields += make()
    return Catalogue(tuple(fields))


# --- loading values in bulk -------------------------------------------------------------------


def local_midnight(day: datetime.date | None):
    if day is None:
        return None
    return datetime.datetime.combine(day, datetime.time(), zoneinfo.ZoneInfo(settings.TIME_ZONE))


def growth_rate(cur, prev):
    if cur is None or prev is None or prev <= 0:
        return None
    return (Decimal(cur) / Decimal(prev) - 1) * 100


class Columns(dict):
    """The value columns by key; a growth or growth-rate column is computed the first time a
    rule reads it (most clauses read a few of the catalogue's hundred fields), and a
    provider's columns are loaded the first time one of them is read (``lazy``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy: dict[str, Callable[[], None]] = {}

    def __missing__(self, key):
        if key in self.lazy:
            self.lazy.pop(key)()
            return self[key]
        for suffix, make in (("_growth_rate", growth_rate), ("_growth", growth)):
            if key.endswith(suffix):
                base = key[: -len(suffix)]
                if base in self and f"{base}_prev" in self:
                    self[key] = list(map(make, self[base], self[f"{base}_prev"]))
                    return self[key]
        raise KeyError(key)


def growth(cur, prev):
    return None if cur is None or prev is None else cur - prev


@dataclass
class Values:
    """The catalogue's values for many firms and one year, as columns: ``ids[i]`` is the
    firm of row ``i`` of every ``columns[key]``; ``names`` the firms' names."""

    year: int
    ids: list[int]
    names: list[str]
    columns: dict[str, list]
    catalogue: Catalogue

    def row(self, index: int) -> dict:
        """Every field's value for one firm (the per-firm loop of the benchmark's peer)."""
        return {f.key: self.columns[f.key][index] for f in self.catalogue.fields}

    def index(self) -> dict[int, int]:
        return {eid: i for i, eid in enumerate(self.ids)}


def load_values(year: int, enterprise_ids=None, *, as_of: datetime.date | None = None) -> Values:
    """The catalogue's values of ``year`` for the firms (all active firms when ``None``) in
    four queries: firms, annual facts of the year and the year before, qualifications,
    qualification types. ``as_of`` is the day qualifications are judged on (the zone's
    evaluation day of the year by default)."""
    from gaoxin.enterprises.models import Enterprise
    from gaoxin.zone.models import evaluation_day

    as_of = as_of or evaluation_day(year)
    firms = Enterprise.objects.all()
    if enterprise_ids is None:
        firms = firms.filter(status=Enterprise.Status.ACTIVE)
    else:
        firms = firms.filter(pk__in=list(enterprise_ids))
    rows = list(
        firms.order_by("pk").values_list(
            "pk", "name", "park__name", "lead_industry__name", "scale", "established_on"
        )
    )
    ids = [r[0] for r in rows]
    types = qualification_types()
    cat = catalogue(types)
    columns: dict[str, list] = Columns()
    enterprise_columns(columns, rows, year)
    fact_columns(columns, ids, year)
    qualification_columns(columns, ids, types, as_of)
    for make, load in extra_providers:
        provider_columns(columns, ids, year, make, load)
    return Values(year, ids, [r[1] for r in rows], columns, cat)


def provider_columns(columns: Columns, ids: list[int], year: int, make, load) -> None:
    """Make the provider's columns loadable on first read (one load for all its keys)."""
    keys = [f.key for f in make()]

    def fill():
        loaded = load(ids, year)
        for key in keys:
            columns.lazy.pop(key, None)
            by_id = loaded.get(key, {})
            columns[key] = [by_id.get(i) for i in ids]

    for key in keys:
        columns.lazy[key] = fill


def enterprise_columns(columns: dict, rows: list, year: int) -> None:
    from gaoxin.enterprises.models import Enterprise

    scale_labels = dict(Enterprise.Scale.choices)
    columns["year"] = [year] * len(rows)
    columns["park"] = [r[2] for r in rows]
    columns["lead_industry"] = [r[3] for r in rows]
    columns["scale"] = [str(scale_labels[r[4]]) if r[4] else None for r in rows]
    columns["established"] = [local_midnight(r[5]) for r in rows]
    columns["established_year"] = [r[5].year if r[5] else None for r in rows]
    columns["age"] = [year - r[5].year if r[5] else None for r in rows]


def fact_columns(columns: dict, ids: list[int], year: int) -> None:
    from gaoxin.enterprises.models import AnnualFacts

    keys = [k for k, _n in FACT_NAMES]
    this, prev = {}, {}
    facts = AnnualFacts.objects.filter(year__in=(year, year - 1))
    if len(ids) < 900:
        facts = facts.filter(enterprise_id__in=ids)
    for row in facts.values_list("enterprise_id", "year", *keys):
        (this if row[1] == year else prev)[row[0]] = row[2:]
    empty = (None,) * len(keys)
    for n, key in enumerate(keys):
        cur = [this.get(i, empty)[n] for i in ids]
        before = [prev.get(i, empty)[n] for i in ids]
        columns[key] = cur
        columns[f"{key}_prev"] = before  # growth and growth rate: Columns.__missing__


def qualification_columns(columns: dict, ids: list[int], types, as_of: datetime.date) -> None:
    from gaoxin.enterprises.models import Qualification

    held: dict[str, set] = {code: set() for code, _n, _s in types}
    first: dict[str, dict] = {code: {} for code, _n, _s in types}
    grants = Qualification.objects.filter(granted_on__lte=as_of)
    if len(ids) < 900:
        grants = grants.filter(enterprise_id__in=ids)
    for eid, code, granted, expires, revoked in grants.values_list(
        "enterprise_id", "type__code", "granted_on", "expires_on", "revoked_on"
    ):
        if (expires is None or expires >= as_of) and (revoked is None or revoked > as_of):
            held[code].add(eid)
        known = first[code].get(eid)
        first[code][eid] = granted.year if known is None else min(known, granted.year)
    for code, _name, _short in types:
        columns[f"has_{code}"] = [i in held[code] for i in ids]
        columns[f"{code}_first_year"] = [first[code].get(i) for i in ids]
