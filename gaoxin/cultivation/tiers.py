"""Each tier's rules over one firm's data (``engine.Firm``): the criteria and the verdict.

domain-rules.md §1 (高企), §2 (科小), §3 (创新型 / 专精特新 / 小巨人, 2022), §4 (瞪羚, 黄埔
template), §8 (规上工业). Thresholds come from the rule set (``Rules.values``); a threshold
not known reads as such.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_noop

from . import translate
from .engine import (
    HUNDRED,
    ZERO,
    Criterion,
    Firm,
    Rules,
    amount_at_least,
    amount_at_most,
    band_points,
    below_points,
    combine,
    flag,
    named,
    need,
    num,
    pct,
    ratio_at_least,
    score_item,
    score_total,
)
from .rules import EXPERT_KEYS, Confidence, Tier
from .translate import gettext as _

_LABELS: dict[str, dict] = {}


LABELS = (
    ("main_business_revenue", gettext_noop("main business revenue")),
    ("operating_revenue", gettext_noop("operating revenue")),
    ("total_revenue", gettext_noop("total revenue")),
    ("rd_expense", gettext_noop("R&D expense")),
    ("rd_expense_domestic", gettext_noop("R&D expense in China")),
    ("high_tech_revenue", gettext_noop("high-tech product/service revenue")),
    ("total_assets", gettext_noop("total assets")),
    ("total_liabilities", gettext_noop("total liabilities")),
    ("net_profit", gettext_noop("net profit")),
    ("cost_expense_total", gettext_noop("total costs and expenses")),
    ("staff_total", gettext_noop("number of staff")),
    ("staff_sci_tech", gettext_noop("S&T staff")),
    ("staff_rd", gettext_noop("R&D staff")),
    ("niche_market_share", gettext_noop("niche market share")),
    ("digital_maturity_level", gettext_noop("digital maturity level")),
    ("compliance_incidents", gettext_noop("compliance incidents")),
    ("established_on", gettext_noop("date of establishment")),
    ("tech_field", gettext_noop("high-tech field")),
    ("tax_collection_mode", gettext_noop("tax collection mode")),
    ("niche_market_since", gettext_noop("year of entering the niche market")),
    ("strategic_emerging", gettext_noop("strategic emerging industry")),
    ("rd_ratio", gettext_noop("R&D ratio")),
    ("rd_ratio_3y", gettext_noop("R&D ratio")),
    ("domestic_share", gettext_noop("R&D in China share")),
    ("high_tech_share", gettext_noop("high-tech revenue share")),
    ("sci_tech_share", gettext_noop("S&T staff share")),
    ("registered", gettext_noop("days registered")),
    ("ip_owned", gettext_noop("owns Class I or II IP")),
    ("assessment", gettext_noop("innovation assessment score")),
    ("compliance", gettext_noop("no major accident or violation")),
    ("ip_quantity", gettext_noop("IP quantity")),
    ("ip_acquisition", gettext_noop("IP acquisition")),
    ("ip_part", gettext_noop("IP part (capped)")),
    ("net_asset_growth", gettext_noop("net asset growth")),
    ("sales_growth", gettext_noop("sales growth")),
    ("staff_score", gettext_noop("S&T staff score")),
    ("rd_score", gettext_noop("R&D input score")),
    ("ip_score", gettext_noop("S&T results score")),
    ("score", gettext_noop("evaluation score")),
    ("audit_tax", gettext_noop("taxed on actual accounts")),
    ("direct", gettext_noop("direct qualification")),
    ("main_share", gettext_noop("main business share")),
    ("main_growth", gettext_noop("main business revenue growth")),
    ("debt_ratio", gettext_noop("debt-to-asset ratio")),
    ("field", gettext_noop("field of the leading product")),
    ("innovation", gettext_noop("innovation group")),
    ("growth", gettext_noop("growth group")),
    ("specialisation", gettext_noop("specialisation group")),
    ("niche_years", gettext_noop("years in the niche market")),
    ("revenue_or_equity", gettext_noop("revenue or equity financing")),
    ("net_margin", gettext_noop("net profit margin")),
    ("digital", gettext_noop("digitalisation level")),
    ("rd_input", gettext_noop("R&D input")),
    ("rd_staff_share", gettext_noop("R&D staff share")),
    ("institution", gettext_noop("own R&D institution level")),
    ("market_share", gettext_noop("niche market share")),
    ("rd_route", gettext_noop("R&D intensity by revenue")),
    ("class1_ip", gettext_noop("Class I IP")),
    ("high_tech", gettext_noop("valid 高企 certificate")),
    ("gazelle_path", gettext_noop("growth path")),
    ("cagr", gettext_noop("3-year revenue CAGR")),
    ("equity", gettext_noop("equity financing")),
    ("candidate", gettext_noop("小升规 candidate")),
)


def labels() -> dict:
    """The criteria's labels in the current language, translated once."""
    language = translate.current
    if language not in _LABELS:
        _LABELS[language] = {key: _(message) for key, message in LABELS}
    return _LABELS[language]


_EXPERT_LABELS: dict[str, dict] = {}


def expert_label(tier: str, key: str) -> tuple[str, int]:
    """An expert item's label (as text, once per language) and its maximum."""
    language = translate.current
    table = _EXPERT_LABELS.get(language)
    if table is None:
        table = _EXPERT_LABELS[language] = {
            (t, k): (str(label), maximum)
            for t, keys in EXPERT_KEYS.items()
            for k, (label, maximum) in keys.items()
        }
    return table[(tier, key)]


def value_of(rules: Rules, key: str):
    return rules.values.get(key)


def conf(rules: Rules, key: str) -> str:
    return rules.confidence.get(key, Confidence.VERIFIED)


# --- 规上工业 --------------------------------------------------------------------------------


