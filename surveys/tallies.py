"""Running counts of a survey's submitted answers, so that the results page reads a few
hundred rows instead of aggregating every answer on each view.

A tally set holds the counts of ``results.raw_tables`` for a survey, whole or split by
one question. It is built from all the answers the first time it is needed; then the
transaction that submits a response runs the same GROUP BY queries over that response's
answers alone and adds their counts, so both paths count alike by construction.

A set records which submitted responses it counts (their number, the last id, the last
submission time) and the shape of the questionnaire it was counted for. Whatever changes
answers without going through ``add_response`` (a bulk load, a deleted response, an
edited question) leaves it behind: the next view sees the mismatch and rebuilds it.
Submissions and rebuilds both lock the survey's row first, so that a rebuild never
misses or doubles a submission committed meanwhile.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import connection, transaction

from surveys import results
from surveys.models import Question, Response, Survey, Tally, TallySet

# A set missing when a response comes is built there and then if the survey has at most
# this many responses (a few milliseconds); past it, the first view of the results does.
BUILD_ON_SUBMIT = 1000
UPSERT_ROWS = 500

# measure -> (Tables attribute, whether its keys are (question, value, split) triples)
MEASURES = {
    "saw": ("saw", False),
    "answered": ("answered", False),
    "other": ("others", False),
    "choice": ("chosen", True),
    "number": ("numbers", True),
    "month": ("months", True),
    "place": ("places", True),
    "column": ("columns", False),
}


def tables(survey: Survey, questions: list[Question], by: Question | None, scope) -> results.Tables:
    """The counts for the results page, from the matching tally set or a rebuilt one."""
    digest = results.shape(questions)
    found = _matching(survey, by, digest, scope.stamp)
    if found is not None:
        return read(found)
    return _rebuild(survey, questions, by, digest)


def add_response(response: Response) -> None:
    """Add a just submitted response to its survey's tally sets; call it inside the
    transaction that submits it, with the survey's row locked.

    A set is not checked against the responses here (that costs a count over all of
    them): its stamp moves on by this response, so a set that was exact stays exact and
    one that was behind stays detectably behind, and is rebuilt by the next view."""
    survey = response.survey
    sets = list(TallySet.objects.filter(survey=survey).select_related("by"))
    questions = results.load_questions(survey)
    digest = results.shape(questions)
    if not any(s.by_id is None for s in sets):
        scope = results.Scope.of(survey)
        if scope.submitted <= BUILD_ON_SUBMIT:
            _build(survey, questions, None, digest, scope)
    one = results.Scope.of_response(response)
    for tally_set in sets:
        if tally_set.shape != digest:
            tally_set.delete()  # counted for another questionnaire: the next view rebuilds
            continue
        _upsert(tally_set, _rows(results.raw_tables(one, questions, tally_set.by)))
        _stamp(tally_set, _after(tally_set, response))
        tally_set.save(update_fields=["submitted", "last_response", "last_submitted_at"])


def read(tally_set: TallySet) -> results.Tables:
    made = results.Tables()
    rows = tally_set.tallies.exclude(count=0).values_list(
        "measure", "question_id", "value", "split", "count"
    )
    for measure, question_id, value, split, count in rows:
        name, keyed = MEASURES[measure]
        table = getattr(made, name)
        if keyed:
            table[(question_id, _decode(measure, value), split or None)] = count
        elif measure == "column":
            table[(question_id, split or None)] = count
        else:
            table[question_id] = count
    return made


# --- Building and adding -------------------------------------------------------------


def _matching(survey, by, digest, stamp) -> TallySet | None:
    submitted, last, when = stamp
    return TallySet.objects.filter(
        survey=survey,
        by=by,
        shape=digest,
        submitted=submitted,
        last_response=last,
        last_submitted_at=when,
    ).first()


@transaction.atomic
def _rebuild(survey, questions, by, digest) -> results.Tables:
    Survey.objects.select_for_update().filter(pk=survey.pk).first()
    scope = results.Scope.of(survey)  # again, now that no submission can slip in
    found = _matching(survey, by, digest, scope.stamp)
    if found is not None:  # another request built it while this one waited
        return read(found)
    return _build(survey, questions, by, digest, scope)


def _build(survey, questions, by, digest, scope) -> results.Tables:
    made = results.raw_tables(scope, questions, by)
    TallySet.objects.filter(survey=survey, by=by).delete()
    tally_set = TallySet(survey=survey, by=by, shape=digest)
    _stamp(tally_set, scope.stamp)
    tally_set.save()
    Tally.objects.bulk_create(
        [
            Tally(tally_set=tally_set, measure=m, question_id=q, value=v, split=s, count=n)
            for (m, q, v, s), n in _rows(made).items()
        ],
        batch_size=UPSERT_ROWS,
    )
    return made


def _after(tally_set: TallySet, response: Response) -> tuple:
    """The stamp the set would have once it counts ``response`` too."""
    last = max(tally_set.last_response or 0, response.pk)
    when = response.submitted_at
    if tally_set.last_submitted_at is not None:
        when = max(when, tally_set.last_submitted_at)
    return (tally_set.submitted + 1, last, when)


def _stamp(tally_set: TallySet, stamp: tuple) -> None:
    tally_set.submitted, tally_set.last_response, tally_set.last_submitted_at = stamp


def _rows(made: results.Tables) -> dict[tuple, int]:
    """{(measure, question id, value, split): count}, keys folded to text."""
    rows: dict[tuple, int] = {}
    for measure, (name, keyed) in MEASURES.items():
        for key, count in getattr(made, name).items():
            if keyed:
                question_id, value, split = key
                if value is None:
                    continue  # the page ignores answers without a value
                row = (measure, question_id, _encode(value), split or 0)
            elif measure == "column":
                row = (measure, key[0], "", key[1] or 0)
            else:
                row = (measure, key, "", 0)
            rows[row] = rows.get(row, 0) + count
    return rows


def _upsert(tally_set: TallySet, rows: dict[tuple, int]) -> None:
    """Add counts, creating the rows that do not exist yet, in a few statements."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(Tally._meta.db_table)
    names = ["tally_set_id", "measure", "question_id", "value", "split", "count"]
    columns = ", ".join(quote(n) for n in names)
    keys = ", ".join(quote(n) for n in names[:5])
    count = quote("count")
    items = sorted(rows.items())  # one order for every writer: no deadlock between them
    with connection.cursor() as cursor:
        for start in range(0, len(items), UPSERT_ROWS):
            chunk = items[start : start + UPSERT_ROWS]
            values = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(chunk))
            params = [p for key, n in chunk for p in (tally_set.pk, *key, n)]
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {values} "
                f"ON CONFLICT ({keys}) DO UPDATE SET {count} = {table}.{count} + excluded.{count}",
                params,
            )


def _encode(value) -> str:
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)[: Tally._meta.get_field("value").max_length]


def _decode(measure: str, value: str):
    if measure == "choice":
        return int(value)
    if measure == "number":
        return Decimal(value)
    if measure == "month":
        return dt.date.fromisoformat(value)
    return value
