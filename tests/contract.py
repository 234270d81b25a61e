"""The generic contract every audited model keeps (style.md §9), NetBox's View/API test
cases in our words: denied without permission, allowed with it, hidden outside the user's
scope, one audit row per change, an import round trip that changes nothing, and one
FilterSet shared by the list page and the API.

A model's contract is a small declaration in ``tests/<app>/test_contract.py``: a class
that mixes in what the app offers (``ListPage``, ``DetailPage``, ``CreatePage``,
``EditPage``, ``ApiRead``, ``ApiCreate``/``ApiEdit``/``ApiWrite``, ``ImportRoundTrip``, ``SharedFilterSet``) and sets
``model``, URL names and ``make(world, enterprise)`` (a record owned by, or about,
``enterprise``). The personas are tests/personas.py; ``writer``/``non_writer``/``reader``
name them. Models with no page and no API of their own are in ``EXEMPT`` with the reason;
tests/core/test_contract.py fails when a ChangeLoggedModel is in neither.
"""

import re
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import resolve, reverse
from rest_framework.test import APIClient

from gaoxin.core.models import ObjectChange


def rows_of(model, pk) -> list[ObjectChange]:
    """The audit rows of one object itself (not of its children)."""
    return list(ObjectChange.objects.filter(object_id=str(pk), content_type__model=model._meta.model_name))


def row_state(model, pk):
    return model.objects.filter(pk=pk).values().first()


def version_fields(response) -> dict:
    """The hidden optimistic-locking fields of an edit form (ADR 0018)."""
    found = {}
    for name in ("_version", "_seen_change"):
        match = re.search(rf'name="{name}" value="([^"]*)"', response.content.decode())
        assert match, f"{name} not in the form"
        found[name] = match.group(1)
    return found


class Declaration:
    """What every contract knows: the model, who may change it, who may only read it."""

    model = None
    writer = "clerk"
    non_writer = "leader"
    reader = "clerk"
    owned_by_firm = False  # True: an enterprise user of firm A must get 404 on firm B's record

    def make(self, world, enterprise):
        raise NotImplementedError

    def login(self, client, user):
        client.force_login(user)
        return client

    def as_persona(self, client, world, name):
        return self.login(client, getattr(world, name))

    def list_marker(self, obj) -> str:
        """Text that shows the object is on a page."""
        return str(obj)

    def edit_obj(self, world):
        """The record the edit tests change (firm A's)."""
        return self.make(world, world.firm_a)


class ListPage(Declaration):
    list_url = ""

    def test_signed_out_user_is_sent_to_login(self, client, world):
        response = client.get(reverse(self.list_url))
        assert response.status_code == 302
        assert reverse("login") in response["Location"]

    def test_user_without_role_gets_403_on_the_list(self, client, world):
        assert self.login(client, world.outsider).get(reverse(self.list_url)).status_code == 403

    def test_clerk_sees_the_list(self, client, world):
        obj = self.make(world, world.firm_a)
        response = self.as_persona(client, world, self.reader).get(reverse(self.list_url))
        assert response.status_code == 200
        assert self.list_marker(obj) in response.content.decode()


class DetailPage(Declaration):
    def detail_url(self, obj) -> str:
        raise NotImplementedError

    hidden_from_outsiders = False  # True: the record hides itself from a user without a role

    def test_user_without_role_cannot_open_the_detail(self, client, world):
        """Scope first: a firm's record (or one that hides itself) is not even found."""
        obj = self.make(world, world.firm_a)
        response = self.login(client, world.outsider).get(self.detail_url(obj))
        assert response.status_code == (404 if self.owned_by_firm or self.hidden_from_outsiders else 403)

    def test_reader_sees_the_detail(self, client, world):
        obj = self.make(world, world.firm_a)
        response = self.as_persona(client, world, self.reader).get(self.detail_url(obj))
        assert response.status_code == 200
        assert self.list_marker(obj) in response.content.decode()

    def test_enterprise_user_of_a_gets_404_on_the_detail_of_b(self, client, world):
        if not self.owned_by_firm:
            pytest.skip("zone data: not owned by a firm")
        obj = self.make(world, world.firm_b)
        assert self.login(client, world.firm_user).get(self.detail_url(obj)).status_code == 404