def above_scale(f: Firm, rules: Rules):
    L, w = labels(), f.w
    (revenue,), missing = f.facts(f.year, {"main_business_revenue": L["main_business_revenue"]})
    minimum = value_of(rules, "min_main_revenue")
    unit = _("10k yuan")
    main = amount_at_least(
        w,
        "main_revenue",
        L["main_business_revenue"],
        revenue,
        minimum,
        unit,
        missing,
        conf(rules, "min_main_revenue"),
    )
    criteria = [main]
    lower = value_of(rules, "candidate_lower_bound")
    if revenue is not None and lower is not None and lower <= revenue < minimum:
        criteria.append(
            Criterion(
                "candidate",
                L["candidate"],
                num(revenue),
                f"≥{num(lower)}{unit}",
                True,
                _("Between the 小升规 lower bound %(low)s and %(high)s 10k yuan: a 小升规 candidate")
                % {"low": num(lower), "high": num(minimum)},
                conf(rules, "candidate_lower_bound"),
                False,
            )
        )
    return criteria, combine(criteria), None


# --- 高企 -----------------------------------------------------------------------------------


def rd_band(rules: Rules, latest_sales: Decimal) -> tuple[Decimal, str]:
    small, middle = value_of(rules, "rd_small_sales"), value_of(rules, "rd_middle_sales")
    if latest_sales <= small:
        return value_of(rules, "rd_small_ratio"), _("latest-year sales ≤ %(n)s 10k yuan") % {"n": num(small)}
    if latest_sales <= middle:
        return value_of(rules, "rd_middle_ratio"), _("latest-year sales %(a)s–%(b)s 10k yuan") % {
            "a": num(small),
            "b": num(middle),
        }
    return value_of(rules, "rd_large_ratio"), _("latest-year sales > %(n)s 10k yuan") % {"n": num(middle)}


def operating_years(f: Firm, count: int) -> list[int]:
    """The last ``count`` years up to the evaluation year, from the firm's first year when it
    has operated fewer (高企: "firms operating < 3 years use their actual operating period")."""
    start = f.operating_start()
    years = list(range(f.year - count + 1, f.year + 1))
    return [y for y in years if start is None or y >= start] or [f.year]


def rd_three_years(f: Firm, rules: Rules) -> Criterion:
    L = labels()
    years = operating_years(f, 3)
    rd = sales = ZERO
    missing = []
    for year in years:
        (r, s), gaps = f.facts(
            year, {"rd_expense": L["rd_expense"], "operating_revenue": L["operating_revenue"]}
        )
        missing += gaps
        rd += r or ZERO
        sales += s or ZERO
    latest = f.fact(f.year, "operating_revenue")
    if missing or latest is None:
        return ratio_at_least(
            f.w,
            "rd_ratio_3y",
            L["rd_ratio_3y"],
            None,
            None,
            None,
            missing or [need(f.w, L["operating_revenue"], f.year)],
        )
    minimum, band = rd_band(rules, latest)
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    threshold = f"≥{num(minimum)}%（{band}，{span}）"
    return ratio_at_least(f.w, "rd_ratio_3y", L["rd_ratio_3y"], rd, sales, minimum, [], threshold)


def share(f: Firm, key, label, part, whole, minimum, confidence=Confidence.VERIFIED) -> Criterion:
    L = labels()
    (a, b), missing = f.facts(f.year, {part: L[part], whole: L[whole]})
    return ratio_at_least(f.w, key, label, a, b, minimum, missing, confidence=confidence)


def growth_points(f: Firm, key: str, label: str, series: list, rows) -> tuple[Criterion, Decimal | None]:
    """工作指引 growth: ½ × (v2/v1 + v3/v2) − 1; year-1 base 0 or negative → the last two years
    only; year-2 base 0 or negative → 0 points; a rate not above 0 → 0 points."""
    w = f.w
    (y1, v1), (y2, v2), (y3, v3) = series
    start = f.operating_start()
    missing = [need(w, label, y) for y, v in ((y2, v2), (y3, v3)) if v is None]
    if v1 is None and not (start and start > y1):
        missing.insert(0, need(w, label, y1))
    maximum = rows[0][1] + 1 if rows else ZERO
    if missing:
        return score_item(w, key, label, None, maximum, missing), None
    if v2 <= 0:
        text = w["growth_y2_zero"] % {"label": label}
        return Criterion(key, label, "0", "", True, text, Confidence.VERIFIED, False), ZERO
    if v1 is None or v1 <= 0:
        rate = v3 / v2 - 1
        template = "growth_y1_zero"
    else:
        rate = (v2 / v1 + v3 / v2) / 2 - 1
        template = "growth"
    rate_pct = rate * HUNDRED
    points = band_points(rate_pct, rows) if rate_pct > 0 else ZERO
    if rate_pct <= 0:
        template = "growth_negative" if template == "growth" else template
    text = w[template] % {"label": label, "value": pct(rate_pct), "points": num(points)}
    return Criterion(key, label, pct(rate_pct), "", True, text, Confidence.MEMORY, False), points


def net_assets(f: Firm, year: int):
    assets, liabilities = f.fact(year, "total_assets"), f.fact(year, "total_liabilities")
    return None if assets is None or liabilities is None else assets - liabilities


def expert_items(f: Firm, tier: str, keys: tuple[str, ...]):
    """(criteria, total, missing labels) of the expert scores ``keys`` of ``tier``."""
    criteria, total, missing = [], ZERO, []
    for key in keys:
        label, maximum = expert_label(tier, key)
        score = f.expert(tier, key)
        if score is None:
            missing.append(str(label))
            criteria.append(
                Criterion(
                    key,
                    str(label),
                    "",
                    _("max %(n)s points") % {"n": maximum},
                    None,
                    f.w["expert_missing"] % {"what": label},
                    Confidence.VERIFIED,
                    False,
                )
            )
        else:
            total += score
            criteria.append(score_item(f.w, key, str(label), score, maximum, []))
    return criteria, total, missing


