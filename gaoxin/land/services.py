"""Land services: the public link of a parcel, publishing a scheme, the score sheet's page,
the reserve."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from gaoxin.core.context import change_message

from .evaluation import scheme_problems
from .models import MuScheme, Parcel

PAGE_SIZE = 50


def public_url(request, parcel: Parcel) -> str:
    """The absolute address the QR code encodes (``GAOXIN_PUBLIC_BASE_URL`` when the zone
    publishes under another name than the one staff use)."""
    from django.conf import settings

    path = reverse("land:public_parcel", args=[parcel.public_token])
    base = getattr(settings, "PUBLIC_BASE_URL", "") or request.build_absolute_uri("/")
    return base.rstrip("/") + path


def scheme_publish(*, scheme: MuScheme, user, publish: bool = True) -> MuScheme:
    """发布 (or back to 草稿): refused while the weights do not sum to 100 or the cut-offs
    are out of order. A published scheme's grades are what the cockpit, the map and the
    policy rules read."""
    if publish:
        problems = scheme_problems(scheme)
        if problems:
            raise ValidationError(problems)
    with change_message(_("Published") if publish else _("Back to draft")):
        scheme.state = MuScheme.State.PUBLISHED if publish else MuScheme.State.DRAFT
        scheme.save(update_fields=["state", "updated_at"])
    return scheme


def sheets_page(request, result) -> dict:
    """The score sheet filtered by ``grade`` (A–D, ``exempt``, ``excluded``), ``group`` and
    ``park``, and paginated."""
    grade, group, park = (request.GET.get(k, "") for k in ("grade", "group", "park"))
    rows = result.sheets
    if grade in ("A", "B", "C", "D"):
        rows = [s for s in rows if s.grade == grade]
    elif grade == "exempt":
        rows = [s for s in rows if s.exempt and s.total is not None]
    elif grade == "excluded":
        rows = [s for s in rows if s.excluded]
    if group:
        rows = [s for s in rows if s.group == group]
    if park:
        rows = [s for s in rows if s.park == park]
    rows = sorted(rows, key=lambda s: (s.group, s.rank is None, s.rank or 0, -(s.total or 0), s.name))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    parks = sorted({s.park for s in result.sheets if s.park})
    return {"page": page, "grade": grade, "group": group, "park": park, "parks": parks}


def reserve_mu(park=None) -> tuple[Decimal, int]:
    """储备 + 可供 industrial land: (亩, parcels), as the register holds it now."""
    parcels = Parcel.objects.live().filter(status__in=Parcel.RESERVE_STATUSES, land_use__industrial=True)
    if park is not None:
        parcels = parcels.filter(park=park)
    row = parcels.aggregate(s=Sum("area_mu"), n=Count("pk"))
    return row["s"] or Decimal("0.00"), row["n"]
