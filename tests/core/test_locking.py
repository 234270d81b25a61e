"""Optimistic locking (ADR 0018): no lost updates on the pages, the API and under load."""

import contextlib
import sqlite3
import threading

import pytest
from django.db import close_old_connections, connection, transaction
from django.test import Client
from django.urls import reverse

from gaoxin.core.locking import VersionConflict, etag, version_token
from gaoxin.core.models import ObjectChange
from gaoxin.enterprises.models import Enterprise
from tests.contract import version_fields
from tests.factories import make_enterprise


def edit_data(enterprise, name: str, **fields) -> dict:
    return {"name": name, "uscc": enterprise.uscc, "industry": "3841", **fields}


def own_changes(enterprise) -> list[ObjectChange]:
    return list(ObjectChange.objects.filter(content_type__model="enterprise", object_id=str(enterprise.pk)))


def test_second_editor_is_refused_with_the_first_change_named(client, world):
    firm = world.firm_a
    url = reverse("enterprises:enterprise_edit", args=[firm.pk])
    first, second = client, Client()
    first.force_login(world.clerk)
    second.force_login(world.admin)
    opened_first, opened_second = version_fields(first.get(url)), version_fields(second.get(url))
    ObjectChange.objects.all().delete()

    saved = first.post(url, {**edit_data(firm, "甲企业（一号）有限公司"), **opened_first})
    assert saved.status_code == 302
    refused = second.post(url, {**edit_data(firm, "甲企业（二号）有限公司"), **opened_second})

    assert refused.status_code == 409
    page = refused.content.decode()
    assert "有人在您编辑期间修改了此记录" in page
    assert "载入最新内容" in page
    assert "甲企业有限公司 → 甲企业（一号）有限公司" in page  # the first's change, old → new
    assert "clerk" in page  # by whom
    assert 'value="甲企业（二号）有限公司"' in page  # the second's entry is still in the form
    firm.refresh_from_db()
    assert firm.name == "甲企业（一号）有限公司"
    assert [(c.user_name, c.postchange_data["name"]) for c in own_changes(firm)] == [
        ("clerk", "甲企业（一号）有限公司")
    ]


def test_a_reloaded_form_saves(client, world):
    firm = world.firm_a
    url = reverse("enterprises:enterprise_edit", args=[firm.pk])
    client.force_login(world.clerk)
    stale = version_fields(client.get(url))
    Enterprise.objects.get(pk=firm.pk).save()  # someone else saves in between
    assert client.post(url, {**edit_data(firm, "甲企业（旧）有限公司"), **stale}).status_code == 409
    fresh = version_fields(client.get(url))  # 载入最新内容
    assert client.post(url, {**edit_data(firm, "甲企业（新）有限公司"), **fresh}).status_code == 302
    firm.refresh_from_db()
    assert firm.name == "甲企业（新）有限公司"


def test_a_stale_status_change_is_refused(client, world):
    firm = world.firm_a
    url = reverse("enterprises:enterprise_status", args=[firm.pk])
    client.force_login(world.clerk)
    opened = version_fields(client.get(url))
    other = Enterprise.objects.get(pk=firm.pk)
    other.address = "新地址1号"
    other.save()
    response = client.post(url, {"status": "moved_out", "reason": "迁往外地", **opened})
    assert response.status_code == 409
    assert "新地址1号" in response.content.decode()
    assert Enterprise.objects.get(pk=firm.pk).status == Enterprise.Status.ACTIVE


def test_a_writer_between_check_and_write_is_still_refused(world):
    """The version is a condition of the UPDATE itself, not a read before it."""
    mine = Enterprise.objects.get(pk=world.firm_a.pk)
    token = version_token(mine)
    other = Enterprise.objects.get(pk=world.firm_a.pk)
    other.name = "别人改的有限公司"
    other.save()
    mine.name = "我改的有限公司"
    mine.expect_version(token)
    with pytest.raises(VersionConflict), transaction.atomic():
        mine.save()
    assert Enterprise.objects.get(pk=world.firm_a.pk).name == "别人改的有限公司"


def test_a_mangled_version_never_overwrites(world):
    firm = Enterprise.objects.get(pk=world.firm_a.pk)
    with pytest.raises(VersionConflict):
        firm.expect_version("12ab")


# --- API ---------------------------------------------------------------------------------------


def detail(firm) -> str:
    return f"/api/enterprises/{firm.pk}/"


def test_api_412_in_chinese_and_nothing_written(api, world):
    api.force_authenticate(world.clerk)
    tag = api.get(detail(world.firm_a)).headers["ETag"]
    assert tag == etag(Enterprise.objects.get(pk=world.firm_a.pk))
    Enterprise.objects.filter(pk=world.firm_a.pk).first().save()  # changed since the GET
    response = api.patch(detail(world.firm_a), {"name": "丙有限公司"}, format="json", HTTP_IF_MATCH=tag)
    assert response.status_code == 412
    assert "已被他人修改" in response.json()["detail"]
    assert Enterprise.objects.get(pk=world.firm_a.pk).name == "甲企业有限公司"


