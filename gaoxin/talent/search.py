"""What the header's search finds here: job postings and high-level talents, each through
its list's scope and search (a firm finds its own)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from gaoxin.core.search import Hit, found, list_search, provider, with_query

from .filters import JobPostingFilterSet, TalentIntroductionFilterSet
from .models import JobPosting, TalentIntroduction


@provider("jobs", gettext_lazy("Job postings"), order=70, icon="briefcase")
def find_jobs(user, query, limit):
    queryset = list_search(JobPosting.objects.select_related("enterprise"), JobPostingFilterSet, user, query)

    def hit(posting):
        subtitle = " · ".join((posting.enterprise.name, posting.location, posting.get_status_display()))
        return Hit("jobs", posting.title, subtitle, posting.get_absolute_url())

    return found(queryset, limit, hit, with_query(reverse("talent:jobposting_list"), query))


@provider("talents", gettext_lazy("High-level talents"), order=71, icon="user-star")
def find_talents(user, query, limit):
    queryset = list_search(
        TalentIntroduction.objects.select_related("enterprise"), TalentIntroductionFilterSet, user, query
    )

    def hit(talent):
        subtitle = " · ".join(
            p for p in (talent.get_tier_display(), talent.title, talent.enterprise.name) if p
        )
        return Hit("talents", talent.name, subtitle, talent.get_absolute_url())

    return found(queryset, limit, hit, with_query(reverse("talent:talentintroduction_list"), query))
