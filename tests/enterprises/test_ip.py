"""The IP register and equity financings: what they count for the rules, exact values."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from gaoxin.enterprises.ip import IPSummary, equity_raised, ip_summary
from gaoxin.enterprises.models import AnnualFacts, EquityFinancing, IPAsset, ip_class_of
from tests.factories import make_enterprise

D = datetime.date


GRANTED = D(2022, 5, 1)


def item(firm, kind, number, granted=GRANTED, **fields):
    fields.setdefault("applied_on", D(2020, 1, 1))
    fields.setdefault("title", f"项目{number}")
    return IPAsset.objects.create(enterprise=firm, kind=kind, number=number, granted_on=granted, **fields)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("invention", 1),
        ("ic_layout", 1),
        ("plant_variety", 1),
        ("new_drug", 1),
        ("tcm_variety", 1),
        ("utility", 2),
        ("design", 2),
        ("software", 2),
        ("trademark", None),
        ("other", None),
    ],
)
def test_ip_class_follows_the_kind(kind, expected):
    assert ip_class_of(kind) == expected


def test_the_class_is_stored_on_save(db):
    firm = make_enterprise("甲", 1)
    asset = item(firm, "invention", "ZL1")
    assert IPAsset.objects.get(pk=asset.pk).ip_class == 1
    asset.kind = "trademark"
    asset.save()
    assert IPAsset.objects.get(pk=asset.pk).ip_class is None


def test_summary_counts_owned_valid_items_on_the_day(db):
    a = make_enterprise("甲", 1)
    b = make_enterprise("乙", 2)
    c = make_enterprise("丙", 3)  # nothing: zeros
    item(a, "invention", "I1", high_value=True, products="电池隔膜")  # own, high value, in a product
    item(a, "invention", "I2", acquisition="transfer", high_value=True)  # owned, not own R&D
    item(a, "invention", "I3", acquisition="licence")  # a licence is not ownership: nowhere
    item(a, "invention", "I4", granted=D(2024, 12, 31))  # granted on the day: counts
    item(a, "invention", "I5", granted=D(2025, 1, 1))  # granted the day after: not yet
    item(a, "invention", "I6", lapsed_on=D(2024, 12, 31), status="lapsed")  # lapsed on the day: gone
    item(a, "invention", "I7", lapsed_on=D(2025, 1, 1), status="lapsed")  # lapses later: still valid
    item(a, "invention", "I8", granted=None, status="applied")  # an application: not held
    item(a, "utility", "U1")
    item(a, "software", "S1", acquisition="gift")
    item(a, "trademark", "T1")  # counts in neither class
    item(b, "design", "D1")
    with CaptureQueriesContext(connection) as queries:
        summary = ip_summary([a.pk, b.pk, c.pk], D(2024, 12, 31))
    assert len(queries) == 1
    assert summary[a.pk] == IPSummary(
        class1=4, class2=2, class1_own=3, class1_high_value=2, class1_applied_own=1
    )
    assert summary[b.pk] == IPSummary(class2=1)
    assert summary[c.pk] == IPSummary()
    assert not summary[c.pk].any_class and summary[b.pk].any_class
    assert ip_summary([], D(2024, 12, 31)) == {}


def test_equity_raised_counts_qualified_investors_within_the_dates(db):
    a = make_enterprise("甲", 1)
    b = make_enterprise("乙", 2)

    def money(firm, amount, day, qualified=True):
        EquityFinancing.objects.create(
            enterprise=firm,
            amount=Decimal(amount),
            received_on=day,
            investor="某创投",
            qualified_investor=qualified,
        )

    money(a, "3000", D(2023, 1, 1))  # the first day: in
    money(a, "2500.5", D(2024, 12, 31))  # the last day: in
    money(a, "999", D(2022, 12, 31))  # the day before: out
    money(a, "700", D(2024, 6, 1), qualified=False)  # not a qualified investor: out
    money(b, "100", D(2025, 1, 1))  # after: out
    with CaptureQueriesContext(connection) as queries:
        raised = equity_raised([a.pk, b.pk], D(2023, 1, 1), D(2024, 12, 31))
    assert len(queries) == 1
    assert raised == {a.pk: Decimal("5500.5"), b.pk: Decimal("0")}


def test_granted_before_applied_is_refused_in_chinese_words(db):
    firm = make_enterprise("甲", 1)
    asset = IPAsset(
        enterprise=firm,
        kind="invention",
        number="ZL9",
        title="x",
        applied_on=D(2023, 5, 2),
        granted_on=D(2023, 5, 1),
    )
    with pytest.raises(ValidationError) as error:
        asset.full_clean()
    assert "granted_on" in error.value.message_dict
    with pytest.raises(IntegrityError):
        asset.save()


def test_the_same_number_twice_for_one_kind_is_refused(db):
    firm = make_enterprise("甲", 1)
    item(firm, "invention", "ZL1")
    item(firm, "utility", "ZL1")  # another kind: allowed
    item(make_enterprise("乙", 2), "invention", "ZL1")  # another firm: allowed
    with pytest.raises(IntegrityError):
        item(firm, "invention", "ZL1")


def test_market_share_over_100_and_level_5_are_refused(db):
    firm = make_enterprise("甲", 1)
    facts = AnnualFacts(
        enterprise=firm, year=2024, niche_market_share=Decimal("100.01"), digital_maturity_level=5
    )
    with pytest.raises(ValidationError) as error:
        facts.full_clean()
    assert set(error.value.message_dict) >= {"niche_market_share", "digital_maturity_level"}
    AnnualFacts(enterprise=firm, year=2024, niche_market_share=Decimal("100")).full_clean()


def test_new_facts_fields_are_unknown_by_default(db):
    firm = make_enterprise("甲", 1)
    facts = AnnualFacts.objects.create(enterprise=firm, year=2024)
    for name in (
        "total_revenue",
        "non_taxable_revenue",
        "cost_expense_total",
        "staff_average",
        "staff_183_days",
        "niche_market_share",
        "digital_maturity_level",
        "compliance_incidents",
    ):
        assert getattr(facts, name) is None, name
    assert firm.tech_field == "" and firm.tax_collection_mode == "" and firm.strategic_emerging is None
