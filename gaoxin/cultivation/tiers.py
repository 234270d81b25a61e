"""Each tier's rules over one firm's data (``engine.Firm``): the criteria and the verdict.

domain-rules.md §1 (高企), §2 (科小), §3 (创新型 / 专精特新 / 小巨人, 2022), §4 (瞪羚, 黄埔
template), §8 (规上工业). Thresholds come from the rule set (``Rules.values``); a threshold
not known reads as such.
"""

from __future__ import annotations

from decimal import Decimal

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


def labels() -> dict:
    language = translate.current
    if language not in _LABELS:
        _LABELS[language] = {
            "main_business_revenue": _("main business revenue"),
            "operating_revenue": _("operating revenue"),
            "total_revenue": _("total revenue"),
            "rd_expense": _("R&D expense"),
            "rd_expense_domestic": _("R&D expense in China"),
            "high_tech_revenue": _("high-tech product/service revenue"),
            "total_assets": _("total assets"),
            "total_liabilities": _("total liabilities"),
            "net_profit": _("net profit"),
            "cost_expense_total": _("total costs and expenses"),
            "staff_total": _("number of staff"),
            "staff_sci_tech": _("S&T staff"),
            "staff_rd": _("R&D staff"),
            "niche_market_share": _("niche market share"),
            "digital_maturity_level": _("digital maturity level"),
            "compliance_incidents": _("compliance incidents"),
            "established_on": _("date of establishment"),
            "tech_field": _("high-tech field"),
            "tax_collection_mode": _("tax collection mode"),
            "niche_market_since": _("year of entering the niche market"),
            "strategic_emerging": _("strategic emerging industry"),
            "rd_ratio": _("R&D ratio"),
            "rd_ratio_3y": _("R&D ratio"),
            "domestic_share": _("R&D in China share"),
            "high_tech_share": _("high-tech revenue share"),
            "sci_tech_share": _("S&T staff share"),
            "registered": _("days registered"),
            "ip_owned": _("owns Class I or II IP"),
            "assessment": _("innovation assessment score"),
            "compliance": _("no major accident or violation"),
            "ip_quantity": _("IP quantity"),
            "ip_acquisition": _("IP acquisition"),
            "ip_part": _("IP part (capped)"),
            "net_asset_growth": _("net asset growth"),
            "sales_growth": _("sales growth"),
            "staff_score": _("S&T staff score"),
            "rd_score": _("R&D input score"),
            "ip_score": _("S&T results score"),
            "score": _("evaluation score"),
            "audit_tax": _("taxed on actual accounts"),
            "direct": _("direct qualification"),
            "main_share": _("main business share"),
            "main_growth": _("main business revenue growth"),
            "debt_ratio": _("debt-to-asset ratio"),
            "field": _("field of the leading product"),
            "innovation": _("innovation group"),
            "growth": _("growth group"),
            "specialisation": _("specialisation group"),
            "niche_years": _("years in the niche market"),
            "revenue_or_equity": _("revenue or equity financing"),
            "net_margin": _("net profit margin"),
            "digital": _("digitalisation level"),
            "rd_input": _("R&D input"),
            "rd_staff_share": _("R&D staff share"),
            "institution": _("own R&D institution level"),
            "market_share": _("niche market share"),
            "rd_route": _("R&D intensity by revenue"),
            "class1_ip": _("Class I IP"),
            "high_tech": _("valid 高企 certificate"),
            "gazelle_path": _("growth path"),
            "cagr": _("3-year revenue CAGR"),
            "equity": _("equity financing"),
            "candidate": _("小升规 candidate"),
        }
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


