"""Issue 12.9: signed-in pages and exports are never cached; the API schema and docs are
for signed-in users; the security headers are set."""

from django.urls import reverse


def test_signed_in_pages_and_exports_are_not_stored(client, world):
    client.force_login(world.clerk)
    for url in [reverse("enterprises:enterprise_list"), "/enterprises/?export=xlsx", "/api/enterprises/"]:
        response = client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "no-store, private", url


def test_the_login_page_may_be_cached_by_nobody_but_is_not_marked(client, world):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_the_schema_and_docs_need_a_sign_in(client, world):
    assert client.get("/api/schema/").status_code in (401, 403)
    assert client.get("/api/docs/").status_code == 302
    client.force_login(world.firm_user)
    assert client.get("/api/schema/").status_code == 200
    assert client.get("/api/docs/").status_code == 200
