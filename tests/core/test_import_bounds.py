"""Imports are bounded in the request, in the stored result and on disk (issue 12.5): a big
upload is only stored and queued, the result keeps the first IMPORT_MAX_ERRORS errors with the
whole list as a downloadable .xlsx (the job's user only), old uploads never committed are purged."""

import io
import os
import time

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from gaoxin.core.imports import service
from gaoxin.core.models import Job
from gaoxin.core.testing import make_uscc

REQUIRED = "此列为必填项。"


def bad_rows_csv(count: int) -> bytes:
    """``count`` rows without their credit code: one error each."""
    lines = ["企业名称,统一社会信用代码"] + [f"随州缺码{index}号有限公司," for index in range(count)]
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def capped(settings):
    settings.IMPORT_MAX_ERRORS = 5


def upload(client, content: bytes, name: str = "企业.csv") -> Job:
    response = client.post(
        reverse("imports:import"), {"kind": "enterprises", "file": SimpleUploadedFile(name, content)}
    )
    return Job.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])


def test_the_result_keeps_the_first_errors_and_counts_all(client, world, capped):
    client.force_login(world.clerk)
    job = upload(client, bad_rows_csv(8))
    result = job.result
    assert [(e["row"], e["column"], e["message"]) for e in result["errors"]] == [
        (row, "统一社会信用代码", REQUIRED) for row in range(2, 7)
    ]
    assert result["error_count"] == 8
    assert result["errors_truncated"] is True
    assert result["errors_file"] is True
    assert result["summary"]["error_rows"] == 8


def test_the_whole_error_list_downloads_as_xlsx_for_the_job_user_only(client, world, capped):
    client.force_login(world.clerk)
    job = upload(client, bad_rows_csv(8), "缺码.csv")
    response = client.get(reverse("imports:errors", args=[job.pk]))
    assert response.status_code == 200
    assert "filename*=UTF-8''%E7%BC%BA%E7%A0%81" in response["Content-Disposition"]  # 缺码…
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("行", "列名", "原因")
    assert rows[1:] == [(row, "统一社会信用代码", REQUIRED) for row in range(2, 10)]
    client.force_login(world.admin)
    assert client.get(reverse("imports:errors", args=[job.pk])).status_code == 404


def test_a_result_under_the_cap_has_no_errors_file(client, world, capped):
    client.force_login(world.clerk)
    job = upload(client, bad_rows_csv(5))
    assert job.result["errors_truncated"] is False
    assert "errors_file" not in job.result
    assert client.get(reverse("imports:errors", args=[job.pk])).status_code == 404


def test_the_api_links_the_errors_file(api, world, capped):
    api.force_authenticate(world.clerk)
    content = SimpleUploadedFile("企业.csv", bad_rows_csv(7))
    response = api.post("/api/imports/", {"kind": "enterprises", "file": content}, format="multipart")
    assert response.status_code == 400
    data = response.json()
    job_id = data["id"]
    assert data["errors_file"] == f"http://testserver/imports/{job_id}/errors/"
    assert len(data["result"]["errors"]) == 5 and data["result"]["error_count"] == 7
    again = api.get(f"/api/imports/{job_id}/").json()
    assert again["errors_file"] == f"http://testserver/imports/{job_id}/errors/"


def test_the_job_page_says_the_list_is_cut_and_links_the_file(client, world, capped):
    client.force_login(world.clerk)
    job = upload(client, bad_rows_csv(8))
    page = client.get(reverse("imports:job", args=[job.pk])).content.decode()
    assert "8 个错误" in page or "8 errors" in page
    assert "仅显示前 5 条" in page
    assert reverse("imports:errors", args=[job.pk]) in page
    assert page.count("<tr><td>第") == 5  # five error rows


def test_a_big_upload_is_stored_and_queued_without_being_read(
    client, world, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.IMPORT_SYNC_MAX_BYTES = 64
    content = f"企业名称,统一社会信用代码\n随州排队有限公司,{make_uscc(811)}\n".encode()
    reads = []
    real_read = service.read_table
    monkeypatch.setattr(service, "read_table", lambda *a, **k: reads.append(a) or real_read(*a, **k))
    client.force_login(world.clerk)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        job = upload(client, content)
    assert (job.status, job.params["background"], job.params["rows"], reads) == ("pending", True, 0, [])
    for callback in queued:
        callback()  # the worker
    job.refresh_from_db()
    assert len(reads) == 1
    assert (job.status, job.params["rows"], job.result["valid"]) == ("succeeded", 1, True)


def test_purge_deletes_old_uploads_never_committed(client, world, settings):
    client.force_login(world.clerk)
    refused = upload(client, bad_rows_csv(2))
    good = upload(client, f"企业名称,统一社会信用代码\n随州留档有限公司,{make_uscc(812)}\n".encode())
    client.post(reverse("imports:commit", args=[good.pk]))
    recent = upload(client, bad_rows_csv(1))
    folder = service.upload_dir()
    orphan = folder / "0b1d5a9e-0000-4000-8000-000000000000.csv"
    orphan.write_bytes(b"x")
    old = time.time() - 31 * 86400
    for job in (refused, good):
        os.utime(job.params["path"], (old, old))
    os.utime(orphan, (old, old))
    out = io.StringIO()
    call_command("purge_uploads", stdout=out)
    assert out.getvalue() == "2 upload(s) deleted\n"
    assert sorted(path.name for path in folder.iterdir()) == sorted([f"{good.pk}.csv", f"{recent.pk}.csv"])
