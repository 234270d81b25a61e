"""One download helper: RFC 6266 headers with the Chinese name, the content types, and stored
files served only through a record in the user's scope."""

from decimal import Decimal
from urllib.parse import unquote

import pytest
from django.core.files.base import ContentFile
from django.http import Http404
from django.urls import reverse

from gaoxin.core.downloads import (
    ascii_name,
    content_disposition,
    content_type_for,
    file_response,
    scoped_file,
    serve_stored_file,
)
from gaoxin.projects.models import Attachment, Project, Stage


def test_the_chinese_name_and_an_ascii_fallback_per_rfc_6266():
    response = file_response(b"x", "企业导入模板 2025-09.xlsx")
    assert response["Content-Disposition"] == (
        "attachment; filename=\"2025-09.xlsx\"; filename*=UTF-8''"
        "%E4%BC%81%E4%B8%9A%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF%202025-09.xlsx"
    )
    assert (
        unquote(response["Content-Disposition"].split("filename*=UTF-8''")[1]) == "企业导入模板 2025-09.xlsx"
    )
    assert response.content == b"x"


@pytest.mark.parametrize(
    ("name", "fallback"),
    [
        ("简报.docx", "download.docx"),
        ("pack-2025-06-30.xlsx", "pack-2025-06-30.xlsx"),
        ('a"b\\c.pdf', "a_b_c.pdf"),
        ("说明", "download"),
        ("enterprises-template.xlsx", "enterprises-template.xlsx"),
    ],
)
def test_the_ascii_fallback_keeps_only_safe_characters(name, fallback):
    assert ascii_name(name) == fallback


def test_a_known_ascii_name_is_the_fallback():
    header = content_disposition("调度会材料2025-06-30.docx", "pack-2025-06-30.docx")
    assert header.startswith("attachment; filename=\"pack-2025-06-30.docx\"; filename*=UTF-8''")


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("表.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("简报.DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("简报.pdf", "application/pdf"),
        ("数据.csv", "text/csv"),
        ("现场.jpg", "image/jpeg"),
        ("无扩展名", "application/octet-stream"),
    ],
)
def test_content_types_by_extension(name, content_type):
    assert content_type_for(name) == content_type
    assert file_response(b"", name)["Content-Type"] == content_type


def test_a_stored_file_streams_under_its_own_name(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    project = Project.objects.create(
        code="XM-9", name="项目", stage=Stage.PLANNING, total_investment=Decimal(1)
    )
    attachment = Attachment.objects.create(project=project, title="协议")
    attachment.file.save("协议.pdf", ContentFile(b"%PDF-1.4 x"))
    response = serve_stored_file(attachment.file)
    assert b"".join(response.streaming_content) == b"%PDF-1.4 x"
    assert response["Content-Type"] == "application/pdf"
    assert unquote(response["Content-Disposition"].split("filename*=UTF-8''")[1]) == "协议.pdf"


def test_an_empty_or_missing_file_is_a_404(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    project = Project.objects.create(
        code="XM-9", name="项目", stage=Stage.PLANNING, total_investment=Decimal(1)
    )
    with pytest.raises(Http404):
        serve_stored_file(project.plan_document)
    attachment = Attachment.objects.create(project=project, title="协议", file="projects/files/gone.pdf")
    with pytest.raises(Http404):
        serve_stored_file(attachment.file)


@pytest.fixture
def firm_files(world, settings, tmp_path):
    """An attachment of a project of firm A and one of firm B."""
    settings.MEDIA_ROOT = tmp_path
    files = {}
    for firm in (world.firm_a, world.firm_b):
        project = Project.objects.create(
            code=f"XM-{firm.pk}", name=firm.name, stage=Stage.PLANNING, total_investment=1, enterprise=firm
        )
        attachment = Attachment.objects.create(project=project, title="协议")
        attachment.file.save("协议.pdf", ContentFile(firm.name.encode()))
        files[firm] = attachment
    return files


def test_a_stored_file_of_another_firm_is_a_404(world, firm_files):
    own, other = firm_files[world.firm_a], firm_files[world.firm_b]
    response = scoped_file(Attachment.objects, world.firm_user, own.pk, "file")
    assert b"".join(response.streaming_content) == world.firm_a.name.encode()
    with pytest.raises(Http404):
        scoped_file(Attachment.objects, world.firm_user, other.pk, "file")


def test_the_attachment_page_of_another_firm_is_a_404(client, world, firm_files):
    other = firm_files[world.firm_b]
    client.force_login(world.firm_user)
    url = reverse("projects:project_attachment_file", args=[other.project_id, other.pk])
    assert client.get(url).status_code == 404