def high_tech_assessment(f: Firm, rules: Rules) -> tuple[list[Criterion], Criterion]:
    L, w = labels(), f.w
    ip = f.ip()
    criteria, expert_total, expert_missing = expert_items(
        f, Tier.HIGH_TECH, ("tech_advancement", "core_support")
    )
    quantity = band_points(Decimal(ip.class1), value_of(rules, "ip_quantity_points"))
    if not quantity:
        quantity = band_points(Decimal(ip.class2), value_of(rules, "ip_class2_quantity_points"))
    criteria.append(
        score_item(w, "ip_quantity", L["ip_quantity"], quantity, 8, [], conf(rules, "ip_quantity_points"))
    )
    if ip.class1_own or (ip.any_class and ip.class1 == ip.class1_own):
        acquisition = value_of(rules, "ip_acquisition_own_points")
    elif ip.any_class:
        acquisition = value_of(rules, "ip_acquisition_transfer_points")
    else:
        acquisition = ZERO
    criteria.append(
        score_item(
            w,
            "ip_acquisition",
            L["ip_acquisition"],
            acquisition,
            6,
            [],
            conf(rules, "ip_acquisition_own_points"),
        )
    )
    bonus = f.expert(Tier.HIGH_TECH, "standards_bonus") or ZERO
    ip_part = min(expert_total + quantity + acquisition + bonus, value_of(rules, "ip_part_cap"))
    rest, rest_total, rest_missing = expert_items(f, Tier.HIGH_TECH, ("conversion", "rd_management"))
    criteria += rest
    y1, y2, y3 = f.year - 2, f.year - 1, f.year
    rows = value_of(rules, "growth_bands")
    na, na_points = growth_points(
        f, "net_asset_growth", L["net_asset_growth"], [(y, net_assets(f, y)) for y in (y1, y2, y3)], rows
    )
    sales, sales_points = growth_points(
        f,
        "sales_growth",
        L["sales_growth"],
        [(y, f.fact(y, "operating_revenue")) for y in (y1, y2, y3)],
        rows,
    )
    criteria += [na, sales]
    missing = [*expert_missing, *rest_missing]
    data_missing = [c.words for c in (na, sales) if c.verdict is None]
    minimum = value_of(rules, "min_assessment_score")
    if missing or data_missing:
        words = "；".join(
            ([w["expert_missing"] % {"what": w["join"].join(missing)}] if missing else []) + data_missing
        )
        total = Criterion(
            "assessment", L["assessment"], "", _("≥%(n)s points") % {"n": num(minimum)}, None, words
        )
        return criteria, total
    score = ip_part + rest_total + na_points + sales_points
    return criteria, score_total(w, "assessment", L["assessment"], score, minimum, [])


def high_tech_registered(f: Firm, rules: Rules) -> Criterion:
    """Registered ≥ 365 calendar days on the day judged (工作指引)."""
    L = labels()
    established = f.firm.get("established_on")
    days = None if established is None else Decimal((f.day - established).days)
    missing = [L["established_on"]] if established is None else []
    return amount_at_least(
        f.w, "registered", L["registered"], days, value_of(rules, "min_registered_days"), _(" days"), missing
    )


def high_tech_ratios(f: Firm, rules: Rules) -> list[Criterion]:
    """S&T staff ≥ 10%, three-year R&D by band, R&D in China ≥ 60%, high-tech revenue ≥ 60%."""
    L = labels()
    (staff, sci), gaps = f.facts(
        f.year, {"staff_total": L["staff_total"], "staff_sci_tech": L["staff_sci_tech"]}
    )
    sci_share = value_of(rules, "min_sci_tech_staff_share")
    sci, staff = (None if v is None else Decimal(v) for v in (sci, staff))
    return [
        ratio_at_least(f.w, "sci_tech_share", L["sci_tech_share"], sci, staff, sci_share, gaps),
        rd_three_years(f, rules),
        share(
            f,
            "domestic_share",
            L["domestic_share"],
            "rd_expense_domestic",
            "rd_expense",
            value_of(rules, "min_domestic_rd_share"),
        ),
        share(
            f,
            "high_tech_share",
            L["high_tech_share"],
            "high_tech_revenue",
            "total_revenue",
            value_of(rules, "min_high_tech_revenue_share"),
        ),
    ]


def high_tech(f: Firm, rules: Rules):
    """The eight conditions of 办法 第十一条 (§1.1), the assessment's parts after them."""
    L, w = labels(), f.w
    owned = flag(w, "ip_owned", L["ip_owned"], f.ip().any_class, [])
    in_field = flag(
        w, "tech_field", L["tech_field"], True if f.firm.get("tech_field") else None, [L["tech_field"]]
    )
    parts, assessment = high_tech_assessment(f, rules)
    compliance = at_most(
        f, rules, "compliance", "compliance_incidents", value_of(rules, "max_compliance_incidents"), ""
    )
    criteria = [
        high_tech_registered(f, rules),
        owned,
        in_field,
        *high_tech_ratios(f, rules),
        assessment,
        compliance,
        *parts,
    ]
    return criteria, combine(criteria), as_score(assessment)


def as_score(criterion: Criterion) -> Decimal | None:
    return Decimal(criterion.value) if criterion.value else None


# --- 科小 -----------------------------------------------------------------------------------