class CreatePage(Declaration):
    def create_url(self, world) -> str:
        raise NotImplementedError

    def create_data(self, world) -> dict:
        raise NotImplementedError

    def test_leader_cannot_create(self, client, world):
        before = self.model.objects.count()
        client = self.as_persona(client, world, self.non_writer)
        response = client.post(self.create_url(world), self.create_data(world))
        assert response.status_code == 403
        assert self.model.objects.count() == before

    def test_clerk_creates_and_one_audit_row_is_written(self, client, world):
        before = self.model.objects.count()
        client = self.as_persona(client, world, self.writer)
        response = client.post(self.create_url(world), self.create_data(world))
        assert response.status_code == 302, response.content.decode()[:2000]
        assert self.model.objects.count() == before + 1
        created = self.model.objects.order_by("-pk").first()
        rows = rows_of(self.model, created.pk)
        assert [(r.action, r.user_name, r.source) for r in rows] == [
            ("create", self.writer_name(world), "web")
        ]

    def writer_name(self, world) -> str:
        return getattr(world, self.writer).username


class EditPage(Declaration):
    unlocked_page = ""

    def edit_url(self, obj) -> str:
        raise NotImplementedError

    def edit_data(self, obj) -> dict:
        raise NotImplementedError

    def test_clerk_edits_and_the_audit_row_has_before_and_after(self, client, world):
        obj = self.edit_obj(world)
        ObjectChange.objects.all().delete()
        client = self.as_persona(client, world, self.writer)
        response = client.post(self.edit_url(obj), self.edit_data(obj))
        assert response.status_code == 302, response.content.decode()[:2000]
        rows = rows_of(self.model, obj.pk)
        assert len(rows) == 1
        assert rows[0].action == "update"
        assert rows[0].source == "web"
        assert rows[0].prechange_data != rows[0].postchange_data

    def test_two_editors_the_second_is_refused_and_nothing_is_lost(self, client, world):
        """Optimistic locking (ADR 0018): both open the form, the first saves, the second's
        save is a 409 naming the first's change, with the second's entries still in the form.
        ``unlocked_page`` says why a model's page is not a form of the generic edit view."""
        if self.unlocked_page:
            pytest.skip(self.unlocked_page)
        obj = self.edit_obj(world)
        url = self.edit_url(obj)
        first = self.as_persona(client, world, self.writer)
        second = self.as_persona(Client(), world, self.writer)
        opened_first, opened_second = version_fields(first.get(url)), version_fields(second.get(url))
        ObjectChange.objects.all().delete()
        assert first.post(url, {**self.edit_data(obj), **opened_first}).status_code == 302
        saved = row_state(self.model, obj.pk)
        response = second.post(url, {**self.edit_data(obj), **opened_second})
        assert response.status_code == 409, response.content.decode()[:2000]
        page = response.content.decode()
        assert 'data-testid="edit-conflict"' in page
        assert getattr(world, self.writer).username in page
        assert version_fields(response) == opened_second  # saving again is refused again
        assert row_state(self.model, obj.pk) == saved
        assert len(rows_of(self.model, obj.pk)) == 1

    def test_non_writer_gets_403_on_edit_and_nothing_changes(self, client, world):
        obj = self.edit_obj(world)
        snapshot = row_state(self.model, obj.pk)
        client = self.as_persona(client, world, self.non_writer)
        assert client.post(self.edit_url(obj), self.edit_data(obj)).status_code == 403
        assert row_state(self.model, obj.pk) == snapshot

    def test_enterprise_user_of_a_gets_404_on_b(self, client, world):
        """Another firm's record is a 404 for every method; zone data a firm may not change is
        a 403 (or a 404 where the record hides itself) — and nothing changes either way."""
        obj = self.make(world, world.firm_b)
        snapshot = row_state(self.model, obj.pk)
        client = self.login(client, world.firm_user)
        if self.owned_by_firm:
            assert client.get(self.edit_url(obj)).status_code == 404
            assert client.post(self.edit_url(obj), self.edit_data(obj)).status_code == 404
        else:
            assert client.post(self.edit_url(obj), self.edit_data(obj)).status_code in (403, 404)
        assert row_state(self.model, obj.pk) == snapshot

    def test_enterprise_user_does_not_see_b_in_the_list(self, client, world):
        if not self.owned_by_firm:
            pytest.skip("zone data: not owned by a firm")
        obj_a = self.make(world, world.firm_a)
        obj_b = self.make(world, world.firm_b)
        visible = self.model.objects.visible_to(world.firm_user)
        assert obj_a in visible
        assert obj_b not in visible


