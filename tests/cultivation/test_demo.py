"""The demo's cultivation figures (article): 162 provincial-or-higher platforms, 55 新物种
firms, 60 new 高企 in 2024 through the 2024 batch, a 2025 高企 batch in the pipeline."""

import datetime

from gaoxin.cultivation.metrics import high_tech_doubled
from gaoxin.cultivation.models import Batch, NewSpeciesRecord, Platform, Recognition
from tests.demo.conftest import demo, loaded  # noqa: F401  (the demo zone, once per module)


def test_demo_cultivation_figures(loaded):  # noqa: F811
    assert Platform.objects.filter(level__in=["national", "provincial"]).count() == 162
    assert NewSpeciesRecord.objects.filter(year=2024).values("enterprise").distinct().count() == 55
    batch_2024 = Batch.objects.get(tier="high_tech", year=2024)
    recognised = batch_2024.recognitions.filter(stage="recognised")
    assert recognised.count() == 60
    assert recognised.filter(qualification__granted_on__year=2024).count() == 60
    pipeline = Recognition.objects.filter(batch__year=2025, batch__tier="high_tech").in_pipeline()
    assert pipeline.count() == 48
    value = high_tech_doubled({"base": 260}, 2025, datetime.date(2025, 9, 30))
    assert value.forecast.high - value.forecast.low == 48
