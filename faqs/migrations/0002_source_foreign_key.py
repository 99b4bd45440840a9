"""Turn the free-text ``source`` into a foreign key to ``sources.Source`` (data kept)."""

import django.db.models.deletion
from django.db import migrations, models

from sources import legacy

MODELS = ["FAQ", "InterviewQuestion"]


RELATED_NAMES = {"FAQ": "faqs", "InterviewQuestion": "interview_questions"}


def _fk(null: bool, related_name: str = "+") -> models.ForeignKey:
    return models.ForeignKey(
        null=null,
        on_delete=django.db.models.deletion.PROTECT,
        related_name=related_name,
        to="sources.source",
        verbose_name="source",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("faqs", "0001_initial"),
        ("sources", "0001_initial"),
    ]

    operations = [
        *(migrations.AddField(name.lower(), "source_ref", _fk(null=True)) for name in MODELS),
        migrations.RunPython(
            legacy.forwards("faqs", MODELS), legacy.backwards("faqs", MODELS), elidable=False
        ),
        *(migrations.RemoveField(name.lower(), "source") for name in MODELS),
        *(migrations.RenameField(name.lower(), "source_ref", "source") for name in MODELS),
        *(
            migrations.AlterField(name.lower(), "source", _fk(False, RELATED_NAMES[name]))
            for name in MODELS
        ),
    ]
