"""Issue 12.9: every page is served under a Content-Security-Policy that allows scripts from
this site's files only, and no template brings back an inline script or an on…= handler
(the real-browser walk under that policy is tests/test_browser_csp.py)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

PACKAGE = Path(settings.BASE_DIR)  # gaoxin/templates and every app's own templates/
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
HANDLER = re.compile(r"""\son[a-z]+\s*=\s*["']""", re.IGNORECASE)
JS_URL = re.compile(r"""(href|src|action)\s*=\s*["']\s*javascript:""", re.IGNORECASE)
HTMX_ON = re.compile(r"\shx-on", re.IGNORECASE)


def directives(header: str) -> dict[str, list[str]]:
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}


def test_the_login_page_carries_the_policy(client, world):
    response = client.get(reverse("login"))
    assert directives(response["Content-Security-Policy"]) == POLICY
    assert "Content-Security-Policy-Report-Only" not in response


@pytest.mark.parametrize("name", ["home", "enterprises:enterprise_list", "goals:cockpit", "imports:import"])
def test_signed_in_pages_allow_no_inline_script(client, world, name):
    client.force_login(world.leader if name == "goals:cockpit" else world.clerk)
    response = client.get(reverse(name))
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    body = response.content.decode()
    assert [attrs for attrs in SCRIPT_TAG.findall(body) if "src=" not in attrs and "json" not in attrs] == []


def test_the_api_docs_start_swagger_from_a_script_file(client, world):
    client.force_login(world.clerk)
    page = client.get("/api/docs/")
    assert page.status_code == 200
    assert directives(page["Content-Security-Policy"])["script-src"] == ["'self'"]
    tags = SCRIPT_TAG.findall(page.content.decode())
    assert len(tags) == 3 and all("src=" in attrs for attrs in tags)
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "/api/schema/" in script.content.decode()


def test_report_only_sends_the_same_policy_as_a_report(tmp_path):
    code = (
        "from gaoxin import settings as s;"
        "print(hasattr(s, 'CONTENT_SECURITY_POLICY'), s.CONTENT_SECURITY_POLICY_REPORT_ONLY['DIRECTIVES']['script-src'])"
    )
    env = {**os.environ, "GAOXIN_CSP_REPORT_ONLY": "true", "GAOXIN_VAR_DIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False [\"'self'\"]"


def offences(text: str) -> list[str]:
    found = [f"<script{attrs}>" for attrs in SCRIPT_TAG.findall(text) if "src=" not in attrs]
    found += [m.group(0) for rx in (HANDLER, JS_URL, HTMX_ON) for m in rx.finditer(text)]
    return found


def test_no_template_has_an_inline_script_or_handler():
    found = {}
    paths = sorted(PACKAGE.rglob("templates/**/*.html"))
    assert len(paths) > 50  # the walk found the templates
    for path in paths:
        if bad := offences(path.read_text(encoding="utf-8")):
            found[str(path.relative_to(PACKAGE))] = bad
    assert found == {}


def test_the_template_check_finds_what_it_looks_for():
    text = (
        '<script>alert(1)</script><script src="/static/x.js"></script>'
        '<select onchange="this.form.submit()"><a href="javascript:history.back()">'
        '<div hx-on:click="x">'
    )
    assert offences(text) == [
        "<script>",
        ' onchange="',
        'href="javascript:',
        " hx-on",
    ]


def test_htmx_evaluates_no_strings(client, world):
    client.force_login(world.clerk)
    body = client.get(reverse("home")).content.decode()
    assert (
        """<meta name="htmx-config" content='{"allowEval": false, "includeIndicatorStyles": false}'>"""
        in body
    )
