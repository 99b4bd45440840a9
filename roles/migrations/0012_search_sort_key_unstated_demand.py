"""Sort keys of roles with no stated demand start with "3" (``Role.rank_of_demand``, the same
rank as ``Role.demand_rank``) instead of "9": rewritten in place, without a reindex. Only the
order of the ranks matters, and it is unchanged (high, medium, low, unstated)."""

from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Concat, Substr


def forwards(apps, schema_editor):
    posting = apps.get_model("roles", "SearchPosting")
    posting.objects.filter(sort_key__startswith="9").update(
        sort_key=Concat(Value("3"), Substr("sort_key", 2))
    )


def backwards(apps, schema_editor):
    posting = apps.get_model("roles", "SearchPosting")
    posting.objects.filter(sort_key__startswith="3").update(
        sort_key=Concat(Value("9"), Substr("sort_key", 2))
    )


class Migration(migrations.Migration):
    dependencies = [("roles", "0011_role_index_title_indexes")]

    operations = [migrations.RunPython(forwards, backwards)]
