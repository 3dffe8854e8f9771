"""Survey results and exports at scale: 100,000 responses to a 30-question survey.

    .venv/bin/python bench/surveys.py [--responses 100000] [--requests 20] [--warmup 2]
        [--submissions 50] [--skip-exports]
        [--database sqlite|postgres://USER@HOST:PORT/NAME] [--explain] [--seed 2025]

Loads a fresh database (a temporary SQLite file by default) with one survey of 30
questions of every kind and its submitted responses (answers inserted in bulk with the
storage ``surveys/answering.py`` documents), then, signed in as a coordinator, times the
results page (plain and split by country: the first view, which counts every answer,
then the views that read the running counts), responses submitted through the answering
service, and the four exports; it checks the running counts against a full recount. Each
export runs in a child process, so that its peak memory (``ru_maxrss``) is its own.
Targets: results page p95 under 500 ms; XLSX export under 30 s and 500 MB. See
bench/README.md.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this folder comes first on sys.path and this file would shadow the
# project's ``surveys`` app: the project's root replaces it.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import directory  # noqa: E402  (stdlib imports only: safe before Django)

SLUG = "bench-needs"
COORDINATOR = "bench-coordinator"
PAGE_TARGET_MS = 500.0
XLSX_TARGET_S = 30.0
XLSX_TARGET_MB = 500.0
BATCH = 20_000
EXPORTS = ["export_csv", "export_xlsx", "export_aggregates_csv", "export_aggregates_xlsx"]

# (code, kind, number of choices or bounds); the survey's 30 questions.
QUESTIONS = [
    ("country", "single", 3),
    ("kind", "single", 7),
    ("age", "single", 4),
    ("seats", "single", 5),
    ("status", "single", 4),
    ("frequency", "single", 5),
    ("equipment", "multiple", 6),
    ("zones", "multiple", 5),
    ("services", "multiple", 7),
    ("needs", "multiple", 8),
    ("training_room", "yes_no", 2),
    ("network", "yes_no", 2),
    ("exchange", "yes_no", 2),
    ("open_to_all", "yes_no", 2),
    ("events", "yes_no", 2),
    ("manager", "yes_no", 2),
    ("satisfaction", "scale", (1, 5)),
    ("recommend", "scale", (0, 10)),
    ("ease", "scale", (1, 5)),
    ("members", "number", None),
    ("price", "number", None),
    ("rooms", "number", None),  # shown only to those with a training room
    ("opened", "date", None),
    ("last_event", "date", None),
    ("town", "commune", None),
    ("home_town", "commune", None),
    ("name", "short_text", None),
    ("role", "short_text", None),
    ("skills", "long_text", None),
    ("wishes", "long_text", None),
]
TEXTS = [
    "Comptabilité et gestion",
    "Animation de communauté",
    "Communication sur les réseaux sociaux",
    "Montage de projets européens",
    "=formule piégée",
    "Marketing digital y gestión de proyectos",
]


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=20, help="timed page requests")
    parser.add_argument(
        "--submissions", type=int, default=50, help="responses submitted through the service"
    )
    parser.add_argument("--warmup", type=int, default=2, help="untimed page requests first")
    parser.add_argument(
        "--database",
        default="sqlite",
        help="'sqlite' (a fresh temporary file) or a postgres:// URL whose database name "
        "contains 'bench': it is dropped and created, then dropped at the end",
    )
    parser.add_argument("--skip-exports", action="store_true", help="time the pages only")
    parser.add_argument("--keep-database", action="store_true", help="do not drop it at the end")
    parser.add_argument("--explain", action="store_true", help="print each page query's plan")
    parser.add_argument("--seed", type=int, default=2025)
    # Internal: run one export in this (child) process and print its figures as JSON.
    parser.add_argument("--child", choices=EXPORTS, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


# --- Loading ------------------------------------------------------------------------


def build_survey():
    from django.contrib.auth import get_user_model

    from surveys.models import Choice, Question, Section, Survey

    user = get_user_model().objects.create_user(COORDINATOR, is_coordinator=True)
    survey = Survey.objects.create(
        slug=SLUG, title="Bench", created_by=user, status=Survey.Status.OPEN
    )
    sections = [Section.objects.create(survey=survey, position=i, title=f"S{i}") for i in range(3)]
    questions = {}
    for position, (code, kind, spec) in enumerate(QUESTIONS):
        bounds = spec if kind == "scale" else (None, None)
        question = Question.objects.create(
            section=sections[position // 10],
            position=position,
            code=code,
            kind=kind,
            text=f"Question {code}?",
            min_value=bounds[0],
            max_value=bounds[1],
        )
        if kind == "yes_no":
            Choice.objects.create(question=question, position=0, value="yes", label="Oui")
            Choice.objects.create(question=question, position=1, value="no", label="Non")
        elif kind in ("single", "multiple"):
            for rank in range(spec):
                Choice.objects.create(
                    question=question,
                    position=rank,
                    value=f"c{rank}",
                    label=f"Choix {rank}",
                    is_other=kind == "multiple" and rank == spec - 1,
                )
        questions[code] = question
    rooms = questions["rooms"]
    rooms.condition_question = questions["training_room"]
    rooms.save()
    rooms.condition_choices.set(questions["training_room"].choices.filter(value="yes"))
    return survey, questions


def commune_codes(count: int, rng: random.Random) -> list[str]:
    from django.conf import settings

    with open(settings.COMMUNES_FILE, encoding="utf-8") as handle:
        codes = [row["insee"] for row in csv.DictReader(handle)]
    return rng.sample(codes, count)


def answer_rows(response_id: int, questions: dict, rng: random.Random, towns: list[str]):
    """(response, question, choice, number, date, text) tuples of one response."""
    rows = []
    trained = False
    for code, kind, spec in QUESTIONS:
        question = questions[code]
        if code == "rooms" and not trained:
            continue
        if kind not in ("single", "yes_no") and rng.random() < 0.1:
            continue  # optional questions left blank now and then
        qid = question.pk
        if kind == "single":
            weights = [spec - i for i in range(spec)]
            choice = rng.choices(question.ids, weights)[0]
            rows.append((response_id, qid, choice, None, None, ""))
        elif kind == "multiple":
            for choice in rng.sample(question.ids, rng.randint(1, 3)):
                text = rng.choice(TEXTS) if choice == question.ids[-1] else ""
                rows.append((response_id, qid, choice, None, None, text))
        elif kind == "yes_no":
            yes = rng.random() < 0.7
            trained = trained or (code == "training_room" and yes)
            choice = question.ids[0 if yes else 1]
            rows.append((response_id, qid, choice, 1 if yes else 0, None, "yes" if yes else "no"))
        elif kind == "scale":
            rows.append((response_id, qid, None, rng.randint(*spec), None, ""))
        elif kind == "number":
            rows.append((response_id, qid, None, int(rng.lognormvariate(2.5, 0.8)), None, ""))
        elif kind == "date":
            day = dt.date(2012, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 4))
            rows.append((response_id, qid, None, None, day, ""))
        elif kind == "commune":
            rows.append((response_id, qid, None, None, None, rng.choice(towns)))
        elif rng.random() < 0.4:
            rows.append((response_id, qid, None, None, None, rng.choice(TEXTS)))
    return rows


def insert_answers(rows: list, database) -> None:
    from django.db import connection

    columns = "response_id, question_id, choice_id, number, date, text"
    with connection.cursor() as cursor:
        if database:
            # COPY: PostgreSQL's bulk path, several times faster than INSERTs.
            with cursor.cursor.copy(f"COPY surveys_answer ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            cursor.executemany(
                f"INSERT INTO surveys_answer ({columns}) VALUES (%s, %s, %s, %s, %s, %s)", rows
            )


def load(args, database) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from surveys.models import Response

    rng = random.Random(args.seed)
    start = time.perf_counter()
    survey, questions = build_survey()
    for question in questions.values():
        question.ids = list(question.choices.values_list("pk", flat=True))
    towns = commune_codes(800, rng)
    submitted = timezone.now() - dt.timedelta(days=30)
    total_answers = 0
    for first in range(0, args.responses, BATCH):
        count = min(BATCH, args.responses - first)
        with transaction.atomic():
            made = Response.objects.bulk_create(
                [
                    Response(
                        survey=survey,
                        state=Response.State.SUBMITTED,
                        language="fr",
                        submitted_at=submitted,
                    )
                    for _ in range(count)
                ]
            )
            rows = []
            for response in made:
                rows.extend(answer_rows(response.pk, questions, rng, towns))
            insert_answers(rows, database)
            total_answers += len(rows)
    # A few drafts, which must not count.
    Response.objects.bulk_create(
        [Response(survey=survey, state=Response.State.DRAFT) for _ in range(100)]
    )
    if database:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    elapsed = time.perf_counter() - start
    print(
        f"loaded {args.responses} responses, {total_answers} answers, 30 questions "
        f"in {elapsed:.1f} s",
        flush=True,
    )


# --- Measuring ----------------------------------------------------------------------


def signed_in_client():
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    client.force_login(get_user_model().objects.get(username=COORDINATOR))
    return client


def page_url(name: str) -> str:
    from django.urls import reverse
    from django.utils import translation

    with translation.override("fr"):
        return reverse(f"surveys:{name}", args=[SLUG])


def time_page(client, params: dict, requests: int, warmup: int) -> dict:
    """``requests`` timed views of the results page after ``warmup`` untimed ones, and
    the queries of one more."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.measure import _percentile

    url = page_url("results")
    for _ in range(warmup):
        check(client.get(url, params), url)
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        check(client.get(url, params), url)
        times.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as captured:
        check(client.get(url, params), url)
    return {
        "p50": _percentile(times, 50),
        "p95": _percentile(times, 95),
        "max": max(times),
        "queries": len(captured),
    }


