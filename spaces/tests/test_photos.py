import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from spaces.forms import MAX_PHOTO_BYTES

pytestmark = pytest.mark.django_db


def png_bytes(size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 110, 80)).save(buffer, format="PNG")
    return buffer.getvalue()


def upload(client, space, content, name="photo.png", alt="La salle de travail"):
    return client.post(
        reverse("spaces:photos", args=[space.slug]),
        {"image": SimpleUploadedFile(name, content), "alt_text": alt},
    )


def test_a_manager_adds_and_deletes_a_photo(client, space, manager):
    client.force_login(manager)
    assert upload(client, space, png_bytes()).status_code == 302
    photo = space.photos.get()
    assert photo.alt_text == "La salle de travail"
    page = client.get(reverse("spaces:detail", args=[space.slug])).content.decode()
    assert 'alt="La salle de travail"' in page
    client.post(reverse("spaces:photos", args=[space.slug]), {"delete": photo.pk})
    assert not space.photos.exists()
    assert list(space.revisions.values_list("changes", flat=True))[0]["photos"][1] is None


@pytest.mark.parametrize("role", ["visitor", "member", "other_manager"])
def test_others_cannot_add_photos(client, space, role, request):
    if role != "visitor":
        client.force_login(request.getfixturevalue(role))
    response = upload(client, space, png_bytes())
    assert response.status_code in (302, 403)
    assert not space.photos.exists()


def test_a_file_that_is_not_an_image_is_refused(client, space, manager):
    client.force_login(manager)
    response = upload(client, space, b"%PDF-1.4 not an image", name="flyer.png")
    assert response.status_code == 400
    assert "image" in response.context["photo_form"].errors
    assert not space.photos.exists()


def test_an_oversized_photo_is_refused(client, space, manager, settings):
    client.force_login(manager)
    big = png_bytes() + b"\0" * (MAX_PHOTO_BYTES + 1)
    response = upload(client, space, big)
    assert response.status_code == 400
    assert not space.photos.exists()


def test_a_photo_needs_a_description(client, space, manager):
    client.force_login(manager)
    response = upload(client, space, png_bytes(), alt="")
    assert response.status_code == 400
    assert "alt_text" in response.context["photo_form"].errors
