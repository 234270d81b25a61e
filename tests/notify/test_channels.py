"""Each channel against a real receiver: an SMTP server, a robot's HTTP endpoint; failures
recorded per attempt, retried after 5 min, 30 min and 2 h, then failed."""

import datetime
import email
import email.policy

import pytest
from django.utils import timezone

from gaoxin.notify import channels, services
from gaoxin.notify.models import Attempt, ChannelConfig, Delivery, Message

DAY = datetime.date(2025, 9, 30)
NOW = datetime.datetime(2025, 9, 30, 7, 30, tzinfo=datetime.UTC)


@pytest.fixture
def message(world, settings):
    settings.SITE_URL = "https://gaoxin.example.gov.cn"
    world.firm_user.email = "zhang@jia.example.com"
    world.firm_user.save()
    return Message.objects.create(
        user=world.firm_user,
        kind="late_report",
        day=DAY,
        subject="催报：规上工业企业月报（甲企业有限公司）",
        body="甲企业有限公司尚未报送2025年1–8月数据，已逾期20天。",
        url="/economy/filing/",
        topic="late:monthly:ent:1",
        dedupe_key="2025-09-30|late:monthly:ent:1",
    )


def deliver(message, **config):
    channel = ChannelConfig.objects.create(name=config.pop("name", "通道"), **config)
    delivery = Delivery.objects.create(message=message, channel=channel, dedupe_key=message.dedupe_key)
    return services.delivery_send(delivery=delivery, now=NOW)


def test_an_email_reaches_a_real_smtp_server_in_utf8(message, smtp_server):
    delivery = deliver(message, channel="email")
    assert (delivery.status, delivery.attempts, delivery.sent_at) == ("sent", 1, NOW)
    [(recipients, raw)] = smtp_server.received
    assert recipients == ["zhang@jia.example.com"]
    mail = email.message_from_bytes(raw, policy=email.policy.default)
    assert mail["Subject"].strip() == "催报：规上工业企业月报（甲企业有限公司）"
    assert (mail["To"], mail["From"]) == ("zhang@jia.example.com", "gaoxin@zone.example")
    assert mail.get_content_charset() == "utf-8"
    assert mail.get_content() == (  # SMTP's line ends
        "甲企业有限公司尚未报送2025年1–8月数据，已逾期20天。\r\n\r\nhttps://gaoxin.example.gov.cn/economy/filing/\r\n"
    )
    assert Attempt.objects.get(delivery=delivery).ok is True


def test_a_user_without_an_address_is_a_failed_attempt_with_the_reason(message, smtp_server):
    message.user.email = ""
    message.user.save()
    delivery = deliver(message, channel="email")
    assert (delivery.status, delivery.attempts, delivery.last_error) == (
        "queued",
        1,
        "该用户没有电子邮箱地址。",
    )
    assert smtp_server.received == []


def test_the_wecom_robot_gets_its_documented_markdown_json(message, receiver):
    delivery = deliver(message, channel="wecom", webhook_url=f"{receiver.url}/cgi-bin/webhook/send?key=abc")
    assert delivery.status == "sent"
    assert receiver.requests == [
        (
            "/cgi-bin/webhook/send?key=abc",
            {
                "msgtype": "markdown",
                "markdown": {
                    "content": "### 催报：规上工业企业月报（甲企业有限公司）\n\n"
                    "甲企业有限公司尚未报送2025年1–8月数据，已逾期20天。\n\n"
                    "[在平台中打开](https://gaoxin.example.gov.cn/economy/filing/)"
                },
            },
        )
    ]
    assert Attempt.objects.get(delivery=delivery).response == '{"errcode": 0, "errmsg": "ok"}'


def test_dingtalk_sign_for_a_fixed_timestamp():
    # echo -n "1735689600000\nSECtestsecret" | openssl dgst -sha256 -hmac SECtestsecret -binary | base64
    assert (
        channels.dingtalk_sign("SECtestsecret", 1735689600000)
        == "miw1gYrt8JJEJTuOFgelta%2Fwf7bBPGePzkz6vYN12FU%3D"
    )
    config = ChannelConfig(
        channel="dingtalk",
        webhook_url="https://oapi.dingtalk.com/robot/send?access_token=t",
        secret="SECtestsecret",
    )
    assert channels.dingtalk_url(config, 1735689600000) == (
        "https://oapi.dingtalk.com/robot/send?access_token=t"
        "&timestamp=1735689600000&sign=miw1gYrt8JJEJTuOFgelta%2Fwf7bBPGePzkz6vYN12FU%3D"
    )


