"""One control character must not break every export (issue 12.6): it is refused on every entry
path with the place named, and an old stored value never makes the .xlsx writer fail."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gaoxin.core.models import Job
from gaoxin.core.testing import make_uscc
from gaoxin.core.text import control_error, strip_control
from gaoxin.enterprises.models import Enterprise

ESC_NAME = "\x1b[31m随州红字有限公司"


def test_the_message_names_the_character_and_its_place():
    assert control_error("随州\x07钢铁") == "含有不可见的控制字符（U+0007，第3个字符），请删除。"
    assert control_error("第一行\n第二行\t制表") is None  # line breaks and tabs are text
    assert control_error("\x9b") == "含有不可见的控制字符（U+009B，第1个字符），请删除。"
    assert strip_control(ESC_NAME) == "[31m随州红字有限公司"


def test_the_api_refuses_it_with_the_field_named(api, world):
    api.force_authenticate(world.clerk)
    count = Enterprise.objects.count()
    response = api.post("/api/enterprises/", {"name": ESC_NAME, "uscc": make_uscc(901)}, format="json")
    assert response.status_code == 400
    assert response.json()["name"] == ["含有不可见的控制字符（U+001B，第1个字符），请删除。"]
    assert Enterprise.objects.count() == count


def test_the_edit_form_refuses_it(client, world):
    client.force_login(world.clerk)
    firm = world.firm_a
    page = client.get(reverse("enterprises:enterprise_edit", args=[firm.pk]))
    data = {k: v for k, v in page.context["form"].initial.items() if v is not None}
    data = {k: (v.pk if hasattr(v, "pk") else v) for k, v in data.items()}
    data["name"] = ESC_NAME
    response = client.post(reverse("enterprises:enterprise_edit", args=[firm.pk]), data)
    assert response.status_code == 400  # the form again, with the error
    assert "含有不可见的控制字符（U+001B，第1个字符），请删除。" in response.content.decode()
    firm.refresh_from_db()
    assert firm.name == "甲企业有限公司"


def test_an_import_refuses_it_with_row_and_column(client, world):
    client.force_login(world.clerk)
    count = Enterprise.objects.count()
    content = f"企业名称,统一社会信用代码\n{ESC_NAME},{make_uscc(902)}\n".encode()
    response = client.post(
        reverse("imports:import"), {"kind": "enterprises", "file": SimpleUploadedFile("企业.csv", content)}
    )
    job = Job.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])
    errors = [(e["row"], e["column"], e["message"]) for e in job.result["errors"]]
    assert errors == [(2, "企业名称", "含有不可见的控制字符（U+001B，第1个字符），请删除。")]
    assert Enterprise.objects.count() == count


@pytest.mark.parametrize("url", ["/enterprises/?export=xlsx", "/imports/export/enterprises/"])
def test_a_stored_control_character_does_not_break_the_export(client, world, url):
    Enterprise.objects.filter(pk=world.firm_a.pk).update(name=ESC_NAME)  # an old value, from before the rule
    client.force_login(world.clerk)
    response = client.get(url)
    assert response.status_code == 200
    book = openpyxl.load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    values = {cell for row in book.worksheets[0].iter_rows(values_only=True) for cell in row}
    assert "[31m随州红字有限公司" in values
