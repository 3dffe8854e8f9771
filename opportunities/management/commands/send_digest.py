"""`manage.py send_digest`: the weekly digest, called by a cron once a week."""

from django.core.management.base import BaseCommand

from opportunities.tasks import send_weekly_digests


class Command(BaseCommand):
    help = "Queue the weekly email digest (or send it at once with --now)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--now", action="store_true", help="send in this process instead of queueing"
        )

    def handle(self, *args, now=False, **options):
        if now:
            sent = send_weekly_digests.call()
            self.stdout.write(f"{sent} digest(s) sent.")
        else:
            result = send_weekly_digests.enqueue()
            self.stdout.write(f"Weekly digest queued (task {result.id}).")
