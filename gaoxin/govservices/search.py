"""The header's search finds catalogue items by name, code, department, basis or material."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from gaoxin.core.search import Hit, found, list_search, provider, with_query

from .filters import ServiceItemFilterSet
from .models import ServiceItem


@provider("service_items", gettext_lazy("Service items"), order=75, icon="list-details")
def find_service_items(user, query, limit):
    queryset = list_search(ServiceItem.objects.all(), ServiceItemFilterSet, user, query)

    def hit(item):
        return Hit("service_items", item.name, f"{item.department} · {item.code}", item.get_absolute_url())

    return found(queryset, limit, hit, with_query(reverse("govservices:serviceitem_list"), query))