class ImportRoundTrip(Declaration):
    import_kind = ""

    def test_import_round_trip_changes_nothing(self, client, world):
        self.make(world, world.firm_a)
        client = self.login(client, world.clerk)
        exported = client.get(reverse("imports:export", args=[self.import_kind]))
        assert exported.status_code == 200
        count = self.model.objects.count()
        changes = ObjectChange.objects.count()
        upload = SimpleUploadedFile("roundtrip.xlsx", exported.content)
        response = client.post(reverse("imports:import"), {"kind": self.import_kind, "file": upload})
        assert response.status_code == 302
        job = client.get(response["Location"]).context["job"]
        summary = job.result["summary"]
        assert job.result["errors"] == []
        assert summary == {"new": 0, "changed": 0, "unchanged": count, "error_rows": 0, "errors": 0}, (
            job.result["preview"]
        )
        commit = client.post(reverse("imports:commit", args=[job.pk]))
        assert commit.status_code == 302
        assert self.model.objects.count() == count
        assert ObjectChange.objects.count() == changes


class ApiRead(Declaration):
    """``api_name`` is the router's basename: ``<api_name>-list`` and ``<api_name>-detail``."""

    api_name = ""

    def api_as(self, world, name) -> APIClient:
        api = APIClient()
        api.force_authenticate(getattr(world, name))
        return api

    def api_detail(self, obj) -> str:
        return reverse(f"{self.api_name}-detail", args=[obj.pk])

    def test_api_refuses_a_user_without_role(self, world):
        assert self.api_as(world, "outsider").get(reverse(f"{self.api_name}-list")).status_code == 403

    def test_api_reader_lists_and_reads(self, world):
        obj = self.make(world, world.firm_a)
        api = self.api_as(world, self.reader)
        listed = api.get(reverse(f"{self.api_name}-list"), {"page_size": 1000})
        assert listed.status_code == 200
        assert obj.pk in [item["id"] for item in listed.json()["results"]]
        detail = api.get(self.api_detail(obj))
        assert detail.status_code == 200
        assert detail.json()["id"] == obj.pk

    def test_api_enterprise_user_of_a_gets_404_on_b(self, world):
        if not self.owned_by_firm:
            pytest.skip("zone data: not owned by a firm")
        obj = self.make(world, world.firm_b)
        snapshot = row_state(self.model, obj.pk)
        api = self.api_as(world, "firm_user")
        assert api.get(self.api_detail(obj)).status_code == 404
        assert api.patch(self.api_detail(obj), {}, format="json").status_code == 404
        assert row_state(self.model, obj.pk) == snapshot


class ApiCreate(ApiRead):
    def api_create_data(self, world) -> dict:
        raise NotImplementedError

    def test_api_non_writer_gets_403_and_nothing_is_created(self, world):
        before = self.model.objects.count()
        api = self.api_as(world, self.non_writer)
        response = api.post(reverse(f"{self.api_name}-list"), self.api_create_data(world), format="json")
        assert response.status_code == 403
        assert self.model.objects.count() == before

    def test_api_writer_creates_and_the_audit_row_says_api(self, world):
        api = self.api_as(world, self.writer)
        response = api.post(reverse(f"{self.api_name}-list"), self.api_create_data(world), format="json")
        assert response.status_code == 201, response.content.decode()[:2000]
        rows = rows_of(self.model, response.json()["id"])
        assert [(r.action, r.user_name, r.source) for r in rows] == [
            ("create", getattr(world, self.writer).username, "api")
        ]


