"""The demo's 高企 and 科小 hold the rules of their titles (domain-rules §1.1, §2), checked here
by plain arithmetic on the generator's figures — or are exceptions named in the
qualification's note; a handful of firms without the title sit just below one edge."""

import datetime
from decimal import Decimal

import pytest

from gaoxin.demo.generator import EXCEPTION_NOTE, DemoZone
from gaoxin.enterprises.models import ip_class_of

DAY = datetime.date(2024, 12, 31)
YEARS = (2022, 2023, 2024)
OWNED = ("own", "transfer", "gift", "merger")


@pytest.fixture(scope="module")
def zone():
    return DemoZone().build()


def valid(firm, code, day=DAY):
    """The qualifications of ``code`` valid on ``day`` (高企: three years less a day)."""
    found = []
    for code_, granted, _number, expires, *note in firm.quals:
        if code_ != code or granted > day:
            continue
        if expires is None and code == "high_tech":
            expires = datetime.date(granted.year + 3, granted.month, granted.day) - datetime.timedelta(days=1)
        if expires is None or expires >= day:
            found.append(note[0] if note else "")
    return found


def high_tech_failures(firm) -> list[str]:
    facts = [firm.facts[year] for year in YEARS]
    latest = firm.facts[2024]
    sales = sum(f["operating_revenue"] for f in facts)
    rd = sum(f["rd_expense"] for f in facts)
    band = Decimal("0.05") if latest["operating_revenue"] <= 5000 else Decimal("0.04")
    if latest["operating_revenue"] > 20000:
        band = Decimal("0.03")
    failed = []
    if rd / sales < band:
        failed.append("rd_band")
    if sum(f["rd_expense_domestic"] for f in facts) / rd < Decimal("0.6"):
        failed.append("domestic_rd")
    if any(
        f["high_tech_revenue"] is None or f["high_tech_revenue"] < f["total_revenue"] * Decimal("0.6")
        for f in facts
    ):
        failed.append("high_tech_revenue")
    if any(
        f["staff_sci_tech"] * 10 < max(f["staff_total"], f["staff_average"], f["staff_183_days"])
        for f in facts
    ):
        failed.append("sci_tech_staff")
    if any(not (f["ip_class1_count"] or f["ip_class2_count"]) for f in facts):
        failed.append("no_ip")
    return failed


def points(value, bands):
    return next((p for floor, p in bands if value >= floor), 0)


def tech_sme_failures(firm, high_tech: bool) -> list[str]:
    failed = []
    for year in (2023, 2024):
        f = firm.facts[year]
        if f["staff_total"] > 500 or f["operating_revenue"] > 20000 or f["total_revenue"] > 20000:
            failed.append(f"size {year}")
        if f["total_assets"] > 20000:
            failed.append(f"assets {year}")
        if f["compliance_incidents"]:
            failed.append(f"incident {year}")
        if high_tech:
            continue
        staff = points(
            Decimal(f["staff_sci_tech"]) / f["staff_total"],
            [
                (Decimal("0.3"), 20),
                (Decimal("0.25"), 16),
                (Decimal("0.2"), 12),
                (Decimal("0.15"), 8),
                (Decimal("0.1"), 4),
            ],
        )
        rd = points(
            f["rd_expense"] / f["operating_revenue"],
            [
                (Decimal("0.06"), 50),
                (Decimal("0.05"), 40),
                (Decimal("0.04"), 30),
                (Decimal("0.03"), 20),
                (Decimal("0.02"), 10),
            ],
        )
        ip = (
            30
            if f["ip_class1_count"]
            else [0, 6, 12, 18][min(f["ip_class2_count"], 3)]
            if f["ip_class2_count"] < 4
            else 24
        )
        if staff == 0 or staff + rd + ip < 60:
            failed.append(f"score {year}: {staff}+{rd}+{ip}")
    if firm.tax_mode != "audit":
        failed.append("not taxed on accounts")
    return failed


def test_every_demo_high_tech_firm_holds_the_rules_or_is_a_named_exception(zone):
    holders = [f for f in zone.firms if valid(f, "high_tech")]
    assert len(holders) == 260
    exceptions = {}
    for firm in holders:
        failed = high_tech_failures(firm)
        notes = [n for n in valid(firm, "high_tech") if n.startswith(EXCEPTION_NOTE)]
        if failed:
            assert notes, (firm.name, failed)
            exceptions[firm.name] = failed
        assert firm.tech_field and firm.tax_mode == "audit"
    assert sorted(exceptions.values()) == [["high_tech_revenue"], ["sci_tech_staff"]]


