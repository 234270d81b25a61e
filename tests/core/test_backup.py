"""`gaoxin backup` / `gaoxin restore` (issue 12.10): one archive restores every table and every
file into an empty installation; a changed byte, an unsafe member name or a database that
already has users is refused before anything is touched.

The commands run in subprocesses on installations of their own (GAOXIN_VAR_DIR and
GAOXIN_DATABASE_URL pointing at temporary paths), like tests/core/test_deploy.py; the
migrated empty database is made once per module and copied.
"""

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

# The data of the source installation: three firms, a project with its plan document and an
# attachment, an activity's attachment, a signing's contract, an import upload, a user.
BUILD = """
import datetime
from decimal import Decimal
import django
django.setup()
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from gaoxin.attraction.models import Activity, Signing
from gaoxin.core.imports import service
from gaoxin.core.testing import make_uscc
from gaoxin.enterprises.models import Enterprise
from gaoxin.projects.models import Attachment, Project

for seed, name in enumerate(["甲新材料有限公司", "乙专用汽车有限公司", "丙食品有限公司"], start=1):
    Enterprise.objects.create(name=name, uscc=make_uscc(seed), industry_id="3841")
User.objects.create_user("clerk", password="gaoxin2025")
day = datetime.date(2025, 3, 15)
project = Project.objects.create(code="XM-1", name="电解液项目", total_investment=Decimal(8000))
project.plan_document.save("实施方案.docx", ContentFile(b"PK plan 2025"))
attachment = Attachment(project=project, title="土地协议")
attachment.file.save("土地协议.pdf", ContentFile(b"%PDF-1.4 land"))
activity = Activity(date=day, kind="visit", title="来访")
activity.attachment.save("纪要.pdf", ContentFile(b"%PDF-1.4 minutes"))
signing = Signing(contract_date=day, project_name="签约一", investor="甲", amount=Decimal(100))
signing.contract_file.save("合同.pdf", ContentFile(b"%PDF-1.4 contract"))
service.store_upload(SimpleUploadedFile("企业.csv", "名称\\n甲\\n".encode()), service.upload_dir())
"""


def gaoxin(args, var: Path, database_url: str | None = None, code: str | None = None):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GAOXIN_", "DJANGO_"))}
    clean |= {
        "DJANGO_SETTINGS_MODULE": "gaoxin.settings",
        "GAOXIN_VAR_DIR": str(var),
        "GAOXIN_DATABASE_URL": database_url or f"sqlite:///{var / 'gaoxin.sqlite3'}",
    }
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "gaoxin.cli", *args]
    return subprocess.run(command, env=clean, cwd=REPO, capture_output=True, text=True, timeout=300)


