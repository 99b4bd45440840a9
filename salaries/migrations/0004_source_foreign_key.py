"""Turn the free-text ``source`` into a foreign key to ``sources.Source`` (data kept)."""

import django.db.models.deletion
from django.db import migrations, models

from sources import legacy

MODELS = ["SalaryBand"]


def _fk(null: bool) -> models.ForeignKey:
    return models.ForeignKey(
        null=null,
        on_delete=django.db.models.deletion.PROTECT,
        to="sources.source",
        verbose_name="source",
        related_name="salary_bands",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("salaries", "0003_country_constraint_messages"),
        ("sources", "0001_initial"),
    ]

    operations = [
        *(migrations.AddField(name.lower(), "source_ref", _fk(null=True)) for name in MODELS),
        migrations.RunPython(
            legacy.forwards("salaries", MODELS),
            legacy.backwards("salaries", MODELS),
            elidable=False,
        ),
        *(migrations.RemoveField(name.lower(), "source") for name in MODELS),
        *(migrations.RenameField(name.lower(), "source_ref", "source") for name in MODELS),
        *(migrations.AlterField(name.lower(), "source", _fk(null=False)) for name in MODELS),
    ]
