"""The generic contract (tests/contract.py) for the parks: an administrator keeps them; every
role reads them on their pages and through the API."""

from django.urls import reverse

from gaoxin.zone.models import Park
from tests.contract import ApiRead, CreatePage, DetailPage, EditPage, ListPage, SharedFilterSet


class TestParkContract(ListPage, DetailPage, CreatePage, EditPage, ApiRead, SharedFilterSet):
    model = Park
    writer = "admin"
    non_writer = "clerk"
    list_url = "zone:park_list"
    api_name = "park"

    def make(self, world, enterprise):
        return enterprise.park or world.park

    def list_marker(self, obj):
        return obj.name

    def detail_url(self, obj):
        return reverse("zone:park_detail", args=[obj.pk])

    def create_url(self, world):
        return reverse("zone:park_add")

    def create_data(self, world):
        return {
            "zone": world.zone.pk,
            "name": "城南园区",
            "code": "south",
            "kind": Park.Kind.EXTENSION,
            "sort_order": 3,
        }

    def edit_url(self, obj):
        return reverse("zone:park_edit", args=[obj.pk])

    def edit_data(self, obj):
        return {
            "zone": obj.zone_id,
            "name": obj.name + "（扩区）",
            "code": obj.code,
            "kind": obj.kind,
            "sort_order": obj.sort_order,
        }
