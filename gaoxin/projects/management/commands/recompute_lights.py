"""Recompute every project's light (run daily: lights depend on the date, e.g. a node
becomes overdue at midnight without any data changing)."""

import datetime

from django.core.management.base import BaseCommand

from gaoxin.projects import services


class Command(BaseCommand):
    help = "Recompute the warning lights of all projects (daily, e.g. from cron)."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", type=datetime.date.fromisoformat, help="evaluation day (YYYY-MM-DD)")

    def handle(self, *args, as_of=None, **options):
        changed = services.recompute_lights(as_of=as_of)
        self.stdout.write(f"lights recomputed; {changed} changed")
