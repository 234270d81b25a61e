"""The speed targets of the land module (issue 16; ``benchmarks/run.py --only land``).

Data, written in bulk (not measured): 10,000 firms with 2024 annual facts, land and emissions
and a 规上 title for two thirds; 5,000 parcels of 10–60 亩 drawn on a grid with their boundaries.

1. The 2024 亩均 evaluation of the 10,000 firms (``land.evaluation.evaluate``: scope, land,
   six indicators, exemptions, ranks and grades): median of 5 runs; goal < 1 s and ≥ 20× the
   peer, a per-firm ORM loop (each firm's facts, land and title read by their own queries, then
   the same scoring and grading).
2. The park map's GeoJSON (``/api/parcels/geojson/``) of 5,000 parcels: median of 5 requests;
   goal < 300 ms. Peer: the same parcels through the plain list serializer (``/api/parcels/``
   with ``page_size=5000``).
3. The overlap check of a new parcel against the 5,000 (``geometry.overlaps``: a bounding-box
   query, then shapely on the neighbours): median of 20; goal < 50 ms. Peer: every live parcel
   parsed and intersected (no spatial index).

Timings on a shared 2-core machine are noisy: compare ratios within one run.
"""

import datetime
import random
import statistics
import time
from decimal import Decimal

from benchmarks.common import timed, zone_configuration

YEAR = 2024


def populate_firms(firms: int, seed: int = 16) -> list[int]:
    from gaoxin.core import uscc
    from gaoxin.enterprises.models import AnnualFacts, Enterprise, Qualification, QualificationType
    from gaoxin.land.models import FirmLand

    rng = random.Random(seed)
    codes: set[str] = set()
    taken = set(Enterprise.objects.values_list("uscc", flat=True))
    while len(codes) < firms:
        code = uscc.generate(rng, "421303")
        if code not in taken:
            codes.add(code)
    Enterprise.objects.bulk_create(
        [
            Enterprise(
                name=f"随州亩均基准企业{n:05d}有限公司",
                uscc=code,
                established_on=datetime.date(rng.randint(2000, 2023), 1, 1),
            )
            for n, code in enumerate(sorted(codes))
        ],
        batch_size=2000,
    )
    ids = list(Enterprise.objects.filter(name__startswith="随州亩均基准企业").values_list("pk", flat=True))
    facts, land = [], []
    for pk in ids:
        revenue = Decimal(rng.randint(500, 50000))
        va = revenue * Decimal(rng.randint(15, 35)) / 100
        facts.append(
            AnnualFacts(
                enterprise_id=pk, year=YEAR, operating_revenue=revenue, main_business_revenue=revenue * Decimal("0.95"),
                tax_paid=revenue * Decimal(rng.randint(1, 6)) / 100, value_added=va, energy_tce=va / Decimal(rng.randint(1, 5)),
                staff_average=rng.randint(10, 900), rd_expense=revenue * Decimal(rng.randint(0, 60)) / 1000,
                electricity_10k_kwh=Decimal(rng.randint(10, 5000)),
            )
        )  # fmt: skip
        emissions = va / Decimal(rng.randint(2000, 8000)) if rng.random() < 0.85 else None
        land.append(
            FirmLand(
                enterprise_id=pk, year=YEAR, owned_mu=Decimal(rng.randint(3, 300)), emissions_t=emissions
            )
        )
    AnnualFacts.objects.bulk_create(facts, batch_size=2000)
    FirmLand.objects.bulk_create(land, batch_size=2000)
    kind = QualificationType.objects.get(code="above_scale_industry")
    Qualification.objects.bulk_create(
        [
            Qualification(enterprise_id=pk, type=kind, granted_on=datetime.date(YEAR, 1, 1))
            for pk in ids
            if pk % 3
        ],
        batch_size=2000,
    )
    return ids


def bench_scheme():
    from gaoxin.land.models import MuIndicator, MuScheme

    MuScheme.objects.filter(year=YEAR).delete()
    scheme = MuScheme.objects.create(name="基准亩均评价", year=YEAR)
    for code, weight, benchmark in (
        ("tax_per_mu", 30, "24.097"), ("value_added_per_mu", 20, "136.16"), ("value_added_per_energy", 20, "2.694"),
        ("value_added_per_emission", 10, "4929.81"), ("labour_productivity", 10, "18.14"), ("rd_ratio", 10, "0.0302"),
    ):  # fmt: skip
        MuIndicator.objects.create(
            scheme=scheme, code=code, weight=Decimal(weight), benchmark=Decimal(benchmark)
        )
    MuIndicator.objects.create(
        scheme=scheme, group="below", code="tax_per_mu", weight=50, benchmark=Decimal("24.097")
    )
    MuIndicator.objects.create(
        scheme=scheme, group="below", code="tax_per_electricity", weight=50, benchmark=Decimal("0.5")
    )
    return MuScheme.objects.prefetch_related("indicators", "exemptions").get(pk=scheme.pk)


