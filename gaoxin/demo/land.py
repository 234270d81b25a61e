"""The demo zone's land (土地) and its 2024 亩均 evaluation — all synthetic except the goal.

From the report (seed-facts.md): the 2025 goal of reserving 1000 亩 of industrial land. Built
here, labelled 示例 where shown:

- one parcel per firm with 2024 annual facts (its 用地面积), status 已投产, drawn as a rectangle
  of the right area on a grid per park (the parks' real boundaries are not known);
- 14 储备 / 可供 industrial parcels of 862.5 亩 — below the 1000-亩 goal, so the goal is live;
- 8 parcels matched to 2025 pipeline projects (出让 for a signed project, 在建 under construction);
- 3 parcels flagged 闲置 or 低效; the reserve parcels are public (扫码出图);
- allocation (供地): a land request per 2025 verified signing (the first six; area ±10% of the
  signing's land, its fixed-asset investment, tax = promised per 亩 × 亩), three of them holding a
  reservation of a reserve parcel (so the reserve stays 862.5 亩), two supplied (出让) on parcels
  of their own (GX-GD…) with the terms copied, and one 2023 出让 now in production whose firm's
  2024 亩均税收 is below the contract's minimum (the commitment check fails);
- the firms' 2024 land (owned = the annual facts' 用地面积) and emissions for 85% of them;
- the 2024 evaluation with the 黄岩 weights (domain-rules §6.1) whose benchmarks are the demo
  firms' own 2024 ratios (Σ ÷ Σ), A/B/C/D by the cited 经开区 percentiles 25/70/95, one
  exemption and a measure per grade and lever, published."""

import datetime
import math
import random
from decimal import ROUND_HALF_UP, Decimal

from django.db import models, transaction

from gaoxin.core.stages import latest_stage_date
from gaoxin.enterprises.models import AnnualFacts
from gaoxin.land.geometry import R, rectangle
from gaoxin.land.models import (
    MU_M2,
    Allocation,
    FirmLand,
    GradeMeasure,
    LandRequest,
    LandUseClass,
    MuExemption,
    MuIndicator,
    MuScheme,
    Parcel,
)
from gaoxin.zone.models import Park, evaluation_date

YEAR = 2024
ORIGINS = {  # the south-west corner of each park's drawing (approximate, synthetic)
    "chengdong": (113.405, 31.700),
    "chengbei": (113.360, 31.745),
    "qingchun": (113.300, 31.690),
    "bigdata": (113.385, 31.675),
}
ROAD = 30.0  # metres between parcels
RESERVE = [  # park code, area (亩), status
    ("chengdong", "120", "reserve"),
    ("chengdong", "85.5", "available"),
    ("chengdong", "60", "available"),
    ("chengdong", "45", "reserve"),
    ("chengbei", "150", "reserve"),
    ("chengbei", "92", "available"),
    ("chengbei", "38", "available"),
    ("chengbei", "27", "reserve"),
    ("qingchun", "110", "reserve"),
    ("qingchun", "64", "available"),
    ("qingchun", "21", "available"),
    ("bigdata", "30", "available"),
    ("bigdata", "12", "reserve"),
    ("bigdata", "8", "available"),
]  # 862.5 亩
WEIGHTS = [
    ("tax_per_mu", 30),
    ("value_added_per_mu", 20),
    ("value_added_per_energy", 20),
    ("value_added_per_emission", 10),
    ("labour_productivity", 10),
    ("rd_ratio", 10),
]
MEASURES = [
    ("A", "land", "优先保障新增用地和技改扩产用地（示例）"),
    ("A", "credit", "列入金融机构白名单，优先推荐积分贷、科技贷（示例）"),
    ("A", "policy", "惠企政策优先兑现，评优评先优先推荐（示例）"),
    ("B", "policy", "支持技术改造和数字化转型项目（示例）"),
    ("C", "electricity", "执行差别化电价，加强用能预警（示例）"),
    ("C", "land", "不新增用地，引导提高容积率和亩均产出（示例）"),
    ("D", "electricity", "差别化电价、用水价格上浮（示例）"),
    ("D", "water", "限制新增用水指标（示例）"),
    ("D", "land", "列入低效用地再开发清单，倒逼整治或腾退（示例）"),
]