class ApiEdit(ApiRead):
    def api_edit_data(self, obj) -> dict:
        raise NotImplementedError

    def test_api_writer_edits_and_the_audit_row_has_before_and_after(self, world):
        obj = self.edit_obj(world)
        ObjectChange.objects.all().delete()
        response = self.api_as(world, self.writer).patch(
            self.api_detail(obj), self.api_edit_data(obj), format="json"
        )
        assert response.status_code == 200, response.content.decode()[:2000]
        rows = rows_of(self.model, obj.pk)
        assert [(r.action, r.source) for r in rows] == [("update", "api")]
        assert rows[0].prechange_data != rows[0].postchange_data

    def test_api_etag_and_if_match(self, world):
        """GET sends the version as a strong ETag; a PATCH with a stale If-Match is a 412 and
        writes nothing; with the current one it saves and answers the new ETag."""
        obj = self.edit_obj(world)
        api = self.api_as(world, self.writer)
        tag = api.get(self.api_detail(obj)).headers["ETag"]
        assert tag.startswith('"') and tag.endswith('"')
        assert api.get(self.api_detail(obj), HTTP_IF_NONE_MATCH=tag).status_code == 304
        stale = '"1"'
        snapshot = row_state(self.model, obj.pk)
        refused = api.patch(self.api_detail(obj), self.api_edit_data(obj), format="json", HTTP_IF_MATCH=stale)
        assert refused.status_code == 412
        assert row_state(self.model, obj.pk) == snapshot
        done = api.patch(self.api_detail(obj), self.api_edit_data(obj), format="json", HTTP_IF_MATCH=tag)
        assert done.status_code == 200, done.content.decode()[:2000]
        assert done.headers["ETag"] not in ("", tag)
        assert api.get(self.api_detail(obj)).headers["ETag"] == done.headers["ETag"]

    def test_api_non_writer_gets_403_on_edit(self, world):
        obj = self.edit_obj(world)
        snapshot = row_state(self.model, obj.pk)
        api = self.api_as(world, self.non_writer)
        assert api.patch(self.api_detail(obj), self.api_edit_data(obj), format="json").status_code == 403
        assert row_state(self.model, obj.pk) == snapshot


class ApiWrite(ApiCreate, ApiEdit):
    """Create and edit through the API."""


class SharedFilterSet(Declaration):
    """The list page and the API filter with one FilterSet (one set of parameters).
    ``filterset_differs`` names why a model still has two: the test is then a strict xfail."""

    list_url = ""
    api_name = ""
    filterset_differs = ""

    def test_page_and_api_share_one_filterset(self, request):
        if self.filterset_differs:
            request.node.add_marker(pytest.mark.xfail(strict=True, reason=self.filterset_differs))
        page = resolve(reverse(self.list_url)).func.view_class.filterset_class
        api = resolve(reverse(f"{self.api_name}-list")).func.cls.filterset_class
        assert page is api, (page, api)


class CrudContract(ListPage, CreatePage, EditPage, ImportRoundTrip):
    """The first contract's five promises in one class (list, create, edit, scope, import)."""

    owned_by_firm = True

    def test_import_round_trip_changes_nothing(self, client, world):
        if not self.import_kind:
            pytest.skip("not importable")
        super().test_import_round_trip_changes_nothing(client, world)


@dataclass(frozen=True)
class Exempt:
    """A model with no page or API of its own: why, and the routes that show it read-only
    (URL name and a factory of its arguments from the personas)."""

    reason: str
    shown_by: tuple = ()


def department_of(world):
    from gaoxin.zone.models import Department

    return Department.objects.get_or_create(zone=world.zone, name="招商局")[0]


def leader_of(world):
    from gaoxin.zone.models import Leader

    return Leader.objects.get_or_create(zone=world.zone, name="王强", defaults={"user": world.leader})[0]


def budget_programme(world):
    from gaoxin.payouts.models import Programme

    return Programme.objects.get_or_create(code="award", defaults={"name": "科技奖励资金"})[0]


