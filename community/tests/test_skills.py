import pytest

from community.models import Skill
from community.services import skill_from_text
from community.skills import canonical_key, tag_key

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "typed, key",
    [
        ("Comptabilité", "accounting"),
        ("  accounting ", "accounting"),
        ("Contabilidad", "accounting"),
        ("Gestion de projet", "project-management"),
        ("Gestión de proyectos", "project-management"),
        ("Web et numérique", "web-digital"),
    ],
)
def test_a_core_skill_is_recognised_in_any_site_language(skills, typed, key):
    assert canonical_key(typed) == key
    assert skill_from_text(typed) == skills[key]


def test_spellings_of_one_free_tag_make_one_row(skills):
    first = skill_from_text("Permaculture ")
    assert skill_from_text("permaculture") == first
    assert skill_from_text("PERMACULTURE!") == first
    assert first.name == "Permaculture" and not first.is_core
    assert Skill.objects.filter(key="permaculture").count() == 1


def test_an_empty_or_punctuation_tag_is_no_skill(skills):
    assert tag_key("!!! ...") == ""
    assert skill_from_text("!!!") is None
    assert skill_from_text("reliure", create=False) is None


def test_core_labels_are_translated(skills):
    from django.utils import translation

    with translation.override("es"):
        assert skills["accounting"].label == "Contabilidad"
    with translation.override("fr"):
        assert skills["accounting"].label == "Comptabilité"
