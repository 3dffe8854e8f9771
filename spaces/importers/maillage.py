"""Our own format, as ``spaces.opendata`` writes it: CSV, GeoJSON or JSON.

A record carries every field, so importing an export gives back the same
values, descriptions and networks.
"""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext as _

from spaces.importers.base import Format, ImportFileError, Row, RowError, csv_records, read_json
from spaces.models import Space
from spaces.values import EDITABLE_FIELDS, TRANSLATED_FIELDS

SOURCE = "maillage"
REQUIRED_COLUMNS = ["id", "name"]
_TRUE = {"true", "1", "yes", "oui"}
_FALSE = {"false", "0", "no", "non"}


def stable_id(space: Space) -> str:
    """The identifier an export gives a space, kept across exports and imports."""
    if space.source_id:
        return f"{space.source}:{space.source_id}"
    return f"{SOURCE}:{space.slug}"


def split_id(value: str) -> tuple[str, str]:
    source, sep, source_id = value.partition(":")
    if not sep or not source or not source_id:
        raise RowError(
            _("the identifier “%(id)s” must look like “source:identifier”") % {"id": value}
        )
    return source, source_id


def csv_file_records(data: bytes) -> list[tuple[int, dict]]:
    return csv_records(data, REQUIRED_COLUMNS)


def geojson_records(data: bytes) -> list[tuple[int, dict]]:
    document = read_json(data)
    features = document.get("features") if isinstance(document, dict) else None
    if not isinstance(features, list):
        raise ImportFileError(_("This GeoJSON file has no list of features."))
    return [
        (number, feature.get("properties") if isinstance(feature, dict) else None)
        for number, feature in enumerate(features, start=1)
    ]


def json_records(data: bytes) -> list[tuple[int, dict]]:
    document = read_json(data)
    spaces = document.get("spaces") if isinstance(document, dict) else None
    if not isinstance(spaces, list):
        raise ImportFileError(_("This JSON file has no list of spaces."))
    return list(enumerate(spaces, start=1))


def name_of(record) -> str:
    return str(record.get("name") or "") if isinstance(record, dict) else ""


def parse(line: int, record) -> Row:
    if not isinstance(record, dict):
        raise RowError(_("this item is not a set of properties"))
    source, source_id = split_id(str(record.get("id") or "").strip())
    if not str(record.get("name") or "").strip():
        raise RowError(_("the name is missing"))
    values = {name: _value(name, record[name]) for name in EDITABLE_FIELDS if name in record}
    _check_social_links(values.get("social_links", ""))
    translations = {}
    for language, _label in settings.LANGUAGES:
        texts = {
            field: str(record[f"{field}_{language}"] or "")
            for field in TRANSLATED_FIELDS
            if f"{field}_{language}" in record
        }
        if texts:
            translations[language] = texts
    return Row(
        line=line,
        source=source,
        source_id=source_id,
        values=values,
        translations=translations,
        networks=_networks(record["networks"]) if "networks" in record else None,
        complete=True,
    )


def _networks(value) -> list[str]:
    if isinstance(value, list):
        return [str(item).strip() for item in value if str(item).strip()]
    return [part.strip() for part in str(value or "").split("|") if part.strip()]


def _check_social_links(value: str) -> None:
    validate = URLValidator(schemes=["http", "https"])
    for line in (value or "").splitlines():
        if line.strip():
            try:
                validate(line.strip())
            except ValidationError as exc:
                raise RowError(
                    _("social link “%(value)s” is not a web address") % {"value": line.strip()}
                ) from exc


def _value(name: str, raw):
    """A model value from a CSV cell (text) or a JSON value (typed)."""
    field = Space._meta.get_field(name)
    text = "" if raw is None else str(raw).strip()
    if isinstance(field, models.BooleanField):
        if isinstance(raw, bool):
            return raw
        if not text:
            return None if field.null else False
        if text.lower() in _TRUE | _FALSE:
            return text.lower() in _TRUE
        raise _invalid(name, text)
    if isinstance(field, models.CharField | models.TextField):
        return "" if raw is None else str(raw)
    if not text:
        return None
    try:
        if isinstance(field, models.DecimalField):
            number = Decimal(text.replace(",", "."))
            if not number.is_finite():
                raise ValueError(text)
            return number
        number = float(text.replace(",", "."))
        if not math.isfinite(number):
            raise ValueError(text)
        if isinstance(field, models.FloatField):
            return number
        if number != int(number):
            raise ValueError(text)
        return int(number)
    except (ValueError, InvalidOperation, OverflowError) as exc:
        raise _invalid(name, text) from exc


def _invalid(name: str, text: str) -> RowError:
    return RowError(
        _("%(field)s: “%(value)s” is not a valid value")
        % {"field": Space._meta.get_field(name).verbose_name, "value": text}
    )


MAILLAGE_CSV = Format(
    name="maillage-csv", unit="line", records=csv_file_records, parse=parse, name_of=name_of
)
MAILLAGE_GEOJSON = Format(
    name="maillage-geojson", unit="feature", records=geojson_records, parse=parse, name_of=name_of
)
MAILLAGE_JSON = Format(
    name="maillage-json", unit="feature", records=json_records, parse=parse, name_of=name_of
)
