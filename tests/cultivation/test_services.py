"""Rule sets as data (overlap, percentages), the loader's query count, the pipeline writing
the qualification, the API's scope."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from gaoxin.cultivation import engine, services
from gaoxin.cultivation.models import Batch, Platform, Recognition, RecognitionStageChange, RuleSet
from gaoxin.cultivation.seeds import HIGH_TECH
from gaoxin.enterprises.models import Qualification
from tests.factories import facts, make_enterprise

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


def test_the_shipped_rule_sets_are_seeded_with_the_2026_revision_unknown():
    assert RuleSet.objects.filter(tier="high_tech").count() == 1
    revision = RuleSet.objects.get(tier="srdi_sme", version="2026")
    assert revision.params["min_score"] == {"value": None, "confidence": "not_found"}
    assert RuleSet.objects.valid_on(datetime.date(2025, 12, 31)).get(tier="srdi_sme").version == "2022"


def test_an_overlapping_rule_set_is_refused_in_chinese_and_nothing_is_stored():
    new = RuleSet(
        tier="high_tech",
        version="2030",
        name="x",
        valid_from=datetime.date(2025, 1, 1),
        source_document="x",
        params=HIGH_TECH,
    )
    with pytest.raises(ValidationError) as error:
        new.save()
    assert error.value.message_dict["valid_from"] == [
        "有效期与同一梯度的规则版本2016（2016-01-01至长期）重叠。"
    ]
    assert RuleSet.objects.filter(tier="high_tech").count() == 1


def test_a_percentage_over_100_is_refused():
    params = {**HIGH_TECH, "min_sci_tech_staff_share": {"value": 110, "confidence": "verified"}}
    rule_set = RuleSet.objects.get(tier="high_tech")
    rule_set.params = params
    with pytest.raises(ValidationError) as error:
        rule_set.save()
    assert error.value.message_dict["params"] == [
        "min_sci_tech_staff_share：百分比不能超过100（填写的是110）。"
    ]
    rule_set.refresh_from_db()
    assert rule_set.params["min_sci_tech_staff_share"]["value"] == 10


def test_load_runs_a_constant_number_of_queries():
    firms = [make_enterprise(f"企业{i}", 100 + i) for i in range(6)]
    for firm in firms:
        for year in (2022, 2023, 2024):
            facts(firm, year, rd_expense=Decimal("30"))
    Platform.objects.create(
        name="省企业技术中心",
        kind="tech_centre",
        level="provincial",
        host=firms[0],
        recognised_on=datetime.date(2020, 1, 1),
    )
    with CaptureQueriesContext(connection) as few:
        engine.load([f.pk for f in firms[:2]], [2023, 2024])
    with CaptureQueriesContext(connection) as many:
        data = engine.load([f.pk for f in firms], [2023, 2024])
    assert len(many) == len(few) == 14  # 6 + per year: the day, ip_summary, two equity_raised
    assert engine.evaluate(data, "tech_sme", firms[0].pk, 2024).criteria


def test_recognised_writes_the_qualification(world):
    firm = world.firm_a
    batch = Batch.objects.create(tier="high_tech", year=2025, name="2025年第一批高企认定")
    day = datetime.date(2025, 3, 1)
    recognition = services.recognition_add(batch=batch, enterprise=firm, user=world.clerk, date=day)
    for stage, date in (("materials", "2025-04-01"), ("applied", "2025-05-01"), ("publicised", "2025-06-01")):
        services.recognition_move(
            recognition=recognition, to_stage=stage, date=datetime.date.fromisoformat(date), user=world.clerk
        )
    services.recognition_move(
        recognition=recognition,
        to_stage="recognised",
        date=datetime.date(2025, 6, 20),
        user=world.clerk,
        certificate_no="GR202542000001",
    )
    recognition.refresh_from_db()
    qualification = Qualification.objects.get(enterprise=firm, type__code="high_tech")
    assert (qualification.granted_on, qualification.expires_on, qualification.certificate_no) == (
        datetime.date(2025, 6, 20),
        datetime.date(2028, 6, 19),
        "GR202542000001",
    )
    assert recognition.qualification == qualification
    assert recognition.stage_changes.count() == 4


def test_not_passed_needs_a_reason(world):
    batch = Batch.objects.create(tier="high_tech", year=2025, name="b")
    recognition = services.recognition_add(
        batch=batch, enterprise=world.firm_a, user=world.clerk, date=datetime.date(2025, 3, 1)
    )
    with pytest.raises(ValidationError) as error:
        services.recognition_move(
            recognition=recognition, to_stage="rejected", date=datetime.date(2025, 4, 1), user=world.clerk
        )
    assert error.value.message_dict["reason"] == ["请说明未通过的原因。"]
    assert recognition.stage_changes.count() == 0


def test_the_firm_user_of_a_gets_404_on_b_eligibility(world, api):
    api.force_authenticate(world.firm_user)
    assert (
        api.get(f"/api/eligibility/?enterprise={world.firm_b.pk}&tier=high_tech&year=2024").status_code == 404
    )
    own = api.get(f"/api/eligibility/?enterprise={world.firm_a.pk}&tier=high_tech&year=2024")
    assert own.status_code == 200
    assert own.json()["results"][0]["tier"] == "high_tech"


def test_eligibility_without_enterprise_lists_every_firm_paginated(world, api):
    api.force_authenticate(world.leader)
    response = api.get("/api/eligibility/?tier=above_scale&year=2024")
    body = response.json()
    assert body["count"] == 2
    assert {r["enterprise_name"] for r in body["results"]} == {"甲企业有限公司", "乙企业有限公司"}
    assert body["results"][0]["criteria"][0]["words"] == "缺少2024年主营业务收入"


def test_candidate_page_near_miss_words(world, client):
    for year in (2022, 2023, 2024):
        facts(
            world.firm_a,
            year,
            operating_revenue=Decimal("30000"),
            rd_expense=Decimal("810"),
            main_business_revenue=Decimal("1800"),
        )
    client.force_login(world.leader)
    response = client.get("/cultivation/candidates/?tier=above_scale&year=2024")
    assert response.status_code == 200
    assert "主营业务收入1800万元，差200万元达到2000万元" in response.content.decode()


def test_platform_import_with_host_and_a_row_error(world, tmp_path):
    from gaoxin.core.imports import get_spec, read_table, run_import
    from gaoxin.core.testing import xlsx_bytes

    path = tmp_path / "platforms.xlsx"
    header = ["平台名称", "类型", "级别", "依托企业信用代码", "认定日期"]
    rows = [["湖北省甲企业技术中心", "企业技术中心", "省级", world.firm_a.uscc, "2023-06-01"]]
    path.write_bytes(xlsx_bytes(header, rows))
    result = run_import(get_spec("platforms")(world.clerk), read_table(path), commit=True, filename=path.name)
    assert result.ok, result.errors
    platform = Platform.objects.get(name="湖北省甲企业技术中心")
    assert (platform.kind, platform.level, platform.host) == ("tech_centre", "provincial", world.firm_a)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(
        xlsx_bytes(header, [["某平台", "企业技术中心", "省级", "91421300MA4D000000", "2023-06-01"]])
    )
    result = run_import(get_spec("platforms")(world.clerk), read_table(bad), commit=True, filename=bad.name)
    assert not result.ok
    assert Platform.objects.count() == 1


def test_a_batch_moves_the_firms_ticked_all_or_none(world, client):
    """批量推进: the same step for several firms at once; one firm that cannot take it (未通过
    without a reason) refuses the whole move, naming the firm, and nothing changes."""
    from django.urls import reverse

    batch = Batch.objects.create(tier="high_tech", year=2025, name="2025年第一批高企认定")
    day = datetime.date(2025, 3, 1)
    a, b = (
        services.recognition_add(batch=batch, enterprise=firm, user=world.clerk, date=day)
        for firm in (world.firm_a, world.firm_b)
    )
    url = reverse("cultivation:batch_detail", args=[batch.pk])
    client.force_login(world.clerk)
    assert 'data-testid="batch-move"' in client.get(url).content.decode()
    moved = client.post(url, {"recognition": [a.pk, b.pk], "stage": "materials", "date": "2025-04-01"})
    assert moved.status_code == 302
    a.refresh_from_db(), b.refresh_from_db()
    assert (a.stage, b.stage, a.stage_since) == ("materials", "materials", datetime.date(2025, 4, 1))
    with pytest.raises(ValidationError) as error:
        services.recognitions_move(
            batch=batch,
            ids=[a.pk, b.pk],
            to_stage="rejected",
            date=datetime.date(2025, 5, 1),
            user=world.clerk,
        )
    assert error.value.messages == [f"{world.firm_b.name}：请说明未通过的原因。"]  # the first by name
    assert sorted(Recognition.objects.values_list("stage", flat=True)) == ["materials", "materials"]
    assert RecognitionStageChange.objects.count() == 2
    client.force_login(world.leader)
    assert (
        client.post(url, {"recognition": [a.pk], "stage": "applied", "date": "2025-05-01"}).status_code == 403
    )
    client.force_login(world.auditor)
    assert client.post(url, {}).status_code == 403  # refused before the form is judged
    with pytest.raises(ValidationError):
        services.recognitions_move(batch=batch, ids=[], to_stage="applied", date=day, user=world.clerk)
