"""python manage.py import_survey FILE [--user USERNAME]"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from surveys.transfer import TransferError, import_survey


class Command(BaseCommand):
    help = (
        "Create a new draft survey from a file written by export_survey (format "
        "maillage-survey, see surveys/transfer.py). All or nothing: problems are listed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSON file")
        parser.add_argument(
            "--user", help="username of its author (default: the first coordinator)"
        )

    def handle(self, *args, **options):
        author = self._author(options["user"])
        try:
            with open(options["file"], "rb") as handle:
                raw = handle.read()
        except OSError as exc:
            raise CommandError(f"cannot read {options['file']}: {exc.strerror}") from exc
        try:
            survey = import_survey(raw, by=author)
        except TransferError as exc:
            for problem in exc.problems:
                self.stderr.write(problem)
            raise CommandError(exc.message) from exc
        self.stdout.write(f"{survey.slug}")

    def _author(self, username):
        users = get_user_model().objects.filter(is_active=True)
        if username:
            author = users.filter(username=username).first()
        else:
            author = (
                users.filter(Q(is_coordinator=True) | Q(is_superuser=True)).order_by("pk").first()
            )
        if author is None:
            raise CommandError("no such user: give --user USERNAME of an existing account")
        return author
