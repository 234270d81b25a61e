"""What the header's search finds here: visits, by firm, visitors or notes (zone staff only:
the list's scope)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from gaoxin.core.search import Hit, found, list_search, provider, with_query

from .filters import VisitFilterSet
from .models import Visit


@provider("visits", gettext_lazy("Visits"), order=75, icon="walk")
def find_visits(user, query, limit):
    queryset = list_search(
        Visit.objects.select_related("enterprise", "department", "leader"), VisitFilterSet, user, query
    )

    def hit(visit):
        subtitle = " · ".join(p for p in (f"{visit.visited_on:%Y-%m-%d}", visit.visitor, *visit.flags) if p)
        return Hit("visits", visit.enterprise.name, subtitle, visit.get_absolute_url())

    return found(queryset, limit, hit, with_query(reverse("visits:visit_list"), query))
