"""Registry import: formats, encodings, errors by row, duplicates, updates, classification."""

import random
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.translation import gettext

from gaoxin.chains.models import Chain, ChainNode, CompanyMatch, ImportBatch, RegistryCompany
from gaoxin.chains.registry import import_registry
from gaoxin.core import uscc

pytestmark = pytest.mark.django_db

HEADER = "企业名称,统一社会信用代码,行政区划代码,注册资本（万元）,成立日期,经营范围,主营产品\n"


def codes(n, seed=7):
    rng = random.Random(seed)
    return [uscc.generate(rng, "421303") for _ in range(n)]


@pytest.fixture
def chain(db):
    chain = Chain.objects.create(code="li", name="锂电")
    copper = ChainNode.objects.create(
        chain=chain, code="copper", name="铜箔", keywords="铜箔、电解铜箔", excluded_keywords="铜箔胶带"
    )
    electrolyte = ChainNode.objects.create(
        chain=chain, code="electrolyte", name="电解液", keywords="电解液\n六氟磷酸锂"
    )
    return chain, copper, electrolyte


def write(tmp_path, text, name="reg.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_csv_import_classifies_and_records_batch(tmp_path, chain):
    _chain, copper, electrolyte = chain
    a, b, c = codes(3)
    path = write(
        tmp_path,
        HEADER
        + f"江汉铜箔有限公司,{a},421303,5000,2019-05-31,电解铜箔的生产,铜箔\n"
        + f'楚天新材料有限公司,{b},,"1,200.5",2020/1/2,电解液、六氟磷酸锂销售,\n'
        + f"某某贸易有限公司,{c},421321,,,,\n",
        encoding="utf-8-sig",
    )
    result = import_registry(path)
    assert (result.rows, result.created, result.updated, result.rejected, result.empty_scope) == (
        3,
        3,
        0,
        0,
        1,
    )
    first = RegistryCompany.objects.get(uscc=a)
    assert first.registered_capital == Decimal("5000") and str(first.established) == "2019-05-31"
    second = RegistryCompany.objects.get(uscc=b)
    assert second.registered_capital == Decimal("1200.5") and second.region_code == "421303"  # from the code
    matches = {
        (m.company.uscc, m.node_id): (m.score, m.words)
        for m in CompanyMatch.objects.select_related("company")
    }
    assert matches == {
        (a, copper.pk): (3 + 1 + 1, "铜箔、电解铜箔"),
        (b, electrolyte.pk): (2, "电解液、六氟磷酸锂"),
    }
    batch = ImportBatch.objects.get(pk=result.batch_id)
    assert (batch.rows, batch.created, batch.rejected) == (3, 3, 0)
    assert batch.errors[-1]["note"] and "1" in batch.errors[-1]["message"]
    assert batch.chain_versions == {str(_chain.pk): 1}


def test_gb18030_csv(tmp_path, chain):
    (a,) = codes(1)
    path = write(tmp_path, HEADER + f"江汉铜箔有限公司,{a},421303,1,2019-05-31,铜箔,\n", encoding="gb18030")
    result = import_registry(path)
    assert result.created == 1 and RegistryCompany.objects.get().name == "江汉铜箔有限公司"


def test_broken_encoding_names_the_line_and_changes_nothing(tmp_path, chain):
    a, b = codes(2)
    good = (HEADER + f"甲铜箔公司,{a},421303,1,2019-05-31,铜箔,\n").encode("utf-8")
    bad = f"乙公司,{b},421303,1,2019-05-31,".encode() + "铜箔".encode()[:4] + b",\n"
    lines = good + good.split(b"\n", 1)[1] * 0 + bad  # header, one good row, then a broken line 3
    path = tmp_path / "broken.csv"
    path.write_bytes(lines + ("\n" * 1).encode())
    result = import_registry(path)
    assert result.file_error and "3" in result.file_error
    assert RegistryCompany.objects.count() == 0
    assert ImportBatch.objects.get().errors[0]["message"] == result.file_error


def test_missing_columns_rejected(tmp_path, chain):
    path = write(tmp_path, "名称,经营范围\n甲,铜箔\n")
    result = import_registry(path)
    assert "统一社会信用代码" in result.file_error
    assert RegistryCompany.objects.count() == 0


def test_invalid_and_duplicate_rows_skipped_with_row_numbers(tmp_path, chain):
    a, b = codes(2)
    wrong = a[:17] + ("0" if a[17] != "0" else "1")
    path = write(
        tmp_path,
        HEADER
        + f"甲铜箔公司,{a},421303,1,2019-05-31,铜箔,\n"  # row 2
        + f"乙公司,{wrong},421303,1,2019-05-31,铜箔,\n"  # row 3: check character
        + f"丙公司,{a},421303,1,2019-05-31,铜箔,\n"  # row 4: duplicate of row 2
        + f"丁公司,{b},421303,很多,2019-05-31,铜箔,\n"  # row 5: capital
        + f",{b},421303,1,2019-05-31,铜箔,\n"  # row 6: no name
        + f"戊公司,{b},4213,1,2019-05-31,铜箔,\n"  # row 7: region
        + f"己公司,{b},421303,1,31.05.2019,铜箔,\n",  # row 8: date
    )
    result = import_registry(path)
    assert [e["row"] for e in result.errors] == [3, 4, 5, 6, 7, 8]
    assert "第 2 行" in result.errors[1]["message"] or "2" in result.errors[1]["message"]
    assert (result.rows, result.created, result.rejected) == (7, 1, 6)
    assert RegistryCompany.objects.get().name == "甲铜箔公司"


def test_existing_code_updates_and_replaces_matches(tmp_path, chain):
    _chain, copper, electrolyte = chain
    (a,) = codes(1)
    import_registry(write(tmp_path, HEADER + f"甲铜箔公司,{a},421303,1,2019-05-31,铜箔,\n"))
    assert list(CompanyMatch.objects.values_list("node_id", flat=True)) == [copper.pk]
    result = import_registry(
        write(tmp_path, HEADER + f"甲新材料公司,{a},421303,2,2019-05-31,电解液,\n", "b.csv")
    )
    assert (result.created, result.updated) == (0, 1)
    company = RegistryCompany.objects.get()
    assert company.name == "甲新材料公司" and company.registered_capital == 2
    assert list(CompanyMatch.objects.values_list("node_id", "words")) == [(electrolyte.pk, "电解液")]


def test_excluded_keyword_on_import(tmp_path, chain):
    (a,) = codes(1)
    import_registry(write(tmp_path, HEADER + f"甲胶带公司,{a},421303,1,2019-05-31,铜箔胶带、铜箔,\n"))
    assert CompanyMatch.objects.count() == 0


def test_xlsx_import_with_chinese_headers(tmp_path, chain):
    from openpyxl import Workbook

    a, b = codes(2)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("registry")
    sheet.append(["公司名称", "信用代码", "注册资本", "成立日期", "经营范围"])
    sheet.append(["甲铜箔公司", a, 100, "2019-05-31", "铜箔"])
    sheet.append(["乙公司", a, 100, "2019-05-31", "铜箔"])
    sheet.append(["丙公司", b, 3.5, None, ""])
    path = tmp_path / "reg.xlsx"
    workbook.save(path)
    result = import_registry(path)
    assert (result.created, result.rejected, result.empty_scope) == (2, 1, 1)
    assert result.errors[0]["row"] == 3


def test_xls_and_bad_zip_rejected(tmp_path, chain):
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    assert ".xls" in import_registry(xls).file_error
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"not a zip")
    assert import_registry(fake).file_error


