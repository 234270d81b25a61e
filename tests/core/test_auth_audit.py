"""Issue 12.4: password changes, lockouts and changes of roles or permissions reach the
auditor's log with who, by whom, IP address and browser."""

from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from gaoxin.core.models import AuthEvent
from gaoxin.core.testing import make_user


def test_a_password_change_on_the_page_is_recorded(client, world):
    user = world.firm_user
    user.set_password("old-pass-2025x")
    user.save()
    AuthEvent.objects.all().delete()
    client.force_login(user)
    client.post(
        reverse("password_change"),
        {
            "old_password": "old-pass-2025x",
            "new_password1": "qingshui8river",
            "new_password2": "qingshui8river",
        },
        REMOTE_ADDR="10.1.2.3",
        HTTP_USER_AGENT="Firefox/140",
    )
    event = AuthEvent.objects.get(kind=AuthEvent.Kind.PASSWORD)
    assert (event.username, event.ip, event.user_agent, event.detail) == (
        "firm_a",
        "10.1.2.3",
        "Firefox/140",
        "",
    )


def test_a_password_set_by_an_administrator_names_them(client, world):
    target = make_user("zhangsan", "clerk")
    client.force_login(world.admin)
    response = client.post(
        reverse("admin:auth_user_password_change", args=[target.pk]),
        {"password1": "qingshui8river", "password2": "qingshui8river", "usable_password": "true"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuthEvent.objects.get(kind=AuthEvent.Kind.PASSWORD)
    assert event.username == "zhangsan" and event.actor == world.admin
    assert event.detail == "由 admin 设置"


def test_roles_and_permissions_given_and_taken_are_recorded(world):
    from gaoxin.core.context import acting_as

    target = make_user("lisi")
    AuthEvent.objects.all().delete()
    clerks = Group.objects.get(name="clerk")
    permission = Permission.objects.get(codename="view_enterprise")
    with acting_as(world.admin):
        target.groups.add(clerks)
        target.groups.remove(clerks)
        target.user_permissions.add(permission)
        clerks.permissions.remove(permission)
    target.groups.add(clerks)  # a script with nobody acting (the roles' sync): not an event
    details = list(
        AuthEvent.objects.filter(kind=AuthEvent.Kind.PERMISSIONS)
        .order_by("id")
        .values_list("username", "detail")
    )
    assert details == [
        ("lisi", "角色已添加：部门工作人员"),
        ("lisi", "角色已移除：部门工作人员"),
        ("lisi", "权限已添加：enterprises.view_enterprise"),
        ("clerk", "权限已移除：enterprises.view_enterprise"),
    ]


def test_a_lockout_is_recorded(client, db):
    user = make_user("wangwu", "clerk")
    user.set_password("zhangwei7x")
    user.save()
    for _attempt in range(5):
        client.post(
            reverse("login"), {"username": "wangwu", "password": "wrong-1234"}, REMOTE_ADDR="10.0.0.9"
        )
    assert AuthEvent.objects.filter(kind=AuthEvent.Kind.LOCKED, username="wangwu", ip="10.0.0.9").count() == 1
    assert AuthEvent.objects.filter(kind=AuthEvent.Kind.FAILED, username="wangwu").count() == 5
