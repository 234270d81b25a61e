"""The generic contract (tests/contract.py) for the innovation points' records."""

import datetime
from decimal import Decimal

from django.urls import reverse

from gaoxin.points.models import Consent, PointLoan, PointScheme
from tests.contract import ApiRead, ApiWrite, CrudContract, DetailPage, SharedFilterSet

from .helpers import example_scheme


class TestConsentContract(CrudContract, ApiWrite, SharedFilterSet):
    model = Consent
    list_url = "points:consent_list"
    api_name = "point-consent"

    def make(self, world, enterprise):
        return Consent.objects.create(
            enterprise=enterprise, bank="工商银行随州分行", granted_on=datetime.date(2024, 3, 1)
        )

    def list_marker(self, obj):
        return obj.bank

    def create_url(self, world):
        return reverse("points:consent_add")

    def create_data(self, world):
        return {"enterprise": world.firm_a.pk, "bank": "农业银行随州分行", "granted_on": "2024-05-01"}

    def edit_url(self, obj):
        return reverse("points:consent_edit", args=[obj.pk])

    def edit_data(self, obj):
        return {
            "enterprise": obj.enterprise_id,
            "bank": obj.bank,
            "granted_on": "2024-03-01",
            "revoked_on": "2025-01-01",
        }

    def api_create_data(self, world):
        return {"enterprise": world.firm_a.pk, "bank": "建设银行随州分行", "granted_on": "2024-05-01"}

    def api_edit_data(self, obj):
        return {"note": "书面授权"}


class TestPointLoanContract(CrudContract, ApiWrite, SharedFilterSet):
    model = PointLoan
    list_url = "points:pointloan_list"
    api_name = "point-loan"

    def make(self, world, enterprise):
        return PointLoan.objects.create(
            enterprise=enterprise,
            bank="工商银行随州分行",
            amount=Decimal(500),
            granted_on=datetime.date(2024, 6, 1),
            term_months=12,
        )

    def list_marker(self, obj):
        return obj.bank

    def create_url(self, world):
        return reverse("points:loan_add")

    def create_data(self, world):
        return {
            "enterprise": world.firm_a.pk,
            "bank": "农业银行",
            "amount": "300",
            "granted_on": "2024-07-01",
            "term_months": "12",
        }

    def edit_url(self, obj):
        return reverse("points:loan_edit", args=[obj.pk])

    def edit_data(self, obj):
        return {
            "enterprise": obj.enterprise_id,
            "bank": obj.bank,
            "amount": "600",
            "granted_on": "2024-06-01",
            "term_months": "24",
        }

    def api_create_data(self, world):
        return {
            "enterprise": world.firm_a.pk,
            "bank": "农业银行",
            "amount": "300",
            "granted_on": "2024-07-01",
            "term_months": 12,
        }

    def api_edit_data(self, obj):
        return {"term_months": 36}


class TestPointSchemeContract(DetailPage, ApiRead, SharedFilterSet):
    model = PointScheme
    reader = "leader"
    api_name = "point-scheme"
    list_url = "points:pointscheme_list"

    def make(self, world, enterprise):
        return PointScheme.objects.first() or example_scheme()

    def detail_url(self, obj):
        return reverse("points:scheme_detail", args=[obj.pk])
