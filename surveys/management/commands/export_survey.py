"""python manage.py export_survey SLUG [--out FILE]"""

from django.core.management.base import BaseCommand, CommandError

from surveys.models import Survey
from surveys.transfer import dumps, export_survey


class Command(BaseCommand):
    help = "Write a survey (questions, choices, conditions, translations) as a JSON file."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="slug of the survey")
        parser.add_argument("--out", help="file to write (default: standard output)")

    def handle(self, *args, **options):
        survey = Survey.objects.filter(slug=options["slug"]).first()
        if survey is None:
            raise CommandError(f"no survey with the slug {options['slug']!r}")
        text = dumps(export_survey(survey))
        if not options["out"]:
            self.stdout.write(text, ending="")
            return
        try:
            with open(options["out"], "w", encoding="utf-8") as handle:
                handle.write(text)
        except OSError as exc:
            raise CommandError(f"cannot write {options['out']}: {exc.strerror}") from exc
