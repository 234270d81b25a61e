"""What the global search finds in the outside registry: companies by name or credit code,
with the registry page's own search (an 18-character query is one index lookup). The
registry may hold millions of rows: the hits come from a LIMITed query and the count stops
at ``REGISTRY_COUNT_CAP`` (benchmarks/search.py measures both)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from gaoxin.core.search import Hit, found, list_search, provider, with_query

from .filters import RegistryCompanyFilterSet
from .models import RegistryCompany

REGISTRY_COUNT_CAP = 100


@provider("companies", gettext_lazy("Registry companies"), order=40, icon="building-store")
def find_companies(user, query, limit):
    companies = RegistryCompany.objects.only("id", "name", "uscc", "region_code")
    queryset = list_search(companies, RegistryCompanyFilterSet, user, query)

    def hit(company):
        return Hit("companies", company.name, company.uscc, company.get_absolute_url())

    more = with_query(reverse("chains:company_list"), query)
    return found(queryset, limit, hit, more, cap=REGISTRY_COUNT_CAP)
