"""Peak memory of an import in the worker (issue 12.5): 1.5 M rows, each run in a fresh
process so its peak RSS (``resource.getrusage``) is the import's alone.

Peak RSS is the child's VmHWM: Django, the migrations check and the import together.

1. the company registry (a kind that streams, ADR 0014), a 1.5 M-row .csv, checked and stored
   through the import job as the worker runs it; goal: peak < 500 MB.
2. the enterprises kind (which builds a table and cannot stream) given 1.5 M rows as .csv and
   as a 16 MB-class .xlsx: refused from the line ends / the sheet's dimension before any row is
   built, with the row-limit message; goal: peak < 500 MB.

``python benchmarks/imports.py`` runs it alone; ``benchmarks/run.py --only imports`` writes the
results. The child is ``python benchmarks/imports.py --child KIND PATH``.
"""

import json
import random
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import OUT, setup_django, zone_configuration

ROWS = 1_500_000
GOAL_MB = 500


def write_xlsx_rows(path: Path, rows: int) -> Path:
    """A workbook of ``rows`` rows written part by part (openpyxl would take minutes), with
    the ``<dimension>`` Excel writes; about 16 MB for 1.5 M rows of name and credit code."""
    from tests.corpus import make

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in (
            ("[Content_Types].xml", make.CONTENT_TYPES),
            ("_rels/.rels", make.ROOT_RELS),
            ("xl/workbook.xml", make.WORKBOOK),
            ("xl/_rels/workbook.xml.rels", make.WORKBOOK_RELS),
        ):
            archive.writestr(name, content)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
            out.write(
                b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                b'spreadsheetml/2006/main"><dimension ref="A1:B%d"/><sheetData>' % (rows + 1)
            )
            head = '<c r="A1" t="inlineStr"><is><t>企业名称</t></is></c><c r="B1" t="inlineStr"><is><t>统一社会信用代码</t></is></c>'
            out.write(f'<row r="1">{head}</row>'.encode())
            for start in range(2, rows + 2, 10_000):
                out.write(
                    "".join(
                        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>随州{n}有限公司</t></is></c>'
                        f'<c r="B{n}" t="inlineStr"><is><t>91421303P8F33RHJ5N</t></is></c></row>'
                        for n in range(start, min(start + 10_000, rows + 2))
                    ).encode()
                )
            out.write(b"</sheetData></worksheet>")
    return path


def registry_file(rows: int) -> Path:
    from benchmarks import chains
    from gaoxin.chains.models import Chain, ChainNode

    nodes, keywords, excluded = chains.make_nodes(random.Random(5))
    chain, _new = Chain.objects.get_or_create(code="bench", defaults={"name": "基准测试链"})
    ChainNode.objects.filter(chain=chain).delete()
    ChainNode.objects.bulk_create(
        ChainNode(
            chain=chain,
            code=f"n{node.node_id}",
            name=f"节点{node.node_id}",
            keywords="、".join(node.keywords),
        )
        for node in nodes
    )
    return chains.write_registry_csv(rows, keywords, excluded)


def peak_mb() -> float:
    """This process's peak RSS: VmHWM (reset by exec; ``ru_maxrss`` keeps the parent's peak
    across fork + exec on Linux), else ``ru_maxrss``."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(kind: str, path: str) -> None:
    """In a fresh process: the import job of ``path`` as the worker runs it (commit=True)."""
    setup_django(fresh=False)
    from django.contrib.auth import get_user_model

    from gaoxin.core import jobs
    from gaoxin.core.models import Job

    user = get_user_model().objects.get(username="admin")
    params = {"kind": kind, "filename": Path(path).name, "path": path, "commit": True, "background": True}
    job = Job.objects.create(
        kind="import", user=user, params={**params, "options": {}, "language": "zh-hans"}
    )
    base = peak_mb()
    started = time.perf_counter()
    job = jobs.execute(job)
    seconds = time.perf_counter() - started
    result = job.result or {}
    print(
        json.dumps(
            {
                "seconds": round(seconds, 1),
                "peak_mb": round(peak_mb()),
                "base_mb": round(base),
                "status": job.status,
                "file_error": result.get("file_error", ""),
                "new": (result.get("summary") or {}).get("new", 0),
                "result_bytes": len(json.dumps(result, ensure_ascii=False).encode()),
            },
            ensure_ascii=False,
        )
    )


def measure(kind: str, path: Path) -> dict:
    run = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(path)], capture_output=True, text=True, check=True
    )
    return json.loads(run.stdout.strip().splitlines()[-1])


def entry(name: str, size: str, found: dict, met: bool) -> dict:
    return {
        "name": name,
        "size": size,
        "ours": found["peak_mb"],
        "peer": None,
        "ratio": None,
        "unit": "MB",
        "goal": f"ours < {GOAL_MB}",
        "met": met and found["peak_mb"] < GOAL_MB,
    }


def bench_imports(rows: int = ROWS) -> list[dict]:
    from tests.corpus import make

    zone_configuration()
    results, named = [], rows == ROWS
    path = registry_file(rows)
    found = measure("registry-companies", path)
    print(f"registry {rows:,} rows: {found}")
    ok = found["status"] == "succeeded" and found["new"] == rows
    size = f"{rows:,} rows (.csv, {path.stat().st_size / 1e6:.0f} MB), {found['seconds']} s"
    results.append(entry("import in the worker, streamed kind, peak RSS", size, found, named and ok))
    path.unlink(missing_ok=True)
    for label, path in (
        ("csv", make.csv_rows(OUT / "rows.csv", rows)),
        ("xlsx", write_xlsx_rows(OUT / "rows.xlsx", rows)),
    ):
        found = measure("enterprises", path)
        print(f"enterprises {label} {rows:,} rows: {found}")
        refused = "此类导入每次最多" in found["file_error"]
        size = (
            f"{rows:,} rows (.{label}, {path.stat().st_size / 1e6:.0f} MB), refused in {found['seconds']} s"
        )
        results.append(
            entry(
                f"import in the worker, table kind refused early (.{label}), peak RSS",
                size,
                found,
                named and refused,
            )
        )
        path.unlink(missing_ok=True)
    return results + bench_at_the_limit()


def bench_at_the_limit() -> list[dict]:
    """The largest file a table kind accepts (IMPORT_MAX_ROWS enterprises, .xlsx): checked and
    stored in the worker; its peak is the bound of every table import."""
    from django.conf import settings

    from benchmarks.common import enterprise_rows, write_xlsx

    rows = settings.IMPORT_MAX_ROWS
    header, data = enterprise_rows(rows)
    path = write_xlsx(OUT / "limit.xlsx", header, data)
    del data
    found = measure("enterprises", path)
    print(f"enterprises at the limit, {rows:,} rows: {found}")
    ok = found["status"] == "succeeded" and found["new"] == rows
    size = f"{rows:,} rows (.xlsx, {path.stat().st_size / 1e6:.0f} MB), {found['seconds']} s"
    path.unlink(missing_ok=True)
    return [entry("import in the worker, table kind at its row limit, peak RSS", size, found, ok)]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], sys.argv[3])
    else:
        setup_django()
        count = int(sys.argv[1]) if len(sys.argv) > 1 else ROWS
        for line in bench_imports(count):
            print(line)
