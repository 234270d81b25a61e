"""The streaming mode of the import reader (``stream_rows``): the same refusals as
``read_table`` — zip bomb, formula cells, encodings — with rows yielded one at a time."""

import zipfile

import pytest
from django.utils.translation import gettext
from openpyxl import Workbook

from gaoxin.core.imports.readers import FileRejected, read_table, stream_rows


def xlsx(path, rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def test_csv_in_gb18030_streams_with_line_numbers(tmp_path):
    path = tmp_path / "gb.csv"
    path.write_bytes("名称,代码\n江汉铜箔,1\n\n楚天,2\n".encode("gb18030"))
    stream = stream_rows(path)
    assert stream.total == 3
    assert list(stream.rows) == [(1, ["名称", "代码"]), (2, ["江汉铜箔", "1"]), (3, []), (4, ["楚天", "2"])]


def test_csv_with_bom_and_tabs(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes("名称\t代码\n甲,乙\t1\n".encode("utf-8-sig"))
    assert [row for _n, row in stream_rows(path).rows] == [["名称", "代码"], ["甲,乙", "1"]]


def test_a_bad_byte_names_its_line_before_any_row(tmp_path):
    path = tmp_path / "broken.csv"
    good = (
        "名称,代码\n" + "江汉铜箔有限公司,1\n" * 80_000
    )  # past the first megabyte the encoding is judged on
    path.write_bytes(good.encode() + "乙".encode()[:2] + b"\n")
    with pytest.raises(FileRejected) as refused:
        stream_rows(path)
    expected = gettext(
        "Line %(line)d of the file is not valid %(encoding)s text (broken encoding); "
        "nothing was imported. Save the file again as UTF-8 or GB18030."
    )
    assert str(refused.value) == expected % {"line": 80_002, "encoding": "UTF-8"}


@pytest.mark.parametrize(
    "content",
    ["名称\n甲\n".encode() + "乙".encode()[:2] + b"\n", b"a\nb\n\x81\xff\n"],
    ids=["cut-utf8-in-first-megabyte", "neither-encoding"],
)
def test_a_bad_byte_in_the_first_megabyte_names_its_line(tmp_path, content):
    path = tmp_path / "broken.csv"
    path.write_bytes(content)
    with pytest.raises(FileRejected) as refused:
        stream_rows(path)
    expected = gettext("The CSV file is neither UTF-8 nor GB18030 text: line %(line)d cannot be read.")
    assert str(refused.value) == expected % {"line": 3}


def test_binary_content_is_refused(tmp_path):
    path = tmp_path / "binary.csv"
    path.write_bytes(b"a,b\x00\x00\n")
    with pytest.raises(FileRejected):
        stream_rows(path)


def test_xlsx_streams_and_reports_formula_cells_like_read_table(tmp_path):
    path = xlsx(tmp_path / "f.xlsx", [["名称", "数"], ["甲", 1], ["乙", "=B2*2"]])
    stream = stream_rows(path)
    assert stream.total == 2
    assert stream.formula_cells == {(3, 1)} == read_table(path).formula_cells
    assert list(stream.rows)[:2] == [(1, ["名称", "数"]), (2, ["甲", 1])]


def test_zip_bomb_is_refused_by_the_byte_budget(tmp_path, settings):
    path = xlsx(tmp_path / "bomb.xlsx", [["名称"], ["甲"]])
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"0" * (3 * 1024 * 1024))
    settings.XLSX_MAX_UNPACKED_BYTES = 2 * 1024 * 1024
    settings.XLSX_MAX_RATIO = 10**6
    with pytest.raises(FileRejected) as refused:
        stream_rows(path)
    assert "2" in str(refused.value)
    with pytest.raises(FileRejected):
        read_table(path)


def test_zip_bomb_is_refused_by_its_ratio(tmp_path, settings):
    path = xlsx(tmp_path / "ratio.xlsx", [["名称"], ["甲"]])
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"0" * (1024 * 1024))  # deflates ≈ 1000:1
    settings.XLSX_MAX_RATIO = 50  # refused above 500:1
    with pytest.raises(FileRejected) as refused:
        stream_rows(path)
    assert str(refused.value) == gettext(
        "The workbook is compressed suspiciously well; it looks like a zip bomb."
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [("old.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 50), ("fake.xlsx", b"not a zip"), ("data.pdf", b"%PDF-1.4")],
)
def test_other_files_are_refused_as_by_read_table(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(FileRejected) as streamed:
        stream_rows(path)
    with pytest.raises(FileRejected) as whole:
        read_table(path)
    assert str(streamed.value) == str(whole.value)
