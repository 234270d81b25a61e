"""The cockpit's 梯度培育 panel: firms holding each tier's title on the evaluation day, the
year's recognition batches (in the pipeline, recognised, not passed), innovation platforms
valid on the day, the year's 科创新物种 and the awards paid in the year up to the day — six
queries whatever the number of firms."""

from collections import defaultdict

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy

from gaoxin.core.cockpit import cockpit_panel
from gaoxin.enterprises.models import Qualification
from gaoxin.payouts.models import Payout
from gaoxin.payouts.services import payout_totals

from . import metrics
from .models import NewSpeciesRecord, Platform, Recognition, RecognitionStage
from .rules import TITLE_TYPES, Tier

PIPELINE = (
    RecognitionStage.RECOMMENDED,
    RecognitionStage.MATERIALS,
    RecognitionStage.APPLIED,
    RecognitionStage.PUBLICISED,
)


def tier_counts(day) -> list[dict]:
    """Each tier: the firms holding one of its titles on ``day`` (a firm counted once)."""
    tier_of = {code: tier for tier, codes in TITLE_TYPES.items() for code in codes}
    firms = defaultdict(set)
    pairs = (
        Qualification.objects.valid_on(day)
        .filter(type__code__in=tier_of)
        .values_list("enterprise_id", "type__code")
    )
    for enterprise_id, code in pairs:
        firms[tier_of[code]].add(enterprise_id)
    return [{"tier": Tier(tier).label, "code": tier, "firms": len(firms[tier])} for tier in TITLE_TYPES]


def batches(year: int) -> list[dict]:
    rows = (
        Recognition.objects.filter(batch__year=year)
        .values("batch_id", "batch__name", "batch__tier")
        .annotate(
            total=Count("pk"),
            pipeline=Count("pk", filter=Q(stage__in=PIPELINE)),
            recognised=Count("pk", filter=Q(stage=RecognitionStage.RECOGNISED)),
            rejected=Count("pk", filter=Q(stage=RecognitionStage.REJECTED)),
        )
        .order_by("batch__tier", "batch__name")
    )
    return [
        {
            "pk": r["batch_id"],
            "name": r["batch__name"],
            "tier": Tier(r["batch__tier"]).label,
            "total": r["total"],
            "pipeline": r["pipeline"],
            "recognised": r["recognised"],
            "rejected": r["rejected"],
        }
        for r in rows
    ]


@cockpit_panel(
    "cultivation",
    gettext_lazy("Enterprise cultivation (梯度培育)"),
    "cultivation/includes/cockpit_panel.html",
    permission="cultivation.view_recognition",
    order=50,
    icon="plant-2",
)
def cultivation_panel(year, as_of) -> dict | None:
    day = metrics.day_for(year, as_of)
    tiers = tier_counts(day)
    year_batches = batches(year)
    platforms = Platform.objects.valid_on(day).count()
    species = NewSpeciesRecord.objects.filter(year=year).count()
    awards = payout_totals(Payout.objects.filter(paid_on__lte=day), year)
    if not (any(t["firms"] for t in tiers) or year_batches or platforms or species or awards):
        return None
    return {
        "year": year,
        "tiers": tiers,
        "batches": year_batches,
        "platforms": platforms,
        "species": species,
        "awards": [{"programme": a.programme.name, "paid": a.paid, "firms": a.firms} for a in awards],
        "awards_total": sum((a.paid for a in awards), start=0),
    }
