"""The catalogue's pages: thin classes on core's generic views; the list says the count the
zone reports beside the rows it holds."""

from django.utils.translation import gettext as _

from gaoxin.core.views import ObjectDetailView, ObjectEditView, ObjectListView

from .filters import ServiceItemFilterSet
from .forms import ServiceItemForm
from .models import ReportedCount, ServiceItem
from .tables import ServiceItemTable


def reported_words() -> str:
    """“上报口径：2024年政务服务事项674项（来源…）”, or nothing when none is recorded."""
    reported = ReportedCount.objects.first()
    if reported is None:
        return ""
    return _(
        "Reported: %(count)s service items in %(year)s (%(source)s; a reported figure, not this list's rows)."
    ) % {
        "count": reported.count,
        "year": reported.year,
        "source": reported.source,
    }


class ServiceItemListView(ObjectListView):
    queryset = ServiceItem.objects.all()
    filterset_class = ServiceItemFilterSet
    table_class = ServiceItemTable
    add_url_name = "govservices:serviceitem_add"
    import_kind = "service-items"

    def summary(self, queryset) -> str:
        examples = queryset.filter(is_example=True).count()
        held = _("%(examples)s of them examples (示例).") % {"examples": examples} if examples else ""
        return " ".join(part for part in (reported_words(), held) if part)


class ServiceItemDetailView(ObjectDetailView):
    queryset = ServiceItem.objects.all()
    template_name = "govservices/serviceitem_detail.html"


class ServiceItemEditView(ObjectEditView):
    queryset = ServiceItem.objects.all()
    form_class = ServiceItemForm
