"""The hostile-file corpus (issue 12.5 and 12.8): every file in tests/corpus/ (made by
tests/corpus/make.py) is refused with its exact message or accepted with its exact rows, and
after a refusal the database is what it was (the job row that records the attempt aside).
The large files (a real zip bomb, 10,001 parts, 1.5 M rows, a 200 MB upload) are made at test
time in a temporary folder; the 1.5 M-row import's memory is measured by the benchmark
(benchmarks/imports.py)."""

from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gaoxin.core.imports import FileRejected
from gaoxin.core.imports.service import import_start
from gaoxin.enterprises.models import Enterprise
from tests.corpus import make

CORPUS = Path(make.__file__).parent
NAMES = ["随州语料一有限公司", "随州语料二有限公司"]
DAMAGED = "工作簿的组成部分 {} 无法读取（文件已损坏）。请在 Excel 中打开，另存为 .xlsx 后再导入。"
DTD = "工作簿的组成部分 {} 含有 DOCTYPE 或实体声明（XXE、“十亿笑”攻击），Excel 不会写入这类内容，文件未经解析即被拒收。"
OLD_XLS = "该文件为旧版 .xls 工作簿，请在 Excel 中另存为 .xlsx 后重新上传。"
ENCRYPTED = "文件已加密（设置了打开密码），请取消密码后另存为 .xlsx 再导入"
TOO_LONG = "最多200个字符，实际为{}个。"
FORMULA = "单元格是公式，请只粘贴数值。"

ACCEPTED = {
    "ok.xlsx": NAMES,
    "ok_inline.xlsx": NAMES,
    "ok_utf8.csv": NAMES,
    "ok_utf8_bom.csv": NAMES,
    "ok_gb18030.csv": NAMES,
    "ok_utf16le.csv": NAMES,
    "ok_utf16be.csv": NAMES,
    "ok_semicolon.csv": NAMES,
    "small_bomb.xlsx": NAMES,  # 12 MB unpacked: under the 500 MB budget (see the budget test)
    "emoji.xlsx": ["随州😀表情🚗有限公司", "随州👨‍👩‍👧家庭有限公司"],
    "emoji.csv": ["随州🚀火箭有限公司"],
}
REFUSED = {
    "billion_laughs.xlsx": DTD.format("xl/workbook.xml"),
    "xxe_sheet.xlsx": DTD.format("xl/worksheets/sheet1.xml"),
    "xxe_utf16.xlsx": DTD.format("xl/worksheets/sheet1.xml"),
    "xxe_shared_strings.xlsx": DTD.format("xl/sharedStrings.xml"),
    "xxe_content_types.xlsx": DTD.format("[Content_Types].xml"),
    "xxe_rels.xlsx": DTD.format("_rels/.rels"),
    "malformed_sheet.xlsx": DAMAGED.format("xl/worksheets/sheet1.xml"),
    "malformed_workbook.xlsx": DAMAGED.format("xl/workbook.xml"),
    "crc_corrupt.xlsx": DAMAGED.format("[Content_Types].xml"),
    "truncated.xlsx": "工作簿已损坏，无法打开（压缩包目录已损坏）。请在 Excel 中重新另存为 .xlsx 后再导入。",
    "no_workbook.xlsx": "该 zip 文件不是 Excel 工作簿（缺少 xl/workbook.xml）。",
    "not_zip.xlsx": "文件扩展名为 .xlsx，但内容不是 Excel 工作簿（不是 zip 文件）。",
    "old_named.xlsx": OLD_XLS,
    "encrypted.xlsx": ENCRYPTED,
    "empty_sheet.xlsx": "文件为空：未找到表头行。",
    "header_only.xlsx": "文件只有表头，没有数据行。",
    "empty.csv": "文件为空：未找到表头行。",
    "header_only.csv": "文件只有表头，没有数据行。",
    "binary.csv": "该文件不是文本格式的 CSV 文件（含有二进制内容）。",
    "latin1.csv": "CSV 文件既不是 UTF-8 编码，也不是 GB18030 编码。",
    "cell_131073.csv": (
        "CSV 文件第2行有一个超过131,072个字符的单元格（可能是引号未闭合，或粘贴了大段文字），未导入任何数据。"
    ),
}
ROW_ERRORS = {
    "formula.xlsx": [(2, "企业名称", FORMULA)],
    "formula_dde.xlsx": [(2, "企业名称", FORMULA)],
    "formula.csv": [
        (2, "企业名称", '疑似表格公式（=HYPERLINK("http://evil.exampl…），已拒绝。'),
        (2, "统一社会信用代码", "统一社会信用代码应为18位，当前为3位。"),
    ],
    "control_chars.xlsx": [(2, "企业名称", "含有不可见的控制字符（U+001B，第3个字符），请删除。")],
    "control_chars.csv": [(2, "企业名称", "含有不可见的控制字符（U+0007，第3个字符），请删除。")],
    "cell_5000.xlsx": [(2, "企业名称", TOO_LONG.format(5000))],
    "cell_5000.csv": [(2, "企业名称", TOO_LONG.format(5000))],
    "cell_131073.xlsx": [(2, "企业名称", TOO_LONG.format(131073))],
    "unclosed_quote.csv": [(2, "统一社会信用代码", "此列为必填项。")],  # the quote runs to the end
}
# by its name, before it is stored (Excel keeps the name .xlsx when it encrypts a workbook)
REFUSED_ON_UPLOAD = dict.fromkeys(("report.pdf", "old.xls", "encrypted.xls"), "只能导入 .xlsx 和 .csv 文件。")


