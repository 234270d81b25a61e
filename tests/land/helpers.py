import datetime
from decimal import Decimal

from gaoxin.land.geometry import rectangle
from gaoxin.land.models import MU_M2, FirmLand, LandUseClass, MuIndicator, MuScheme, Parcel

LON, LAT = 113.38, 31.69


def side_for(mu) -> float:
    """The side in metres of a square of ``mu`` 亩."""
    return float(Decimal(mu) * MU_M2) ** 0.5


def square(mu, east=0.0, north=0.0):
    """A square of ``mu`` 亩 offset ``east``/``north`` metres from the test origin."""
    import math

    from gaoxin.land.geometry import R

    side = side_for(mu)
    lat = LAT + math.degrees(north / R)
    lon = LON + math.degrees(east / (R * math.cos(math.radians(LAT))))
    return rectangle(lon, lat, side, side)


def industrial():
    return LandUseClass.objects.get(code="0601")


def make_parcel(world, code="GX-01", mu="30", enterprise=None, boundary=None, **fields):
    parcel = Parcel(
        code=code,
        park=fields.pop("park", world.park),
        area_mu=Decimal(mu),
        land_use=fields.pop("land_use", None) or industrial(),
        enterprise=enterprise,
        boundary=boundary,
        **fields,
    )
    parcel.full_clean()
    parcel.save()
    return parcel


TAIZHOU_2022 = [
    # (indicator, weight, benchmark): the 黄岩 2022 evaluation, domain-rules §6.1
    ("tax_per_mu", "30", "24.097"),
    ("value_added_per_mu", "20", "136.16"),
    ("value_added_per_energy", "20", "2.694"),
    ("value_added_per_emission", "10", "4929.81"),
    ("labour_productivity", "10", "18.14"),
    ("rd_ratio", "10", "0.0302"),
]


def taizhou_scheme(year=2022, **fields) -> MuScheme:
    scheme = MuScheme.objects.create(name=f"{year}年度亩均效益评价", year=year, **fields)
    for code, weight, benchmark in TAIZHOU_2022:
        MuIndicator.objects.create(
            scheme=scheme, code=code, weight=Decimal(weight), benchmark=Decimal(benchmark)
        )
    MuIndicator.objects.create(
        scheme=scheme, group="below", code="tax_per_mu", weight=Decimal(50), benchmark=Decimal("24.097")
    )
    MuIndicator.objects.create(
        scheme=scheme, group="below", code="tax_per_electricity", weight=Decimal(50), benchmark=Decimal("0.5")
    )
    return scheme


def land(firm, year, owned, leased="0", let_out="0", emissions=None):
    return FirmLand.objects.create(
        enterprise=firm,
        year=year,
        owned_mu=Decimal(owned),
        leased_in_mu=Decimal(leased),
        let_out_mu=Decimal(let_out),
        emissions_t=None if emissions is None else Decimal(emissions),
    )


def above_scale(firm, year):
    from tests.factories import qualification

    qualification(firm, "above_scale_industry", datetime.date(year, 1, 1))


def make_request(world, name="新能源电池项目", mu="30", high=None, **fields):
    from gaoxin.land.models import LandRequest

    values = {
        "name": name,
        "area_min_mu": Decimal(mu),
        "area_max_mu": None if high is None else Decimal(high),
        "requested_on": datetime.date(2025, 3, 1),
        **fields,
    }
    request = LandRequest(**values)
    request.full_clean()
    request.save()
    return request


def make_reservation(world, parcel=None, request=None, user=None):
    from gaoxin.land.allocation import allocation_reserve

    n = Parcel.objects.count()
    parcel = parcel or make_parcel(world, f"GX-R{n}", "30", status="available", investment_min=Decimal(300))
    request = request or make_request(world, f"项目{n}")
    return allocation_reserve(
        request=request, parcel=parcel, user=user or world.clerk, date=datetime.date(2025, 4, 1)
    )
