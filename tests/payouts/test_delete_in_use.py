"""A firm with a payout cannot be deleted (the ledger protects it): the API answers 409 and the
page says why, in Chinese; nothing is deleted."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from gaoxin.enterprises.models import Enterprise
from gaoxin.payouts.models import Payout

from .helpers import payout

pytestmark = pytest.mark.django_db


def test_the_api_answers_409_naming_what_refers_to_the_firm(world):
    payout(world, world.firm_a)
    api = APIClient()
    api.force_authenticate(world.admin)
    response = api.delete(f"/api/enterprises/{world.firm_a.pk}/")
    assert response.status_code == 409
    assert "不能删除" in response.json()["detail"] and "拨付" in response.json()["detail"]
    assert Enterprise.objects.filter(pk=world.firm_a.pk).exists() and Payout.objects.count() == 1


def test_the_delete_page_says_why_and_keeps_the_firm(client, world):
    payout(world, world.firm_a)
    client.force_login(world.admin)
    response = client.post(
        reverse("enterprises:enterprise_delete", args=[world.firm_a.pk]), {"reason": "重复录入"}
    )
    assert response.status_code == 400
    assert "还有其他记录引用它，不能删除" in response.content.decode()
    assert Enterprise.objects.filter(pk=world.firm_a.pk).exists()
