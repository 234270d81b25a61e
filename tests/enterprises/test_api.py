"""The REST API: same permissions and scope as the pages, filters, token auth, imports."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from rest_framework.authtoken.models import Token

from gaoxin.core.models import Job, ObjectChange
from gaoxin.core.testing import make_uscc, xlsx_bytes
from gaoxin.enterprises.models import AnnualFacts, Enterprise, Qualification
from tests.factories import facts, qualification

D = datetime.date


def test_me_tells_roles_and_the_bound_enterprise(api, world):
    api.force_authenticate(world.firm_user)
    body = api.get("/api/me/").json()
    assert body["username"] == "firm_a"
    assert body["roles"] == ["enterprise"]
    assert body["enterprise"] == {"id": world.firm_a.pk, "name": world.firm_a.name, "uscc": world.firm_a.uscc}


def test_token_auth_created_by_the_cli(api, world):
    call_command("drf_create_token", "clerk", stdout=io.StringIO())
    token = Token.objects.get(user=world.clerk)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = api.get("/api/enterprises/")
    assert response.status_code == 200
    assert response.json()["count"] == 2


def test_anonymous_is_refused(api, world):
    assert api.get("/api/enterprises/").status_code in (401, 403)


def test_filters_uscc_park_q_and_qualification_valid_on(api, world):
    qualification(world.firm_a, "high_tech", D(2021, 12, 15))
    api.force_authenticate(world.leader)

    def names(query):
        return [row["name"] for row in api.get(f"/api/enterprises/?{query}").json()["results"]]

    assert names(f"uscc={world.firm_b.uscc.lower()}") == [world.firm_b.name]
    assert names(f"park={world.park.pk}") == [world.firm_a.name]
    assert names("q=乙企业") == [world.firm_b.name]
    assert names("qualification=high_tech&valid_on=2024-12-14") == [world.firm_a.name]
    assert names("qualification=high_tech&valid_on=2024-12-15") == []


def test_enterprise_user_of_a_gets_404_on_b_for_every_method(api, world):
    b = world.firm_b
    item = qualification(b, "high_tech", D(2023, 12, 1))
    year = facts(b, 2024)
    api.force_authenticate(world.firm_user)
    before = (
        list(Enterprise.objects.values()),
        list(Qualification.objects.values()),
        list(AnnualFacts.objects.values()),
    )
    for url in (
        f"/api/enterprises/{b.pk}/",
        f"/api/qualifications/{item.pk}/",
        f"/api/annual-facts/{year.pk}/",
    ):
        assert api.get(url).status_code == 404, url
        assert api.patch(url, {"name": "x", "note": "x"}, format="json").status_code == 404, url
        assert api.put(url, {"name": "x"}, format="json").status_code == 404, url
        assert api.delete(url).status_code == 404, url
    # Naming firm B in a new record is a 404 too, checked before permissions.
    response = api.post(
        "/api/qualifications/",
        {"enterprise": b.pk, "type": "high_tech", "granted_on": "2024-01-01"},
        format="json",
    )
    assert response.status_code == 404
    response = api.post("/api/annual-facts/", {"enterprise": b.pk, "year": 2023}, format="json")
    assert response.status_code == 404
    after = (
        list(Enterprise.objects.values()),
        list(Qualification.objects.values()),
        list(AnnualFacts.objects.values()),
    )
    assert before == after


def test_enterprise_user_reads_own_firm_only(api, world):
    api.force_authenticate(world.firm_user)
    body = api.get("/api/enterprises/").json()
    assert [row["id"] for row in body["results"]] == [world.firm_a.pk]
    assert api.patch(f"/api/enterprises/{world.firm_a.pk}/", {"name": "x"}, format="json").status_code == 403


def test_clerk_creates_updates_with_audit_and_cannot_delete(api, world):
    api.force_authenticate(world.clerk)
    code = make_uscc(77)
    response = api.post(
        "/api/enterprises/",
        {
            "name": "接口新建有限公司",
            "uscc": code.lower(),
            "industry": "3841",
            "registered_capital": "12.5",
            "tags": [],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["uscc"], body["region"], body["registered_capital"]) == (code, "421303", "12.5000")
    created = Enterprise.objects.get(uscc=code)
    response = api.patch(f"/api/enterprises/{created.pk}/", {"status": "moved_out"}, format="json")
    assert response.status_code == 200
    actions = list(
        ObjectChange.objects.for_object(created).order_by("id").values_list("action", "source", "user_name")
    )
    assert actions == [("create", "api", "clerk"), ("status", "api", "clerk")]
    assert api.delete(f"/api/enterprises/{created.pk}/").status_code == 403


def test_bad_credit_code_and_duplicate_are_400_with_chinese_messages(api, world):
    api.force_authenticate(world.clerk)
    code = make_uscc(78)
    bad = code[:17] + ("0" if code[17] != "0" else "1")
    response = api.post("/api/enterprises/", {"name": "x", "uscc": bad}, format="json")
    assert response.status_code == 400
    assert response.json()["uscc"][0].startswith("校验位错误")
    response = api.post("/api/enterprises/", {"name": "x", "uscc": world.firm_a.uscc}, format="json")
    assert response.status_code == 400
    assert response.json()["uscc"] == ["该统一社会信用代码的企业已登记。"]
    assert Enterprise.objects.count() == 2


def test_qualification_expiry_filled_and_checked(api, world):
    api.force_authenticate(world.clerk)
    response = api.post(
        "/api/qualifications/",
        {"enterprise": world.firm_a.pk, "type": "high_tech", "granted_on": "2023-12-08"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["expires_on"] == "2026-12-07"
    response = api.post(
        "/api/qualifications/",
        {
            "enterprise": world.firm_a.pk,
            "type": "gazelle",
            "granted_on": "2023-12-08",
            "expires_on": "2023-01-01",
        },
        format="json",
    )
    assert response.status_code == 400


def test_industries_are_read_only_reference(api, world):
    api.force_authenticate(world.firm_user)
    body = api.get("/api/industries/?q=C3841").json()
    assert body["results"][0]["code"] == "3841"
    assert body["results"][0]["full_code"] == "C3841"
    assert api.post("/api/industries/", {"code": "9999"}, format="json").status_code in (403, 405)


def test_audit_api_for_auditors_only(api, world):
    for user in (world.leader, world.clerk, world.firm_user):
        api.force_authenticate(user)
        assert api.get("/api/audit/").status_code == 403
    api.force_authenticate(world.auditor)
    assert api.get("/api/audit/").json()["count"] == ObjectChange.objects.count() > 0


def test_parks_api(api, world):
    api.force_authenticate(world.firm_user)
    assert [p["name"] for p in api.get("/api/parks/").json()["results"]] == ["城东园区", "城北园区"]


def test_import_api_dry_run_then_commit(api, world):
    api.force_authenticate(world.clerk)
    header = ["企业名称", "统一社会信用代码"]
    content = xlsx_bytes(
        header, [["接口导入有限公司", make_uscc(90)], ["坏代码有限公司", "91421303MA000000X1"]]
    )
    response = api.post(
        "/api/imports/",
        {"kind": "enterprises", "commit": "false", "file": SimpleUploadedFile("e.xlsx", content)},
        format="multipart",
    )
    assert response.status_code == 400
    result = response.json()["result"]
    assert result["summary"]["new"] == 1
    assert [(e["row"], e["column"]) for e in result["errors"]] == [(3, "统一社会信用代码")]
    good = xlsx_bytes(header, [["接口导入有限公司", make_uscc(90)]])
    response = api.post(
        "/api/imports/",
        {"kind": "enterprises", "commit": "true", "file": SimpleUploadedFile("e.xlsx", good)},
        format="multipart",
    )
    assert response.status_code == 201
    assert response.json()["result"]["committed"] is True
    assert Enterprise.objects.filter(name="接口导入有限公司").exists()
    assert api.get(f"/api/imports/{response.json()['id']}/").json()["status"] == "succeeded"


def test_import_api_template(api, world):
    api.force_authenticate(world.clerk)
    response = api.get("/api/imports/template/?kind=annual-facts")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert api.get("/api/imports/template/?kind=nope").status_code == 404


def test_import_api_refuses_enterprise_users(api, world):
    api.force_authenticate(world.firm_user)
    content = xlsx_bytes(["统一社会信用代码", "年度"], [[world.firm_b.uscc, 2024]])
    response = api.post(
        "/api/imports/",
        {"kind": "annual-facts", "file": SimpleUploadedFile("f.xlsx", content)},
        format="multipart",
    )
    assert response.status_code == 403
    assert Job.objects.count() == 0


def test_upload_over_the_limit_is_413_on_the_api(api, world):
    api.force_authenticate(world.clerk)
    response = api.generic(
        "POST",
        "/api/imports/",
        b"x",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(200 * 1024 * 1024),
    )
    assert response.status_code == 413


def test_openapi_schema_is_valid(db, tmp_path):
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    text = out.read_text()
    for path in (
        "/api/enterprises/",
        "/api/qualifications/",
        "/api/annual-facts/",
        "/api/parks/",
        "/api/industries/",
        "/api/audit/",
        "/api/imports/",
        "/api/me/",
    ):
        assert path in text


def test_docs_page_loads_swagger_locally(client, world):
    client.force_login(world.clerk)
    content = client.get(reverse("api-docs")).content.decode()
    assert "/static/drf_spectacular_sidecar/" in content
    assert "cdn" not in content.lower()
