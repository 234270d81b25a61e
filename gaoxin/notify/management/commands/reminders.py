import datetime

from django.core.management.base import BaseCommand

from gaoxin.notify import services, tasks


class Command(BaseCommand):
    help = (
        "Build the day's reminders (催报, overdue problems and leads, the leaders' digests); "
        "--send sends the due deliveries and retries, --schedule queues the daily run on the worker."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", type=datetime.date.fromisoformat, help="YYYY-MM-DD (default: the zone's day)"
        )
        parser.add_argument("--send", action="store_true", help="send the due deliveries after building")
        parser.add_argument("--schedule", action="store_true", help="queue the next daily run (once)")

    def handle(self, *args, date=None, send=False, schedule=False, **options):
        outcome = services.messages_build(day=date)
        self.stdout.write(f"{outcome.day}: {outcome.built} messages, {outcome.queued} deliveries queued")
        if send:
            sent = services.deliveries_send_due()
            ok = sum(1 for d in sent if d.status == d.Status.SENT)
            self.stdout.write(f"{len(sent)} deliveries tried: {ok} sent, {len(sent) - ok} not")
        if schedule:
            self.stdout.write(f"next daily run: {tasks.schedule_next() or 'no deferring backend (use cron)'}")
