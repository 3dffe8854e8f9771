"""Import a file row by row: good rows go in, bad ones are reported with their reason."""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spaces import services
from spaces.importers.base import Format, ImportFileError, Row, RowError
from spaces.importers.detect import get_format
from spaces.models import Network, Space, SpaceRevision

CREATED, UPDATED, UNCHANGED, REJECTED = "created", "updated", "unchanged", "rejected"
ACTION_LABELS = {
    CREATED: gettext_lazy("New"),
    UPDATED: gettext_lazy("Updated"),
    UNCHANGED: gettext_lazy("Unchanged"),
    REJECTED: gettext_lazy("Rejected"),
}


@dataclass
class RowResult:
    line: int
    action: str
    name: str
    reason: str = ""
    warnings: list[str] = field(default_factory=list)
    slug: str = ""

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS.get(self.action, self.action))


@dataclass
class ImportReport:
    format: str
    # "line" for CSV files, "feature" for JSON: what ``RowResult.line`` counts.
    unit: str
    dry_run: bool
    rows: list[RowResult] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def summary(self) -> str:
        """The last line of every report, kept in English so scripts can read it.

        Rows found unchanged count as updated: the three numbers add up to the rows read.
        """
        return (
            f"imported {self.count(CREATED)}, "
            f"updated {self.count(UPDATED) + self.count(UNCHANGED)}, "
            f"rejected {self.count(REJECTED)}"
        )

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> ImportReport:
        rows = [RowResult(**row) for row in data.get("rows", [])]
        return cls(
            format=data.get("format", ""),
            unit=data.get("unit", "line"),
            dry_run=bool(data.get("dry_run")),
            rows=rows,
        )


class _Unchanged(Exception):
    """Raised inside a row's savepoint to undo a save that changed nothing."""


def import_file(
    source: str | Path | bytes,
    *,
    fmt: str | None = None,
    dry_run: bool = False,
    user=None,
    filename: str = "",
) -> ImportReport:
    """Import a file's spaces; with ``dry_run`` everything is validated then rolled back.

    Raises ImportFileError, before writing anything, when the file as a whole is unusable.
    """
    if isinstance(source, bytes):
        data = source
    else:
        filename = filename or str(source)
        try:
            data = Path(source).read_bytes()
        except OSError as exc:
            raise ImportFileError(
                _("Cannot read %(file)s: %(error)s") % {"file": source, "error": exc.strerror}
            ) from exc
    reader = get_format(fmt, data, filename)
    records = reader.records(data)
    report = ImportReport(format=reader.name, unit=reader.unit, dry_run=dry_run)
    # A real import commits row by row; a dry run keeps one transaction and rolls it back,
    # so that it validates exactly what the real run would.
    with transaction.atomic() if dry_run else nullcontext():
        seen: dict[tuple[str, str], int] = {}
        existing = _Existing()
        for line, record in records:
            report.rows.append(_import_record(reader, line, record, seen, existing, user))
        if dry_run:
            transaction.set_rollback(True)
    return report


def _import_record(
    reader: Format, line: int, record, seen: dict, existing: _Existing, user
) -> RowResult:
    if isinstance(record, RowError):
        # The reader could not even split this record into fields.
        return RowResult(line=line, action=REJECTED, name="", reason=record.reason)
    name = reader.name_of(record)
    try:
        row = reader.parse(line, record)
        name = row.values.get("name") or name
        key = (row.source, row.source_id)
        if key in seen:
            raise RowError(
                _("the identifier %(id)s already appears on line %(line)s")
                % {"id": row.source_id, "line": seen[key]}
            )
        seen[key] = line
        action, space = _apply(row, existing, user)
    except RowError as exc:
        return RowResult(line=line, action=REJECTED, name=name, reason=exc.reason)
    except ValidationError as exc:
        return RowResult(line=line, action=REJECTED, name=name, reason=_explain(exc))
    except DatabaseError as exc:
        reason = _("the database refused the row: %(error)s") % {"error": exc}
        return RowResult(line=line, action=REJECTED, name=name, reason=reason)
    return RowResult(line=line, action=action, name=name, warnings=row.warnings, slug=space.slug)


