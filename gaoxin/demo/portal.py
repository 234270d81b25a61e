"""The demo's enterprise portal (issue 15 items 1, 3): firm accounts and 40 requests over 2025.

Everything here is invented (示例): four firms with an administrator and colleagues (the demo's
``firm`` persona is 齐星车辆's administrator), the categories routed to the demo departments, and
40 requests from January to September 2025 — most rated, some answered or in hand, a few
overdue on the evaluation day (30 September 2025), two reopened, one passed to another
department — so the department scores and the 待办 show. Dates follow the working-day calendar
(``zone.workdays``); one seeded random generator keeps the demo the same every time."""

import datetime
import random

from django.contrib.auth.models import Group, User

from gaoxin.core import roles
from gaoxin.enterprises.models import Enterprise, EnterpriseUser
from gaoxin.portal.models import FirmRequest, RequestCategory, RequestEvent
from gaoxin.zone.models import Department, Leader
from gaoxin.zone.workdays import calendar

PASSWORD = "gaoxin2025"
PREFIX = "demo-firm-"
EVALUATION_DAY = datetime.date(2025, 9, 30)
ROUTES = {  # category code → demo department
    "govservice": "政务服务局",
    "land": "建设局",
    "labour": "经济发展局",
    "finance": "经济发展局",
    "policy": "科技创新局",
    "tech": "科技创新局",
    "utilities": "建设局",
    "other": "经济发展局",
}
# (username suffix, display name, rights) per colleague; the first of each firm is its administrator
COLLEAGUES = [
    ("cw", "财务 王会计", ("may_file",)),
    ("hr", "人事 李经理", ("may_post_jobs", "may_request")),
]
TITLES = {
    "govservice": ["营业执照经营范围变更咨询", "环评批复办理进度", "施工许可办理材料"],
    "land": ["扩建用地指标申请", "厂区土地证办理", "标准地出让咨询"],
    "labour": ["招聘操作工50名", "技工培训补贴申请", "员工子女入学"],
    "finance": ["流动资金贷款对接", "科技贷贴息申请", "上市辅导咨询"],
    "policy": ["高企认定政策咨询", "研发费用加计扣除咨询", "专精特新申报条件"],
    "tech": ["产学研合作对接", "研发平台申报", "技术合同登记"],
    "utilities": ["新增变压器容量", "天然气管道接入", "厂区供水压力不足"],
    "other": ["园区道路路灯维修", "厂区周边交通标志", "员工通勤班车"],
}
RATINGS = ["satisfied"] * 6 + ["mostly"] * 3 + ["unsatisfied"]


def reset() -> None:
    """Before the registry and departments: requests protect firms and departments."""
    RequestEvent.objects.all().delete()
    FirmRequest.objects.all().delete()
    User.objects.filter(username__startswith=PREFIX).delete()


def load(admin) -> dict:
    rng = random.Random(15)
    route_categories()
    persona_firm = list(Enterprise.objects.filter(users__isnull=False).order_by("pk")[:1])  # 齐星车辆
    firms = persona_firm + [f for f in Enterprise.objects.order_by("pk")[:4] if f not in persona_firm][:3]
    accounts = load_accounts(firms)
    count = load_requests(rng, firms, accounts)
    fixed = load_corrections(firms[0], accounts[firms[0].pk][-1].user)  # 人事 李经理 (诉求 right)
    return {"firm_accounts": sum(len(a) for a in accounts.values()), "requests": count, "corrections": fixed}


def load_corrections(firm, asker) -> int:
    """Two corrections of the persona firm's 2024 facts through the services: one applied by
    经济发展局 (the audit names the request), one waiting for its decision."""
    from gaoxin.enterprises.models import AnnualFacts
    from gaoxin.portal import corrections

    facts = AnnualFacts.objects.filter(enterprise=firm, year=2024).first()
    clerk = Department.objects.get(name="经济发展局").members.first()
    if facts is None or clerk is None:
        return 0
    asked = datetime.date(2025, 9, 22)
    first = corrections.correction_raise(
        user=asker,
        label="enterprises.annualfacts",
        pk=facts.pk,
        field="staff_rd",
        proposed=str((facts.staff_rd or 0) + 6),
        reason="2024年末新入职6名研发人员，见社保缴纳名单（示例）",
        day=asked,
    )
    corrections.correction_apply(user=clerk, correction=first, raw=first.proposed_value, day=asked)
    corrections.correction_raise(
        user=asker,
        label="enterprises.enterprise",
        pk=firm.pk,
        field="address",
        proposed=f"{firm.address}（新厂区）" if firm.address else "随州高新区新厂区",
        reason="2025年8月迁入新厂区（示例）",
        day=datetime.date(2025, 9, 29),
    )
    return 2


def route_categories() -> None:
    departments = {d.name: d for d in Department.objects.all()}
    leader = Leader.objects.order_by("sort_order", "pk").first()
    for category in RequestCategory.objects.all():
        category.department = departments.get(ROUTES.get(category.code, "经济发展局"))
        category.leader = leader
        category.save()


