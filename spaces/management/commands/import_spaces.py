"""python manage.py import_spaces FILE [--format F] [--dry-run]"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from spaces.importers import FORMATS, ImportFileError, import_file
from spaces.importers.run import REJECTED


class Command(BaseCommand):
    help = (
        "Import spaces from a Maillage export, the CGET national file or an OpenStreetMap "
        "export. Bad rows are reported and skipped; the last line is the summary."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV, GeoJSON or JSON file")
        parser.add_argument(
            "--format", choices=list(FORMATS), help="skip detection and read the file as this"
        )
        parser.add_argument("--dry-run", action="store_true", help="check every row, write nothing")

    def handle(self, *args, **options):
        try:
            report = import_file(options["file"], fmt=options["format"], dry_run=options["dry_run"])
        except ImportFileError as exc:
            raise CommandError(exc.message) from exc
        feature = report.unit == "feature"
        for row in report.rows:
            if options["verbosity"] >= 2 and row.action != REJECTED:
                self.stdout.write(self._line(feature, row.line, row.action_label, row.name))
            if row.action == REJECTED:
                self.stdout.write(self._rejected(feature, row.line, row.reason))
            for warning in row.warnings:
                self.stdout.write(self._warning(feature, row.line, warning))
        if report.dry_run:
            self.stdout.write(_("Dry run: nothing was written."))
        self.stdout.write(report.summary)

    # Whole sentences per unit, so that translators never glue fragments.
    def _rejected(self, feature, line, reason):
        if feature:
            return _("feature %(line)s: rejected: %(reason)s") % {"line": line, "reason": reason}
        return _("line %(line)s: rejected: %(reason)s") % {"line": line, "reason": reason}

    def _warning(self, feature, line, warning):
        if feature:
            return _("feature %(line)s: warning: %(warning)s") % {"line": line, "warning": warning}
        return _("line %(line)s: warning: %(warning)s") % {"line": line, "warning": warning}

    def _line(self, feature, line, action, name):
        values = {"line": line, "action": action, "name": name}
        if feature:
            return _("feature %(line)s: %(action)s: %(name)s") % values
        return _("line %(line)s: %(action)s: %(name)s") % values
