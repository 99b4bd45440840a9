"""Turn the free-text ``source`` into a foreign key to ``sources.Source`` (data kept)."""

import django.db.models.deletion
from django.db import migrations, models

from sources import legacy

MODELS = ["Responsibility", "Requirement", "CareerStep"]


def _fk(null: bool) -> models.ForeignKey:
    return models.ForeignKey(
        help_text="The published document this comes from.",
        null=null,
        on_delete=django.db.models.deletion.PROTECT,
        to="sources.source",
        verbose_name="source",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0002_search_trigram_indexes"),
        ("sources", "0001_initial"),
    ]

    operations = [
        *(migrations.AddField(name.lower(), "source_ref", _fk(null=True)) for name in MODELS),
        migrations.RunPython(
            legacy.forwards("roles", MODELS), legacy.backwards("roles", MODELS), elidable=False
        ),
        *(migrations.RemoveField(name.lower(), "source") for name in MODELS),
        *(migrations.RenameField(name.lower(), "source_ref", "source") for name in MODELS),
        *(migrations.AlterField(name.lower(), "source", _fk(null=False)) for name in MODELS),
    ]