def test_the_dingtalk_robot_gets_its_json_and_a_signed_address(message, receiver):
    delivery = deliver(
        message,
        channel="dingtalk",
        webhook_url=f"{receiver.url}/robot/send?access_token=t",
        secret="SECtestsecret",
    )
    assert delivery.status == "sent"
    [(path, body)] = receiver.requests
    assert body == {
        "msgtype": "markdown",
        "markdown": {
            "title": "催报：规上工业企业月报（甲企业有限公司）",
            "text": "### 催报：规上工业企业月报（甲企业有限公司）\n\n"
            "甲企业有限公司尚未报送2025年1–8月数据，已逾期20天。\n\n"
            "[在平台中打开](https://gaoxin.example.gov.cn/economy/filing/)",
        },
    }
    timestamp = int(path.split("&timestamp=")[1].split("&")[0])
    assert abs(timestamp - timezone.now().timestamp() * 1000) < 60_000
    assert (
        path
        == f"/robot/send?access_token=t&timestamp={timestamp}&sign={channels.dingtalk_sign('SECtestsecret', timestamp)}"
    )


def test_a_failing_robot_is_retried_at_5_30_120_minutes_then_failed(message, receiver):
    receiver.answers = [
        (500, {"error": "busy"}),
        (200, {"errcode": 310000, "errmsg": "sign not match"}),
        (502, {"error": "bad gateway"}),
        (200, {"errcode": 45009, "errmsg": "api freq out of limit"}),
    ]
    delivery = deliver(message, channel="wecom", webhook_url=f"{receiver.url}/send")
    assert (delivery.status, delivery.next_attempt_at) == ("queued", NOW + datetime.timedelta(minutes=5))
    assert services.deliveries_send_due(now=NOW + datetime.timedelta(minutes=4)) == []  # not yet
    waits = []
    for minutes in (5, 35, 155):
        [delivery] = services.deliveries_send_due(now=NOW + datetime.timedelta(minutes=minutes))
        waits.append((delivery.status, delivery.attempts, delivery.next_attempt_at))
    assert waits == [
        ("queued", 2, NOW + datetime.timedelta(minutes=35)),
        ("queued", 3, NOW + datetime.timedelta(minutes=155)),
        ("failed", 4, None),
    ]
    assert delivery.last_error == '{"errcode": 45009, "errmsg": "api freq out of limit"}'
    assert [(a.ok, a.response) for a in Attempt.objects.filter(delivery=delivery)] == [
        (False, 'HTTP 500: {"error": "busy"}'),
        (False, '{"errcode": 310000, "errmsg": "sign not match"}'),
        (False, 'HTTP 502: {"error": "bad gateway"}'),
        (False, '{"errcode": 45009, "errmsg": "api freq out of limit"}'),
    ]
    assert len(receiver.requests) == 4
    assert services.deliveries_send_due(now=NOW + datetime.timedelta(days=1)) == []  # failed stays failed


def test_a_robot_that_answers_recovers_on_the_retry(message, receiver):
    receiver.answers = [(500, {"error": "busy"}), (200, {"errcode": 0, "errmsg": "ok"})]
    deliver(message, channel="wecom", webhook_url=f"{receiver.url}/send")
    [delivery] = services.deliveries_send_due(now=NOW + datetime.timedelta(minutes=5))
    assert (delivery.status, delivery.attempts, delivery.sent_at) == (
        "sent",
        2,
        NOW + datetime.timedelta(minutes=5),
    )


def test_an_unreachable_robot_is_a_failed_attempt(message):
    delivery = deliver(message, channel="wecom", webhook_url="http://127.0.0.1:9/send")
    assert (delivery.status, delivery.attempts) == ("queued", 1)
    assert delivery.last_error.startswith("URLError")


def test_sms_without_a_gateway_fails_clearly(message):
    delivery = deliver(message, channel="sms")
    assert (delivery.status, delivery.last_error) == ("queued", "此通道未配置短信网关。")


class RecordingGateway(channels.SmsGateway):
    sent = []

    def send(self, *, user, text):
        self.sent.append((user.username, text, self.options["sign"]))
        return channels.Result(True, "queued at the gateway")


def test_a_zones_sms_gateway_is_plugged_in_by_its_class_path(message):
    RecordingGateway.sent = []
    delivery = deliver(
        message,
        channel="sms",
        gateway="tests.notify.test_channels.RecordingGateway",
        options={"sign": "高新区"},
    )
    assert delivery.status == "sent"
    assert RecordingGateway.sent == [
        (
            "firm_a",
            "催报：规上工业企业月报（甲企业有限公司）：甲企业有限公司尚未报送2025年1–8月数据，已逾期20天。",
            "高新区",
        )
    ]
