"""The generic contract (tests/contract.py) for the parks and the working-day calendar's
exceptions: an administrator keeps them; the zone's staff read them on their pages and
through the API."""

import datetime

from django.urls import reverse

from gaoxin.zone.models import CalendarOverride, Park
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


class TestCalendarOverrideContract(ListPage, DetailPage, CreatePage, EditPage, ApiRead, SharedFilterSet):
    model = CalendarOverride
    writer = "admin"
    non_writer = "clerk"
    list_url = "zone:calendaroverride_list"
    api_name = "calendaroverride"

    def make(self, world, enterprise):
        return CalendarOverride.objects.get_or_create(
            date=datetime.date(2025, 10, 9), defaults={"is_workday": False, "reason": "本市地方性假日"}
        )[0]

    def list_marker(self, obj):
        return obj.reason

    def detail_url(self, obj):
        return reverse("zone:calendaroverride_detail", args=[obj.pk])

    def create_url(self, world):
        return reverse("zone:calendaroverride_add")

    def create_data(self, world):
        return {"date": "2025-10-08", "is_workday": "on", "reason": "管委会集中办公"}

    def edit_url(self, obj):
        return reverse("zone:calendaroverride_edit", args=[obj.pk])

    def edit_data(self, obj):
        return {"date": obj.date.isoformat(), "reason": obj.reason + "（半天）"}
