"""Raw answers and aggregates as CSV or XLSX, with bounded memory at any size.

Raw answers: one row per submitted response, one column per question code (a multiple
choice joins its values with ";", and a question with an "other, please specify" choice
gets a ``<code>_other`` column). The answers are read in one query ordered by response,
through ``.iterator()``, and each response's row is written as soon as it is complete:
CSV is streamed to the client; XLSX is written by XlsxWriter in constant-memory mode to
a temporary file, then sent. The respondent column exists only for identified surveys
and only when the caller says so (coordinators).

Every text cell that a spreadsheet would take for a formula is prefixed with "'".
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.http import FileResponse, StreamingHttpResponse

from surveys import results
from surveys.models import Question, Response, Survey

Kind = Question.Kind
CHUNK = 2000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def guard(value):
    """A text cell that cannot run as a formula once opened in a spreadsheet."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class Layout:
    """The columns of the raw export, and how one response's answers fill them."""

    def __init__(self, survey: Survey, with_identity: bool):
        self.questions = results.load_questions(survey)
        self.with_identity = with_identity and not survey.anonymous
        self.choices = {c.pk: c for q in self.questions for c in q.choices.all()}
        # Yes/no may be stored as a bare "yes"/"no" text; a space as its id and slug.
        self.as_text = {q.pk for q in self.questions if q.kind in (Kind.YES_NO, Kind.SPACE)}
        self.index = {}
        header = ["response", "submitted_at", "language"]
        if self.with_identity:
            header.append("respondent")
        for q in self.questions:
            self.index[q.pk] = len(header)
            header.append(q.code)
            if any(c.is_other for c in q.choices.all()):
                header.append(f"{q.code}_other")
        self.header = header

    def answers(self, survey: Survey):
        fields = [
            "pk",
            "submitted_at",
            "language",
            "answers__question_id",
            "answers__choice_id",
            "answers__number",
            "answers__date",
            "answers__text",
        ]
        if self.with_identity:
            fields.append("respondent__username")
        return (
            Response.objects.filter(survey=survey, state=Response.State.SUBMITTED)
            .order_by("pk")
            .values_list(*fields)
            .iterator(chunk_size=CHUNK)
        )

    def rows(self, survey: Survey) -> Iterator[list]:
        """Each response's cells, built from its consecutive answer rows."""
        row, current, multiple = None, None, {}
        for pk, submitted, language, qid, choice_id, number, date, text, *who in self.answers(
            survey
        ):
            if pk != current:
                if row is not None:
                    yield self._finish(row, multiple)
                current, multiple = pk, {}
                row = [pk, submitted.isoformat() if submitted else "", language]
                if self.with_identity:
                    row.append(who[0] or "")
                row.extend([""] * (len(self.header) - len(row)))
            if qid is None or qid not in self.index:
                continue
            column = self.index[qid]
            choice = self.choices.get(choice_id)
            if choice is not None:
                multiple.setdefault(column, []).append(choice)
                if choice.is_other and text:
                    row[column + 1] = guard(text)
            elif qid in self.as_text:
                row[column] = guard(text)
            elif number is not None:
                row[column] = _number(number)
            elif date is not None:
                row[column] = date.isoformat()
            else:
                row[column] = guard(text)
        if row is not None:
            yield self._finish(row, multiple)

    @staticmethod
    def _finish(row: list, multiple: dict) -> list:
        for column, picked in multiple.items():
            picked.sort(key=lambda c: (c.position, c.pk))
            row[column] = ";".join(c.value for c in picked)
        return row


def _number(value: Decimal):
    value = value.normalize()
    return int(value) if value == value.to_integral_value() else float(value)


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
    # Typed writes, empty cells skipped: ``write_row``'s type sniffing per cell doubled
    # the time of a 100,000-row export.
    write_string, write_number = worksheet.write_string, worksheet.write_number
    for index, row in enumerate(rows):
        for column, value in enumerate(row):
            if value == "" or value is None:
                continue
            if isinstance(value, int | float):
                write_number(index, column, value)
            else:
                write_string(index, column, str(value))
    workbook.close()
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX_TYPE)


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
