"""The generic contract (tests/contract.py) for parcels and the land firms use."""

import pytest
from django.urls import reverse

from gaoxin.land.models import (
    Allocation,
    FirmLand,
    GradeMeasure,
    LandRequest,
    MuExemption,
    MuIndicator,
    MuScheme,
    Parcel,
)
from tests.contract import (
    ApiRead,
    ApiWrite,
    CreatePage,
    CrudContract,
    DetailPage,
    EditPage,
    ImportRoundTrip,
    ListPage,
    SharedFilterSet,
)

from .helpers import industrial, land, make_parcel, make_request, make_reservation, square


class TestParcelContract(CrudContract, DetailPage, ApiWrite, SharedFilterSet, ImportRoundTrip):
    model = Parcel
    list_url = "land:parcel_list"
    api_name = "parcel"
    import_kind = "parcels"
    owned_by_firm = True

    def make(self, world, enterprise):
        n = Parcel.objects.count()
        return make_parcel(
            world,
            f"GX-{enterprise.pk}-{n}",
            "30",
            enterprise=enterprise,
            boundary=square("30", north=n * 400),
        )

    def list_marker(self, obj):
        return obj.code

    def detail_url(self, obj):
        return reverse("land:parcel_detail", args=[obj.pk])

    def create_url(self, world):
        return reverse("land:parcel_add")

    def create_data(self, world):
        import json

        return {
            "code": "GX-NEW",
            "park": world.park.pk,
            "area_mu": "30",
            "land_use": industrial().pk,
            "status": "reserve",
            "boundary": json.dumps(square("30", east=5000)),
        }

    def edit_url(self, obj):
        return reverse("land:parcel_edit", args=[obj.pk])

    def edit_data(self, obj):
        import json

        return {
            "code": obj.code,
            "park": obj.park_id,
            "area_mu": "30",
            "land_use": obj.land_use_id,
            "status": obj.status,
            "name": "东区一号地块",
            "enterprise": obj.enterprise_id or "",
            "boundary": json.dumps(obj.boundary),
        }

    def api_create_data(self, world):
        return {
            "code": "GX-API",
            "park": world.park.pk,
            "area_mu": "30",
            "land_use": industrial().pk,
            "boundary": square("30", east=9000),
        }

    def api_edit_data(self, obj):
        return {"note": "规划条件已核对"}


class TestFirmLandContract(ApiRead, SharedFilterSet):
    model = FirmLand
    list_url = "land:firmland_list"
    api_name = "firmland"
    owned_by_firm = True

    def make(self, world, enterprise):
        return land(enterprise, 2024, "12", leased="3", let_out="1")


class TestMuSchemeContract(DetailPage, ApiRead):
    model = MuScheme
    reader = "leader"
    api_name = "mu-evaluation"

    def make(self, world, enterprise):
        from tests.contract import mu_scheme

        return mu_scheme(world)

    def detail_url(self, obj):
        return reverse("land:scheme_detail", args=[obj.pk])


class SchemeChild(CreatePage, EditPage):
    """A scheme's indicator, exemption or measure: added and edited from the scheme's page."""

    @pytest.fixture(autouse=True)
    def scheme(self, world):
        from tests.contract import mu_scheme

        return mu_scheme(world)  # before the tests count the rows

    def create_url(self, world):
        from tests.contract import mu_scheme

        return reverse(f"land:{self.url_name}_add", args=[mu_scheme(world).pk])

    def edit_url(self, obj):
        return reverse(f"land:{self.url_name}_edit", args=[obj.pk])


class TestMuIndicatorContract(SchemeChild):
    model = MuIndicator
    url_name = "indicator"

    def make(self, world, enterprise):
        from tests.contract import mu_scheme

        return mu_scheme(world).indicators.get(group="above", code="rd_ratio")

    def create_data(self, world):
        return {"group": "below", "code": "revenue_per_mu", "weight": "10", "benchmark": "300"}

    def edit_data(self, obj):
        return {"group": obj.group, "code": obj.code, "weight": "12", "benchmark": "0.03"}


class TestMuExemptionContract(SchemeChild):
    model = MuExemption
    url_name = "exemption"

    def make(self, world, enterprise):
        from tests.contract import mu_scheme

        return MuExemption.objects.get_or_create(
            scheme=mu_scheme(world), enterprise=enterprise, defaults={"kind": "utility", "reason": "供水企业"}
        )[0]

    def create_data(self, world):
        return {"enterprise": world.firm_b.pk, "kind": "defence", "reason": "军工配套"}

    def edit_data(self, obj):
        return {"enterprise": obj.enterprise_id, "kind": obj.kind, "reason": "供水企业（公用事业）"}


class TestGradeMeasureContract(SchemeChild):
    model = GradeMeasure
    url_name = "measure"

    def make(self, world, enterprise):
        from tests.contract import mu_scheme

        return GradeMeasure.objects.create(
            scheme=mu_scheme(world), grade="D", lever="electricity", measure="差别化电价"
        )

    def create_data(self, world):
        return {"grade": "A", "lever": "land", "measure": "优先保障新增用地"}

    def edit_data(self, obj):
        return {"grade": obj.grade, "lever": obj.lever, "measure": "差别化电价每千瓦时加价0.1元"}


class TestLandRequestContract(ListPage, DetailPage, CreatePage, EditPage, ApiWrite, SharedFilterSet):
    """Land requests are the committee's work: staff only (a firm finds none, not even its own)."""

    model = LandRequest
    hidden_from_outsiders = True
    list_url = "land:landrequest_list"
    api_name = "landrequest"

    def make(self, world, enterprise):
        return make_request(world, f"{enterprise.name}扩产项目", "30", "40", enterprise=enterprise)

    def list_marker(self, obj):
        return obj.name

    def detail_url(self, obj):
        return reverse("land:landrequest_detail", args=[obj.pk])

    def create_url(self, world):
        return reverse("land:landrequest_add")

    def create_data(self, world):
        return {"name": "电解液项目", "area_min_mu": "50", "tolerance_pct": "0", "requested_on": "2025-05-06"}

    def edit_url(self, obj):
        return reverse("land:landrequest_edit", args=[obj.pk])

    def edit_data(self, obj):
        return {
            "name": obj.name,
            "area_min_mu": "32",
            "area_max_mu": "40",
            "tolerance_pct": "5",
            "requested_on": obj.requested_on.isoformat(),
            "enterprise": obj.enterprise_id or "",
        }

    def api_create_data(self, world):
        return {"name": "隔膜项目", "area_min_mu": "20", "area_max_mu": "25", "requested_on": "2025-05-06"}

    def api_edit_data(self, obj):
        return {"note": "已与国土部门对接"}


class TestAllocationContract(ListPage, DetailPage, ApiRead, SharedFilterSet):
    """Allocations are made by the reserve / 出让 / release actions (tests/land/test_allocation.py),
    never by a generic form; staff only."""

    model = Allocation
    hidden_from_outsiders = True
    list_url = "land:allocation_list"
    api_name = "allocation"

    def make(self, world, enterprise):
        n = Parcel.objects.count()
        parcel = make_parcel(world, f"GX-A{enterprise.pk}-{n}", "30", status="available")
        request = make_request(world, f"{enterprise.name}用地{n}", "30", enterprise=enterprise)
        return make_reservation(world, parcel, request)

    def list_marker(self, obj):
        return obj.parcel.code

    def detail_url(self, obj):
        return reverse("land:allocation_detail", args=[obj.pk])
