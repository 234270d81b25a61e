"""Screenshots of the pages that matter, for docs/screenshots/ (``make screenshots``).

Uses a throw-away copy of the demo zone (var/screenshots/), serves it on a free port and
drives Debian's chromium with Playwright: list, detail, history (after an edit), the import
page with one bad row, the audit log, and the list on a phone-sized screen.
"""

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
WORK = ROOT / "var" / "screenshots"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def render_brief() -> None:
    """The monthly brief's first page as LibreOffice renders the .docx (when installed)."""
    from django.utils import translation

    from gaoxin.indicators.services import latest_period
    from gaoxin.reports import brief as briefs

    soffice = shutil.which("soffice")
    if not soffice or not shutil.which("pdftoppm"):
        print("soffice/pdftoppm not installed: brief page not rendered")
        return
    with translation.override("zh-hans"):
        docx = WORK / "brief.docx"
        docx.write_bytes(briefs.docx_bytes(briefs.build(*latest_period())))
    subprocess.run(
        [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{WORK / 'lo'}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(WORK),
            str(docx),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "80",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(WORK / "brief.pdf"),
            str(OUT / "brief-page1"),
        ],
        check=True,
    )


def main() -> int:
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    OUT.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "GAOXIN_VAR_DIR": str(WORK),
        "GAOXIN_DATABASE_URL": f"sqlite:///{WORK / 'demo.sqlite3'}",
        # a throwaway key: the server refuses the public development key with DEBUG off
        "GAOXIN_SECRET_KEY": os.environ.get("GAOXIN_SECRET_KEY") or secrets.token_urlsafe(50),
    }
    gaoxin = str(ROOT / ".venv" / "bin" / "gaoxin")
    subprocess.run([gaoxin, "demo", "--no-serve"], env=env, check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    server = subprocess.Popen(
        [gaoxin, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(3)
        shoot(f"http://127.0.0.1:{port}", env)
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


def shoot(base: str, env: dict) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gaoxin.settings")
    import django

    django.setup()
    from playwright.sync_api import sync_playwright

    from gaoxin.core.testing import CHROMIUM_ARGS, chromium_path, make_uscc, xlsx_bytes
    from gaoxin.enterprises.models import Enterprise
    from gaoxin.projects.models import Project

    firm = Enterprise.objects.get(name="齐星车辆")
    # Read before Playwright starts: its event loop forbids database queries.
    red_project = Project.objects.get(name="晶星新能源新材料项目").pk
    from gaoxin.chains.models import Chain, ChainNode

    lithium = Chain.objects.filter(nodes__name="铜箔").first()
    foil = ChainNode.objects.filter(name="铜箔").first()
    chain_pages = (lithium.pk if lithium else None, foil.pk if foil else None)
    bad_file = WORK / "企业导入示例.xlsx"
    bad_file.write_bytes(
        xlsx_bytes(
            ["企业名称", "统一社会信用代码", "成立日期", "注册资本（万元）", "园区", "行业代码（GB/T 4754）"],
            [
                ["随州新建示例一有限公司", make_uscc(301), "2023-03-01", 500, "城东园区", "C3841"],
                [
                    "随州新建示例二有限公司",
                    make_uscc(302)[:17] + "0",
                    "2023-04-01",
                    "五百万",
                    "城东园区",
                    "C3841",
                ],
                ["随州新建示例三有限公司", make_uscc(303), "2099-01-01", 300, "火星园区", "C9999"],
            ],
        )
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_context(locale="zh-CN", viewport={"width": 1440, "height": 900}).new_page()
        page.goto(f"{base}/login/")
        page.screenshot(path=str(OUT / "login.png"))
        page.fill("#id_username", "clerk")
        page.fill("#id_password", "gaoxin2025")
        page.click("button[type=submit]")
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(OUT / "home.png"), full_page=True)
        page.goto(f"{base}/enterprises/?qualification=high_tech&valid_on=2024-12-31")
        page.screenshot(path=str(OUT / "enterprise-list.png"), full_page=True)
        page.goto(f"{base}/enterprises/{firm.pk}/")
        page.screenshot(path=str(OUT / "enterprise-detail.png"), full_page=True)
        page.goto(f"{base}/enterprises/{firm.pk}/edit/")
        page.select_option("#id_park", label="城北园区")
        page.fill("#id__changelog", "按2025年营业执照更正所属园区")
        page.click("form.card button[type=submit]")  # not the sidebar's sign-out button
        page.goto(f"{base}/enterprises/{firm.pk}/history/")
        page.screenshot(path=str(OUT / "enterprise-history.png"))
        page.goto(f"{base}/imports/?kind=enterprises")
        page.set_input_files("#id_file", str(bad_file))
        page.click("[data-testid=import-form] button[type=submit]")
        page.wait_for_selector("[data-testid=import-errors]")
        page.screenshot(path=str(OUT / "import-errors.png"), full_page=True)
        phone = browser.new_context(
            locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True
        ).new_page()
        phone.goto(f"{base}/login/")
        phone.fill("#id_username", "auditor")
        phone.fill("#id_password", "gaoxin2025")
        phone.click("button[type=submit]")
        phone.goto(f"{base}/enterprises/")
        phone.screenshot(path=str(OUT / "enterprise-list-phone.png"))
        phone.goto(f"{base}/audit/")
        phone.screenshot(path=str(OUT / "audit-log-phone.png"))
        leader = browser.new_context(locale="zh-CN", viewport={"width": 1440, "height": 900}).new_page()
        leader.goto(f"{base}/login/")
        leader.fill("#id_username", "leader")
        leader.fill("#id_password", "gaoxin2025")
        leader.click("button[type=submit]")
        leader.goto(f"{base}/cockpit/")
        leader.wait_for_timeout(800)  # the charts draw
        leader.screenshot(path=str(OUT / "cockpit.png"), full_page=True)
        shoot_projects(leader, base, red_project)
        shoot_attraction(page, base, *chain_pages)
        mobile = browser.new_context(
            locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True
        ).new_page()
        mobile.goto(f"{base}/login/")
        mobile.fill("#id_username", "leader")
        mobile.fill("#id_password", "gaoxin2025")
        mobile.click("button[type=submit]")
        mobile.goto(f"{base}/cockpit/")
        mobile.wait_for_timeout(800)
        mobile.screenshot(path=str(OUT / "cockpit-phone.png"))
        shoot_phone(mobile, base, red_project)
        shoot_search(page, mobile, base)
        firm = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 800}).new_page()
        firm.goto(f"{base}/login/")
        firm.fill("#id_username", "firm")
        firm.fill("#id_password", "gaoxin2025")
        firm.click("button[type=submit]")
        firm.goto(f"{base}/economy/filing/")
        firm.screenshot(path=str(OUT / "filing.png"), full_page=True)
        shoot_todo(browser, base)
        browser.close()
    render_brief()
    print(f"screenshots written to {OUT.relative_to(ROOT)}")


def shoot_todo(browser, base: str) -> None:
    """我的待办 on the clerk's and the firm's home, at 1440 px and on a 390 px phone."""
    for user, name in (("clerk", "todo-home"), ("firm", "todo-firm")):
        for width, height in ((1440, 1000), (390, 844)):
            context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": height})
            page = context.new_page()
            page.goto(f"{base}/login/")
            page.fill("#id_username", user)
            page.fill("#id_password", "gaoxin2025")
            page.click("button[type=submit]")
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(OUT / f"{name}-{width}.png"), full_page=user == "firm")
            context.close()


