"""The hostile-file corpus of the import readers (issue 12): ``python -m tests.corpus.make``
writes the small files into tests/corpus/ (committed); the large ones (a real zip bomb, a
workbook of 10,001 parts, a CSV of 1.5 M rows) are made at test time into a temporary folder
by the functions at the end, and the 200 MB upload is only announced by its Content-Length.

Every file is built here from bytes or with openpyxl, deterministically. A password-protected
workbook is an OLE2 compound file (CFB) holding ``EncryptionInfo`` and ``EncryptedPackage``
streams; neither msoffcrypto-tool nor olefile is a dependency, so ``cfb`` below writes a
minimal valid container (header, one FAT sector, one directory sector, the streams' sectors).
What each file must give is in tests/core/test_corpus.py.
"""

import codecs
import io
import struct
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
HEADER = ["企业名称", "统一社会信用代码"]
CODES = ["91421303P8F33RHJ5N", "91421303QQR340WQ4M", "914213031A4FL7D28F", "91421303TKBNPJ9T84"]
ROWS = [["随州语料一有限公司", CODES[0]], ["随州语料二有限公司", CODES[1]]]

# --- xlsx from raw parts --------------------------------------------------------------

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
DTD_FILE = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
DTD_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)


def _cell(ref: str, value: str) -> str:
    if value.startswith("="):
        return f'<c r="{ref}"><f>{_escape(value[1:])}</f><v>0</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{_escape(value)}</t></is></c>'


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def sheet_xml(rows: list[list[str]], prolog: str = "", body_extra: str = "") -> str:
    lines = []
    for number, row in enumerate(rows, start=1):
        cells = "".join(_cell(f"{chr(65 + index)}{number}", value) for index, value in enumerate(row))
        lines.append(f'<row r="{number}">{cells}</row>')
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{''.join(lines)}{body_extra}</sheetData></worksheet>"
    )


def raw_xlsx(rows=None, **replace) -> bytes:
    """A minimal workbook of inline-string cells; ``replace`` swaps or adds parts by name
    (``sheet=`` for the first worksheet; a value of None leaves a part out)."""
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
        "xl/worksheets/sheet1.xml": sheet_xml([HEADER, *ROWS] if rows is None else rows),
    }
    if "sheet" in replace:
        parts["xl/worksheets/sheet1.xml"] = replace.pop("sheet")
    parts.update(replace)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            if content is not None:  # a fixed date: the same bytes on every run
                info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, content if isinstance(content, bytes) else content.encode())
    return buffer.getvalue()


