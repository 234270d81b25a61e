"""Builders for the economic-monitoring benchmarks: indicators, a data set, enterprise
monthly tables of N enterprises × K indicators, and a province-sized history written
straight into the database (building the data is not what is measured)."""

import random
from pathlib import Path

from benchmarks.common import OUT, enterprise_rows, write_xlsx

INDICATOR_COUNT = 10
DATA_SET = "bench-monthly"


def make_indicators(count: int = INDICATOR_COUNT, keep: list | None = None):
    """``count`` cumulative indicators that sum over enterprises (``keep`` first, then
    synthetic ones) and a data set holding them."""
    from gaoxin.indicators.models import DataSet, Indicator

    indicators = list(keep or [])
    for index in range(count - len(indicators)):
        indicator, _ = Indicator.objects.get_or_create(
            code=f"bench_{index}",
            defaults={
                "name": f"基准指标{index:02d}",
                "unit": "万元",
                "kind": "level",
                "sums_enterprises": True,
                "sort_order": 500 + index,
            },
        )
        indicators.append(indicator)
    data_set, _ = DataSet.objects.get_or_create(code=DATA_SET, defaults={"name": "基准月报", "scope": "zone"})
    data_set.indicators.set(indicators)
    return indicators, data_set


def make_enterprises(count: int, user) -> list:
    """Credit codes of ``count`` enterprises (imported through our importer if missing)."""
    from gaoxin.core.imports import Table, get_spec, run_import
    from gaoxin.enterprises.models import Enterprise

    have = Enterprise.objects.filter(name__startswith="随州基准测试企业").count()
    if have < count:
        header, rows = enterprise_rows(count, seed=5)
        result = run_import(get_spec("enterprises")(user), Table(header=header, rows=rows), commit=True)
        assert result.ok, result.errors[:3]
    return list(
        Enterprise.objects.filter(name__startswith="随州基准测试企业")
        .order_by("pk")
        .values_list("uscc", flat=True)[:count]
    )


def base_values(count: int, indicators, seed: int = 1) -> list[list[float]]:
    rng = random.Random(seed)
    return [[round(rng.uniform(100, 5000), 2) for _ in indicators] for _ in range(count)]


def monthly_file(codes: list[str], indicators, month: int, seed: int = 1) -> Path:
    """The bureau's enterprise table for 1–``month``月: credit code, then one column per
    indicator (cumulative values, so month × a firm's monthly level)."""
    bases = base_values(len(codes), indicators, seed)
    header = ["统一社会信用代码", *[i.name for i in indicators]]
    rows = [[code, *[round(b * month, 2) for b in base]] for code, base in zip(codes, bases, strict=True)]
    return write_xlsx(OUT / f"monthly-{len(codes)}x{len(indicators)}-{month}.xlsx", header, rows)


def long_file(codes: list[str], indicators, year: int, month: int, seed: int = 1) -> Path:
    """The same values one per row (what django-import-export imports: a row per record),
    with the stored key column so its per-row lookup uses the unique index."""
    bases = base_values(len(codes), indicators, seed)
    from gaoxin.enterprises.models import Enterprise

    ids = dict(Enterprise.objects.filter(uscc__in=codes).values_list("uscc", "pk"))
    header = ["enterprise", "indicator", "scope", "scope_key", "year", "month", "value", "source"]
    rows = [
        [code, indicator.code, "enterprise", f"ent:{ids[code]}", year, month, round(b * month, 2), "bureau"]
        for code, base in zip(codes, bases, strict=True)
        for indicator, b in zip(indicators, base, strict=True)
    ]
    return write_xlsx(OUT / f"monthly-long-{len(codes)}x{len(indicators)}-{month}.xlsx", header, rows)


def write_history(
    enterprise_ids: list[int], indicators, periods: list[tuple[int, int]], user_id: int, offset: int = 0
) -> int:
    """Enterprise observations for every period (of the enterprises from ``offset`` on),
    inserted in bulk, one transaction per period, then the aggregates of those periods
    recomputed. Returns the rows written."""
    from django.db import connection, transaction
    from django.utils import timezone

    from gaoxin.indicators.models import DataSet, Submission
    from gaoxin.indicators.services import refresh_aggregates

    data_set = DataSet.objects.get(code=DATA_SET)
    bases = base_values(len(enterprise_ids), indicators, seed=7)[offset:]
    enterprise_ids = enterprise_ids[offset:]
    now = timezone.now().isoformat(" ") if connection.vendor == "sqlite" else timezone.now()
    quote = connection.ops.quote_name
    columns = [
        "created_at",
        "updated_at",
        "indicator_id",
        "scope",
        "enterprise_id",
        "scope_key",
        "year",
        "month",
        "value",
        "source",
        "source_file",
        "note",
        "submission_id",
        "entered_by_id",
    ]
    sql = (
        f"INSERT INTO indicators_observation ({', '.join(quote(c) for c in columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    written = 0
    for year, month in periods:
        growth = 1 / (1 + (2025 - year) * 0.08)  # older years lower; 1–8月 2025 below 1–9月
        with transaction.atomic():
            submission, _ = Submission.objects.get_or_create(
                data_set=data_set, year=year, month=month, scope_key="zone", defaults={"status": "approved"}
            )
            rows = [
                (
                    now,
                    now,
                    indicator.pk,
                    "enterprise",
                    firm,
                    f"ent:{firm}",
                    year,
                    month,
                    str(round(base * growth * month, 2)),
                    "bureau",
                    "基准历史数据",
                    "",
                    submission.pk,
                    user_id,
                )
                for firm, firm_bases in zip(enterprise_ids, bases, strict=True)
                for indicator, base in zip(indicators, firm_bases, strict=True)
            ]
            with connection.cursor() as cursor:
                for start in range(0, len(rows), 20_000):
                    cursor.executemany(sql, rows[start : start + 20_000])
            written += len(rows)
    refresh_aggregates(set(periods))
    return written
