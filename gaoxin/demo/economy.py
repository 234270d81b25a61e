"""The demo zone's economy: the indicator catalogue, data sets, targets and goals of the
report, and monthly data from 2023 to 1–8月 2025 — the zone-level bureau table and the
规上 firms' monthly table, loaded through the same imports a clerk uses.

Exact where the report is exact (2024 1–12月: GDP +11.1%, 规上工业增加值 +13.8%, 固投 +15.47%,
技改投资 +114%, 工业用电量 +109%, 高新技术产值 143.3 亿元 = 75% of 规上工业总产值, 实际利用外资 +10%;
the 2025 goals; 国家高新区综合排名 up 8 places, a ``rank`` indicator; the groups' sums of
``generator.INDUSTRY_GROUPS``: 专汽 exports 118,000 万元 (+51.2%), 农产品深加工 output +29.8%);
the months in between and the firms' values are synthetic, seeded, and add up: every firm's
1–12月 value equals its annual facts, so the zone sums are the report's. The 专汽 output growth
(+10%) is the bureau's reported rate; the 36 firms' own facts grow by the same 10.0%.

September 2025 is left out on purpose: ``write_demo_files`` writes its bureau table (title
row, merged header, footnote, "13.8%" text) and its enterprise table (one broken row) to
var/demo/, for the demo walk: import, fix, submit, approve — and the cockpit moves.
"""

import datetime
import random
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from gaoxin.core.imports import Table, get_spec, run_import
from gaoxin.demo.generator import INDUSTRY_GROUPS

SEED = 20250930
MONTHS_2025 = 8  # the demo's data end at 1–8月 2025; September is the walk-through
CENT = Decimal("0.01")

# code, name, English, unit, kind, frequency, comparable, sums enterprises, aliases, department.
# 规上工业增加值, 固定资产投资 and 技改投资 are judged on the bureau's growth (``rate``) and carry
# the level it publishes, in 万元 (a table's 亿元 converted on import); the report gives no
# level of theirs for 2024, so the demo has none. GDP is quarterly (一季度 … 全年).
INDICATORS = [
    (
        "gdp",
        "地区生产总值",
        "Gross domestic product",
        "%",
        "rate",
        "quarterly",
        True,
        False,
        "GDP；地区生产总值增速",
        "经济发展局",
    ),
    (
        "industrial_value_added",
        "规模以上工业增加值",
        "Value added of above-scale industry",
        "万元",
        "rate",
        "monthly",
        True,
        False,
        "规上工业增加值；规模以上工业增加值增速",
        "经济发展局",
    ),
    (
        "fixed_asset_investment",
        "固定资产投资",
        "Fixed-asset investment",
        "万元",
        "rate",
        "monthly",
        False,
        False,
        "固投；固定资产投资增速；固定资产投资（不含农户）",
        "建设局",
    ),
    (
        "tech_renovation_investment",
        "工业技改投资",
        "Industrial technical-renovation investment",
        "万元",
        "rate",
        "monthly",
        False,
        False,
        "技改投资",
        "经济发展局",
    ),
    (
        "above_scale_output",
        "规模以上工业总产值",
        "Gross output of above-scale industry",
        "万元",
        "level",
        "monthly",
        False,
        True,
        "规上工业总产值；工业总产值",
        "经济发展局",
    ),
    (
        "high_tech_output",
        "高新技术产值",
        "High-tech output",
        "万元",
        "level",
        "monthly",
        False,
        True,
        "高新技术产业产值",
        "科技创新局",
    ),
    (
        "industrial_electricity",
        "工业用电量",
        "Industrial electricity use",
        "万千瓦时",
        "level",
        "monthly",
        False,
        True,
        "工业用电",
        "经济发展局",
    ),
    (
        "fdi_actual",
        "实际利用外资",
        "Foreign direct investment (actual)",
        "%",
        "rate",
        "monthly",
        False,
        False,
        "实际使用外资",
        "投资促进局",
    ),
    (
        "special_vehicle_output",
        "专用汽车总产值",
        "Special-vehicle output",
        "%",
        "rate",
        "monthly",
        False,
        False,
        "专汽总产值；专汽产值",
        "经济发展局",
    ),
    (
        "special_vehicle_exports",
        "专用汽车出口交货值",
        "Special-vehicle exports",
        "万元",
        "level",
        "monthly",
        False,
        True,
        "专汽出口；出口专汽；专汽出口交货值",
        "经济发展局",
    ),
    (
        "agri_processing_output",
        "农产品深加工产值",
        "Output of agricultural-products processing",
        "万元",
        "level",
        "monthly",
        False,
        True,
        "农产品深加工总产值；农副食品加工和食品制造产值",
        "经济发展局",
    ),
    (
        "national_ranking",
        "国家高新区综合排名",
        "National high-tech zone ranking",
        "位",
        "rank",
        "yearly",
        False,
        False,
        "国家高新区综合排名位次变化；综合排名",
        "经济发展局",
    ),
]
# What the catalogue says of the indicators that are not the bureau's monthly rates.
DEFINITIONS = {
    "special_vehicle_exports": "专汽企业（GB/T 4754-2017 门类C第36大类 汽车制造业，含3630改装汽车制造）"
    "规上企业出口交货值之和，1–N月累计，万元。",
    "agri_processing_output": "农产品深加工企业（GB/T 4754-2017 第13大类 农副食品加工业、第14大类 食品制造业）"
    "规上企业工业总产值之和，1–N月累计，万元。",
    "national_ranking": "科技部火炬中心国家高新区综合评价排名较上年的位次变化：正数为上升的位数，负数为下降的位数。",
}
# The report's rank change: 2024 "国家高新区综合排名跃升8位" (the ranks themselves are not given).
RANKING_2024 = Decimal(8)
RATIO = (
    "high_tech_share",
    "高新技术产值占规上工业总产值比重",
    "High-tech share of above-scale output",
    "high_tech_output",
    "above_scale_output",
)

