"""The generic contract (tests/contract.py) for cultivation's registers: platforms (host firm
scoped), batches (zone data) and recognitions (scoped by their firm)."""

import datetime

from django.urls import reverse

from gaoxin.cultivation import services
from gaoxin.cultivation.models import Batch, Platform, Recognition
from tests.contract import ApiRead, DetailPage, ListPage


def platform(world, enterprise):
    return Platform.objects.create(
        name=f"{enterprise.name}省企业技术中心",
        kind="tech_centre",
        level="provincial",
        host=enterprise,
        recognised_on=datetime.date(2020, 1, 1),
    )


def batch(world):
    return Batch.objects.get_or_create(tier="high_tech", year=2025, name="2025年第一批高企认定")[0]


class TestPlatformContract(ListPage, ApiRead):
    model = Platform
    list_url = "cultivation:platform_list"
    api_name = "platform"
    owned_by_firm = True

    def make(self, world, enterprise):
        return platform(world, enterprise)

    def list_marker(self, obj):
        return obj.name


class TestBatchContract(ListPage, DetailPage):
    model = Batch
    list_url = "cultivation:batch_list"

    def make(self, world, enterprise):
        return batch(world)

    def list_marker(self, obj):
        return obj.name

    def detail_url(self, obj):
        return reverse("cultivation:batch_detail", args=[obj.pk])


class TestRecognitionContract(ApiRead):
    model = Recognition
    api_name = "recognition"
    owned_by_firm = True

    def make(self, world, enterprise):
        return services.recognition_add(
            batch=batch(world), enterprise=enterprise, user=world.clerk, date=datetime.date(2025, 3, 1)
        )