def time_submissions(args) -> dict:
    """Responses submitted through ``surveys.answering.save_answers``, which adds each
    one to the survey's tally sets in its transaction."""
    from bench.measure import _percentile
    from surveys import answering, results
    from surveys.models import Survey

    survey = Survey.objects.get(slug=SLUG)
    questions = {q.code: q for q in results.load_questions(survey)}
    for question in questions.values():
        question.ids = [c.pk for c in question.choices.all()]
    rng = random.Random(args.seed + 1)
    towns = commune_codes(50, rng)
    fields = ("question_id", "choice_id", "number", "date", "text")
    times = []
    for _ in range(args.submissions):
        rows = [
            dict(zip(fields, row[1:], strict=True)) for row in answer_rows(0, questions, rng, towns)
        ]
        start = time.perf_counter()
        answering.save_answers(survey=survey, user=None, language="es", rows=rows, submit=True)
        times.append((time.perf_counter() - start) * 1000)
    return {"p50": _percentile(times, 50), "p95": _percentile(times, 95), "max": max(times)}


def counts_match_a_recount() -> str:
    """Whether the running counts equal a full recount over every answer, per set."""
    from surveys import results, tallies
    from surveys.models import Survey, TallySet

    survey = Survey.objects.get(slug=SLUG)
    questions = results.load_questions(survey)
    scope = results.Scope.of(survey)
    verdicts = []
    for tally_set in TallySet.objects.filter(survey=survey).select_related("by"):
        same = tallies.read(tally_set) == results.raw_tables(scope, questions, tally_set.by)
        name = tally_set.by.code if tally_set.by else "whole"
        verdicts.append(f"{name}: {'equal' if same else 'DIFFERENT'}")
    return ", ".join(verdicts)


