"""Firm accounts: invitations (expiry, single use, password validators), rights within the
firm (filing, requests, jobs), removal (audited, the account can no longer sign in), and the
first administrator bound by zone staff after the credit code is checked."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from gaoxin.core.models import ObjectChange
from gaoxin.enterprises.models import EnterpriseUser
from gaoxin.portal import services
from gaoxin.portal.models import Invitation

from .helpers import firm_colleague

pytestmark = pytest.mark.django_db
PASSWORD = "Qiye-2025-mima!"


def invite(world, **kw):
    values = {"name": "李会计", "phone": "13800000001", "rights": ["may_file"]}
    return services.invitation_create(user=world.firm_user, enterprise=world.firm_a, **{**values, **kw})


def test_the_firms_administrator_invites_and_the_invitee_gets_an_account_bound_to_the_firm(client, world):
    invitation, token = invite(world)
    assert invitation.token_hash != token and len(token) >= 40  # only the hash is stored
    url = reverse("portal:invitation_accept", args=[token])
    page = client.get(url)
    assert page.status_code == 200 and "甲企业有限公司" in page.content.decode()
    answer = client.post(url, {"password": PASSWORD, "password2": PASSWORD})
    assert answer.status_code == 302
    binding = EnterpriseUser.objects.get(user__username="13800000001")
    assert (binding.enterprise, binding.is_firm_admin) == (world.firm_a, False)
    assert (binding.may_file, binding.may_request, binding.may_post_jobs) == (True, False, False)
    assert client.get(reverse("portal:request_list")).status_code == 200  # signed in as the invitee


def test_an_invitation_token_is_single_use(client, world):
    _invitation, token = invite(world)
    url = reverse("portal:invitation_accept", args=[token])
    client.post(url, {"password": PASSWORD, "password2": PASSWORD})
    client.logout()
    replay = client.post(url, {"password": PASSWORD, "password2": PASSWORD})
    assert replay.status_code == 410
    assert EnterpriseUser.objects.filter(user__username="13800000001").count() == 1
    with pytest.raises(ValidationError):
        services.invitation_accept(token=token, password=PASSWORD)


def test_an_invitation_expires_after_the_configured_days(client, world, settings):
    settings.PORTAL_INVITATION_DAYS = 3
    invitation, token = invite(world)
    assert invitation.expires_at - invitation.created_at == pytest.approx(
        datetime.timedelta(days=3), abs=datetime.timedelta(seconds=5)
    )
    later = timezone.now() + datetime.timedelta(days=3, minutes=1)
    with pytest.raises(ValidationError, match=r"expired|过期"):
        services.invitation_accept(token=token, password=PASSWORD, now=later)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert client.get(reverse("portal:invitation_accept", args=[token])).status_code == 410


def test_a_guessed_token_is_a_404(client, world):
    assert client.get(reverse("portal:invitation_accept", args=["guessed-token"])).status_code == 404


def test_the_password_must_pass_the_projects_validators(client, world):
    _invitation, token = invite(world)
    answer = client.post(
        reverse("portal:invitation_accept", args=[token]), {"password": "123", "password2": "123"}
    )
    assert answer.status_code == 400
    assert not EnterpriseUser.objects.filter(user__username="13800000001").exists()


def test_only_the_firms_administrator_invites(world):
    colleague = firm_colleague(world)
    with pytest.raises(PermissionDenied):
        services.invitation_create(user=colleague, enterprise=world.firm_a, name="x", phone="13800000002")
    with pytest.raises(PermissionDenied):
        services.invitation_create(
            user=world.firm_user, enterprise=world.firm_b, name="x", phone="13800000002"
        )


def test_an_invitation_needs_a_phone_or_an_email(world):
    with pytest.raises(ValidationError):
        invite(world, phone="", email="")
    with pytest.raises(ValidationError):
        invite(world, phone="12345")


def test_invitations_are_limited_per_hour(world, settings):
    settings.PORTAL_INVITATIONS_PER_HOUR = 2
    invite(world, phone="13800000001")
    invite(world, phone="13800000002")
    with pytest.raises(ValidationError):
        invite(world, phone="13800000003")


def test_the_administrator_sets_rights_and_removes_a_colleague_audited(client, world):
    colleague = firm_colleague(world)
    binding = colleague.enterprise_binding
    services.member_set_rights(user=world.firm_user, binding=binding, rights=["may_request"], is_admin=False)
    binding.refresh_from_db()
    assert (binding.may_file, binding.may_request, binding.may_post_jobs) == (False, True, False)
    services.member_remove(user=world.firm_user, binding=binding)
    binding.refresh_from_db()
    colleague.refresh_from_db()
    assert (binding.is_active, colleague.is_active) == (False, False)
    changes = ObjectChange.objects.filter(content_type__model="enterpriseuser", object_id=str(binding.pk))
    assert changes.count() == 2
    last = changes.order_by("pk").last()
    assert (last.postchange_data["is_active"], last.user) == (False, world.firm_user)


def test_a_removed_binding_scopes_to_nothing(world):
    from gaoxin.core import roles

    colleague = firm_colleague(world)
    services.member_remove(user=world.firm_user, binding=colleague.enterprise_binding)
    colleague = type(colleague).objects.get(pk=colleague.pk)
    assert roles.bound_enterprise_id(colleague) is None


def test_the_firm_keeps_one_administrator(world):
    with pytest.raises(ValidationError):
        services.member_set_rights(
            user=world.firm_user, binding=world.firm_user.enterprise_binding, rights=[], is_admin=False
        )
    with pytest.raises(ValidationError):
        services.member_remove(user=world.firm_user, binding=world.firm_user.enterprise_binding)


def test_an_administrator_of_firm_a_cannot_change_a_user_of_firm_b(world):
    from .helpers import firm_b_user

    b = firm_b_user(world)
    with pytest.raises(PermissionDenied):
        services.member_remove(user=world.firm_user, binding=b.enterprise_binding)


def test_staff_bind_a_firms_first_administrator_after_checking_the_credit_code(world):
    with pytest.raises(ValidationError):
        services.first_admin_bind(
            user=world.clerk,
            enterprise=world.firm_b,
            uscc=world.firm_a.uscc,
            name="张总",
            phone="13900000001",
        )
    typed = " " + world.firm_b.uscc.lower() + " "
    invitation, _token = services.first_admin_bind(
        user=world.clerk, enterprise=world.firm_b, uscc=typed, name="张总", phone="13900000001"
    )
    assert (
        invitation.enterprise,
        invitation.is_firm_admin,
        invitation.may_file,
        invitation.may_post_jobs,
    ) == (
        world.firm_b,
        True,
        True,
        True,
    )
    with pytest.raises(PermissionDenied):
        services.first_admin_bind(
            user=world.firm_user,
            enterprise=world.firm_b,
            uscc=world.firm_b.uscc,
            name="x",
            phone="13900000002",
        )


def test_a_firm_user_without_the_filing_right_gets_403_on_the_filing_page(client, world):
    user = firm_colleague(world, may_file=False)
    client.force_login(user)
    assert client.get(reverse("indicators:filing")).status_code == 403


def test_a_firm_user_without_the_jobs_right_cannot_post_jobs(client, world):
    from rest_framework.test import APIClient

    from tests.talent.helpers import job_data

    user = firm_colleague(world, may_post_jobs=False)
    client.force_login(user)
    assert client.get(reverse("talent:jobposting_add")).status_code == 403
    assert client.post(reverse("talent:jobposting_add"), job_data(world.firm_a)).status_code == 403
    api = APIClient()
    api.force_authenticate(user)
    assert api.post("/api/jobs/", job_data(world.firm_a)).status_code == 403


def test_a_firm_user_with_the_jobs_right_still_posts(client, world):
    from tests.talent.helpers import job_data

    client.force_login(world.firm_user)
    assert client.post(reverse("talent:jobposting_add"), job_data(world.firm_a)).status_code == 302


def test_existing_firm_users_became_administrators_with_every_right():
    """The migration 0005 of enterprises (run before this test database's first test)."""
    import importlib

    migration = importlib.import_module("gaoxin.enterprises.migrations.0005_enterpriseuser_firm_rights")
    from django.apps import apps

    from gaoxin.core.testing import make_user
    from gaoxin.enterprises.models import Enterprise

    firm = Enterprise.objects.create(name="丙企业", uscc="91421300MA4900000X")
    old = EnterpriseUser.objects.create(user=make_user("old"), enterprise=firm, may_file=False)
    migration.existing_users_are_admins(apps, None)
    old.refresh_from_db()
    assert (old.is_firm_admin, old.may_file, old.may_request, old.may_post_jobs) == (True, True, True, True)