def shoot_projects(leader, base: str, red: int) -> None:
    """The leader's key-project pages: their projects, the ledger, a red project, its
    schedule against the baseline, the lights, the problem list."""
    for name, url, wait in (
        ("projects-leader", "/projects/mine/", 0),
        ("projects-list", "/projects/", 0),
        ("project-detail", f"/projects/{red}/", 0),
        ("project-schedule", f"/projects/{red}/schedule/", 800),
        ("project-investment", f"/projects/{red}/investment/", 0),
        ("projects-lights", "/projects/lights/", 0),
        ("projects-problems", "/projects/problems/", 0),
    ):
        leader.goto(f"{base}{url}")
        if wait:
            leader.wait_for_timeout(wait)  # the chart draws
        leader.screenshot(path=str(OUT / f"{name}.png"), full_page=True)


def shoot_phone(leader, base: str, red: int) -> None:
    """The phone layouts (390 px, ``leader``): lists as cards (their first two screens), the
    lead board's first column, a schedule's Gantt and the cockpit (whole pages)."""
    for name, url, whole in (
        ("phone-ledger-390", "/projects/", False),
        ("phone-leads-390", "/attraction/leads/", False),
        ("phone-problems-390", "/projects/problems/", False),
        ("phone-kanban-390", "/attraction/leads/board/", False),
        ("phone-gantt-390", f"/projects/{red}/schedule/", True),
        ("phone-cockpit-390", "/cockpit/", True),
    ):
        leader.goto(f"{base}{url}")
        leader.wait_for_timeout(800)  # charts draw
        clip = None if whole else {"x": 0, "y": 0, "width": 390, "height": 2 * 844}
        leader.screenshot(path=str(OUT / f"{name}.png"), full_page=True, clip=clip)


def shoot_attraction(clerk, base: str, chain: int | None, foil: int | None) -> None:
    """招商 and the chain map as ``clerk`` sees them."""
    pages = [("leads-board", "/attraction/leads/board/"), ("signings", "/attraction/signings/")]
    if chain:
        pages.append(("chain-map", f"/chains/{chain}/"))
    if foil:
        pages.append(("chain-node-copper-foil", f"/chains/nodes/{foil}/"))
    for name, url in pages:
        clerk.goto(f"{base}{url}")
        clerk.wait_for_timeout(800)  # charts draw
        clerk.screenshot(path=str(OUT / f"{name}.png"), full_page=True)


def shoot_search(clerk, phone, base: str) -> None:
    """The header's dropdown and the search page (desktop), the search page on a phone."""
    clerk.goto(f"{base}/search/?q=新能源")
    clerk.screenshot(path=str(OUT / "search.png"), full_page=True)
    clerk.fill("[data-testid=site-search]", "齐星")
    clerk.wait_for_selector("[data-testid=site-search-results] .site-search-option")
    clerk.keyboard.press("ArrowDown")
    clerk.screenshot(path=str(OUT / "search-dropdown.png"))
    phone.goto(f"{base}/search/?q=新能源")
    phone.screenshot(path=str(OUT / "search-phone.png"), full_page=True)


if __name__ == "__main__":
    sys.exit(main())
