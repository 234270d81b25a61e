"""What the zone holds about us (我的档案) and corrections (更正, issue 15 item 2): the firm sees
its dossier and asks to correct a field; the request goes to the department that owns the
record; applying it changes the record through its own checks with an audit entry that names
the request; a firm never reaches another firm's record."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from gaoxin.core.models import ObjectChange
from gaoxin.enterprises.models import AnnualFacts
from gaoxin.portal import corrections
from gaoxin.portal.models import Correction, FirmRequest, RequestCategory
from tests.factories import clerk_department, facts, make_project

from .helpers import D, department, firm_colleague

pytestmark = pytest.mark.django_db
S = FirmRequest.Status


@pytest.fixture
def routed(world):
    """信息更正 goes to 经济发展局 (the clerk's department)."""
    category = RequestCategory.objects.get(code="correction")
    category.department = clerk_department(world)
    category.save()
    return category


def ask(world, obj, field="rd_expense", proposed="1,250.5", reason="以2024年度审计报告为准", user=None):
    return corrections.correction_raise(
        user=user or world.firm_user,
        label=obj._meta.label_lower,
        pk=obj.pk,
        field=field,
        proposed=proposed,
        reason=reason,
        day=D(2025, 9, 30),
    )


def test_the_firm_asks_and_the_request_goes_to_the_category_department(world, routed):
    row = facts(world.firm_a, 2024, rd_expense=Decimal("980.0000"))
    correction = ask(world, row)
    req = correction.request
    assert (req.category.code, req.department.name, req.status) == ("correction", "经济发展局", S.SUBMITTED)
    assert req.accept_due == D(2025, 10, 10)  # 2 working days after 30 September across 国庆: 9, 10 October
    assert (correction.field_label, correction.current_value, correction.proposed_value) == (
        "研发费用",
        "980",
        "1,250.5",
    )
    assert "研发费用：现为“980”，应为“1,250.5”。" in req.text


def test_a_project_correction_goes_to_the_project_lead_department(world, routed):
    other = department(world, "建设局", firm_colleague(world, "builder"))
    project = make_project(world, world.firm_a)
    project.lead_department = other
    project.save()
    correction = ask(world, project, field="total_investment", proposed="9000")
    assert correction.request.department == other


def test_applying_changes_the_record_and_the_audit_names_the_request(world, routed):
    row = facts(world.firm_a, 2024, rd_expense=Decimal("980"))
    correction = ask(world, row)
    corrections.correction_apply(user=world.clerk, correction=correction, raw="1250.5", day=D(2025, 10, 9))
    row.refresh_from_db()
    assert row.rd_expense == Decimal("1250.5")
    correction.refresh_from_db()
    req = correction.request
    req.refresh_from_db()
    assert (correction.status, correction.applied_value, correction.decided_by) == (
        "applied",
        "1,250.5",
        world.clerk,
    )
    assert (req.status, req.accepted_on, req.answered_on) == (S.ANSWERED, D(2025, 10, 9), D(2025, 10, 9))
    assert "“980” → “1,250.5”" in req.answer
    change = ObjectChange.objects.filter(
        content_type__model="annualfacts", object_id=row.pk, action="update"
    ).get()
    assert change.message == f"依企业诉求第{req.pk}号“更正研发费用”更正"
    assert (change.prechange_data["rd_expense"], change.postchange_data["rd_expense"]) == (
        "980.0000",
        "1250.5000",
    )
    assert change.user == world.clerk


def test_a_value_the_record_refuses_changes_nothing(world, routed):
    row = facts(world.firm_a, 2024, rd_expense=Decimal("980"))
    correction = ask(world, row, proposed="一千二")
    with pytest.raises(ValidationError):
        corrections.correction_apply(
            user=world.clerk, correction=correction, raw="一千二", day=D(2025, 10, 9)
        )
    row.refresh_from_db()
    correction.refresh_from_db()
    assert (row.rd_expense, correction.status) == (Decimal("980"), "pending")
    assert correction.request.status == S.SUBMITTED


def test_declining_answers_the_firm_with_the_reason(world, routed):
    row = facts(world.firm_a, 2024, rd_expense=Decimal("980"))
    correction = ask(world, row)
    with pytest.raises(ValidationError):
        corrections.correction_decline(
            user=world.clerk, correction=correction, reason=" ", day=D(2025, 10, 9)
        )
    corrections.correction_decline(
        user=world.clerk, correction=correction, reason="审计报告口径为980万元", day=D(2025, 10, 9)
    )
    correction.refresh_from_db()
    assert correction.status == "declined"
    assert correction.request.answer.endswith("审计报告口径为980万元")
    assert AnnualFacts.objects.get(pk=row.pk).rd_expense == Decimal("980")
    with pytest.raises(ValidationError):  # decided: the request is answered
        corrections.correction_apply(user=world.clerk, correction=correction, raw="1250", day=D(2025, 10, 9))


def test_bad_asks_are_refused_with_a_reason(world, routed):
    row = facts(world.firm_a, 2024, rd_expense=Decimal("980"))
    with pytest.raises(ValidationError, match="档案中已经是这个值"):
        ask(world, row, proposed="980")
    with pytest.raises(ValidationError):
        ask(world, row, reason="")
    with pytest.raises(ValidationError):
        ask(world, row, field="source")  # not a correctable field
    assert not FirmRequest.objects.exists()


def test_a_user_of_firm_a_gets_404_for_firm_b_record(world, routed):
    row_b = facts(world.firm_b, 2024, rd_expense=Decimal("1"))
    with pytest.raises(Http404):
        ask(world, row_b)
    with pytest.raises(Http404):
        corrections.target(world.firm_user, "auth.user", world.admin.pk)  # not a registered type


def test_only_the_department_the_request_is_with_decides(world, routed):
    row = facts(world.firm_a, 2024, rd_expense=Decimal("980"))
    correction = ask(world, row)
    with pytest.raises(PermissionDenied):
        corrections.correction_apply(user=world.firm_user, correction=correction, raw="1", day=D(2025, 10, 9))
    with pytest.raises(PermissionDenied):
        corrections.correction_apply(user=world.auditor, correction=correction, raw="1", day=D(2025, 10, 9))


# --- pages and API ------------------------------------------------------------------------------


def test_the_dossier_shows_the_firm_its_records_with_correct_links(client, world, routed):
    facts(world.firm_a, 2024, rd_expense=Decimal("980"))
    client.force_login(world.firm_user)
    page = client.get("/portal/dossier/")
    assert page.status_code == 200
    html = page.content.decode()
    assert world.firm_a.name in html and world.firm_b.name not in html
    assert (
        'data-testid="dossier-facts"' in html
        and "/portal/corrections/add/?record=enterprises.annualfacts" in html
    )
    assert client.get(f"/portal/dossier/?enterprise={world.firm_b.pk}").status_code == 200  # still its own
    assert (
        world.firm_b.name not in client.get(f"/portal/dossier/?enterprise={world.firm_b.pk}").content.decode()
    )


def test_staff_read_a_firm_dossier_but_ask_nothing(client, world, routed):
    client.force_login(world.clerk)
    assert client.get("/portal/dossier/").status_code == 404
    assert client.get(f"/portal/dossier/?enterprise={world.firm_a.pk}").status_code == 200
    url = f"/portal/corrections/add/?record=enterprises.enterprise:{world.firm_a.pk}"
    assert client.get(url).status_code == 403


def test_the_correction_page_round_trip(client, world, routed):
    row = facts(world.firm_a, 2024, rd_expense=Decimal("980"))
    client.force_login(world.firm_user)
    url = f"/portal/corrections/add/?record=enterprises.annualfacts:{row.pk}&field=rd_expense"
    assert "研发费用" in client.get(url).content.decode()
    bad = client.post(url, {"field": "rd_expense", "proposed_value": "980", "reason": "x"})
    assert bad.status_code == 400 and not Correction.objects.exists()
    done = client.post(url, {"field": "rd_expense", "proposed_value": "1250", "reason": "审计报告"})
    correction = Correction.objects.get()
    assert done.status_code == 302 and done["Location"] == correction.request.get_absolute_url()
    other = facts(world.firm_b, 2024)
    assert (
        client.get(f"/portal/corrections/add/?record=enterprises.annualfacts:{other.pk}").status_code == 404
    )
    assert client.get("/portal/corrections/add/?record=enterprises.annualfacts:x").status_code == 404
    # the department applies it on the request's page
    client.force_login(world.clerk)
    detail = client.get(correction.request.get_absolute_url()).content.decode()
    assert 'data-testid="correction-decide"' in detail
    client.post(f"/portal/requests/{correction.request.pk}/correct/", {"value": "1250"})
    row.refresh_from_db()
    assert row.rd_expense == Decimal("1250")


def test_the_api_asks_applies_and_scopes(api, world, routed):
    row = facts(world.firm_a, 2024, rd_expense=Decimal("980"))
    api.force_authenticate(world.firm_user)
    body = {
        "record_type": "enterprises.annualfacts",
        "object_id": row.pk,
        "field": "rd_expense",
        "proposed_value": "1250",
        "reason": "审计报告",
    }
    made = api.post("/api/corrections/", body, format="json")
    assert made.status_code == 201, made.content
    pk = made.json()["id"]
    assert api.post(f"/api/corrections/{pk}/apply/", {"value": "1"}, format="json").status_code == 403
    b_row = facts(world.firm_b, 2024)
    assert api.post("/api/corrections/", {**body, "object_id": b_row.pk}, format="json").status_code == 404
    firm_b = firm_colleague(world, "firm_b", world.firm_b, is_firm_admin=True, may_request=True)
    api.force_authenticate(firm_b)
    assert api.get(f"/api/corrections/{pk}/").status_code == 404
    assert api.post(f"/api/corrections/{pk}/decline/", {"reason": "x"}, format="json").status_code == 404
    api.force_authenticate(world.clerk)
    applied = api.post(f"/api/corrections/{pk}/apply/", {"value": "1250"}, format="json")
    assert applied.status_code == 200 and applied.json()["status"] == "applied"
    assert AnnualFacts.objects.get(pk=row.pk).rd_expense == Decimal("1250")


def test_an_approved_statistic_stays_locked_nothing_changes(world, routed):
    """A correction of a value in an approved (locked) period: the lock's reason is shown to
    the department, the value, the correction and the request stay as they were."""
    from tests.indicators.test_locks import LOCKED, approved

    locked = approved.__wrapped__(world)["value"]
    locked.indicator.department = clerk_department(world)
    locked.indicator.save()
    correction = ask(world, locked, field="value", proposed="1200")
    assert correction.request.department.name == "经济发展局"  # the indicator's owner
    with pytest.raises(ValidationError, match=LOCKED):
        corrections.correction_apply(user=world.clerk, correction=correction, raw="1200", day=D(2025, 10, 9))
    locked.refresh_from_db()
    correction.refresh_from_db()
    assert (locked.value, correction.status, correction.request.status) == (
        Decimal("1000"),
        "pending",
        S.SUBMITTED,
    )


# --- the department's files with its answer (issue 15 item 3) -------------------------------------


def png_upload(name="许可证.png"):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def test_the_department_answers_with_a_file(client, world, routed):
    from gaoxin.portal import services

    from .helpers import category, raise_request

    req = raise_request(world, cat=category(world, dept=clerk_department(world)))
    services.request_accept(user=world.clerk, req=req, day=D(2025, 10, 9))
    client.force_login(world.clerk)
    client.post(
        f"/portal/requests/{req.pk}/answer/", {"answer": "已办结，许可证见附件。", "files": [png_upload()]}
    )
    req.refresh_from_db()
    assert req.status == S.ANSWERED
    attachment = req.attachments.get()
    assert (attachment.name, attachment.uploaded_by) == ("许可证.png", world.clerk)
    client.force_login(world.firm_user)
    assert client.get(f"/portal/attachments/{attachment.pk}/").status_code == 200


def test_the_api_takes_a_file_from_the_firm_or_the_department_only(api, world, routed):
    from .helpers import category, raise_request

    req = raise_request(world, cat=category(world, dept=clerk_department(world)))
    api.force_authenticate(world.clerk)
    made = api.post(f"/api/requests/{req.pk}/attachments/", {"file": png_upload()}, format="multipart")
    assert made.status_code == 201, made.content
    assert made.json()["name"] == "许可证.png"
    api.force_authenticate(world.auditor)
    assert (
        api.post(
            f"/api/requests/{req.pk}/attachments/", {"file": png_upload()}, format="multipart"
        ).status_code
        == 403
    )
    url = f"/api/requests/{req.pk}/attachments/"
    assert api.post(url, {}, format="json").status_code == 403  # refused before the body is judged
    api.force_authenticate(
        firm_colleague(world, "firm_b", world.firm_b, is_firm_admin=True, may_request=True)
    )
    assert api.post(url, {}, format="json").status_code == 404
    assert (
        api.post(
            f"/api/requests/{req.pk}/attachments/", {"file": png_upload()}, format="multipart"
        ).status_code
        == 404
    )
    api.force_authenticate(world.firm_user)
    listed = api.get(f"/api/requests/{req.pk}/").json()
    assert [a["name"] for a in listed["attachments"]] == ["许可证.png"]


def test_the_dossier_names_records_without_the_firms_name():
    from types import SimpleNamespace

    from gaoxin.portal.views_dossier import without_firm

    firm = SimpleNamespace(name="齐星车辆")
    assert without_firm("齐星车辆 · 第四条 · 2024", firm) == "第四条 · 2024"
    assert without_firm("齐星车辆项目", firm) == "齐星车辆项目"  # a name that merely starts alike stays
    assert without_firm("齐星车辆", firm) == "齐星车辆"
    assert (
        without_firm("规模以上工业总产值 · 2025年1–8月 · 齐星车辆", firm)
        == "规模以上工业总产值 · 2025年1–8月"
    )