def point_scheme(world):
    import datetime

    from gaoxin.points.models import PointScheme

    return PointScheme.objects.get_or_create(
        name="示例积分方案", version=1, defaults={"valid_from": datetime.date(2024, 1, 1)}
    )[0]


def mu_scheme(world):
    from gaoxin.land.models import MuScheme

    found = MuScheme.objects.filter(year=2022).first()
    if found is None:
        from tests.land.helpers import taizhou_scheme

        found = taizhou_scheme(2022)
    return found


CONFIGURATION = "configuration of the installation, kept by a superuser in the Django admin"

# label → why the model has no page or API of its own, and the pages that show it read-only.
EXEMPT = {
    "core.Tag": Exempt("labels chosen in the enterprise form; no page or API of their own"),
    "zone.Zone": Exempt(CONFIGURATION),
    "zone.LeadIndustry": Exempt(CONFIGURATION),
    "zone.Department": Exempt(
        CONFIGURATION,
        shown_by=(
            ("projects:department_page", lambda world: [department_of(world).pk]),
            ("attraction:department_leads", lambda world: [department_of(world).pk]),
        ),
    ),
    "zone.Leader": Exempt(
        CONFIGURATION, shown_by=(("projects:leader_projects", lambda world: [leader_of(world).pk]),)
    ),
    "enterprises.QualificationType": Exempt(CONFIGURATION + " (the catalogue comes with a migration)"),
    "projects.ProjectList": Exempt(CONFIGURATION + " (the lists a project belongs to: data, ADR 0009)"),
    "projects.ProblemCategory": Exempt(CONFIGURATION),
    "projects.ScheduleTemplate": Exempt(CONFIGURATION + "; a project's schedule is created from it"),
    "projects.TemplateNode": Exempt(CONFIGURATION + "; copied into a project's milestones"),
    "projects.LightRule": Exempt(CONFIGURATION + " (the thresholds of the lights as data)"),
    "attraction.Region": Exempt(CONFIGURATION),
    "attraction.StageDeadline": Exempt(CONFIGURATION),
    "notify.ChannelConfig": Exempt(CONFIGURATION + " (e-mail, the group robots, the SMS gateway)"),
    "payouts.BudgetLine": Exempt(
        CONFIGURATION + " (a programme's yearly budget)",
        shown_by=(("payouts:programme_detail", lambda world: [budget_programme(world).pk]),),
    ),
    "points.Indicator": Exempt(
        CONFIGURATION + "; weights are changed on the scheme's weights page (checked to sum to 100)",
        shown_by=(("points:scheme_detail", lambda world: [point_scheme(world).pk]),),
    ),
    "points.StageRule": Exempt(
        "changed as a whole set on the scheme's stage-rules page (checked to cover every firm)",
        shown_by=(("points:scheme_detail", lambda world: [point_scheme(world).pk]),),
    ),
    "points.Tier": Exempt(
        CONFIGURATION, shown_by=(("points:scheme_detail", lambda world: [point_scheme(world).pk]),)
    ),
    "land.LandUseClass": Exempt(CONFIGURATION + " (GB/T 21010 classes seeded by a migration)"),
    "cultivation.RuleSet": Exempt(
        CONFIGURATION + " (tier rules as versioned data, seeded by a migration: ADR 0019)"
    ),
    "cultivation.NewSpeciesTier": Exempt(CONFIGURATION + " (the zone's 科创新物种 ladder)"),
    "visits.VisitRequest": Exempt(
        "the link of a request (诉求) to the visit answer it came from: made only by the visit's "
        "raise-requests step, shown on the visit's page and in /api/visits/ (requests)"
    ),
    "portal.Invitation": Exempt(
        "written only by the portal's services (invite, accept, withdraw: tests/portal); listed on the "
        "firm accounts page, its token never stored, only its hash; no generic page or viewset"
    ),
    "govservices.ReportedCount": Exempt(
        CONFIGURATION + " (the count the zone reports, 上报口径)",
        shown_by=(("govservices:serviceitem_list", lambda world: []),),
    ),
}
