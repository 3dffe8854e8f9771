"""What every reader produces: rows ready for ``space_save``, or a reason to reject them."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _

# Byte order marks of the UTF-16 text spreadsheets save as "Unicode text".
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_DELIMITERS = (",", ";", "\t")


class ImportFileError(Exception):
    """The whole file is unusable: nothing is imported."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class RowError(Exception):
    """One record is rejected; the others still go in."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class Row:
    """One record of a file, mapped to the directory's fields."""

    line: int
    source: str
    source_id: str
    values: dict
    translations: dict[str, dict] = field(default_factory=dict)
    # None leaves the space's networks as they are.
    networks: list[str] | None = None
    warnings: list[str] = field(default_factory=list)
    # Our own format carries every field, so an empty cell clears a value;
    # other sources only fill in what they know and never erase local edits.
    complete: bool = False


@dataclass(frozen=True)
class Format:
    """A file format: how to split a file into records and map each one."""

    name: str
    # What the position of a record counts: lines of a CSV file, items of a JSON list.
    unit: str
    records: Callable[[bytes], list[tuple[int, Any]]]
    parse: Callable[[int, Any], Row]
    name_of: Callable[[Any], str]


def decode(data: bytes) -> str:
    """Text of a file in UTF-8 (with or without BOM), UTF-16 or Windows-1252."""
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ImportFileError(_("The file is not readable text.")) from exc
    if b"\x00" in data[:4096]:
        raise ImportFileError(_("The file is not a text file (CSV, GeoJSON or JSON)."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # Five bytes are undefined in Windows-1252; Latin-1 maps every byte.
        return data.decode("latin-1")


def read_json(data: bytes) -> Any:
    try:
        return json.loads(decode(data))
    except (ValueError, RecursionError) as exc:
        raise ImportFileError(_("The file is not valid JSON.")) from exc


def read_csv(data: bytes) -> tuple[list[str], Iterator[tuple[int, dict]]]:
    """The header and an iterator of (line number, {column: value}) over non-empty rows."""
    text = decode(data)
    first_line = text.split("\n", 1)[0]
    if not first_line.strip():
        raise ImportFileError(_("The file is empty or has no header line."))
    delimiter = max(_DELIMITERS, key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [name.strip().lstrip("\ufeff") for name in next(reader)]
    except (csv.Error, StopIteration) as exc:
        raise ImportFileError(_("The file is not a readable CSV file.")) from exc
    return header, _csv_rows(reader, header)


def _csv_rows(reader, header: list[str]) -> Iterator[tuple[int, dict]]:
    previous_end = reader.line_num
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ImportFileError(
                _("The CSV file is malformed near line %(line)s.") % {"line": reader.line_num}
            ) from exc
        # A quoted cell may span lines: a record starts just after the previous one.
        line, previous_end = previous_end + 1, reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) < len(header):
            # A cut or misquoted line would otherwise shift or empty the last columns.
            yield (
                line,
                RowError(
                    _("this line has %(found)s cells where the header has %(expected)s")
                    % {"found": len(cells), "expected": len(header)}
                ),
            )
            continue
        yield line, dict(zip(header, cells, strict=False))


def csv_records(
    data: bytes, required: list[str], fold_case: bool = False
) -> list[tuple[int, dict]]:
    """Every record of a CSV file, after checking that the required columns are there."""
    header, rows = read_csv(data)
    names = [name.upper() for name in header] if fold_case else header
    missing = [name for name in required if name not in names]
    if missing:
        raise ImportFileError(
            _("Required columns are missing: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    if fold_case:
        return [
            (
                line,
                {key.upper(): value for key, value in row.items()}
                if isinstance(row, dict)
                else row,
            )
            for line, row in rows
        ]
    return list(rows)


def parse_number(value: Any) -> float | None:
    """A finite float from a number or text, accepting a decimal comma ("45,18")."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = str(value).strip().replace(",", ".").replace(" ", "")
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            return None
    return number if math.isfinite(number) else None


def clean_url(value: str, max_length: int = 200) -> str | None:
    """A web address with a scheme, or None when it is not one ("" stays "")."""
    text = (value or "").strip()
    if not text:
        return ""
    text = text.split()[0]
    if "://" not in text:
        text = "http://" + text.lstrip("/")
    try:
        URLValidator(schemes=["http", "https"])(text)
    except ValidationError:
        return None
    return text if len(text) <= max_length else None


def clean_email(value: str) -> str | None:
    """The first valid address of a cell ("a@b.fr / c@d.fr"), or None when there is none."""
    text = (value or "").strip()
    if not text:
        return ""
    for candidate in text.replace(";", " ").replace(",", " ").replace("/", " ").split():
        candidate = candidate.strip("<>()").removeprefix("mailto:")
        try:
            EmailValidator()(candidate)
        except ValidationError:
            continue
        if len(candidate) <= 254:
            return candidate
    return None


def website_or_warn(value: str, warnings: list[str]) -> str:
    """The cleaned address, or "" with a warning: a bad website never rejects a place."""
    url = clean_url(value)
    if url is None:
        warnings.append(_("website “%(value)s” is not a web address: left out") % {"value": value})
        return ""
    return url


def email_or_warn(value: str, warnings: list[str]) -> str:
    email = clean_email(value)
    if email is None:
        warnings.append(_("email “%(value)s” is not valid: left out") % {"value": value})
        return ""
    return email