def snapshot() -> dict:
    """Every row of every table but the jobs (an attempt is recorded as a job) and the
    read-only reference data (GB/T tables loaded by migration: their row counts only)."""
    return {
        model._meta.label: (
            model._base_manager.count()
            if model._meta.app_label == "reference"
            else sorted(map(repr, model._base_manager.values_list()))
        )
        for model in apps.get_models()
        if model._meta.label not in {"core.Job", "sessions.Session"} and model._meta.managed
    }


def start(user, path: Path, commit: bool = False):
    upload = SimpleUploadedFile(path.name, path.read_bytes())
    return import_start(user=user, kind="enterprises", upload=upload, commit=commit)


def test_the_corpus_is_the_generated_one_and_every_file_has_its_outcome():
    files = {path.name for path in CORPUS.iterdir() if path.suffix != ".py"}
    assert files == set(make.small_files())
    assert files == set(ACCEPTED) | set(REFUSED) | set(ROW_ERRORS) | set(REFUSED_ON_UPLOAD)
    assert len(files) >= 30
    for name, content in make.small_files().items():
        if not name.startswith(("ok.", "emoji.xlsx")):  # openpyxl stamps the time of writing
            assert (CORPUS / name).read_bytes() == content, f"{name}: run python -m tests.corpus.make"


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_hostile_file_is_refused_with_its_message(world, name):
    before = snapshot()
    job = start(world.clerk, CORPUS / name, commit=True)
    assert job.result["file_error"] == REFUSED[name]
    assert job.result["valid"] is False and job.result["committed"] is False
    assert snapshot() == before


@pytest.mark.parametrize("name", sorted(ROW_ERRORS))
def test_a_file_with_hostile_cells_is_refused_row_by_row(world, name):
    before = snapshot()
    job = start(world.clerk, CORPUS / name, commit=True)
    assert job.result["file_error"] == ""
    assert [(e["row"], e["column"], e["message"]) for e in job.result["errors"]] == ROW_ERRORS[name]
    assert job.result["committed"] is False
    assert snapshot() == before


@pytest.mark.parametrize("name", sorted(REFUSED_ON_UPLOAD))
def test_another_file_type_is_refused_before_it_is_stored(world, name):
    before = snapshot()
    with pytest.raises(FileRejected) as refused:
        start(world.clerk, CORPUS / name)
    assert str(refused.value) == REFUSED_ON_UPLOAD[name]
    assert snapshot() == before


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_a_good_file_is_accepted_with_its_rows(world, name):
    job = start(world.clerk, CORPUS / name, commit=True)
    assert job.result["valid"] is True and job.result["committed"] is True
    assert job.result["summary"]["new"] == len(ACCEPTED[name])
    stored = Enterprise.objects.filter(uscc__in=make.CODES).order_by("uscc")
    assert sorted(stored.values_list("name", flat=True)) == sorted(ACCEPTED[name])


# --- the large ones, made in tmp -------------------------------------------------------------


def test_the_small_bomb_is_refused_by_a_smaller_budget(world, settings):
    settings.XLSX_MAX_UNPACKED_BYTES = 8 * 1024 * 1024
    before = snapshot()
    job = start(world.clerk, CORPUS / "small_bomb.xlsx", commit=True)
    assert job.result["file_error"] == "工作簿解压后超过8 MB，疑似压缩炸弹，已拒绝。"
    assert snapshot() == before


def test_a_real_zip_bomb_stops_at_the_budget(world, tmp_path, settings, django_capture_on_commit_callbacks):
    """The 500 MB budget's bomb costs 10 s to make and inflate; the same shape at 100 MB."""
    settings.XLSX_MAX_UNPACKED_BYTES = 100 * 1024 * 1024
    path = make.zip_bomb(tmp_path / "bomb.xlsx", unpacked_mb=110)
    assert path.stat().st_size < 200 * 1024  # 110 MB in under 200 KB
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        job = start(world.clerk, path, commit=True)
    job.refresh_from_db()
    assert job.result["file_error"] == "工作簿解压后超过100 MB，疑似压缩炸弹，已拒绝。"
    assert snapshot() == before


def test_a_workbook_of_ten_thousand_parts_is_refused(world, tmp_path, django_capture_on_commit_callbacks):
    path = make.many_parts(tmp_path / "parts.xlsx")
    with django_capture_on_commit_callbacks(execute=True):
        job = start(world.clerk, path)
    job.refresh_from_db()
    assert job.result["file_error"] == "工作簿内部组成部分过多，不是正常的 Excel 文件。"


def test_one_and_a_half_million_rows_are_refused_early_for_a_kind_that_cannot_stream(
    client, world, tmp_path, django_capture_on_commit_callbacks
):
    """Above IMPORT_SYNC_MAX_BYTES the request only stores and queues; the worker counts the
    line ends and refuses before it builds a row."""
    path = make.csv_rows(tmp_path / "rows.csv")
    client.force_login(world.clerk)
    before = snapshot()
    with path.open("rb") as handle, django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("imports:import"), {"kind": "enterprises", "file": handle})
    job_id = response["Location"].rstrip("/").split("/")[-1]
    from gaoxin.core.models import Job

    job = Job.objects.get(pk=job_id)
    assert job.params["background"] is True
    assert job.result["file_error"] == (
        "文件约有 1,500,000 行数据，此类导入每次最多 70,000 行。请拆分文件后分批导入。"
    )
    assert snapshot() == before


def test_a_200_mb_upload_is_refused_from_its_content_length(client, world):
    client.force_login(world.clerk)
    client.get(reverse("imports:import"))
    before = snapshot()
    response = client.post(
        reverse("imports:import"),
        data=b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(200 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert snapshot() == before
