"""The generic contract (tests/contract.py) for the payout ledger."""

from django.urls import reverse

from gaoxin.payouts.models import Payout, Programme
from tests.contract import ApiRead, ApiWrite, CrudContract, DetailPage, SharedFilterSet

from .helpers import award_programme, payout


class TestPayoutContract(CrudContract, DetailPage, ApiWrite, SharedFilterSet):
    model = Payout
    list_url = "payouts:payout_list"
    api_name = "award"
    import_kind = "payouts"

    def make(self, world, enterprise):
        return payout(world, enterprise)

    def list_marker(self, obj):
        return obj.document_number

    def detail_url(self, obj):
        return reverse("payouts:payout_detail", args=[obj.pk])

    def create_url(self, world):
        return reverse("payouts:payout_add")

    def create_data(self, world):
        programme, line = award_programme(world)
        return {
            "enterprise": world.firm_a.pk,
            "programme": programme.pk,
            "budget_line": line.pk,
            "amount": "12.5",
            "paid_on": "2024-07-01",
            "document_number": "随高新发〔2024〕88号",
        }

    def edit_url(self, obj):
        return reverse("payouts:payout_edit", args=[obj.pk])

    def edit_data(self, obj):
        return {
            "enterprise": obj.enterprise_id,
            "programme": obj.programme_id,
            "budget_line": obj.budget_line_id,
            "amount": "11",
            "paid_on": "2024-06-30",
            "document_number": obj.document_number,
        }

    def api_create_data(self, world):
        programme, line = award_programme(world)
        return {
            "enterprise": world.firm_a.pk,
            "programme": programme.code,
            "budget_line": line.pk,
            "amount": "5",
            "paid_on": "2024-08-01",
            "document_number": "随高新发〔2024〕99号",
        }

    def api_edit_data(self, obj):
        return {"note": "补正文号"}


class TestPayoutsApiAlias(ApiRead):
    """/api/payouts/ is the same resource as /api/awards/ under its general name."""

    model = Payout
    api_name = "payout"
    owned_by_firm = True

    def make(self, world, enterprise):
        return payout(world, enterprise)


class TestProgrammeContract(DetailPage, ApiRead):
    model = Programme
    reader = "leader"
    api_name = "programme"

    def make(self, world, enterprise):
        return award_programme(world)[0]

    def detail_url(self, obj):
        return reverse("payouts:programme_detail", args=[obj.pk])
