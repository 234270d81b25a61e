"""Metrics of jobs and talent for goals and the cockpit: counts in a year up to the as-of
day (科研助理 posts started, high-level talents introduced and their firms, drives held and
people hired through them)."""

import datetime
from decimal import Decimal

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoxin.core.metrics import MetricValue, metric

from .models import RecruitmentDrive, ResearchAssistantPost, TalentIntroduction


def day_of(year: int, as_of: datetime.date | None) -> datetime.date:
    end = datetime.date(year, 12, 31)
    return min(end, as_of) if as_of else end


def assistants_started(year: int, day: datetime.date):
    return ResearchAssistantPost.objects.filter(started_on__year=year, started_on__lte=day)


def talents_introduced(year: int, day: datetime.date):
    return TalentIntroduction.objects.filter(introduced_on__year=year, introduced_on__lte=day)


def drives_held(year: int, day: datetime.date):
    return RecruitmentDrive.objects.filter(starts_on__year=year, starts_on__lte=day)


@metric("talent_research_assistants", gettext_lazy("Research assistant posts started in the year"))
def research_assistants(params: dict, year: int, as_of: datetime.date | None) -> MetricValue:
    day = day_of(year, as_of)
    count = assistants_started(year, day).count()
    explanation = _("%(count)d research assistant posts started in %(year)s by %(day)s.") % {
        "count": count,
        "year": year,
        "day": day.isoformat(),
    }
    link = f"{reverse('talent:researchassistantpost_list')}?year={year}"
    return MetricValue(Decimal(count), _("posts"), day.isoformat(), link, explanation)


@metric("talent_introduced", gettext_lazy("High-level talents introduced in the year"))
def introduced(params: dict, year: int, as_of: datetime.date | None) -> MetricValue:
    day = day_of(year, as_of)
    totals = talents_introduced(year, day).aggregate(
        n=Count("pk"), firms=Count("enterprise_id", distinct=True)
    )
    explanation = _("%(count)d high-level talents for %(firms)d firms in %(year)s by %(day)s.") % {
        "count": totals["n"],
        "firms": totals["firms"],
        "year": year,
        "day": day.isoformat(),
    }
    link = f"{reverse('talent:talentintroduction_list')}?year={year}"
    return MetricValue(Decimal(totals["n"]), _("people"), day.isoformat(), link, explanation)


@metric("talent_drive_hired", gettext_lazy("People hired through the year's recruitment drives"))
def drive_hired(params: dict, year: int, as_of: datetime.date | None) -> MetricValue:
    day = day_of(year, as_of)
    totals = drives_held(year, day).aggregate(
        n=Count("pk"), hired=Sum("people_hired"), posts=Sum("posts_offered")
    )
    hired = totals["hired"] or 0
    explanation = _("%(drives)d drives in %(year)s by %(day)s: %(posts)s posts offered, %(hired)s hired.") % {
        "drives": totals["n"],
        "year": year,
        "day": day.isoformat(),
        "posts": totals["posts"] or 0,
        "hired": hired,
    }
    link = f"{reverse('talent:recruitmentdrive_list')}?year={year}"
    return MetricValue(Decimal(hired), _("people"), day.isoformat(), link, explanation)
