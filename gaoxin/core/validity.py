"""Versions valid over a span of days (rule sets, point schemes, …): the one overlap test.

A version runs from ``valid_from`` to ``valid_to`` (inclusive; none: open-ended). Two versions
of the same thing may not share a day; each model says which others count as "the same thing"
(the queryset passed in) and words its own error.
"""

import datetime

from django.db.models import Q, QuerySet


def overlapping(others: QuerySet, valid_from: datetime.date, valid_to: datetime.date | None) -> QuerySet:
    """The rows of ``others`` whose days meet ``valid_from``–``valid_to``."""
    if valid_to is not None:
        others = others.filter(valid_from__lte=valid_to)
    return others.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=valid_from))
