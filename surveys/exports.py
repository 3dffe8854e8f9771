"""Raw answers and aggregates as CSV or XLSX, with bounded memory at any size.

Raw answers: one row per submitted response, one column per question code (a multiple
choice joins its values with ";", and a question with an "other, please specify" choice
gets a ``<code>_other`` column). The database folds the answers into one row per
response (see ``Layout``), read in order through ``.iterator()``: CSV is streamed to the
client; XLSX is written by XlsxWriter in constant-memory mode to a temporary file, then
sent. The respondent column exists only for identified surveys
and only when the caller says so (coordinators).

Every text cell that a spreadsheet would take for a formula is prefixed with "'".
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterable, Iterator

from django.db.models import BigIntegerField, Case, CharField, FloatField, Max, Q, Sum, Value, When
from django.db.models.functions import Cast
from django.http import FileResponse, StreamingHttpResponse

from surveys import results
from surveys.models import Question, Response, Survey

Kind = Question.Kind
CHUNK = 2000
# Choices per bit mask column: a question with more gets several (64-bit integers).
BITS = 60
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def guard(value):
    """A text cell that cannot run as a formula once opened in a spreadsheet."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class Layout:
    """The columns of the raw export, and the query that fills them.

    The database folds each response's answers into its row (one aggregate per column,
    grouped by response), so that Python handles 100,000 rows rather than millions of
    answers. A choice question's column is the sum of one bit per ticked choice, turned
    back into its values here; every other column takes the answer's only value.
    """

    def __init__(self, survey: Survey, with_identity: bool):
        self.questions = results.load_questions(survey)
        self.with_identity = with_identity and not survey.anonymous
        header = ["response", "submitted_at", "language"]
        if self.with_identity:
            header.append("respondent")
        # (annotation, how its value goes into the row), in the query's column order
        self.plan: list[tuple[str, object, object]] = []
        for q in self.questions:
            column = len(header)
            header.append(q.code)
            self._plan_question(q, column)
            others = [c.pk for c in q.choices.all() if c.is_other]
            if others:
                header.append(f"{q.code}_other")
                other = Q(answers__choice_id__in=others) & ~Q(answers__text="")
                self._add(Max("answers__text", filter=self._of(q) & other), column + 1, _text)
        self.header = header

    @staticmethod
    def _of(q: Question) -> Q:
        return Q(answers__question_id=q.pk)

    def _add(self, aggregate, column: int, fill) -> None:
        self.plan.append((aggregate, column, fill))

    def _plan_question(self, q: Question, column: int) -> None:
        if q.kind in results.CHOICE_KINDS:
            ordered = sorted(q.choices.all(), key=lambda c: (c.position, c.pk))
            for start in range(0, len(ordered), BITS):
                chunk = ordered[start : start + BITS]
                bits = [
                    When(answers__choice_id=c.pk, then=Value(1 << i)) for i, c in enumerate(chunk)
                ]
                mask = Sum(
                    Case(*bits, default=Value(0), output_field=BigIntegerField()),
                    filter=self._of(q),
                )
                self._add(mask, column, _Choices([c.value for c in chunk]))
            if q.kind == Kind.YES_NO:  # a bare "yes"/"no" text, when no choice was kept
                bare = self._of(q) & Q(answers__choice_id__isnull=True)
                self._add(Max("answers__text", filter=bare), column, _text_if_empty)
        elif q.kind in (Kind.SCALE, Kind.NUMBER):
            # As a float: Django's Decimal conversion of each value cost seconds.
            number = Cast(Max("answers__number", filter=self._of(q)), FloatField())
            self._add(number, column, _number_cell)
        elif q.kind == Kind.DATE:
            # As stored (text in SQLite), not parsed into a date to be printed again.
            day = Max("answers__date", filter=self._of(q), output_field=CharField())
            self._add(day, column, _date_cell)
        else:  # texts, communes (INSEE code) and spaces (slug)
            self._add(Max("answers__text", filter=self._of(q)), column, _text)

    def answers(self, survey: Survey):
        fields = ["pk", "submitted_at", "language"]
        if self.with_identity:
            fields.append("respondent__username")
        names = {f"c{i}": aggregate for i, (aggregate, _c, _f) in enumerate(self.plan)}
        return (
            Response.objects.filter(survey=survey, state=Response.State.SUBMITTED)
            .order_by("pk")
            .values(*fields)
            .annotate(**names)
            .values_list(*fields, *names)
            .iterator(chunk_size=CHUNK)
        )

    def rows(self, survey: Survey) -> Iterator[list]:
        width = len(self.header)
        fixed = 4 if self.with_identity else 3
        fills = [(column, fill) for _a, column, fill in self.plan]
        for values in self.answers(survey):
            pk, submitted, language = values[:3]
            row = [pk, submitted.isoformat() if submitted else "", language]
            if self.with_identity:
                row.append(values[3] or "")
            row.extend([""] * (width - fixed))
            for (column, fill), value in zip(fills, values[fixed:], strict=True):
                if value is not None:
                    fill(row, column, value)
            yield row


