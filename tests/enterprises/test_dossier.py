"""一企一档 (issue 11 item 7): an enterprise's page shows on tabs what every register keeps about
the firm, each through its own ``visible_to``: firm A's user sees its own tabs, and firm B's page
and tabs are a 404; counts are exact, empty tabs say so; the history shows the firm's own
changes and its filings, not the bureau's statistics rows."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from gaoxin.attraction import services_leads, services_signings
from gaoxin.attraction.models import Signing
from gaoxin.chains.models import Chain, ChainNode, NodeEnterprise
from gaoxin.core.models import ObjectChange
from gaoxin.core.testing import make_user
from gaoxin.indicators.models import DataSet, Indicator, Observation, Submission
from gaoxin.projects.models import Problem, ProblemCategory
from gaoxin.zone.models import Department
from tests.factories import clerk_department, facts, make_project, qualification, signing_values

D = datetime.date


def observe(indicator, enterprise, month, value):
    return Observation.objects.create(
        indicator=indicator,
        scope="enterprise",
        enterprise=enterprise,
        year=2025,
        month=month,
        value=Decimal(value),
    )


@pytest.fixture
def dossier(world):
    """Firm A: 2 qualifications, 1 year of facts, 3 monthly values (two periods), 1 project with
    1 problem, 1 chain node, 1 open lead and a confidential lead of another department, 1 activity,
    1 signing. Firm B: one project and nothing else."""
    a = world.firm_a
    qualification(a, "high_tech", D(2024, 1, 1))
    qualification(a, "tech_sme", D(2025, 3, 1))
    facts(a, 2024)
    output = Indicator.objects.create(
        code="output", name="规模以上工业总产值", unit="万元", kind="level", sort_order=1
    )
    power = Indicator.objects.create(
        code="power", name="工业用电量", unit="万千瓦时", kind="level", sort_order=2
    )
    observe(output, a, 8, "1234.5")
    observe(power, a, 8, "52")
    observe(output, a, 7, "1000")
    observe(output, world.firm_b, 8, "999")
    project = make_project(world, a)  # 甲企业有限公司项目0
    make_project(world, world.firm_b)  # 乙企业有限公司项目1
    Problem.objects.create(
        project=project,
        category=ProblemCategory.objects.get(code="land"),
        description="用地指标未落实",
        raised_by=world.clerk,
        raised_on=D(2025, 9, 1),
        department=clerk_department(world),
        deadline=D(2025, 9, 30),
    )
    chain = Chain.objects.create(code="lithium", name="锂电", lead_industry=world.lead)
    node = ChainNode.objects.create(chain=chain, code="cathode", name="正极材料", segment="upstream")
    NodeEnterprise.objects.create(node=node, enterprise=a)
    invest = Department.objects.create(zone=world.zone, name="招商局")
    invest.members.add(world.clerk)
    lead = services_leads.lead_create(
        user=world.clerk, company_name=a.name, enterprise=a, stage_since=D(2025, 9, 1), department=invest
    )
    science = Department.objects.create(zone=world.zone, name="科技局")
    other_clerk = make_user("clerk_s", "clerk")
    science.members.add(other_clerk)
    services_leads.lead_create(
        user=other_clerk,
        company_name=a.name,
        enterprise=a,
        confidential=True,
        code_name="项目S",
        stage_since=D(2025, 9, 1),
        department=science,
    )
    services_leads.activity_record(
        user=world.clerk,
        date=D(2025, 9, 5),
        kind="outbound",
        title="走访甲企业",
        leads=[lead],
        department=invest,
    )
    values = {**signing_values(world, invest), "project_name": "甲企业电解液项目", "enterprise": a}
    services_signings.signing_report(signing=Signing(**values), user=world.clerk)
    return {"output": output, "power": power, "project": project}


def type_id(model_or_obj) -> int:
    return ContentType.objects.get_for_model(model_or_obj).pk


def tabs_of(client, enterprise) -> dict:
    response = client.get(reverse("enterprises:enterprise_detail", args=[enterprise.pk]))
    assert response.status_code == 200
    return {tab["code"]: tab["count"] for tab in response.context["tabs"]}


def tab_url(enterprise, code):
    return reverse("enterprises:enterprise_tab", args=[enterprise.pk, code])


def test_zone_staff_see_every_tab_with_its_count(client, world, dossier):
    client.force_login(world.clerk)
    assert tabs_of(client, world.firm_a) == {
        "profile": None,
        "qualifications": 2,
        "facts": 1,
        "ip": 0,
        "equity": 0,
        "cultivation": 0,
        "payouts": 0,
        "land": 0,
        "points": 0,
        "monthly": 3,
        "projects": 1,
        "problems": 1,
        "chains": 1,
        "leads": 1,  # the confidential lead of 科技局 would name the firm: left out
        "activities": 1,
        "signings": 1,
        "policies": 0,  # the policies module's tab (its disbursements, the 体检报告)
        "visits": 0,  # 大走访 (zone staff only)
        "history": None,
    }


def test_the_firms_user_sees_its_own_tabs_only(client, world, dossier):
    client.force_login(world.firm_user)
    assert tabs_of(client, world.firm_a) == {
        "profile": None,
        "qualifications": 2,
        "facts": 1,
        "ip": 0,
        "equity": 0,
        "cultivation": 0,
        "payouts": 0,
        "land": 0,
        "points": 0,
        "monthly": 3,
        "projects": 1,
        "policies": 0,
    }
    assert client.get(tab_url(world.firm_a, "leads")).status_code == 403
    assert client.get(tab_url(world.firm_a, "monthly")).status_code == 200


@pytest.mark.parametrize("code", ["monthly", "projects", "leads", "signings", "no-such-tab"])
def test_an_enterprise_user_of_firm_a_gets_404_on_firm_bs_tabs(client, world, dossier, code):
    client.force_login(world.firm_user)
    assert client.get(reverse("enterprises:enterprise_detail", args=[world.firm_b.pk])).status_code == 404
    assert client.get(tab_url(world.firm_b, code)).status_code == 404


def test_an_unknown_tab_is_a_404(client, world, dossier):
    client.force_login(world.clerk)
    assert client.get(tab_url(world.firm_a, "no-such-tab")).status_code == 404


def test_the_monthly_values_read_as_a_table_by_period(client, world, dossier):
    client.force_login(world.firm_user)
    response = client.get(tab_url(world.firm_a, "monthly"))
    assert [(i.name, i.unit) for i in response.context["indicators"]] == [
        ("规模以上工业总产值", "万元"),
        ("工业用电量", "万千瓦时"),
    ]
    rows = [(p["label"], [c.text if c else None for c in p["cells"]]) for p in response.context["periods"]]
    assert rows == [("2025年1–8月", ["1,234.5", "52"]), ("2025年1–7月", ["1,000", None])]
    assert "999" not in response.content.decode()  # firm B's value


def test_the_tabs_list_the_firms_records(client, world, dossier):
    client.force_login(world.clerk)
    pages = {code: client.get(tab_url(world.firm_a, code)).content.decode() for code in ("projects", "leads")}
    assert "甲企业有限公司项目0" in pages["projects"] and "乙企业有限公司项目1" not in pages["projects"]
    assert "项目S" not in pages["leads"]


def test_an_empty_tab_says_so(client, world, dossier):
    client.force_login(world.clerk)
    pages = {
        code: client.get(tab_url(world.firm_b, code)).content.decode() for code in ("signings", "chains")
    }
    assert "暂无本企业的签约项目。" in pages["signings"]
    assert "尚未关联任何产业链环节。" in pages["chains"]
    assert tabs_of(client, world.firm_b)["signings"] == 0


def test_the_history_shows_the_firms_changes_and_its_filing_not_the_bureaus_rows(client, world, dossier):
    data_set = DataSet.objects.create(code="firm-filing", name="企业月度填报", scope="enterprise")
    submission = Submission.objects.create(
        data_set=data_set, year=2025, month=8, scope_key=f"ent:{world.firm_a.pk}", enterprise=world.firm_a
    )
    bureau = {"content_type_id": type_id(Submission), "object_id": str(submission.pk)}
    for source, message in (("import", "导入文件：企业月报表.xlsx"), ("web", "填报2025年1–8月（2项）")):
        ObjectChange.objects.create(
            **bureau,
            request_id="00000000-0000-0000-0000-000000000001",
            action="create",
            source=source,
            object_repr=str(submission),
            message=message,
            related_content_type_id=type_id(world.firm_a),
            related_object_id=str(world.firm_a.pk),
            postchange_data={"规模以上工业总产值": "1234.5"},
        )
    client.force_login(world.clerk)
    changes = client.get(reverse("enterprises:enterprise_history", args=[world.firm_a.pk])).context["changes"]
    messages = [c.message for c in changes if c.content_type.model == "submission"]
    assert messages == ["填报2025年1–8月（2项）"]
    kinds = sorted({c.content_type.model for c in changes})
    assert kinds == ["annualfacts", "enterprise", "qualification", "submission"]
