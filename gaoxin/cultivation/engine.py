"""The evaluator: every tier's rules for many firms and years, criterion by criterion.

``load(enterprise_ids, years)`` reads everything the rules need in a constant number of
queries (rule sets, annual facts of the years and the three before, firms, qualifications,
the IP summary, equity financings, platforms, expert inputs); ``evaluate(data, tier, firm,
year)`` is then pure Python and answers a ``TierResult``: each ``Criterion`` with its value,
threshold, verdict (True, False, or None when data is missing — missing data is named, never
taken as zero) and the words shown. Arithmetic is Decimal; a percentage is shown floored to
two decimals (so a firm is never shown as reaching a bound it misses), the gap is the bound
minus the shown value.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal

from django.db import connection
from django.db.models import Q
from django.utils.translation import get_language

from gaoxin.core.bulk import gc_paused
from gaoxin.enterprises.ip import IPSummary, equity_raised, ip_summary
from gaoxin.enterprises.models import AnnualFacts, Enterprise, Qualification

from .models import LEVEL_RANK, ExpertInput, Platform, RuleSet
from .rules import TITLE_TYPES, Confidence, Tier, as_decimal
from .translate import gettext as _
from .translate import use_language

HUNDRED = Decimal(100)
ZERO = Decimal(0)
CENT = Decimal("0.01")
FACTS = (
    "operating_revenue",
    "main_business_revenue",
    "total_revenue",
    "rd_expense",
    "rd_expense_domestic",
    "high_tech_revenue",
    "total_assets",
    "total_liabilities",
    "net_profit",
    "cost_expense_total",
    "staff_total",
    "staff_sci_tech",
    "staff_rd",
    "niche_market_share",
    "digital_maturity_level",
    "compliance_incidents",
)
FIRM_FIELDS = (
    "id",
    "established_on",
    "tech_field",
    "tax_collection_mode",
    "niche_market_since",
    "strategic_emerging",
)


@dataclass(slots=True)
class Criterion:
    key: str
    label: str
    value: str
    threshold: str
    verdict: bool | None
    words: str
    confidence: str = Confidence.VERIFIED
    required: bool = True
    gap: Decimal | None = None


@dataclass(slots=True)
class TierResult:
    enterprise_id: int
    tier: str
    year: int
    version: str
    source: str
    criteria: list[Criterion]
    verdict: bool | None
    score: Decimal | None = None
    holds: bool = False
    expires_on: datetime.date | None = None

    @property
    def failed(self) -> list[Criterion]:
        return [c for c in self.criteria if c.required and c.verdict is False]

    @property
    def missing(self) -> list[Criterion]:
        return [c for c in self.criteria if c.required and c.verdict is None]


@dataclass
class Rules:
    """One rule set's thresholds as Decimals, with their confidence."""

    tier: str
    version: str
    source: str
    values: dict
    confidence: dict

    @classmethod
    def of(cls, rule_set: RuleSet) -> Rules:
        values, confidence = {}, {}
        for key, entry in rule_set.params.items():
            raw = entry.get("value")
            values[key] = (
                raw if isinstance(raw, list | bool | str) and as_decimal(raw) is None else as_decimal(raw)
            )
            if isinstance(raw, list):
                values[key] = [(as_decimal(a), as_decimal(b)) for a, b in raw]
            confidence[key] = entry.get("confidence", Confidence.VERIFIED)
        return cls(rule_set.tier, rule_set.version, rule_set.source_document, values, confidence)


@dataclass
class Data:
    """Everything ``evaluate`` reads, loaded once for a set of firms and years."""

    years: list[int]
    as_of: dict[int, datetime.date]
    rules: dict[tuple[str, int], Rules | None]
    facts: dict[tuple[int, int], dict]
    firms: dict[int, dict]
    titles: dict[int, list[tuple]]
    ip: dict[int, dict[int, IPSummary]]
    equity2: dict[int, dict[int, Decimal]]
    equity3: dict[int, dict[int, Decimal]]
    platforms: dict[int, list[tuple]]
    expert: dict[tuple, Decimal]
    words: dict = field(default_factory=dict)