def test_chunks_larger_file(tmp_path, chain):
    many = codes(250, seed=3)
    text = HEADER + "".join(
        f"企业{i}铜箔,{code},421303,1,2019-05-31,电解液,\n" for i, code in enumerate(many)
    )
    result = import_registry(write(tmp_path, text), chunk_size=40)
    assert result.created == 250 and CompanyMatch.objects.count() == 500


def test_command(tmp_path, chain):
    (a,) = codes(1)
    path = write(tmp_path, HEADER + f"甲铜箔公司,{a},421303,1,2019-05-31,铜箔,\n")
    call_command("import_registry", str(path), "--quiet-progress")
    assert RegistryCompany.objects.count() == 1
    with pytest.raises(CommandError):
        call_command("import_registry", str(write(tmp_path, "名称\n甲\n", "x.csv")), "--quiet-progress")


def test_upload_over_limit_refused_before_reading(client, world, settings):
    settings.MAX_UPLOAD_BYTES = 1024 * 1024
    client.force_login(_clerk(world))
    response = client.post(
        reverse("chains:registry_import"),
        data=b"x",
        content_type="application/octet-stream",
        CONTENT_LENGTH=str(5 * 1024 * 1024),
    )
    assert response.status_code == 413


def _clerk(world):
    from django.contrib.auth.models import User

    user = User.objects.get(username="clerk") if User.objects.filter(username="clerk").exists() else None
    if user is None or not user.has_perm("chains.add_registrycompany"):
        user = User.objects.filter(is_superuser=True).first()
    return user


