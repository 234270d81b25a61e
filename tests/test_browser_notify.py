"""The inbox in a real browser (Debian chromium via Playwright): the header's bell counts the
unread, opening a message marks it read and its link leads on, a kind is muted in place."""

import datetime
import os
from pathlib import Path

import pytest
from django.urls import reverse

from gaoxin.notify.models import Message, Mute
from tests.browser import chromium, own_live_server, sign_in
from tests.personas import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def live_server(django_db_serialized_rollback, transactional_db):
    yield from own_live_server()


def remind(user, kind, subject, body, url):
    return Message.objects.create(
        user=user,
        kind=kind,
        day=datetime.date(2025, 9, 30),
        subject=subject,
        body=body,
        url=url,
        topic=subject,
        dedupe_key=f"2025-09-30|{subject}",
    )


@pytest.fixture
def scene(live_server):
    world = build_world()
    remind(
        world.clerk,
        "late_report",
        "催报：乙企业有限公司的规上工业企业月报",
        "乙企业有限公司有1期规上工业企业月报尚未报送：\n- 2025年1–8月（应于2025-09-10报送，已逾期20天）",
        reverse("indicators:late"),
    )
    remind(
        world.clerk,
        "problem_overdue",
        "问题逾期：甲企业新材料项目",
        "用地指标未落实——交办经济发展局，办理期限2025-09-15，已逾期15天。",
        reverse("projects:problem_list"),
    )
    remind(
        world.clerk,
        "lead_overdue",
        "线索逾期：项目A（XS-2025-001）",
        "项目A（XS-2025-001）：首次响应已超过1个工作日",
        reverse("attraction:lead_list"),
    )
    return world


def test_the_bell_counts_opening_reads_and_a_kind_is_muted(live_server, scene):
    with chromium() as browser:
        page = sign_in(browser, live_server, "clerk")
        assert page.locator("[data-testid=inbox-unread]").inner_text() == "3"
        page.locator("[data-testid=inbox-bell]").click()
        page.wait_for_url(live_server.url + reverse("notify:inbox"))
        assert page.locator("[data-testid=inbox-item]").count() == 3
        shots = os.environ.get("GAOXIN_NOTIFY_SHOTS")
        if shots:
            page.set_viewport_size({"width": 1440, "height": 900})
            page.screenshot(path=str(Path(shots) / "messages-1440.png"), full_page=True)
            page.set_viewport_size({"width": 390, "height": 844})
            page.screenshot(path=str(Path(shots) / "messages-390.png"), full_page=True)
            page.set_viewport_size({"width": 1280, "height": 900})
        page.get_by_text("问题逾期：甲企业新材料项目").click()
        page.locator("[data-testid=message]").wait_for()
        assert page.locator("[data-testid=inbox-unread]").inner_text() == "2"
        page.locator("[data-testid=message-link]").click()
        page.wait_for_url(live_server.url + reverse("projects:problem_list"))
        page.goto(live_server.url + reverse("notify:inbox"))
        page.locator("[data-testid=mute-lead_overdue]").click()
        page.locator("[data-testid=unmute-lead_overdue]").wait_for()
    assert list(Mute.objects.values_list("user__username", "kind")) == [("clerk", "lead_overdue")]