def high_tech(f: Firm, rules: Rules):
    L, w = labels(), f.w
    established = f.firm.get("established_on")
    days_needed = value_of(rules, "min_registered_days")
    if established is None:
        registered = amount_at_least(
            w, "registered", L["registered"], None, days_needed, _(" days"), [L["established_on"]]
        )
    else:
        registered = amount_at_least(
            w, "registered", L["registered"], Decimal((f.day - established).days), days_needed, _(" days"), []
        )
    ip = f.ip()
    owned = flag(w, "ip_owned", L["ip_owned"], ip.any_class, [])
    field = f.firm.get("tech_field")
    in_field = flag(w, "tech_field", L["tech_field"], True if field else None, [L["tech_field"]])
    (staff, sci), gaps = f.facts(
        f.year, {"staff_total": L["staff_total"], "staff_sci_tech": L["staff_sci_tech"]}
    )
    sci_tech = ratio_at_least(
        w,
        "sci_tech_share",
        L["sci_tech_share"],
        sci and Decimal(sci),
        staff and Decimal(staff),
        value_of(rules, "min_sci_tech_staff_share"),
        gaps,
    )
    rd = rd_three_years(f, rules)
    domestic = share(
        f,
        "domestic_share",
        L["domestic_share"],
        "rd_expense_domestic",
        "rd_expense",
        value_of(rules, "min_domestic_rd_share"),
    )
    high_tech_share = share(
        f,
        "high_tech_share",
        L["high_tech_share"],
        "high_tech_revenue",
        "total_revenue",
        value_of(rules, "min_high_tech_revenue_share"),
    )
    parts, assessment = high_tech_assessment(f, rules)
    (incidents,), gaps = f.facts(f.year, {"compliance_incidents": L["compliance_incidents"]})
    compliance = amount_at_most(
        w,
        "compliance",
        L["compliance_incidents"],
        incidents,
        value_of(rules, "max_compliance_incidents"),
        "",
        gaps,
    )
    criteria = [
        registered,
        owned,
        in_field,
        sci_tech,
        rd,
        domestic,
        high_tech_share,
        assessment,
        compliance,
        *parts,
    ]
    score = as_score(assessment)
    return criteria, combine(criteria), score


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


def tech_sme(f: Firm, rules: Rules):
    L, w = labels(), f.w
    unit = _("10k yuan")
    (staff, sales, assets, incidents), _g = f.facts(
        f.year, {"staff_total": "", "operating_revenue": "", "total_assets": "", "compliance_incidents": ""}
    )

    def gap(name, value):
        return [] if value is not None else [need(w, L[name], f.year)]

    basics = [
        amount_at_most(
            w,
            "max_staff",
            L["staff_total"],
            staff,
            value_of(rules, "max_staff"),
            _(" people"),
            gap("staff_total", staff),
        ),
        amount_at_most(
            w,
            "max_sales",
            L["operating_revenue"],
            sales,
            value_of(rules, "max_sales"),
            unit,
            gap("operating_revenue", sales),
        ),
        amount_at_most(
            w,
            "max_assets",
            L["total_assets"],
            assets,
            value_of(rules, "max_assets"),
            unit,
            gap("total_assets", assets),
        ),
        amount_at_most(
            w,
            "compliance",
            L["compliance_incidents"],
            incidents,
            ZERO,
            "",
            gap("compliance_incidents", incidents),
        ),
    ]
    if value_of(rules, "require_audit_tax"):
        mode = f.firm.get("tax_collection_mode")
        basics.append(
            flag(
                w,
                "audit_tax",
                L["audit_tax"],
                (mode == "audit") if mode else None,
                [L["tax_collection_mode"]],
                Confidence.MEMORY,
            )
        )
    items, total, staff_points, missing = tech_sme_score(f, rules)
    minimum = value_of(rules, "min_score")
    if total is None:
        score = Criterion(
            "score",
            L["score"],
            "",
            _("≥%(n)s points") % {"n": num(minimum)},
            None,
            "；".join(missing),
            required=False,
        )
    else:
        score = score_total(w, "score", L["score"], total, minimum, [])
        score.required = False
        if staff_points == 0 and score.verdict:
            score.verdict = False
            score.words += _("; but the S&T staff score is 0, which disqualifies")
    holds_high_tech, _e = f.holds(("high_tech",))
    rank = f.platform_rank()
    paths = ([L["high_tech"]] if holds_high_tech else []) + (
        [_("provincial or higher R&D institution")] if rank >= 2 else []
    )
    direct = Criterion(
        "direct",
        L["direct"],
        "",
        "",
        bool(paths),
        w["direct"] % {"what": w["join"].join(paths)} if paths else w["no_direct"],
        required=False,
    )
    path = True if direct.verdict else score.verdict
    basic = combine(basics)
    verdict = (
        False
        if basic is False or (path is False and basic is not None)
        else (None if basic is None or path is None else True)
    )
    if basic is None and path is False:
        verdict = False
    return [*basics, score, direct, *items], verdict, total


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
    text = f.w["unknown_rule"] % {"label": rules.tier, "version": rules.version}
    return (
        [Criterion("rules", _("rule set"), rules.version, "", None, text, Confidence.NOT_FOUND)],
        None,
        None,
    )