class Layout:
    """Rectangles of the right area side by side in rows, per park."""

    def __init__(self, totals: dict[str, Decimal]):
        self.cursor = {code: [0.0, 0.0, 0.0] for code in ORIGINS}  # x, y, height of the row
        # rows about 1.8 × as wide as a square of the park's land: a landscape drawing
        self.width = {
            code: max(800.0, math.sqrt(float(totals.get(code, 0) * MU_M2)) * 1.8) for code in ORIGINS
        }

    def place(self, park_code: str, area_mu: Decimal, ratio: float = 1.4) -> dict:
        area = float(area_mu * MU_M2)
        width = math.sqrt(area * ratio)
        height = area / width
        x, y, row = self.cursor[park_code]
        if x and x + width > self.width[park_code]:
            x, y, row = 0.0, y + row + ROAD, 0.0
        lon0, lat0 = ORIGINS[park_code]
        lat = lat0 + math.degrees(y / R)
        lon = lon0 + math.degrees(x / (R * math.cos(math.radians(lat))))
        self.cursor[park_code] = [x + width + ROAD, y, max(row, height)]
        return rectangle(lon, lat, width, height)


def new_parcel(layout, code, park, area, use, **fields) -> Parcel:
    parcel = Parcel(
        code=code, park=park, area_mu=area, land_use=use, boundary=layout.place(park.code, area), **fields
    )
    parcel.clean()  # the same checks as the form; the grid never overlaps
    return parcel


@transaction.atomic
def load(admin) -> dict:
    parks = {p.code: p for p in Park.objects.all()}
    industrial = LandUseClass.objects.get(code="0601")
    facts = list(
        AnnualFacts.objects.filter(year=YEAR, land_area_mu__gt=0)
        .select_related("enterprise__park")
        .order_by("enterprise__park__sort_order", "-land_area_mu", "enterprise_id")
    )
    totals: dict[str, Decimal] = {}
    for row in facts:
        if row.enterprise.park is not None:
            totals[row.enterprise.park.code] = (
                totals.get(row.enterprise.park.code, Decimal(0)) + row.land_area_mu
            )
    layout = Layout(totals)
    created = 0
    for n, row in enumerate(facts, start=1):
        park = row.enterprise.park
        if park is None or park.code not in ORIGINS:
            continue
        area = row.land_area_mu.quantize(Decimal("0.01"))
        parcel = new_parcel(
            layout,
            f"{park.code[:2].upper()}-{n:04d}",
            park,
            area,
            industrial,
            status=Parcel.Status.PRODUCING,
            enterprise=row.enterprise,
        )
        if n in (7, 19):
            parcel.inefficient, parcel.inefficient_reason = True, "亩均税收低于园区平均的三成（示例）"
        if n == 33:
            parcel.idle, parcel.idle_reason = True, "企业停产，厂房空置（示例）"
        parcel.save()
        created += 1
    for n, (park_code, area, status) in enumerate(RESERVE, start=1):
        new_parcel(
            layout, f"GX-CB{n:02d}", parks[park_code], Decimal(area), industrial, name=f"储备地块{n}号（示例）", status=status,
            is_public=True, plot_ratio_min=Decimal("1.2"), plot_ratio_max=Decimal("2.5"), coverage_min=Decimal(40),
            green_max=Decimal(15), investment_min=Decimal(300), tax_min=Decimal(20),
        ).save()  # fmt: skip
    matched = match_projects(layout, parks, industrial)
    firm_land(facts)
    scheme = evaluation(facts)
    supplied = allocations(layout, parks, industrial, admin)
    return {
        "parcels": created + len(RESERVE) + matched + supplied,
        "reserve_mu": "862.5",
        "scheme": scheme.name,
        "land_requests": LandRequest.objects.count(),
    }


RESERVED = ("GX-CB02", "GX-CB06", "GX-CB10")  # reserve parcels held for the first three requests
TERMS = {
    "plot_ratio_min": Decimal("1.2"),
    "plot_ratio_max": Decimal("2.5"),
    "coverage_min": Decimal(40),
    "green_max": Decimal(15),
    "investment_min": Decimal(300),
    "tax_min": Decimal(20),
}


