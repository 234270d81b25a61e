"""Test helpers shared by every app: personas, small factories, xlsx builders, and the
generic CRUD contract each registry model must pass.

Lives in the package (not only under tests/) so later apps' tests import the same
contract: ``class TestProjectCrud(CrudContract): ...``.
"""

import datetime
import io
import random
import shutil
from dataclasses import dataclass
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from . import uscc
from .models import ObjectChange

PASSWORD = "pw-for-tests"
# Debian's chromium, headless, with nothing that calls out to the network (library-spikes §8).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str:
    return shutil.which("chromium") or "/usr/bin/chromium"


def make_uscc(seed: int, region: str = "421303") -> str:
    return uscc.generate(random.Random(seed), region)


def xlsx_bytes(header: list, rows: list[list], sheet: str = "Sheet1") -> bytes:
    """A real .xlsx written by openpyxl (numbers and dates as native cells)."""
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = sheet
    ws.append(header)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read_xlsx(content: bytes) -> list[list]:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]


@dataclass
class World:
    """The people and places most tests need (Healthchecks-style personas)."""

    zone: object
    park: object
    park2: object
    lead: object
    firm_a: object
    firm_b: object
    leader: User
    clerk: User
    firm_user: User  # enterprise user bound to firm A
    auditor: User
    admin: User
    outsider: User  # signed in, no role


def make_user(username: str, role: str | None = None, superuser: bool = False) -> User:
    user = User.objects.create_user(username, password=PASSWORD, is_superuser=superuser, is_staff=superuser)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def make_enterprise(name: str, seed: int, park=None, **fields):
    from gaoxin.enterprises.models import Enterprise

    fields.setdefault("industry_id", "3841")
    return Enterprise.objects.create(name=name, uscc=make_uscc(seed), park=park, **fields)


def build_world() -> World:
    from gaoxin.enterprises.models import EnterpriseUser
    from gaoxin.zone.models import LeadIndustry, Park, Zone

    zone = Zone.objects.create(name="测试高新区", short_name="测试区")
    park = Park.objects.create(zone=zone, name="城东园区", code="east", sort_order=1)
    park2 = Park.objects.create(zone=zone, name="城北园区", code="north", sort_order=2)
    lead = LeadIndustry.objects.create(zone=zone, code="new_energy_materials", name="新能源新材料")
    firm_a = make_enterprise("甲企业有限公司", 1, park=park, lead_industry=lead)
    firm_b = make_enterprise("乙企业有限公司", 2, park=park2)
    firm_user = make_user("firm_a", "enterprise")
    EnterpriseUser.objects.create(user=firm_user, enterprise=firm_a)
    return World(
        zone=zone,
        park=park,
        park2=park2,
        lead=lead,
        firm_a=firm_a,
        firm_b=firm_b,
        leader=make_user("leader", "leader"),
        clerk=make_user("clerk", "clerk"),
        firm_user=firm_user,
        auditor=make_user("auditor", "auditor"),
        admin=make_user("admin", superuser=True),
        outsider=make_user("outsider"),
    )


def qualification(enterprise, code: str, granted: datetime.date, expires=None, **fields):
    from gaoxin.enterprises.models import Qualification, QualificationType

    kind = QualificationType.objects.get(code=code)
    item = Qualification(enterprise=enterprise, type=kind, granted_on=granted, expires_on=expires, **fields)
    item.full_clean()
    item.save()
    return item


def facts(enterprise, year: int, **values):
    from gaoxin.enterprises.models import AnnualFacts

    values.setdefault("operating_revenue", Decimal("1000"))
    return AnnualFacts.objects.create(enterprise=enterprise, year=year, **values)


def changes_of(obj):
    return ObjectChange.objects.for_object(obj)


