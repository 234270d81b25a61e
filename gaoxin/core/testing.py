"""Test helpers that know no domain: users with a role, credit codes, xlsx builders, the
Chromium of the browser tests.

They live in the package because scripts/screenshots.py uses them too. Personas and
factories that need domain models are in tests/personas.py and tests/factories.py; the
generic contract every audited model passes is tests/contract.py.
"""

import io
import random
import shutil

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
