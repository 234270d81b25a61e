"""`gaoxin backup [--output PATH]`: the database snapshot, every data directory and a manifest
in one .tar.gz (gaoxin.core.backup; docs/operations.md "Backup and restore")."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gaoxin.core import backup


class Command(BaseCommand):
    help = "Write a backup archive: database snapshot + data files + manifest (safe while running)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", type=Path, help="archive path (default var/backups/gaoxin-<time>.tar.gz)"
        )

    def handle(self, *args, output=None, **options):
        output = (output or backup.default_output()).resolve()
        try:
            manifest = backup.write_backup(output)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        tables, rows = len(manifest["tables"]), sum(manifest["tables"].values())
        files = manifest["files"]
        size = sum(entry["size"] for entry in files)
        self.stdout.write(
            f"备份完成：{tables} 张表 {rows} 行，{len(files)} 个文件（{size} 字节）→ {output}\n"
            f"Backup written: {tables} tables, {rows} rows, {len(files)} files ({size} bytes) → {output}"
        )
