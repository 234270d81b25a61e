"""Zone configuration pages: parks (一区多园)."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gaoxin.core import roles
from gaoxin.core.views import ObjectDetailView, ObjectEditView, ObjectHistoryView, ObjectListView

from .filters import ParkFilterSet
from .forms import ParkForm
from .models import Park
from .tables import ParkTable


def park_queryset():
    return Park.objects.annotate(
        enterprise_count=Count("enterprises"),
        active_count=Count("enterprises", filter=Q(enterprises__status="active")),
    )


def park_tabs(obj, user):
    tabs = [{"code": "profile", "label": _("Profile"), "url": obj.get_absolute_url(), "count": None}]
    if roles.sees_whole_zone(user):
        tabs.append(
            {
                "code": "history",
                "label": _("History"),
                "url": reverse("zone:park_history", args=[obj.pk]),
                "count": None,
            }
        )
    return tabs


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
