"""The OpenAPI document tells the truth (issue 12.7): the answers the fuzzing run found outside
the schema, each checked against the served document by schemathesis' own validation.

- Read-only names of an optional link (a lead without a node, a project without a leader, an
  enterprise without a region, an indicator without a numerator, a target nobody added) are
  ``null`` in the body, declared nullable, and present after a partial update too.
- A refused import's 400 body (a missing file, a dry run with row errors) is in the schema.
- Every refusal (400, 403, 404, 412, 429) is documented with its body (core/openapi.py)."""

import io
import json

import pytest
from django.core.cache import cache

from gaoxin.attraction import services_leads
from gaoxin.chains.models import Target, TargetList
from gaoxin.core.openapi import refusals_of
from gaoxin.enterprises.models import Enterprise
from gaoxin.indicators.models import Indicator
from gaoxin.projects.models import Project
from tests.chains.test_contract import registry_company
from tests.factories import clerk_department, make_project
from tests.openapi import call, load_schema, openapi_document


@pytest.fixture(scope="module")
def schema():
    return load_schema()


def conforms(schema, path_template, method, response) -> None:
    """The status code is documented for the operation and schemathesis' response checks
    (content type, body) pass against the document."""
    operation = schema[path_template][method]
    assert str(response.status_code) in operation.definition.raw["responses"], response.status_code
    operation.validate_response(response)


def test_a_lead_without_node_or_department_conforms(schema, world):
    lead = services_leads.lead_create(user=world.clerk, company_name="某锂电公司")
    lead.department = None
    lead.save()
    response = call(world.admin, "GET", f"/api/leads/{lead.pk}/")
    assert response.status_code == 200
    assert (response.json["node_name"], response.json["department_name"]) == (None, None)
    conforms(schema, "/api/leads/{id}/", "GET", response)
    patched = call(world.admin, "PATCH", f"/api/leads/{lead.pk}/", json={"note": "再访"})
    assert patched.status_code == 200, patched.json
    assert patched.json["node_name"] is None  # a partial update keeps the field (it was missing)
    conforms(schema, "/api/leads/{id}/", "PATCH", patched)


def test_a_project_without_leader_park_or_department_conforms(schema, world):
    project = make_project(world, world.firm_a, park=None)
    Project.objects.filter(pk=project.pk).update(lead_department=None)
    response = call(world.admin, "GET", f"/api/projects/{project.pk}/")
    assert response.status_code == 200
    body = response.json
    assert (body["leader_name"], body["park_name"], body["lead_department_name"]) == (None, None, None)
    conforms(schema, "/api/projects/{id}/", "GET", response)
    patched = call(world.admin, "PATCH", f"/api/projects/{project.pk}/", json={"note": "已约谈"})
    assert patched.status_code == 200, patched.json
    assert patched.json["leader_name"] is None
    conforms(schema, "/api/projects/{id}/", "PATCH", patched)


def test_a_created_project_answers_every_field_and_its_light(schema, world):
    department = clerk_department(world)
    body = {
        "code": "XM-NEW",
        "name": "新建智能装备项目",
        "enterprise": world.firm_a.pk,
        "nature": "new",
        "stage": "signed",
        "total_investment": "30000",
        "lead_department": department.pk,
        "frequency": "monthly",
    }
    response = call(world.clerk, "POST", "/api/projects/", json=body)
    assert response.status_code == 201, response.json
    created = response.json
    assert {"year_plan", "year_completed", "year_months", "year_period"} <= set(created)  # were missing
    assert created["light"] == Project.objects.get(pk=created["id"]).light  # after the recomputation
    conforms(schema, "/api/projects/", "POST", response)


def test_an_enterprise_without_region_conforms(schema, world):
    Enterprise.objects.filter(pk=world.firm_a.pk).update(region=None)  # a code without a known region
    response = call(world.admin, "GET", f"/api/enterprises/{world.firm_a.pk}/")
    assert response.status_code == 200
    assert response.json["region_name"] is None
    conforms(schema, "/api/enterprises/{id}/", "GET", response)
    patched = call(
        world.admin, "PATCH", f"/api/enterprises/{world.firm_a.pk}/", json={"address": "创新路1号"}
    )
    assert patched.status_code == 200, patched.json
    assert "region_name" in patched.json  # the save derives the region from the credit code again
    conforms(schema, "/api/enterprises/{id}/", "PATCH", patched)


def test_an_indicator_without_numerator_conforms(schema, world):
    indicator = Indicator.objects.create(code="output", name="规模以上工业总产值", unit="万元", kind="level")
    response = call(world.clerk, "GET", f"/api/indicators/{indicator.pk}/")
    assert response.status_code == 200
    assert (response.json["numerator"], response.json["denominator"]) == (None, None)
    conforms(schema, "/api/indicators/{id}/", "GET", response)