def allocations(layout, parks, use, admin) -> int:
    """Land requests of the 2025 pipeline, three reservations, two 出让 and one in production
    whose commitment check fails; returns the parcels added (the supplied ones)."""
    from gaoxin.attraction.models import Signing
    from gaoxin.land import allocation as service

    signings = list(
        Signing.objects.investments()
        .filter(contract_date__year=2025, status=Signing.Status.VERIFIED, land_mu__gt=0)
        .select_related("lead", "project__enterprise", "enterprise", "department")
        .order_by("contract_date", "pk")[:6]
    )
    requests = [land_request(s) for s in signings]
    last = latest_stage_date(evaluation_date())
    for request, code in zip(requests, RESERVED, strict=False):
        parcel = Parcel.objects.get(code=code)
        request.area_min_mu = (parcel.area_mu * Decimal("0.9")).quantize(Decimal("0.01"))
        request.area_max_mu = (parcel.area_mu * Decimal("1.1")).quantize(Decimal("0.01"))
        request.save()
        service.allocation_reserve(
            request=request, parcel=parcel, user=admin, date=min(request.requested_on, last)
        )
    added = 0
    for n, request in enumerate(requests[3:5], start=1):
        parcel = new_parcel(
            layout, f"GX-GD{n:02d}", parks["chengdong"], request.area_min_mu, use,
            name=f"{request.name}用地（示例）", status=Parcel.Status.AVAILABLE, **TERMS,
        )  # fmt: skip
        parcel.save()
        held = service.allocation_reserve(
            request=request, parcel=parcel, user=admin, date=request.requested_on
        )
        service.allocation_supply(
            allocation=held, user=admin, contract_date=request.requested_on, price=request.area_min_mu * 12,
            contract_no=f"随高新出让〔2025〕{n}号（示例）",
        )  # fmt: skip
        added += 1
    return added + producing_allocation(layout, parks, use, admin)


def land_request(signing) -> LandRequest:
    land = signing.land_mu
    tax = (
        (signing.promised_tax_per_mu * land).quantize(Decimal("0.01"))
        if signing.promised_tax_per_mu
        else None
    )
    return LandRequest.objects.create(
        name=signing.project_name, signing=signing, lead=signing.lead, project=signing.project,
        enterprise=signing.enterprise or (signing.project.enterprise if signing.project_id else None), area_min_mu=(land * Decimal("0.9")).quantize(Decimal("0.01")),
        area_max_mu=(land * Decimal("1.1")).quantize(Decimal("0.01")), fixed_asset_investment=signing.fixed_asset_investment,
        expected_tax=tax, requested_on=signing.contract_date, department=signing.department, note="演示数据",
    )  # fmt: skip


def producing_allocation(layout, parks, use, admin) -> int:
    """A 2023 出让 to the firm whose 2024 亩均税收 (land register) is closest below 20 万元/亩,
    now 已投产: its commitment check for 2024 fails on the contract's minimum."""
    from gaoxin.land import allocation as service

    rows = [
        (row.tax_paid / row.owned_mu, row.enterprise_id, row.owned_mu)
        for row in FirmLand.objects.filter(year=YEAR, owned_mu__gt=10).annotate(
            tax_paid=models.Subquery(
                AnnualFacts.objects.filter(enterprise=models.OuterRef("enterprise"), year=YEAR).values(
                    "tax_paid"
                )[:1]
            )
        )
        if row.tax_paid
    ]
    below = [row for row in rows if row[0] < TERMS["tax_min"]]
    if not below:
        return 0
    _ratio, firm_id, _owned = max(below)  # the firm closest under the contract's minimum
    request = LandRequest.objects.create(
        name="老厂区扩建项目（示例）", enterprise_id=firm_id, area_min_mu=Decimal(10), requested_on=datetime.date(2023, 3, 1),
        fixed_asset_investment=Decimal(3500), expected_tax=Decimal(220), note="演示数据",
    )  # fmt: skip
    parcel = new_parcel(
        layout, "GX-GD03", parks["chengdong"], Decimal(10), use, name="老厂区扩建用地（示例）",
        status=Parcel.Status.AVAILABLE, **TERMS,
    )  # fmt: skip
    parcel.save()
    held = service.allocation_reserve(
        request=request, parcel=parcel, user=admin, date=datetime.date(2023, 3, 10)
    )
    service.allocation_supply(
        allocation=held, user=admin, contract_date=datetime.date(2023, 5, 18), price=Decimal(150),
        contract_no="随高新出让〔2023〕7号（示例）",
    )  # fmt: skip
    Parcel.objects.filter(pk=parcel.pk).update(
        status=Parcel.Status.PRODUCING, status_since=datetime.date(2024, 6, 30)
    )
    return 1


