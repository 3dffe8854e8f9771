"""python manage.py export_spaces --format csv|geojson|json [--out FILE]"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from spaces import opendata
from spaces.selectors import SpaceQuery, search_spaces


class Command(BaseCommand):
    help = (
        "Write the directory (closed spaces left out) as open data, like the website's downloads."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=list(opendata.CONTENT_TYPES), default="csv")
        parser.add_argument("--out", help="file to write (default: standard output)")

    def handle(self, *args, **options):
        result = search_spaces(SpaceQuery(), settings.LANGUAGE_CODE)
        chunks = opendata.export_chunks(options["format"], result, source="Maillage")
        if not options["out"]:
            for chunk in chunks:
                self.stdout.write(chunk, ending="")
            return
        try:
            with open(options["out"], "w", encoding="utf-8", newline="") as handle:
                for chunk in chunks:
                    handle.write(chunk)
        except OSError as exc:
            raise CommandError(f"cannot write {options['out']}: {exc.strerror}") from exc