def load_accounts(firms) -> dict:
    group = Group.objects.get_or_create(name=roles.Role.ENTERPRISE)[0]
    accounts = {}
    for n, firm in enumerate(firms):
        bound = list(EnterpriseUser.objects.filter(enterprise=firm))
        EnterpriseUser.objects.filter(enterprise=firm).update(is_firm_admin=True)
        if not bound:
            bound.append(account(f"{PREFIX}{n}-admin", f"{firm.name[:6]} 管理员", firm, group, admin=True))
        for suffix, name, rights in COLLEAGUES:
            bound.append(account(f"{PREFIX}{n}-{suffix}", name, firm, group, rights=rights))
        accounts[firm.pk] = bound
    return accounts


def account(username, name, firm, group, admin=False, rights=EnterpriseUser.RIGHTS):
    user = User(username=username, first_name=name)
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(group)
    given = EnterpriseUser.RIGHTS if admin else rights
    return EnterpriseUser.objects.create(
        user=user, enterprise=firm, is_firm_admin=admin, **{r: r in given for r in EnterpriseUser.RIGHTS}
    )


def load_requests(rng, firms, accounts) -> int:
    work = calendar()
    categories = list(
        RequestCategory.objects.select_related("department")
        .exclude(department=None)
        .exclude(code="correction")
    )
    handlers = {d.pk: d.members.first() for d in Department.objects.all()}
    events = []
    for n in range(40):
        day = datetime.date(2025, 1 + n * 9 // 40, 1) + datetime.timedelta(days=rng.randrange(0, 27))
        while not work.is_workday(day):
            day += datetime.timedelta(days=1)
        category, firm = categories[n % len(categories)], firms[n % len(firms)]
        raiser = accounts[firm.pk][0].user
        events += one_request(rng, work, n, day, category, firm, raiser, handlers)
    RequestEvent.objects.bulk_create(events)
    return 40


def one_request(rng, work, n, day, category, firm, raiser, handlers) -> list:
    """One request taken as far as its age allows: a late acceptance now and then, ratings
    mostly 满意, every 17th reopened once, request 11 passed to another department."""
    req = FirmRequest(
        enterprise=firm,
        category=category,
        title=TITLES[category.code][n % 3],
        text=f"{firm.name}：{TITLES[category.code][n % 3]}，请相关部门协调解决。（示例）",
        urgency="urgent" if n % 9 == 0 else "normal",
        source="visit" if n % 7 == 3 else "portal",
        raised_by=raiser,
        raised_on=day,
        department=category.department,
        routed_on=day,
        accept_due=work.add_working_days(day, category.accept_workdays),
    )
    handler = handlers.get(category.department_id)
    events = [event(req, "submit", day, raiser, "", "submitted")]
    accept_on = work.add_working_days(day, category.accept_workdays + (2 if n % 6 == 5 else 0))
    if accept_on >= EVALUATION_DAY or n in (36, 38):
        req.save()  # still waiting: the later ones overdue on the evaluation day
        return [with_request(e, req) for e in events]
    req.status, req.accepted_on = FirmRequest.Status.ACCEPTED, accept_on
    req.handle_due = work.add_working_days(accept_on, category.handle_workdays)
    events.append(event(req, "accept", accept_on, handler, "submitted", "accepted"))
    answer_on = work.add_working_days(accept_on, category.handle_workdays + rng.choice((-2, -1, 0, 0, 1, 3)))
    answer_on = max(answer_on, accept_on)
    if answer_on >= EVALUATION_DAY or n == 37:
        req.save()
        return [with_request(e, req) for e in events]
    req.status, req.answered_on, req.answer = (
        FirmRequest.Status.ANSWERED,
        answer_on,
        "已协调办理，详见答复。（示例）",
    )
    events.append(event(req, "answer", answer_on, handler, "accepted", "answered"))
    if n % 17 == 4:
        reopen_on = work.add_working_days(answer_on, 1)
        req.reopen_count, req.handle_due = 1, work.add_working_days(reopen_on, category.handle_workdays)
        events.append(
            event(req, "reopen", reopen_on, req.raised_by, "answered", "accepted", "答复未说明办理时限")
        )
        answer_on = work.add_working_days(reopen_on, 2)
        req.answered_on = answer_on
        events.append(event(req, "answer", answer_on, handler, "accepted", "answered"))
    rate_on = work.add_working_days(answer_on, 2)
    if rate_on < EVALUATION_DAY:
        req.status, req.closed_on, req.rating = FirmRequest.Status.CLOSED, rate_on, rng.choice(RATINGS)
        events.append(event(req, "rate", rate_on, req.raised_by, "answered", "closed"))
    req.save()
    return [with_request(e, req) for e in events]


def event(req, action, day, user, from_status, to_status, reason=""):
    return RequestEvent(
        action=action,
        day=day,
        user=user,
        from_status=from_status,
        to_status=to_status,
        department=req.department,
        reason=reason,
    )


def with_request(e, req):
    e.request = req
    return e
