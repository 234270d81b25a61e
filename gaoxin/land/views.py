"""Pages of the land module: parcels (list, map, detail with the QR code, edit), the land
firms use, and the 亩均 evaluations (scheme, score sheet, one firm's sheet). Thin classes on
core's generic views; the evaluation itself is ``evaluation.py``."""

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from gaoxin.core import roles
from gaoxin.core.permissions import require_perm
from gaoxin.core.views import ObjectDetailView, ObjectEditView, ObjectHistoryView, ObjectListView
from gaoxin.zone.models import Park

from . import evaluation, mapsvg
from .filters import FirmLandFilterSet, MuSchemeFilterSet, ParcelFilterSet
from .forms import FirmLandForm, GradeMeasureForm, MuExemptionForm, MuIndicatorForm, MuSchemeForm, ParcelForm
from .models import FirmLand, GradeMeasure, MuExemption, MuIndicator, MuScheme, Parcel
from .services import public_url, scheme_publish, sheets_page
from .tables import FirmLandTable, MuSchemeTable, ParcelTable

PARCELS = Parcel.objects.select_related("park", "land_use", "enterprise", "project")


def parcel_tabs(obj, user) -> list[dict]:
    tabs = [("profile", gettext_lazy("Profile"), "land:parcel_detail")]
    if roles.sees_whole_zone(user):
        tabs.append(("history", gettext_lazy("History"), "land:parcel_history"))
    return [
        {"code": c, "label": label, "url": reverse(n, args=[obj.pk]), "count": None} for c, label, n in tabs
    ]


class ParcelListView(ObjectListView):
    queryset = PARCELS
    filterset_class = ParcelFilterSet
    table_class = ParcelTable
    add_url_name = "land:parcel_add"
    import_kind = "parcels"


class ParcelDetailView(ObjectDetailView):
    queryset = PARCELS
    template_name = "land/parcel_detail.html"
    tabs = staticmethod(parcel_tabs)

    def get_context(self, obj):
        from .views_allocation import parcel_allocations

        context = {
            "drawing": mapsvg.draw([obj], lambda p: mapsvg.STATUS_COLOURS[p.status]),
            "allocations": parcel_allocations(obj, self.request.user),
            "sees_allocations": roles.sees_whole_zone(self.request.user),
        }
        if obj.is_public and roles.sees_whole_zone(self.request.user):
            url = public_url(self.request, obj)
            context |= {
                "public_url": url,
                "qr": segno.make(url, error="m").svg_data_uri(scale=4, border=2, dark="#182433"),
            }
        return context


class ParcelHistoryView(ObjectHistoryView):
    queryset = PARCELS
    base_template = "core/object_detail_base.html"
    tabs = staticmethod(parcel_tabs)


class ParcelEditView(ObjectEditView):
    queryset = PARCELS
    form_class = ParcelForm


class ParcelMapView(LoginRequiredMixin, View):
    """A park's parcels as vector shapes (no online tiles), coloured by status or 亩均 grade."""

    def get(self, request, *args, **kwargs):
        require_perm(request.user, Parcel, "view")
        parks = list(Park.objects.all())
        park_id = request.GET.get("park") or (parks[0].pk if parks else None)
        colour = "grade" if request.GET.get("colour") == "grade" else "status"
        parcels = list(PARCELS.visible_to(request.user).live().filter(park_id=park_id).exclude(boundary=None))
        grades, scheme = {}, MuScheme.objects.filter(state=MuScheme.State.PUBLISHED).first()
        if colour == "grade" and scheme is not None:
            grades = {s.enterprise_id: s.grade for s in evaluation.evaluate_cached(scheme).sheets}
        if colour == "grade":
            legend = [(mapsvg.GRADE_COLOURS[g], mapsvg.GRADE_LABELS[g]) for g in ("A", "B", "C", "D", "")]
            colour_of = lambda p: mapsvg.GRADE_COLOURS[grades.get(p.enterprise_id, "")]  # noqa: E731
        else:
            legend = [
                (mapsvg.STATUS_COLOURS[s], label)
                for s, label in Parcel.Status.choices
                if s != Parcel.Status.RETIRED
            ]
            colour_of = lambda p: mapsvg.STATUS_COLOURS[p.status]  # noqa: E731
        drawing = mapsvg.draw(parcels, colour_of)
        context = {
            "title": gettext_lazy("Park map"),
            "parks": parks,
            "park_id": int(park_id) if park_id else None,
            "colour": colour,
            "scheme": scheme,
            "legend": legend,
            "drawing": drawing,
            "tiles": mapsvg.tiles(drawing, settings.LAND_TILE_URL),
            "count": len(parcels),
        }
        return render(request, "land/map.html", context)


