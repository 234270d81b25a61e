"""The pages work under the Content-Security-Policy (issue 12.9) in a real browser (Debian
chromium via Playwright): the clerk, the leader and the firm walk their main pages; any
console error or ``securitypolicyviolation`` event fails the walk, and every chart draws."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from gaoxin.projects import services
from tests.browser import chromium, own_live_server, sign_in
from tests.factories import clerk_department, make_project
from tests.personas import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

D = datetime.date

# Runs before any page script: every blocked script, style or fetch is kept for the test.
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(e.violatedDirective + " " + e.blockedURI + " " + e.sourceFile + ":" + e.lineNumber);
});
"""


@pytest.fixture
def live_server(django_db_serialized_rollback, transactional_db):
    yield from own_live_server()


@pytest.fixture
def scene(live_server):
    """On 30 September 2025: an indicator with 1–8月 zone values and a zone target (the
    cockpit's trend, the indicator's chart), a project with a backward schedule (the Gantt),
    a chain with two nodes (the map), leads in two stages (the board)."""
    from gaoxin.attraction.models import Lead
    from gaoxin.chains.models import Chain, ChainNode
    from gaoxin.indicators.models import Indicator, Observation, Target
    from gaoxin.projects.models import ScheduleTemplate

    world = build_world()
    world.zone.reference_date = D(2025, 9, 30)
    world.zone.save()
    clerk_department(world)
    world.indicator = Indicator.objects.create(
        code="iva", name="规模以上工业增加值", unit="%", kind="rate", comparable_prices=True
    )
    for year, month, growth in ((2024, 8, "13.0"), (2024, 12, "13.8"), (2025, 7, "11.6"), (2025, 8, "12.1")):
        Observation.objects.create(
            indicator=world.indicator,
            scope="zone",
            year=year,
            month=month,
            growth=Decimal(growth),
            source="bureau",
        )
    Target.objects.create(
        indicator=world.indicator, year=2025, basis="growth", base_value=15, stretch_value=20
    )
    world.project = make_project(world, world.firm_a, stage="construction")
    services.schedule_create(
        project=world.project,
        template=ScheduleTemplate.objects.get(code="industrial"),
        target=D(2026, 6, 30),
        user=world.clerk,
    )
    world.chain = Chain.objects.create(code="lithium", name="锂电", lead_industry=world.lead)
    ChainNode.objects.create(chain=world.chain, code="foil", name="铜箔", segment="upstream", keywords="铜箔")
    ChainNode.objects.create(
        chain=world.chain, code="cell", name="电芯", segment="midstream", keywords="电芯"
    )
    for i, stage in enumerate(("clue", "contact")):
        Lead.objects.create(
            code=f"XS-{i}", company_name=f"示例{i}科技有限公司", stage=stage, stage_since=D(2025, 9, 1)
        )
    return world


@pytest.fixture
def browser(scene):
    with chromium() as browser:
        yield browser


def pages(scene, who):
    common = [reverse("home"), reverse("enterprises:enterprise_list"), scene.firm_a.get_absolute_url()]
    staff = [
        scene.indicator.get_absolute_url(),
        reverse("projects:project_schedule", args=[scene.project.pk]),
        reverse("chains:chain_detail", args=[scene.chain.pk]),
        reverse("attraction:lead_board"),
    ]
    return {
        "clerk": [*common, *staff, reverse("imports:import"), "/api/docs/"],
        "leader": [*common, reverse("goals:cockpit"), *staff],
        "firm_a": [*common, reverse("indicators:filing")],
    }[who]


def drawn(page) -> dict[str, int]:
    """Chart boxes of the page → how many canvas/svg elements ECharts drew in them."""
    return page.evaluate(
        """() => Object.fromEntries(
          Array.from(document.querySelectorAll("#chart, #gantt, #chain-map, .trend-chart"))
            .map((el) => [el.id, el.querySelectorAll("canvas, svg").length]))"""
    )


@pytest.mark.parametrize("who", ["clerk", "leader", "firm_a"])
def test_main_pages_run_under_the_policy(browser, live_server, scene, who):
    page = sign_in(browser, live_server, who)
    page.context.add_init_script(LISTEN)
    charts, problems = {}, []
    page.on("console", lambda m: problems.append(f"console {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"exception {e}"))
    for url in pages(scene, who):
        problems.clear()
        response = page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
        assert response.status == 200, url
        assert "script-src 'self';" in response.headers["content-security-policy"] + ";", url
        assert problems + page.evaluate("window.__violations") == [], url
        charts.update(drawn(page))
    expected = {
        "clerk": {"chart", "gantt", "chain-map"},
        "leader": {"chart", "gantt", "chain-map", f"trend-{scene.indicator.targets.get().pk}"},
        "firm_a": set(),
    }[who]
    assert set(charts) == expected
    assert all(count >= 1 for count in charts.values()), charts


def test_the_walk_would_see_an_inline_script(browser, live_server, scene):
    page = sign_in(browser, live_server, "clerk")
    page.context.add_init_script(LISTEN)
    page.goto(live_server.url + reverse("home"))
    page.evaluate(
        """() => { const s = document.createElement("script"); s.textContent = "window.ran = 1";
                   document.body.append(s); }"""
    )
    page.wait_for_timeout(100)
    assert page.evaluate("window.ran") is None
    assert [v.split()[0] for v in page.evaluate("window.__violations")] == ["script-src-elem"]


def test_the_markup_behaviours_replace_the_handlers(browser, live_server, scene):
    """data-autosubmit (an indicator's year), data-history-back (an error page's 返回) and
    data-confirm (a form asks first; "no" keeps the page)."""
    page = sign_in(browser, live_server, "leader")
    url = live_server.url
    indicator = scene.indicator.get_absolute_url()
    page.goto(url + indicator)
    with page.expect_navigation():
        page.select_option("#year", "2024")
    assert page.url == url + indicator + "?year=2024"
    page.goto(url + reverse("projects:project_edit", args=[scene.project.pk]))  # the leader reads only: 403
    with page.expect_navigation():
        page.click("[data-testid=back]")
    assert page.url == url + indicator + "?year=2024"
    page.evaluate(
        """() => { const f = document.createElement("form"); f.id = "ask"; f.action = "/";
                   f.dataset.confirm = "确定吗？"; document.body.append(f); }"""
    )
    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.evaluate("document.getElementById('ask').requestSubmit()")
    page.wait_for_timeout(200)
    assert asked == ["确定吗？"]
    assert page.url == url + indicator + "?year=2024"
