"""Registry pages beyond the CRUD contract: status changes, deletion, history, filters,
column choice, the audit log, the home page."""

import datetime

from django.urls import reverse

from gaoxin.core.models import ObjectChange, UserPreference
from gaoxin.enterprises.models import Enterprise
from tests.factories import facts, qualification

D = datetime.date


def test_status_change_needs_a_reason_and_is_audited_as_status(client, world):
    client.force_login(world.clerk)
    url = reverse("enterprises:enterprise_status", args=[world.firm_b.pk])
    assert client.post(url, {"status": "deregistered"}).status_code == 400
    response = client.post(url, {"status": "deregistered", "reason": "2024年12月注销登记"})
    assert response.status_code == 302
    change = ObjectChange.objects.for_object(world.firm_b).get(action="status")
    assert (change.message, change.user_name) == ("2024年12月注销登记", "clerk")
    assert (change.prechange_data["status"], change.postchange_data["status"]) == ("active", "deregistered")
    assert Enterprise.objects.get(pk=world.firm_b.pk).status == "deregistered"


def test_only_admin_deletes_and_the_deletion_is_recorded(client, world):
    url = reverse("enterprises:enterprise_delete", args=[world.firm_b.pk])
    client.force_login(world.clerk)
    assert client.post(url, {"reason": "录入错误"}).status_code == 403
    client.force_login(world.admin)
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "重复录入"}).status_code == 302
    assert not Enterprise.objects.filter(pk=world.firm_b.pk).exists()
    change = ObjectChange.objects.get(
        action="delete", object_id=str(world.firm_b.pk), content_type__model="enterprise"
    )
    assert (change.message, change.user_name, change.prechange_data["name"]) == (
        "重复录入",
        "admin",
        "乙企业有限公司",
    )


def test_edit_with_changelog_message_and_history_shows_the_diff(client, world):
    client.force_login(world.clerk)
    url = reverse("enterprises:enterprise_edit", args=[world.firm_a.pk])
    data = {
        "name": world.firm_a.name,
        "uscc": world.firm_a.uscc,
        "park": world.park2.pk,
        "industry": "C3841",
        "lead_industry": world.lead.pk,
        "_changelog": "按2024年营业执照更正",
    }
    assert client.post(url, data).status_code == 302
    history = client.get(reverse("enterprises:enterprise_history", args=[world.firm_a.pk]))
    change = history.context["changes"][0]
    assert change.message == "按2024年营业执照更正"
    assert [(row["label"], row["before"], row["after"]) for row in change.diff()] == [
        ("园区", "城东园区", "城北园区")
    ]
    assert "城北园区" in history.content.decode()


def test_history_includes_children_changes(client, world):
    qualification(world.firm_a, "high_tech", D(2023, 12, 1))
    facts(world.firm_a, 2024)
    client.force_login(world.leader)
    changes = client.get(reverse("enterprises:enterprise_history", args=[world.firm_a.pk])).context["changes"]
    assert sorted(c.content_type.model for c in changes) == ["annualfacts", "enterprise", "qualification"]