def year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


def default_as_of(year: int) -> datetime.date:
    from gaoxin.zone.models import evaluation_day

    return evaluation_day(year)


def rule_sets_for(years, as_of) -> dict:
    sets = list(RuleSet.objects.all())
    found = {}
    for year in years:
        day = as_of[year]
        for tier in Tier.values:
            match = [
                r
                for r in sets
                if r.tier == tier and r.valid_from <= day and (r.valid_to is None or r.valid_to >= day)
            ]
            found[(tier, year)] = Rules.of(match[0]) if match else None
    return found


DECIMAL_FACTS = frozenset(
    name for name in FACTS if AnnualFacts._meta.get_field(name).get_internal_type() == "DecimalField"
)


LIST_LIMIT = 500


def among(field: str, ids: list[int]) -> Q:
    """``field`` in ``ids``: an IN list for a few firms; for many, their id range (Django
    resolves every IN parameter one by one, about a second at 10,000 firms), the rows outside
    ``ids`` dropped by the caller (``keep``)."""
    if len(ids) <= LIST_LIMIT:
        return Q(**{f"{field}__in": ids})
    return Q(**{f"{field}__gte": min(ids), f"{field}__lte": max(ids)})


def fact_rows(ids, first: int, last: int) -> dict[tuple[int, int], dict]:
    """The facts of ``ids`` for years ``first``–``last``, read through the cursor: Django's
    SQLite converter makes each Decimal from a float and quantizes it (most of the load at
    10,000 firms); here a stored number becomes ``Decimal(str(value))``, exact to the shortest
    repr, and PostgreSQL's Decimals are kept as they come."""
    wanted = set(ids)
    query = AnnualFacts.objects.filter(among("enterprise_id", ids), year__gte=first, year__lte=last)
    sql, params = query.values_list("enterprise_id", "year", *FACTS).order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    decimal_at = [name in DECIMAL_FACTS for name in FACTS]
    facts = {}
    for row in rows:
        if row[0] not in wanted:
            continue
        values = {}
        for name, is_decimal, value in zip(FACTS, decimal_at, row[2:], strict=True):
            if is_decimal and value is not None and not isinstance(value, Decimal):
                value = Decimal(str(value))
            values[name] = value
        facts[(row[0], row[1])] = values
    return facts


def load(enterprise_ids, years, as_of: dict[int, datetime.date] | None = None) -> Data:
    """The data for ``enterprise_ids`` × ``years`` in a constant number of queries."""
    ids = list(enterprise_ids)
    years = sorted(set(years))
    as_of = as_of or {year: default_as_of(year) for year in years}
    first, last = years[0] - 3, years[-1]
    wanted = set(ids)
    facts = fact_rows(ids, first, last)
    firm_rows = Enterprise.objects.filter(among("pk", ids)).values(*FIRM_FIELDS).order_by()
    firms = {row["id"]: row for row in firm_rows if row["id"] in wanted}
    titles: dict[int, list] = {}
    quals = Qualification.objects.filter(among("enterprise_id", ids)).values_list(
        "enterprise_id", "type__code", "granted_on", "expires_on", "revoked_on"
    )
    for row in quals.order_by():
        if row[0] in wanted:
            titles.setdefault(row[0], []).append(row[1:])
    platforms: dict[int, list] = {}
    for row in (
        Platform.objects.filter(among("host_id", ids))
        .values_list("host_id", "level", "recognised_on", "expires_on")
        .order_by()
    ):
        if row[0] in wanted:
            platforms.setdefault(row[0], []).append(row[1:])
    expert = {}
    inputs = ExpertInput.objects.filter(among("enterprise_id", ids), year__in=years)
    for eid, year, tier, key, score in inputs.values_list(
        "enterprise_id", "year", "tier", "key", "score"
    ).order_by():
        if eid in wanted:
            expert[(eid, year, tier, key)] = score
    ip, eq2, eq3 = {}, {}, {}
    for year in years:
        day = as_of[year]
        ip[year] = ip_summary(ids, day)
        eq2[year] = equity_raised(ids, datetime.date(year - 1, 1, 1), day)
        eq3[year] = equity_raised(ids, datetime.date(year - 2, 1, 1), day)
    return Data(
        years,
        as_of,
        rule_sets_for(years, as_of),
        facts,
        firms,
        titles,
        ip,
        eq2,
        eq3,
        platforms,
        expert,
        words(),
    )


