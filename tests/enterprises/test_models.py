"""Rules of the registry with exact values, band edges included."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from gaoxin.enterprises import services
from gaoxin.enterprises.models import Enterprise, Qualification, QualificationType
from tests.factories import facts, make_enterprise, qualification

D = datetime.date


@pytest.mark.parametrize(
    ("granted", "expected"),
    [
        (D(2021, 12, 15), D(2024, 12, 14)),  # 高企: 3 years, the day before the anniversary
        (D(2024, 2, 29), D(2027, 2, 28)),  # leap day: no 29 Feb in 2027, valid to its last February day
        (D(2024, 1, 1), D(2026, 12, 31)),
    ],
)
def test_high_tech_expiry_is_three_years_minus_a_day(db, granted, expected):
    assert QualificationType.objects.get(code="high_tech").expiry_for(granted) == expected


@pytest.mark.parametrize(
    ("granted", "years", "expected"),
    [
        (D(2024, 2, 29), 1, D(2025, 2, 28)),
        (D(2024, 2, 29), 4, D(2028, 2, 28)),  # the anniversary exists again: the day before it
        (D(2024, 2, 28), 1, D(2025, 2, 27)),
        (D(2024, 3, 1), 1, D(2025, 2, 28)),
        (D(2023, 3, 1), 1, D(2024, 2, 29)),
    ],
)
def test_expiry_from_the_leap_day_and_around_it(db, granted, years, expected):
    assert QualificationType(code="x", name="x", validity_years=years).expiry_for(granted) == expected


@pytest.mark.parametrize(
    ("day", "valid"),
    [
        (D(2021, 12, 14), False),  # before the grant
        (D(2021, 12, 15), True),  # the grant day
        (D(2024, 12, 14), True),  # the last valid day
        (D(2024, 12, 15), False),  # the day after expiry
    ],
)
def test_valid_on_band_edges(world, day, valid):
    item = qualification(world.firm_a, "high_tech", D(2021, 12, 15))
    assert item.expires_on == D(2024, 12, 14)
    assert item.is_valid_on(day) is valid
    assert Qualification.objects.valid_on(day).filter(pk=item.pk).exists() is valid


def test_revoked_qualification_is_invalid_from_the_revocation_day(world):
    item = qualification(world.firm_a, "high_tech", D(2022, 12, 1), revoked_on=D(2023, 6, 1))
    assert item.is_valid_on(D(2023, 5, 31)) is True
    assert item.is_valid_on(D(2023, 6, 1)) is False


def test_how_many_valid_high_tech_on_a_date_is_one_query(world):
    a, b = world.firm_a, world.firm_b
    c = make_enterprise("丙企业", 3)
    qualification(a, "high_tech", D(2022, 12, 1))  # valid through 2025-11-30
    qualification(a, "high_tech", D(2019, 12, 1))  # an older certificate: counts once
    qualification(b, "high_tech", D(2021, 12, 31))  # expires 2024-12-30: not valid on 12-31
    qualification(c, "high_tech", D(2024, 12, 31))  # granted that very day
    qualification(c, "tech_sme", D(2024, 3, 1))
    with CaptureQueriesContext(connection) as queries:
        count = services.count_valid("high_tech", D(2024, 12, 31))
    assert count == 2
    assert len(queries) == 1


def test_qualification_counts_for_every_type_in_one_query(world):
    qualification(world.firm_a, "high_tech", D(2023, 1, 1))
    qualification(world.firm_b, "gazelle", D(2023, 1, 1))
    with CaptureQueriesContext(connection) as queries:
        counts = {row["type"].code: row["count"] for row in services.qualification_counts(D(2024, 12, 31))}
    assert counts["high_tech"] == 1
    assert counts["gazelle"] == 1
    assert counts["tech_sme"] == 0
    assert len(queries) == 2  # the types and one grouped count


def test_expiry_before_grant_is_refused_by_form_rules_and_database(world):
    kind = QualificationType.objects.get(code="gazelle")
    item = Qualification(
        enterprise=world.firm_a, type=kind, granted_on=D(2024, 1, 1), expires_on=D(2023, 1, 1)
    )
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert error.value.message_dict["expires_on"] == ["有效期截止日不能早于认定日期。"]
    with pytest.raises(IntegrityError):
        Qualification.objects.bulk_create([item])


def test_region_is_decoded_from_the_credit_code(world):
    assert world.firm_a.region.full_name == "湖北省随州市曾都区"
    old = Enterprise.objects.create(name="旧码企业", uscc=_code_with_region("421302"))
    assert old.region.full_name == "湖北省随州市曾都区（2009年撤销）"


def _code_with_region(region: str) -> str:
    import random

    from gaoxin.core import uscc

    return uscc.generate(random.Random(5), region)


def test_unknown_region_code_leaves_region_empty(world):
    firm = Enterprise.objects.create(name="未知地区企业", uscc=_code_with_region("999999"))
    assert firm.region_id is None


def test_future_establishment_date_is_refused(world):
    firm = world.firm_a
    firm.established_on = D(2999, 1, 1)
    with pytest.raises(ValidationError) as error:
        firm.full_clean()
    assert error.value.message_dict["established_on"] == ["日期2999-01-01晚于今天。"]


def test_negative_capital_is_refused_by_the_database(world):
    with pytest.raises(IntegrityError):
        Enterprise.objects.filter(pk=world.firm_a.pk).update(registered_capital=-1)


def test_above_scale_output_sums_only_above_scale_firms_of_the_year(world):
    qualification(world.firm_a, "above_scale_industry", D(2024, 1, 1), expires=D(2024, 12, 31))
    facts(world.firm_a, 2024, industrial_output=30000, high_tech_output=20000)
    facts(world.firm_b, 2024, industrial_output=1500)  # not 规上
    result = services.above_scale_output(2024)
    assert (result["output"], result["high_tech"], result["firms"]) == (30000, 20000, 1)