def naive_evaluation(scheme, ids):
    """The same sheets, each firm's data read by its own queries (the plain ORM loop)."""
    from gaoxin.enterprises.models import AnnualFacts, Enterprise, Qualification
    from gaoxin.land import evaluation
    from gaoxin.land.models import FirmLand, MuIndicator

    day = datetime.date(YEAR, 12, 31)
    sheets = []
    for firm in Enterprise.objects.filter(pk__in=ids).order_by("pk"):
        above = (
            Qualification.objects.valid_on(day)
            .filter(enterprise=firm, type__code="above_scale_industry")
            .exists()
        )
        facts = AnnualFacts.objects.filter(enterprise=firm, year=YEAR).values(*evaluation.FACTS).first() or {}
        land = FirmLand.objects.filter(enterprise=firm, year=YEAR).first()
        sheet = evaluation.Sheet(
            firm.pk, firm.name, "", MuIndicator.Group.ABOVE if above else MuIndicator.Group.BELOW
        )
        if land is not None:
            sheet.land_mu, facts = land.net_mu, {**facts, "emissions_t": land.emissions_t}
        if sheet.group == MuIndicator.Group.BELOW and (
            sheet.land_mu is None or sheet.land_mu < scheme.below_scale_min_mu
        ):
            continue
        sheet.values = facts
        if firm.established_on and firm.established_on.year > YEAR - scheme.exempt_new_years:
            sheet.exempt = "new"
        sheets.append(sheet)
    indicators = list(scheme.indicators.all())
    for group, _label in MuIndicator.Group.choices:
        members = [s for s in sheets if s.group == group]
        evaluation.score(members, [i for i in indicators if i.group == group], YEAR)
        evaluation.grade([s for s in members if s.total is not None and not s.exempt], scheme)
    return sheets


def populate_parcels(count: int) -> None:
    from gaoxin.land.geometry import parse, rectangle
    from gaoxin.land.models import LandUseClass, Parcel
    from gaoxin.zone.models import Park

    Parcel.objects.all().delete()
    rng = random.Random(5)
    park = Park.objects.first()
    use = LandUseClass.objects.get(code="0601")
    parcels = []
    for n in range(count):
        area = Decimal(rng.randint(10, 60))
        side = float(area * Decimal(10000) / 15) ** 0.5
        row, col = divmod(n, 100)
        shape = rectangle(113.2 + col * 0.0060, 31.5 + row * 0.0055, side, side)
        geom = parse(shape)
        b = geom.bounds
        parcels.append(
            Parcel(code=f"BM-{n:05d}", park=park, area_mu=area, land_use=use, boundary=shape, drawn_area_m2=float(area * Decimal(10000) / 15),
                   min_x=b[0], min_y=b[1], max_x=b[2], max_y=b[3])
        )  # fmt: skip
    Parcel.objects.bulk_create(parcels, batch_size=1000)


def brute_overlaps(geom):
    from shapely.geometry import shape

    from gaoxin.land.geometry import overlap_tolerance_m2, projected
    from gaoxin.land.models import Parcel

    lon0 = geom.centroid.x
    mine = projected(geom, lon0)
    found = []
    for code, boundary in Parcel.objects.live().values_list("code", "boundary"):
        shared = mine.intersection(projected(shape(boundary), lon0)).area
        if shared > overlap_tolerance_m2():
            found.append(code)
    return found


def bench_land(firms: int = 10_000, parcels: int = 5_000) -> list[dict]:
    from django.contrib.auth.models import User
    from django.test import Client

    from gaoxin.land import evaluation, geometry

    zone_configuration()
    ids = populate_firms(firms)
    scheme = bench_scheme()
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        result = evaluation.evaluate(scheme, enterprise_ids=ids)
        runs.append(time.perf_counter() - started)
    ours = statistics.median(runs)
    peer, naive = timed(naive_evaluation, scheme, ids)
    assert sorted((s.enterprise_id, s.total, s.grade) for s in result.sheets) == sorted(
        (s.enterprise_id, s.total, s.grade) for s in naive
    )
    out = [
        {
            "name": "亩均 evaluation of every firm (vs per-firm ORM loop)",
            "size": f"{len(ids)} firms, {len(result.sheets)} in scope",
            "ours": round(ours, 3),
            "peer": round(peer, 2),
            "ratio": round(peer / ours, 1),
            "unit": "s",
            "goal": "ours < 1 and ≥ 20×",
            "met": ours < 1 and peer / ours >= 20,
        }
    ]
    populate_parcels(parcels)
    client = Client()
    client.force_login(User.objects.get(username="leader"))
    geo, plain = [], []
    for _ in range(5):
        geo.append(timed(client.get, "/api/parcels/geojson/", HTTP_HOST="127.0.0.1")[0])
        plain.append(timed(client.get, f"/api/parcels/?page_size={parcels}", HTTP_HOST="127.0.0.1")[0])
    response = client.get("/api/parcels/geojson/", HTTP_HOST="127.0.0.1")
    assert response.status_code == 200 and len(response.json()["features"]) == parcels
    ours_geo, peer_geo = statistics.median(geo) * 1000, statistics.median(plain) * 1000
    out.append(
        {
            "name": "park map GeoJSON /api/parcels/geojson/ (vs the plain list serializer)",
            "size": f"{parcels} parcels",
            "ours": round(ours_geo, 1),
            "peer": round(peer_geo, 1),
            "ratio": round(peer_geo / ours_geo, 1),
            "unit": "ms",
            "goal": "ours < 300",
            "met": ours_geo < 300,
        }
    )
    new = geometry.parse(geometry.rectangle(113.2 + 50 * 0.0060 + 0.001, 31.5 + 25 * 0.0055, 150, 150))
    checks, brute = [], []
    for _ in range(20):
        checks.append(timed(geometry.overlaps, new)[0])
    for _ in range(3):
        brute.append(timed(brute_overlaps, new)[0])
    assert sorted(o.code for o in geometry.overlaps(new)) == sorted(brute_overlaps(new))
    ours_ov, peer_ov = statistics.median(checks) * 1000, statistics.median(brute) * 1000
    out.append(
        {
            "name": "overlap check of a new parcel (bounding-box query vs every parcel)",
            "size": f"{parcels} parcels",
            "ours": round(ours_ov, 2),
            "peer": round(peer_ov, 1),
            "ratio": round(peer_ov / ours_ov, 1),
            "unit": "ms",
            "goal": "ours < 50",
            "met": ours_ov < 50,
        }
    )
    return out