def tech_sme_score(
    f: Firm, rules: Rules
) -> tuple[list[Criterion], Decimal | None, Decimal | None, list[str]]:
    L, w = labels(), f.w
    (staff, sci, rd, sales, costs), _gaps = f.facts(
        f.year,
        {
            "staff_total": L["staff_total"],
            "staff_sci_tech": L["staff_sci_tech"],
            "rd_expense": L["rd_expense"],
            "operating_revenue": L["operating_revenue"],
            "cost_expense_total": L["cost_expense_total"],
        },
    )
    missing = []
    if staff and sci is not None:
        staff_points = band_points(Decimal(sci) * HUNDRED / staff, value_of(rules, "staff_bands"))
        staff_item = score_item(w, "staff_score", L["staff_score"], staff_points, 20, [])
    else:
        staff_points = None
        gaps = [
            need(w, L[k], f.year)
            for k, v in (("staff_total", staff), ("staff_sci_tech", sci))
            if (not v and v != 0) or (k == "staff_total" and not staff)
        ]
        staff_item = score_item(
            w, "staff_score", L["staff_score"], None, 20, gaps or [need(w, L["staff_total"], f.year)]
        )
        missing += staff_item.words and [staff_item.words]
    options = []
    if rd is not None and sales:
        options.append(band_points(rd * HUNDRED / sales, value_of(rules, "rd_sales_bands")))
    if rd is not None and costs:
        options.append(band_points(rd * HUNDRED / costs, value_of(rules, "rd_cost_bands")))
    if options:
        rd_points = max(options)
        rd_item = score_item(w, "rd_score", L["rd_score"], rd_points, 50, [])
    else:
        rd_points = None
        gaps = [need(w, L["rd_expense"], f.year)] if rd is None else [need(w, L["operating_revenue"], f.year)]
        rd_item = score_item(w, "rd_score", L["rd_score"], None, 50, gaps)
        missing.append(rd_item.words)
    ip = f.ip()
    ip_points = (
        value_of(rules, "ip_class1_points")
        if ip.class1
        else band_points(Decimal(ip.class2), value_of(rules, "ip_class2_bands"))
    )
    ip_item = score_item(w, "ip_score", L["ip_score"], ip_points, 30, [])
    total = None if staff_points is None or rd_points is None else staff_points + rd_points + ip_points
    return [staff_item, rd_item, ip_item], total, staff_points, missing


def at_most(f: Firm, rules: Rules, key: str, field: str, maximum, unit: str) -> Criterion:
    """``field`` of the evaluation year ≤ ``maximum`` (the missing value named)."""
    L = labels()
    value = f.fact(f.year, field)
    missing = [] if value is not None else [need(f.w, L[field], f.year)]
    return amount_at_most(f.w, key, L[field], value, maximum, unit, missing, conf(rules, key))


def tech_sme_basics(f: Firm, rules: Rules) -> list[Criterion]:
    """Conditions 1–4 (科小 §2.1): size limits, no incident, taxed on actual accounts."""
    L, unit = labels(), _("10k yuan")
    basics = [
        at_most(f, rules, "max_staff", "staff_total", value_of(rules, "max_staff"), _(" people")),
        at_most(f, rules, "max_sales", "operating_revenue", value_of(rules, "max_sales"), unit),
        at_most(f, rules, "max_assets", "total_assets", value_of(rules, "max_assets"), unit),
        at_most(f, rules, "compliance", "compliance_incidents", ZERO, ""),
    ]
    if value_of(rules, "require_audit_tax"):
        mode = f.firm.get("tax_collection_mode")
        audit = (mode == "audit") if mode else None
        basics.append(
            flag(f.w, "audit_tax", L["audit_tax"], audit, [L["tax_collection_mode"]], Confidence.MEMORY)
        )
    return basics


def tech_sme_total(f: Firm, minimum, total, staff_points, missing) -> Criterion:
    """≥ 60 points with a non-zero S&T staff score (科小 §2.1 condition 5)."""
    L, w = labels(), f.w
    if total is None:
        threshold = _("≥%(n)s points") % {"n": num(minimum)}
        return Criterion("score", L["score"], "", threshold, None, "；".join(missing), required=False)
    score = score_total(w, "score", L["score"], total, minimum, [])
    score.required = False
    if staff_points == 0 and score.verdict:
        score.verdict = False
        score.words += _("; but the S&T staff score is 0, which disqualifies")
    return score


def tech_sme_direct(f: Firm) -> Criterion:
    """Direct qualification (§2.3) from what the platform holds: a valid 高企 certificate or a
    provincial-or-higher R&D institution."""
    L, w = labels(), f.w
    holds_high_tech, _e = f.holds(("high_tech",))
    paths = [L["high_tech"]] if holds_high_tech else []
    if f.platform_rank() >= 2:
        paths.append(_("provincial or higher R&D institution"))
    text = w["direct"] % {"what": w["join"].join(paths)} if paths else w["no_direct"]
    return Criterion("direct", L["direct"], "", "", bool(paths), text, required=False)


def either_path(basic: bool | None, path: bool | None) -> bool | None:
    """Basic conditions and one of the paths: a failed one decides, else missing data does."""
    if basic is False or path is False:
        return False
    return None if basic is None or path is None else True


def tech_sme(f: Firm, rules: Rules):
    basics = tech_sme_basics(f, rules)
    items, total, staff_points, missing = tech_sme_score(f, rules)
    score = tech_sme_total(f, value_of(rules, "min_score"), total, staff_points, missing)
    direct = tech_sme_direct(f)
    path = True if direct.verdict else score.verdict
    return [*basics, score, direct, *items], either_path(combine(basics), path), total


# --- 创新型中小企业 ----------------------------------------------------------------------------


def ip_points_graded(ip, high, own, class1, class2) -> Decimal:
    if ip.class1_high_value:
        return Decimal(high)
    if ip.class1_own:
        return Decimal(own)
    if ip.class1:
        return Decimal(class1)
    return Decimal(class2) if ip.class2 else ZERO


