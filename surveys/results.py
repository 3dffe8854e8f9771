"""A survey's results, aggregated in the database: a handful of GROUP BY queries for the
whole page, whatever the number of responses.

Only submitted responses count. The base of a question is the number of respondents who
saw it: every respondent for an unconditional question, else those who gave one of the
condition's choices. Percentages are of that base, so a multiple choice question may sum
over 100 %. A cross-tabulation ("by") splits the choice and numeric questions per answer
to one single choice question, with one more GROUP BY over a correlated subquery.

The page does not run these queries over every answer each time: it reads the running
counts that ``surveys/tallies.py`` keeps (``raw_tables`` runs over all the answers once,
then over each newly submitted response's answers alone).

How answers are stored is described in ``surveys/answering.py``.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    F,
    Max,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncMonth

from spaces.places import communes
from surveys import charts
from surveys.models import Answer, Question, Response, Survey
from surveys.texts import Texts

Kind = Question.Kind
CHOICE_KINDS = {Kind.SINGLE, Kind.MULTIPLE, Kind.YES_NO}
# Questions that may split the others: each respondent gives at most one answer.
BY_KINDS = {Kind.SINGLE, Kind.YES_NO}
NUMERIC_KINDS = {Kind.SCALE, Kind.NUMBER}
TEXT_KINDS = {Kind.SHORT_TEXT, Kind.LONG_TEXT}
# A number question with more distinct values than this is drawn in bins.
MAX_VALUES = 12
BINS = 10
# Communes and spaces: the most frequent ones on the page (all of them in the export).
TOP_PLACES = 20


class ResultsError(ValueError):
    """A bad request for results, with a message the person can read (translated)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Row:
    label: str
    count: int
    percent: float
    value: str = ""  # stable value for the exports ("printer", "3", "2015-04")
    cells: list[tuple[int, float]] = field(default_factory=list)  # per column of a split


@dataclass
class Column:
    label: str
    base: int


@dataclass
class QuestionResult:
    question: Question
    text: str
    base: int  # respondents who saw the question
    answered: int
    rows: list[Row] = field(default_factory=list)
    columns: list[Column] = field(default_factory=list)
    mean: float | None = None
    median: float | None = None
    others: int = 0  # "other, please specify" texts
    more: int = 0  # places left off the page
    chart: object = None

    @property
    def display(self) -> str:
        """Which partial draws it: choices, distribution, months, places or texts."""
        kind = self.question.kind
        if kind in CHOICE_KINDS:
            return "choices"
        if kind in NUMERIC_KINDS:
            return "distribution"
        if kind == Kind.DATE:
            return "months"
        if kind in (Kind.COMMUNE, Kind.SPACE):
            return "places"
        return "texts"


@dataclass
class Results:
    survey: Survey
    respondents: int
    questions: list[QuestionResult]
    by: Question | None = None


def load_questions(survey: Survey) -> list[Question]:
    """The questions in order with their choices and conditions (three queries)."""
    return list(
        Question.objects.filter(section__survey=survey)
        .select_related("section")
        .prefetch_related("choices", "condition_choices")
    )


def submitted_answers(question_ids):
    return Answer.objects.filter(
        question_id__in=question_ids, response__state=Response.State.SUBMITTED
    ).order_by()


def choice_key(questions):
    """The answer's choice id; yes/no answers stored as a bare "yes"/"no" text map to the
    question's yes and no choices, so that both storages aggregate alike."""
    whens = [
        When(question_id=q.pk, choice_id__isnull=True, text=c.value, then=Value(c.pk))
        for q in questions
        if q.kind == Kind.YES_NO
        for c in q.choices.all()
    ]
    if not whens:
        return F("choice_id")
    return Coalesce(F("choice_id"), Case(*whens, output_field=BigIntegerField()))


