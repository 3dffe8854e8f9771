"""Raw and aggregated exports: layout, identity rules, formula guard, streaming."""

import csv
import io

import pytest
import xlsxwriter  # noqa: F401  (the dependency the XLSX export needs)
from django.http import FileResponse, StreamingHttpResponse
from django.urls import reverse

from surveys import exports
from surveys.tests.test_results_data import make_survey, respond, sample_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(coordinator, space):
    survey = make_survey(coordinator)
    sample_answers(survey, space=space)
    return survey


def read_csv(response) -> list[list[str]]:
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def read_xlsx(response) -> bytes:
    assert isinstance(response, FileResponse)
    return b"".join(response.streaming_content)


def test_raw_csv_one_row_per_submitted_response_one_column_per_code(client, coordinator, survey):
    client.force_login(coordinator)
    table = read_csv(client.get(reverse("surveys:export_csv", args=[survey.slug])))
    header, body = table[0], table[1:]
    assert header[:3] == ["response", "submitted_at", "language"]
    assert "respondent" not in header  # anonymous survey
    assert header[3:] == [
        "country",
        "equipment",
        "equipment_other",
        "training",
        "rooms",
        "mood",
        "opened",
        "needs",
        "town",
        "home",
    ]
    assert len(body) == 4
    first = dict(zip(header, body[0], strict=True))
    assert first["equipment"] == "wifi;printer"
    assert first["training"] == "yes" and first["rooms"] == "2" and first["mood"] == "4"
    assert first["opened"] == "2015-01-10" and first["town"] == "09289"
    second = dict(zip(header, body[1], strict=True))
    assert second["equipment"] == "wifi;other"
    # Formula injection: the "other" text starts with "=".
    assert second["equipment_other"] == "'=cmd|' /C calc'!A0"
    assert dict(zip(header, body[3], strict=True))["home"] == "elan"


def test_respondent_column_only_for_identified_surveys(client, coordinator, member):
    survey = make_survey(coordinator, slug="named", anonymous=False)
    respond(survey, {"country": "fr"}, respondent=member)
    client.force_login(coordinator)
    table = read_csv(client.get(reverse("surveys:export_csv", args=[survey.slug])))
    assert table[0][3] == "respondent" and table[1][3] == "mia"


def test_anonymous_survey_export_never_has_identity(client, coordinator, member, survey):
    respond(survey, {"country": "fr"}, respondent=member)
    client.force_login(coordinator)
    text = b"".join(
        client.get(reverse("surveys:export_csv", args=[survey.slug])).streaming_content
    ).decode()
    assert "mia" not in text and "respondent" not in text


def test_response_without_answers_still_has_a_row(client, coordinator, survey):
    respond(survey, {})
    client.force_login(coordinator)
    table = read_csv(client.get(reverse("surveys:export_csv", args=[survey.slug])))
    assert len(table) == 6


def test_raw_xlsx_is_a_workbook_sent_from_a_temporary_file(client, coordinator, survey):
    client.force_login(coordinator)
    response = client.get(reverse("surveys:export_xlsx", args=[survey.slug]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    content = read_xlsx(response)
    assert content[:2] == b"PK"  # a zip: the xlsx container
    import zipfile

    sheet = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    assert "&apos;=cmd" in sheet or "'=cmd" in sheet
    assert "<f>" not in sheet  # no formula anywhere


def test_aggregates_csv_rows_are_question_choice_count_percentage_base(client, coordinator, survey):
    client.force_login(coordinator)
    table = read_csv(client.get(reverse("surveys:export_aggregates_csv", args=[survey.slug])))
    assert table[0] == [
        "question",
        "question_text",
        "choice",
        "label",
        "count",
        "percentage",
        "base",
    ]
    wifi = next(row for row in table if row[0] == "equipment" and row[2] == "wifi")
    assert wifi[4:] == ["2", "50.0", "4"]
    needs = next(row for row in table if row[0] == "needs")
    assert needs[4:] == ["2", "50.0", "4"]
    response = client.get(reverse("surveys:export_aggregates_xlsx", args=[survey.slug]))
    assert read_xlsx(response)[:2] == b"PK"


@pytest.mark.parametrize(
    "value,expected",
    [("=1+1", "'=1+1"), ("+33", "'+33"), ("-2", "'-2"), ("@SUM", "'@SUM"), ("ok", "ok"), (3, 3)],
)
def test_guard(value, expected):
    assert exports.guard(value) == expected


def test_export_reads_answers_in_one_streamed_query(
    client, coordinator, survey, django_assert_max_num_queries
):
    client.force_login(coordinator)
    url = reverse("surveys:export_csv", args=[survey.slug])
    with django_assert_max_num_queries(12):
        response = client.get(url)
        b"".join(response.streaming_content)


def test_many_choices_decimals_and_yes_no_choices_fold_into_their_cells(client, coordinator):
    from decimal import Decimal

    from surveys import answering, builder
    from surveys.models import Choice
    from surveys.tests.test_results_data import survey_question

    survey = make_survey(coordinator, slug="wide")
    equipment = survey_question(survey, "equipment")
    for rank in range(70):  # past one 60-bit mask: the values come from two columns
        Choice.objects.create(question=equipment, position=10 + rank, value=f"e{rank}", label="E")
    training = survey_question(survey, "training")
    builder.add_choice(survey_question(survey, "country"), values={"value": "it", "label": "It"})
    picked = list(equipment.choices.filter(value__in=["printer", "e3", "e65", "wifi"]))
    yes = training.choices.get(value="yes")
    rows = [{"question": equipment, **row} for row in answering.rows_for(equipment, picked)] + [
        {"question": training, **answering.rows_for(training, yes)[0]},
        {"question": survey_question(survey, "rooms"), "number": Decimal("2.50")},
        {"question": survey_question(survey, "mood"), "number": Decimal("4")},
    ]
    answering.save_answers(survey=survey, user=None, language="es", rows=rows, submit=True)
    client.force_login(coordinator)
    table = read_csv(client.get(reverse("surveys:export_csv", args=[survey.slug])))
    row = dict(zip(table[0], table[1], strict=True))
    assert row["equipment"] == "wifi;printer;e3;e65"
    assert row["training"] == "yes"
    assert row["rooms"] == "2.5" and row["mood"] == "4"
    assert row["language"] == "es" and row["opened"] == ""
