"""One archive that restores the whole installation (`gaoxin backup` / `gaoxin restore`).

The archive (.tar.gz) holds a consistent database snapshot — SQLite through the ``sqlite3``
backup API (safe while the web process and the worker write), PostgreSQL through
``pg_dump -Fc`` in the same snapshot the row counts were read in — plus every data directory
under ``VAR_DIR`` (``media/``: attachments, contracts, plan documents; ``uploads/``: import
files; ``demo/`` …) and ``manifest.json``: version, time, vendor, each table's row count and
each file's size and SHA-256. Static files and caches are rebuilt by setup, not kept.

A restore first checks every checksum and refuses unsafe member names, and only then touches
the database and the files; afterwards it counts the rows again against the manifest.
"""

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction

FORMAT = 1
MANIFEST = "manifest.json"
FILES = "files"
# Rebuilt by setup or by the code itself; never data.
SKIPPED_DIRS = {"static", "matplotlib", "backups"}
# hidden, so that a backup written into VAR_DIR never counts its own work as data
STAGING = ".gaoxin-backup-"
DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why (Chinese / English)."""


@dataclass
class RestoreReport:
    tables: int = 0
    rows: int = 0
    files: int = 0
    bytes: int = 0
    mismatches: list[str] = field(default_factory=list)


# --- what is kept -------------------------------------------------------------------------


def data_dirs(var_dir: Path) -> list[Path]:
    """Every directory under VAR_DIR that holds data: all but static files and caches, so a
    directory a later version adds is kept without changing this list."""
    if not var_dir.is_dir():
        return []
    return sorted(
        path
        for path in var_dir.iterdir()
        if path.is_dir() and not path.name.startswith(".") and path.name not in SKIPPED_DIRS
    )


def data_files(var_dir: Path) -> list[Path]:
    """The files of the data directories, without a backup's own work in progress."""
    return sorted(
        path
        for folder in data_dirs(var_dir)
        for path in folder.rglob("*")
        if path.is_file() and not any(part.startswith(STAGING) for part in path.parts)
    )


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_entry(path: Path, root: Path) -> dict:
    return {"path": path.relative_to(root).as_posix(), "size": path.stat().st_size, "sha256": sha256_of(path)}


def table_counts(cursor, tables: list[str] | None = None) -> dict[str, int]:
    """Row count of every table (of the current database, or of ``tables``)."""
    names = tables if tables is not None else connection.introspection.table_names(cursor)
    counts = {}
    for name in sorted(names):
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")
        counts[name] = cursor.fetchone()[0]
    return counts


def sqlite_counts(path: Path) -> dict[str, int]:
    """Row counts read from a SQLite file (the snapshot itself, not the live database)."""
    with sqlite3.connect(path) as db:
        names = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        names = [name for name in names if not name.startswith("sqlite_")]
        return {name: db.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in sorted(names)}


def version_info() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    try:
        app_version = version("gaoxin")
    except PackageNotFoundError:
        app_version = ""
    try:
        result = subprocess.run(
            ["git", "-C", str(settings.REPO_DIR), "rev-parse", "HEAD"], capture_output=True, text=True
        )
        commit = result.stdout.strip() if result.returncode == 0 else ""
    except OSError:  # no git on the server
        commit = ""
    return {"version": app_version, "commit": commit}


# --- PostgreSQL tools -------------------------------------------------------------------


def pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"未找到 {name}：请安装 PostgreSQL 客户端（Debian：apt install postgresql-client）。"
            f" / {name} not found: install the PostgreSQL client tools."
        )
    return path


def pg_args() -> tuple[list[str], dict]:
    """Connection arguments and environment (the password) for pg_dump / pg_restore."""
    db = settings.DATABASES["default"]
    args = ["--dbname", db["NAME"]]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def run_tool(args: list[str], env: dict) -> None:
    result = subprocess.run(args, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        name = Path(args[0]).name
        raise BackupError(f"{name} 失败 / {name} failed:\n{result.stderr.strip()}")


# --- backup -------------------------------------------------------------------------------


def snapshot_database(target: Path) -> dict[str, int]:
    """Write the database snapshot to ``target``; the row counts of exactly that snapshot."""
    if connection.vendor == "sqlite":
        return snapshot_sqlite(target)
    if connection.vendor == "postgresql":
        return snapshot_postgresql(target)
    raise BackupError(f"不支持的数据库 / unsupported database: {connection.vendor}")


def snapshot_sqlite(target: Path) -> dict[str, int]:
    source = sqlite3.connect(settings.DATABASES["default"]["NAME"], timeout=30)
    dest = sqlite3.connect(target)
    try:
        source.backup(dest)
    finally:
        dest.close()
        source.close()
    return sqlite_counts(target)


def snapshot_postgresql(target: Path) -> dict[str, int]:
    """Counts and dump read one snapshot: a repeatable-read transaction exports it and
    pg_dump --snapshot joins it while the transaction stays open."""
    tool = pg_tool("pg_dump")
    args, env = pg_args()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = table_counts(cursor)
        run_tool([tool, "-Fc", "--no-owner", "--snapshot", snapshot, "--file", str(target), *args], env)
    return counts


def write_backup(output: Path) -> dict:
    """Write the archive to ``output`` (via a temporary name, so a failed run leaves none)."""
    var_dir = Path(settings.VAR_DIR)
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=STAGING) as work:
        dump = Path(work) / DUMP_NAMES.get(connection.vendor, "database")
        counts = snapshot_database(dump)
        manifest = build_manifest(dump, counts, var_dir)
        partial = Path(work) / "archive.tar.gz"
        with tarfile.open(partial, "w:gz") as archive:
            add_json(archive, MANIFEST, manifest)
            archive.add(dump, arcname=dump.name)
            for entry in manifest["files"]:
                archive.add(var_dir / entry["path"], arcname=f"{FILES}/{entry['path']}")
        os.replace(partial, output)
    return manifest