def by_question(questions: list[Question], code: str) -> Question:
    """The question to split by, or ResultsError (unknown code, not a single choice)."""
    from django.utils.translation import gettext as _

    found = next((q for q in questions if q.code == code), None)
    if found is None:
        raise ResultsError(
            _("This survey has no question with the code “%(code)s”.") % {"code": code}
        )
    if found.kind not in BY_KINDS:
        raise ResultsError(_("Results can only be split by a single choice or yes/no question."))
    return found


def by_key(by: Question):
    """Each answer's respondent's choice to ``by`` (a correlated subquery)."""
    inner = (
        Answer.objects.filter(response_id=OuterRef("response_id"), question_id=by.pk)
        .annotate(by_key=choice_key([by]))
        .values("by_key")[:1]
    )
    return Subquery(inner, output_field=BigIntegerField())


@dataclass
class Scope:
    """Which answers count: the survey's, minus those of unsubmitted responses, or the
    answers of one response (``response_id``: the counts a submission adds).

    Counting every answer of a question reads the answer indexes alone, without a join
    to the responses; the few drafts' answers are then counted apart (through the
    response index) and subtracted. ``stamp`` changes whenever a response is submitted
    or deleted: the tally sets keep it to know whether they are still exact.
    """

    survey: Survey
    submitted: int
    drafts: int
    stamp: tuple
    response_id: int | None = None

    @classmethod
    def of(cls, survey: Survey) -> Scope:
        # Two queries that the index (survey, state, submitted_at) answers on its own.
        responses = Response.objects.filter(survey=survey).order_by()
        row = responses.filter(state=Response.State.SUBMITTED).aggregate(
            submitted=Count("id"), last=Max("id"), when=Max("submitted_at")
        )
        drafts = responses.filter(state=Response.State.DRAFT).count()
        stamp = (row["submitted"], row["last"], row["when"])
        return cls(survey, row["submitted"], drafts, stamp)

    @classmethod
    def of_response(cls, response: Response) -> Scope:
        return cls(response.survey, 1, 0, (), response_id=response.pk)

    def count(self, build, ids) -> dict:
        """``build(answers)`` -> (key, count) pairs, over submitted answers only."""
        ids = list(ids)
        if not ids:
            return {}
        every = Answer.objects.filter(question_id__in=ids).order_by()
        if self.response_id is not None:
            every = every.filter(response_id=self.response_id)
        counts = dict(build(every))
        if self.drafts:
            unsent = Response.objects.filter(survey=self.survey).exclude(
                state=Response.State.SUBMITTED
            )
            for key, n in build(every.filter(response_id__in=unsent.values("pk"))):
                counts[key] = counts.get(key, 0) - n
        return {key: n for key, n in counts.items() if n}


@dataclass
class Tables:
    """Every count of the results page, as the GROUP BY queries give them.

    ``saw``: respondents who saw each conditional question (unconditional ones were seen
    by all); ``answered``: respondents who answered, per question; ``chosen``,
    ``numbers``: {(question id, choice id or number, split choice id or None): count};
    ``months``, ``places``: the same without a split; ``others``: "other, please
    specify" texts per question; ``columns``: {(question id, split choice id): answered}.
    """

    saw: dict = field(default_factory=dict)
    answered: dict = field(default_factory=dict)
    chosen: dict = field(default_factory=dict)
    numbers: dict = field(default_factory=dict)
    months: dict = field(default_factory=dict)
    places: dict = field(default_factory=dict)
    others: dict = field(default_factory=dict)
    columns: dict = field(default_factory=dict)


