"""Read-side questions about the registry, each answered in one query or a few."""

import datetime

from django.db.models import Count, Exists, Max, OuterRef, Q, Sum

from .models import AnnualFacts, Enterprise, Qualification, QualificationType


def count_valid(type_code: str, on: datetime.date, queryset=None) -> int:
    """How many enterprises hold a valid ``type_code`` qualification on ``on`` (one query).

    e.g. ``count_valid("high_tech", date(2024, 12, 31))`` → 260 in the demo zone."""
    base = Enterprise.objects.all() if queryset is None else queryset
    return base.with_qualification(type_code, on=on).count()


def qualification_counts(on: datetime.date, queryset=None) -> list[dict]:
    """Every active qualification type with the number of enterprises holding it on ``on``:
    one grouped query over the valid qualifications (not one EXISTS per firm and type)."""
    base = Enterprise.objects.all() if queryset is None else queryset
    kinds = list(QualificationType.objects.filter(is_active=True))
    counts = dict(
        Qualification.objects.valid_on(on)
        .filter(enterprise__in=base.values("pk"), type__in=kinds)
        .values_list("type")
        .annotate(firms=Count("enterprise", distinct=True))
        .values_list("type", "firms")
    )
    return [{"type": kind, "count": counts.get(kind.pk, 0)} for kind in kinds]


def latest_facts_year() -> int | None:
    return AnnualFacts.objects.aggregate(year=Max("year"))["year"]


def above_scale_output(year: int, queryset=None) -> dict:
    """规上 industrial output and high-tech output of ``year`` (万元), over the firms holding
    the 规上工业 qualification at that year's end."""
    base = Enterprise.objects.all() if queryset is None else queryset
    firms = base.with_qualification("above_scale_industry", on=datetime.date(year, 12, 31))
    totals = AnnualFacts.objects.filter(year=year, enterprise__in=firms).aggregate(
        output=Sum("industrial_output"), high_tech=Sum("high_tech_output"), firms=Count("pk")
    )
    return totals


def park_breakdown(on: datetime.date, queryset=None) -> list[dict]:
    base = Enterprise.objects.all() if queryset is None else queryset

    def holds(code):
        return Exists(Qualification.objects.valid_on(on).filter(enterprise=OuterRef("pk"), type__code=code))

    rows = (
        base.values("park__name", "park__id")
        .annotate(
            total=Count("pk"),
            active=Count("pk", filter=Q(status=Enterprise.Status.ACTIVE)),
            above_scale=Count("pk", filter=Q(holds("above_scale_industry"))),
            high_tech=Count("pk", filter=Q(holds("high_tech"))),
        )
        .order_by("park__sort_order", "park__name")
    )
    return list(rows)


FORMER_NAMES_LIMIT = 1000


def former_names(query: str) -> dict[int, str]:
    """Enterprises once named like ``query`` → that former name (曾用名). The registry keeps no
    name history of its own: a rename is an audit row whose before and after names differ, so
    the audit log is the history (every write path audits, ADR 0008). At most
    ``FORMER_NAMES_LIMIT`` firms; the latest rename wins for a firm renamed twice."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import F

    from gaoxin.core.models import ObjectChange

    renames = (
        ObjectChange.objects.filter(
            content_type=ContentType.objects.get_for_model(Enterprise),
            action=ObjectChange.Action.UPDATE,
            prechange_data__name__icontains=query,
        )
        .exclude(prechange_data__name=F("postchange_data__name"))
        .order_by("time", "id")
        .values_list("object_id", "prechange_data__name")[:FORMER_NAMES_LIMIT]
    )
    return {int(pk): name for pk, name in renames}
