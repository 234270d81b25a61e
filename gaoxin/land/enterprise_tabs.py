"""The 土地 tab of an enterprise's page (``enterprises.tabs``): the parcels it holds."""

from django.utils.translation import gettext_lazy as _

from gaoxin.enterprises.tabs import EnterpriseTab, register

from .models import Parcel
from .tables import ParcelTable


def rows(enterprise, user):
    return (
        Parcel.objects.visible_to(user)
        .filter(enterprise=enterprise)
        .select_related("park", "land_use", "enterprise", "project")
    )


register(
    EnterpriseTab(
        code="land",
        label=_("Land"),
        model=Parcel,
        rows=rows,
        empty=_("This enterprise holds no parcel in the land register."),
        order=80,
        table=ParcelTable,
    )
)
