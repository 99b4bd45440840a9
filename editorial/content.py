"""The portal's content as a whole: is there any, what would re-seeding overwrite, backup and
restore. Used by the ``seed``, ``backup_content`` and ``restore_content`` commands.

Content is every row of the content apps (roles, salaries, faqs, and sources when installed).
Everything refers to everything else by natural keys (slugs, ISO codes, keys), so a backup is a
``dumpdata --natural-foreign --natural-primary`` JSON file that ``loaddata`` reads back as is.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.serializers.base import DeserializedObject
from django.db import connection, models, transaction

CONTENT_APPS = ("sources", "roles", "salaries", "faqs")
FIXTURES_DIR = settings.BASE_DIR / "fixtures"
BACKUP_DIR = settings.BASE_DIR / "backups"


def content_app_labels() -> list[str]:
    return [label for label in CONTENT_APPS if apps.is_installed(label)]


def content_models() -> list[type[models.Model]]:
    """The content models, parents before children (the order loaddata needs); not the
    search index, which is derived from them and rebuilt as they load."""
    from nexushr.invalidation import IGNORED_MODELS as DERIVED

    app_models = {
        config.label: [
            model for model in config.get_models() if model._meta.label_lower not in DERIVED
        ]
        for config in apps.get_app_configs()
        if config.label in content_app_labels()
    }
    return serializers.sort_dependencies(list(app_models.items()), allow_cycles=True)


def content_counts() -> dict[str, int]:
    return {model._meta.label: model._base_manager.count() for model in content_models()}


def has_content() -> bool:
    return any(model._base_manager.exists() for model in content_models())


def default_fixtures() -> list[Path]:
    return sorted(FIXTURES_DIR.glob("*.json"))


# ---------------------------------------------------------------------------------------------
# Re-seeding: what would loading the fixtures change?
# ---------------------------------------------------------------------------------------------


@dataclass
class Overwrite:
    label: str
    key: str
    fields: list[tuple[str, Any, Any]]  # (field, stored value, fixture value)


@dataclass
class SeedPlan:
    new: list[tuple[str, str]] = field(default_factory=list)
    overwritten: list[Overwrite] = field(default_factory=list)
    unchanged: int = 0

    @property
    def changes_anything(self) -> bool:
        return bool(self.new or self.overwritten)


def _natural_key(instance: models.Model) -> str:
    try:
        return " / ".join(str(part) for part in instance.natural_key())
    except AttributeError:
        return str(instance.pk)


def _deserialize(paths: Iterable[Path]) -> Iterator[DeserializedObject]:
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            yield from serializers.deserialize(
                "json", handle, handle_forward_references=True, ignorenonexistent=True
            )


def seed_plan(paths: Iterable[Path]) -> SeedPlan:
    """What ``loaddata`` of ``paths`` would do to the stored content, object by object.

    The fixtures are loaded as ``loaddata`` loads them, one object after the other, inside a
    transaction that is always rolled back: an object can only be read once the objects it names
    by natural key exist (a new role's responsibilities name the role), so each is compared with
    what is stored, then saved for the ones after it. Nothing is kept.
    """
    plan = SeedPlan()
    with transaction.atomic():
        try:
            with connection.constraint_checks_disabled():
                for obj in _deserialize(paths):
                    _plan_object(plan, obj)
                    obj.save()
        finally:
            transaction.set_rollback(True)
    return plan


def _plan_object(plan: SeedPlan, obj: DeserializedObject) -> None:
    from modeltranslation.translator import NotRegistered, translator

    instance = obj.object
    model = type(instance)
    label = model._meta.label
    stored = model._base_manager.filter(pk=instance.pk).first() if instance.pk else None
    if stored is None:
        plan.new.append((label, _natural_key(instance)))
        return
    try:
        originals = set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        originals = set()
    deferred = {deferred_field.name for deferred_field in obj.deferred_fields or {}}
    differences = []
    for model_field in model._meta.concrete_fields:
        if not model_field.editable or model_field.primary_key:
            continue
        if model_field.name in originals:
            continue  # modeltranslation's virtual column; the per-language ones are compared
        if model_field.name in deferred:
            continue
        old = model_field.value_from_object(stored)
        new = model_field.value_from_object(instance)
        if old != new:
            differences.append((model_field.name, old, new))
    for name, values in (obj.m2m_data or {}).items():
        old_ids = sorted(getattr(stored, name).values_list("pk", flat=True))
        new_ids = sorted(int(value) for value in values)
        if old_ids != new_ids:
            differences.append((name, old_ids, new_ids))
    if differences:
        plan.overwritten.append(Overwrite(label, _natural_key(stored), differences))
    else:
        plan.unchanged += 1


def load_fixtures(paths: Iterable[Path], comment: str) -> None:
    """loaddata in one transaction, recorded in every role's history as one revision."""
    import reversion

    with transaction.atomic(), reversion.create_revision():
        reversion.set_comment(comment)
        call_command("loaddata", *[str(path) for path in paths], verbosity=0)


# ---------------------------------------------------------------------------------------------
# Backup and restore
# ---------------------------------------------------------------------------------------------


def dump_content() -> str:
    """Every content row as JSON with natural keys: what ``loaddata`` reads back."""
    from nexushr.invalidation import IGNORED_MODELS as DERIVED

    out = io.StringIO()
    call_command(
        "dumpdata",
        *content_app_labels(),
        exclude=sorted(DERIVED),  # the search index: rebuilt as the roles load
        natural_foreign=True,
        natural_primary=True,
        indent=1,
        stdout=out,
    )
    return out.getvalue()


def write_backup(path: Path | None = None, prefix: str = "content") -> Path:
    from django.utils import timezone

    if path is None:
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        BACKUP_DIR.mkdir(exist_ok=True)
        path = BACKUP_DIR / f"{prefix}-{stamp}.json"
        counter = 1
        while path.exists():
            counter += 1
            path = BACKUP_DIR / f"{prefix}-{stamp}-{counter}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_content(), encoding="utf-8")
    return path


@dataclass
class RestoreResult:
    loaded: int
    removed: dict[str, int]


def restore(path: Path) -> RestoreResult:
    """Make the content exactly what ``path`` holds: load it, then remove what it does not hold.

    One transaction: a broken file changes nothing. Recorded as one revision in the history.
    """
    import reversion

    from roles.signals import keeping_loaded_timestamps

    with transaction.atomic(), reversion.create_revision():
        reversion.set_comment(f"Restored from backup {path.name}")
        with keeping_loaded_timestamps():
            call_command("loaddata", str(path), verbosity=0)
        kept: dict[type[models.Model], set[Any]] = {}
        loaded = 0
        for obj in _deserialize([path]):
            kept.setdefault(type(obj.object), set()).add(obj.object.pk)
            loaded += 1
        removed: dict[str, int] = {}
        for model in reversed(content_models()):
            extra = model._base_manager.exclude(pk__in=kept.get(model, set()))
            count = extra.count()
            if count:
                extra.delete()
                removed[model._meta.label] = count
    return RestoreResult(loaded=loaded, removed=removed)
