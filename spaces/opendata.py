"""The directory as open data: CSV, GeoJSON and JSON in the Maillage format.

Writers yield text chunks so a response can stream them; spaces are read by
chunks of ids with their networks and descriptions prefetched, so an export
costs a few queries per thousand spaces. The CSV carries no comment line: it
must stay re-importable, and its licence travels in the HTTP headers and on
the open-data page.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from spaces.importers.maillage import stable_id
from spaces.models import Network, Space, SpaceTranslation
from spaces.selectors import SearchResult
from spaces.values import EDITABLE_FIELDS, TRANSLATED_FIELDS, current_values

CHUNK_SIZE = 500
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "geojson": "application/geo+json",
    "json": "application/json",
}


def columns(languages: Iterable[str]) -> list[str]:
    """The CSV columns (and JSON properties), in order."""
    described = [f"{field}_{lang}" for lang in languages for field in TRANSLATED_FIELDS]
    return ["id", "slug", *EDITABLE_FIELDS, "networks", *described, "updated_at"]


def _as_result(spaces: SearchResult | QuerySet) -> SearchResult:
    return spaces if isinstance(spaces, SearchResult) else SearchResult(queryset=spaces)


def _ids(result: SearchResult) -> list[int]:
    if result.ordered_ids is not None:
        return list(result.ordered_ids)
    return list(result.queryset.values_list("pk", flat=True))


def languages_with_text(result: SearchResult) -> list[str]:
    """Languages, in settings order, in which at least one exported space has a description."""
    spaces = result.queryset.order_by()
    if result.ordered_ids is not None:
        spaces = spaces.filter(pk__in=result.ordered_ids)
    used = set(
        SpaceTranslation.objects.filter(space__in=spaces.values("pk"))
        .filter(~Q(short_description="") | ~Q(description=""))
        .order_by()
        .values_list("language", flat=True)
        .distinct()
    )
    return [code for code, _name in settings.LANGUAGES if code in used]


def iter_spaces(result: SearchResult) -> Iterator[Space]:
    """The result's spaces in its order, each with networks and descriptions prefetched."""
    ids = _ids(result)
    related = (
        Prefetch("networks", queryset=Network.objects.order_by("slug")),
        Prefetch("translations", queryset=SpaceTranslation.objects.order_by("language")),
    )
    for start in range(0, len(ids), CHUNK_SIZE):
        chunk = ids[start : start + CHUNK_SIZE]
        by_pk = Space.objects.filter(pk__in=chunk).prefetch_related(*related).in_bulk()
        yield from (by_pk[pk] for pk in chunk if pk in by_pk)


def space_record(space: Space, languages: list[str]) -> dict:
    """One space as JSON-ready values under the export's column names."""
    values = current_values(space)
    record = {"id": stable_id(space), "slug": space.slug}
    for field in EDITABLE_FIELDS:
        value = getattr(space, field)
        # Prices as numbers for data users; Decimal(str(float)) gives the same price back.
        record[field] = float(value) if isinstance(value, Decimal) else values[field]
    record["networks"] = values["networks"]
    texts = {t.language: t for t in space.translations.all()}
    for language in languages:
        translation = texts.get(language)
        for field in TRANSLATED_FIELDS:
            record[f"{field}_{language}"] = getattr(translation, field) if translation else ""
    record["updated_at"] = space.updated_at.isoformat()
    return record


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "|".join(value)
    return str(value)


def _price_text(space: Space, field: str) -> str:
    value = getattr(space, field)
    return "" if value is None else str(value)


def csv_chunks(spaces: SearchResult | QuerySet) -> Iterator[str]:
    result = _as_result(spaces)
    languages = languages_with_text(result)
    header = columns(languages)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for space in iter_spaces(result):
        record = space_record(space, languages)
        # Prices keep their two decimals in the CSV, as typed.
        for field in ("price_day", "price_week", "price_month"):
            record[field] = _price_text(space, field)
        writer.writerow([_cell(record[name]) for name in header])
        if buffer.tell() > 64 * 1024:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _envelope(source: str) -> dict:
    return {
        "licence": settings.OPEN_DATA_LICENCE,
        "licence_url": settings.OPEN_DATA_LICENCE_URL,
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "source": source,
    }


def _json_list(head: dict, key: str, items: Iterator[dict]) -> Iterator[str]:
    """``head`` as a JSON object whose ``key`` holds the streamed ``items``."""
    opening = json.dumps(head, ensure_ascii=False)[:-1]
    yield f'{opening}, "{key}": ['
    for number, item in enumerate(items):
        yield ("," if number else "") + "\n" + json.dumps(item, ensure_ascii=False)
    yield "\n]}\n"


def geojson_chunks(spaces: SearchResult | QuerySet, *, source: str = "Maillage") -> Iterator[str]:
    result = _as_result(spaces)
    languages = languages_with_text(result)

    def features():
        for space in iter_spaces(result):
            geometry = None
            if space.has_point:
                geometry = {"type": "Point", "coordinates": [space.longitude, space.latitude]}
            properties = space_record(space, languages)
            yield {"type": "Feature", "geometry": geometry, "properties": properties}

    head = {"type": "FeatureCollection", **_envelope(source)}
    return _json_list(head, "features", features())


def json_chunks(spaces: SearchResult | QuerySet, *, source: str = "Maillage") -> Iterator[str]:
    result = _as_result(spaces)
    languages = languages_with_text(result)
    head = {**_envelope(source), "count": result.count}
    records = (space_record(space, languages) for space in iter_spaces(result))
    return _json_list(head, "spaces", records)


def export_chunks(fmt: str, spaces: SearchResult | QuerySet, *, source: str) -> Iterator[str]:
    """The chunks of an export in ``fmt`` (a key of CONTENT_TYPES)."""
    if fmt == "csv":
        return csv_chunks(spaces)
    if fmt == "geojson":
        return geojson_chunks(spaces, source=source)
    if fmt == "json":
        return json_chunks(spaces, source=source)
    raise ValueError(f"unknown export format {fmt!r}")
