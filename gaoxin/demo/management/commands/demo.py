"""``gaoxin demo [--no-serve] [--reset]``: migrate, load the demo zone, print the demo
accounts and serve on http://127.0.0.1:8000 with the background worker. Running it again
is harmless: an existing demo zone is kept (``--reset`` rebuilds it)."""

import atexit
import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import BaseCommand, call_command

from gaoxin.demo import loader


class Command(BaseCommand):
    help = "Set up and serve the demo zone (SQLite by default)."

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="load only; do not start the server")
        parser.add_argument("--reset", action="store_true", help="rebuild the demo zone from scratch")
        parser.add_argument("--addr", default="127.0.0.1:8000", help="address to serve on")

    def handle(self, *args, no_serve=False, reset=False, addr="127.0.0.1:8000", **options):
        call_command("migrate", interactive=False, verbosity=0)
        if reset:
            loader.reset()
            self.stdout.write("演示数据已清除，重新生成 / demo data removed, rebuilding")
        if loader.demo_loaded():
            loader.ensure_personas()
            self.stdout.write("演示区已存在，保留现有数据（--reset 可重建）/ demo zone already loaded")
        else:
            started = time.monotonic()
            results = loader.load()
            self.stdout.write(
                f"演示区已加载 / demo zone loaded in {time.monotonic() - started:.1f}s: {results}"
            )
        self.print_accounts()
        if not no_serve:
            self.serve(addr)

    def print_accounts(self):
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"演示账号 / demo accounts (password: {loader.PASSWORD})"))
        for username, name, _role, _superuser, description in loader.PERSONAS:
            self.stdout.write(f"  {username:<8} {name:<20} {description}")
        self.stdout.write("")

    def serve(self, addr):
        # the day's reminders in the inbox now, and the daily run queued for the worker
        call_command("reminders", "--schedule", stdout=self.stdout)
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gaoxin.cli",
                "db_worker",
                "--no-reload",
                "--interval",
                "1",
                "--no-startup-delay",
            ],
            env={**os.environ},
        )

        def stop_worker(*_args):
            if worker.poll() is None:
                worker.send_signal(signal.SIGTERM)
                try:
                    worker.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    worker.kill()

        atexit.register(stop_worker)
        self.stdout.write(self.style.SUCCESS(f"打开 / open http://{addr}/  (Ctrl-C 停止 / to stop)"))
        # A demo shows the site's own error pages, never Django's debug page or its URL list
        # (the assets come through WhiteNoise, which reads the apps' folders).
        settings.DEBUG = False
        try:
            call_command("runserver", addr, use_reloader=False)
        finally:
            stop_worker()
