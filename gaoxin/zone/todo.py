"""The day the to-do list is judged on: the zone's evaluation date (ADR 0017), the day lights,
deadlines and goals are judged on too."""

from gaoxin.core.todo import day_source

from .models import evaluation_date

day_source(evaluation_date)