# --- words ----------------------------------------------------------------------------------

_WORDS: dict[str, dict] = {}


def words() -> dict:
    """The sentences of the explanations, translated once per language (not per criterion)."""
    use_language()
    language = get_language() or ""
    if language not in _WORDS:
        _WORDS[language] = {
            "missing": _("Missing %(what)s"),
            "year_item": _("%(year)s %(item)s"),
            "join": _(", "),
            "pct_pass": _("%(label)s %(value)s, reaches %(threshold)s"),
            "pct_fail": _("%(label)s %(value)s, %(gap)s percentage points short of %(threshold)s"),
            "max_pass": _("%(label)s %(value)s, within %(threshold)s"),
            "max_fail": _("%(label)s %(value)s, over the limit %(threshold)s"),
            "min_pass": _("%(label)s %(value)s, reaches %(threshold)s"),
            "min_fail": _("%(label)s %(value)s, %(gap)s short of %(threshold)s"),
            "zero_base": _("%(label)s: the base is 0, no ratio"),
            "score": _("%(label)s %(value)s points"),
            "score_pass": _("%(label)s %(value)s points, reaches %(threshold)s points"),
            "score_fail": _("%(label)s %(value)s points, %(gap)s points short of %(threshold)s points"),
            "yes": _("%(label)s: yes"),
            "no": _("%(label)s: no"),
            "unknown_rule": _("%(label)s: the threshold is not known (rule set %(version)s)"),
            "no_rules": _("No rule set applies on %(day)s"),
            "expert_missing": _("Missing expert score: %(what)s"),
            "growth_y2_zero": _("%(label)s: year-2 base is 0 or negative, the item scores 0"),
            "growth_y1_zero": _(
                "%(label)s %(value)s (year-1 base is 0 or negative: last two years only), %(points)s points"
            ),
            "growth": _("%(label)s %(value)s, %(points)s points"),
            "growth_negative": _("%(label)s %(value)s, not positive: 0 points"),
            "direct": _("Qualifies directly: %(what)s"),
            "no_direct": _("No direct path (valid 高企 or provincial R&D institution)"),
        }
    return _WORDS[language]


def pct(value: Decimal) -> str:
    return f"{value.quantize(CENT, ROUND_FLOOR).normalize():f}%"


_NUMS: dict = {}


def num(value) -> str:
    """A number as shown: two decimals at most, no trailing zeros (5, 2.7, 1999.99)."""
    text = _NUMS.get(value)
    if text is None:
        text = f"{value.quantize(CENT).normalize():f}" if isinstance(value, Decimal) else str(value)
        if len(_NUMS) < 100_000:
            _NUMS[value] = text
    return text


def money(value) -> str:
    return _("%(n)s 10k yuan") % {"n": num(value)} if value is not None else ""


def named(w: dict, items) -> str:
    return w["missing"] % {"what": w["join"].join(items)}


def need(w: dict, label: str, year: int) -> str:
    return w["year_item"] % {"year": year, "item": label}


# --- criterion builders -----------------------------------------------------------------------