def innovative_sme(f: Firm, rules: Rules):
    if value_of(rules, "min_score") is None:
        return unknown_rules(f, rules)
    L, w = labels(), f.w
    ip = f.ip()
    ip_pts = ip_points_graded(ip, 20, 15, 10, 5)
    ip_item = score_item(w, "ip_score", L["ip_score"], ip_pts, 20, [])
    rd_item, rd_pts = ratio_points(
        f, "rd_ratio", L["rd_ratio"], "rd_expense", "operating_revenue", value_of(rules, "rd_ratio_bands")
    )
    growth = yoy_growth(f, "main_business_revenue", f.year)
    if growth is None:
        g_item, g_pts = (
            score_item(
                w,
                "main_growth",
                L["main_growth"],
                None,
                20,
                [need(w, L["main_business_revenue"], y) for y in (f.year - 1, f.year)],
            ),
            None,
        )
    else:
        g_pts = band_points(growth, value_of(rules, "growth_bands")) if growth >= 0 else ZERO
        g_item = score_item(w, "main_growth", L["main_growth"], g_pts, 20, [])
        g_item.value = f"{pct(growth)} → {num(g_pts)}"
    debt_item, debt_pts = ratio_points(
        f,
        "debt_ratio",
        L["debt_ratio"],
        "total_liabilities",
        "total_assets",
        value_of(rules, "debt_bands"),
        below=True,
    )
    emerging = f.firm.get("strategic_emerging")
    field_pts = None if emerging is None else Decimal(10 if emerging else 5)
    field_item = score_item(
        w, "field", L["field"], field_pts, 10, [] if emerging is not None else [L["strategic_emerging"]]
    )
    share_item, share_pts = ratio_points(
        f,
        "main_share",
        L["main_share"],
        "main_business_revenue",
        "operating_revenue",
        value_of(rules, "main_share_bands"),
    )
    items = [ip_item, rd_item, g_item, debt_item, field_item, share_item]
    groups = [
        ("innovation", (ip_pts, rd_pts), "min_innovation"),
        ("growth", (g_pts, debt_pts), "min_growth"),
        ("specialisation", (field_pts, share_pts), "min_specialisation"),
    ]
    criteria = []
    for key, points, minimum_key in groups:
        missing = [i.words for i in items if i.verdict is None and i.key in GROUP_KEYS[key]]
        total = None if None in points else sum(points, ZERO)
        c = score_total(w, key, L[key], total, value_of(rules, minimum_key), missing)
        c.required = False
        criteria.append(c)
    scores = [ip_pts, rd_pts, g_pts, debt_pts, field_pts, share_pts]
    total = None if None in scores else sum(scores, ZERO)
    score = score_total(
        w,
        "score",
        L["score"],
        total,
        value_of(rules, "min_score"),
        [i.words for i in items if i.verdict is None],
    )
    score.required = False
    score_path = combine([score, *criteria]) if score.verdict is not None else None
    if score.verdict is False or any(c.verdict is False for c in criteria):
        score_path = False
    direct = innovative_direct(f, rules)
    verdict = True if direct.verdict or score_path else (None if score_path is None else False)
    return [score, *criteria, direct, *items], verdict, total


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


