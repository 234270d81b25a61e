"""Load the national code tables from the CSV files in ``data/`` (idempotent)."""

import csv
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
LEVELS = {"省级": "province", "地级": "prefecture", "县级": "county"}


def industry_rows() -> list[dict]:
    with (DATA / "gbt4754_2017.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def load_industries(model) -> int:
    """Create or refresh every GB/T 4754 code; parents first (rows are in tree order)."""
    rows = industry_rows()
    existing = set(model.objects.values_list("code", flat=True))
    new = [
        model(
            code=row["code"],
            level=row["level"],
            name=row["name"],
            parent_id=row["parent_code"] or None,
            section_code=row["section_code"],
            division_code=row["division_code"] or (row["code"] if row["level"] == "division" else ""),
            notes=row["notes"],
        )
        for row in rows
        if row["code"] not in existing
    ]
    model.objects.bulk_create(new, batch_size=500)
    return len(new)


def region_rows() -> list[dict]:
    """One row per code: the in-use record when there is one, else the latest."""
    with (DATA / "areacodes_history_1981_2024.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    best: dict[str, dict] = {}
    for row in rows:
        code = row["代码"]
        current = best.get(code)
        if (
            current is None
            or row["状态"] == "在用"
            or (current["状态"] != "在用" and int(row["启用时间"] or 0) >= int(current["启用时间"] or 0))
        ):
            best[code] = row
    return list(best.values())


def load_regions(model) -> int:
    existing = set(model.objects.values_list("code", flat=True))
    new = []
    for row in region_rows():
        if row["代码"] in existing:
            continue
        level = LEVELS[row["级别"]]
        new.append(
            model(
                code=row["代码"],
                name=row["名称"],
                level=level,
                province_name=row["一级行政区"],
                prefecture_name="" if level == "province" else (row["二级行政区"] or ""),
                in_use=row["状态"] == "在用",
                valid_from=int(row["启用时间"]) if row["启用时间"] else None,
                valid_until=int(row["变更/弃用时间"]) if row["变更/弃用时间"] else None,
                successors=(row["新代码"] or "")[:100],
            )
        )
    model.objects.bulk_create(new, batch_size=500)
    return len(new)
