"""The shape of the code, checked like any other rule (issue 9).

Apps depend one way: ``core`` knows no domain, each app imports only apps below it, and no
production module imports the demo. Functions stay short enough to read in one screen. The
checks read the source with ``ast`` (lazy imports inside functions count too); nothing is run.
"""

import ast
import statistics
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "gaoxin"

# Lower layers first; an app may import apps of a lower layer only. ``goals`` and ``reports``
# read the registers and nothing reads them (architecture.md); ``notify`` reads the domains'
# rules to build reminders; ``demo`` builds on everything.
LAYERS = [
    ["core"],
    ["reference"],
    ["zone", "govservices"],
    ["enterprises"],
    ["indicators"],
    ["projects", "chains"],
    ["attraction"],
    ["land"],
    ["payouts", "talent", "portal"],
    ["visits"],
    ["points", "cultivation"],
    ["policies"],
    ["goals"],
    ["reports"],
    ["notify"],
    ["demo"],
]
RANK = {app: rank for rank, apps in enumerate(LAYERS) for app in apps}

MAX_LINES, MEDIAN_LINES, P90_LINES = 60, 8, 25


def source_files(*, skip_demo: bool = False):
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if "migrations" in parts or (skip_demo and parts[0] == "demo"):
            continue
        yield path, parts


def imported_apps(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        found.update(name.split(".")[1] for name in names if name.startswith("gaoxin."))
    return found


def app_imports() -> dict[str, dict[str, set[str]]]:
    """app → imported app → the files that import it."""
    graph: dict[str, dict[str, set[str]]] = {}
    for path, parts in source_files():
        if len(parts) < 2:  # settings, urls, cli: the project wires every app together
            continue
        app = parts[0]
        for target in imported_apps(path) - {app}:
            graph.setdefault(app, {}).setdefault(target, set()).add("/".join(parts))
    return graph


def test_every_app_has_a_layer():
    apps = {parts[0] for _, parts in source_files() if len(parts) > 1}
    assert apps - {"templates", "static", "locale"} <= set(RANK), "add the new app to LAYERS"


def test_apps_import_only_the_layers_below_them():
    wrong = [
        f"{app} → {target} ({', '.join(sorted(files))})"
        for app, targets in app_imports().items()
        for target, files in targets.items()
        if RANK[target] >= RANK[app]
    ]
    assert wrong == []


def test_core_knows_no_domain():
    assert app_imports().get("core", {}) == {}


def test_production_code_never_imports_the_demo():
    importers = [
        "/".join(parts) for path, parts in source_files(skip_demo=True) if "demo" in imported_apps(path)
    ]
    assert importers == []


def test_no_app_imports_another_apps_views():
    """Views are the edge of an app: what two apps share lives in services, not in a view."""
    found = []
    for path, parts in source_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.ImportFrom)
                and node.level == 0
                and (node.module or "").startswith("gaoxin.")
            ):
                app, *rest = node.module.split(".")[1:]
                if app not in (parts[0], "core") and rest and rest[0].startswith("views"):
                    found.append(f"{'/'.join(parts)} → {node.module}")
    assert [f for f in found if not f.startswith(("urls.py", "api_urls.py"))] == []


def function_lengths() -> list[tuple[int, str]]:
    lengths = []
    for path, parts in source_files(skip_demo=True):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lengths.append((node.end_lineno - node.lineno + 1, f"{'/'.join(parts)}:{node.name}"))
    return lengths


def test_no_function_is_longer_than_a_screen():
    assert [name for length, name in function_lengths() if length > MAX_LINES] == []


@pytest.mark.parametrize(("measure", "limit"), [("median", MEDIAN_LINES), ("p90", P90_LINES)])
def test_functions_are_short_on_the_whole(measure, limit):
    lengths = [length for length, _ in function_lengths()]
    value = statistics.median(lengths) if measure == "median" else statistics.quantiles(lengths, n=10)[8]
    assert value <= limit
