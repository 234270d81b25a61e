"""Delete the uploads of imports never committed once they are older than the retention
period (IMPORT_UPLOAD_RETENTION_DAYS, 30 by default): run daily, e.g. from cron."""

from django.core.management.base import BaseCommand

from gaoxin.core.imports.service import uploads_purge


class Command(BaseCommand):
    help = "Delete refused or abandoned import uploads older than the retention period (daily)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, help="retention in days (default: IMPORT_UPLOAD_RETENTION_DAYS)"
        )

    def handle(self, *args, days=None, **options):
        deleted = uploads_purge(days=days)
        self.stdout.write(f"{len(deleted)} upload(s) deleted")