# Reported 1–12月 2024 growth (%), exactly as printed; 2023 and 2025 paths are synthetic.
# The report's GDP growth is an estimate ("预计增长11.1%"): imported with the status 预计.
ESTIMATES_2024 = {"gdp"}
GROWTH_2024 = {
    "gdp": "11.1",
    "industrial_value_added": "13.8",
    "fixed_asset_investment": "15.47",
    "tech_renovation_investment": "114",
    "industrial_electricity": "109",
    "fdi_actual": "10",
    "special_vehicle_output": "10",
}
GROWTH_2023 = {
    "gdp": "8.6",
    "industrial_value_added": "10.2",
    "fixed_asset_investment": "12.1",
    "tech_renovation_investment": "35.0",
    "industrial_electricity": "12.5",
    "fdi_actual": "6.0",
    "special_vehicle_output": "8.0",
}
# 1–N月 2025 levels the synthetic path heads for: some goals green, some red.
GROWTH_2025 = {
    "gdp": "10.4",
    "industrial_value_added": "12.1",
    "fixed_asset_investment": "16.2",
    "tech_renovation_investment": "41.0",
    "industrial_electricity": "18.0",
    "fdi_actual": "7.5",
    "special_vehicle_output": "11.0",
}
ENTERPRISE_INDICATORS = {
    "above_scale_output": "industrial_output",
    "high_tech_output": "high_tech_output",
    "industrial_electricity": "electricity_10k_kwh",
    "special_vehicle_exports": "exports",
    "agri_processing_output": "industrial_output",
}
# Indicators only a group's firms report (generator.INDUSTRY_GROUPS): their values sum to the
# group's — 专汽 exports 118,000 万元 (+51.2%), 农产品深加工 output +29.8% ("近30%").
GROUP_INDICATORS = {"special_vehicle_exports": "special_vehicle", "agri_processing_output": "agri_processing"}
# Cumulative share of the year reached by the end of each month (a manufacturing profile).
PROFILE = [
    None,
    Decimal("0.060"),
    Decimal("0.135"),
    Decimal("0.215"),
    Decimal("0.295"),
    Decimal("0.378"),
    Decimal("0.465"),
    Decimal("0.545"),
    Decimal("0.625"),
    Decimal("0.710"),
    Decimal("0.797"),
    Decimal("0.885"),
    Decimal("1"),
]


