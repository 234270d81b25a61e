"""The demo's 2025 大走访 (issue 15 item 4): four monthly plans from March to June 2025, each a
department with a leader visiting 12 firms of the demo (48 in all), visit records with the
survey's answers (some raising 扩产 / 风险 / 外迁), two firms per plan not visited (the
待办's plan lines), and three requests raised from visit answers. All of it is 示例:
seeded (``random.Random(2025)``) and ordered by id, so every load is the same."""

import datetime
import random

from gaoxin.enterprises.models import Enterprise
from gaoxin.portal.models import RequestCategory
from gaoxin.visits import services
from gaoxin.visits.models import Visit, VisitPlan, VisitRequest
from gaoxin.zone.models import Department, Leader

FIRMS_PER_PLAN = 12
NOT_VISITED_PER_PLAN = 2
# month, department, note
PLANS = [
    (3, "经济发展局", "规上工业企业：产能与用工"),
    (4, "投资促进局", "新落户及在建项目企业"),
    (5, "科技创新局", "高新技术企业与科技型中小企业"),
    (6, "建设局", "用地与厂房需求集中的企业"),
]
VISITORS = ["李明、张华", "王芳、刘洋", "陈静、赵磊", "孙伟、周敏"]
PEOPLE_MET = ["总经理", "董事长", "副总经理", "财务总监", "生产厂长"]
PROBLEMS = ["", "", "", "物流成本偏高", "希望协调天然气增容", "需要技能工人培训"]
# (plan index, visit index in the plan, question code, category code): the requests raised
REQUESTS = [(0, 0, "land_need", "land"), (1, 1, "staff_need", "labour"), (2, 2, "financing_need", "finance")]


def month_window(month: int) -> tuple[datetime.date, datetime.date]:
    start = datetime.date(2025, month, 1)
    end = datetime.date(2025, month + 1, 1) - datetime.timedelta(days=1)
    return start, end


def answers_for(rng: random.Random, n: int) -> dict:
    """A visit's answers; every 4th firm plans expansion (with land), every 9th a risk, every 15th relocation."""
    answers = {
        "expansion": "yes" if n % 4 == 0 else "no",
        "land_need": rng.choice([20, 30, 50, 80]) if n % 4 == 0 else 0,
        "staff_need": rng.choice([0, 0, 10, 20, 35, 60]),
        "financing_need": "yes" if n % 5 == 2 else "no",
        "risk": "yes" if n % 9 == 4 else "no",
        "relocation": "yes" if n % 15 == 7 else "no",
        "satisfaction": rng.choice(["满意", "满意", "满意", "基本满意", "不满意"]),
    }
    problem = PROBLEMS[n % len(PROBLEMS)]
    if problem:
        answers["other_problems"] = problem
    return answers


def load(user) -> dict:
    rng = random.Random(2025)
    firms = list(Enterprise.objects.order_by("pk")[: FIRMS_PER_PLAN * len(PLANS)])
    leaders = list(Leader.objects.order_by("sort_order", "pk")) or [None]
    plans, visits = [], []
    for index, (month, department_name, note) in enumerate(PLANS):
        start, end = month_window(month)
        plan = VisitPlan.objects.create(
            name=f"2025年{month}月大走访·{department_name}",
            year=2025,
            starts_on=start,
            ends_on=end,
            department=Department.objects.filter(name=department_name).first(),
            leader=leaders[index % len(leaders)],
            note=f"{note}（示例）",
        )
        group = firms[index * FIRMS_PER_PLAN : (index + 1) * FIRMS_PER_PLAN]
        plan.firms.set(group)
        plans.append(plan)
        visits.append(load_visits(rng, plan, group[: len(group) - NOT_VISITED_PER_PLAN], index))
    requests = load_requests(user, visits)
    return {"plans": len(plans), "visits": sum(len(v) for v in visits), "requests_from_visits": requests}


def load_visits(rng, plan, firms, index) -> list[Visit]:
    made = []
    for n, firm in enumerate(firms):
        day = plan.starts_on + datetime.timedelta(days=2 + (n * 2) % 25)
        visit = Visit(
            enterprise=firm,
            plan=plan,
            visited_on=day,
            leader=plan.leader if n % 3 == 0 else None,
            department=plan.department,
            visitors=VISITORS[index],
            people_met=PEOPLE_MET[n % len(PEOPLE_MET)],
            answers=answers_for(rng, index * 100 + n),
            notes="示例走访记录",
        )
        visit.save()
        made.append(visit)
    return made


def load_requests(user, visits) -> int:
    count = 0
    for plan_index, visit_index, code, category_code in REQUESTS:
        visit = visits[plan_index][visit_index]
        answers = dict(visit.answers)
        if answers.get(code) in (None, 0, "no"):  # make the answer worth a request
            answers[code] = 30 if code in ("land_need", "staff_need") else "yes"
            visit.answers = answers
            visit.save()
        category = RequestCategory.objects.filter(code=category_code, department__isnull=False).first()
        if category is None:
            continue
        item = services.RaiseItem(code, category)
        count += len(
            services.visit_raise_requests(user=user, visit=visit, items=[item], day=visit.visited_on)
        )
    return count


def reset() -> None:
    """Before the portal's requests and the registry: visits protect firms, leaders, departments."""
    VisitRequest.objects.all().delete()
    Visit.objects.all().delete()
    VisitPlan.objects.all().delete()
