"""The generic contract (tests/contract.py) for the portal's requests."""

from django.urls import reverse

from gaoxin.portal.models import FirmRequest
from tests.contract import ApiRead, DetailPage, ListPage, SharedFilterSet

from .helpers import D, category


class TestFirmRequestContract(ListPage, DetailPage, ApiRead, SharedFilterSet):
    model = FirmRequest
    owned_by_firm = True
    list_url = "portal:request_list"
    api_name = "request"

    def make(self, world, enterprise):
        cat = category(world)
        return FirmRequest.objects.create(
            enterprise=enterprise,
            category=cat,
            title=f"{enterprise.name}的用工诉求",
            text="需要招聘操作工",
            raised_on=D(2025, 11, 3),
            department=cat.department,
            routed_on=D(2025, 11, 3),
            accept_due=D(2025, 11, 4),
        )

    def list_marker(self, obj):
        return obj.title

    def detail_url(self, obj):
        return reverse("portal:request_detail", args=[obj.pk])
