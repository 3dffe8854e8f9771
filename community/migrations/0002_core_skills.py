from django.db import migrations

# The keys and French names of the shared taxonomy when this migration was written;
# labels are translated at display time from community.skills.CORE_SKILLS.
CORE = {
    "project-management": "Gestion de projet",
    "communication": "Communication",
    "accounting": "Comptabilité",
    "legal": "Juridique",
    "web-digital": "Web et numérique",
    "design": "Design",
    "marketing": "Marketing",
    "languages": "Langues",
    "facilitation": "Animation",
    "training": "Formation",
    "fundraising": "Financements et subventions",
    "photography-video": "Photo et vidéo",
}


def add_core_skills(apps, schema_editor):
    skill = apps.get_model("community", "Skill")
    for key, name in CORE.items():
        skill.objects.update_or_create(key=key, defaults={"name": name, "is_core": True})


class Migration(migrations.Migration):
    dependencies = [("community", "0001_initial")]
    operations = [migrations.RunPython(add_core_skills, migrations.RunPython.noop)]