class _Choices:
    """Writes the values of the set bits of a choice mask, after those already there."""

    def __init__(self, values: list[str]):
        self.values = values
        self.known: dict[int, str] = {}

    def __call__(self, row: list, column: int, mask: int) -> None:
        text = self.known.get(mask)
        if text is None:
            text = ";".join(v for i, v in enumerate(self.values) if mask >> i & 1)
            self.known[mask] = text
        if text:
            row[column] = f"{row[column]};{text}" if row[column] else text


def _text(row: list, column: int, value) -> None:
    row[column] = guard(value)


def _text_if_empty(row: list, column: int, value) -> None:
    if not row[column]:
        row[column] = guard(value)


def _number_cell(row: list, column: int, value: float) -> None:
    row[column] = int(value) if value.is_integer() else value


def _date_cell(row: list, column: int, value) -> None:
    row[column] = value.isoformat() if hasattr(value, "isoformat") else str(value)


def aggregate_rows(survey: Survey, language: str) -> Iterator[list]:
    """question, text, choice, label, count, percentage, base: one row per bar."""
    yield ["question", "question_text", "choice", "label", "count", "percentage", "base"]
    computed = results.compute(survey, language, top=None)
    for result in computed.questions:
        code, text = result.question.code, guard(result.text)
        if not result.rows:
            yield [
                code,
                text,
                "",
                "",
                result.answered,
                _round(result.answered, result.base),
                result.base,
            ]
        for row in result.rows:
            yield [
                code,
                text,
                guard(row.value),
                guard(row.label),
                row.count,
                round(row.percent, 1),
                result.base,
            ]


def _round(count: int, base: int) -> float:
    return round(100.0 * count / base, 1) if base else 0.0


# --- Writers ------------------------------------------------------------------------


class _Echo:
    """The file-like object csv.writer needs; each write returns the line to stream."""

    def write(self, value):
        return value


def csv_response(rows: Iterable[list], filename: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"  # so that spreadsheets read the file as UTF-8
        for row in rows:
            yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(rows: Iterable[list], filename: str, sheet: str) -> FileResponse:
    """Rows written in constant memory to a temporary file, deleted once sent."""
    import xlsxwriter

    handle = tempfile.NamedTemporaryFile(suffix=".xlsx")  # noqa: SIM115 (FileResponse closes it)
    workbook = xlsxwriter.Workbook(
        handle.name,
        {
            "constant_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "tmpdir": tempfile.gettempdir(),
        },
    )
    worksheet = workbook.add_worksheet(sheet)
    _write_cells(worksheet, rows)
    workbook.close()
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX_TYPE)


def _write_cells(worksheet, rows: Iterable[list]) -> None:
    # Typed writes, empty cells skipped: ``write_row``'s type sniffing per cell doubled
    # the time of a 100,000-row export. (A writer thread fed by this one was tried: the
    # GIL made it slower than this loop.)
    write_string, write_number = worksheet.write_string, worksheet.write_number
    for index, row in enumerate(rows):
        for column, value in enumerate(row):
            if value == "" or value is None:
                continue
            if isinstance(value, int | float):
                write_number(index, column, value)
            else:
                write_string(index, column, str(value))


def raw_csv(survey: Survey, with_identity: bool) -> StreamingHttpResponse:
    layout = Layout(survey, with_identity)
    rows = _with_header(layout.header, layout.rows(survey))
    return csv_response(rows, f"{survey.slug}-answers.csv")


def raw_xlsx(survey: Survey, with_identity: bool) -> FileResponse:
    layout = Layout(survey, with_identity)
    rows = _with_header(layout.header, layout.rows(survey))
    return xlsx_response(rows, f"{survey.slug}-answers.xlsx", "answers")


def aggregates_csv(survey: Survey, language: str) -> StreamingHttpResponse:
    return csv_response(aggregate_rows(survey, language), f"{survey.slug}-results.csv")


def aggregates_xlsx(survey: Survey, language: str) -> FileResponse:
    rows = aggregate_rows(survey, language)
    return xlsx_response(rows, f"{survey.slug}-results.xlsx", "results")


def _with_header(header: list, rows: Iterator[list]) -> Iterator[list]:
    yield header
    yield from rows
