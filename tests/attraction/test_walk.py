"""The issue's walk, end to end through the services and pages: ``clerk`` (招商局) imports a
registry file, finds the copper-foil node empty of local firms, sees the classified targets
with the words that matched, adds three to a list, starts a lead, logs a visit, moves it to
签约; a colleague verifies the signing; it becomes a key project; the signing goal moves."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from gaoxin.attraction import services_leads, services_signings
from gaoxin.attraction.models import Activity, LeadStage, Signing
from gaoxin.chains import services as chains
from gaoxin.chains.models import Chain, ChainNode, CompanyMatch, TargetList
from gaoxin.chains.registry import import_registry
from gaoxin.core.testing import make_uscc
from gaoxin.goals.models import Goal
from gaoxin.goals.services import evaluate
from gaoxin.zone.models import Department

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def walk(world, tmp_path):
    invest = Department.objects.create(zone=world.zone, name="招商局")
    invest.members.add(world.clerk)
    chain = Chain.objects.create(code="lithium", name="锂电", lead_industry=world.lead)
    foil = ChainNode.objects.create(
        chain=chain,
        code="copper_foil",
        name="铜箔",
        segment="upstream",
        keywords="铜箔、锂电铜箔、电解铜箔",
        excluded_keywords="铜箔胶带",
    )
    ChainNode.objects.create(chain=chain, code="cell", name="电芯", keywords="锂离子电池、电芯")
    lines = ["企业名称,统一社会信用代码,所在地区代码,注册资本（万元）,成立日期,经营范围,主要产品"]
    for i in range(40):
        lines.append(
            f"铜陵示例铜业{i:02d}有限公司,{make_uscc(5000 + i, '340700')},340700,{5000 + i},2015-03-01,"
            f"电解铜箔的研发、生产和销售；锂电铜箔；货物进出口,锂电铜箔"
        )
    lines.append(
        f"示例胶带有限公司,{make_uscc(6000, '320500')},320500,800,2018-01-01,铜箔胶带、绝缘胶带的生产,铜箔胶带"
    )
    path = tmp_path / "registry.csv"
    path.write_text("\n".join(lines), encoding="utf-8-sig")
    Goal.objects.create(
        year=2025,
        code="signings_1yi",
        title="签约亿元以上项目",
        metric="signings_count",
        params={"min_amount": 10000},
        target=50,
        unit="个",
    )
    world.zone.reference_date = D(2025, 9, 30)
    world.zone.save()
    return {"invest": invest, "foil": foil, "path": path}


def test_clerk_goes_from_an_empty_node_to_a_key_project_and_the_goal_moves(client, world, walk):
    foil = walk["foil"]
    result = import_registry(walk["path"], user=world.clerk)
    assert (result.created, result.rejected, result.file_error) == (41, 0, "")

    status = chains.coverage([foil.pk])[foil.pk]
    assert status.confirmed == 0
    matches = (
        CompanyMatch.objects.filter(node=foil).select_related("company").order_by("-score", "company__name")
    )
    assert matches.count() == 40  # the tape maker is vetoed by its excluded word
    assert "锂电铜箔" in matches[0].words

    client.force_login(world.clerk)
    page = client.get(reverse("chains:node_detail", args=[foil.pk]))
    assert page.status_code == 200
    assert "锂电铜箔" in page.content.decode()

    target_list = TargetList.objects.create(name="铜箔招商目标", department=walk["invest"])
    picked = [m.company for m in matches[:3]]
    for company in picked:
        chains.target_add(target_list=target_list, company=company, node=foil, user=world.clerk)
    assert target_list.targets.count() == 3

    lead = chains.lead_start(company=picked[0], node=foil, user=world.clerk, today=D(2025, 9, 1))
    assert (lead.stage, lead.department, lead.owner) == (LeadStage.CLUE, walk["invest"], world.clerk)
    activity = services_leads.activity_record(
        user=world.clerk,
        date=D(2025, 9, 5),
        kind=Activity.Kind.OUTBOUND,
        title="赴铜陵考察铜箔企业",
        companies=[picked[0]],
        leads=[lead],
        department=walk["invest"],
    )
    assert lead in activity.leads.all()
    for stage in (LeadStage.CONTACT, LeadStage.INSPECTION, LeadStage.NEGOTIATION, LeadStage.SIGNED):
        services_leads.lead_move(lead=lead, to_stage=stage, date=D(2025, 9, 20), reason="", user=world.clerk)
    lead.refresh_from_db()
    assert lead.stage == LeadStage.SIGNED

    before = evaluate(Goal.objects.get(code="signings_1yi"), D(2025, 9, 30)).value.value
    signing = services_signings.signing_report(
        signing=Signing(
            lead=lead,
            contract_date=D(2025, 9, 20),
            project_name="锂电铜箔项目",
            investor=picked[0].name,
            investor_uscc=picked[0].uscc,
            amount=Decimal("120000"),
            land_mu=Decimal("300"),
            promised_intensity=Decimal("400"),
            department=walk["invest"],
            lead_industry=world.lead,
            node=foil,
        ),
        user=world.clerk,
    )
    with pytest.raises((PermissionDenied, ValidationError)):  # the reporter cannot verify their own
        services_signings.signing_verify(signing=signing, user=world.clerk, verdict="verify", opinion="属实")
    services_signings.signing_verify(
        signing=signing, user=world.leader, verdict="verify", opinion="合同已核对，属实"
    )
    project = services_signings.signing_to_project(signing=signing, user=world.clerk)
    assert (project.name, project.total_investment, project.stage) == (
        "锂电铜箔项目",
        Decimal("120000"),
        "signed",
    )
    after = evaluate(Goal.objects.get(code="signings_1yi"), D(2025, 9, 30)).value.value
    assert after == before + 1