def test_duplicate_code_in_the_form_is_a_clear_error(client, world):
    client.force_login(world.clerk)
    response = client.post(
        reverse("enterprises:enterprise_add"), {"name": "重复", "uscc": world.firm_a.uscc.lower()}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["uscc"] == ["该统一社会信用代码的企业已登记。"]
    assert Enterprise.objects.count() == 2


def test_unknown_industry_code_in_the_form(client, world):
    client.force_login(world.clerk)
    response = client.post(
        reverse("enterprises:enterprise_add"),
        {"name": "新", "uscc": world.firm_a.uscc[:-1], "industry": "C9999"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["industry"] == ["行业代码“C9999”不在 GB/T 4754-2017 中。"]


def test_list_filters(client, world):
    qualification(world.firm_a, "high_tech", D(2021, 12, 15))
    world.firm_b.status = "moved_out"
    world.firm_b.save()
    client.force_login(world.leader)
    url = reverse("enterprises:enterprise_list")

    def names(query):
        return [record.name for record in client.get(f"{url}?{query}").context["table"].page.object_list.data]

    assert names(f"park={world.park2.pk}") == ["乙企业有限公司"]
    assert names("status=moved_out") == ["乙企业有限公司"]
    assert names("q=" + world.firm_a.uscc[-6:]) == ["甲企业有限公司"]
    assert names("industry_section=C&industry_division=38") == ["乙企业有限公司", "甲企业有限公司"]
    assert names("qualification=high_tech&valid_on=2024-12-14") == ["甲企业有限公司"]
    assert names("qualification=high_tech&valid_on=2024-12-15") == []
    assert names("sort=-name") == ["甲企业有限公司", "乙企业有限公司"]


def test_column_choice_is_remembered_per_user(client, world):
    client.force_login(world.clerk)
    url = reverse("enterprises:enterprise_list")
    client.get(url + "?columns=name&columns=registered_capital")
    table = client.get(url).context["table"]
    assert [c.name for c in table.columns if c.visible] == ["name", "registered_capital"]
    assert UserPreference.objects.filter(user=world.clerk).count() == 1
    table = client.get(url + "?reset_columns=1").context["table"]
    assert "uscc" in [c.name for c in table.columns if c.visible]


def test_htmx_filter_request_gets_only_the_results(client, world):
    client.force_login(world.clerk)
    response = client.get(reverse("enterprises:enterprise_list") + "?q=甲", HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="results"')
    assert "<html" not in content


def test_audit_log_page_is_for_auditors_and_admins(client, world):
    url = reverse("audit:change_list")
    for user, status in (
        (world.leader, 403),
        (world.clerk, 403),
        (world.firm_user, 403),
        (world.auditor, 200),
        (world.admin, 200),
    ):
        client.force_login(user)
        assert client.get(url).status_code == status, user


def test_audit_log_filters_by_request_id_user_and_action(client, world):
    client.force_login(world.clerk)
    client.post(
        reverse("enterprises:enterprise_status", args=[world.firm_b.pk]),
        {"status": "moved_out", "reason": "迁往外地"},
    )
    change = ObjectChange.objects.get(action="status")
    client.force_login(world.auditor)
    url = reverse("audit:change_list")
    rows = client.get(f"{url}?request_id={change.request_id}").context["table"].page.object_list.data
    assert [r.pk for r in rows] == [change.pk]
    rows = client.get(f"{url}?user_name=clerk&action=status").context["table"].page.object_list.data
    assert [r.pk for r in rows] == [change.pk]
    assert client.get(reverse("audit:change_detail", args=[change.pk])).status_code == 200


def test_home_page_counts_for_staff(client, world):
    qualification(world.firm_a, "high_tech", D(2024, 1, 1))
    facts(world.firm_a, 2024)
    client.force_login(world.clerk)
    panel = client.get(reverse("home")).context["panels"][0]
    assert panel["on"] == D(2024, 12, 31)
    assert {row["type"].code: row["count"] for row in panel["qualifications"]}["high_tech"] == 1


def test_leaders_home_is_the_cockpit(client, world):
    client.force_login(world.leader)
    response = client.get(reverse("home"))
    assert (response.status_code, response["Location"]) == (302, reverse("goals:cockpit"))


def test_healthz(client, db):
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok")


def test_english_ui(client, world):
    client.force_login(world.clerk)
    client.post(reverse("set_language"), {"language": "en"})
    content = client.get(reverse("enterprises:enterprise_list")).content.decode()
    assert "Enterprises" in content
    assert "Add enterprise" in content


def test_industry_code_box_suggests_classes(client, world):
    client.force_login(world.clerk)
    content = client.get(reverse("reference:industry_options") + "?industry=锂离子").content.decode()
    assert '<option value="C3841">C3841 锂离子电池制造</option>' in content
    content = client.get(reverse("enterprises:enterprise_edit", args=[world.firm_a.pk])).content.decode()
    assert 'list="industry-options"' in content
    assert 'value="C3841"' in content