def ratio_at_least(
    w, key, label, num_, den, minimum, missing, threshold_words="", confidence=Confidence.VERIFIED
):
    """``num_ ÷ den ≥ minimum %``; ``missing`` names what is absent (then the verdict is None)."""
    threshold = threshold_words or f"≥{num(minimum)}%"
    if missing:
        return Criterion(key, label, "", threshold, None, named(w, missing), confidence)
    if minimum is None:
        return Criterion(
            key,
            label,
            "",
            "",
            None,
            w["unknown_rule"] % {"label": label, "version": ""},
            Confidence.NOT_FOUND,
        )
    if not den:
        return Criterion(key, label, "", threshold, None, w["zero_base"] % {"label": label}, confidence)
    ratio = num_ * HUNDRED / den
    shown = ratio.quantize(CENT, ROUND_FLOOR)
    bound = f"{num(minimum)}%"
    if ratio >= minimum:
        text = w["pct_pass"] % {"label": label, "value": pct(ratio), "threshold": bound}
        return Criterion(key, label, pct(ratio), threshold, True, text, confidence)
    gap = minimum - shown
    text = w["pct_fail"] % {"label": label, "value": pct(ratio), "gap": num(gap), "threshold": bound}
    return Criterion(key, label, pct(ratio), threshold, False, text, confidence, gap=gap)


def amount_at_least(
    w, key, label, value, minimum, unit, missing, confidence=Confidence.VERIFIED, required=True
):
    threshold = f"≥{num(minimum)}{unit}"
    if missing:
        return Criterion(key, label, "", threshold, None, named(w, missing), confidence, required)
    shown, bound = f"{num(value)}{unit}", f"{num(minimum)}{unit}"
    if value >= minimum:
        return Criterion(
            key,
            label,
            shown,
            threshold,
            True,
            w["min_pass"] % {"label": label, "value": shown, "threshold": bound},
            confidence,
            required,
        )
    gap = minimum - value
    text = w["min_fail"] % {"label": label, "value": shown, "gap": f"{num(gap)}{unit}", "threshold": bound}
    return Criterion(key, label, shown, threshold, False, text, confidence, required, gap)


def amount_at_most(w, key, label, value, maximum, unit, missing, confidence=Confidence.VERIFIED):
    threshold = f"≤{num(maximum)}{unit}"
    if missing:
        return Criterion(key, label, "", threshold, None, named(w, missing), confidence)
    shown, bound = f"{num(value)}{unit}", f"{num(maximum)}{unit}"
    ok = value <= maximum
    text = w["max_pass" if ok else "max_fail"] % {"label": label, "value": shown, "threshold": bound}
    return Criterion(key, label, shown, threshold, ok, text, confidence, gap=None if ok else value - maximum)


def flag(w, key, label, value: bool | None, missing, confidence=Confidence.VERIFIED, required=True):
    if value is None:
        return Criterion(key, label, "", "", None, named(w, missing), confidence, required)
    return Criterion(
        key,
        label,
        _("yes") if value else _("no"),
        "",
        value,
        w["yes" if value else "no"] % {"label": label},
        confidence,
        required,
    )


def band_points(value: Decimal, rows) -> Decimal:
    """Points of the first row whose lower bound ``value`` reaches (bounds inclusive)."""
    for bound, points in rows:
        if value >= bound:
            return points
    return ZERO


def below_points(value: Decimal, rows) -> Decimal:
    """Points of the first row whose upper bound ``value`` stays under (lower is better)."""
    for bound, points in rows:
        if value < bound:
            return points
    return ZERO


def score_item(w, key, label, points, maximum, missing, confidence=Confidence.VERIFIED):
    threshold = _("max %(n)s points") % {"n": num(maximum)}
    if missing:
        return Criterion(key, label, "", threshold, None, named(w, missing), confidence, False)
    return Criterion(
        key,
        label,
        num(points),
        threshold,
        True,
        w["score"] % {"label": label, "value": num(points)},
        confidence,
        False,
    )


