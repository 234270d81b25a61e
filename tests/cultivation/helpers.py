"""Pure-Python evaluation data for rule tests: no database, the shipped rule sets."""

import datetime
from decimal import Decimal

from gaoxin.cultivation import engine
from gaoxin.cultivation.models import RuleSet
from gaoxin.cultivation.seeds import RULE_SETS
from gaoxin.enterprises.ip import IPSummary

EID = 1


def shipped(tier: str, version: str | None = None) -> engine.Rules:
    for t, v, _n, _s, _e, source, params in RULE_SETS:
        if t == tier and (version is None or v == version):
            return engine.Rules.of(RuleSet(tier=t, version=v, source_document=source, params=params))
    raise KeyError(tier)


def D(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def data(
    year=2024, facts=None, firm=None, titles=(), ip=None, equity=0, platforms=(), expert=None, rules=None
):
    """Data for one firm (id 1): ``facts`` {year: {field: value}}, firm fields, titles
    [(code, granted, expires)], expert {(tier, key): score}."""
    rows = {}
    for y, values in (facts or {}).items():
        row = dict.fromkeys(engine.FACTS)
        row.update(
            {
                k: v if isinstance(v, int) and k.startswith(("staff", "digital", "compliance")) else D(v)
                for k, v in values.items()
            }
        )
        rows[(EID, y)] = row
    firm_row = {
        "id": EID,
        "established_on": datetime.date(2010, 1, 1),
        "tech_field": "electronics",
        "tax_collection_mode": "audit",
        "niche_market_since": None,
        "strategic_emerging": None,
    }
    firm_row.update(firm or {})
    all_rules = {}
    for tier, *_rest in RULE_SETS:
        all_rules[(tier, year)] = shipped(tier, "2016" if tier == "high_tech" else None)
    all_rules.update(rules or {})
    return engine.Data(
        years=[year],
        as_of={year: datetime.date(year, 12, 31)},
        rules=all_rules,
        facts=rows,
        firms={EID: firm_row},
        titles={EID: [(c, g, e, None) for c, g, e in titles]},
        ip={year: {EID: ip or IPSummary()}},
        equity2={year: {EID: D(equity)}},
        equity3={year: {EID: D(equity)}},
        platforms={EID: list(platforms)},
        expert={(EID, year, t, k): D(v) for (t, k), v in (expert or {}).items()},
        words=engine.words(),
    )


def criterion(result, key):
    return next(c for c in result.criteria if c.key == key)
