"""Query-count guards: the list page and the API cost the same number of queries for 10
rows as for 100 (an N+1 anywhere in a column fails here)."""

import datetime
import random

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gaoxin.core import uscc
from gaoxin.core.models import Tag
from gaoxin.enterprises.models import Enterprise, Qualification, QualificationType
from gaoxin.zone.models import Park


def populate(count: int) -> None:
    rng = random.Random(3)
    parks = list(Park.objects.all())
    tag = Tag.objects.create(name="链主企业")
    firms = Enterprise.objects.bulk_create(
        Enterprise(
            name=f"批量企业{i:04d}",
            uscc=uscc.generate(rng, "421303"),
            park=parks[i % len(parks)],
            industry_id="3841",
            region_id="421303",
            lead_industry_id=None,
        )
        for i in range(count)
    )
    Enterprise.tags.through.objects.bulk_create(
        Enterprise.tags.through(enterprise_id=f.pk, tag_id=tag.pk) for f in firms
    )
    types = list(QualificationType.objects.filter(code__in=["high_tech", "tech_sme", "gazelle"]))
    today = datetime.date.today()
    Qualification.objects.bulk_create(
        Qualification(
            enterprise=f,
            type=t,
            granted_on=today - datetime.timedelta(days=30),
            expires_on=today + datetime.timedelta(days=300),
        )
        for f in firms
        for t in types
    )


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_enterprise_list_page_queries_do_not_grow_with_rows(client, world):
    populate(150)
    client.force_login(world.clerk)
    columns = "&".join(
        f"columns={c}"
        for c in (
            "name",
            "uscc",
            "park",
            "industry",
            "lead_industry",
            "status",
            "qualifications",
            "region",
            "tags",
            "registered_capital",
        )
    )
    url = reverse("enterprises:enterprise_list")
    client.get(f"{url}?{columns}")  # store the column choice
    small = count_queries(client, f"{url}?per_page=10")
    large = count_queries(client, f"{url}?per_page=100")
    assert small == large
    assert (
        large <= 34
    )  # 25 for the page, + the sidebar's 待办 counts (one count per group: core/todo.py; visits 33 → 34)


def test_enterprise_api_queries_do_not_grow_with_rows(api, world):
    populate(150)
    api.force_authenticate(world.leader)
    api.get("/api/enterprises/?page_size=1")  # warm the permission caches
    with CaptureQueriesContext(connection) as small:
        assert len(api.get("/api/enterprises/?page_size=10").json()["results"]) == 10
    with CaptureQueriesContext(connection) as large:
        assert len(api.get("/api/enterprises/?page_size=100").json()["results"]) == 100
    assert len(small) == len(large)


def test_filtered_list_by_qualification_is_constant_too(client, world):
    populate(120)
    client.force_login(world.leader)
    url = reverse("enterprises:enterprise_list") + "?qualification=high_tech"
    assert count_queries(client, url + "&per_page=10") == count_queries(client, url + "&per_page=100")
