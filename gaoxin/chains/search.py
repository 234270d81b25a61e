"""What the global search finds in the outside registry: companies by name or credit code,
with the registry page's own search (an 18-character query is one index lookup; a query no
code can hold searches the names only). The registry may hold millions of rows: the hits'
ids come from the name index alone (SQLite reads no table row for a name that does not
match), the rows are read by id afterwards, and the count stops at ``REGISTRY_COUNT_CAP``
(benchmarks/search.py measures it at 1,000,000 companies)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from gaoxin.core.search import Found, Hit, count_capped, list_search, provider, with_query

from .filters import RegistryCompanyFilterSet
from .models import RegistryCompany

REGISTRY_COUNT_CAP = 100


@provider("companies", gettext_lazy("Registry companies"), order=40, icon="building-store")
def find_companies(user, query, limit):
    queryset = list_search(RegistryCompany.objects.all(), RegistryCompanyFilterSet, user, query)
    ids = list(queryset.values_list("pk", flat=True)[:limit])
    companies = RegistryCompany.objects.filter(pk__in=ids).only("id", "name", "uscc") if ids else []
    hits = [Hit("companies", c.name, c.uscc, c.get_absolute_url()) for c in companies]
    total, capped = count_capped(queryset, REGISTRY_COUNT_CAP) if len(ids) == limit else (len(ids), False)
    more = with_query(reverse("chains:company_list"), query) if total > len(hits) else ""
    return Found(hits, total, more, capped)