def srdi_sme(f: Firm, rules: Rules):
    if value_of(rules, "min_score") is None:
        return unknown_rules(f, rules)
    L, w = labels(), f.w
    unit, years_unit = _("10k yuan"), _(" years")
    years = niche_years(f)
    niche = amount_at_least(
        w,
        "niche_years",
        L["niche_years"],
        years,
        value_of(rules, "min_niche_years"),
        years_unit,
        [] if years is not None else [L["niche_market_since"]],
    )
    (rd, revenue), gaps = f.facts(
        f.year, {"rd_expense": L["rd_expense"], "operating_revenue": L["operating_revenue"]}
    )
    rd_amount = amount_at_least(
        w, "min_rd", L["rd_expense"], rd, value_of(rules, "min_rd"), unit, gaps[:1] if rd is None else []
    )
    rd_ratio = ratio_at_least(
        w, "rd_ratio", L["rd_ratio"], rd, revenue, value_of(rules, "min_rd_ratio"), gaps
    )
    equity2 = f.data.equity2[f.year].get(f.eid, ZERO)
    revenue_ok = amount_at_least(
        w,
        "revenue_or_equity",
        L["operating_revenue"],
        revenue,
        value_of(rules, "min_revenue"),
        unit,
        gaps[1:] if revenue is None else [],
    )
    if revenue_ok.verdict is False and equity2 >= value_of(rules, "min_equity_small"):
        revenue_ok.verdict = True
        revenue_ok.words += _("; equity financing %(n)s 10k yuan in 2 years suffices") % {"n": num(equity2)}
    items, total = srdi_score(f, rules)
    score = score_total(
        w,
        "score",
        L["score"],
        total,
        value_of(rules, "min_score"),
        [i.words for i in items if i.verdict is None],
    )
    score.required = False
    rds = [f.fact(f.year - 1, "rd_expense"), rd]
    direct_paths = []
    if None not in rds and (rds[0] + rds[1]) / 2 >= value_of(rules, "direct_avg_rd"):
        direct_paths.append(
            _("average R&D ≥ %(n)s 10k yuan over 2 years") % {"n": num(value_of(rules, "direct_avg_rd"))}
        )
    if equity2 >= value_of(rules, "direct_equity"):
        direct_paths.append(_("equity financing %(n)s 10k yuan in 2 years") % {"n": num(equity2)})
    direct = Criterion(
        "direct",
        L["direct"],
        "",
        "",
        bool(direct_paths),
        w["direct"] % {"what": w["join"].join(direct_paths)} if direct_paths else _("No direct path"),
        required=False,
    )
    conditions = [niche, rd_amount, rd_ratio, revenue_ok]
    basic = combine(conditions)
    path = True if direct.verdict else score.verdict
    verdict = False if basic is False or path is False else (None if basic is None or path is None else True)
    return [*conditions, score, direct, *items], verdict, total


