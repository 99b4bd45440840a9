"""Nothing an editor saves is lost: seeding only an empty database, an explicit re-seed with a
dry run, and a backup that restores losslessly."""

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from editorial import content
from faqs.models import FAQ
from roles.models import Responsibility, Role, RoleRedirect
from salaries.models import SalaryBand

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def _backups_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setattr(content, "BACKUP_DIR", tmp_path / "backups")


def test_seed_loads_an_empty_database():
    assert not content.has_content()
    output = run("seed")
    assert "Loaded the seed fixtures into an empty database" in output
    assert Role.objects.filter(slug="machine-learning-engineer").exists()


def test_seed_never_overwrites_an_editors_change(seeded):
    role = Role.objects.get(slug="data-analyst")
    role.title_en = "Data Analyst (renamed by an editor)"
    role.save()
    output = run("seed")
    assert "already has content" in output and "seed --dry-run" in output
    role.refresh_from_db()
    assert role.title_en == "Data Analyst (renamed by an editor)"


def test_dry_run_lists_what_reseeding_would_overwrite_and_changes_nothing(seeded):
    role = Role.objects.get(slug="data-analyst")
    role.title_en = "Renamed"
    role.save()
    Responsibility.objects.filter(role__slug="machine-learning-engineer", order=1).delete()
    output = run("seed", "--dry-run")
    assert "overwrite 1" in output
    assert "overwrite  roles.Role data-analyst" in output
    assert "title_en: 'Renamed' → 'Data Analyst'" in output
    assert "add        roles.Responsibility machine-learning-engineer / 1" in output
    role.refresh_from_db()
    assert role.title_en == "Renamed"


def test_dry_run_on_unchanged_content_reports_nothing_to_overwrite(seeded):
    before = content.dump_content()
    output = run("seed", "--dry-run")
    assert "add 0 objects, overwrite 0" in output
    assert content.dump_content() == before


def fixture_objects() -> list[dict]:
    return [obj for path in content.default_fixtures() for obj in json.loads(path.read_text())]


def test_dry_run_on_an_empty_database_lists_everything_it_would_load_and_loads_nothing():
    from reversion.models import Version

    output = run("seed", "--dry-run")
    total = len(fixture_objects())
    assert f"The database has no content: seeding would add {total} objects" in output
    added = [line for line in output.splitlines() if line.startswith("  add  ")]
    assert len(added) == total
    # Objects named by natural keys that only the fixtures create are listed too.
    assert "  add        roles.Role machine-learning-engineer" in added
    assert "  add        roles.Responsibility machine-learning-engineer / 1" in added
    assert not content.has_content()
    assert not Version.objects.exists()
    # And seeding for real still loads it all.
    assert "Loaded the seed fixtures into an empty database" in run("seed")
    assert sum(content.content_counts().values()) == total


def test_dry_run_lists_a_removed_role_with_everything_that_names_it(seeded):
    role = Role.objects.get(slug="machine-learning-engineer")
    responsibilities = role.responsibilities.count()
    role.delete()
    before = content.dump_content()
    output = run("seed", "--dry-run")
    assert "  add        roles.Role machine-learning-engineer" in output
    assert output.count("add        roles.Responsibility machine-learning-engineer /") == (
        responsibilities
    )
    assert content.dump_content() == before
    assert not Role.objects.filter(slug="machine-learning-engineer").exists()


def test_overwrite_reseeds_after_writing_a_backup_that_restores_the_edit(seeded, tmp_path):
    role = Role.objects.get(slug="data-analyst")
    role.title_en = "Renamed"
    role.save()
    output = run("seed", "--overwrite")
    role.refresh_from_db()
    assert role.title_en == "Data Analyst"
    backups = list((tmp_path / "backups").glob("before-reseed-*.json"))
    assert len(backups) == 1 and str(backups[0]) in output
    run("restore_content", str(backups[0]), "--no-backup")
    role.refresh_from_db()
    assert role.title_en == "Renamed"


def test_dry_run_and_overwrite_together_are_refused(seeded):
    with pytest.raises(CommandError, match="not both"):
        run("seed", "--dry-run", "--overwrite")


def _same_instants(text: str) -> str:
    """Spell a whole-second timestamp one way: the serializer writes ".000" only for 1-999 µs."""
    return re.sub(r'(T\d\d:\d\d:\d\d)\.000(Z|[+-]\d\d:\d\d)"', r'\1\2"', text)


def test_backup_restores_losslessly_into_an_empty_database(seeded, tmp_path):
    role = Role.objects.get(slug="machine-learning-engineer")
    role.slug = "ml-engineer"
    role.save()  # leaves a redirect behind
    # Under a millisecond past the second: Django writes "…:49.000Z", which reads back as "…:49Z".
    Role.objects.filter(pk=role.pk).update(updated_at=role.updated_at.replace(microsecond=500))
    first = tmp_path / "first.json"
    run("backup_content", str(first))
    data = json.loads(first.read_text())
    assert all("pk" not in obj for obj in data if obj["model"] != "roles.roleredirect")

    # Django's JSON serializer keeps timestamps to the millisecond.
    def ms(moment):
        return moment.replace(microsecond=moment.microsecond // 1000 * 1000)

    stamps = {r.slug: (ms(r.created_at), ms(r.updated_at)) for r in Role.objects.all()}

    for model in reversed(content.content_models()):
        model._base_manager.all().delete()
    assert not content.has_content()
    call_command("loaddata", str(first), verbosity=0)  # plain loaddata reads it

    second = tmp_path / "second.json"
    run("backup_content", str(second))
    assert _same_instants(first.read_text()) == _same_instants(second.read_text())
    assert RoleRedirect.objects.get(old_slug="machine-learning-engineer").role.slug == "ml-engineer"
    assert {r.slug: (r.created_at, r.updated_at) for r in Role.objects.all()} == stamps


def test_restore_makes_the_content_exactly_the_backup(seeded, tmp_path):
    backup = tmp_path / "backup.json"
    run("backup_content", str(backup))
    band = SalaryBand.objects.get(key="mle-br-2026-06")
    band.maximum = 99999
    band.save()
    FAQ.objects.create(
        key="added-later", question="Q?", answer="A.", source=FAQ.objects.first().source
    )
    Role.objects.filter(slug="data-analyst").delete()

    output = run("restore_content", str(backup))
    assert "removed 1" in output
    band.refresh_from_db()
    assert band.maximum == 24000
    assert not FAQ.objects.filter(key="added-later").exists()
    assert Role.objects.filter(slug="data-analyst").exists()
    assert list((tmp_path / "backups").glob("before-restore-*.json"))


def test_restoring_a_broken_file_changes_nothing(seeded, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('[{"model": "roles.role", "fields": {"slug": "x", "category": ["nope"]}}]')
    before = content.content_counts()
    with pytest.raises(CommandError, match="nothing was changed"):
        run("restore_content", str(broken), "--no-backup")
    assert content.content_counts() == before


def test_restore_of_a_missing_file_says_so():
    with pytest.raises(CommandError, match="No such backup file"):
        run("restore_content", str(Path("/nonexistent/backup.json")))


def test_make_run_seeds_through_the_command_that_never_overwrites():
    from django.conf import settings

    makefile = (Path(settings.BASE_DIR) / "Makefile").read_text()
    recipe = makefile.split("\nfixtures:", 1)[1].split("\n\n", 1)[0]
    assert "manage.py seed" in recipe
    assert "loaddata" not in recipe and "--overwrite" not in recipe
    assert "\nrun: " in makefile and "fixtures" in makefile.split("\nrun: ", 1)[1].splitlines()[0]