def test_a_target_nobody_added_conforms(schema, world):
    target_list = TargetList.objects.create(name="2025 铜箔目标")
    Target.objects.create(target_list=target_list, company=registry_company(1))
    response = call(world.clerk, "GET", f"/api/target-lists/{target_list.pk}/")
    assert response.status_code == 200
    assert response.json["targets"][0]["added_by_name"] is None
    conforms(schema, "/api/target-lists/{id}/", "GET", response)


def test_an_import_without_a_file_is_a_documented_400(schema, world):
    response = call(world.clerk, "POST", "/api/imports/", data={"kind": "enterprises"})
    assert response.status_code == 400
    assert response.json == {"file": ["请选择要上传的文件。"]}
    conforms(schema, "/api/imports/", "POST", response)


def test_a_dry_run_with_row_errors_is_a_documented_400(schema, world):
    csv = "统一社会信用代码,企业名称\n不是代码,某公司\n".encode()
    response = call(
        world.clerk,
        "POST",
        "/api/imports/",
        data={"kind": "enterprises", "file": (io.BytesIO(csv), "企业.csv")},
    )
    assert response.status_code == 400
    assert response.json["result"]["valid"] is False
    conforms(schema, "/api/imports/", "POST", response)


def test_refusals_are_documented_with_their_bodies(schema, world):
    missing = call(world.clerk, "GET", "/api/enterprises/999999999/")
    assert missing.status_code == 404
    conforms(schema, "/api/enterprises/{id}/", "GET", missing)
    other_firm = call(world.firm_user, "GET", f"/api/enterprises/{world.firm_b.pk}/")
    assert other_firm.status_code == 404
    conforms(schema, "/api/enterprises/{id}/", "GET", other_firm)
    denied = call(world.auditor, "POST", "/api/enterprises/", json={"name": "某公司"})
    assert denied.status_code == 403
    conforms(schema, "/api/enterprises/", "POST", denied)
    invalid = call(world.clerk, "GET", "/api/qualifications/?enterprise=abc")
    assert invalid.status_code == 400
    conforms(schema, "/api/qualifications/", "GET", invalid)
    stale = call(
        world.clerk,
        "PATCH",
        f"/api/enterprises/{world.firm_a.pk}/",
        json={"address": "创新路2号"},
        headers={"If-Match": '"stale"'},
    )
    assert stale.status_code == 412
    conforms(schema, "/api/enterprises/{id}/", "PATCH", stale)


def test_a_body_without_a_readable_content_type_is_a_documented_415(schema, world):
    response = call(
        world.clerk,
        "PATCH",
        f"/api/enterprises/{world.firm_a.pk}/",
        data=b"address=x",
        content_type="text/plain",
    )
    assert response.status_code == 415
    assert response.json == {"detail": "不支持请求中的媒体类型 “text/plain”。"}
    conforms(schema, "/api/enterprises/{id}/", "PATCH", response)


def test_too_many_requests_is_documented(schema, world, monkeypatch):
    from rest_framework.throttling import UserRateThrottle

    cache.clear()
    # monkeypatch puts the inherited attribute back as it was (never shadowed on the subclass)
    monkeypatch.setattr(
        UserRateThrottle, "THROTTLE_RATES", {**UserRateThrottle.THROTTLE_RATES, "user": "1/min"}
    )
    assert call(world.clerk, "GET", "/api/me/").status_code == 200
    throttled = call(world.clerk, "GET", "/api/me/")
    monkeypatch.undo()
    assert throttled.status_code == 429
    conforms(schema, "/api/me/", "GET", throttled)


def test_each_operation_lists_its_refusals(db):
    document = openapi_document()
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in {"get", "post", "put", "patch", "delete"}:
                assert set(refusals_of(method, operation)) <= set(operation["responses"]), (method, path)
    detail = document["paths"]["/api/enterprises/{id}/"]
    assert sorted(detail["patch"]["responses"]) == ["200", "400", "403", "404", "412", "415", "429"]
    assert sorted(detail["get"]["responses"]) == ["200", "403", "404", "429"]
    assert sorted(document["paths"]["/api/me/"]["get"]["responses"]) == ["200", "403", "429"]
    assert document["components"]["schemas"]["Error"]["required"] == ["detail"]


def test_the_fuzzing_run_reads_the_document_the_api_serves(api, world):
    api.force_authenticate(world.firm_user)
    response = api.get("/api/schema/?format=json")
    assert response.status_code == 200
    assert json.loads(response.content) == openapi_document()