def score_total(w, key, label, total, minimum, missing, confidence=Confidence.VERIFIED):
    threshold = _("≥%(n)s points") % {"n": num(minimum)}
    if missing:
        return Criterion(key, label, "", threshold, None, named(w, missing), confidence)
    params = {"label": label, "value": num(total), "threshold": num(minimum)}
    if total >= minimum:
        return Criterion(key, label, num(total), threshold, True, w["score_pass"] % params, confidence)
    gap = minimum - total
    return Criterion(
        key,
        label,
        num(total),
        threshold,
        False,
        w["score_fail"] % {**params, "gap": num(gap)},
        confidence,
        gap=gap,
    )


def combine(criteria: list[Criterion]) -> bool | None:
    """All required criteria hold → True; one fails → False; else (something missing) None."""
    verdicts = [c.verdict for c in criteria if c.required]
    if False in verdicts:
        return False
    return None if None in verdicts else True


# --- the firm's data --------------------------------------------------------------------------


class Firm:
    """One firm's view of the loaded data for one evaluation year."""

    __slots__ = ("data", "day", "eid", "firm", "w", "year")

    def __init__(self, data: Data, eid: int, year: int):
        self.data, self.eid, self.year, self.w = data, eid, year, data.words
        self.firm = data.firms.get(eid, {})
        self.day = data.as_of[year]

    def fact(self, year: int, name: str):
        row = self.data.facts.get((self.eid, year))
        return None if row is None else row[name]

    def facts(self, year: int, names: dict[str, str]):
        """The values of ``names`` ({field: label}) in ``year`` and the words for the missing."""
        row = self.data.facts.get((self.eid, year)) or {}
        values, missing = [], []
        for name, label in names.items():
            value = row.get(name)
            values.append(value)
            if value is None:
                missing.append(need(self.w, label, year))
        return values, missing

    def holds(self, codes, day=None) -> tuple[bool, datetime.date | None]:
        day = day or self.day
        valid = [
            expires
            for code, granted, expires, revoked in self.data.titles.get(self.eid, ())
            if code in codes
            and granted <= day
            and (expires is None or expires >= day)
            and (revoked is None or revoked > day)
        ]
        if not valid:
            return False, None
        return True, None if None in valid else max(valid)

    def platform_rank(self) -> int:
        day = self.day
        ranks = [
            LEVEL_RANK.get(level, 0)
            for level, start, end in self.data.platforms.get(self.eid, ())
            if start <= day and (end is None or end >= day)
        ]
        return max(ranks, default=0)

    def ip(self) -> IPSummary:
        return self.data.ip[self.year].get(self.eid) or IPSummary()

    def expert(self, tier: str, key: str):
        return self.data.expert.get((self.eid, self.year, tier, key))

    def operating_start(self) -> int | None:
        established = self.firm.get("established_on")
        return established.year if established else None


# --- evaluation -------------------------------------------------------------------------------


def evaluate(data: Data, tier: str, eid: int, year: int) -> TierResult:
    """One tier's result for one firm and year (pure Python on the loaded data)."""
    from .tiers import TIER_RULES

    firm = Firm(data, eid, year)
    rules = data.rules.get((tier, year))
    holds, expires = firm.holds(TITLE_TYPES[tier])
    if rules is None:
        text = data.words["no_rules"] % {"day": firm.day}
        return TierResult(
            eid,
            tier,
            year,
            "",
            "",
            [Criterion("rules", "", "", "", None, text, Confidence.NOT_FOUND)],
            None,
            None,
            holds,
            expires,
        )
    criteria, verdict, score = TIER_RULES[tier](firm, rules)
    return TierResult(eid, tier, year, rules.version, rules.source, criteria, verdict, score, holds, expires)


def evaluate_many(enterprise_ids, years, tiers=None) -> list[TierResult]:
    """Every tier (or ``tiers``) for every firm and year: one load, then pure Python."""
    data = load(enterprise_ids, years)
    tiers = tiers or Tier.values
    with gc_paused():  # millions of small objects, none freed until the end
        return [
            evaluate(data, tier, eid, year) for year in data.years for eid in data.firms for tier in tiers
        ]