class CrudContract:
    """The five promises every registry model keeps (style.md §9):
    denied without permission, allowed with it, hidden outside the user's scope, one audit
    row per change, and an import round trip that changes nothing.

    A subclass sets ``model`` and implements ``make(world, enterprise)`` (an object owned
    by ``enterprise``), ``create_url(world)``, ``create_data(world)``, ``edit_url(obj)``,
    ``edit_data(obj)`` and ``list_url``; ``import_kind`` enables the round trip.
    """

    model = None
    list_url = ""
    import_kind = ""

    def login(self, client, user):
        client.force_login(user)
        return client

    # -- permissions ---------------------------------------------------------------------
    def test_signed_out_user_is_sent_to_login(self, client, world):
        response = client.get(reverse(self.list_url))
        assert response.status_code == 302
        assert reverse("login") in response["Location"]

    def test_user_without_role_gets_403_on_the_list(self, client, world):
        assert self.login(client, world.outsider).get(reverse(self.list_url)).status_code == 403

    def list_marker(self, obj) -> str:
        """Text that shows the object's row is on the list page."""
        return str(obj)

    def test_clerk_sees_the_list(self, client, world):
        obj = self.make(world, world.firm_a)
        response = self.login(client, world.clerk).get(reverse(self.list_url))
        assert response.status_code == 200
        assert self.list_marker(obj) in response.content.decode()

    def test_leader_cannot_create(self, client, world):
        before = self.model.objects.count()
        response = self.login(client, world.leader).post(self.create_url(world), self.create_data(world))
        assert response.status_code == 403
        assert self.model.objects.count() == before

    def test_clerk_creates_and_one_audit_row_is_written(self, client, world):
        before = self.model.objects.count()
        response = self.login(client, world.clerk).post(self.create_url(world), self.create_data(world))
        assert response.status_code == 302, response.content.decode()[:2000]
        assert self.model.objects.count() == before + 1
        created = self.model.objects.order_by("-pk").first()
        rows = ObjectChange.objects.filter(
            object_id=str(created.pk), content_type__model=self.model._meta.model_name
        )
        assert [(r.action, r.user_name, r.source) for r in rows] == [("create", "clerk", "web")]

    def test_clerk_edits_and_the_audit_row_has_before_and_after(self, client, world):
        obj = self.make(world, world.firm_a)
        ObjectChange.objects.all().delete()
        response = self.login(client, world.clerk).post(self.edit_url(obj), self.edit_data(obj))
        assert response.status_code == 302, response.content.decode()[:2000]
        rows = list(
            ObjectChange.objects.filter(
                object_id=str(obj.pk), content_type__model=self.model._meta.model_name
            )
        )
        assert len(rows) == 1
        assert rows[0].action == "update"
        assert rows[0].prechange_data != rows[0].postchange_data

    # -- scope ---------------------------------------------------------------------------
    def test_enterprise_user_of_a_gets_404_on_b(self, client, world):
        obj = self.make(world, world.firm_b)
        snapshot = self.model.objects.filter(pk=obj.pk).values().first()
        client = self.login(client, world.firm_user)
        assert client.get(self.edit_url(obj)).status_code == 404
        assert client.post(self.edit_url(obj), self.edit_data(obj)).status_code == 404
        assert self.model.objects.filter(pk=obj.pk).values().first() == snapshot

    def test_enterprise_user_does_not_see_b_in_the_list(self, client, world):
        obj_a = self.make(world, world.firm_a)
        obj_b = self.make(world, world.firm_b)
        visible = self.model.objects.visible_to(world.firm_user)
        assert obj_a in visible
        assert obj_b not in visible

    # -- import round trip ---------------------------------------------------------------
    def test_import_round_trip_changes_nothing(self, client, world):
        if not self.import_kind:
            pytest.skip("not importable")
        self.make(world, world.firm_a)
        client = self.login(client, world.clerk)
        exported = client.get(reverse("imports:export", args=[self.import_kind]))
        assert exported.status_code == 200
        count = self.model.objects.count()
        changes = ObjectChange.objects.count()
        from django.core.files.uploadedfile import SimpleUploadedFile

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