def _explain(error: ValidationError) -> str:
    """Field errors as "label: message", in the active language."""
    if not hasattr(error, "error_dict"):
        return "; ".join(error.messages)
    parts = []
    for field_name, errors in error.message_dict.items():
        try:
            label = str(Space._meta.get_field(field_name).verbose_name)
        except FieldDoesNotExist:  # NON_FIELD_ERRORS
            label = ""
        for message in errors:
            parts.append(f"{label}: {message}" if label else message)
    return "; ".join(parts)


def _apply(row: Row, known: _Existing, user) -> tuple[str, Space]:
    # Every query of the row sits in its savepoint: a database error undoes only this row.
    try:
        with transaction.atomic():
            existing = known.find(row)
            values = dict(row.values)
            if existing is not None and not row.complete:
                values = {key: value for key, value in values.items() if value not in ("", None)}
            _check_point(values, existing)
            translations = _translations(row, existing, values)
            if row.networks is not None:
                values["networks"] = [_network(name) for name in row.networks]
            space = services.space_save(
                space=existing or Space(source=row.source, source_id=row.source_id),
                values=values,
                translations=translations,
                user=user,
                origin="import",
            )
            if existing is not None and not _revised_since(space, existing.last_revision):
                # Nothing changed: undo the save so updated_at and the opening slots stay.
                raise _Unchanged(space)
    except _Unchanged as unchanged:
        return UNCHANGED, unchanged.args[0]
    return (CREATED if existing is None else UPDATED), space


class _Existing:
    """The spaces a file may update, loaded with one query per source.

    A row's space is used once (repeated identifiers are rejected), so an object
    left modified by a rolled-back row is never saved again.
    """

    def __init__(self):
        self._by_source: dict[str, dict[str, Space]] = {}

    def find(self, row: Row) -> Space | None:
        if row.source not in self._by_source:
            spaces = _with_last_revision(Space.objects.filter(source=row.source))
            self._by_source[row.source] = {s.source_id: s for s in spaces if s.source_id}
        found = self._by_source[row.source].get(row.source_id)
        if found is None and row.source == "maillage":
            # An export of this directory names its own spaces "maillage:<slug>".
            found = _with_last_revision(Space.objects.filter(source="", slug=row.source_id)).first()
        return found


def _with_last_revision(spaces):
    return spaces.annotate(last_revision=Max("revisions__pk")).order_by()


def _revised_since(space: Space, last_revision: int | None) -> bool:
    return SpaceRevision.objects.filter(space=space, pk__gt=last_revision or 0).exists()


def _check_point(values: dict, existing: Space | None) -> None:
    lat = values.get("latitude", existing.latitude if existing else None)
    lon = values.get("longitude", existing.longitude if existing else None)
    if (lat is None) != (lon is None):
        raise RowError(_("give both latitude and longitude, or neither"))


def _translations(row: Row, existing: Space | None, values: dict) -> dict[str, dict]:
    """Descriptions to save, the source language first so others are marked outdated after."""
    known = set()
    if existing is not None and row.translations:
        known = set(existing.translations.values_list("language", flat=True))
    # An empty cell clears a description that exists, but never creates an empty one.
    kept = {
        language: texts
        for language, texts in row.translations.items()
        if any(texts.values()) or language in known
    }
    source_language = values.get("source_language") or (
        existing.source_language if existing else "fr"
    )
    return dict(sorted(kept.items(), key=lambda item: item[0] != source_language))


def _network(name: str) -> Network:
    """The network with this slug or name, created when the directory has none."""
    slug = slugify(name)[:120]
    if not slug:
        raise RowError(_("“%(name)s” is not a usable network name") % {"name": name})
    found = (
        Network.objects.filter(slug=slug).first()
        or Network.objects.filter(name__iexact=name).first()
    )
    return found or Network.objects.create(name=name[:120], slug=slug)
