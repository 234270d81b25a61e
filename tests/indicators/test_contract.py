"""The generic contract (tests/contract.py) for the economy: the catalogue and the monthly
calendar are read-only pages and API; observations are corrected by hand on their page (the
files are tests/indicators/test_imports.py); targets are set by the clerk."""

from decimal import Decimal

from django.urls import reverse

from gaoxin.indicators.models import DataSet, Indicator, Observation, Submission, Target
from tests.contract import ApiRead, ApiWrite, CreatePage, DetailPage, EditPage, ListPage, SharedFilterSet


def output_indicator() -> Indicator:
    indicator, _created = Indicator.objects.get_or_create(
        code="output",
        defaults={"name": "规模以上工业总产值", "unit": "万元", "kind": "level", "sums_enterprises": True},
    )
    return indicator


def monthly_data_set() -> DataSet:
    data_set, _created = DataSet.objects.get_or_create(
        code="monthly", defaults={"name": "规上工业企业月报", "scope": "zone", "due_day": 12}
    )
    return data_set


class TestIndicatorContract(ListPage, DetailPage, ApiRead, SharedFilterSet):
    model = Indicator
    list_url = "indicators:indicator_list"
    api_name = "indicator"

    def make(self, world, enterprise):
        return output_indicator()

    def list_marker(self, obj):
        return obj.name

    def detail_url(self, obj):
        return reverse("indicators:indicator_detail", args=[obj.pk])


class TestDataSetContract(ListPage, DetailPage):
    """Data sets have pages only (the API shows their submissions)."""

    model = DataSet
    list_url = "indicators:dataset_list"

    def make(self, world, enterprise):
        return monthly_data_set()

    def list_marker(self, obj):
        return obj.name

    def detail_url(self, obj):
        return reverse("indicators:dataset_detail", args=[obj.pk])


class TestSubmissionContract(ListPage, DetailPage, ApiRead, SharedFilterSet):
    """A firm's submission (月度填报) is its own; moves are the workflow's (test_workflow.py)."""

    model = Submission
    owned_by_firm = True
    list_url = "indicators:submission_list"
    api_name = "submission"

    def make(self, world, enterprise):
        return Submission.objects.create(
            data_set=monthly_data_set(), year=2025, month=9, enterprise=enterprise
        )

    def list_marker(self, obj):
        return obj.data_set.name

    def detail_url(self, obj):
        return reverse("indicators:submission_detail", args=[obj.pk])


class TestObservationContract(ListPage, DetailPage, EditPage, ApiRead, SharedFilterSet):
    model = Observation
    owned_by_firm = True
    list_url = "indicators:observation_list"
    api_name = "observation"

    def make(self, world, enterprise):
        return Observation.objects.create(
            indicator=output_indicator(),
            scope="enterprise",
            enterprise=enterprise,
            year=2025,
            month=9,
            value=Decimal("1200"),
            source="bureau",
        )

    def list_marker(self, obj):
        return obj.indicator.name

    def detail_url(self, obj):
        return reverse("indicators:observation_detail", args=[obj.pk])

    def edit_url(self, obj):
        return reverse("indicators:observation_edit", args=[obj.pk])

    def edit_data(self, obj):
        return {"value": "1300", "growth": "", "note": "核对更正"}


SPLIT = {"split": Target.Split.ELAPSED, "yellow_gap": "2"}


class TestTargetContract(ListPage, CreatePage, EditPage, ApiWrite, SharedFilterSet):
    model = Target
    list_url = "indicators:target_list"
    api_name = "target"

    def make(self, world, enterprise):
        return Target.objects.create(
            indicator=output_indicator(),
            year=2025,
            basis="growth",
            base_value=Decimal("15"),
            yellow_gap=Decimal("2"),
        )

    def list_marker(self, obj):
        return obj.indicator.name

    def create_url(self, world):
        return reverse("indicators:target_add")

    def create_data(self, world):
        return {
            "indicator": output_indicator().pk,
            "year": 2026,
            "scope": "zone",
            "basis": "growth",
            "base_value": "12",
            **SPLIT,
        }

    def edit_url(self, obj):
        return reverse("indicators:target_edit", args=[obj.pk])

    def edit_data(self, obj):
        return {
            "indicator": obj.indicator_id,
            "year": obj.year,
            "scope": "zone",
            "basis": "growth",
            "base_value": "16",
            **SPLIT,
        }

    def api_create_data(self, world):
        return {**self.create_data(world), "indicator": output_indicator().code}

    def api_edit_data(self, obj):
        return {"base_value": "17"}
