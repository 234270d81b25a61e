"""The audit log (issue 11 item 12): its object-type filter names every audited model, sign-ins,
sign-outs and refused sign-ins are recorded with address and browser, and a firm's filing is
one entry worded as a filing."""

from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from gaoxin.core.models import AuthEvent, ObjectChange
from gaoxin.core.testing import PASSWORD
from gaoxin.indicators.models import DataSet, Indicator, Observation
from gaoxin.projects.models import Project

UA = "Mozilla/5.0 (Windows NT 10.0) 测试浏览器"


def type_labels(response) -> dict[str, str]:
    """{option label: value} of the object-type filter, across its app groups."""
    field = response.context["filter_form"].fields["content_type"]
    labels = {}
    for value, label in field.choices:
        if isinstance(label, list | tuple):
            labels.update({str(name): str(pk) for pk, name in label})
        elif value:
            labels[str(label)] = str(value)
    return labels


def test_the_object_type_filter_lists_every_audited_model(client, world):
    client.force_login(world.auditor)
    labels = type_labels(client.get(reverse("audit:change_list")))
    for name in ("企业", "资质", "项目", "问题", "线索", "签约项目", "指标", "报送", "企业库企业"):
        assert name in labels, name
    project_type = ContentType.objects.get_for_model(Project)
    assert labels["项目"] == str(project_type.pk)


def test_the_object_type_filter_narrows_the_log(client, world):
    client.force_login(world.clerk)
    client.post(
        reverse("enterprises:enterprise_status", args=[world.firm_b.pk]),
        {"status": "moved_out", "reason": "迁往外地"},
    )
    client.force_login(world.auditor)
    enterprise_type = ContentType.objects.get(app_label="enterprises", model="enterprise")
    response = client.get(
        reverse("audit:change_list"), {"content_type": enterprise_type.pk, "action": "status"}
    )
    rows = list(response.context["table"].page.object_list.data)
    assert [(r.object_repr, r.message) for r in rows] == [("乙企业有限公司", "迁往外地")]


def test_a_sign_in_and_a_sign_out_are_recorded_with_address_and_browser(client, world):
    login = client.post(
        reverse("login"),
        {"username": "clerk", "password": PASSWORD},
        REMOTE_ADDR="10.20.30.40",
        HTTP_USER_AGENT=UA,
    )
    assert login.status_code == 302
    client.post(reverse("logout"), REMOTE_ADDR="10.20.30.41", HTTP_USER_AGENT=UA)
    rows = AuthEvent.objects.order_by("id").values_list(
        "kind", "user__username", "username", "ip", "user_agent"
    )
    assert list(rows) == [
        ("login", "clerk", "clerk", "10.20.30.40", UA),
        ("logout", "clerk", "clerk", "10.20.30.41", UA),
    ]


def test_a_refused_sign_in_keeps_the_name_tried(client, world):
    response = client.post(
        reverse("login"),
        {"username": "clerk", "password": "wrong"},
        REMOTE_ADDR="10.0.0.9",
        HTTP_USER_AGENT=UA,
    )
    assert response.status_code == 200
    [event] = AuthEvent.objects.all()
    assert (event.kind, event.user, event.username, event.ip, event.user_agent) == (
        "failed",
        None,
        "clerk",
        "10.0.0.9",
        UA,
    )


@pytest.mark.parametrize(("trusted", "ip"), [(False, "127.0.0.1"), (True, "203.0.113.7")])
def test_the_forwarded_address_counts_only_behind_a_trusted_proxy(client, world, settings, trusted, ip):
    settings.TRUST_X_FORWARDED_FOR = trusted
    client.post(
        reverse("login"),
        {"username": "clerk", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.7, 10.0.0.1",
    )
    assert AuthEvent.objects.get().ip == ip


def test_the_sign_in_page_of_the_audit_is_for_auditors_and_filters_by_event(client, world):
    client.post(reverse("login"), {"username": "leader", "password": "wrong"}, REMOTE_ADDR="10.0.0.9")
    client.post(reverse("login"), {"username": "leader", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9")
    url = reverse("audit:authevent_list")
    assert client.get(url).status_code == 403  # the leader reads no audit
    client.force_login(world.auditor)
    rows = client.get(url, {"kind": "failed"}).context["table"].page.object_list.data
    assert [(r.kind, r.username) for r in rows] == [("failed", "leader")]
    page = client.get(url).content.decode()
    assert "登录失败" in page and "10.0.0.9" in page


def test_a_firms_filing_is_one_audit_entry_worded_as_a_filing(client, world):
    output = Indicator.objects.create(code="output", name="规模以上工业总产值", unit="万元", kind="level")
    power = Indicator.objects.create(code="power", name="工业用电量", unit="万千瓦时", kind="level")
    data_set = DataSet.objects.create(code="firm-filing", name="企业月度填报", scope="enterprise", due_day=8)
    data_set.indicators.set([output, power])
    DataSet.objects.create(code="bureau", name="主要经济指标", scope="zone")
    # August is on record (zone and firm A), so September is the period filed next.
    Observation.objects.create(indicator=output, scope="zone", year=2025, month=8, value=Decimal("9000"))
    Observation.objects.create(
        indicator=output,
        scope="enterprise",
        enterprise=world.firm_a,
        year=2025,
        month=8,
        value=Decimal("800"),
    )
    client.force_login(world.firm_user)
    before = ObjectChange.objects.count()
    url = reverse("indicators:filing")
    period = {"data_set": "firm-filing", "period": "2025-9"}
    client.post(url, {**period, f"ind_{output.pk}": "1000.5", f"ind_{power.pk}": "52"})
    client.post(url, {**period, f"ind_{output.pk}": "1001", f"ind_{power.pk}": "52"})
    rows = ObjectChange.objects.order_by("id")[before:]
    assert [(r.action, r.source, r.message, r.prechange_data, r.postchange_data) for r in rows] == [
        (
            "create",
            "web",
            "填报2025年1–9月（2项）",
            None,
            {"规模以上工业总产值": "1000.5", "工业用电量": "52"},
        ),
        (
            "update",
            "web",
            "填报2025年1–9月（1项）",
            {"规模以上工业总产值": "1000.5"},
            {"规模以上工业总产值": "1001"},
        ),
    ]
    assert {(r.content_type.model, r.related_object_id) for r in rows} == {
        ("submission", str(world.firm_a.pk))
    }