def load_catalogue():
    from gaoxin.indicators.models import DataSet, Indicator
    from gaoxin.zone.models import Department, Leader

    departments = {d.name: d for d in Department.objects.all()}
    leader = Leader.objects.first()
    made = {}
    for order, (
        code,
        name,
        english,
        unit,
        kind,
        frequency,
        comparable,
        sums,
        aliases,
        department,
    ) in enumerate(INDICATORS, 1):
        made[code] = Indicator.objects.create(
            code=code,
            name=name,
            name_en=english,
            unit=unit,
            kind=kind,
            frequency=frequency,
            comparable_prices=comparable,
            sums_enterprises=sums,
            aliases=aliases,
            department=departments.get(department),
            leader=leader,
            sort_order=order * 10,
            definition=DEFINITIONS.get(code)
            or ("演示数据：口径按统计局月报。" if kind != "level" else "1–N月累计值，规上企业加总。"),
        )
    code, name, english, top, bottom = RATIO
    made[code] = Indicator.objects.create(
        code=code,
        name=name,
        name_en=english,
        unit="%",
        kind="ratio",
        numerator=made[top],
        denominator=made[bottom],
        factor=100,
        sort_order=65,
        definition="高新技术产值 ÷ 规模以上工业总产值 × 100。",
        department=departments.get("科技创新局"),
    )
    bureau = DataSet.objects.create(
        code="bureau-main",
        name="主要经济指标完成情况（统计局）",
        scope="zone",
        due_day=15,
        department=departments.get("经济发展局"),
        sort_order=10,
    )
    bureau.indicators.set(
        [i for c, i in made.items() if c not in ENTERPRISE_INDICATORS and c != "high_tech_share"]
        + [made["above_scale_output"], made["high_tech_output"], made["industrial_electricity"]]
    )
    monthly = DataSet.objects.create(
        code="above-scale-monthly",
        name="规上工业企业月报",
        scope="zone",
        due_day=12,
        department=departments.get("经济发展局"),
        sort_order=20,
    )
    monthly.indicators.set([made[c] for c in ENTERPRISE_INDICATORS])
    filed = [c for c in ENTERPRISE_INDICATORS if c not in GROUP_INDICATORS]
    DataSet.objects.create(
        code="enterprise-filing",
        name="企业月度填报",
        scope="enterprise",
        due_day=8,
        department=departments.get("经济发展局"),
        sort_order=30,
    ).indicators.set([made[c] for c in filed])
    return made


def rate_path(rng: random.Random, end: Decimal, months: list[int], start_offset: float) -> dict[int, Decimal]:
    """Cumulative growth by month drifting to ``end`` at the last month."""
    path = {}
    last = months[-1]
    for month in months:
        weight = (last - month) / max(last - months[0], 1)
        value = end + Decimal(str(start_offset * weight + rng.uniform(-0.4, 0.4) * weight))
        path[month] = value.quantize(CENT, rounding=ROUND_HALF_UP)
    path[last] = end
    return path


ZONE_HEADER = ["指标名称", "计量单位", "本期累计值", "同比增长", "数据状态"]


def zone_rows(rng: random.Random) -> dict[tuple[int, int], list[list]]:
    """Per period, the rows of the bureau table: [indicator name, unit, value, growth, status]."""
    periods: dict[tuple[int, int], list[list]] = {}
    for year, targets, months in (
        (2023, GROWTH_2023, range(2, 13)),
        (2024, GROWTH_2024, range(2, 13)),
        (2025, GROWTH_2025, range(2, MONTHS_2025 + 2)),
    ):
        for code, name, *_rest in INDICATORS:
            if code not in targets:
                continue
            quarterly = code == "gdp"
            wanted = [m for m in months if not quarterly or m % 3 == 0]
            if not wanted:
                continue
            path = rate_path(rng, Decimal(targets[code]), wanted, rng.uniform(-3, 3))
            if year == 2025:  # the path was drawn to 1–9月; the demo stops a month earlier
                path = {m: v for m, v in path.items() if m <= MONTHS_2025}
            for month, growth in path.items():
                value = "" if code != "industrial_electricity" else None
                estimate = year == 2024 and month == 12 and code in ESTIMATES_2024
                periods.setdefault((year, month), []).append(
                    [name, "%" if value == "" else "万千瓦时", value, growth, "预计" if estimate else ""]
                )
    periods[(2024, 12)].append(["国家高新区综合排名", "位", RANKING_2024, ""])
    return periods


def firm_months(rng: random.Random) -> dict[tuple[int, int], list[list]]:
    """Per period, the 规上 firms' cumulative values: [uscc, name, output, high-tech, electricity]."""
    from gaoxin.enterprises.models import AnnualFacts, Enterprise

    years = {2023: datetime.date(2023, 12, 31), 2024: datetime.date(2024, 12, 31)}
    rows: dict[tuple[int, int], list[list]] = {}
    facts = {(f.enterprise_id, f.year): f for f in AnnualFacts.objects.filter(year__in=[2023, 2024])}
    for year, day in years.items():
        firms = Enterprise.objects.with_qualification("above_scale_industry", on=day).order_by("pk")
        for firm in firms:
            annual = facts.get((firm.pk, year))
            if annual is None:
                continue
            totals = [
                getattr(annual, ENTERPRISE_INDICATORS[c]) if reports(firm, c) else None
                for c in ENTERPRISE_INDICATORS
            ]
            if year == 2024 and firm.name == "国能长源随州发电":
                # The power plant's use is what doubled the zone's industrial electricity (+109%).
                totals[2] = (facts[(firm.pk, 2023)].electricity_10k_kwh or Decimal(0)) * Decimal("5.2")
            add_months(rng, rows, firm, year, totals, range(2, 13))
    latest = Enterprise.objects.with_qualification(
        "above_scale_industry", on=datetime.date(2025, 12, 31)
    ).order_by("pk")
    for firm in latest:
        base = facts.get((firm.pk, 2024))
        if base is None:
            continue
        growth = Decimal(str(rng.uniform(0.02, 0.22)))
        totals = [
            None
            if (v := getattr(base, ENTERPRISE_INDICATORS[c])) is None or not reports(firm, c)
            else v * (1 + growth)
            for c in ENTERPRISE_INDICATORS
        ]
        add_months(rng, rows, firm, 2025, totals, range(2, MONTHS_2025 + 1))
    return rows