def srdi_score(f: Firm, rules: Rules):
    L, w = labels(), f.w
    share_item, share_pts = ratio_points(
        f,
        "main_share",
        L["main_share"],
        "main_business_revenue",
        "operating_revenue",
        value_of(rules, "main_share_bands"),
    )
    growth = two_year_growth(f, "main_business_revenue")
    if growth is None:
        g_item, g_pts = (
            score_item(
                w,
                "main_growth",
                L["main_growth"],
                None,
                10,
                [
                    need(w, L["main_business_revenue"], y)
                    for y in (f.year - 2, f.year - 1, f.year)
                    if f.fact(y, "main_business_revenue") is None
                ]
                or [L["main_growth"]],
            ),
            None,
        )
    else:
        g_pts = band_points(growth, value_of(rules, "growth_bands")) if growth >= 0 else ZERO
        g_item = score_item(w, "main_growth", L["main_growth"], g_pts, 10, [])
    years = niche_years(f)
    n_pts = None if years is None else min(Decimal(int(years // 2)), Decimal(5))
    n_item = score_item(
        w, "niche_score", L["niche_years"], n_pts, 5, [] if years is not None else [L["niche_market_since"]]
    )
    level = f.fact(f.year, "digital_maturity_level")
    d_pts = None if level is None else Decimal(5 if level >= 3 else 3 if level == 2 else 0)
    d_item = score_item(
        w,
        "digital",
        L["digital"],
        d_pts,
        5,
        [] if level is not None else [need(w, L["digital_maturity_level"], f.year)],
    )
    m_item, m_pts = ratio_points(
        f,
        "net_margin",
        L["net_margin"],
        "net_profit",
        "operating_revenue",
        value_of(rules, "net_margin_bands"),
    )
    debt_item, debt_pts = ratio_points(
        f,
        "debt_ratio",
        L["debt_ratio"],
        "total_liabilities",
        "total_assets",
        value_of(rules, "debt_bands"),
        below=True,
    )
    ip_pts = ip_points_graded(f.ip(), 10, 8, 6, 2)
    ip_item = score_item(w, "ip_score", L["ip_score"], ip_pts, 10, [], Confidence.MEMORY)
    rd, revenue = f.fact(f.year, "rd_expense"), f.fact(f.year, "operating_revenue")
    if rd is None or not revenue:
        rd_item, rd_pts = (
            score_item(w, "rd_input", L["rd_input"], None, 10, [need(w, L["rd_expense"], f.year)]),
            None,
        )
    else:
        ratio = rd * HUNDRED / revenue
        rd_pts = next(
            (
                Decimal(p)
                for amount, r, p in ((500, 10, 10), (400, 8, 8), (300, 6, 6), (200, 4, 4), (100, 3, 2))
                if rd >= amount or ratio >= r
            ),
            ZERO,
        )
        rd_item = score_item(w, "rd_input", L["rd_input"], rd_pts, 10, [])
    st_item, st_pts = ratio_points(
        f, "rd_staff_share", L["rd_staff_share"], "staff_rd", "staff_total", value_of(rules, "rd_staff_bands")
    )
    rank = f.platform_rank()
    inst_pts = Decimal({3: 10, 2: 8, 1: 4}.get(rank, 0))
    inst_item = score_item(w, "institution", L["institution"], inst_pts, 10, [], Confidence.MEMORY)
    experts, e_total, e_missing = expert_items(f, Tier.SRDI_SME, ("product_field", "quality", "local"))
    points = [share_pts, g_pts, n_pts, d_pts, m_pts, debt_pts, ip_pts, rd_pts, st_pts, inst_pts]
    total = None if None in points or e_missing else sum(points, ZERO) + e_total
    return [
        share_item,
        g_item,
        n_item,
        d_item,
        m_item,
        debt_item,
        ip_item,
        rd_item,
        st_item,
        inst_item,
        *experts,
    ], total


# --- 专精特新 "小巨人" -----------------------------------------------------------------------


def little_giant(f: Firm, rules: Rules):
    if value_of(rules, "min_niche_years") is None:
        return unknown_rules(f, rules)
    L, w = labels(), f.w
    years = niche_years(f)
    criteria = [
        amount_at_least(
            w,
            "niche_years",
            L["niche_years"],
            years,
            value_of(rules, "min_niche_years"),
            _(" years"),
            [] if years is not None else [L["niche_market_since"]],
        )
    ]
    criteria.append(
        share(
            f,
            "main_share",
            L["main_share"],
            "main_business_revenue",
            "operating_revenue",
            value_of(rules, "min_main_share"),
        )
    )
    growth = two_year_growth(f, "main_business_revenue")
    criteria.append(
        Criterion(
            "main_growth",
            L["main_growth"],
            "",
            f"≥{num(value_of(rules, 'min_main_growth'))}%",
            None,
            named(w, [L["main_growth"]]),
        )
        if growth is None
        else amount_at_least(
            w,
            "main_growth",
            L["main_growth"],
            growth.quantize(Decimal("0.01")),
            value_of(rules, "min_main_growth"),
            "%",
            [],
        )
    )
    (liab, assets), gaps = f.facts(
        f.year, {"total_liabilities": L["total_liabilities"], "total_assets": L["total_assets"]}
    )
    debt = None if gaps or not assets else (liab * HUNDRED / assets).quantize(Decimal("0.01"))
    criteria.append(
        amount_at_most(
            w,
            "debt_ratio",
            L["debt_ratio"],
            debt,
            value_of(rules, "max_debt_ratio"),
            "%",
            gaps or ([] if assets else [need(w, L["total_assets"], f.year)]),
        )
    )
    (market,), gaps = f.facts(f.year, {"niche_market_share": L["niche_market_share"]})
    criteria.append(
        amount_at_least(
            w, "market_share", L["market_share"], market, value_of(rules, "min_market_share"), "%", gaps
        )
    )
    criteria.append(little_giant_rd(f, rules))
    criteria.append(flag(w, "institution", L["institution"], f.platform_rank() > 0, []))
    class1 = Decimal(f.ip().class1_applied_own)
    criteria.append(
        amount_at_least(
            w, "class1_ip", L["class1_ip"], class1, value_of(rules, "min_class1_ip"), _(" items"), []
        )
    )
    for key, (label, _max) in EXPERT_KEYS[Tier.LITTLE_GIANT].items():
        score = f.expert(Tier.LITTLE_GIANT, key)
        criteria.append(
            flag(
                w,
                key,
                str(label),
                None if score is None else score >= 1,
                [_("expert input") + "：" + str(label)],
            )
        )
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


def gazelle(f: Firm, rules: Rules):
    L, w = labels(), f.w
    criteria = []
    if value_of(rules, "require_high_tech"):
        holds, _e = f.holds(("high_tech",))
        criteria.append(flag(w, "high_tech", L["high_tech"], holds, [], conf(rules, "require_high_tech")))
    base_year = f.year - 3
    (base,), gaps_base = f.facts(base_year, {"operating_revenue": L["operating_revenue"]})
    (now,), gaps_now = f.facts(f.year, {"operating_revenue": L["operating_revenue"]})
    growth = yoy_growth(f, "operating_revenue", f.year)
    positive = growth is not None and growth > 0
    paths = []
    if base is not None and now is not None and base > 0:
        cagr = ((now / base) ** (Decimal(1) / 3) - 1) * HUNDRED
        if base >= value_of(rules, "base_revenue") and cagr >= value_of(rules, "min_cagr") and positive:
            paths.append(
                _("3-year CAGR %(c)s from a base of %(b)s 10k yuan") % {"c": pct(cagr), "b": num(base)}
            )
        cagr_item = Criterion(
            "cagr",
            L["cagr"],
            pct(cagr),
            f"≥{num(value_of(rules, 'min_cagr'))}%",
            cagr >= value_of(rules, "min_cagr"),
            _("%(label)s %(value)s (base year %(y)s: %(b)s 10k yuan)")
            % {"label": L["cagr"], "value": pct(cagr), "y": base_year, "b": num(base)},
            conf(rules, "min_cagr"),
            False,
        )
    else:
        cagr_item = Criterion(
            "cagr",
            L["cagr"],
            "",
            "",
            None,
            named(w, gaps_base + gaps_now)
            if gaps_base + gaps_now
            else f.w["zero_base"] % {"label": L["cagr"]},
            required=False,
        )
    start = f.operating_start()
    age = None if start is None else f.year - start
    if age is not None and now is not None and positive:
        if age <= value_of(rules, "young_years") and now > value_of(rules, "young_revenue"):
            paths.append(
                _("young firm with revenue over %(n)s 10k yuan")
                % {"n": num(value_of(rules, "young_revenue"))}
            )
        if age <= value_of(rules, "mature_years") and now > value_of(rules, "mature_revenue"):
            paths.append(
                _("firm under 10 years with revenue over %(n)s 10k yuan")
                % {"n": num(value_of(rules, "mature_revenue"))}
            )
    if paths:
        path = Criterion(
            "gazelle_path",
            L["gazelle_path"],
            "",
            "",
            True,
            w["direct"] % {"what": w["join"].join(paths)},
            conf(rules, "min_cagr"),
        )
    elif cagr_item.verdict is None and not (age is not None and now is not None):
        path = Criterion(
            "gazelle_path", L["gazelle_path"], "", "", None, cagr_item.words, conf(rules, "min_cagr")
        )
    else:
        path = Criterion(
            "gazelle_path", L["gazelle_path"], "", "", False, _("No growth path met"), conf(rules, "min_cagr")
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