def _bases(questions: list[Question], scope: Scope) -> tuple[dict[int, int], dict[int, int]]:
    """(respondents who saw each conditional question, respondents who answered each)."""
    ids = [q.pk for q in questions]
    # One answer per respondent except for multiple choice: count rows, not distinct ids.
    several = {q.pk for q in questions if q.kind == Kind.MULTIPLE}
    answered = scope.count(
        lambda rows: (
            rows.values("question_id").annotate(n=Count("id")).values_list("question_id", "n")
        ),
        [pk for pk in ids if pk not in several],
    )
    answered.update(
        scope.count(
            lambda rows: (
                rows.values("question_id")
                .annotate(n=Count("response_id", distinct=True))
                .values_list("question_id", "n")
            ),
            several,
        )
    )
    known = set(ids)
    conditional = [q for q in questions if q.condition_question_id in known]
    saw = {}
    if conditional:
        by_pk = {q.pk: q for q in questions}
        sources = [by_pk[q.condition_question_id] for q in conditional]
        counts = scope.count(
            lambda rows: (
                rows.annotate(key=choice_key(sources))
                .aggregate(
                    **{
                        f"q{q.pk}": Count(
                            "response_id",
                            distinct=True,
                            filter=Q(question_id=q.condition_question_id)
                            & Q(key__in=[c.pk for c in q.condition_choices.all()]),
                        )
                        for q in conditional
                    }
                )
                .items()
            ),
            {s.pk for s in sources},
        )
        saw = {q.pk: counts[f"q{q.pk}"] for q in conditional if counts.get(f"q{q.pk}")}
    return saw, answered


def bases(questions: list[Question], total: int, tables: Tables) -> tuple[dict, dict]:
    """(respondents who saw, respondents who answered) per question id."""
    known = {q.pk for q in questions}
    saw = {
        q.pk: tables.saw.get(q.pk, 0) if q.condition_question_id in known else total
        for q in questions
    }
    # Answers kept from before a condition changed still count in the base.
    return (
        {pk: max(n, tables.answered.get(pk, 0)) for pk, n in saw.items()},
        tables.answered,
    )


def _grouped(scope: Scope, ids, key, by: Question | None) -> dict:
    """{(question id, key, by choice id or None): count} in one GROUP BY."""

    def build(rows):
        rows = rows.annotate(key=key)
        names = ["question_id", "key"]
        if by is not None:
            rows = rows.annotate(by=by_key(by))
            names.append("by")
        for row in rows.values(*names).annotate(n=Count("id")):
            yield (row["question_id"], row["key"], row.get("by")), row["n"]

    return scope.count(build, ids)


def _column_bases(scope: Scope, ids, by: Question) -> dict[tuple[int, int], int]:
    def build(rows):
        rows = rows.annotate(by=by_key(by)).values("question_id", "by")
        for row in rows.annotate(n=Count("response_id", distinct=True)):
            yield (row["question_id"], row["by"]), row["n"]

    return scope.count(build, ids)


def _percent(count: int, base: int) -> float:
    return 100.0 * count / base if base else 0.0


def compute(
    survey: Survey, language: str, by_code: str = "", top: int | None = TOP_PLACES
) -> Results:
    """Every question's aggregates; raises ResultsError for a bad ``by_code``. ``top``
    limits the communes and spaces listed (None: all of them, for the exports)."""
    from surveys import tallies  # here: tallies imports this module

    questions = load_questions(survey)
    by = by_question(questions, by_code) if by_code else None
    texts = Texts(survey, language)
    scope = Scope.of(survey)
    total = scope.submitted
    split_ids = {q.pk for q in questions if q.kind in CHOICE_KINDS | NUMERIC_KINDS}
    tables = tallies.tables(survey, questions, by, scope)
    saw, answered = bases(questions, total, tables)
    chosen, numbers, months, places = tables.chosen, tables.numbers, tables.months, tables.places
    others, column_bases = tables.others, tables.columns
    of_kind = defaultdict(list)
    for q in questions:
        of_kind[q.kind].append(q)
    columns = _columns(by, texts) if by is not None else []
    space_names = _space_names(numbers, of_kind[Kind.SPACE])
    results = []
    for q in questions:
        result = QuestionResult(
            question=q,
            text=texts.get(q, "text"),
            base=saw.get(q.pk, 0),
            answered=answered.get(q.pk, 0),
            others=others.get(q.pk, 0),
        )
        cols = []
        if by is not None and q.pk in split_ids:
            cols = [Column(label, column_bases.get((q.pk, pk), 0)) for pk, label in columns]
            result.columns = cols
        if q.kind in CHOICE_KINDS:
            _choice_rows(result, chosen, texts, [pk for pk, _ in columns])
        elif q.kind in NUMERIC_KINDS:
            _numeric_rows(result, numbers, [pk for pk, _ in columns])
        elif q.kind == Kind.DATE:
            _month_rows(result, months)
        elif q.kind == Kind.COMMUNE:
            _place_rows(result, places, commune_name, top)
        elif q.kind == Kind.SPACE:
            _place_rows(result, numbers, lambda key: space_names.get(int(key), str(key)), top)
        result.chart = charts.for_result(result)
        results.append(result)
    return Results(survey=survey, respondents=total, questions=results, by=by)


