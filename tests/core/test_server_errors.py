"""The server errors found by the fuzzing run and by hand (issue 12.7): each is a 4xx with a
clear message, and nothing changes."""

import pytest
from django.urls import reverse

from gaoxin.attraction.models import ScreeningStandard
from gaoxin.indicators.models import Indicator, Observation, Target

ZERO_ID = "0" * 36


@pytest.fixture
def output(world):
    return Indicator.objects.create(code="output", name="规模以上工业总产值", unit="万元", kind="level")


@pytest.mark.parametrize("persona", ["clerk", "firm_user", "auditor"])
def test_committing_an_import_that_is_not_a_uuid_is_a_404(api, world, persona):
    api.force_authenticate(getattr(world, persona))
    response = api.post(f"/api/imports/{ZERO_ID}/commit/")
    assert response.status_code == 404
    assert response.json() == {"detail": "未找到。"}
    assert api.post("/api/imports/00000000-0000-0000-0000-000000000000/commit/").status_code == 404


def test_a_second_observation_for_the_same_period_is_a_400(api, world, output):
    api.force_authenticate(world.admin)
    body = {
        "indicator": "output",
        "scope": "zone",
        "year": 2025,
        "month": 9,
        "value": "10",
        "source": "bureau",
    }
    assert api.post("/api/observations/", body, format="json").status_code == 201
    response = api.post("/api/observations/", body, format="json")
    assert response.status_code == 400
    assert Observation.objects.count() == 1
    other = api.post("/api/observations/", {**body, "month": 8}, format="json").json()
    moved = api.patch(f"/api/observations/{other['id']}/", {"month": 9}, format="json")
    assert moved.status_code == 400
    assert Observation.objects.get(pk=other["id"]).month == 8


def test_a_duplicate_target_is_a_400(api, world, output):
    api.force_authenticate(world.admin)
    body = {"indicator": "output", "year": 2025, "scope": "zone", "basis": "growth", "base_value": "10"}
    first = api.post("/api/targets/", body, format="json")
    assert first.status_code == 201, first.json()
    response = api.post("/api/targets/", body, format="json")
    assert response.status_code == 400
    assert Target.objects.count() == 1


def test_a_standard_valid_from_after_valid_to_is_a_400(api, world):
    api.force_authenticate(world.admin)
    body = {
        "name": "示例",
        "valid_from": 2026,
        "valid_to": 2025,
        "min_intensity": "300",
        "min_tax_per_mu": "20",
    }
    response = api.post("/api/screening-standards/", body, format="json")
    assert response.status_code == 400
    assert not ScreeningStandard.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "/api/qualifications/?enterprise=-4.9e+225",
        "/api/signings/?year=0.0",
        "/api/signings/?year=99999",
        "/api/signings/?amount_min=1e400",
    ],
)
def test_absurd_filter_values_are_a_400(api, world, url):
    api.force_authenticate(world.leader)
    assert api.get(url).status_code == 400


def test_the_observation_export_works_for_every_value(client, world, output):
    Observation.objects.create(
        indicator=output, scope="zone", year=2025, month=9, value=5, growth=1, source="bureau"
    )
    client.force_login(world.clerk)
    response = client.get("/economy/observations/?export=xlsx")
    assert response.status_code == 200


def test_a_standard_edit_page_opens(client, world):
    standard = ScreeningStandard.objects.create(
        name="示例", valid_from=2025, min_intensity=300, min_tax_per_mu=20
    )
    client.force_login(world.admin)
    assert client.get(reverse("attraction:standard_edit", args=[standard.pk])).status_code == 200


def test_a_csv_cell_over_the_csv_field_limit_is_a_row_error(client, api, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gaoxin.core.models import Job

    content = ("企业名称,统一社会信用代码\n" + "甲" * 131_073 + ",x\n").encode()
    client.force_login(world.clerk)
    response = client.post(
        reverse("imports:import"), {"kind": "enterprises", "file": SimpleUploadedFile("企业.csv", content)}
    )
    assert response.status_code in (200, 302, 400)
    api.force_authenticate(world.clerk)
    answer = api.post(
        "/api/imports/", {"kind": "enterprises", "file": SimpleUploadedFile("企业.csv", content)}
    )
    assert answer.status_code == 400
    message = (
        "CSV 文件第2行有一个超过131,072个字符的单元格（可能是引号未闭合，或粘贴了大段文字），未导入任何数据。"
    )
    assert message in str(answer.json())
    assert Job.objects.count() >= 1


def test_a_utf16_csv_is_read(api, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gaoxin.core.testing import make_uscc

    content = f"企业名称,统一社会信用代码\n随州十六位有限公司,{make_uscc(903)}\n".encode("utf-16")
    api.force_authenticate(world.clerk)
    answer = api.post(
        "/api/imports/", {"kind": "enterprises", "file": SimpleUploadedFile("企业.csv", content)}
    )
    assert answer.status_code == 200, answer.json()
    assert answer.json()["result"]["summary"]["new"] == 1
