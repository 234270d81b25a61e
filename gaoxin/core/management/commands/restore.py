"""`gaoxin restore ARCHIVE [--force]`: verify every checksum, restore the database and the data
directories, then compare the row counts with the manifest (gaoxin.core.backup)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gaoxin.core import backup


class Command(BaseCommand):
    help = "Restore a backup archive into an empty installation (--force replaces a non-empty one)."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="a .tar.gz written by `gaoxin backup`")
        parser.add_argument("--force", action="store_true", help="replace a database that already has data")

    def handle(self, *args, archive, force=False, **options):
        if not archive.is_file():
            raise CommandError(f"找不到归档 / no such archive: {archive}")
        try:
            report = backup.restore(archive, force=force)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        if report.mismatches:
            lines = "\n".join(f"  {line}" for line in report.mismatches)
            raise CommandError(f"恢复后与清单不符 / the restored data differs from the manifest:\n{lines}")
        self.stdout.write(
            f"恢复完成：{report.tables} 张表 {report.rows} 行，{report.files} 个文件（{report.bytes} 字节），"
            f"与清单一致。\nRestored: {report.tables} tables, {report.rows} rows, {report.files} files "
            f"({report.bytes} bytes), all matching the manifest."
        )
