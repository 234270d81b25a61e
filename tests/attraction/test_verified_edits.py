"""Issue 12.12: a change to a verified signing's figures or names sends it back to 待核实 on
every path, the admin's included; bookkeeping (a note) does not."""

from decimal import Decimal

from gaoxin.attraction import services_signings
from gaoxin.attraction.models import Signing
from tests.factories import clerk_department, signing_values


def verified_signing(world) -> Signing:
    signing = Signing(**signing_values(world, clerk_department(world)))
    services_signings.signing_report(signing=signing, user=world.clerk)
    services_signings.signing_verify(signing=signing, user=world.leader, verdict="verify", opinion="核实无误")
    signing.refresh_from_db()
    assert signing.status == Signing.Status.VERIFIED
    return signing


def test_a_script_changing_the_amount_unverifies(world):
    signing = verified_signing(world)
    signing.amount = Decimal("130000")
    signing.save()
    signing.refresh_from_db()
    assert (signing.status, signing.verified_by, signing.verified_at) == (Signing.Status.REPORTED, None, None)


def test_a_note_keeps_it_verified(world):
    signing = verified_signing(world)
    signing.note = "合同原件已归档"
    signing.save()
    signing.refresh_from_db()
    assert signing.status == Signing.Status.VERIFIED
    same = Signing.objects.get(pk=signing.pk)
    same.amount = Decimal("120000.0000")  # the same figure, written differently
    same.save()
    assert Signing.objects.get(pk=signing.pk).status == Signing.Status.VERIFIED


def test_the_administrator_changing_the_investor_on_the_page_unverifies(world):
    signing = verified_signing(world)
    signing.investor = "另一家新材料股份有限公司"
    services_signings.signing_update(signing=signing, user=world.admin)  # the edit page's service
    stored = Signing.objects.get(pk=signing.pk)
    assert stored.status == Signing.Status.REPORTED
    assert stored.investor == "另一家新材料股份有限公司"


def test_the_api_as_administrator_unverifies(api, world):
    signing = verified_signing(world)
    api.force_authenticate(world.admin)
    response = api.patch(f"/api/signings/{signing.pk}/", {"land_mu": "210"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "reported"
