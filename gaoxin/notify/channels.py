"""The channels a message leaves by: ``Channel.send(delivery) -> Result``.

In-app needs no channel (the ``Message`` is the inbox). E-mail goes through Django's SMTP
backend (``GAOXIN_EMAIL_*``); the group robots of 企业微信 and 钉钉 get their documented JSON by
HTTP POST (urllib, a timeout, ``errcode`` ≠ 0 in the reply is a failure); SMS goes to a
gateway class the zone plugs in. A channel raises nothing: every outcome is a ``Result``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from .models import ChannelConfig, Delivery, Message

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Result:
    ok: bool
    response: str


def absolute_url(message: Message) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{message.url}" if message.url else ""


def plain_text(message: Message) -> str:
    link = absolute_url(message)
    return f"{message.body}\n\n{link}" if link else message.body


def markdown_text(message: Message) -> str:
    link = absolute_url(message)
    label = _("Open in the platform")
    more = f"\n\n[{label}]({link})" if link else ""
    return f"### {message.subject}\n\n{message.body}{more}"


class Channel:
    def send(self, delivery: Delivery) -> Result:
        raise NotImplementedError


class EmailChannel(Channel):
    def send(self, delivery: Delivery) -> Result:
        message = delivery.message
        address = message.user.email
        if not address:
            return Result(False, _("The user has no e-mail address."))
        mail = EmailMessage(
            subject=message.subject,
            body=plain_text(message),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[address],
            connection=get_connection(timeout=settings.EMAIL_TIMEOUT),
        )
        try:
            mail.send()
        except Exception as exc:  # SMTP refusals, network errors: recorded, retried
            return Result(False, f"{type(exc).__name__}: {exc}")
        return Result(True, f"250 → {address}")


def post_json(url: str, payload: dict) -> Result:
    """POST ``payload``; a robot answers ``{"errcode": 0, "errmsg": "ok"}`` when it took it."""
    data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(
        url, data=data, method="POST", headers={"Content-Type": "application/json; charset=utf-8"}
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.WEBHOOK_TIMEOUT) as response:
            text = response.read(4000).decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return Result(False, f"HTTP {exc.code}: {exc.read(500).decode('utf-8', 'replace')}")
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        return Result(False, f"{type(exc).__name__}: {exc}")
    return robot_reply(text)


def robot_reply(text: str) -> Result:
    try:
        errcode = json.loads(text).get("errcode")
    except (ValueError, AttributeError):
        return Result(False, _("Not a robot's answer: %(text)s") % {"text": text[:200]})
    return Result(errcode == 0, text)


class WecomChannel(Channel):
    """企业微信群机器人: ``{"msgtype": "markdown", "markdown": {"content": …}}``."""

    def payload(self, message: Message) -> dict:
        return {"msgtype": "markdown", "markdown": {"content": markdown_text(message)}}

    def send(self, delivery: Delivery) -> Result:
        return post_json(delivery.channel.webhook_url, self.payload(delivery.message))


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    """钉钉 加签: Base64(HMAC-SHA256(secret, "timestamp\\nsecret")), URL-encoded."""
    to_sign = f"{timestamp_ms}\n{secret}".encode()
    digest = hmac.new(secret.encode(), to_sign, hashlib.sha256).digest()
    return urllib.parse.quote_plus(base64.b64encode(digest))


def dingtalk_url(config: ChannelConfig, timestamp_ms: int | None = None) -> str:
    if not config.secret:
        return config.webhook_url
    timestamp_ms = timestamp_ms if timestamp_ms is not None else int(time.time() * 1000)
    joiner = "&" if "?" in config.webhook_url else "?"
    sign = dingtalk_sign(config.secret, timestamp_ms)
    return f"{config.webhook_url}{joiner}timestamp={timestamp_ms}&sign={sign}"


class DingtalkChannel(Channel):
    """钉钉群机器人: ``{"msgtype": "markdown", "markdown": {"title": …, "text": …}}``."""

    def payload(self, message: Message) -> dict:
        return {"msgtype": "markdown", "markdown": {"title": message.subject, "text": markdown_text(message)}}

    def send(self, delivery: Delivery) -> Result:
        return post_json(dingtalk_url(delivery.channel), self.payload(delivery.message))


class SmsGateway:
    """What a zone's SMS gateway implements: send ``text`` to ``user`` (the gateway knows
    where the number comes from, e.g. the zone's directory); ``options`` are the channel's
    settings from the admin (account, signature, template id …)."""

    def __init__(self, options: dict):
        self.options = options

    def send(self, *, user, text: str) -> Result:
        raise NotImplementedError


class NotConfiguredGateway(SmsGateway):
    """The default: logs the text and records a clear failure, so nobody believes it was sent."""

    def send(self, *, user, text: str) -> Result:
        logger.warning("SMS not sent to %s (no gateway configured): %s", user, text[:70])
        return Result(False, _("No SMS gateway is configured for this channel."))


class SmsChannel(Channel):
    def send(self, delivery: Delivery) -> Result:
        config = delivery.channel
        try:
            gateway_class = import_string(config.gateway) if config.gateway else NotConfiguredGateway
            gateway = gateway_class(config.options or {})
            message = delivery.message
            return gateway.send(user=message.user, text=f"{message.subject}：{message.body}"[:300])
        except Exception as exc:  # a zone's gateway failing in any way is a failed attempt
            return Result(False, f"{type(exc).__name__}: {exc}")


CHANNELS: dict[str, Channel] = {
    ChannelConfig.Channel.EMAIL: EmailChannel(),
    ChannelConfig.Channel.WECOM: WecomChannel(),
    ChannelConfig.Channel.DINGTALK: DingtalkChannel(),
    ChannelConfig.Channel.SMS: SmsChannel(),
}
