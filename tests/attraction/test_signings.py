"""Signings: reporting with the amount-unit check, verification by a second person, the
hand-over to the key-project ledger, pages and API permissions. Bad input changes nothing."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gaoxin.attraction import services_signings as services
from gaoxin.attraction.models import Signing, SigningOpinion
from gaoxin.core.models import ObjectChange
from gaoxin.core.testing import make_user
from gaoxin.projects.models import Project, Stage, StageChange
from gaoxin.zone.models import Department
from tests.factories import signing_values

D = datetime.date


@pytest.fixture
def dept(world):
    department = Department.objects.create(zone=world.zone, name="招商局")
    department.members.add(world.clerk)
    return department


@pytest.fixture
def colleague(world, dept):
    user = make_user("clerk2", "clerk")
    dept.members.add(user)
    return user


def new_signing(world, dept, **fields):
    values = signing_values(world, dept)
    values.update(fields)
    return Signing(**values)


@pytest.fixture
def signing(world, dept):
    return services.signing_report(signing=new_signing(world, dept), user=world.clerk)


# --- reporting ------------------------------------------------------------------------------


def test_a_reported_signing_is_reported_by_the_user_and_audited(world, signing):
    assert signing.status == Signing.Status.REPORTED
    assert signing.reported_by == world.clerk
    change = ObjectChange.objects.for_object(signing).get()
    assert change.user == world.clerk


@pytest.mark.parametrize(
    ("amount", "refused"),
    [
        (Decimal("9999999.9999"), False),  # just under 1,000 亿元
        (Decimal("10000000"), True),  # 1,000 亿元: looks like 元
        (Decimal("120000000"), True),  # 1.2 亿元 typed in 元
        (Decimal("10"), False),  # exactly 10 万元 passes
        (Decimal("9.9999"), True),  # looks like 亿元
        (Decimal("5"), True),
        (Decimal("0"), True),
    ],
)
def test_an_amount_in_the_wrong_unit_is_refused_and_nothing_is_saved(world, dept, amount, refused):
    before = Signing.objects.count()
    if refused:
        with pytest.raises(ValidationError) as err:
            services.signing_report(signing=new_signing(world, dept, amount=amount), user=world.clerk)
        assert "amount" in err.value.message_dict
        assert "元" in err.value.message_dict["amount"][0]
        assert Signing.objects.count() == before
    else:
        services.signing_report(signing=new_signing(world, dept, amount=amount), user=world.clerk)
        assert Signing.objects.count() == before + 1


def test_an_implausible_amount_confirmed_with_a_note_is_saved_with_the_note(world, dept):
    saved = services.signing_report(
        signing=new_signing(world, dept, amount=Decimal("5")),
        user=world.clerk,
        confirm_note="框架协议首期5万元",
    )
    assert saved.amount == Decimal("5")
    assert "框架协议首期5万元" in saved.note


def test_a_clerk_cannot_report_for_another_department(world, dept):
    other = Department.objects.create(zone=world.zone, name="经济发展局")
    with pytest.raises(PermissionDenied):
        services.signing_report(signing=new_signing(world, dept, department=other), user=world.clerk)
    assert not Signing.objects.exists()


def test_a_leader_cannot_report_a_signing(world, dept):
    with pytest.raises(PermissionDenied):
        services.signing_report(signing=new_signing(world, dept), user=world.leader)


# --- verification -----------------------------------------------------------------------------


def test_the_reporter_cannot_verify_and_nothing_changes(world, signing):
    with pytest.raises(ValidationError) as err:
        services.signing_verify(signing=signing, user=world.clerk, verdict="verify", opinion="核实无误")
    assert "上报" in err.value.messages[0] or "reported" in err.value.messages[0]
    signing.refresh_from_db()
    assert signing.status == Signing.Status.REPORTED
    assert signing.verified_by is None
    assert not SigningOpinion.objects.exists()


def test_the_reporter_cannot_reject_either(world, signing):
    with pytest.raises(ValidationError):
        services.signing_verify(signing=signing, user=world.clerk, verdict="reject", opinion="撤回")
    assert Signing.objects.get().status == Signing.Status.REPORTED


def test_the_reporter_may_comment(world, signing):
    services.signing_verify(signing=signing, user=world.clerk, verdict="comment", opinion="合同已上传")
    assert SigningOpinion.objects.get().verdict == "comment"
    assert Signing.objects.get().status == Signing.Status.REPORTED


def test_a_colleague_verifies_with_an_opinion(world, signing, colleague):
    services.signing_verify(signing=signing, user=colleague, verdict="verify", opinion="合同原件已核")
    signing.refresh_from_db()
    assert signing.status == Signing.Status.VERIFIED
    assert signing.verified_by == colleague
    assert signing.verified_at is not None
    opinion = SigningOpinion.objects.get()
    assert (opinion.user, opinion.verdict, opinion.opinion) == (colleague, "verify", "合同原件已核")


def test_a_leader_may_verify(world, signing):
    services.signing_verify(signing=signing, user=world.leader, verdict="verify", opinion="同意")
    assert Signing.objects.get().status == Signing.Status.VERIFIED


def test_a_colleague_rejects_and_a_correction_reports_it_again(world, signing, colleague):
    services.signing_verify(signing=signing, user=colleague, verdict="reject", opinion="金额与合同不符")
    signing.refresh_from_db()
    assert signing.status == Signing.Status.REJECTED
    signing.amount = Decimal("100000")
    services.signing_update(signing=signing, user=world.clerk)
    signing.refresh_from_db()
    assert (signing.status, signing.verified_by) == (Signing.Status.REPORTED, None)


def test_an_opinion_is_required(world, signing, colleague):
    with pytest.raises(ValidationError):
        services.signing_verify(signing=signing, user=colleague, verdict="verify", opinion="  ")
    assert Signing.objects.get().status == Signing.Status.REPORTED


def test_an_auditor_cannot_verify(world, signing):
    with pytest.raises(PermissionDenied):
        services.signing_verify(signing=signing, user=world.auditor, verdict="verify", opinion="ok")


def test_a_verified_signing_cannot_be_verified_again_or_edited(world, signing, colleague):
    services.signing_verify(signing=signing, user=colleague, verdict="verify", opinion="ok")
    with pytest.raises(ValidationError):
        services.signing_verify(signing=signing, user=world.leader, verdict="reject", opinion="晚了")
    signing.amount = Decimal("1")
    with pytest.raises(ValidationError):
        services.signing_update(signing=signing, user=world.clerk)
    assert Signing.objects.get().amount == Decimal("120000")


# --- to project ---------------------------------------------------------------------------------


def verified(signing, user):
    services.signing_verify(signing=signing, user=user, verdict="verify", opinion="ok")
    signing.refresh_from_db()
    return signing


def test_only_a_verified_signing_becomes_a_project(world, signing):
    with pytest.raises(ValidationError):
        services.signing_to_project(signing=signing, user=world.clerk)
    assert not Project.objects.exists()


def test_to_project_carries_the_data_exactly_and_only_once(world, signing, colleague, dept):
    signing = verified(signing, colleague)
    project = services.signing_to_project(signing=signing, user=world.clerk)
    assert project.code == "QY2025001"
    assert project.name == "年产5万吨电解液项目"
    assert project.owner_name == "某新材料股份有限公司" and project.enterprise is None
    assert project.total_investment == Decimal("120000")
    assert project.land_area_mu == Decimal("200")
    assert (project.planned_start, project.planned_completion) == (D(2025, 6, 1), D(2026, 12, 31))
    assert project.lead_industry == world.lead
    assert (project.stage, project.stage_since) == (Stage.SIGNED, D(2025, 3, 15))
    assert project.lead_department == dept
    assert StageChange.objects.get(project=project).to_stage == Stage.SIGNED
    signing.refresh_from_db()
    assert signing.project == project
    with pytest.raises(ValidationError) as err:
        services.signing_to_project(signing=signing, user=world.clerk)
    assert "QY2025001" in err.value.messages[0]
    assert Project.objects.count() == 1


def test_the_investor_is_matched_by_credit_code_and_codes_do_not_collide(world, dept, colleague):
    Project.objects.create(code="QY2025001", name="已有", total_investment=Decimal(1))
    item = services.signing_report(
        signing=new_signing(world, dept, investor_uscc=world.firm_a.uscc), user=world.clerk
    )
    project = services.signing_to_project(signing=verified(item, colleague), user=world.clerk)
    assert project.code == "QY2025002"
    assert project.enterprise == world.firm_a and project.owner_name == ""


# --- export orders (外贸订单): recorded in their currency, counted nowhere ---------------------------


def export_order(world, dept, **fields):
    values = {"kind": Signing.Kind.TRADE_ORDER, "currency": Signing.Currency.USD, "amount": Decimal(14000)}
    return services.signing_report(signing=new_signing(world, dept, **{**values, **fields}), user=world.clerk)


def test_an_export_order_never_becomes_a_project(world, dept, colleague):
    order = verified(export_order(world, dept), colleague)
    with pytest.raises(ValidationError) as err:
        services.signing_to_project(signing=order, user=world.clerk)
    assert "外贸订单" in err.value.messages[0]
    assert not Project.objects.exists()


def test_an_investment_is_in_yuan(world, dept):
    with pytest.raises(ValidationError):
        services.signing_report(
            signing=new_signing(world, dept, currency=Signing.Currency.USD), user=world.clerk
        )
    assert not Signing.objects.exists()
    order = export_order(world, dept, currency=Signing.Currency.EUR)
    assert (order.amount, order.unit) == (Decimal(14000), "万欧元")


def test_the_summary_tiers_and_amounts_leave_export_orders_out(client, world, signing, dept, colleague):
    verified(signing, colleague)  # 12 亿元, 2025
    order = verified(export_order(world, dept, amount=Decimal(900000)), colleague)
    client.force_login(world.clerk)
    response = client.get("/attraction/signings/?year=2025")
    summary = response.context["filterset"].summary
    assert (summary["verified_count"], summary["verified_total"]) == (1, Decimal("120000"))
    assert summary["tiers"] == [(1, 1), (10, 1), (30, 0), (50, 0)]
    assert "900,000.00 万美元" in response.content.decode()  # the list says the currency
    listed = client.get("/attraction/signings/?tier=50").context["table"].paginator.count
    assert listed == 0  # 900,000 万美元 is no ≥50 亿元 investment
    assert client.get("/attraction/signings/?amount_min=200000").context["table"].paginator.count == 0
    page = client.get(order.get_absolute_url()).content.decode()
    assert "900,000.00 万美元" in page and 'data-testid="screening"' not in page


# --- pages and API ------------------------------------------------------------------------------


def test_the_clerk_sees_the_list_with_the_summary(client, world, signing, colleague):
    verified(signing, colleague)
    client.force_login(world.clerk)
    response = client.get("/attraction/signings/?year=2025")
    assert response.status_code == 200
    assert "年产5万吨电解液项目" in response.content.decode()
    assert response.context["filterset"].summary["verified_count"] == 1
    assert response.context["filterset"].summary["tiers"] == [(1, 1), (10, 1), (30, 0), (50, 0)]


def test_an_enterprise_user_cannot_open_signings(client, world, signing):
    client.force_login(world.firm_user)
    assert client.get("/attraction/signings/").status_code == 403
    assert (
        client.get(f"/attraction/signings/{signing.pk}/").status_code == 404
    )  # staff-only records: not even found


def test_the_detail_page_shows_the_trail_and_refuses_the_reporter(client, world, signing):
    client.force_login(world.clerk)
    assert client.get(f"/attraction/signings/{signing.pk}/").status_code == 200
    response = client.post(
        f"/attraction/signings/{signing.pk}/verify/", {"verdict": "verify", "opinion": "自己核实"}
    )
    assert response.status_code == 400
    assert Signing.objects.get().status == Signing.Status.REPORTED


def test_a_clerk_adds_a_signing_through_the_page(client, world, dept):
    client.force_login(world.clerk)
    data = {
        "contract_date": "2025-04-01",
        "project_name": "铜箔项目",
        "investor": "某铜业",
        "amount": "300000000",
        "department": dept.pk,
    }
    response = client.post("/attraction/signings/add/", data)
    assert response.status_code == 400 and not Signing.objects.exists()
    response = client.post("/attraction/signings/add/", {**data, "amount": "300000"})
    assert response.status_code == 302
    assert Signing.objects.get().reported_by == world.clerk


def test_api_verify_by_the_reporter_is_400_and_by_a_colleague_200(api, world, signing, colleague):
    api.force_authenticate(world.clerk)
    response = api.post(f"/api/signings/{signing.pk}/verify/", {"verdict": "verify", "opinion": "x"})
    assert response.status_code == 400
    api.force_authenticate(colleague)
    response = api.post(f"/api/signings/{signing.pk}/verify/", {"verdict": "verify", "opinion": "ok"})
    assert response.status_code == 200 and response.json()["status"] == "verified"
    response = api.post(f"/api/signings/{signing.pk}/to-project/")
    assert response.status_code == 201 and response.json()["code"] == "QY2025001"
    assert api.post(f"/api/signings/{signing.pk}/to-project/").status_code == 400


def test_api_filters_and_permissions(api, world, signing):
    api.force_authenticate(world.auditor)
    assert api.get("/api/signings/?tier=10").json()["count"] == 1
    assert api.get("/api/signings/?tier=30").json()["count"] == 0
    assert api.get("/api/signings/?year=2024").json()["count"] == 0
    assert (
        api.post(f"/api/signings/{signing.pk}/verify/", {"verdict": "verify", "opinion": "x"}).status_code
        == 403
    )
    api.force_authenticate(world.firm_user)
    assert api.get("/api/signings/").status_code == 403
    assert api.get("/api/screening-standards/").status_code == 403


def test_api_report_refuses_an_amount_in_yuan(api, world, dept):
    api.force_authenticate(world.clerk)
    data = {
        "contract_date": "2025-05-01",
        "project_name": "隔膜项目",
        "investor": "某公司",
        "amount": "500000000",
        "department": dept.pk,
    }
    response = api.post("/api/signings/", data)
    assert response.status_code == 400 and "amount" in response.json()
    response = api.post("/api/signings/", {**data, "confirm_note": "确为5万亿元？核对"})
    assert response.status_code == 201