def check(response, url: str):
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}: the benchmark needs 200s")
    return response


def explain(client, database) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = page_url("results")
    keyword = "EXPLAIN ANALYZE" if database else "EXPLAIN QUERY PLAN"
    for params in ({}, {"by": "country"}):
        with CaptureQueriesContext(connection) as captured:
            check(client.get(url, params), url)
        print(f"\n=== {url} {params}")
        for query in captured.captured_queries:
            print(f"\n-- {float(query['time']) * 1000:.1f} ms: {query['sql'][:400]}")
            if "surveys_answer" not in query["sql"]:
                continue
            with connection.cursor() as cursor:
                cursor.execute(f"{keyword} {query['sql']}")
                for row in cursor.fetchall():
                    print("   ", " ".join(str(cell) for cell in row))


def run_child(name: str) -> None:
    """In the child: one export, streamed to nowhere; print time, size and memory."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    client = signed_in_client()
    url = page_url(name)
    start = time.perf_counter()
    response = check(client.get(url), url)
    size = sum(len(chunk) for chunk in response.streaming_content)
    response.close()
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": elapsed, "bytes": size, "before_mb": before, "peak_mb": peak}))


def time_export(name: str) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", name]
    done = subprocess.run(command, capture_output=True, text=True, env=os.environ, check=False)
    if done.returncode:
        raise RuntimeError(f"{name} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def describe(args, database) -> str:
    from django.db import connection

    if database:
        number = connection.cursor().connection.info.server_version
        engine = f"PostgreSQL {number // 10000}.{number % 100}"
    else:
        import sqlite3

        engine = f"SQLite {sqlite3.sqlite_version}"
    return f"{engine}, {args.responses} responses, 30 questions, {os.cpu_count()} CPUs"


def render(title: str, header: tuple, lines: list[tuple]) -> str:
    lines = [header, *lines]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    rendered = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) + " |"
        for line in lines
    ]
    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([title, "", rendered[0], rule, *rendered[1:]])


def page_line(name: str, requests: int, figures: dict, target: bool = True) -> tuple:
    verdict = ("met" if figures["p95"] < PAGE_TARGET_MS else "NOT met") if target else ""
    return (
        name,
        str(requests),
        f"{figures['p50']:.0f}",
        f"{figures['p95']:.0f}",
        f"{figures['max']:.0f}",
        str(figures.get("queries", "")),
        verdict,
    )


def run_benchmarks(args, database) -> None:
    client = signed_in_client()
    if args.explain:
        explain(client, database)
        return
    pages = []
    for name, params in (("results page", {}), ("results page, by country", {"by": "country"})):
        # The bulk load went around the answering service: the first view counts every
        # answer and keeps the counts (what happens once after an import or a change of
        # the questionnaire); every later view reads them.
        first = time_page(client, params, 1, 0)
        pages.append(page_line(f"{name}, first view (counts every answer)", 1, first, False))
        steady = time_page(client, params, args.requests, args.warmup)
        pages.append(page_line(name, args.requests, steady))
        print(f"  {name}: done", flush=True)
    submitted = time_submissions(args)
    pages.append(
        page_line("submit a response (adds to 2 tally sets)", args.submissions, submitted, False)
    )
    for name, params in (("results page", {}), ("results page, by country", {"by": "country"})):
        figures = time_page(client, params, args.requests, 0)
        pages.append(page_line(f"{name}, after the submissions", args.requests, figures))
    print()
    header = ("page", "requests", "p50 ms", "p95 ms", "max ms", "queries/req", "p95 < 500 ms")
    print(render(f"Results page, {describe(args, database)}", header, pages))
    print(f"\nrunning counts against a full recount: {counts_match_a_recount()}\n")
    exports = []
    for name in [] if args.skip_exports else EXPORTS:
        figures = time_export(name)
        verdict = ""
        if name == "export_xlsx":
            met = figures["seconds"] < XLSX_TARGET_S and figures["peak_mb"] < XLSX_TARGET_MB
            verdict = "met" if met else "NOT met"
        exports.append(
            (
                name,
                f"{figures['seconds']:.1f}",
                f"{figures['bytes'] / 1e6:.1f}",
                f"{figures['before_mb']:.0f}",
                f"{figures['peak_mb']:.0f}",
                verdict,
            )
        )
        print(f"  {name}: done", flush=True)
    print()
    header = ("export", "seconds", "size MB", "RSS before MB", "peak RSS MB", "< 30 s, < 500 MB")
    print(render("Exports (each in a child process)", header, exports))


def main(argv=None) -> None:
    args = parse_args(argv)
    if args.child:
        workdir = Path(tempfile.mkdtemp(prefix="maillage-bench-child-"))
        try:
            directory.setup_django(workdir)
            run_child(args.child)
        finally:
            import shutil

            shutil.rmtree(workdir, ignore_errors=True)
        return
    workdir = Path(tempfile.mkdtemp(prefix="maillage-bench-"))
    database, django_ready = None, False
    try:
        database = directory.configure_environment(args, workdir)
        directory.setup_django(workdir)
        django_ready = True
        start = time.perf_counter()
        directory.prepare_database()
        print(f"migrated a fresh database in {time.perf_counter() - start:.1f} s")
        load(args, database)
        run_benchmarks(args, database)
    finally:
        directory.cleanup(args, workdir, database, django_ready)


if __name__ == "__main__":
    main()
