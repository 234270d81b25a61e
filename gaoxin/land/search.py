"""What the global search finds in land: land requests (the list's own search; staff only)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from gaoxin.core.search import Hit, found, list_search, provider, with_query

from .filters import LandRequestFilterSet
from .models import LandRequest


@provider("land_requests", gettext_lazy("Land requests"), order=46, icon="clipboard-list")
def find_land_requests(user, query, limit):
    queryset = list_search(
        LandRequest.objects.select_related("enterprise"), LandRequestFilterSet, user, query
    )

    def hit(request):
        parts = (request.enterprise.name if request.enterprise else "", request.get_status_display())
        return Hit(
            "land_requests", request.name, " · ".join(p for p in parts if p), request.get_absolute_url()
        )

    return found(queryset, limit, hit, with_query(reverse("land:landrequest_list"), query))