@pytest.mark.parametrize(
    ("header", "status"),
    [(None, 200), ("*", 200), ('W/"{v}"', 412), ('"0", "{v}"', 200), ("{v}", 412), ('"0"', 412)],
)
def test_api_if_match_forms(api, world, header, status):
    """No If-Match: unconditional (existing clients keep working); "*": any stored version;
    a weak or unquoted tag never matches (RFC 9110 strong comparison); a list may name it."""
    api.force_authenticate(world.clerk)
    token = version_token(Enterprise.objects.get(pk=world.firm_a.pk))
    extra = {} if header is None else {"HTTP_IF_MATCH": header.format(v=token)}
    response = api.patch(detail(world.firm_a), {"name": "丁有限公司"}, format="json", **extra)
    assert response.status_code == status


def test_api_delete_with_a_stale_if_match_is_412(api, world):
    api.force_authenticate(world.admin)
    firm = make_enterprise("戊企业有限公司", 5)
    tag = api.get(detail(firm)).headers["ETag"]
    Enterprise.objects.get(pk=firm.pk).save()
    assert api.delete(detail(firm), HTTP_IF_MATCH=tag).status_code == 412
    assert Enterprise.objects.filter(pk=firm.pk).exists()
    fresh = api.get(detail(firm)).headers["ETag"]
    assert api.delete(detail(firm), HTTP_IF_MATCH=fresh).status_code == 204


# --- many writers at once ----------------------------------------------------------------------


def run_writers(count: int, work) -> list[str]:
    """``count`` threads, each with its own connection, started together; their errors."""
    errors: list[str] = []
    barrier = threading.Barrier(count)

    def writer(index: int) -> None:
        try:
            barrier.wait()
            work(index)
        except Exception as exc:  # every error is the finding
            errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@contextlib.contextmanager
def database_as_deployed(tmp_path):
    """The writers' database as production has it. PostgreSQL: the test database itself.
    SQLite: the test database is in memory (shared cache, whose table locks no busy timeout
    waits for), so its content is copied to a file that the threads open with the settings'
    WAL + IMMEDIATE + busy timeout; the main thread's connection stays on the original."""
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    path = tmp_path / "writers.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    connection.connection.backup(copy)
    copy.execute("PRAGMA journal_mode=WAL")
    copy.close()
    name = connection.settings_dict["NAME"]
    connection.settings_dict["NAME"] = str(path)  # new connections (the threads') open the file
    try:
        yield
    finally:
        connection.settings_dict["NAME"] = name


def in_thread(read):
    """``read()`` on a connection of its own (the writers' database)."""
    result = []
    assert run_writers(1, lambda _index: result.append(read())) == []
    return result[0]


@pytest.mark.django_db(transaction=True)
def test_twenty_writers_on_twenty_rows_and_on_one(tmp_path):
    firms = [make_enterprise(f"并发企业{i:02d}有限公司", 100 + i) for i in range(20)]
    ObjectChange.objects.all().delete()
    with database_as_deployed(tmp_path):
        check_twenty_writers(firms)


def check_twenty_writers(firms) -> None:

    def own_row(index: int) -> None:
        firm = Enterprise.objects.get(pk=firms[index].pk)
        firm.expect_version(version_token(firm))
        firm.address = f"{index + 1}号"
        with transaction.atomic():
            firm.save()

    assert run_writers(20, own_row) == []
    stored = in_thread(lambda: list(Enterprise.objects.values_list("address", flat=True)))
    assert sorted(stored) == sorted(f"{i}号" for i in range(1, 21))
    assert in_thread(ObjectChange.objects.count) == 20

    target = firms[0]
    token = version_token(in_thread(lambda: Enterprise.objects.get(pk=target.pk)))
    outcomes: list[str] = []

    def same_row(index: int) -> None:
        firm = Enterprise.objects.get(pk=target.pk)
        firm.expect_version(token)  # all opened the same version
        firm.address = f"{1000 + index}号"
        try:
            with transaction.atomic():
                firm.save()
            outcomes.append("saved")
        except VersionConflict:
            outcomes.append("refused")

    assert run_writers(20, same_row) == []
    assert sorted(outcomes) == ["refused"] * 19 + ["saved"]
    assert in_thread(lambda: Enterprise.objects.get(pk=target.pk).address) in {
        f"{1000 + i}号" for i in range(20)
    }
    assert in_thread(ObjectChange.objects.count) == 21  # one more: the winner's; nothing lost silently
