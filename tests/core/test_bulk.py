"""core.bulk: rows written without instances are the rows the instance path writes."""

from decimal import Decimal

import pytest

from gaoxin.core.bulk import FastInserter
from gaoxin.core.bulk import new_instance as bulk_new_instance
from gaoxin.indicators.models import Indicator, Observation
from tests.factories import make_enterprise

FIELDS = (
    "indicator_id",
    "enterprise_id",
    "scope",
    "scope_key",
    "year",
    "month",
    "value",
    "growth",
    "source",
    "source_file",
    "note",
    "submission_id",
    "entered_by_id",
)


@pytest.fixture
def parts(world):
    indicator = Indicator.objects.create(code="out", name="产值", unit="万元", kind="level")
    firms = [make_enterprise(f"批量测试企业{i}", seed=40 + i) for i in range(3)]
    return indicator, firms


def rows_of(queryset):
    return sorted(queryset.values_list(*FIELDS), key=lambda row: row[3])


def test_insert_rows_writes_what_insert_writes(parts, world):
    indicator, firms = parts
    values = [Decimal("1234.5600"), Decimal("0.0001"), None]
    shared = {"year": 2025, "month": 9, "source": "bureau", "source_file": "表“一”.xlsx", "note": ""}
    shared |= {"entered_by_id": world.clerk.pk, "submission_id": None, "park_id": None, "department_id": None}
    shared |= {"approved_by_id": None, "previous_value": None, "status": "final"}
    objs = [
        bulk_new_instance(
            Observation,
            {
                **shared,
                "entered_by": world.clerk,  # new_instance takes field names
                "indicator": indicator,
                "enterprise": firm,
                "scope": "enterprise",
                "scope_key": f"ent:{firm.pk}",
                "value": value,
                "growth": Decimal("-3.50"),
            },
        )
        for firm, value in zip(firms, values, strict=True)
    ]
    FastInserter(Observation).insert(objs)
    expected = rows_of(Observation.objects.all())
    created = Observation.objects.first().created_at
    Observation.objects.all()._raw_delete(Observation.objects.db)

    columns = ["indicator_id", "enterprise_id", "scope", "scope_key", "value", "growth"]
    rows = [
        (indicator.pk, firm.pk, "enterprise", f"ent:{firm.pk}", value, Decimal("-3.50"))
        for firm, value in zip(firms, values, strict=True)
    ]
    FastInserter(Observation).insert_rows(shared, columns, rows)
    assert rows_of(Observation.objects.all()) == expected
    stored = Observation.objects.first()
    assert stored.created_at >= created and stored.created_at == stored.updated_at


def test_insert_rows_wants_every_column(parts):
    indicator, _firms = parts
    with pytest.raises(ValueError, match="source_file"):
        FastInserter(Observation).insert_rows(
            {"year": 2025, "month": 9, "source": "bureau"},
            ["indicator_id", "scope", "scope_key"],
            [(indicator.pk, "zone", "zone")],
        )
