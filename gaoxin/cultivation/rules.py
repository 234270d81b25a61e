"""The tiers of 梯度培育 and the shape of their rule sets (rules as data, ADR 0019).

A rule set's ``params`` is a JSON object ``{key: {"value": …, "confidence": …}}``: every
threshold the evaluator reads, with how sure we are of it (domain-rules.md: verified, memory,
not found; a value the zone chooses itself is a zone setting). ``SCHEMAS`` names, per tier, the
keys and their kind; ``params_errors`` checks a rule set against it (a percentage over 100, a
band table out of order, a missing key: each a Chinese error, nothing stored). The seeded
values are in ``seeds.py``; the evaluator is ``engine.py``.
"""

import itertools
from decimal import Decimal, InvalidOperation

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class Tier(models.TextChoices):
    ABOVE_SCALE = "above_scale", gettext_lazy("Above-scale industry (规上工业)")
    TECH_SME = "tech_sme", gettext_lazy("Tech-based SME (科小)")
    HIGH_TECH = "high_tech", gettext_lazy("High-tech enterprise (高企)")
    INNOVATIVE_SME = "innovative_sme", gettext_lazy("Innovative SME (创新型中小企业)")
    SRDI_SME = "srdi_sme", gettext_lazy("SRDI SME (专精特新中小企业)")
    LITTLE_GIANT = "little_giant", gettext_lazy("Little giant (专精特新“小巨人”)")
    GAZELLE = "gazelle", gettext_lazy("Gazelle (瞪羚)")


class Confidence(models.TextChoices):
    VERIFIED = "verified", gettext_lazy("verified")
    MEMORY = "memory", gettext_lazy("from memory")
    NOT_FOUND = "not_found", gettext_lazy("not found")
    ZONE = "zone", gettext_lazy("zone setting")


# The qualification (enterprises.QualificationType code) each tier's title is, and those
# that count as holding it (a national 小巨人 holds the tier as well as a provincial one).
TITLE_TYPES = {
    Tier.ABOVE_SCALE: ("above_scale_industry",),
    Tier.TECH_SME: ("tech_sme",),
    Tier.HIGH_TECH: ("high_tech",),
    Tier.INNOVATIVE_SME: ("innovative_sme",),
    Tier.SRDI_SME: ("srdi_sme",),
    Tier.LITTLE_GIANT: ("little_giant_provincial", "little_giant_national"),
    Tier.GAZELLE: ("gazelle",),
}
WRITTEN_TYPE = {tier: codes[0] for tier, codes in TITLE_TYPES.items()}

# kinds of a parameter's value
MONEY, PERCENT, COUNT, YEARS, POINTS, FLAG = "money", "percent", "count", "years", "points", "flag"
# band tables: ``BANDS`` rows [lower bound, points] from the highest, value ≥ bound scores (lower
# bounds inclusive, "含"); ``BANDS_BELOW`` rows [upper bound, points] from the lowest, value <
# bound scores (a debt ratio: lower is better); a value past every row scores 0.
BANDS, BANDS_BELOW = "bands", "bands_below"
COUNT_BANDS = "count_bands"  # BANDS over counts, not percentages

SCHEMAS: dict[str, dict[str, str]] = {
    Tier.ABOVE_SCALE: {"min_main_revenue": MONEY, "candidate_lower_bound": MONEY},
    Tier.TECH_SME: {
        "max_staff": COUNT,
        "max_sales": MONEY,
        "max_assets": MONEY,
        "require_audit_tax": FLAG,
        "min_score": POINTS,
        "staff_bands": BANDS,
        "rd_sales_bands": BANDS,
        "rd_cost_bands": BANDS,
        "ip_class1_points": POINTS,
        "ip_class2_bands": COUNT_BANDS,
        "direct_high_tech": FLAG,
        "direct_platform_level": FLAG,
    },
    Tier.HIGH_TECH: {
        "min_registered_days": COUNT,
        "rd_small_sales": MONEY,
        "rd_small_ratio": PERCENT,
        "rd_middle_sales": MONEY,
        "rd_middle_ratio": PERCENT,
        "rd_large_ratio": PERCENT,
        "min_domestic_rd_share": PERCENT,
        "min_high_tech_revenue_share": PERCENT,
        "min_sci_tech_staff_share": PERCENT,
        "min_assessment_score": POINTS,
        "max_compliance_incidents": COUNT,
        "ip_quantity_points": COUNT_BANDS,
        "ip_class2_quantity_points": COUNT_BANDS,
        "ip_acquisition_own_points": POINTS,
        "ip_acquisition_transfer_points": POINTS,
        "ip_part_cap": POINTS,
        "growth_bands": BANDS,
    },
    Tier.INNOVATIVE_SME: {
        "min_score": POINTS,
        "min_innovation": POINTS,
        "min_growth": POINTS,
        "min_specialisation": POINTS,
        "rd_ratio_bands": BANDS,
        "growth_bands": BANDS,
        "debt_bands": BANDS_BELOW,
        "main_share_bands": BANDS,
        "direct_equity": MONEY,
    },
    Tier.SRDI_SME: {
        "min_niche_years": YEARS,
        "min_rd": MONEY,
        "min_rd_ratio": PERCENT,
        "min_revenue": MONEY,
        "min_equity_small": MONEY,
        "min_score": POINTS,
        "direct_avg_rd": MONEY,
        "direct_equity": MONEY,
        "main_share_bands": BANDS,
        "growth_bands": BANDS,
        "net_margin_bands": BANDS,
        "debt_bands": BANDS_BELOW,
        "rd_staff_bands": BANDS,
    },
    Tier.LITTLE_GIANT: {
        "min_niche_years": YEARS,
        "min_main_share": PERCENT,
        "min_main_growth": PERCENT,
        "max_debt_ratio": PERCENT,
        "min_market_share": PERCENT,
        "large_revenue": MONEY,
        "large_rd_ratio": PERCENT,
        "middle_revenue": MONEY,
        "middle_rd_ratio": PERCENT,
        "min_class1_ip": COUNT,
    },
    Tier.GAZELLE: {
        "require_high_tech": FLAG,
        "base_revenue": MONEY,
        "min_cagr": PERCENT,
        "young_years": YEARS,
        "young_revenue": MONEY,
        "mature_years": YEARS,
        "mature_revenue": MONEY,
    },
}