def ok(result):
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def sqlite_rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, in a fixed order."""
    with sqlite3.connect(path) as db:
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        rows = {}
        for name in sorted(n for n in names if not n.startswith("sqlite_")):
            width = len(db.execute(f'SELECT * FROM "{name}" LIMIT 0').description)
            order = ", ".join(str(i) for i in range(1, width + 1))
            rows[name] = db.execute(f'SELECT * FROM "{name}" ORDER BY {order}').fetchall()
        return rows


def files_of(var: Path, folders=("media", "uploads")) -> dict[str, bytes]:
    return {
        path.relative_to(var).as_posix(): path.read_bytes()
        for folder in folders
        for path in sorted((var / folder).rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def empty(tmp_path_factory) -> Path:
    """A migrated installation without users (migrate loads the reference tables and roles)."""
    var = tmp_path_factory.mktemp("empty")
    ok(gaoxin(["migrate", "-v0"], var))
    return var


def fresh(empty: Path, tmp_path: Path, name: str) -> Path:
    var = tmp_path / name
    var.mkdir()
    shutil.copy(empty / "gaoxin.sqlite3", var / "gaoxin.sqlite3")
    return var


@pytest.fixture(scope="module")
def source(empty, tmp_path_factory):
    """The installation with data, and its archive."""
    var = tmp_path_factory.mktemp("source")
    shutil.copy(empty / "gaoxin.sqlite3", var / "gaoxin.sqlite3")
    ok(gaoxin([], var, code=BUILD))
    archive = var.parent / f"{var.name}.tar.gz"
    result = ok(gaoxin(["backup", "--output", str(archive)], var))
    return var, archive, result


def members(archive: Path) -> dict[str, bytes]:
    with tarfile.open(archive, "r:gz") as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}


def write_archive(path: Path, contents: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for name, payload in contents.items():
            info = tarfile.TarInfo(name)
            info.size = len(payload)
            tar.addfile(info, io.BytesIO(payload))
    return path


YEAR = datetime.datetime.now().year  # upload_to="…/%Y/" is the year of the upload
EXPECTED_FILES = {
    "media/projects/plans/实施方案.docx": b"PK plan 2025",
    f"media/projects/files/{YEAR}/土地协议.pdf": b"%PDF-1.4 land",
    f"media/attraction/activities/{YEAR}/纪要.pdf": b"%PDF-1.4 minutes",
    f"media/attraction/contracts/{YEAR}/合同.pdf": b"%PDF-1.4 contract",
}


def test_the_manifest_counts_every_table_and_sums_every_file(source):
    var, archive, result = source
    manifest = json.loads(members(archive)["manifest.json"])
    assert manifest["database"]["vendor"] == "sqlite"
    assert manifest["tables"]["enterprises_enterprise"] == 3
    assert manifest["tables"]["auth_user"] == 1
    assert manifest["tables"] == {
        name: len(rows) for name, rows in sqlite_rows(var / "gaoxin.sqlite3").items()
    }
    files = {entry["path"]: entry for entry in manifest["files"]}
    assert {path: files[path]["sha256"] for path in EXPECTED_FILES} == {
        path: hashlib.sha256(payload).hexdigest() for path, payload in EXPECTED_FILES.items()
    }
    uploads = [path for path in files if path.startswith("uploads/imports/")]
    assert len(uploads) == 1 and files[uploads[0]]["size"] == len("名称\n甲\n".encode())
    assert not [path for path in files if path.startswith("static/")]
    assert "备份完成" in result.stdout and "Backup written" in result.stdout


def test_restore_into_an_empty_installation_brings_back_every_row_and_file(source, empty, tmp_path):
    var, archive, _result = source
    target = fresh(empty, tmp_path, "target")
    result = ok(gaoxin(["restore", str(archive)], target))
    assert sqlite_rows(target / "gaoxin.sqlite3") == sqlite_rows(var / "gaoxin.sqlite3")
    assert files_of(target) == files_of(var)
    assert {path: files_of(target)[path] for path in EXPECTED_FILES} == EXPECTED_FILES
    assert "恢复完成" in result.stdout and "all matching the manifest" in result.stdout


def test_restore_into_an_unmigrated_directory_works_too(source, tmp_path):
    var, archive, _result = source
    target = tmp_path / "bare"
    ok(gaoxin(["restore", str(archive)], target))
    assert sqlite_rows(target / "gaoxin.sqlite3") == sqlite_rows(var / "gaoxin.sqlite3")
    assert files_of(target) == files_of(var)


def test_a_changed_byte_is_refused_with_the_file_named_and_nothing_touched(source, empty, tmp_path):
    _var, archive, _result = source
    contents = members(archive)
    name = f"files/media/attraction/contracts/{YEAR}/合同.pdf"
    contents[name] = contents[name].replace(b"contract", b"Contract")
    tampered = write_archive(tmp_path / "tampered.tar.gz", contents)
    target = fresh(empty, tmp_path, "target")
    before = sqlite_rows(target / "gaoxin.sqlite3")
    result = gaoxin(["restore", str(tampered)], target)
    assert result.returncode == 1
    assert f"checksum mismatch: {name}" in result.stderr and "校验和不符" in result.stderr
    assert sqlite_rows(target / "gaoxin.sqlite3") == before
    assert not (target / "media").exists()


def test_a_count_that_differs_after_the_restore_fails_with_the_table_named(source, empty, tmp_path):
    _var, archive, _result = source
    contents = members(archive)
    manifest = json.loads(contents["manifest.json"])
    manifest["tables"]["enterprises_enterprise"] = 4
    contents["manifest.json"] = json.dumps(manifest).encode()
    wrong = write_archive(tmp_path / "wrong.tar.gz", contents)
    result = gaoxin(["restore", str(wrong)], fresh(empty, tmp_path, "target"))
    assert result.returncode == 1
    assert "enterprises_enterprise: 3 ≠ 4" in result.stderr and "与清单不符" in result.stderr


def test_a_member_outside_the_installation_is_refused(source, empty, tmp_path):
    _var, archive, _result = source
    contents = members(archive) | {"../escaped.txt": b"x"}
    unsafe = write_archive(tmp_path / "unsafe.tar.gz", contents)
    target = fresh(empty, tmp_path, "target")
    result = gaoxin(["restore", str(unsafe)], target)
    assert result.returncode == 1
    assert "unsafe member" in result.stderr
    assert not (tmp_path / "escaped.txt").exists() and not (target / "escaped.txt").exists()
    assert not (target / "media").exists()


def test_a_database_with_users_is_refused_unless_forced(source, tmp_path):
    var, archive, _result = source
    target = tmp_path / "busy"
    ok(gaoxin(["restore", str(archive)], target))
    with sqlite3.connect(target / "gaoxin.sqlite3") as db:
        db.execute("UPDATE enterprises_enterprise SET name = '改过的名称'")
    changed = sqlite_rows(target / "gaoxin.sqlite3")
    result = gaoxin(["restore", str(archive)], target)
    assert result.returncode == 1 and "--force" in result.stderr
    assert sqlite_rows(target / "gaoxin.sqlite3") == changed
    ok(gaoxin(["restore", "--force", str(archive)], target))
    assert sqlite_rows(target / "gaoxin.sqlite3") == sqlite_rows(var / "gaoxin.sqlite3")


# --- PostgreSQL: pg_dump into the archive, pg_restore into a second, empty database ---------

PG_URL = os.environ.get("GAOXIN_DATABASE_URL", "")


def pg_rows(url: str) -> dict[str, list[tuple]]:
    import psycopg

    with psycopg.connect(url) as db:
        names = [r[0] for r in db.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        rows = {}
        for name in sorted(names):
            cursor = db.execute(f'SELECT * FROM "{name}" LIMIT 0')
            order = ", ".join(str(i) for i in range(1, len(cursor.description) + 1))
            rows[name] = db.execute(f'SELECT * FROM "{name}" ORDER BY {order}').fetchall()
        return rows


@pytest.fixture
def pg_databases():
    from urllib.parse import urlsplit

    base = urlsplit(PG_URL)
    names = [f"test_restore_{uuid.uuid4().hex[:8]}_{side}" for side in ("src", "dst")]
    admin = [f"--host={base.hostname}", f"--port={base.port or 5432}", f"--username={base.username}"]
    for name in names:
        subprocess.run(["createdb", *admin, name], check=True, capture_output=True)
    yield [base._replace(path=f"/{name}").geturl() for name in names]
    for name in names:
        subprocess.run(["dropdb", *admin, "--if-exists", "--force", name], capture_output=True)


@pytest.mark.skipif(not PG_URL.startswith("postgres"), reason="GAOXIN_DATABASE_URL is not PostgreSQL")
@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump is not installed")
def test_postgresql_restore_into_a_second_database_brings_back_every_row_and_file(pg_databases, tmp_path):
    source_url, target_url = pg_databases
    var, target = tmp_path / "pg-source", tmp_path / "pg-target"
    ok(gaoxin(["migrate", "-v0"], var, source_url))
    ok(gaoxin([], var, source_url, code=BUILD))
    archive = tmp_path / "pg.tar.gz"
    ok(gaoxin(["backup", "--output", str(archive)], var, source_url))
    assert "database.pgdump" in members(archive)
    result = ok(gaoxin(["restore", str(archive)], target, target_url))
    assert pg_rows(target_url) == pg_rows(source_url)
    assert files_of(target) == files_of(var)
    assert "恢复完成" in result.stdout
