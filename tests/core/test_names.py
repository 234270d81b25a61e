"""Names, numbers and words as a reader wants them (issue 11 items 3–6): a person by display
name and department, a Decimal at its unit's precision, one money unit per column, the admin
in the platform's name, Chinese model names, the filter panel without an empty block."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import translation

from gaoxin.core import people
from gaoxin.core.tables import YI, MoneyColumn
from gaoxin.core.templatetags.gaoxin import money_in, money_scale, num, num_unit
from gaoxin.indicators.models import Indicator, Observation, Scope
from gaoxin.zone.models import Department, Leader


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (Decimal("1E+1"), "%", "10"),
        (Decimal("2E+1"), "", "20"),
        (Decimal("12.5"), "%", "12.50"),
        (Decimal("2176.7000"), "", "2,176.70"),
        (Decimal("12.345"), "%", "12.35"),
        (Decimal("3000.0000"), "万元", "3,000.00"),
        (Decimal("4034.7"), "万元", "4,034.70"),
        (Decimal("1234567"), "人", "1,234,567"),
        (Decimal("2312.9"), "万千瓦时", "2,312.90"),
        (Decimal("2312"), "万千瓦时", "2,312.00"),
        (None, "万元", "—"),
    ],
)
def test_a_decimal_reads_at_its_units_precision(value, unit, shown):
    assert num(value, unit) == shown


def test_a_value_with_its_unit():
    assert num_unit(Decimal("4034.7000"), "万元") == "4,034.70 万元"
    assert num_unit(Decimal("15.0000"), "%") == "15 %"


def test_amounts_side_by_side_share_one_unit():
    with translation.override("zh-hans"):
        scale = money_scale(Decimal("32000"), Decimal("6000"), None)
        assert scale == "yi"
        assert [money_in(v, scale) for v in (Decimal("32000"), Decimal("6000"))] == ["3.20 亿元", "0.60 亿元"]
        small = money_scale(Decimal("6000"), Decimal("500"))
        assert [money_in(v, small) for v in (Decimal("6000"), Decimal("500"))] == [
            "6,000.00 万元",
            "500.00 万元",
        ]


def test_a_money_column_names_its_unit_in_the_header():
    with translation.override("zh-hans"):
        assert MoneyColumn(verbose_name="总投资", unit=YI).header == "总投资（亿元）"
        assert MoneyColumn(verbose_name="本年计划投资").header == "本年计划投资（万元）"
        assert MoneyColumn(verbose_name="合同金额（万元）").header == "合同金额（万元）"
        assert MoneyColumn(unit=YI).render(Decimal("32000")) == "3.20"


def test_a_person_is_named_with_the_department(world):
    world.clerk.first_name = "经发局工作人员（演示）"
    world.clerk.save()
    Department.objects.create(zone=world.zone, name="经济发展局").members.add(world.clerk)
    clerk = User.objects.get(pk=world.clerk.pk)
    assert people.user_label(clerk) == "经发局工作人员（演示） · 经济发展局"
    assert people.user_label(world.admin) == "admin"  # no name given: the login is all there is
    assert people.user_label(None) == "—"


def test_the_observation_list_names_who_entered_a_value(client, world):
    world.admin.first_name = "系统管理员"
    world.admin.save()
    indicator = Indicator.objects.create(code="output", name="工业总产值", unit="万元")
    Observation.objects.create(
        indicator=indicator,
        scope=Scope.ENTERPRISE,
        enterprise=world.firm_a,
        year=2025,
        month=8,
        value=Decimal("4034.7000"),
        entered_by=world.admin,
    )
    client.force_login(world.clerk)
    page = client.get(reverse("indicators:observation_list") + "?year=2025&month=8").content.decode()
    assert ">系统管理员</td>" in page
    assert ">admin<" not in page
    assert "4,034.70 万元" in page


def test_a_leader_whose_name_holds_the_title_is_not_named_twice(world):
    assert str(Leader(zone=world.zone, name="管委会主任（演示）", title="管委会主任")) == "管委会主任（演示）"
    assert str(Leader(zone=world.zone, name="张三", title="管委会主任")) == "张三（管委会主任）"


def test_the_admin_speaks_the_platforms_name(client, world):
    client.force_login(world.admin)
    page = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "<title>设置 | 高新区管委会运营平台</title>" in page
    assert "高新区管委会运营平台</a>" in page
    for word in ("Django", "Task Result", "Tasks Database Backend", "TASKS DATABASE BACKEND"):
        assert word not in page


def test_no_model_of_ours_is_named_in_english_or_as_a_measure_word():
    with translation.override("zh-hans"):
        names = {
            model._meta.label: (str(model._meta.verbose_name), str(model._meta.verbose_name_plural))
            for model in apps.get_models()
            if model.__module__.startswith("gaoxin.")
        }
    assert not [label for label, pair in names.items() if "条" in pair]
    assert not [label for label, pair in names.items() if any(name.isascii() for name in pair)]
    assert names["attraction.Lead"] == ("线索", "线索")
    assert names["core.UserPreference"] == ("页面设置", "页面设置")


def test_the_filter_panel_starts_at_the_top_left(client, world):
    client.force_login(world.clerk)
    page = client.get(reverse("enterprises:enterprise_list")).content.decode()
    assert '<div class="row g-2 align-items-start">' in page
    assert "---------" not in page


def test_the_enterprise_picker_suggests_the_readers_enterprises(client, world):
    client.force_login(world.clerk)
    options = client.get(reverse("enterprises:enterprise_options") + "?q=企业").content.decode()
    assert options.count("<option") == 2
    assert '<option value="甲企业有限公司">' in options
    client.force_login(world.firm_user)
    options = client.get(reverse("enterprises:enterprise_options") + "?q=企业").content.decode()
    assert options.count("<option") == 1 and "乙企业有限公司" not in options


def test_the_enterprise_filter_takes_a_name_a_credit_code_or_an_id(client, world):
    indicator = Indicator.objects.create(code="output", name="工业总产值", unit="万元")
    for firm, value in ((world.firm_a, "100"), (world.firm_b, "200")):
        Observation.objects.create(
            indicator=indicator,
            scope=Scope.ENTERPRISE,
            enterprise=firm,
            year=2025,
            month=8,
            value=Decimal(value),
        )
    client.force_login(world.clerk)
    url = reverse("indicators:observation_list")
    for value in ("甲企业有限公司", world.firm_a.uscc, str(world.firm_a.pk), "甲企业"):
        page = client.get(url, {"enterprise": value}).content.decode()
        assert "100.00 万元" in page and "200.00 万元" not in page, value
    page = client.get(url, {"enterprise": str(world.firm_a.pk)}).content.decode()
    assert 'value="甲企业有限公司"' in page and 'data-testid="enterprise-picker"' in page


def test_a_persons_department_is_read_once_per_request(world, django_assert_num_queries):
    from gaoxin.core.context import change_context

    Department.objects.create(zone=world.zone, name="经济发展局").members.add(world.clerk)
    with change_context(user=world.clerk), django_assert_num_queries(1):
        labels = {people.user_label(world.clerk) for _ in range(25)}
    assert labels == {"clerk · 经济发展局"}


def test_an_edit_form_shows_a_stored_decimal_as_typed_and_no_dashes(client, world):
    """The edit form of a firm: 注册资本 5000.0000 reads "5000", an empty choice reads 请选择."""
    from decimal import Decimal

    from django.urls import reverse

    from gaoxin.enterprises.models import Enterprise

    Enterprise.objects.filter(pk=world.firm_a.pk).update(registered_capital=Decimal("5000.0000"))
    client.force_login(world.clerk)
    page = client.get(reverse("enterprises:enterprise_edit", args=[world.firm_a.pk])).content.decode()
    assert 'value="5000"' in page and "5000.0000" not in page
    assert "---------" not in page and "请选择" in page