def ratio_points(f: Firm, key, label, part, whole, rows, year=None, below=False):
    """A banded ratio's points as a score item; None points when the data is missing."""
    L = labels()
    year = year or f.year
    (a, b), missing = f.facts(year, {part: L[part], whole: L[whole]})
    maximum = rows[0][1] if rows and not below else (rows[0][1] if rows else ZERO)
    if missing or not b:
        missing = missing or [need(f.w, L[whole], year)]
        return score_item(f.w, key, label, None, maximum, missing), None
    ratio = a * HUNDRED / b
    points = below_points(ratio, rows) if below else band_points(ratio, rows)
    item = score_item(f.w, key, label, points, maximum, [])
    item.value = f"{pct(ratio)} → {num(points)}"
    return item, points


def yoy_growth(f: Firm, name: str, year: int):
    now, before = f.fact(year, name), f.fact(year - 1, name)
    if now is None or before is None or before <= 0:
        return None
    return (now / before - 1) * HUNDRED


def unknown_rules(f: Firm, rules: Rules):
    """A version whose thresholds are not known (e.g. the 2026 revision): every firm unknown."""
    text = f.w["unknown_rule"] % {"label": Tier(rules.tier).label, "version": rules.version}
    return (
        [Criterion("rules", _("rule set"), rules.version, "", None, text, Confidence.NOT_FOUND)],
        None,
        None,
    )


INNOVATIVE_RATIOS = (
    ("rd_ratio", "rd_expense", "operating_revenue", "rd_ratio_bands", False),
    ("debt_ratio", "total_liabilities", "total_assets", "debt_bands", True),
    ("main_share", "main_business_revenue", "operating_revenue", "main_share_bands", False),
)


def innovative_growth(f: Firm, rules: Rules):
    L, w = labels(), f.w
    growth = yoy_growth(f, "main_business_revenue", f.year)
    if growth is None:
        gaps = [need(w, L["main_business_revenue"], y) for y in (f.year - 1, f.year)]
        return score_item(w, "main_growth", L["main_growth"], None, 20, gaps), None
    points = band_points(growth, value_of(rules, "growth_bands")) if growth >= 0 else ZERO
    item = score_item(w, "main_growth", L["main_growth"], points, 20, [])
    item.value = f"{pct(growth)} → {num(points)}"
    return item, points


def innovative_field(f: Firm, rules: Rules):
    L, emerging = labels(), f.firm.get("strategic_emerging")
    points = None if emerging is None else Decimal(10 if emerging else 5)
    missing = [] if emerging is not None else [L["strategic_emerging"]]
    return score_item(f.w, "field", L["field"], points, 10, missing), points


def innovative_items(f: Firm, rules: Rules) -> dict[str, tuple[Criterion, Decimal | None]]:
    """The six indicators (§3.1) by key: (score item, points or None when data is missing)."""
    L = labels()
    ip_points = ip_points_graded(f.ip(), 20, 15, 10, 5)
    scored = {"ip_score": (score_item(f.w, "ip_score", L["ip_score"], ip_points, 20, []), ip_points)}
    for key, part, whole, bands, below in INNOVATIVE_RATIOS:
        scored[key] = ratio_points(f, key, L[key], part, whole, value_of(rules, bands), below=below)
    scored["main_growth"] = innovative_growth(f, rules)
    scored["field"] = innovative_field(f, rules)
    return scored


def innovative_groups(f: Firm, rules: Rules, scored) -> list[Criterion]:
    """Innovation ≥ 20, growth ≥ 15, specialisation ≥ 15 (each a group of two indicators)."""
    L, criteria = labels(), []
    for group, keys in GROUP_KEYS.items():
        points = [scored[k][1] for k in keys]
        missing = [scored[k][0].words for k in keys if scored[k][1] is None]
        total = None if None in points else sum(points, ZERO)
        criterion = score_total(f.w, group, L[group], total, value_of(rules, f"min_{group}"), missing)
        criterion.required = False
        criteria.append(criterion)
    return criteria


def innovative_sme(f: Firm, rules: Rules):
    if value_of(rules, "min_score") is None:
        return unknown_rules(f, rules)
    scored = innovative_items(f, rules)
    groups = innovative_groups(f, rules, scored)
    points = [p for _item, p in scored.values()]
    total = None if None in points else sum(points, ZERO)
    missing = [item.words for item, p in scored.values() if p is None]
    score = score_total(f.w, "score", labels()["score"], total, value_of(rules, "min_score"), missing)
    score.required = False
    verdicts = [score.verdict] + [g.verdict for g in groups]
    score_path = False if False in verdicts else (None if None in verdicts else True)
    direct = innovative_direct(f, rules)
    verdict = True if direct.verdict or score_path else (None if score_path is None else False)
    return [score, *groups, direct, *(item for item, _p in scored.values())], verdict, total


GROUP_KEYS = {
    "innovation": ("ip_score", "rd_ratio"),
    "growth": ("main_growth", "debt_ratio"),
    "specialisation": ("field", "main_share"),
}


def innovative_direct(f: Firm, rules: Rules) -> Criterion:
    L, w = labels(), f.w
    holds_high_tech, _e = f.holds(("high_tech",))
    equity = f.data.equity3[f.year].get(f.eid, ZERO)
    paths = []
    if holds_high_tech:
        paths.append(L["high_tech"])
    if f.platform_rank() >= 2:
        paths.append(_("provincial or higher R&D institution"))
    if equity >= value_of(rules, "direct_equity"):
        paths.append(_("equity financing %(n)s 10k yuan in 3 years") % {"n": num(equity)})
    text = (
        w["direct"] % {"what": w["join"].join(paths)}
        if paths
        else _("No direct path (valid 高企, provincial R&D institution, equity ≥ %(n)s 10k yuan)")
        % {"n": num(value_of(rules, "direct_equity"))}
    )
    return Criterion("direct", L["direct"], "", "", bool(paths), text, required=False)