def build_manifest(dump: Path, counts: dict[str, int], var_dir: Path) -> dict:
    return {
        "format": FORMAT,
        "app": "gaoxin",
        **version_info(),
        "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database": {"vendor": connection.vendor, **file_entry(dump, dump.parent)},
        "tables": counts,
        "files": [file_entry(path, var_dir) for path in data_files(var_dir)],
    }


def add_json(archive: tarfile.TarFile, name: str, data: dict) -> None:
    payload = json.dumps(data, ensure_ascii=False, indent=1).encode()
    info = tarfile.TarInfo(name)
    info.size = len(payload)
    info.mtime = int(datetime.datetime.now().timestamp())
    archive.addfile(info, io.BytesIO(payload))


def default_output() -> Path:
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    return Path(settings.VAR_DIR) / "backups" / f"gaoxin-{stamp}.tar.gz"


# --- restore ------------------------------------------------------------------------------


def unpack(archive_path: Path, work: Path) -> dict:
    """Extract into ``work`` (member names checked by tarfile's "data" filter) and verify every
    checksum against the manifest. Nothing of the installation is touched yet."""
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            archive.extractall(work, filter="data")
    except tarfile.FilterError as error:
        raise BackupError(
            f"归档含不安全的成员名，拒绝恢复 / unsafe member in the archive: {error}"
        ) from error
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(f"无法读取归档 / cannot read the archive: {error}") from error
    manifest_path = work / MANIFEST
    if not manifest_path.is_file():
        raise BackupError("归档中没有 manifest.json / the archive has no manifest.json")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    verify(manifest, work)
    return manifest


def verify(manifest: dict, work: Path) -> None:
    database = manifest["database"]
    expected = {database["path"]: database} | {f"{FILES}/{e['path']}": e for e in manifest["files"]}
    for name, entry in expected.items():
        path = work / name
        if not path.is_file():
            raise BackupError(f"归档缺少文件 / missing from the archive: {name}")
        if path.stat().st_size != entry["size"] or sha256_of(path) != entry["sha256"]:
            raise BackupError(f"校验和不符，归档已损坏或被改动 / checksum mismatch: {name}")
    present = {p.relative_to(work).as_posix() for p in work.rglob("*") if p.is_file()}
    extra = sorted(present - set(expected) - {MANIFEST})
    if extra:
        raise BackupError(f"归档含清单外的文件 / files not in the manifest: {', '.join(extra)}")


def installation_is_empty() -> bool:
    """Empty = no tables yet, or migrated but without a single user account."""
    table = get_user_model()._meta.db_table
    if table not in connection.introspection.table_names():
        return True
    return not get_user_model().objects.exists()


def restore(archive_path: Path, *, force: bool = False) -> RestoreReport:
    with tempfile.TemporaryDirectory(dir=staging_parent(), prefix=STAGING) as work_name:
        work = Path(work_name)
        manifest = unpack(archive_path, work)
        vendor = manifest["database"]["vendor"]
        if vendor != connection.vendor:
            raise BackupError(
                f"归档来自 {vendor}，本机数据库是 {connection.vendor} / "
                f"the archive is a {vendor} backup, this installation runs {connection.vendor}"
            )
        if not force and not installation_is_empty():
            raise BackupError(
                "目标数据库不是空的（已有用户），如确要覆盖请加 --force / "
                "the database is not empty (it has users); use --force to replace it"
            )
        restore_database(work / manifest["database"]["path"])
        restore_files(work / FILES, Path(settings.VAR_DIR))
        return compare(manifest)


def staging_parent() -> Path:
    """Extract next to VAR_DIR, so that moving the directories in place is a rename."""
    var_dir = Path(settings.VAR_DIR)
    var_dir.mkdir(parents=True, exist_ok=True)
    return var_dir


def restore_database(dump: Path) -> None:
    connection.close()
    if connection.vendor == "sqlite":
        # the backup API in reverse: every page of the live file replaced, WAL included
        source = sqlite3.connect(dump)
        dest = sqlite3.connect(settings.DATABASES["default"]["NAME"], timeout=30)
        try:
            source.backup(dest)
        finally:
            dest.close()
            source.close()
        return
    tool = pg_tool("pg_restore")
    args, env = pg_args()
    flags = ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction"]
    run_tool([tool, *flags, *args, str(dump)], env)


def restore_files(source: Path, var_dir: Path) -> None:
    """Each data directory of the archive replaces the installation's one of that name;
    other directories (static files, caches) stay as they are."""
    if not source.is_dir():
        return
    for folder in sorted(source.iterdir()):
        target = var_dir / folder.name
        if target.exists():
            shutil.rmtree(target)
        os.replace(folder, target)


def compare(manifest: dict) -> RestoreReport:
    """Count the rows and check the files again, against the manifest."""
    report = RestoreReport()
    with connection.cursor() as cursor:
        present = set(connection.introspection.table_names(cursor))
        counts = table_counts(cursor, [name for name in manifest["tables"] if name in present])
    for name, expected in manifest["tables"].items():
        found = counts.get(name)
        if found != expected:
            report.mismatches.append(f"{name}: {found} ≠ {expected}")
    var_dir = Path(settings.VAR_DIR)
    for entry in manifest["files"]:
        path = var_dir / entry["path"]
        if not path.is_file() or sha256_of(path) != entry["sha256"]:
            report.mismatches.append(f"{entry['path']}: 文件不符 / file differs")
    report.tables = len(manifest["tables"])
    report.rows = sum(manifest["tables"].values())
    report.files = len(manifest["files"])
    report.bytes = sum(entry["size"] for entry in manifest["files"])
    return report
