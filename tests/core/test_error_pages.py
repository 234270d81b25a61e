"""Errors in Chinese, in the site's layout, with a way back (issue 11 item 10): 400, 403,
404, 500 and the CSRF refusal; never Django's bare English pages."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views import defaults

ENGLISH = ("Forbidden", "Not Found", "Page not found", "Server Error", "CSRF verification failed")


def assert_chinese_page(response, status: int, *texts: str) -> str:
    assert response.status_code == status
    content = response.content.decode()
    assert f'data-status="{status}"' in content
    for text in texts:
        assert text in content
    for word in ENGLISH:
        assert word not in content
    assert "返回" in content and "首页" in content  # a way back
    return content


def test_an_unknown_address_is_a_chinese_404_in_the_layout(client, world):
    client.force_login(world.clerk)
    content = assert_chinese_page(client.get("/no-such-page/"), 404, "页面或记录不存在")
    assert 'class="navbar' in content  # the sidebar: the user is still in the site
    assert "URLconf" not in content and "urlpatterns" not in content


def test_another_firms_record_is_the_same_404(client, world):
    client.force_login(world.firm_user)
    response = client.get(reverse("enterprises:enterprise_detail", args=[world.firm_b.pk]))
    assert_chinese_page(response, 404, "页面或记录不存在")


def test_a_page_of_another_role_is_a_chinese_403(client, world):
    client.force_login(world.firm_user)
    assert_chinese_page(client.get(reverse("goals:cockpit")), 403, "没有权限打开此页面")


def test_a_server_error_is_a_chinese_500_without_the_database():
    response = defaults.server_error(RequestFactory().get("/"))
    assert_chinese_page(response, 500, "平台未能完成此次请求", "本次请求没有保存任何内容")


@pytest.mark.django_db
def test_a_bad_request_is_a_chinese_400():
    response = defaults.bad_request(RequestFactory().get("/"), Exception("bad"))
    assert_chinese_page(response, 400, "请求无法识别")


@pytest.mark.django_db
def test_a_form_without_its_token_is_refused_in_chinese(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.clerk)
    response = client.post(reverse("enterprises:enterprise_add"), {"name": "某公司"})
    assert_chinese_page(response, 403, "页面已过期或表单来自其他网站")