def test_pages_import_list_filter_detail(client, world, tmp_path, chain):
    _chain, copper, _electrolyte = chain
    client.force_login(_clerk(world))
    a, b = codes(2)
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = (
        HEADER
        + f"江汉铜箔有限公司,{a},421303,5000,2019-05-31,电解铜箔,\n"
        + f"乙公司,{b},420100,10,2010-01-01,电解液,\n"
    ).encode()
    response = client.post(
        reverse("chains:registry_import"), {"file": SimpleUploadedFile("reg.csv", content)}
    )
    assert response.status_code == 302
    job_page = client.get(response["Location"])
    assert 'data-testid="registry-summary"' in job_page.content.decode()
    listing = client.get(reverse("chains:company_list"), {"node": copper.pk})
    html = listing.content.decode()
    assert html.count('data-testid="company-row"') == 1 and "电解铜箔" in html
    assert (
        client.get(reverse("chains:company_list"), {"region": "4201"})
        .content.decode()
        .count('data-testid="company-row"')
        == 1
    )
    assert (
        client.get(reverse("chains:company_list"), {"capital_min": "100"})
        .content.decode()
        .count('data-testid="company-row"')
        == 1
    )
    company = RegistryCompany.objects.get(uscc=a)
    detail = client.get(company.get_absolute_url()).content.decode()
    assert "电解铜箔" in detail and 'data-testid="company-match"' in detail


def test_page_broken_file_shows_chinese_error(client, world, tmp_path, chain):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(_clerk(world))
    response = client.post(
        reverse("chains:registry_import"),
        {"file": SimpleUploadedFile("reg.csv", "名称\n甲\n".encode())},
        follow=True,
    )
    assert "统一社会信用代码" in response.content.decode()
    assert RegistryCompany.objects.count() == 0


def test_an_update_of_a_known_company_is_audited_with_before_and_after(db, tmp_path):
    from gaoxin.chains.models import RegistryCompany
    from gaoxin.chains.registry import import_registry
    from gaoxin.core.models import ObjectChange
    from gaoxin.core.testing import make_uscc, make_user

    user = make_user("registry_clerk", "clerk")
    code = make_uscc(77, "440300")
    first = tmp_path / "a.csv"
    first.write_text(
        f"企业名称,统一社会信用代码,注册资本（万元）,经营范围\n深圳示例铜箔有限公司,{code},5000,锂电铜箔生产\n",
        encoding="utf-8",
    )
    import_registry(first, user=user)
    again = tmp_path / "b.csv"
    again.write_text(
        f"企业名称,统一社会信用代码,注册资本（万元）,经营范围\n深圳示例铜箔有限公司,{code},5000,锂电铜箔、电解铜箔生产\n",
        encoding="utf-8",
    )
    import_registry(again, user=user)
    company = RegistryCompany.objects.get(uscc=code)
    rows = list(ObjectChange.objects.filter(content_type__model="registrycompany", object_id=str(company.pk)))
    assert len(rows) == 1
    assert (rows[0].user_name, rows[0].prechange_data, rows[0].postchange_data) == (
        "registry_clerk",
        {"scope": "锂电铜箔生产"},
        {"scope": "锂电铜箔、电解铜箔生产"},
    )


# --- the registry as an import kind (the generic page, /api/imports/; ADR 0014) ------------------