def public_parcel(request, token):
    """The page the QR code opens (扫码出图): no sign-in, only a public parcel's planning
    conditions and drawing; a private or unknown token is a 404 like any other."""
    parcel = (
        Parcel.objects.select_related("park", "land_use").filter(public_token=token, is_public=True).first()
    )
    if parcel is None or parcel.status == Parcel.Status.RETIRED:
        raise Http404
    drawing = mapsvg.draw([parcel], lambda p: mapsvg.STATUS_COLOURS[p.status])
    return render(request, "land/public_parcel.html", {"parcel": parcel, "drawing": drawing})


class FirmLandListView(ObjectListView):
    queryset = FirmLand.objects.select_related("enterprise")
    filterset_class = FirmLandFilterSet
    table_class = FirmLandTable
    add_url_name = "land:firmland_add"
    import_kind = "firm-land"


class FirmLandEditView(ObjectEditView):
    queryset = FirmLand.objects.select_related("enterprise")
    form_class = FirmLandForm


class MuSchemeListView(ObjectListView):
    queryset = MuScheme.objects.all()
    filterset_class = MuSchemeFilterSet
    table_class = MuSchemeTable
    add_url_name = "land:scheme_add"


SCHEMES = MuScheme.objects.prefetch_related("indicators", "exemptions__enterprise", "measures")


class MuSchemeDetailView(ObjectDetailView):
    """The scheme and its score sheet: counts per grade, every firm's total, rank and grade,
    filtered by grade, group and park, paginated."""

    queryset = SCHEMES
    template_name = "land/scheme_detail.html"

    def check_access(self, obj) -> None:
        if not roles.sees_whole_zone(self.request.user):
            raise PermissionDenied(
                _("Only zone staff read the whole score sheet; a firm opens its own sheet.")
            )

    def get_context(self, obj):
        result = evaluation.evaluate_cached(obj)
        return {"result": result, "counts": result.counts(), **sheets_page(self.request, result)}


class MuSchemeEditView(ObjectEditView):
    queryset = MuScheme.objects.all()
    form_class = MuSchemeForm


class MuSchemePublishView(ObjectDetailView):
    """POST: 发布 (or back to 草稿); refused with the reasons while the scheme has problems."""

    queryset = SCHEMES
    http_method_names = ["post"]

    def post(self, request, pk):
        scheme = self.get_object()
        require_perm(request.user, MuScheme, "change")
        try:
            scheme_publish(scheme=scheme, user=request.user, publish=request.POST.get("publish") != "0")
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect(scheme.get_absolute_url())


class MuFirmSheetView(ObjectDetailView):
    """One firm's score sheet: each indicator's value, benchmark, weight and item score."""

    queryset = SCHEMES
    template_name = "land/firm_sheet.html"

    def get_context(self, obj):
        from gaoxin.enterprises.models import Enterprise

        firm = get_object_or_404(
            Enterprise.objects.visible_to(self.request.user), pk=self.kwargs["enterprise_pk"]
        )
        sheet = evaluation.evaluate_cached(obj).by_enterprise().get(firm.pk)
        lines = [
            {
                "indicator": i,
                "value": sheet.values.get(i.code),
                "item": sheet.items.get(i.code),
                "averaged": i.code in sheet.averaged,
            }
            for i in obj.indicators.all()
            if sheet is not None and i.group == sheet.group
        ]
        measures = [m for m in obj.measures.all() if sheet is not None and m.grade == sheet.grade]
        return {
            "firm": firm,
            "sheet": sheet,
            "lines": lines,
            "measures": measures,
            "title": f"{obj.name} · {firm.name}",
        }


class SchemeChildEditView(ObjectEditView):
    parent_queryset = MuScheme.objects.all()
    parent_field = "scheme"


class MuIndicatorEditView(SchemeChildEditView):
    queryset = MuIndicator.objects.all()
    form_class = MuIndicatorForm


class MuExemptionEditView(SchemeChildEditView):
    queryset = MuExemption.objects.select_related("enterprise")
    form_class = MuExemptionForm


class GradeMeasureEditView(SchemeChildEditView):
    queryset = GradeMeasure.objects.all()
    form_class = GradeMeasureForm
