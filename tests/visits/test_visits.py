"""大走访's rules at their edges: the plans' two-department overlap (refused) and the same
department twice (a warning), the repeat-visit warning at exactly
ATTRACTION_DUPLICATE_VISIT_DAYS and one day beyond, the answers' validation (a Chinese
message naming the question), the flags, the requests raised from answers in one step,
走访发现 and the 待办 of planned visits not made."""

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from rest_framework.test import APIClient

from gaoxin.core.models import ObjectChange
from gaoxin.portal.models import FirmRequest
from gaoxin.visits import services
from gaoxin.visits.forms import VisitPlanForm
from gaoxin.visits.models import Visit, VisitRequest
from gaoxin.visits.survey import answer_errors, derive_flags
from gaoxin.visits.todo import todo_overdue_visits

from .helpers import D, department, leader, plan, question, routed_category, visit

MARCH = (D(2025, 3, 1), D(2025, 3, 31))


def api_as(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def plan_form(world, dept, start, end, firms, lead=None):
    data = {
        "name": f"计划 {start}",
        "year": str(start.year),
        "starts_on": start.isoformat(),
        "ends_on": end.isoformat(),
        "department": dept.pk if dept else "",
        "leader": lead.pk if lead else "",
        "firms": [f.pk for f in firms],
        "status": "planned",
    }
    return VisitPlanForm(data, user=world.clerk)


# --- the plans' overlap rule ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "refused"),
    [
        (D(2025, 3, 1), D(2025, 3, 31), True),  # the same window
        (D(2025, 3, 31), D(2025, 4, 30), True),  # touching by one day: the 31st is shared
        (D(2025, 2, 1), D(2025, 3, 1), True),  # the other end, one shared day
        (D(2025, 3, 10), D(2025, 3, 12), True),  # inside
        (D(2025, 4, 1), D(2025, 4, 30), False),  # the day after the window
        (D(2025, 2, 1), D(2025, 2, 28), False),  # ends the day before
    ],
)
def test_a_second_department_is_refused_for_the_same_firm_in_an_overlapping_window(
    world, start, end, refused
):
    plan([world.firm_a], dept=department(world, "投资促进局"), start=MARCH[0], end=MARCH[1], name="3月走访")
    with translation.override("zh-hans"):
        form = plan_form(world, department(world, "经济发展局"), start, end, [world.firm_a])
        assert form.is_valid() is not refused
        if refused:
            (message,) = form.errors["firms"]
            assert "甲企业有限公司" in message
            assert "投资促进局" in message
            assert "2025-03-01" in message and "2025-03-31" in message


def test_the_same_department_twice_is_allowed_with_a_warning(world):
    dept = department(world, "投资促进局")
    plan([world.firm_a], dept=dept, name="3月走访")
    form = plan_form(world, dept, D(2025, 3, 15), D(2025, 4, 15), [world.firm_a])
    assert form.is_valid(), form.errors
    assert len(form.warnings) == 1 and "3月走访" in form.warnings[0]


def test_a_cancelled_plan_refuses_nothing_and_other_firms_are_free(world):
    plan([world.firm_a], dept=department(world, "投资促进局"), status="cancelled")
    plan([world.firm_b], dept=department(world, "科技创新局"))
    assert plan_form(world, department(world, "经济发展局"), *MARCH, [world.firm_a]).is_valid()


def test_plans_of_leaders_without_a_department_are_judged_by_the_leader(world):
    plan([world.firm_a], leader_=leader(world, "王强"))
    assert not plan_form(world, None, *MARCH, [world.firm_a], lead=leader(world, "李华")).is_valid()
    assert plan_form(world, None, *MARCH, [world.firm_a], lead=leader(world, "王强")).is_valid()


