"""``gaoxin import_registry FILE``: import an outside company registry (.csv/.xlsx, streamed:
a 2 GB file is fine) and classify it onto the chain nodes. No upload limit applies here."""

import time

from django.core.management.base import BaseCommand, CommandError

from gaoxin.chains.registry import import_registry


class Command(BaseCommand):
    help = "Import a company registry file (.csv or .xlsx) and classify it onto chain nodes."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the registry file (.csv UTF-8/GB18030 or .xlsx)")
        parser.add_argument("--quiet-progress", action="store_true", help="no progress lines")

    def handle(self, *args, file, quiet_progress=False, **options):
        started = time.perf_counter()

        def progress(done: int, total: int) -> None:
            if not quiet_progress:
                self.stderr.write(f"  {done:,} / {total:,} rows")

        result = import_registry(file, progress=progress)
        if result.file_error:
            raise CommandError(result.file_error)
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"{result.rows} rows read: {result.created} added, {result.updated} updated, "
            f"{result.rejected} rejected, {result.empty_scope} without scope, "
            f"{result.matches} classifications ({seconds:.1f} s, batch {result.batch_id})"
        )
        for error in result.errors[:20]:
            self.stdout.write(f"  row {error['row']}: {error['message']}")
