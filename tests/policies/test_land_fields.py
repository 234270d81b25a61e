"""亩均 fields in the policy catalogue (policies/catalogue_land.py): a clause reads the grade
and score of the year's published evaluation; none when unpublished."""

import datetime
from decimal import Decimal

import pytest

from gaoxin.land.models import MuScheme
from gaoxin.policies.catalogue import load_values
from tests.factories import facts
from tests.land.helpers import above_scale, land, taizhou_scheme

pytestmark = pytest.mark.django_db


def graded_world(world, state="published"):
    scheme = taizhou_scheme(2024)
    for n, firm in enumerate((world.firm_a, world.firm_b)):
        firm.established_on = datetime.date(2010, 1, 1)
        firm.save()
        above_scale(firm, 2024)
        facts(
            firm,
            2024,
            tax_paid=Decimal(300 - n * 200),
            value_added=Decimal(2000),
            energy_tce=Decimal(800),
            staff_average=90,
            rd_expense=Decimal(40),
            main_business_revenue=Decimal(1500),
        )
        land(firm, 2024, "10", emissions="0.4")
    scheme.state = state
    scheme.save()


def column(values, key, firm):
    return values.columns[key][values.index()[firm.pk]]


def test_a_rule_reads_the_grade_score_and_tax_per_mu(world):
    graded_world(world)
    values = load_values(2024)
    # two firms: rank 1 is 50% (B, above the top 25%), rank 2 is 100% (D)
    assert column(values, "mu_grade", world.firm_a) == "B" and column(values, "mu_grade", world.firm_b) == "D"
    assert column(values, "mu_tax_per_mu", world.firm_a) == Decimal("30.00")
    assert column(values, "mu_score", world.firm_a) > column(values, "mu_score", world.firm_b)


def test_a_draft_evaluation_gives_no_grade(world):
    graded_world(world, state=MuScheme.State.DRAFT)
    assert column(load_values(2024), "mu_score", world.firm_a) is None
