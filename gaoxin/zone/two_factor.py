"""The zone's name for the authenticator app ("Gaoxin <zone>", core.two_factor.issuer)."""

from gaoxin.core.two_factor import zone_name_source

from .models import Zone


@zone_name_source
def zone_name() -> str | None:
    return Zone.objects.order_by("pk").values_list("name", flat=True).first()