# --- 专精特新中小企业 ---------------------------------------------------------------------------


def niche_years(f: Firm) -> Decimal | None:
    since = f.firm.get("niche_market_since")
    return None if since is None else Decimal(f.year - since)


def two_year_growth(f: Firm, name: str) -> Decimal | None:
    rates = [yoy_growth(f, name, f.year - 1), yoy_growth(f, name, f.year)]
    return None if None in rates else (rates[0] + rates[1]) / 2


def srdi_conditions(f: Firm, rules: Rules, equity2: Decimal) -> list[Criterion]:
    """The four recognition conditions (§3.2) but the score: niche ≥ 2 years, R&D ≥ 100 万元
    and ≥ 3% of revenue, revenue ≥ 1000 万元 (or ≥ 2000 万元 of equity in 2 years)."""
    L, w, unit = labels(), f.w, _("10k yuan")
    years = niche_years(f)
    missing = [] if years is not None else [L["niche_market_since"]]
    niche = amount_at_least(
        w, "niche_years", L["niche_years"], years, value_of(rules, "min_niche_years"), _(" years"), missing
    )
    (rd, revenue), gaps = f.facts(
        f.year, {"rd_expense": L["rd_expense"], "operating_revenue": L["operating_revenue"]}
    )
    rd_gaps = [need(w, L["rd_expense"], f.year)] if rd is None else []
    revenue_gaps = [need(w, L["operating_revenue"], f.year)] if revenue is None else []
    rd_amount = amount_at_least(w, "min_rd", L["rd_expense"], rd, value_of(rules, "min_rd"), unit, rd_gaps)
    rd_ratio = ratio_at_least(
        w, "rd_ratio", L["rd_ratio"], rd, revenue, value_of(rules, "min_rd_ratio"), gaps
    )
    minimum = value_of(rules, "min_revenue")
    revenue_ok = amount_at_least(
        w, "revenue_or_equity", L["operating_revenue"], revenue, minimum, unit, revenue_gaps
    )
    if revenue_ok.verdict is False and equity2 >= value_of(rules, "min_equity_small"):
        revenue_ok.verdict = True
        revenue_ok.words += _("; equity financing %(n)s 10k yuan in 2 years suffices") % {"n": num(equity2)}
    return [niche, rd_amount, rd_ratio, revenue_ok]


def srdi_direct(f: Firm, rules: Rules, equity2: Decimal) -> Criterion:
    """Instead of the score: average R&D ≥ 1000 万元 over 2 years, or ≥ 6000 万元 of equity."""
    L, w = labels(), f.w
    rds = [f.fact(f.year - 1, "rd_expense"), f.fact(f.year, "rd_expense")]
    paths = []
    if None not in rds and (rds[0] + rds[1]) / 2 >= value_of(rules, "direct_avg_rd"):
        paths.append(
            _("average R&D ≥ %(n)s 10k yuan over 2 years") % {"n": num(value_of(rules, "direct_avg_rd"))}
        )
    if equity2 >= value_of(rules, "direct_equity"):
        paths.append(_("equity financing %(n)s 10k yuan in 2 years") % {"n": num(equity2)})
    text = w["direct"] % {"what": w["join"].join(paths)} if paths else _("No direct path")
    return Criterion("direct", L["direct"], "", "", bool(paths), text, required=False)


def srdi_sme(f: Firm, rules: Rules):
    if value_of(rules, "min_score") is None:
        return unknown_rules(f, rules)
    equity2 = f.data.equity2[f.year].get(f.eid, ZERO)
    conditions = srdi_conditions(f, rules, equity2)
    items, total = srdi_score(f, rules)
    missing = [i.words for i in items if i.verdict is None]
    score = score_total(f.w, "score", labels()["score"], total, value_of(rules, "min_score"), missing)
    score.required = False
    direct = srdi_direct(f, rules, equity2)
    path = True if direct.verdict else score.verdict
    return [*conditions, score, direct, *items], either_path(combine(conditions), path), total


SRDI_RATIOS = (
    # criterion, numerator, denominator, band table, lower is better
    ("main_share", "main_business_revenue", "operating_revenue", "main_share_bands", False),
    ("net_margin", "net_profit", "operating_revenue", "net_margin_bands", False),
    ("debt_ratio", "total_liabilities", "total_assets", "debt_bands", True),
    ("rd_staff_share", "staff_rd", "staff_total", "rd_staff_bands", False),
)
# R&D input (§3.2): (R&D ≥ 万元, or ≥ % of revenue) → points, the first row met
SRDI_RD_INPUT = ((500, 10, 10), (400, 8, 8), (300, 6, 6), (200, 4, 4), (100, 3, 2))


def srdi_growth(f: Firm, rules: Rules):
    L, w = labels(), f.w
    growth = two_year_growth(f, "main_business_revenue")
    if growth is None:
        years = (f.year - 2, f.year - 1, f.year)
        gaps = [
            need(w, L["main_business_revenue"], y)
            for y in years
            if f.fact(y, "main_business_revenue") is None
        ]
        return score_item(w, "main_growth", L["main_growth"], None, 10, gaps or [L["main_growth"]]), None
    points = band_points(growth, value_of(rules, "growth_bands")) if growth >= 0 else ZERO
    return score_item(w, "main_growth", L["main_growth"], points, 10, []), points