def test_every_demo_tech_sme_holds_the_rules(zone):
    holders = [f for f in zone.firms if valid(f, "tech_sme")]
    assert len(holders) == 553
    for firm in holders:
        assert tech_sme_failures(firm, high_tech=bool(valid(firm, "high_tech"))) == [], firm.name


def test_a_handful_of_firms_sit_just_below_one_edge(zone):
    without = [f for f in zone.firms if f.facts and not valid(f, "high_tech") and not valid(f, "tech_sme")]
    by_rule = {}
    for firm in without:
        if firm.tax_mode == "audit" and not any(firm.facts[y]["compliance_incidents"] for y in YEARS):
            failed = high_tech_failures(firm)
            if len(failed) == 1:
                by_rule.setdefault(failed[0], []).append(firm)
    near = {
        rule: sorted(firm.name for firm, r in zone.rules.near_misses if r == rule)
        for rule in ("rd_band", "sci_tech_staff", "high_tech_revenue", "domestic_rd", "no_ip")
    }
    for rule, names in near.items():
        assert names and set(names) <= {f.name for f in by_rule.get(rule, [])}, rule
    # the three R&D near misses, one per band, each 0.2–0.4 points under its minimum
    ratios = []
    for firm, rule in zone.rules.near_misses:
        if rule == "rd_band":
            facts = [firm.facts[y] for y in YEARS]
            ratios.append(
                (sum(f["rd_expense"] for f in facts) / sum(f["operating_revenue"] for f in facts)).quantize(
                    Decimal("0.001")
                )
            )
    assert ratios == [Decimal("0.048"), Decimal("0.036"), Decimal("0.027")]
    staff = [
        Decimal(f.facts[2024]["staff_sci_tech"]) / f.facts[2024]["staff_total"]
        for f, rule in zone.rules.near_misses
        if rule == "sci_tech_staff"
    ]
    assert all(Decimal("0.09") <= s < Decimal("0.1") for s in staff)
    sme = {rule: [] for rule in ("tech_sme_score", "tech_sme_staff_score", "tech_sme_sales")}
    for firm, rule in zone.rules.near_misses:
        if rule in sme:
            sme[rule].append(tech_sme_failures(firm, high_tech=False))
    totals = [
        [sum(int(p) for p in f.split(": ")[1].split("+")) for f in failed] for failed in sme["tech_sme_score"]
    ]
    assert totals == [[58, 58], [56, 56]]
    [staff_zero] = sme["tech_sme_staff_score"]
    assert len(staff_zero) == 1 and staff_zero[0].startswith("score 2024: 0+50+30")
    assert sme["tech_sme_sales"] == [["size 2024"]]


def test_ip_items_add_up_to_each_years_class_counts(zone):
    for firm in zone.firms:
        for year in firm.facts:
            day = datetime.date(year, 12, 31)
            held = [
                item
                for item in firm.ip
                if item["granted_on"]
                and item["granted_on"] <= day
                and (item["lapsed_on"] is None or item["lapsed_on"] > day)
                and item["acquisition"] in OWNED
            ]
            counts = [sum(1 for i in held if ip_class_of(i["kind"]) == c) for c in (1, 2)]
            assert counts == [
                firm.facts[year]["ip_class1_count"] or 0,
                firm.facts[year]["ip_class2_count"] or 0,
            ]
        for item in firm.ip:
            assert item["granted_on"] is None or item["applied_on"] < item["granted_on"]
        numbers = [(i["kind"], i["number"]) for i in firm.ip]
        assert len(numbers) == len(set(numbers))


def test_the_new_fields_are_filled_for_the_demo_firms(zone):
    firms = [f for f in zone.firms if f.facts]
    for firm in firms:
        assert firm.tech_field and firm.tax_mode in ("audit", "deemed") and firm.main_product
        for facts in firm.facts.values():
            for key in (
                "total_revenue",
                "non_taxable_revenue",
                "cost_expense_total",
                "staff_average",
                "staff_183_days",
            ):
                assert facts[key] is not None, key
            assert facts["total_revenue"] >= facts["operating_revenue"]
            assert 1 <= facts["digital_maturity_level"] <= 4
    assert sum(len(f.equity) for f in zone.firms) > 50
