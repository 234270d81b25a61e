"""What an enterprise's IP register and equity financings count for the rules.

``ip_summary`` counts, per firm, the owned items valid on a day: granted on or before it
and not lapsed by it (an item whose ``lapsed_on`` is that day or earlier no longer counts).
Owned means held by own R&D, transfer, gift or merger (高企 办法 第十一条); a licence is not
ownership and counts nowhere. ``class1_own`` are the Class I items developed in-house
(自主研发), ``class1_high_value`` the owned Class I items marked high-value. ``class1_applied_own`` are the owned Class I items applied in a
product (``products`` filled) — the 小巨人 wording "actually applied and earning revenue"
(domain-rules §3.3). Both services answer in one query for any number of firms.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum

from .models import EquityFinancing, IPAsset

OWNED = (
    IPAsset.Acquisition.OWN,
    IPAsset.Acquisition.TRANSFER,
    IPAsset.Acquisition.GIFT,
    IPAsset.Acquisition.MERGER,
)


@dataclass(frozen=True)
class IPSummary:
    class1: int = 0
    class2: int = 0
    class1_own: int = 0  # developed in-house (自主研发)
    class1_high_value: int = 0
    class1_applied_own: int = 0  # own R&D and supporting a named product

    @property
    def any_class(self) -> bool:
        return bool(self.class1 or self.class2)


def valid_on(day: datetime.date) -> Q:
    return Q(granted_on__isnull=False, granted_on__lte=day) & (
        Q(lapsed_on__isnull=True) | Q(lapsed_on__gt=day)
    )


def ip_summary(enterprise_ids, as_of: datetime.date) -> dict[int, IPSummary]:
    """Every listed firm's IPSummary on ``as_of`` (firms with no item get zeros); one query."""
    ids = list(enterprise_ids)
    result = dict.fromkeys(ids, IPSummary())
    if not ids:
        return result
    class1 = Q(ip_class=1)
    own = Q(acquisition=IPAsset.Acquisition.OWN)
    rows = (
        IPAsset.objects.filter(
            valid_on(as_of), ip_class__isnull=False, acquisition__in=OWNED, enterprise_id__in=ids
        )
        .values("enterprise_id")
        .annotate(
            class1=Count("pk", filter=class1),
            class2=Count("pk", filter=Q(ip_class=2)),
            class1_own=Count("pk", filter=class1 & own),
            class1_high_value=Count("pk", filter=class1 & Q(high_value=True)),
            class1_applied_own=Count("pk", filter=class1 & own & ~Q(products="")),
        )
        .order_by()
    )
    for row in rows:
        firm = row.pop("enterprise_id")
        result[firm] = IPSummary(**row)
    return result


def equity_raised(enterprise_ids, start: datetime.date, end: datetime.date) -> dict[int, Decimal]:
    """Equity received from qualified institutional investors from ``start`` to ``end``
    (both days included), 万元 per firm; firms with none get 0. One query."""
    ids = list(enterprise_ids)
    result = dict.fromkeys(ids, Decimal(0))
    if not ids:
        return result
    rows = (
        EquityFinancing.objects.filter(
            enterprise_id__in=ids, qualified_investor=True, received_on__gte=start, received_on__lte=end
        )
        .values("enterprise_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    for row in rows:
        result[row["enterprise_id"]] = row["total"]
    return result