def test_the_api_refuses_the_second_department_with_the_same_words(world):
    plan([world.firm_a], dept=department(world, "投资促进局"))
    body = {
        "name": "经发局3月走访",
        "year": 2025,
        "starts_on": "2025-03-31",
        "ends_on": "2025-04-30",
        "department": department(world, "经济发展局").pk,
        "firms": [world.firm_a.pk],
    }
    response = api_as(world.clerk).post(
        "/api/visit-plans/", body, format="json", HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert response.status_code == 400
    assert "投资促进局" in str(response.json())
    body["starts_on"] = "2025-04-01"
    assert api_as(world.clerk).post("/api/visit-plans/", body, format="json").status_code == 201


def test_editing_a_plan_does_not_refuse_itself(world):
    dept = department(world, "投资促进局")
    made = plan([world.firm_a], dept=dept)
    response = api_as(world.clerk).patch(f"/api/visit-plans/{made.pk}/", {"note": "改"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["warnings"] == []


# --- the repeat-visit warning ----------------------------------------------------------------------


@override_settings(ATTRACTION_DUPLICATE_VISIT_DAYS=30)
@pytest.mark.parametrize(
    ("days_apart", "warned"), [(0, True), (30, True), (31, False), (-30, True), (-31, False)]
)
def test_a_visit_within_the_repeat_window_is_warned_about_not_refused(world, days_apart, warned):
    first = visit(world.firm_a, day=D(2025, 4, 10), department=department(world, "投资促进局"))
    day = first.visited_on + datetime.timedelta(days=days_apart)
    second = visit(world.firm_a, day=day)  # saved: a warning never refuses
    warnings = services.visit_warnings(enterprise=world.firm_a, day=second.visited_on, exclude=second)
    assert bool(warnings) is warned
    if warned:
        assert "投资促进局" in warnings[0] and "2025-04-10" in warnings[0]
    assert services.visit_warnings(enterprise=world.firm_b, day=day) == []


@override_settings(ATTRACTION_DUPLICATE_VISIT_DAYS=30)
def test_the_visit_page_and_the_api_show_the_warning(client, world):
    visit(world.firm_a, day=D(2025, 4, 10), department=department(world, "投资促进局"))
    second = visit(world.firm_a, day=D(2025, 5, 10))
    client.force_login(world.clerk)
    assert 'data-testid="visit-warning"' in client.get(second.get_absolute_url()).content.decode()
    assert len(api_as(world.clerk).get(f"/api/visits/{second.pk}/").json()["warnings"]) == 1


# --- answers and flags -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "words"),
    [
        ({"staff_need": -3}, ["用工需求", "不小于0的数"]),
        ({"land_need": "三十"}, ["用地需求", "不小于0的数"]),
        ({"satisfaction": "非常满意"}, ["对园区服务的满意度", "满意、基本满意、不满意"]),
        ({"expansion": "maybe"}, ["企业是否有扩产计划", "是或否"]),
        ({"nonexistent": "yes"}, ["nonexistent", "不是问卷中的问题"]),
    ],
)
def test_a_wrong_answer_is_refused_in_chinese_naming_the_question(world, answers, words):
    with translation.override("zh-hans"):
        (error,) = answer_errors(answers)
    for word in words:
        assert word in error


def test_answers_are_checked_on_the_page_and_in_the_api(client, world):
    client.force_login(world.clerk)
    data = {"enterprise": world.firm_a.pk, "visited_on": "2025-04-08", "answer_staff_need": "-1"}
    response = client.post(reverse("visits:visit_add"), data, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 400
    assert "用工需求" in response.content.decode()
    body = {"enterprise": world.firm_a.pk, "visited_on": "2025-04-08", "answers": {"land_need": -5}}
    response = api_as(world.clerk).post("/api/visits/", body, format="json", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 400
    assert "用地需求" in str(response.json()["answers"])
    assert Visit.objects.count() == 0


@pytest.mark.parametrize(
    ("answers", "flags"),
    [
        ({}, set()),
        ({"expansion": "yes"}, {"expansion"}),
        ({"expansion": "no", "risk": "no", "relocation": "no"}, set()),
        ({"risk": "yes", "relocation": "yes"}, {"risk", "relocation"}),
        ({"land_need": 50, "staff_need": 30, "satisfaction": "不满意"}, set()),  # needs are no flags
        (
            {"expansion": "yes", "risk": "yes", "relocation": "yes", "other_problems": "融资难"},
            {"expansion", "risk", "relocation"},
        ),
    ],
)
def test_flags_are_derived_from_the_answers(world, answers, flags):
    assert derive_flags(answers) == flags
    made = visit(world.firm_a, answers=answers)
    assert (made.flag_expansion, made.flag_risk, made.flag_relocation) == (
        "expansion" in flags,
        "risk" in flags,
        "relocation" in flags,
    )


def test_a_choice_question_raises_its_flag_on_the_named_choices(world):
    q = question("satisfaction")
    q.flag, q.flag_answers = "risk", ["不满意"]
    q.save()
    assert derive_flags({"satisfaction": "不满意"}) == {"risk"}
    assert derive_flags({"satisfaction": "基本满意"}) == set()


def test_a_changed_answer_changes_the_stored_flag(world):
    made = visit(world.firm_a, answers={"risk": "yes"})
    response = api_as(world.clerk).patch(
        f"/api/visits/{made.pk}/", {"answers": {"risk": "no"}}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["flag_risk"] is False
    made.refresh_from_db()
    assert made.flag_risk is False


def test_numbers_are_stored_as_numbers(world):
    made = visit(world.firm_a)
    response = api_as(world.clerk).patch(
        f"/api/visits/{made.pk}/", {"answers": {"land_need": "30.5"}}, format="json"
    )
    assert response.json()["answers"] == {"land_need": 30.5}


# --- requests from the answers in one step ---------------------------------------------------------


def test_the_page_raises_requests_from_the_ticked_answers_in_one_step(client, world):
    land = routed_category(world, "land")
    labour = routed_category(world, "labour", department(world, "人社局"))
    made = visit(world.firm_a, answers={"land_need": 30, "staff_need": 20, "risk": "no"})
    client.force_login(world.clerk)
    page = client.get(made.get_absolute_url()).content.decode()
    assert 'data-testid="raise-form"' in page and 'name="raise_risk"' not in page  # a plain no raises nothing
    data = {
        "raise_land_need": "on",
        "category_land_need": land.pk,
        "title_land_need": "新增用地30亩",
        "raise_staff_need": "on",
        "category_staff_need": labour.pk,
    }
    response = client.post(reverse("visits:visit_raise_requests", args=[made.pk]), data)
    assert response.status_code == 302
    requests = {r.category.code: r for r in FirmRequest.objects.all()}
    assert set(requests) == {"land", "labour"}
    assert requests["land"].title == "新增用地30亩"
    assert requests["land"].department == land.department
    assert requests["labour"].department.name == "人社局"
    assert requests["labour"].title.startswith("用工需求")
    for req in requests.values():
        assert req.source == FirmRequest.Source.VISIT
        assert req.enterprise == world.firm_a
        assert ObjectChange.objects.filter(
            content_type__model="firmrequest", object_id=str(req.pk), action="create"
        ).exists()
    assert set(VisitRequest.objects.values_list("question_code", flat=True)) == {"land_need", "staff_need"}
    assert "新增用地30亩" in client.get(made.get_absolute_url()).content.decode()


def test_an_answer_raises_one_request_only_and_a_missing_category_raises_none(client, world):
    land = routed_category(world, "land")
    made = visit(world.firm_a, answers={"land_need": 30, "staff_need": 20})
    client.force_login(world.clerk)
    url = reverse("visits:visit_raise_requests", args=[made.pk])
    client.post(url, {"raise_land_need": "on", "category_land_need": land.pk, "raise_staff_need": "on"})
    assert FirmRequest.objects.count() == 0  # staff_need had no category: all or none
    client.post(url, {"raise_land_need": "on", "category_land_need": land.pk})
    client.post(url, {"raise_land_need": "on", "category_land_need": land.pk})
    assert FirmRequest.objects.count() == 1


def test_the_api_raises_requests_and_names_them_on_the_visit(world):
    land = routed_category(world, "land")
    made = visit(world.firm_a, answers={"land_need": 30, "expansion": "yes"})
    url = f"/api/visits/{made.pk}/raise-requests/"
    body = {"items": [{"question": "land_need", "category": land.pk}]}
    response = api_as(world.clerk).post(url, body, format="json")
    assert response.status_code == 200, response.json()
    req = FirmRequest.objects.get()
    assert response.json()["requests"] == [req.pk]
    assert (req.source, req.department_id, req.raised_on) == (
        "visit",
        land.department_id,
        timezone.localdate(),
    )
    again = api_as(world.clerk).post(url, body, format="json")
    assert again.status_code == 400
    assert api_as(world.leader).post(url, body, format="json").status_code == 403
    assert api_as(world.auditor).post(url, body, format="json").status_code == 403
    assert FirmRequest.objects.count() == 1


def test_raising_on_a_visit_day_dates_the_request(world):
    land = routed_category(world, "land")
    made = visit(world.firm_a, answers={"land_need": 30})
    (req,) = services.visit_raise_requests(
        user=world.clerk, visit=made, items=[services.RaiseItem("land_need", land)], day=D(2025, 3, 12)
    )
    assert req.raised_on == D(2025, 3, 12) and "2025-03-12" in req.text


# --- 走访发现 -----------------------------------------------------------------------------------------


def test_findings_list_firms_flagged_by_their_latest_visit(client, world):
    visit(world.firm_a, day=D(2025, 3, 1), answers={"relocation": "yes"})
    visit(world.firm_a, day=D(2025, 5, 1), answers={"relocation": "no"})  # latest: no flag any more
    visit(world.firm_b, day=D(2025, 4, 1), answers={"expansion": "yes"})
    client.force_login(world.leader)
    url = reverse("visits:finding_list")
    page = client.get(url).content.decode()
    assert "乙企业有限公司" in page and "甲企业有限公司" not in page
    assert "乙企业有限公司" not in client.get(url + "?flag=risk").content.decode()
    assert "乙企业有限公司" in client.get(url + "?flag=expansion&year=2025").content.decode()
    export = client.get(url + "?export=xlsx")
    assert export.status_code == 200
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_enterprise_page_has_the_visits_tab_with_the_latest_flags(client, world):
    visit(world.firm_a, answers={"expansion": "yes"})
    client.force_login(world.clerk)
    page = client.get(reverse("enterprises:enterprise_tab", args=[world.firm_a.pk, "visits"]))
    assert page.status_code == 200
    assert 'data-testid="visit-flags"' in page.content.decode()
    assert "扩产" in page.content.decode()


# --- 待办 ---------------------------------------------------------------------------------------------


def test_a_plan_line_past_its_window_without_a_visit_is_on_the_departments_todo(world):
    dept = department(world, "投资促进局", world.clerk)
    made = plan([world.firm_a, world.firm_b], dept=dept, leader_=leader(world, "王强", world.leader))
    visit(world.firm_b, day=D(2025, 3, 20))  # visited in the window: done
    on_the_last_day = todo_overdue_visits(world.clerk, MARCH[1], 5)
    assert on_the_last_day.count == 0
    group = todo_overdue_visits(world.clerk, D(2025, 4, 1), 5)
    assert group.count == 1
    assert group.items[0].title == "甲企业有限公司"
    assert group.items[0].url == made.get_absolute_url()
    assert todo_overdue_visits(world.leader, D(2025, 4, 1), 5).count == 1  # the visiting leader too
    assert todo_overdue_visits(world.auditor, D(2025, 4, 1), 5).count == 0  # not the auditor's plan
    assert todo_overdue_visits(world.firm_user, D(2025, 4, 1), 5) is None
    visit(world.firm_a, day=D(2025, 4, 3), plan=made)  # late, but in the plan: done
    assert todo_overdue_visits(world.clerk, D(2025, 4, 5), 5).count == 0


def test_a_questions_code_is_fixed_once_created(client, world):
    q = question("land_need")
    response = api_as(world.clerk).patch(f"/api/visit-questions/{q.pk}/", {"code": "land"}, format="json")
    assert response.status_code == 400
    client.force_login(world.clerk)
    data = {
        "code": "land",
        "text": "用地需求（亩）",
        "kind": "number",
        "unit": "亩",
        "sort_order": "20",
        "active": "on",
    }
    assert client.post(reverse("visits:visitquestion_edit", args=[q.pk]), data).status_code == 302
    q.refresh_from_db()
    assert (q.code, q.text) == ("land_need", "用地需求（亩）")


def test_a_retired_questions_answer_is_kept_when_the_visit_is_edited(client, world):
    made = visit(world.firm_a, answers={"relocation": "yes", "expansion": "yes"})
    q = question("relocation")
    q.active = False
    q.save()
    client.force_login(world.clerk)
    data = {"enterprise": world.firm_a.pk, "visited_on": "2025-03-12", "answer_expansion": "no"}
    assert client.post(reverse("visits:visit_edit", args=[made.pk]), data).status_code == 302
    made.refresh_from_db()
    assert made.answers == {"relocation": "yes", "expansion": "no"}
    assert made.flag_relocation and not made.flag_expansion


def test_a_plan_may_be_given_by_its_month(client, world):
    client.force_login(world.clerk)
    data = {
        "name": "2025年2月大走访",
        "year": "2025",
        "month": "2",
        "department": department(world, "经济发展局").pk,
        "firms": [world.firm_a.pk],
        "status": "planned",
    }
    assert client.post(reverse("visits:visitplan_add"), data).status_code == 302
    made = VisitPlanForm._meta.model.objects.get(name="2025年2月大走访")
    assert (made.starts_on, made.ends_on) == (D(2025, 2, 1), D(2025, 2, 28))
    data.pop("month")
    data["name"] = "没有时段"
    assert client.post(reverse("visits:visitplan_add"), data).status_code == 400
