"""The generic contract (tests/contract.py) for cultivation's registers: platforms (host firm
scoped; list, page, add, edit), 科创新物种 records (scoped by their firm), batches (zone data)
and recognitions (scoped by their firm)."""

import datetime

from django.urls import reverse

from gaoxin.cultivation import services
from gaoxin.cultivation.models import (
    Batch,
    ExpertInput,
    NewSpeciesRecord,
    NewSpeciesTier,
    Platform,
    Recognition,
)
from tests.contract import ApiRead, CreatePage, DetailPage, EditPage, ListPage


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


class TestPlatformContract(ListPage, DetailPage, CreatePage, EditPage, ApiRead):
    model = Platform
    list_url = "cultivation:platform_list"
    api_name = "platform"
    owned_by_firm = True

    def make(self, world, enterprise):
        return platform(world, enterprise)

    def list_marker(self, obj):
        return obj.name

    def detail_url(self, obj):
        return reverse("cultivation:platform_detail", args=[obj.pk])

    def create_url(self, world):
        return reverse("cultivation:platform_add")

    def create_data(self, world):
        return {
            "name": "随州市专用汽车工程技术研究中心",
            "kind": "engineering",
            "level": "municipal",
            "host": world.firm_a.pk,
            "recognised_on": "2023-06-30",
        }

    def edit_url(self, obj):
        return reverse("cultivation:platform_edit", args=[obj.pk])

    def edit_data(self, obj):
        return {
            "name": obj.name,
            "kind": obj.kind,
            "level": obj.level,
            "host": obj.host_id,
            "recognised_on": "2021-01-01",
            "expires_on": "2025-12-31",
            "issuer": "湖北省科学技术厅",
        }


def species_tier():
    return NewSpeciesTier.objects.order_by("pk").first() or NewSpeciesTier.objects.create(
        name="瞪羚企业", code="gazelle"
    )


def new_species(world, enterprise, year=2024):
    return NewSpeciesRecord.objects.create(enterprise=enterprise, tier=species_tier(), year=year)


class TestNewSpeciesRecordContract(ListPage, CreatePage, EditPage):
    model = NewSpeciesRecord
    list_url = "cultivation:newspecies_list"
    owned_by_firm = True

    def make(self, world, enterprise):
        return new_species(world, enterprise, 2020 + NewSpeciesRecord.objects.count())

    def list_marker(self, obj):
        return obj.enterprise.name

    def create_url(self, world):
        return reverse("cultivation:newspecies_add")

    def create_data(self, world):
        return {
            "enterprise": world.firm_a.pk,
            "tier": species_tier().pk,
            "year": "2025",
            "recognised_on": "2025-05-20",
        }

    def edit_url(self, obj):
        return reverse("cultivation:newspecies_edit", args=[obj.pk])

    def edit_data(self, obj):
        return {"enterprise": obj.enterprise_id, "tier": obj.tier_id, "year": obj.year, "note": "入库培育"}


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


class TestExpertInputContract(ListPage, CreatePage, EditPage):
    model = ExpertInput
    list_url = "cultivation:expertinput_list"
    owned_by_firm = True

    def make(self, world, enterprise):
        return ExpertInput.objects.create(
            enterprise=enterprise,
            year=2020 + ExpertInput.objects.count(),
            tier="high_tech",
            key="conversion",
            score=22,
        )

    def list_marker(self, obj):
        return obj.enterprise.name

    def create_url(self, world):
        return reverse("cultivation:expertinput_add")

    def create_data(self, world):
        return {
            "enterprise": world.firm_a.pk,
            "year": "2024",
            "tier": "high_tech",
            "key": "rd_management",
            "score": "16",
        }

    def edit_url(self, obj):
        return reverse("cultivation:expertinput_edit", args=[obj.pk])

    def edit_data(self, obj):
        return {
            "enterprise": obj.enterprise_id,
            "year": obj.year,
            "tier": obj.tier,
            "key": obj.key,
            "score": "24.5",
        }


def test_an_expert_score_above_the_item_maximum_is_refused(client, world):
    client.force_login(world.clerk)
    data = {"enterprise": world.firm_a.pk, "year": "2024", "tier": "high_tech", "key": "rd_management"}
    refused = client.post(reverse("cultivation:expertinput_add"), {**data, "score": "20.1"})
    assert "分值须在0至20之间" in refused.content.decode()
    assert not ExpertInput.objects.exists()
    assert client.post(reverse("cultivation:expertinput_add"), {**data, "score": "20"}).status_code == 302
    wrong_tier = client.post(
        reverse("cultivation:expertinput_add"), {**data, "year": "2023", "key": "quality", "score": "1"}
    )
    assert "该梯度没有专家评分项质量管理" in wrong_tier.content.decode()  # the item by its name
    assert ExpertInput.objects.count() == 1