def match_projects(layout, parks, use) -> int:
    from gaoxin.projects.models import Project

    projects = list(
        Project.objects.filter(
            stage__in=("signed", "construction"), land_area_mu__gt=0, park__code__in=list(ORIGINS)
        )
        .select_related("park", "enterprise")
        .order_by("-total_investment", "pk")[:8]
    )
    for n, project in enumerate(projects, start=1):
        status = Parcel.Status.SOLD if project.stage == "signed" else Parcel.Status.BUILDING
        new_parcel(
            layout, f"GX-XM{n:02d}", project.park, project.land_area_mu.quantize(Decimal("0.01")), use, name=f"{project.name}用地",
            status=status, project=project, enterprise=project.enterprise, investment_min=Decimal(300), tax_min=Decimal(20),
        ).save()  # fmt: skip
    return len(projects)


def firm_land(facts) -> None:
    rng = random.Random(16)
    rows = []
    for row in facts:
        emissions = None
        if row.value_added and rng.random() < 0.85:
            emissions = (row.value_added / Decimal(rng.randint(2500, 8000))).quantize(Decimal("0.0001"))
        rows.append(
            FirmLand(
                enterprise_id=row.enterprise_id, year=YEAR, owned_mu=row.land_area_mu, emissions_t=emissions
            )
        )
    FirmLand.objects.bulk_create(rows)


def ratio(top, bottom) -> Decimal:
    return (top / bottom).quantize(Decimal("0.000001"), ROUND_HALF_UP) if bottom else Decimal(1)


def evaluation(facts) -> MuScheme:
    scheme = MuScheme.objects.create(
        name=f"{YEAR}年度亩均效益综合评价（示例）",
        year=YEAR,
        source="权重：台州黄岩区亩均效益评价（domain-rules §6.1）；基准值：本区参评企业2024年合计值之比（示例）；分档：某经开区前25%/70%/95%（示例）",
    )
    land = sum((f.land_area_mu for f in facts), Decimal(0))
    total = {
        k: sum((getattr(f, k) or Decimal(0) for f in facts), Decimal(0))
        for k in (
            "tax_paid",
            "value_added",
            "energy_tce",
            "rd_expense",
            "main_business_revenue",
            "electricity_10k_kwh",
        )
    }
    staff = sum(f.staff_average or 0 for f in facts)
    emissions = sum(
        (r.emissions_t for r in FirmLand.objects.filter(year=YEAR).exclude(emissions_t=None)), Decimal(0)
    )
    benchmarks = {
        "tax_per_mu": ratio(total["tax_paid"], land),
        "value_added_per_mu": ratio(total["value_added"], land),
        "value_added_per_energy": ratio(total["value_added"], total["energy_tce"]),
        "value_added_per_emission": ratio(total["value_added"], emissions),
        "labour_productivity": ratio(total["value_added"], Decimal(staff)),
        "rd_ratio": ratio(total["rd_expense"], total["main_business_revenue"]),
        "tax_per_electricity": ratio(total["tax_paid"], total["electricity_10k_kwh"]),
    }
    for code, weight in WEIGHTS:
        MuIndicator.objects.create(
            scheme=scheme, code=code, weight=Decimal(weight), benchmark=benchmarks[code]
        )
    for code in ("tax_per_mu", "tax_per_electricity"):
        MuIndicator.objects.create(
            scheme=scheme, group="below", code=code, weight=Decimal(50), benchmark=benchmarks[code]
        )
    utility = next(
        (f.enterprise for f in facts if "水务" in f.enterprise.name or "燃气" in f.enterprise.name),
        facts[-1].enterprise,
    )
    MuExemption.objects.create(
        scheme=scheme, enterprise=utility, kind="utility", reason="公用事业企业，只评分不分档（示例）"
    )
    for grade, lever, measure in MEASURES:
        GradeMeasure.objects.create(scheme=scheme, grade=grade, lever=lever, measure=measure)
    scheme.state = MuScheme.State.PUBLISHED
    scheme.save()
    return scheme


def load_goal(department, leader) -> None:
    from gaoxin.goals.models import Goal

    Goal.objects.create(
        year=2025,
        code="land_reserve",
        title="储备工业用地",
        metric="land_reserve_mu",
        target=Decimal(1000),
        unit="亩",
        department=department,
        leader=leader,
        source="随州高新区2025年工作报道：加速储备1000亩工业用地，做到“地等项目”",
        sort_order=400,
    )


def reset() -> None:
    Allocation.objects.all().delete()
    LandRequest.objects.all().delete()
    MuScheme.objects.all().delete()
    FirmLand.objects.all().delete()
    Parcel.objects.all().delete()