def reports(firm, code: str) -> bool:
    """Whether ``firm`` reports indicator ``code``: a group's indicator only its group's firms."""
    group = GROUP_INDICATORS.get(code)
    return group is None or (firm.industry_id or "")[:2] in INDUSTRY_GROUPS[group][1]


def enterprise_header() -> list[str]:
    names = {code: name for code, name, *_rest in INDICATORS}
    return ["统一社会信用代码", "企业名称", *[names[c] for c in ENTERPRISE_INDICATORS]]


def add_months(rng, rows, firm, year, totals, months) -> None:
    noise = Decimal(str(rng.uniform(-0.02, 0.02)))
    for month in months:
        share = (
            PROFILE[month] if month == 12 else min(PROFILE[month] + noise * PROFILE[month], Decimal("0.99"))
        )
        values = [
            "" if total is None else (total * share).quantize(CENT, rounding=ROUND_HALF_UP)
            for total in totals
        ]
        rows.setdefault((year, month), []).append([firm.uscc, firm.name, *values])


def load_series(user) -> dict:
    """Import every period (bureau table, then the firms' table) and approve it."""
    from gaoxin.indicators.models import Submission
    from gaoxin.indicators.services import refresh_aggregates

    rng = random.Random(SEED)
    zone, firms = zone_rows(rng), firm_months(rng)
    counts = {"zone": 0, "enterprise": 0}
    for year, month in sorted(set(zone) | set(firms)):
        if (year, month) in zone:
            counts["zone"] += import_period(
                user, "indicator-table", "bureau-main", year, month, ZONE_HEADER, zone[(year, month)]
            )
        if (year, month) in firms:
            header = enterprise_header()
            counts["enterprise"] += import_period(
                user, "enterprise-monthly", "above-scale-monthly", year, month, header, firms[(year, month)]
            )
    Submission.objects.update(
        status=Submission.Status.APPROVED,
        submitted_by=user,
        approved_by=user,
        submitted_at=timezone.now(),
        approved_at=timezone.now(),
    )
    refresh_aggregates(set(firms))  # approved only now: the sums count approved values
    return counts


def import_period(user, kind, data_set, year, month, header, rows) -> int:
    options = {"data_set": data_set, "year": year, "month": month, "filename": f"演示数据 {year}-{month:02d}"}
    result = run_import(
        get_spec(kind)(user, options=options),
        Table(header=header, rows=rows),
        commit=True,
        filename=options["filename"],
    )
    if not result.ok:
        raise RuntimeError(f"demo {kind} {year}-{month}: {result.file_error or result.errors[:3]}")
    return result.new + result.changed


