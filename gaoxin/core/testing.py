"""Test helpers that know no domain: users with a role, credit codes, xlsx builders, the
Chromium of the browser tests, what poppler reads from a rendered PDF.

They live in the package because scripts/screenshots.py uses them too. Personas and
factories that need domain models are in tests/personas.py and tests/factories.py; the
generic contract every audited model passes is tests/contract.py.
"""

import io
import random
import re
import shutil
import subprocess
import tempfile
from typing import NamedTuple

import openpyxl
from django.contrib.auth.models import Group, User

from . import uscc

PASSWORD = "pw-for-tests"
# Debian's chromium, headless, with nothing that calls out to the network (library-spikes §8).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str:
    return shutil.which("chromium") or "/usr/bin/chromium"


def make_uscc(seed: int, region: str = "421303") -> str:
    return uscc.generate(random.Random(seed), region)


def xlsx_bytes(header: list, rows: list[list], sheet: str = "Sheet1") -> bytes:
    """A real .xlsx written by openpyxl (numbers and dates as native cells)."""
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = sheet
    ws.append(header)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read_xlsx(content: bytes) -> list[list]:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]


def make_user(username: str, role: str | None = None, superuser: bool = False) -> User:
    user = User.objects.create_user(username, password=PASSWORD, is_superuser=superuser, is_staff=superuser)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


# --- rendered documents ---------------------------------------------------------------------

PLACEHOLDERS = ("请在此补充", "请在此填写", "Lorem", "None", "nan")


class RenderedPdf(NamedTuple):
    """What poppler reads from a PDF: its page count, each font with whether it is
        embedded, and the text without white space (a sentence broken across lines reads whole;
    LibreOffice spaces digits from Chinese characters)."""

    pages: int
    fonts: list[tuple[str, bool]]
    text: str


def read_pdf(pdf: bytes, png_prefix: str | None = None) -> RenderedPdf:
    """``pdfinfo``, ``pdffonts`` and ``pdftotext`` of ``pdf``; with ``png_prefix`` every page
    is also drawn to PNG at 60 dpi (``pdftoppm``) for a person to look at."""
    with tempfile.TemporaryDirectory(prefix="gaoxin-pdf-") as work:
        path = f"{work}/document.pdf"
        with open(path, "wb") as handle:
            handle.write(pdf)
        info = _poppler("pdfinfo", path)
        pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1])
        fonts = [
            (line.split()[0], line.split()[-5] == "yes")
            for line in _poppler("pdffonts", path).splitlines()[2:]
            if line.strip()
        ]
        text = re.sub(r"\s+", "", _poppler("pdftotext", path, "-"))
        if png_prefix:
            subprocess.run(["pdftoppm", "-r", "60", "-png", path, png_prefix], check=True, timeout=120)
    return RenderedPdf(pages, fonts, text)


def _poppler(program: str, *args: str) -> str:
    return subprocess.run([program, *args], capture_output=True, text=True, check=True, timeout=120).stdout


def commit_data_generation(using: str = "default") -> None:
    """What the commit of the data written so far does to the data generation (ADR 0015),
    for a test, which runs inside a transaction that never commits: the pending bump runs
    now, and the cached figures are read and kept again until the next write."""
    from django.db import connections

    token = getattr(connections[using], "_gaoxin_generation_token", None)
    if token is not None:
        token()
