"""The coordinators' import page: upload, preview by dry run, confirm or cancel."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from spaces.models import ImportBatch, Space
from spaces.models.import_batch import MAX_IMPORT_BYTES

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parent / "data" / "cget-tiers-lieux-2019-sample.csv"


def sample_upload(name="cget.csv", content=None):
    return SimpleUploadedFile(name, SAMPLE.read_bytes() if content is None else content)


def upload(client, file, fmt=""):
    with translation.override("en"):
        return client.post(reverse("spaces:import"), {"file": file, "format": fmt})


@pytest.fixture(autouse=True)
def _english():
    """Pages and their URLs in English, whatever language an earlier test left active."""
    with translation.override("en"):
        yield


@pytest.fixture
def as_coordinator(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def batch(as_coordinator):
    response = upload(as_coordinator, sample_upload())
    assert response.status_code == 302
    return ImportBatch.objects.get()


def test_a_visitor_is_sent_to_the_login_page(client, db):
    for response in (
        client.get(reverse("spaces:import")),
        client.post(reverse("spaces:import"), {"file": sample_upload()}),
    ):
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
    assert not ImportBatch.objects.exists()


@pytest.mark.parametrize("role", ["member", "manager", "other_manager"])
def test_other_roles_are_refused(client, request, role):
    client.force_login(request.getfixturevalue(role))

    assert client.get(reverse("spaces:import")).status_code == 403
    assert client.post(reverse("spaces:import"), {"file": sample_upload()}).status_code == 403
    assert not ImportBatch.objects.exists()
    assert not Space.objects.filter(source="cget").exists()


@pytest.mark.parametrize("role", ["member", "manager", "other_manager"])
def test_other_roles_cannot_see_or_confirm_a_preview(client, request, role, batch):
    client.force_login(request.getfixturevalue(role))
    url = reverse("spaces:import_preview", args=[batch.pk])

    assert client.get(url).status_code == 403
    assert client.post(url, {"action": "confirm"}).status_code == 403
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.PENDING
    assert not Space.objects.filter(source="cget").exists()


def test_a_coordinator_sees_the_upload_form(as_coordinator):
    with translation.override("en"):
        response = as_coordinator.get(reverse("spaces:import"))

    assert response.status_code == 200
    assert b'enctype="multipart/form-data"' in response.content
    assert b'<label for="id_file">' in response.content


def test_the_preview_shows_every_row_and_writes_nothing(as_coordinator, batch):
    assert batch.format == "cget"
    assert batch.filename == "cget.csv"
    assert not Space.objects.filter(source="cget").exists()

    with translation.override("en"):
        response = as_coordinator.get(reverse("spaces:import_preview", args=[batch.pk]))

    assert response.status_code == 200
    body = response.content.decode()
    assert "Preview: nothing has been written yet" in body
    assert "25 new spaces" in body
    assert "Anticafé" in body and "Weréso" in body
    assert '<th scope="col">Line</th>' in body
    assert '<th scope="row">26</th>' in body
    assert "Confirm import" in body


def test_confirming_applies_the_file_once(as_coordinator, batch):
    url = reverse("spaces:import_preview", args=[batch.pk])

    response = as_coordinator.post(url, {"action": "confirm"})

    assert response.status_code == 302
    assert Space.objects.filter(source="cget").count() == 25
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.APPLIED and batch.applied_at is not None
    assert batch.report["dry_run"] is False
    with translation.override("en"):
        page = as_coordinator.get(url).content.decode()
    assert "This import has been applied" in page
    assert "Confirm import" not in page
    assert reverse("spaces:detail", args=["anticafe"]) in page

    # A second click (or a replayed form) does nothing more.
    as_coordinator.post(url, {"action": "confirm"})
    assert Space.objects.filter(source="cget").count() == 25
    assert Space.objects.get(slug="anticafe").revisions.count() == 1


def test_the_same_file_uploaded_again_previews_as_unchanged(as_coordinator, batch):
    as_coordinator.post(reverse("spaces:import_preview", args=[batch.pk]), {"action": "confirm"})

    upload(as_coordinator, sample_upload())

    again = ImportBatch.objects.filter(state=ImportBatch.State.PENDING).get()
    assert {row["action"] for row in again.report["rows"]} == {"unchanged"}
    assert Space.objects.filter(source="cget").count() == 25


def test_cancelling_writes_nothing(as_coordinator, batch):
    url = reverse("spaces:import_preview", args=[batch.pk])

    response = as_coordinator.post(url, {"action": "cancel"})

    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.CANCELLED
    as_coordinator.post(url, {"action": "confirm"})
    assert not Space.objects.filter(source="cget").exists()


def test_an_unknown_action_is_a_400(as_coordinator, batch):
    url = reverse("spaces:import_preview", args=[batch.pk])
    assert as_coordinator.post(url, {"action": "delete"}).status_code == 400
    assert (
        as_coordinator.get(reverse("spaces:import_preview", args=[batch.pk + 1])).status_code == 404
    )


def test_rejected_rows_show_their_reason(as_coordinator):
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("Anticafé", "", 1)
    upload(as_coordinator, sample_upload(content="\n".join(lines).encode()))
    batch = ImportBatch.objects.get()

    with translation.override("en"):
        page = as_coordinator.get(reverse("spaces:import_preview", args=[batch.pk])).content
    assert b"1 row rejected" in page
    assert b"the name is missing" in page


@pytest.mark.parametrize(
    ("name", "content", "fmt", "message"),
    [
        ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "", "not a text file"),
        ("empty.csv", b"", "", "The submitted file is empty"),
        ("people.csv", b"first_name,last_name\nAda,Lovelace\n", "", "columns of this file"),
        ("map.geojson", b'{"type": "FeatureCollection", "features": [{', "", "not valid JSON"),
        ("cget.csv", None, "osm", "not valid JSON"),
        ("osm.json", b'{"elements": []}', "cget", "Required columns are missing"),
    ],
)
def test_a_garbage_upload_gets_a_clear_error_and_changes_nothing(
    as_coordinator, name, content, fmt, message
):
    file = sample_upload(name, content) if content is not None else sample_upload(name)

    response = upload(as_coordinator, file, fmt)

    assert response.status_code == 400
    body = response.content.decode()
    assert 'role="alert"' in body
    assert message in body
    assert not ImportBatch.objects.exists()
    assert not Space.objects.filter(source="cget").exists()


def test_a_file_over_the_size_limit_is_refused(as_coordinator):
    response = upload(as_coordinator, sample_upload("big.csv", b"x" * (MAX_IMPORT_BYTES + 1)))

    assert response.status_code == 400
    assert "larger than 20 MB" in response.content.decode()
    assert not ImportBatch.objects.exists()