def load_targets_and_goals(made) -> None:
    from gaoxin.enterprises.services import count_valid
    from gaoxin.goals.models import Goal
    from gaoxin.indicators.models import Target
    from gaoxin.zone.models import Department

    source = "随州高新区2025年工作目标（见报道）"
    for code, base, stretch in (("industrial_value_added", 15, 20), ("fixed_asset_investment", 15, 20)):
        Target.objects.create(
            indicator=made[code],
            year=2025,
            basis="growth",
            base_value=base,
            stretch_value=stretch,
            note=source,
        )
    Target.objects.create(
        indicator=made["gdp"], year=2025, basis="growth", base_value=10, strict=True, note=source
    )
    economy = Department.objects.filter(name="经济发展局").first()
    science = Department.objects.filter(name="科技创新局").first()
    four_above = [
        "above_scale_industry",
        "above_quota_trade",
        "qualified_construction",
        "real_estate_development",
        "above_scale_services",
    ]
    high_tech_2024 = count_valid("high_tech", datetime.date(2024, 12, 31))
    goals = [
        ("gdp", "地区生产总值增长", "indicator_growth", {"indicator": "gdp"}, "gt", 10, None, "%", economy),
        (
            "industrial_value_added",
            "规上工业增加值增长",
            "indicator_growth",
            {"indicator": "industrial_value_added"},
            "gte",
            15,
            20,
            "%",
            economy,
        ),
        (
            "fixed_asset_investment",
            "固定资产投资增长",
            "indicator_growth",
            {"indicator": "fixed_asset_investment"},
            "gte",
            15,
            20,
            "%",
            economy,
        ),
        (
            "four_above",
            "“四上”企业达到250家",
            "enterprises_with_qualification",
            {"types": four_above},
            "gte",
            250,
            None,
            "家",
            economy,
        ),
        (
            "above_scale_industry",
            "规上工业企业达到120家",
            "enterprises_with_qualification",
            {"types": ["above_scale_industry"]},
            "gte",
            120,
            None,
            "家",
            economy,
        ),
        (
            "high_tech_doubled",
            f"高新技术企业数量翻番（2024年末{high_tech_2024}家）",
            "high_tech_doubled",  # the valid count, forecast from the recognition pipeline
            {"base": high_tech_2024},
            "gte",
            2 * high_tech_2024,
            None,
            "家",
            science,
        ),
    ]
    for order, (code, title, metric, params, comparison, target, stretch, unit, department) in enumerate(
        goals, 1
    ):
        Goal.objects.create(
            year=2025,
            code=code,
            title=title,
            metric=metric,
            params=params,
            comparison=comparison,
            target=target,
            stretch=stretch,
            unit=unit,
            department=department,
            source=source,
            sort_order=order * 10,
        )


def write_demo_files(user=None) -> list[Path]:
    """The September 2025 tables for the demo walk, as the bureau would send them."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    out = Path(settings.VAR_DIR) / "demo"
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED + 9)
    bureau = Workbook()
    ws = bureau.active
    ws.title = "主要指标"
    ws.append(["随州高新区2025年1-9月主要经济指标完成情况"])
    ws.merge_cells("A1:D1")
    ws.append(["指标名称", "计量单位", "1-9月", None])
    ws.merge_cells("C2:D2")
    ws.append([None, None, "累计值", "同比增长"])
    for code, name, *_rest in INDICATORS:
        if code not in GROWTH_2025:  # the firms' sums and the yearly ranking are not in it
            continue
        growth = Decimal(GROWTH_2025[code])
        if code == "gdp":
            ws.append([name, "%", None, f"{growth}%"])
        elif code == "industrial_electricity":
            ws.append([name, "万千瓦时", None, float(growth) / 100])
            ws.cell(row=ws.max_row, column=4).number_format = "0.0%"
        else:
            ws.append([name, "%", None, float(growth)])
    ws.append([])
    ws.append(["注：规上工业增加值增速按可比价计算。数据来源：区统计局。"])
    ws["A1"].alignment = Alignment(horizontal="center")
    bureau_path = out / "2025年1-9月主要经济指标完成情况表.xlsx"
    bureau.save(bureau_path)

    firms = Workbook()
    ws = firms.active
    ws.title = "规上工业企业"
    ws.append(["2025年1-9月规上工业企业主要指标"])
    ws.append(["序号", *enterprise_header()])
    from gaoxin.indicators.models import Observation

    august = Observation.objects.filter(year=2025, month=MONTHS_2025, scope="enterprise").select_related(
        "enterprise", "indicator"
    )
    by_firm: dict = {}
    for observation in august:
        by_firm.setdefault(observation.enterprise, {})[observation.indicator.code] = observation.value
    for index, (firm, values) in enumerate(sorted(by_firm.items(), key=lambda item: item[0].pk), start=1):
        step = 1 + (PROFILE[9] - PROFILE[8]) / PROFILE[8] + Decimal(str(rng.uniform(-0.01, 0.01)))
        cells = [
            None if values.get(c) is None else float((values[c] * step).quantize(CENT))
            for c in ENTERPRISE_INDICATORS
        ]
        ws.append([index, firm.uscc, firm.name, *cells])
    ws.cell(row=5, column=4).value = "一千二百万"  # the broken row of the walk: text in a number cell
    firms_path = out / "2025年1-9月规上工业企业月报（含一处错误）.xlsx"
    firms.save(firms_path)
    return [bureau_path, firms_path]


def load(user) -> dict:
    made = load_catalogue()
    counts = load_series(user)
    load_targets_and_goals(made)
    write_demo_files(user)
    return counts
