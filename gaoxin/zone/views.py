"""Zone configuration pages: parks (一区多园) and the working-day calendar's exceptions."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gaoxin.core import roles
from gaoxin.core.views import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
)

from .filters import CalendarOverrideFilterSet, ParkFilterSet
from .forms import CalendarOverrideForm, ParkForm
from .models import CalendarOverride, Park
from .tables import CalendarOverrideTable, ParkTable
from .workdays import KNOWN_YEARS


def park_queryset():
    return Park.objects.annotate(
        enterprise_count=Count("enterprises"),
        active_count=Count("enterprises", filter=Q(enterprises__status="active")),
    )


def profile_and_history(history_url_name):
    """The tabs of a configuration record: its profile and, for the whole zone's staff, its history."""

    def tabs(obj, user):
        tabs = [{"code": "profile", "label": _("Profile"), "url": obj.get_absolute_url(), "count": None}]
        if roles.sees_whole_zone(user):
            url = reverse(history_url_name, args=[obj.pk])
            tabs.append({"code": "history", "label": _("History"), "url": url, "count": None})
        return tabs

    return tabs


park_tabs = profile_and_history("zone:park_history")
calendar_tabs = profile_and_history("zone:calendaroverride_history")


class ParkListView(ObjectListView):
    queryset = park_queryset()
    filterset_class = ParkFilterSet
    table_class = ParkTable
    add_url_name = "zone:park_add"


class ParkDetailView(ObjectDetailView):
    queryset = park_queryset()
    template_name = "zone/park_detail.html"
    tabs = staticmethod(park_tabs)

    def get_context(self, obj):
        return {"enterprise_url": reverse("enterprises:enterprise_list") + f"?park={obj.pk}"}


class ParkHistoryView(ObjectHistoryView):
    queryset = Park.objects.all()
    tabs = staticmethod(park_tabs)


class ParkEditView(ObjectEditView):
    queryset = Park.objects.all()
    form_class = ParkForm


class CalendarOverrideListView(ObjectListView):
    queryset = CalendarOverride.objects.all()
    filterset_class = CalendarOverrideFilterSet
    table_class = CalendarOverrideTable
    add_url_name = "zone:calendaroverride_add"


class CalendarOverrideDetailView(ObjectDetailView):
    queryset = CalendarOverride.objects.all()
    template_name = "zone/calendaroverride_detail.html"
    tabs = staticmethod(calendar_tabs)

    def get_context(self, obj):
        return {"known_years": KNOWN_YEARS}


class CalendarOverrideHistoryView(ObjectHistoryView):
    queryset = CalendarOverride.objects.all()
    tabs = staticmethod(calendar_tabs)


class CalendarOverrideEditView(ObjectEditView):
    queryset = CalendarOverride.objects.all()
    form_class = CalendarOverrideForm


class CalendarOverrideDeleteView(ObjectDeleteView):
    queryset = CalendarOverride.objects.all()