def openpyxl_xlsx(rows: list[list]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- OLE2 compound files --------------------------------------------------------------

FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def _dir_entry(name: str, kind: int, start: int, size: int, right: int = NOSTREAM, child: int = NOSTREAM):
    encoded = (name + "\0").encode("utf-16-le")
    entry = encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
    entry += struct.pack("<III", NOSTREAM, right, child) + b"\0" * 16 + struct.pack("<I", 0)
    return entry + b"\0" * 16 + struct.pack("<IQ", start, size)


def cfb(streams: list[tuple[str, bytes]]) -> bytes:
    """A version-3 compound file: sector 0 the FAT, sector 1 the directory (root + up to three
    streams as a chain of right siblings), then each stream (≥ 4,096 bytes, so no mini stream)
    in its own run of 512-byte sectors."""
    data_sectors, fat, entries = [], [FATSECT, END], []
    for index, (name, content) in enumerate(streams):
        content = content.ljust(4096, b"\0")
        count = -(-len(content) // 512)
        first = 2 + len(data_sectors)
        fat += [first + i + 1 for i in range(count - 1)] + [END]
        data_sectors += [content[i * 512 : (i + 1) * 512].ljust(512, b"\0") for i in range(count)]
        right = index + 2 if index + 1 < len(streams) else NOSTREAM
        entries.append(_dir_entry(name, 2, first, len(content), right=right))
    directory = _dir_entry("Root Entry", 5, END, 0, child=1) + b"".join(entries)
    header = bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 16
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
    header += struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END, 0, END, 0)
    header += struct.pack("<109I", 0, *[FREE] * 108)
    fat_sector = struct.pack(f"<{len(fat)}I", *fat).ljust(512, b"\xff")
    return header + fat_sector + directory.ljust(512, b"\0") + b"".join(data_sectors)


# --- the corpus -----------------------------------------------------------------------


def _csv(rows: list[list[str]], sep: str = ",") -> str:
    return "".join(sep.join(row) + "\r\n" for row in rows)


def small_files() -> dict[str, bytes]:
    ok_csv = _csv([HEADER, *ROWS])
    ok = raw_xlsx()
    files = {
        "ok.xlsx": openpyxl_xlsx([HEADER, *ROWS]),
        "ok_inline.xlsx": ok,
        "emoji.xlsx": openpyxl_xlsx(
            [HEADER, ["随州😀表情🚗有限公司", CODES[0]], ["随州👨‍👩‍👧家庭有限公司", CODES[1]]]
        ),
        "formula.xlsx": raw_xlsx([HEADER, ["=1+1", CODES[0]], ROWS[1]]),
        "formula_dde.xlsx": raw_xlsx([HEADER, ["=cmd|'/c calc'!A0", CODES[0]]]),
        "control_chars.xlsx": raw_xlsx([HEADER, ["随州_x001B_红字有限公司", CODES[0]]]),
        "cell_5000.xlsx": raw_xlsx([HEADER, ["长" * 5000, CODES[0]]]),
        "cell_131073.xlsx": raw_xlsx([HEADER, ["长" * 131073, CODES[0]]]),
        "xxe_sheet.xlsx": raw_xlsx(
            sheet=sheet_xml([HEADER, ["&xxe;", CODES[0]]], prolog=DTD_FILE).replace("&amp;xxe;", "&xxe;")
        ),
        "xxe_shared_strings.xlsx": raw_xlsx(
            **{"xl/sharedStrings.xml": f'<?xml version="1.0"?>{DTD_FILE}<sst/>'}
        ),
        "xxe_content_types.xlsx": raw_xlsx(
            **{"[Content_Types].xml": CONTENT_TYPES.replace("?>", "?>" + DTD_FILE, 1)}
        ),
        "xxe_rels.xlsx": raw_xlsx(**{"_rels/.rels": ROOT_RELS.replace("?>", "?>" + DTD_FILE, 1)}),
        "xxe_utf16.xlsx": raw_xlsx(
            sheet=codecs.BOM_UTF16_LE
            + sheet_xml([HEADER, *ROWS], prolog=DTD_FILE)
            .replace('encoding="UTF-8"', 'encoding="UTF-16"')
            .encode("utf-16-le")
        ),
        "billion_laughs.xlsx": raw_xlsx(**{"xl/workbook.xml": WORKBOOK.replace("?>", "?>" + DTD_LAUGHS, 1)}),
        "malformed_sheet.xlsx": raw_xlsx(sheet=sheet_xml([HEADER, *ROWS]).replace("</sheetData>", "<row>")),
        "malformed_workbook.xlsx": raw_xlsx(**{"xl/workbook.xml": WORKBOOK[:-20]}),
        "no_workbook.xlsx": raw_xlsx(**{"xl/workbook.xml": None}),
        "not_zip.xlsx": "企业名称,统一社会信用代码\n这不是工作簿\n".encode(),
        "truncated.xlsx": ok[: len(ok) * 2 // 3],
        "crc_corrupt.xlsx": _corrupt(ok),
        "empty_sheet.xlsx": raw_xlsx([]),
        "header_only.xlsx": raw_xlsx([HEADER]),
        "small_bomb.xlsx": raw_xlsx(sheet=sheet_xml([HEADER, *ROWS], body_extra=" " * (12 << 20))),
        "old_named.xlsx": cfb([("Workbook", b"\x09\x08\x10\x00\x00\x06\x05\x00" + b"\0" * 600)]),
        "encrypted.xls": cfb(
            [("EncryptionInfo", b"\x04\x00\x04\x00\x40\x00\x00\x00"), ("EncryptedPackage", b"\x01" * 5000)]
        ),
        "old.xls": cfb([("Workbook", b"\x09\x08\x10\x00\x00\x06\x05\x00" + b"\0" * 600)]),
        "encrypted.xlsx": cfb(
            [
                ("EncryptionInfo", b"\x04\x00\x04\x00\x40\x00\x00\x00"),
                ("EncryptedPackage", bytes(range(256)) * 20),
            ]
        ),
        "ok_utf8.csv": ok_csv.encode(),
        "ok_utf8_bom.csv": codecs.BOM_UTF8 + ok_csv.encode(),
        "ok_gb18030.csv": ok_csv.encode("gb18030"),
        "ok_utf16le.csv": codecs.BOM_UTF16_LE + _csv([HEADER, *ROWS], "\t").encode("utf-16-le"),
        "ok_utf16be.csv": codecs.BOM_UTF16_BE + _csv([HEADER, *ROWS], "\t").encode("utf-16-be"),
        "ok_semicolon.csv": _csv([HEADER, *ROWS], ";").encode(),
        "emoji.csv": _csv([HEADER, ["随州🚀火箭有限公司", CODES[2]]]).encode(),
        "latin1.csv": "企业名称,统一社会信用代码\r\n".encode()
        + b"caf\xe9\xff\xff,"
        + CODES[0].encode()
        + b"\r\n",
        "binary.csv": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64,
        "control_chars.csv": _csv([HEADER, ["随州\x07铃声有限公司", CODES[0]]]).encode(),
        "formula.csv": _csv([HEADER, ['=HYPERLINK("http://evil.example","点我")', CODES[0]]]).encode(),
        "cell_5000.csv": _csv([HEADER, ["长" * 5000, CODES[0]]]).encode(),
        "cell_131073.csv": _csv([HEADER, ['"' + "长" * 131073 + '"', CODES[0]]]).encode(),
        "unclosed_quote.csv": (
            '企业名称,统一社会信用代码\r\n"随州引号有限公司,' + CODES[0] + "\r\n"
        ).encode(),
        "empty.csv": b"",
        "header_only.csv": _csv([HEADER]).encode(),
        "report.pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
    }
    return files


def _corrupt(data: bytes) -> bytes:
    """Flip bytes inside the first member's compressed data (its CRC no longer matches)."""
    start = 30 + struct.unpack("<H", data[26:28])[0] + struct.unpack("<H", data[28:30])[0]
    middle = bytearray(data)
    for offset in range(start + 4, start + 40):
        middle[offset] ^= 0x5A
    return bytes(middle)


# --- large files, made at test time ---------------------------------------------------


def zip_bomb(path: Path, unpacked_mb: int = 520) -> Path:
    """A workbook whose sheet inflates to ``unpacked_mb`` MB of spaces (≈ 0.5 MB on disk)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in (("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS)):
            archive.writestr(name, content)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
            out.write(b'<?xml version="1.0"?><worksheet><sheetData>')
            block = b" " * (1 << 20)
            for _ in range(unpacked_mb):
                out.write(block)
            out.write(b"</sheetData></worksheet>")
    return path


def many_parts(path: Path, parts: int = 10_001) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("xl/workbook.xml", WORKBOOK)
        for index in range(parts):
            archive.writestr(f"xl/media/p{index}.bin", b"")
    return path


def csv_rows(path: Path, rows: int = 1_500_000) -> Path:
    """A CSV of ``rows`` data rows (short ones: 1.5 M rows in ≈ 14 MB)."""
    with path.open("wb") as out:
        out.write(",".join(HEADER).encode() + b"\n")
        line = b"x,y\n"
        for _ in range(rows // 10_000):
            out.write(line * 10_000)
        out.write(line * (rows % 10_000))
    return path


def main(folder: Path = HERE) -> None:
    for name, content in small_files().items():
        (folder / name).write_bytes(content)
    print(f"{len(small_files())} files written to {folder}", file=sys.stderr)


if __name__ == "__main__":
    main()
