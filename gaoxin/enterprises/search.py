"""What the global search finds in the registry: enterprises (name, former name, credit
code, legal representative — the list's own search) and the people to call at them."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoxin.core.permissions import perm_name
from gaoxin.core.search import Hit, found, list_search, provider, with_query

from .filters import EnterpriseFilterSet
from .models import Contact, Enterprise
from .services import former_names


@provider("enterprises", gettext_lazy("Enterprises"), order=10, icon="building-factory-2")
def find_enterprises(user, query, limit):
    queryset = list_search(Enterprise.objects.select_related("park"), EnterpriseFilterSet, user, query)
    former: list[dict[int, str]] = []  # read once, only when a hit was found by a former name

    def hit(firm):
        parts = [firm.uscc, firm.park.name if firm.park else ""]
        if query.lower() not in f"{firm.name} {firm.uscc} {firm.legal_representative}".lower():
            if not former:
                former.append(former_names(query))
            if firm.pk in former[0]:
                parts.append(_("former name %(name)s") % {"name": former[0][firm.pk]})
        return Hit("enterprises", firm.name, " · ".join(p for p in parts if p), firm.get_absolute_url())

    return found(queryset, limit, hit, with_query(reverse("enterprises:enterprise_list"), query))


@provider("people", gettext_lazy("People"), order=50, icon="users")
def find_contacts(user, query, limit):
    """Enterprise contacts by name or phone, in the reader's scope (a firm sees its own)."""
    if not user.has_perm(perm_name(Contact, "view")):
        return found(Contact.objects.none(), limit, None)
    queryset = (
        Contact.objects.visible_to(user)
        .filter(Q(name__icontains=query) | Q(phone__icontains=query))
        .select_related("enterprise")
        .order_by("name", "pk")
    )

    def hit(contact):
        subtitle = " · ".join(p for p in (contact.enterprise.name, contact.title, contact.phone) if p)
        return Hit("people", contact.name, subtitle, contact.get_absolute_url())

    return found(queryset, limit, hit)