def raw_tables(scope: Scope, questions: list[Question], by: Question | None) -> Tables:
    """Every count of the page: a few GROUP BY queries, whatever the responses."""
    of_kind = defaultdict(list)
    for q in questions:
        of_kind[q.kind].append(q)
    choice_qs = [q for q in questions if q.kind in CHOICE_KINDS]
    numeric_ids = [q.pk for q in questions if q.kind in NUMERIC_KINDS | {Kind.SPACE}]
    split_ids = [q.pk for q in questions if q.kind in CHOICE_KINDS | NUMERIC_KINDS]
    saw, answered = _bases(questions, scope)
    return Tables(
        saw=saw,
        answered=answered,
        chosen=_grouped(scope, [q.pk for q in choice_qs], choice_key(choice_qs), by),
        numbers=_grouped(scope, numeric_ids, F("number"), by),
        months=_grouped(scope, [q.pk for q in of_kind[Kind.DATE]], TruncMonth("date"), None),
        places=_grouped(scope, [q.pk for q in of_kind[Kind.COMMUNE]], F("text"), None),
        others=_other_texts(scope, choice_qs),
        columns=_column_bases(scope, split_ids, by) if by is not None and split_ids else {},
    )


def shape(questions: list[Question]) -> str:
    """A digest that changes with anything of the questionnaire the counts depend on."""
    parts = [
        (
            q.pk,
            q.kind,
            q.condition_question_id,
            [c.pk for c in q.condition_choices.all()],
            [(c.pk, c.value) for c in q.choices.all()],
        )
        for q in questions
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def _columns(by: Question, texts: Texts) -> list[tuple[int, str]]:
    return [(c.pk, texts.get(c, "label")) for c in by.choices.all()]


def _other_texts(scope: Scope, choice_qs) -> dict[int, int]:
    other_ids = [c.pk for q in choice_qs for c in q.choices.all() if c.is_other]
    if not other_ids:
        return {}
    return scope.count(
        lambda rows: (
            rows.filter(choice_id__in=other_ids)
            .exclude(text="")
            .values("question_id")
            .annotate(n=Count("id"))
            .values_list("question_id", "n")
        ),
        {c.question_id for q in choice_qs for c in q.choices.all() if c.is_other},
    )


def _space_names(numbers: dict, space_qs) -> dict[int, str]:
    from spaces.models import Space

    ids = {q.pk for q in space_qs}
    pks = {int(key) for (qid, key, _by) in numbers if qid in ids and key is not None}
    return dict(Space.objects.filter(pk__in=pks).values_list("pk", "name")) if pks else {}


def commune_name(code) -> str:
    """The commune's label for an INSEE code, or the code when the file lacks it."""
    commune = communes().get(code)
    return commune.label if commune else str(code)


def _counts_of(table: dict, qid: int) -> tuple[dict, dict]:
    """(key -> total count, (key, by) -> count) for one question."""
    totals: dict = defaultdict(int)
    split: dict = defaultdict(int)
    for (question_id, key, by), n in table.items():
        if question_id == qid and key is not None:
            totals[key] += n
            split[(key, by)] += n
    return totals, split


def _cells(result, key_counts, columns) -> list[tuple[int, float]]:
    return [
        (key_counts.get(pk, 0), _percent(key_counts.get(pk, 0), col.base))
        for pk, col in zip(columns, result.columns, strict=True)
    ]


def _choice_rows(result: QuestionResult, chosen: dict, texts: Texts, columns) -> None:
    totals, split = _counts_of(chosen, result.question.pk)
    for choice in result.question.choices.all():
        count = totals.get(choice.pk, 0)
        per_column = {pk: split.get((choice.pk, pk), 0) for pk in columns}
        result.rows.append(
            Row(
                label=texts.get(choice, "label"),
                count=count,
                percent=_percent(count, result.base),
                value=choice.value,
                cells=_cells(result, per_column, columns),
            )
        )


def _numeric_rows(result: QuestionResult, numbers: dict, columns) -> None:
    q = result.question
    totals, split = _counts_of(numbers, q.pk)
    if not totals:
        return
    values = sorted(totals)
    result.mean = float(sum(v * n for v, n in totals.items()) / sum(totals.values()))
    result.median = _median(values, totals)
    for low, high, label in _buckets(q, values):
        count = sum(n for v, n in totals.items() if low <= v <= high)
        per_column = {
            pk: sum(n for (v, by), n in split.items() if by == pk and low <= v <= high)
            for pk in columns
        }
        result.rows.append(
            Row(
                label=label,
                count=count,
                percent=_percent(count, result.base),
                value=label,
                cells=_cells(result, per_column, columns),
            )
        )


def _median(values: list, totals: dict) -> float:
    """The median of the answers from their value counts (mean of the two middle ones)."""
    n = sum(totals.values())
    middle = [(n - 1) // 2, n // 2]
    found, seen = [], 0
    for value in values:
        seen += totals[value]
        while middle and middle[0] < seen:
            found.append(value)
            middle.pop(0)
    return float(sum(found) / 2)


def _label(value) -> str:
    value = Decimal(value).normalize()
    return f"{value:f}"


def _buckets(q: Question, values: list) -> list[tuple[Decimal, Decimal, str]]:
    """Each value on its own (a scale's every step), or equal bins for many numbers."""
    if q.kind == Kind.SCALE and q.min_value is not None and q.max_value is not None:
        low, high = int(q.min_value), int(q.max_value)
        if 0 < high - low <= 20:
            steps = sorted({Decimal(s) for s in range(low, high + 1)} | set(values))
            return [(s, s, _label(s)) for s in steps]
    if len(values) <= MAX_VALUES:
        return [(v, v, _label(v)) for v in values]
    low, high = values[0], values[-1]
    width = (high - low) / BINS
    edges = [low + width * i for i in range(BINS)] + [high]
    buckets = []
    for i in range(BINS):
        start = edges[i] if i == 0 else edges[i] + Decimal("0.01")
        buckets.append(
            (start, edges[i + 1], f"{_label(round(edges[i], 2))}–{_label(round(edges[i + 1], 2))}")
        )
    return buckets


def _month_rows(result: QuestionResult, months: dict) -> None:
    totals, _split = _counts_of(months, result.question.pk)
    for month in sorted(totals):
        label = month.strftime("%Y-%m")
        result.rows.append(
            Row(label, totals[month], _percent(totals[month], result.base), value=label)
        )


def _place_rows(result: QuestionResult, table: dict, name, top: int | None) -> None:
    totals, _split = _counts_of(table, result.question.pk)
    ranked = sorted(totals.items(), key=lambda item: (-item[1], name(item[0])))
    shown = ranked if top is None else ranked[:top]
    for key, count in shown:
        result.rows.append(
            Row(name(key), count, _percent(count, result.base), value=_place_value(key))
        )
    result.more = len(ranked) - len(shown)


def _place_value(key) -> str:
    return _label(key) if isinstance(key, Decimal) else str(key)


def text_answers(question: Question):
    """The texts of one question, newest first, never with who wrote them."""
    rows = submitted_answers([question.pk]).exclude(text="")
    if question.kind in CHOICE_KINDS:
        rows = rows.filter(choice__is_other=True)
    elif question.kind not in TEXT_KINDS:
        rows = rows.none()
    return rows.order_by("-pk").values_list("text", flat=True)
