"""The pages: raising a request with attachments (type read from the content, images
re-encoded, PDFs downloaded never inline), the steps, the accounts page."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from gaoxin.portal.models import FirmRequest, RequestAttachment

from .helpers import category, raise_request

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def png_bytes():
    out = io.BytesIO()
    Image.new("RGB", (20, 10), "red").save(out, "PNG")
    return out.getvalue()


def form(cat, *files):
    return {
        "category": cat.pk,
        "urgency": "normal",
        "title": "用工招聘",
        "text": "需要招聘50名操作工",
        "files": list(files),
    }


def test_a_firm_user_raises_a_request_with_an_image_and_a_pdf(client, world):
    cat = category(world)
    client.force_login(world.firm_user)
    assert client.get(reverse("portal:request_add")).status_code == 200
    image = SimpleUploadedFile("现场.pdf", png_bytes(), content_type="application/pdf")  # the name lies
    pdf = SimpleUploadedFile("批复.png", b"%PDF-1.4\n%%EOF\n", content_type="image/png")
    answer = client.post(reverse("portal:request_add"), form(cat, image, pdf))
    assert answer.status_code == 302
    req = FirmRequest.objects.get()
    kinds = sorted(req.attachments.values_list("name", "content_type"))
    assert kinds == [("批复.pdf", "application/pdf"), ("现场.png", "image/png")]
    stored = req.attachments.get(content_type="image/png")
    with Image.open(stored.file.open("rb")) as reencoded:
        assert reencoded.size == (20, 10)
    download = client.get(
        reverse("portal:attachment", args=[req.attachments.get(content_type="application/pdf").pk])
    )
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"


def test_a_file_that_is_neither_image_nor_pdf_is_refused(client, world):
    cat = category(world)
    client.force_login(world.firm_user)
    fake = SimpleUploadedFile("照片.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    answer = client.post(reverse("portal:request_add"), form(cat, fake))
    assert answer.status_code == 400
    assert not FirmRequest.objects.exists() and not RequestAttachment.objects.exists()


def test_a_file_over_the_limit_is_refused(client, world, settings):
    settings.PORTAL_ATTACHMENT_MB = 0
    cat = category(world)
    client.force_login(world.firm_user)
    pdf = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n" + b"0" * 100, content_type="application/pdf")
    assert client.post(reverse("portal:request_add"), form(cat, pdf)).status_code == 400


def test_another_firms_attachment_is_a_404(client, world):
    from django.core.files.base import ContentFile

    from .helpers import firm_b_user

    b = firm_b_user(world)
    req = raise_request(world, user=b, enterprise=world.firm_b)
    attachment = RequestAttachment(request=req, name="b.pdf", content_type="application/pdf", size=9)
    attachment.file.save("b.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    client.force_login(world.firm_user)
    assert client.get(reverse("portal:attachment", args=[attachment.pk])).status_code == 404


def test_the_department_accepts_and_answers_on_the_page_and_the_firm_rates(client, world):
    req = raise_request(world)
    client.force_login(world.clerk)
    page = client.get(req.get_absolute_url()).content.decode()
    assert "2025-10-09" in page
    client.post(reverse("portal:request_step", args=[req.pk, "accept"]))
    client.post(reverse("portal:request_step", args=[req.pk, "answer"]), {"answer": "已办结"})
    client.force_login(world.firm_user)
    assert 'data-testid="rate"' in client.get(req.get_absolute_url()).content.decode()
    client.post(reverse("portal:request_step", args=[req.pk, "rate"]), {"rating": "satisfied"})
    req.refresh_from_db()
    assert (req.status, req.rating) == ("closed", "satisfied")


def test_the_administrator_invites_on_the_accounts_page_and_sees_the_link_once(client, world):
    client.force_login(world.firm_user)
    answer = client.post(
        reverse("portal:firmuser_list"), {"name": "孙出纳", "phone": "13500000001", "rights": ["may_request"]}
    )
    assert answer.status_code == 200 and "/portal/invite/" in answer.content.decode()
    assert "/portal/invite/" not in client.get(reverse("portal:firmuser_list")).content.decode()


def test_staff_see_the_first_administrator_form(client, world):
    client.force_login(world.clerk)
    page = client.get(reverse("portal:firmuser_list"))
    assert page.status_code == 200 and world.firm_b.name in page.content.decode()


def test_a_firm_asks_about_a_catalogue_item_as_a_govservice_request(client, world):
    from gaoxin.govservices.models import ServiceItem

    cat = category(world)  # 政务服务 → 政务服务局
    item = ServiceItem.objects.create(
        code="11421300MB0000000X4000117001000",
        name="建设工程施工许可证核发",
        department="政务服务局",
        time_limit_workdays=5,
    )
    client.force_login(world.firm_user)
    page = client.get(reverse("govservices:serviceitem_detail", args=[item.pk])).content.decode()
    assert 'data-testid="ask-item"' in page
    started = client.get(reverse("portal:request_add") + f"?category=govservice&service_item={item.pk}")
    form_ = started.context["form"]
    assert form_.initial["category"] == cat.pk
    assert form_.initial["title"] == "咨询：建设工程施工许可证核发"
    assert "承诺5个工作日" in form_.initial["text"]
    odd = client.get(reverse("portal:request_add") + "?category=nope&service_item=x")
    assert odd.status_code == 200 and odd.context["form"].initial == {}
