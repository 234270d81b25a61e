"""A rank indicator's value is a change in places, read as words (never a percentage)."""

from decimal import Decimal

import pytest
from django.utils import translation

from gaoxin.indicators.services import rank_change_text


@pytest.mark.parametrize(
    ("places", "text"),
    [(Decimal(8), "上升8位"), (Decimal(1), "上升1位"), (Decimal(0), "位次不变"), (Decimal(-3), "下降3位")],
)
def test_rank_change_in_words(places, text):
    with translation.override("zh-hans"):
        assert rank_change_text(places) == text