# Criteria no data holds: the scores experts give (entered by clerks per firm, year and tier).
EXPERT_KEYS: dict[str, dict[str, tuple[str, int]]] = {
    Tier.HIGH_TECH: {
        "tech_advancement": (gettext_lazy("technical advancement of the IP"), 8),
        "core_support": (gettext_lazy("core support of the IP to the main products"), 8),
        "standards_bonus": (gettext_lazy("standards led or joined (bonus)"), 2),
        "conversion": (gettext_lazy("conversion of S&T results"), 30),
        "rd_management": (gettext_lazy("R&D organisation and management"), 20),
    },
    Tier.SRDI_SME: {
        "product_field": (gettext_lazy("field of the leading product"), 5),
        "quality": (gettext_lazy("quality management"), 5),
        "local": (gettext_lazy("local characteristic indicators"), 15),
    },
    Tier.LITTLE_GIANT: {
        "info_system": (gettext_lazy("core business on an information system (1 = met)"), 1),
        "certification": (gettext_lazy("management-system or product certification (1 = met)"), 1),
        "own_brand": (gettext_lazy("own competitive brand (1 = met)"), 1),
        "chain_links": (gettext_lazy("links into key industrial chains (1 = met)"), 1),
        "priority_field": (gettext_lazy("leading product in a priority field (1 = met)"), 1),
    },
}


def expert_choices() -> list[tuple[str, str]]:
    seen = {}
    for keys in EXPERT_KEYS.values():
        for key, (label, _max) in keys.items():
            seen.setdefault(key, label)
    return list(seen.items())


def as_decimal(value) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def band_errors(key: str, rows, kind: str) -> list[str]:
    """A band table: rows ``[bound, points]``, bounds strictly descending (ascending for
    ``BANDS_BELOW``); a percentage bound over 100 is refused."""
    if not isinstance(rows, list) or not all(isinstance(r, list) and len(r) == 2 for r in rows):
        return [_("%(key)s: a band table is a list of [lower bound, points] rows.") % {"key": key}]
    bounds = [as_decimal(r[0]) for r in rows]
    if any(b is None for b in bounds) or any(as_decimal(r[1]) is None for r in rows):
        return [_("%(key)s: every band needs a number and its points.") % {"key": key}]
    if kind == BANDS_BELOW:
        if any(a >= b for a, b in itertools.pairwise(bounds)):
            return [_("%(key)s: band bounds must go from the lowest to the highest.") % {"key": key}]
    elif any(a <= b for a, b in itertools.pairwise(bounds)):
        return [_("%(key)s: band bounds must go from the highest to the lowest.") % {"key": key}]
    if kind != COUNT_BANDS and any(b > 100 for b in bounds):
        return [_("%(key)s: a percentage cannot be over 100.") % {"key": key}]
    return []


def value_errors(key: str, kind: str, value) -> list[str]:
    if kind == FLAG:
        ok = isinstance(value, bool | str)
        return [] if ok else [_("%(key)s: give true or false.") % {"key": key}]
    if kind in (BANDS, BANDS_BELOW, COUNT_BANDS):
        return band_errors(key, value, kind)
    number = as_decimal(value)
    if number is None:
        return [_("%(key)s: %(value)s is not a number.") % {"key": key, "value": value}]
    if number < 0:
        return [_("%(key)s: the value cannot be negative.") % {"key": key}]
    if kind == PERCENT and number > 100:
        return [
            _("%(key)s: a percentage cannot be over 100 (%(value)s given).") % {"key": key, "value": value}
        ]
    return []


def params_errors(tier: str, params) -> list[str]:
    """Everything wrong with a rule set's parameters, in words; [] when it can be stored."""
    schema = SCHEMAS.get(tier)
    if schema is None:
        return [_("Unknown tier %(tier)s.") % {"tier": tier}]
    if not isinstance(params, dict):
        return [_("The parameters must be an object of thresholds.")]
    errors = []
    for key, kind in schema.items():
        entry = params.get(key)
        if not isinstance(entry, dict):
            errors.append(_("%(key)s: the threshold is missing.") % {"key": key})
            continue
        confidence = entry.get("confidence")
        if confidence not in Confidence.values:
            errors.append(
                _("%(key)s: confidence must be one of verified, memory, not_found, zone.") % {"key": key}
            )
        if confidence == Confidence.NOT_FOUND and entry.get("value") is None:
            continue  # not known: stored as unknown, never invented
        errors += value_errors(key, kind, entry.get("value"))
    errors += [_("%(key)s: not a threshold of this tier.") % {"key": k} for k in params if k not in schema]
    return errors
