"""Registry pages: thin classes on core's generic views."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gaoxin.core import roles
from gaoxin.core.views import (
    ObjectChildrenView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    ObjectStatusView,
)

from .filters import AnnualFactsFilterSet, EnterpriseFilterSet, QualificationFilterSet
from .forms import AnnualFactsForm, ContactForm, EnterpriseForm, EnterpriseStatusForm, QualificationForm
from .models import AnnualFacts, Contact, Enterprise, Qualification
from .tables import AnnualFactsTable, EnterpriseTable, QualificationTable


@login_required
def enterprise_options(request):
    """<option>s of the reader's enterprises whose name or credit code holds the typed text
    (the enterprise picker's datalist): at most 20, by name."""
    text = (request.GET.get("q") or request.GET.get("enterprise") or "").strip()
    found = (
        Enterprise.objects.visible_to(request.user).select_related("park").only("name", "uscc", "park__name")
    )
    if text:
        found = found.filter(Q(name__icontains=text) | Q(uscc__icontains=text))
    return render(
        request, "enterprises/enterprise_options.html", {"enterprises": found.order_by("name")[:20]}
    )


def valid_qualifications_prefetch(day=None):
    day = day or timezone.localdate()
    return Prefetch(
        "qualifications",
        queryset=Qualification.objects.valid_on(day).select_related("type").order_by("type__sort_order"),
        to_attr="valid_qualifications",
    )


def enterprise_list_queryset():
    return Enterprise.objects.select_related("park", "industry", "lead_industry", "region").prefetch_related(
        "tags", valid_qualifications_prefetch()
    )


def enterprise_tabs(obj, user) -> list[dict]:
    counts = Enterprise.objects.filter(pk=obj.pk).aggregate(
        q=Count("qualifications", distinct=True), f=Count("annual_facts", distinct=True)
    )
    tabs = [
        {"code": "profile", "label": _("Profile"), "url": obj.get_absolute_url(), "count": None},
        {
            "code": "qualifications",
            "label": _("Qualifications"),
            "url": reverse("enterprises:enterprise_qualifications", args=[obj.pk]),
            "count": counts["q"],
        },
        {
            "code": "facts",
            "label": _("Annual facts"),
            "url": reverse("enterprises:enterprise_facts", args=[obj.pk]),
            "count": counts["f"],
        },
    ]
    if roles.sees_whole_zone(user):
        tabs.append(
            {
                "code": "history",
                "label": _("History"),
                "url": reverse("enterprises:enterprise_history", args=[obj.pk]),
                "count": None,
            }
        )
    return tabs


# --- enterprises ---------------------------------------------------------------------------


@login_required
def my_enterprise(request):
    """The enterprise user's own firm (the portal's entry point)."""
    enterprise_id = roles.bound_enterprise_id(request.user)
    if enterprise_id is None:
        raise Http404
    return redirect("enterprises:enterprise_detail", pk=enterprise_id)


class EnterpriseListView(ObjectListView):
    queryset = enterprise_list_queryset()
    filterset_class = EnterpriseFilterSet
    table_class = EnterpriseTable
    add_url_name = "enterprises:enterprise_add"
    import_kind = "enterprises"

    def get_queryset(self):
        # The prefetch of "valid today" is rebuilt per request (the date changes).
        return enterprise_list_queryset().visible_to(self.request.user)


class EnterpriseDetailMixin:
    queryset = Enterprise.objects.select_related("park", "industry", "lead_industry", "region")
    base_template = "enterprises/enterprise_base.html"
    tabs = staticmethod(enterprise_tabs)


class EnterpriseDetailView(EnterpriseDetailMixin, ObjectDetailView):
    template_name = "enterprises/enterprise_detail.html"

    def get_context(self, obj):
        today = timezone.localdate()
        qualifications = obj.qualifications.select_related("type").order_by("type__sort_order", "-granted_on")
        return {
            "uscc_check": obj.uscc_check(),
            "valid_qualifications": [q for q in qualifications if q.is_valid_on(today)],
            "latest_facts": obj.annual_facts.order_by("-year").first(),
            "contacts": obj.contacts.all(),
            "can_edit_contacts": self.request.user.has_perm("enterprises.change_contact"),
        }


class EnterpriseQualificationsView(EnterpriseDetailMixin, ObjectChildrenView):
    tab = "qualifications"
    child_queryset = Qualification.objects.select_related("type", "enterprise")
    child_filter = "enterprise"
    table_class = QualificationTable
    add_url_name = "enterprises:qualification_add"


class EnterpriseFactsView(EnterpriseDetailMixin, ObjectChildrenView):
    tab = "facts"
    child_queryset = AnnualFacts.objects.select_related("enterprise")
    child_filter = "enterprise"
    table_class = AnnualFactsTable
    add_url_name = "enterprises:annualfacts_add"


class EnterpriseHistoryView(EnterpriseDetailMixin, ObjectHistoryView):
    pass


class EnterpriseEditView(ObjectEditView):
    queryset = Enterprise.objects.all()
    form_class = EnterpriseForm


class EnterpriseStatusView(ObjectStatusView):
    queryset = Enterprise.objects.all()
    form_class = EnterpriseStatusForm


class EnterpriseDeleteView(ObjectDeleteView):
    queryset = Enterprise.objects.all()


# --- qualifications --------------------------------------------------------------------------


class QualificationListView(ObjectListView):
    queryset = Qualification.objects.select_related("enterprise", "type")
    filterset_class = QualificationFilterSet
    table_class = QualificationTable
    import_kind = "qualifications"


class QualificationEditView(ObjectEditView):
    queryset = Qualification.objects.select_related("enterprise", "type")
    form_class = QualificationForm
    parent_queryset = Enterprise.objects.all()
    parent_field = "enterprise"


class QualificationDeleteView(ObjectDeleteView):
    queryset = Qualification.objects.select_related("enterprise", "type")


# --- annual facts ----------------------------------------------------------------------------


class AnnualFactsListView(ObjectListView):
    queryset = AnnualFacts.objects.select_related("enterprise")
    filterset_class = AnnualFactsFilterSet
    table_class = AnnualFactsTable
    import_kind = "annual-facts"


class AnnualFactsEditView(ObjectEditView):
    queryset = AnnualFacts.objects.select_related("enterprise")
    form_class = AnnualFactsForm
    parent_queryset = Enterprise.objects.all()
    parent_field = "enterprise"


class AnnualFactsDeleteView(ObjectDeleteView):
    queryset = AnnualFacts.objects.select_related("enterprise")


# --- contacts --------------------------------------------------------------------------------


class ContactEditView(ObjectEditView):
    queryset = Contact.objects.select_related("enterprise")
    form_class = ContactForm
    parent_queryset = Enterprise.objects.all()
    parent_field = "enterprise"


class ContactDeleteView(ObjectDeleteView):
    queryset = Contact.objects.select_related("enterprise")
