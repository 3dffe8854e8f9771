"""`manage.py send_event_reminders`: the reminders of tomorrow's events, for a daily cron."""

from django.core.management.base import BaseCommand

from events.tasks import send_reminders


class Command(BaseCommand):
    help = "Queue the reminder emails of the events starting in 24 to 48 hours (--now: send)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--now", action="store_true", help="send in this process instead of queueing"
        )

    def handle(self, *args, now=False, **options):
        if now:
            sent = send_reminders.call()
            self.stdout.write(f"{sent} reminder(s) sent.")
        else:
            result = send_reminders.enqueue()
            self.stdout.write(f"Event reminders queued (task {result.id}).")
