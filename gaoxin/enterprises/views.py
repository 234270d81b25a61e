"""Registry pages: thin classes on core's generic views."""

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from gaoxin.core import roles
from gaoxin.core.models import ObjectChange
from gaoxin.core.views import (
    ObjectChildrenView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    ObjectStatusView,
)

from . import tabs
from .filters import (
    AnnualFactsFilterSet,
    EnterpriseFilterSet,
    EquityFinancingFilterSet,
    IPAssetFilterSet,
    QualificationFilterSet,
)
from .forms import (
    AnnualFactsForm,
    ContactForm,
    EnterpriseForm,
    EnterpriseStatusForm,
    EquityFinancingForm,
    IPAssetForm,
    QualificationForm,
)
from .models import AnnualFacts, Contact, Enterprise, EquityFinancing, IPAsset, Qualification
from .tables import (
    AnnualFactsTable,
    EnterpriseTable,
    EquityFinancingTable,
    IPAssetTable,
    QualificationTable,
)

OWN_MODELS = (Enterprise, Qualification, Contact, AnnualFacts, IPAsset, EquityFinancing)


@login_required
@require_safe
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


def tab(code, label, url, count=None) -> dict:
    return {"code": code, "label": label, "url": url, "count": count}


def enterprise_tabs(obj, user) -> list[dict]:
    """Profile, the firm's own records, the tabs the apps above register (``tabs.py``), each
    with its count as the user sees it, and the history for zone staff."""
    counts = Enterprise.objects.filter(pk=obj.pk).aggregate(
        q=Count("qualifications", distinct=True),
        f=Count("annual_facts", distinct=True),
        ip=Count("ip_assets", distinct=True),
        eq=Count("equity_financings", distinct=True),
    )
    items = [
        tab("profile", _("Profile"), obj.get_absolute_url()),
        tab(
            "qualifications",
            _("Qualifications"),
            reverse("enterprises:enterprise_qualifications", args=[obj.pk]),
            counts["q"],
        ),
        tab("facts", _("Annual facts"), reverse("enterprises:enterprise_facts", args=[obj.pk]), counts["f"]),
    ]
    if user.has_perm("enterprises.view_ipasset"):
        items.append(
            tab("ip", _("IP assets"), reverse("enterprises:enterprise_ip", args=[obj.pk]), counts["ip"])
        )
    if user.has_perm("enterprises.view_equityfinancing"):
        url = reverse("enterprises:enterprise_equity", args=[obj.pk])
        items.append(tab("equity", _("Equity financing"), url, counts["eq"]))
    for registered in tabs.registered(user):
        url = reverse("enterprises:enterprise_tab", args=[obj.pk, registered.code])
        items.append(tab(registered.code, registered.label, url, registered.rows(obj, user).count()))
    if roles.sees_whole_zone(user):
        items.append(tab("history", _("History"), reverse("enterprises:enterprise_history", args=[obj.pk])))
    return items


# --- enterprises ---------------------------------------------------------------------------


@login_required
@require_safe
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


class EnterpriseIPView(EnterpriseDetailMixin, ObjectChildrenView):
    tab = "ip"
    child_queryset = IPAsset.objects.select_related("enterprise")
    child_filter = "enterprise"
    table_class = IPAssetTable
    add_url_name = "enterprises:ipasset_add"


class EnterpriseEquityView(EnterpriseDetailMixin, ObjectChildrenView):
    tab = "equity"
    child_queryset = EquityFinancing.objects.select_related("enterprise")
    child_filter = "enterprise"
    table_class = EquityFinancingTable
    add_url_name = "enterprises:equityfinancing_add"


class EnterpriseTabView(EnterpriseDetailMixin, ObjectChildrenView):
    """A tab an app registered (``enterprises.tabs``): its rows as a table or its own template."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.get_object()  # another firm's page is a 404 before the tab is judged
            try:
                self.registered = tabs.tab_for(kwargs["code"], request.user)
            except KeyError:
                raise Http404 from None
            self.tab = self.registered.code
            self.template_name = self.registered.template or self.template_name
        return super().dispatch(request, *args, **kwargs)

    def get_context(self, obj) -> dict:
        registered = self.registered
        rows = registered.rows(obj, self.request.user)
        if registered.template:
            return {"rows": rows, "empty_text": registered.empty, **registered.context(obj, rows)}
        self.table_class, self.empty_text = registered.table, registered.empty
        return {
            "table": self.child_table(rows, exclude=registered.exclude),
            "child_model_plural": registered.label,
        }


class EnterpriseHistoryView(EnterpriseDetailMixin, ObjectHistoryView):
    """The firm's own changes (the enterprise, its qualifications, contacts, annual facts)
    and its filings, one row each; the bureau's statistics tables, which name the firm
    in one audit row per table row, stay in the audit log and the value's page (ADR 0008)."""

    def get_context(self, obj) -> dict:
        own = ContentType.objects.get_for_models(*OWN_MODELS).values()
        changes = (
            ObjectChange.objects.for_object(obj)
            .filter(Q(content_type__in=own) | ~Q(source=ObjectChange.Source.IMPORT))
            .select_related("content_type", "user")[:500]
        )
        return {"changes": changes}


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


# --- IP assets and equity financings ----------------------------------------------------------


class IPAssetListView(ObjectListView):
    queryset = IPAsset.objects.select_related("enterprise")
    filterset_class = IPAssetFilterSet
    table_class = IPAssetTable
    import_kind = "ip-assets"


class IPAssetEditView(ObjectEditView):
    queryset = IPAsset.objects.select_related("enterprise")
    form_class = IPAssetForm
    parent_queryset = Enterprise.objects.all()
    parent_field = "enterprise"


class IPAssetDeleteView(ObjectDeleteView):
    queryset = IPAsset.objects.select_related("enterprise")


class EquityFinancingListView(ObjectListView):
    queryset = EquityFinancing.objects.select_related("enterprise")
    filterset_class = EquityFinancingFilterSet
    table_class = EquityFinancingTable
    import_kind = "equity-financings"


class EquityFinancingEditView(ObjectEditView):
    queryset = EquityFinancing.objects.select_related("enterprise")
    form_class = EquityFinancingForm
    parent_queryset = Enterprise.objects.all()
    parent_field = "enterprise"


class EquityFinancingDeleteView(ObjectDeleteView):
    queryset = EquityFinancing.objects.select_related("enterprise")
