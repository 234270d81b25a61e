"""The inbox: one's own messages only (another user's is a 404), opening marks read, the
header counts the unread, a kind is muted from the inbox or the account page."""

import datetime

import pytest
from django.urls import reverse

from gaoxin.notify.models import Message, Mute


def message(user, subject, **fields):
    fields.setdefault("day", datetime.date(2025, 9, 30))
    return Message.objects.create(
        user=user,
        kind=fields.pop("kind", "problem_overdue"),
        subject=subject,
        body=fields.pop("body", "用地指标未落实——交办经济发展局，办理期限2025-09-15，已逾期15天。"),
        url=fields.pop("url", "/projects/problems/"),
        topic=subject,
        dedupe_key=f"2025-09-30|{subject}",
        **fields,
    )


@pytest.fixture
def mail(world):
    return type(
        "M",
        (),
        {
            "mine": message(world.clerk, "问题逾期：甲企业新材料项目"),
            "other": message(world.clerk, "问题逾期：乙企业扩建项目"),
            "theirs": message(world.firm_user, "催报：甲企业有限公司的规上工业企业月报", kind="late_report"),
        },
    )


def test_the_inbox_lists_only_my_messages_and_counts_the_unread(client, world, mail):
    client.force_login(world.clerk)
    response = client.get(reverse("notify:inbox"))
    body = response.content.decode()
    assert response.status_code == 200
    assert [m.subject for m in response.context["page"]] == [
        "问题逾期：乙企业扩建项目",
        "问题逾期：甲企业新材料项目",
    ]
    assert "催报：甲企业有限公司的规上工业企业月报" not in body
    assert 'data-testid="inbox-unread">2</span>' in body


def test_another_users_message_is_a_404_and_stays_unread(client, world, mail):
    client.force_login(world.clerk)
    assert client.get(reverse("notify:message_detail", args=[mail.theirs.pk])).status_code == 404
    assert client.post(reverse("notify:message_read", args=[mail.theirs.pk])).status_code == 404
    mail.theirs.refresh_from_db()
    assert mail.theirs.read_at is None


def test_opening_a_message_marks_it_read(client, world, mail):
    client.force_login(world.clerk)
    response = client.get(reverse("notify:message_detail", args=[mail.mine.pk]))
    assert response.status_code == 200
    assert 'href="/projects/problems/"' in response.content.decode()
    assert list(
        Message.objects.filter(read_at__isnull=True).order_by("subject").values_list("subject", flat=True)
    ) == [
        "催报：甲企业有限公司的规上工业企业月报",
        "问题逾期：乙企业扩建项目",
    ]
    assert [m.subject for m in client.get(reverse("notify:inbox"), {"unread": "1"}).context["page"]] == [
        "问题逾期：乙企业扩建项目"
    ]


def test_mark_all_read_touches_only_my_messages(client, world, mail):
    client.force_login(world.clerk)
    assert client.post(reverse("notify:message_read_all")).status_code == 302
    assert list(Message.objects.filter(read_at__isnull=True).values_list("subject", flat=True)) == [
        "催报：甲企业有限公司的规上工业企业月报"
    ]
    assert 'data-testid="inbox-unread"' not in client.get(reverse("notify:inbox")).content.decode()


def test_signed_out_the_inbox_sends_to_login(client, mail):
    response = client.get(reverse("notify:inbox"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_a_kind_is_muted_and_unmuted_from_the_account_page(client, world):
    client.force_login(world.firm_user)
    account = reverse("account")
    assert 'data-testid="mute-late_report"' in client.get(account).content.decode()
    response = client.post(reverse("notify:mute"), {"kind": "late_report", "muted": "1", "next": account})
    assert response["Location"] == account
    assert list(Mute.objects.values_list("user__username", "kind")) == [("firm_a", "late_report")]
    assert 'data-testid="unmute-late_report"' in client.get(account).content.decode()
    client.post(
        reverse("notify:mute"), {"kind": "late_report", "muted": "0", "next": "https://evil.example/"}
    )
    assert list(Mute.objects.all()) == []
    assert client.post(reverse("notify:mute"), {"kind": "nonsense", "muted": "1"}).status_code == 404


def test_a_robot_is_configured_in_the_admin_and_audited_without_its_secret(client, world):
    from gaoxin.core.models import ObjectChange
    from gaoxin.notify.models import ChannelConfig

    client.force_login(world.admin)
    response = client.post(
        reverse("admin:notify_channelconfig_add"),
        {
            "name": "招商局钉钉群",
            "channel": "dingtalk",
            "enabled": "on",
            "webhook_url": "https://oapi.dingtalk.com/robot/send?access_token=abc",
            "secret": "SECtestsecret",
            "gateway": "",
            "options": "{}",
            "kinds": '["lead_overdue"]',
        },
    )
    assert response.status_code == 302
    robot = ChannelConfig.objects.get()
    assert (robot.channel, robot.kinds, robot.sends("lead_overdue"), robot.sends("digest")) == (
        "dingtalk",
        ["lead_overdue"],
        True,
        False,
    )
    [change] = ObjectChange.objects.for_object(robot)
    assert change.action == "create" and "secret" not in change.postchange_data
    assert change.postchange_data["webhook_url"] == "https://oapi.dingtalk.com/robot/send?access_token=abc"
