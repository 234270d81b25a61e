"""What the header's search finds here: requests, through the list's scope and search (a firm
finds its own)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from gaoxin.core.search import Hit, found, list_search, provider, with_query

from .filters import FirmRequestFilterSet
from .models import FirmRequest


@provider("requests", gettext_lazy("Requests"), order=75, icon="message")
def find_requests(user, query, limit):
    queryset = list_search(
        FirmRequest.objects.select_related("enterprise", "category"), FirmRequestFilterSet, user, query
    )

    def hit(req):
        subtitle = " · ".join((req.enterprise.name, req.category.name, req.get_status_display()))
        return Hit("requests", req.title, subtitle, req.get_absolute_url())

    return found(queryset, limit, hit, with_query(reverse("portal:request_list"), query))
