"""Pages speak names, not codes (issue 11 items 3–6), walked on the demo zone as each persona:
no login, no internal code, no raw status word, no exponent and no untranslated English reaches
the text a reader sees (links and form values may still carry codes)."""

import html
import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from gaoxin.enterprises.models import Enterprise
from gaoxin.projects.models import Project
from gaoxin.zone.models import Leader

PAGES = [
    "/",
    "/enterprises/",
    "/enterprises/qualifications/",
    "/enterprises/facts/",
    "/economy/",
    "/economy/observations/",
    "/economy/submissions/",
    "/economy/targets/",
    "/economy/data-sets/",
    "/cockpit/",
    "/projects/",
    "/projects/problems/",
    "/projects/lights/",
    "/attraction/signings/",
    "/attraction/activities/",
    "/attraction/leads/board/",
    "/chains/",
    "/chains/registry/",
    "/chains/target-lists/",
    "/zone/parks/",
    "/land/requests/",
    "/land/allocations/",
    "/land/allocations/unkept/",
    "/visits/",
    "/visits/findings/",
    "/visits/plans/",
]
LOGINS = re.compile(r"(?<![\w@./-])(admin|clerk|leader|auditor|firm)(?![\w@./-])")
FORBIDDEN = [
    # codes staff never type
    "chengdong",
    "chengbei",
    "qingchun",
    "bureau-main",
    "above-scale-monthly",
    "ABOVE_SCALE_OUTPUT",
    "above_scale_output",
    "industrial_value_added",
    "gdp",
    # numbers as Python prints them
    "E+1",
    "E+2",
    ".0000",
    # raw words and English
    "green",
    "yellow",
    "user preference",
    "Task Result",
    "---------",
    "（管委会主任）",
]


def visible_text(content: bytes) -> str:
    """What a reader sees: no scripts, no styles, no tags (attributes and URLs go with them)."""
    text = content.decode()
    text = re.sub(r"<(script|style|template)\b.*?</\1>", " ", text, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    return html.unescape(text)


def walk(client, user, urls):
    client.force_login(user)
    found = {}
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        text = visible_text(response.content)
        bad = [word for word in FORBIDDEN if word in text] + LOGINS.findall(text)
        if bad:
            found[url] = sorted(set(bad))
    return found


@pytest.mark.parametrize("login", ["leader", "clerk", "admin", "auditor"])
def test_staff_pages_show_names_not_codes_or_logins(loaded, client, login):
    firm = Enterprise.objects.get(name="齐星车辆")
    project = Project.objects.filter(enterprise__isnull=False).order_by("code").first()
    details = [
        firm.get_absolute_url(),
        project.get_absolute_url(),
        f"{project.get_absolute_url()}investment/",
    ]
    assert walk(client, User.objects.get(username=login), PAGES + details) == {}


def test_the_firm_sees_names_too(loaded, client):
    firm = Enterprise.objects.get(name="齐星车辆")
    pages = ["/", firm.get_absolute_url(), "/economy/observations/", "/projects/"]
    assert walk(client, User.objects.get(username="firm"), pages) == {}


def test_a_leader_named_with_the_title_is_not_named_twice(loaded):
    names = [str(one) for one in Leader.objects.all()]
    assert "管委会主任（演示）" in names
    assert not [name for name in names if "）（" in name]


def test_targets_read_as_numbers(loaded, client):
    client.force_login(User.objects.get(username="clerk"))
    page = client.get(reverse("indicators:target_list")).content.decode()
    assert "E+" not in page
    rows = re.findall(r"<tr[^>]*>.*?</tr>", page, flags=re.S)
    gdp = next(visible_text(row.encode()).split() for row in rows if "地区生产总值" in row)
    assert gdp[:6] == ["地区生产总值", "2025", "高新区", "增速（%）", "10", "—"]


def test_the_ledger_names_its_money_unit_once(loaded, client):
    client.force_login(User.objects.get(username="clerk"))
    page = client.get(reverse("projects:project_list")).content.decode()
    assert "总投资（亿元）" in page
    cells = re.findall(r'<td class="text-end text-nowrap"[^>]*>([^<]*)</td>', page)
    assert cells and not any("万元" in cell or "亿元" in cell for cell in cells)
    assert "3.20" in cells  # 斯诺鱼板材料项目: 32,000 万元


def test_the_registry_shows_region_names(loaded, client):
    client.force_login(User.objects.get(username="clerk"))
    text = visible_text(client.get(reverse("chains:company_list")).content)
    assert "上海市浦东新区 310115" in " ".join(text.split())


def test_the_brief_can_be_dated_on_a_day_of_ones_choice(loaded, client):
    """Issue 11.14: the cockpit offers the brief dated on the evaluation day, or on a picked day."""
    from django.contrib.auth.models import User

    client.force_login(User.objects.get(username="leader"))
    page = client.get("/cockpit/").content.decode()
    assert 'data-testid="brief-date"' in page and "文件日期" in page
    response = client.get("/reports/brief.docx", {"year": 2025, "month": 8, "as_of": "2025-09-20"})
    assert response.status_code == 200


def test_the_enterprise_page_names_its_industry_first(loaded, client):
    from django.contrib.auth.models import User

    from gaoxin.enterprises.models import Enterprise

    firm = Enterprise.objects.exclude(industry=None).select_related("industry").first()
    client.force_login(User.objects.get(username="clerk"))
    page = client.get(f"/enterprises/{firm.pk}/").content.decode()
    assert f'{firm.industry.name} <span class="text-secondary small">{firm.industry.full_code}</span>' in page