def _upload(text: str, name: str = "reg.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, text.encode())


def test_registry_kind_dry_run_then_commit_through_the_api(api, world, chain):
    _chain, copper, _electrolyte = chain
    a, b = codes(2)
    text = HEADER + f"甲铜箔公司,{a},421303,1,2019-05-31,铜箔,\n" + f"乙公司,{b},4213,1,2019-05-31,铜箔,\n"
    api.force_authenticate(_clerk(world))
    response = api.post(
        "/api/imports/",
        {"kind": "registry-companies", "commit": "false", "file": _upload(text)},
        format="multipart",
    )
    assert response.status_code == 200
    result = response.json()["result"]
    assert (result["valid"], result["committed"], result["total_rows"]) == (True, False, 2)
    assert (result["summary"]["new"], result["summary"]["changed"], result["summary"]["error_rows"]) == (
        1,
        0,
        1,
    )
    assert [(w["row"], w["column"]) for w in result["warnings"]] == [(3, "")]
    assert "4213" in result["warnings"][0]["message"]
    assert RegistryCompany.objects.count() == 0 and ImportBatch.objects.count() == 0
    response = api.post(f"/api/imports/{response.json()['id']}/commit/")
    assert response.status_code == 201
    result = response.json()["result"]
    assert result["committed"] is True and result["summary"]["new"] == 1
    assert list(RegistryCompany.objects.values_list("uscc", flat=True)) == [a]
    assert list(CompanyMatch.objects.values_list("node_id", flat=True)) == [copper.pk]
    assert ImportBatch.objects.get().rejected == 1


def test_registry_kind_updates_are_audited_under_the_jobs_request_id(api, world, tmp_path, chain):
    from gaoxin.core.models import Job, ObjectChange

    (a,) = codes(1)
    import_registry(write(tmp_path, HEADER + f"甲铜箔公司,{a},421303,1,2019-05-31,铜箔,\n"))
    api.force_authenticate(_clerk(world))
    text = HEADER + f"甲新材料公司,{a},421303,1,2019-05-31,铜箔,\n"
    response = api.post(
        "/api/imports/",
        {"kind": "registry-companies", "commit": "true", "file": _upload(text)},
        format="multipart",
    )
    assert response.status_code == 201
    job = Job.objects.get(pk=response.json()["id"])
    change = ObjectChange.objects.get(content_type__model="registrycompany")
    assert (change.request_id, change.source) == (job.request_id, ObjectChange.Source.IMPORT)
    assert (change.prechange_data, change.postchange_data) == (
        {"name": "甲铜箔公司"},
        {"name": "甲新材料公司"},
    )
    assert response.json()["result"]["request_id"] == str(job.request_id)


def test_registry_kind_file_error_and_template(api, world, chain):
    api.force_authenticate(_clerk(world))
    response = api.post(
        "/api/imports/",
        {"kind": "registry-companies", "commit": "true", "file": _upload("名称\n甲\n")},
        format="multipart",
    )
    assert response.status_code == 400
    assert "统一社会信用代码" in response.json()["result"]["file_error"]
    assert RegistryCompany.objects.count() == 0
    template = api.get("/api/imports/template/?kind=registry-companies")
    assert template.status_code == 200
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(template.content)).worksheets[0]
    assert [c.value for c in sheet[1]] == [
        "企业名称", "统一社会信用代码", "行政区划代码", "注册资本（万元）", "成立日期", "经营范围", "主营产品"
    ]  # fmt: skip


def test_registry_kind_on_the_import_page(client, world, chain):
    client.force_login(_clerk(world))
    page = client.get(reverse("imports:import"))
    assert 'value="registry-companies"' in page.content.decode()
    (a,) = codes(1)
    text = HEADER + f"甲铜箔公司,{a},421303,1,2019-05-31,铜箔,\n"
    response = client.post(reverse("imports:import"), {"kind": "registry-companies", "file": _upload(text)})
    job_page = client.get(response["Location"]).content.decode()
    assert 'data-testid="commit"' in job_page
    client.post(reverse("imports:commit", args=[response["Location"].rstrip("/").rsplit("/", 1)[-1]]))
    assert RegistryCompany.objects.filter(uscc=a).exists()


def test_a_formula_cell_skips_its_row(tmp_path, chain):
    from openpyxl import Workbook

    a, b = codes(2)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["企业名称", "统一社会信用代码", "经营范围"])
    sheet.append(["甲铜箔公司", a, "铜箔"])
    sheet.append(["乙公司", b, '=CONCAT("铜","箔")'])
    path = tmp_path / "formula.xlsx"
    workbook.save(path)
    result = import_registry(path)
    assert (result.created, result.rejected) == (1, 1)
    assert result.errors == [{"row": 3, "message": gettext("The cell holds a formula; paste values only.")}]
