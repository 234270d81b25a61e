"""Shared set-up of the benchmarks: a fresh SQLite database under benchmarks/out/ (or
GAOXIN_DATABASE_URL when set), the demo zone's configuration, and data builders."""

import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"


def setup_django(fresh: bool = True) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / "bench.sqlite3"
    if "GAOXIN_DATABASE_URL" not in os.environ:
        if fresh:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
        os.environ["GAOXIN_DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("GAOXIN_VAR_DIR", str(OUT / "var"))
    os.environ.setdefault("GAOXIN_DEBUG", "false")
    os.environ.setdefault("GAOXIN_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    os.environ["DJANGO_SETTINGS_MODULE"] = "gaoxin.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    if "GAOXIN_DATABASE_URL" in os.environ and not os.environ["GAOXIN_DATABASE_URL"].startswith("sqlite"):
        call_command("flush", interactive=False, verbosity=0)
        call_command("migrate", interactive=False, verbosity=0)
        # flush also empties the code tables the data migration loaded
        from gaoxin.reference import services
        from gaoxin.reference.models import Industry, Region

        services.load_industries(Industry)
        services.load_regions(Region)
    else:
        call_command("migrate", interactive=False, verbosity=0)


def zone_configuration():
    """Parks, lead industries and the personas of the demo (no registry)."""
    from gaoxin.demo import loader
    from gaoxin.zone.models import Zone

    if not Zone.objects.exists():
        loader.load_configuration()
    return loader.ensure_personas()


# The columns of the benchmark file (field names: both importers read them as headers).
ENTERPRISE_COLUMNS = (
    "name",
    "uscc",
    "legal_representative",
    "established_on",
    "registered_capital",
    "park",
    "address",
    "industry",
    "lead_industry",
    "status",
    "scale",
)


def enterprise_rows(count: int, seed: int = 1) -> tuple[list[str], list[list]]:
    """``count`` synthetic enterprises with valid credit codes, in the import layout
    (field names as headers: both our importer and django-import-export read them)."""
    from gaoxin.core import uscc
    from gaoxin.demo.generator import CLASSES, LEAD_INDUSTRIES, person
    from gaoxin.zone.models import LeadIndustry, Park

    rng = random.Random(seed)
    parks = [p.name for p in Park.objects.all()]
    leads = {li.code: li.name for li in LeadIndustry.objects.all()}
    header = list(ENTERPRISE_COLUMNS)
    rows, seen = [], set()
    while len(rows) < count:
        code = uscc.generate(rng, rng.choice(["421303", "421300", "421321"]))
        if code in seen:
            continue
        seen.add(code)
        lead_code = rng.choice([c for c, _ in LEAD_INDUSTRIES])
        rows.append(
            [
                f"随州基准测试企业{len(rows):06d}有限公司",
                code,
                person(rng),
                datetime.date(rng.randint(2000, 2023), rng.randint(1, 12), rng.randint(1, 28)),
                rng.choice([100, 500, 1000, 5000]),
                rng.choice(parks),
                f"湖北省随州市曾都区测试路{len(rows)}号",
                rng.choice(CLASSES[lead_code]),
                leads[lead_code],
                "active",
                rng.choice(["small", "medium", "micro"]),
            ]
        )
    return header, rows


def write_xlsx(path: Path, header: list[str], rows: list[list]) -> Path:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("enterprises")
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def timed(func, *args, **kwargs) -> tuple[float, object]:
    started = time.perf_counter()
    result = func(*args, **kwargs)
    return time.perf_counter() - started, result


def median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 1)