def srdi_niche(f: Firm, rules: Rules):
    """One point per full two years in the niche market, at most 5."""
    L, years = labels(), niche_years(f)
    points = None if years is None else min(Decimal(int(years // 2)), Decimal(5))
    missing = [] if years is not None else [L["niche_market_since"]]
    return score_item(f.w, "niche_score", L["niche_years"], points, 5, missing), points


def srdi_digital(f: Firm, rules: Rules):
    L, level = labels(), f.fact(f.year, "digital_maturity_level")
    points = None if level is None else Decimal(5 if level >= 3 else 3 if level == 2 else 0)
    missing = [] if level is not None else [need(f.w, L["digital_maturity_level"], f.year)]
    return score_item(f.w, "digital", L["digital"], points, 5, missing), points


def srdi_ip(f: Firm, rules: Rules):
    points = ip_points_graded(f.ip(), 10, 8, 6, 2)
    return score_item(f.w, "ip_score", labels()["ip_score"], points, 10, [], Confidence.MEMORY), points


def srdi_rd_input(f: Firm, rules: Rules):
    L, w = labels(), f.w
    rd, revenue = f.fact(f.year, "rd_expense"), f.fact(f.year, "operating_revenue")
    if rd is None or not revenue:
        return score_item(w, "rd_input", L["rd_input"], None, 10, [need(w, L["rd_expense"], f.year)]), None
    ratio = rd * HUNDRED / revenue
    points = next((Decimal(p) for amount, r, p in SRDI_RD_INPUT if rd >= amount or ratio >= r), ZERO)
    return score_item(w, "rd_input", L["rd_input"], points, 10, []), points


def srdi_institution(f: Firm, rules: Rules):
    points = Decimal({3: 10, 2: 8, 1: 4}.get(f.platform_rank(), 0))
    return score_item(f.w, "institution", labels()["institution"], points, 10, [], Confidence.MEMORY), points


SRDI_ITEMS = (srdi_growth, srdi_niche, srdi_digital, srdi_ip, srdi_rd_input, srdi_institution)


def srdi_score(f: Firm, rules: Rules):
    """The 13 indicators (§3.2): ten from data, three expert scores; None while any is missing."""
    L = labels()
    scored = [
        ratio_points(f, key, L[key], part, whole, value_of(rules, bands), below=below)
        for key, part, whole, bands, below in SRDI_RATIOS
    ]
    scored += [item(f, rules) for item in SRDI_ITEMS]
    experts, expert_total, expert_missing = expert_items(
        f, Tier.SRDI_SME, ("product_field", "quality", "local")
    )
    points = [p for _item, p in scored]
    total = None if None in points or expert_missing else sum(points, ZERO) + expert_total
    return [item for item, _p in scored] + experts, total


# --- 专精特新 "小巨人" -----------------------------------------------------------------------


def little_giant_specialised(f: Firm, rules: Rules) -> list[Criterion]:
    """专: ≥ 3 years in the niche, main business ≥ 70% of revenue, 2-year growth ≥ 5%."""
    L, w = labels(), f.w
    years = niche_years(f)
    missing = [] if years is not None else [L["niche_market_since"]]
    minimum_years = value_of(rules, "min_niche_years")
    niche = amount_at_least(w, "niche_years", L["niche_years"], years, minimum_years, _(" years"), missing)
    main = value_of(rules, "min_main_share")
    share_ = share(f, "main_share", L["main_share"], "main_business_revenue", "operating_revenue", main)
    growth = two_year_growth(f, "main_business_revenue")
    minimum = value_of(rules, "min_main_growth")
    if growth is None:
        text = named(w, [L["main_growth"]])
        return [
            niche,
            share_,
            Criterion("main_growth", L["main_growth"], "", f"≥{num(minimum)}%", None, text),
        ]
    rate = growth.quantize(Decimal("0.01"))
    return [niche, share_, amount_at_least(w, "main_growth", L["main_growth"], rate, minimum, "%", [])]


def little_giant_refined(f: Firm, rules: Rules) -> list[Criterion]:
    """精 / 特 from data: debt-to-asset ratio ≤ 70%, niche market share ≥ 10%."""
    L, w = labels(), f.w
    names = {"total_liabilities": L["total_liabilities"], "total_assets": L["total_assets"]}
    (liabilities, assets), gaps = f.facts(f.year, names)
    gaps = gaps or ([] if assets else [need(w, L["total_assets"], f.year)])
    debt = None if gaps else (liabilities * HUNDRED / assets).quantize(Decimal("0.01"))
    maximum = value_of(rules, "max_debt_ratio")
    (market,), market_gaps = f.facts(f.year, {"niche_market_share": L["niche_market_share"]})
    minimum = value_of(rules, "min_market_share")
    return [
        amount_at_most(w, "debt_ratio", L["debt_ratio"], debt, maximum, "%", gaps),
        amount_at_least(w, "market_share", L["market_share"], market, minimum, "%", market_gaps),
    ]


def little_giant_experts(f: Firm) -> list[Criterion]:
    """The aspects no data holds (information system, certification, brand, chain, field)."""
    criteria = []
    for key in EXPERT_KEYS[Tier.LITTLE_GIANT]:
        label, _max = expert_label(Tier.LITTLE_GIANT, key)
        score = f.expert(Tier.LITTLE_GIANT, key)
        met = None if score is None else score >= 1
        criteria.append(flag(f.w, key, label, met, [_("expert input") + "：" + label]))
    return criteria


def little_giant(f: Firm, rules: Rules):
    if value_of(rules, "min_niche_years") is None:
        return unknown_rules(f, rules)
    L, w = labels(), f.w
    class1 = Decimal(f.ip().class1_applied_own)
    innovation = [
        little_giant_rd(f, rules),
        flag(w, "institution", L["institution"], f.platform_rank() > 0, []),
        amount_at_least(
            w, "class1_ip", L["class1_ip"], class1, value_of(rules, "min_class1_ip"), _(" items"), []
        ),
    ]
    criteria = [*little_giant_specialised(f, rules), *little_giant_refined(f, rules), *innovation]
    criteria += little_giant_experts(f)
    return criteria, combine(criteria), None


def little_giant_rd(f: Firm, rules: Rules) -> Criterion:
    L, w = labels(), f.w
    revenue = f.fact(f.year, "operating_revenue")
    if revenue is None:
        return Criterion(
            "rd_route", L["rd_route"], "", "", None, named(w, [need(w, L["operating_revenue"], f.year)])
        )
    if revenue < value_of(rules, "middle_revenue"):
        equity = f.data.equity2[f.year].get(f.eid, ZERO)
        ok = equity >= 8000
        text = _(
            "Revenue under %(n)s 10k yuan: needs ≥ 8000 10k yuan equity financing in 2 years (has %(e)s)"
        ) % {"n": num(value_of(rules, "middle_revenue")), "e": num(equity)}
        return Criterion("rd_route", L["rd_route"], num(equity), "", ok, text, required=True)
    minimum = value_of(
        rules, "large_rd_ratio" if revenue >= value_of(rules, "large_revenue") else "middle_rd_ratio"
    )
    for year in (f.year - 1, f.year):
        c = share_year(f, year, minimum)
        if c.verdict is not True:
            return c
    return c


def share_year(f: Firm, year: int, minimum) -> Criterion:
    L = labels()
    (rd, revenue), missing = f.facts(
        year, {"rd_expense": L["rd_expense"], "operating_revenue": L["operating_revenue"]}
    )
    label = f"{year}{L['rd_ratio']}"
    return ratio_at_least(
        f.w,
        "rd_route",
        label,
        rd,
        revenue,
        minimum,
        missing,
        _("≥%(n)s%% in each of the last 2 years") % {"n": num(minimum)},
    )


# --- 瞪羚 -----------------------------------------------------------------------------------


def gazelle_cagr(f: Firm, rules: Rules) -> tuple[Criterion, Decimal | None]:
    """Revenue CAGR from the base year (three years before) to the evaluation year."""
    L, w = labels(), f.w
    base_year = f.year - 3
    (base,), gaps = f.facts(base_year, {"operating_revenue": L["operating_revenue"]})
    (now,), gaps_now = f.facts(f.year, {"operating_revenue": L["operating_revenue"]})
    if base is None or now is None or base <= 0:
        text = named(w, gaps + gaps_now) if gaps + gaps_now else w["zero_base"] % {"label": L["cagr"]}
        return Criterion("cagr", L["cagr"], "", "", None, text, required=False), None
    cagr = ((now / base) ** (Decimal(1) / 3) - 1) * HUNDRED
    minimum = value_of(rules, "min_cagr")
    params = {"label": L["cagr"], "value": pct(cagr), "y": base_year, "b": num(base)}
    text = _("%(label)s %(value)s (base year %(y)s: %(b)s 10k yuan)") % params
    criterion = Criterion(
        "cagr",
        L["cagr"],
        pct(cagr),
        f"≥{num(minimum)}%",
        cagr >= minimum,
        text,
        conf(rules, "min_cagr"),
        False,
    )
    return criterion, cagr


def gazelle_paths(f: Firm, rules: Rules, cagr: Decimal | None) -> list[str]:
    """The 黄埔 template's three routes, each with positive growth in the evaluation year."""
    growth = yoy_growth(f, "operating_revenue", f.year)
    if growth is None or growth <= 0:
        return []
    base, now = f.fact(f.year - 3, "operating_revenue"), f.fact(f.year, "operating_revenue")
    paths = []
    if cagr is not None and base >= value_of(rules, "base_revenue") and cagr >= value_of(rules, "min_cagr"):
        paths.append(_("3-year CAGR %(c)s from a base of %(b)s 10k yuan") % {"c": pct(cagr), "b": num(base)})
    start = f.operating_start()
    age = None if start is None else f.year - start
    if age is not None and age <= value_of(rules, "young_years") and now > value_of(rules, "young_revenue"):
        paths.append(
            _("young firm with revenue over %(n)s 10k yuan") % {"n": num(value_of(rules, "young_revenue"))}
        )
    if age is not None and age <= value_of(rules, "mature_years") and now > value_of(rules, "mature_revenue"):
        paths.append(
            _("firm under 10 years with revenue over %(n)s 10k yuan")
            % {"n": num(value_of(rules, "mature_revenue"))}
        )
    return paths


def gazelle(f: Firm, rules: Rules):
    L, w = labels(), f.w
    confidence = conf(rules, "min_cagr")
    criteria = []
    if value_of(rules, "require_high_tech"):
        holds, _e = f.holds(("high_tech",))
        criteria.append(flag(w, "high_tech", L["high_tech"], holds, [], conf(rules, "require_high_tech")))
    cagr_item, cagr = gazelle_cagr(f, rules)
    paths = gazelle_paths(f, rules, cagr)
    if paths:
        path = Criterion(
            "gazelle_path",
            L["gazelle_path"],
            "",
            "",
            True,
            w["direct"] % {"what": w["join"].join(paths)},
            confidence,
        )
    elif f.fact(f.year, "operating_revenue") is None or f.fact(f.year - 1, "operating_revenue") is None:
        path = Criterion("gazelle_path", L["gazelle_path"], "", "", None, cagr_item.words, confidence)
    else:
        path = Criterion(
            "gazelle_path", L["gazelle_path"], "", "", False, _("No growth path met"), confidence
        )
    criteria += [path, cagr_item]
    return criteria, combine(criteria), None


TIER_RULES = {
    Tier.ABOVE_SCALE: above_scale,
    Tier.TECH_SME: tech_sme,
    Tier.HIGH_TECH: high_tech,
    Tier.INNOVATIVE_SME: innovative_sme,
    Tier.SRDI_SME: srdi_sme,
    Tier.LITTLE_GIANT: little_giant,
    Tier.GAZELLE: gazelle,
}
