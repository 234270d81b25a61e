"""The request workflow (诉求): routing by category, deadlines in working days across 国庆,
acceptance, answer, rating, reopening, reassignment, escalation to 待办 and reminders."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gaoxin.notify.rules import Directory, request_reminders
from gaoxin.portal import services
from gaoxin.portal.models import FirmRequest, RequestCategory, RequestEvent
from gaoxin.portal.todo import todo_overdue_requests

from .helpers import D, category, department, firm_colleague, leader, raise_request

pytestmark = pytest.mark.django_db
S = FirmRequest.Status


def test_the_seeded_categories_are_data_with_time_limits():
    names = set(RequestCategory.objects.values_list("name", flat=True))
    assert {"政务服务", "用地", "用工", "融资", "政策咨询", "其他"} <= names
    assert RequestCategory.objects.get(code="govservice").accept_workdays == 1


def test_a_request_raised_on_30_september_is_due_for_acceptance_on_9_october(world):
    """国庆 2025: 1–8 October off; the day raised does not count: the first working day after
    it is Thursday 9 October."""
    req = raise_request(world, day=D(2025, 9, 30))
    assert (req.status, req.department.name, req.routed_on) == (S.SUBMITTED, "政务服务局", D(2025, 9, 30))
    assert req.accept_due == D(2025, 10, 9)
    assert req.source == FirmRequest.Source.PORTAL


def test_the_whole_lifecycle_with_exact_deadlines(world):
    req = raise_request(world, day=D(2025, 9, 30))
    services.request_accept(user=world.clerk, req=req, day=D(2025, 10, 9))
    # handle 5 working days after 9 October: 10 (Fri), 11 (Sat, 调休 working day), 13, 14, 15
    assert (req.status, req.handle_due) == (S.ACCEPTED, D(2025, 10, 15))
    services.request_answer(
        user=world.clerk, req=req, answer="需变更税务登记与银行账户信息。", day=D(2025, 10, 15)
    )
    services.request_rate(user=world.firm_user, req=req, rating="satisfied", day=D(2025, 10, 16))
    req.refresh_from_db()
    assert (req.status, req.rating, req.closed_on) == (S.CLOSED, "satisfied", D(2025, 10, 16))
    steps = list(req.events.values_list("action", "day", "user__username", "to_status"))
    assert steps == [
        ("submit", D(2025, 9, 30), "firm_a", "submitted"),
        ("accept", D(2025, 10, 9), "clerk", "accepted"),
        ("answer", D(2025, 10, 15), "clerk", "answered"),
        ("rate", D(2025, 10, 16), "firm_a", "closed"),
    ]


def test_only_the_department_the_request_is_with_accepts_it(world):
    req = raise_request(world)
    other = firm_colleague(world, "clerk2")
    with pytest.raises(PermissionDenied):
        services.request_accept(user=world.firm_user, req=req, day=D(2025, 10, 9))
    with pytest.raises(PermissionDenied):
        services.request_accept(user=other, req=req, day=D(2025, 10, 9))


def test_a_reopened_request_goes_back_to_the_department_with_a_new_handling_period(world):
    req = raise_request(world, day=D(2025, 11, 3))
    services.request_accept(user=world.clerk, req=req, day=D(2025, 11, 4))
    services.request_answer(user=world.clerk, req=req, answer="已答复", day=D(2025, 11, 5))
    with pytest.raises(ValidationError):
        services.request_reopen(user=world.firm_user, req=req, reason="  ", day=D(2025, 11, 6))
    services.request_reopen(user=world.firm_user, req=req, reason="未说明办理地点", day=D(2025, 11, 6))
    assert (req.status, req.reopen_count, req.handle_due) == (S.ACCEPTED, 1, D(2025, 11, 13))
    assert req.events.get(action="reopen").reason == "未说明办理地点"


def test_a_reassigned_request_restarts_the_new_departments_acceptance_deadline(world):
    req = raise_request(world, day=D(2025, 9, 30))
    services.request_accept(user=world.clerk, req=req, day=D(2025, 10, 9))
    land = department(world, "建设局")
    with pytest.raises(ValidationError):
        services.request_reassign(user=world.clerk, req=req, department=land, reason="", day=D(2025, 10, 10))
    with pytest.raises(PermissionDenied):
        services.request_reassign(
            user=world.firm_user, req=req, department=land, reason="x", day=D(2025, 10, 10)
        )
    services.request_reassign(
        user=world.clerk, req=req, department=land, reason="涉及用地规划", day=D(2025, 10, 10)
    )
    assert (req.status, req.department, req.routed_on) == (S.SUBMITTED, land, D(2025, 10, 10))
    assert (req.accept_due, req.accepted_on, req.handle_due) == (D(2025, 10, 11), None, None)  # 11 Oct: 调休
    event = req.events.get(action=RequestEvent.Action.REASSIGN)
    assert (event.reason, event.from_status, event.department) == ("涉及用地规划", "accepted", land)


def test_a_user_of_firm_a_cannot_rate_or_reopen_firm_bs_request(world):
    from .helpers import firm_b_user

    b = firm_b_user(world)
    req = raise_request(world, user=b, enterprise=world.firm_b, day=D(2025, 11, 3))
    services.request_accept(user=world.clerk, req=req, day=D(2025, 11, 4))
    services.request_answer(user=world.clerk, req=req, answer="已答复", day=D(2025, 11, 5))
    with pytest.raises(PermissionDenied):
        services.request_rate(user=world.firm_user, req=req, rating="unsatisfied")
    with pytest.raises(PermissionDenied):
        services.request_reopen(user=world.firm_user, req=req, reason="x")


def test_a_firm_user_without_the_requests_right_cannot_raise_one(world):
    user = firm_colleague(world, may_request=False)
    with pytest.raises(PermissionDenied):
        raise_request(world, user=user)


def test_staff_raise_a_request_for_a_firm_with_its_source(world):
    cat = category(world)
    with pytest.raises(ValidationError):
        services.request_raise(
            user=world.clerk,
            enterprise=world.firm_b,
            category=cat,
            title="走访",
            text="用电",
            day=D(2025, 11, 3),
        )
    req = services.request_raise(
        user=world.clerk,
        enterprise=world.firm_b,
        category=cat,
        title="走访",
        text="用电",
        source="visit",
        day=D(2025, 11, 3),
    )
    assert (req.enterprise, req.source, req.raised_by) == (world.firm_b, "visit", world.clerk)


def test_a_category_without_a_department_refuses_new_requests(world):
    cat = RequestCategory.objects.get(code="other")
    with pytest.raises(ValidationError):
        raise_request(world, cat=cat)


def test_request_creation_is_limited_per_hour(world, settings):
    settings.PORTAL_REQUESTS_PER_HOUR = 2
    cat = category(world)
    raise_request(world, cat=cat)
    raise_request(world, cat=cat)
    with pytest.raises(ValidationError, match=r"Too many|过多"):
        raise_request(world, cat=cat)


def test_an_overdue_request_is_on_the_todo_of_the_department_and_the_leader(world):
    boss = leader(world)
    cat = category(world, leader=boss)
    late = raise_request(world, cat=cat, day=D(2025, 9, 30))  # accept by 9 October
    group = todo_overdue_requests(world.clerk, D(2025, 10, 10), 5)
    assert (group.count, [i.url for i in group.items]) == (1, [late.get_absolute_url()])
    assert todo_overdue_requests(world.leader, D(2025, 10, 10), 5).count == 1
    assert todo_overdue_requests(world.clerk, D(2025, 10, 9), 5).count == 0  # due that day: not yet late


def test_an_overdue_request_is_reminded_to_the_department_and_the_leader(world):
    boss = leader(world)
    cat = category(world, leader=boss)
    raise_request(world, cat=cat, day=D(2025, 9, 30))
    [reminder] = request_reminders(D(2025, 10, 13), Directory())
    assert reminder.user_ids == {world.clerk.pk, world.leader.pk}
    assert "2025-10-09" in reminder.body and "4" in reminder.body
