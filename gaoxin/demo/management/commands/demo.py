"""``gaoxin demo [--no-serve] [--reset]``: migrate, load the demo zone, print the demo
accounts and serve on http://127.0.0.1:8000 with the background worker. Running it again
is harmless: an existing demo zone is kept (``--reset`` rebuilds it)."""

import atexit
import contextlib
import ctypes
import os
import secrets
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import BaseCommand, call_command

from gaoxin.core.checks import insecure_key
from gaoxin.demo import loader


def demo_secret_key() -> str:
    """A random key kept in var/ so that demo sessions survive a restart."""
    path = settings.VAR_DIR / "demo-secret-key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Linux: the worker gets SIGTERM when the demo process dies, even by SIGKILL."""
    with contextlib.suppress(OSError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def start_worker(argv: list[str]) -> subprocess.Popen:
    """Start the task worker so that it stops with the demo: on Ctrl-C, on SIGTERM or SIGHUP of
    the demo (the signal becomes SystemExit, so ``finally`` and atexit run) and on its death."""
    worker = subprocess.Popen(
        argv, env={**os.environ}, preexec_fn=_die_with_parent if sys.platform == "linux" else None
    )

    def on_signal(signum, _frame):
        raise SystemExit(128 + signum)

    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, on_signal)
    atexit.register(stop, worker)
    return worker


def stop(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()


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
        worker = start_worker(
            [
                sys.executable,
                "-m",
                "gaoxin.cli",
                "db_worker",
                "--no-reload",
                "--interval",
                "1",
                "--no-startup-delay",
            ]
        )
        self.stdout.write(self.style.SUCCESS(f"打开 / open http://{addr}/  (Ctrl-C 停止 / to stop)"))
        # A demo shows the site's own error pages, never Django's debug page or its URL list
        # (the assets come through WhiteNoise, which reads the apps' folders).
        settings.DEBUG = False
        if insecure_key():  # the demo serves with a key of its own, never the public one
            settings.SECRET_KEY = demo_secret_key()
        try:
            call_command("runserver", addr, use_reloader=False)
        finally:
            stop(worker)
