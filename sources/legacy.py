"""Used by the data migrations that turned the old free-text ``source`` columns into foreign keys.

Before the ``sources`` app, each row named its source as text: a seed file name or
``nexushr-editorial``. The migrations map each such text to a ``Source`` key (the keys the
fixture ``fixtures/00_sources.json`` uses), creating a placeholder row for any text it does not
know, titled with that text, for an editor to complete in the admin (re-loading the fixtures
fills in the known ones). No title is written here: titles are data.
"""

from django.utils.text import slugify

# Old free-text value → Source key.
LEGACY_KEYS = {
    "000_4aede081a3ffb1ab.txt": "nexushr-mle-profile",
    "001_51cc1a9e139b6f29.txt": "wow-remote-teams-mle-hiring-guide",
    "002_cb410cb4b5f0cb23.txt": "nexushr-mle-profile-excerpt",
    "003_c87a14101bb3f2cf.txt": "mismo-ml-engineers-guide",
    "004_d272820fbc27a54e.txt": "mle-career-guide",
    "nexushr-editorial": "nexushr-editorial",
}
UNATTRIBUTED = "unattributed"


def source_for(source_model, value: str, cache: dict):  # type: ignore[no-untyped-def]
    """The Source row for an old free-text value (created as a placeholder when unknown)."""
    value = (value or "").strip()
    key = LEGACY_KEYS.get(value) or slugify(value)[:80] or UNATTRIBUTED
    if key not in cache:
        cache[key], _ = source_model.objects.get_or_create(
            key=key,
            defaults={
                "title": value or UNATTRIBUTED,
                "title_en": value or UNATTRIBUTED,
                "kind": "editorial" if key in {"nexushr-editorial", UNATTRIBUTED} else "article",
            },
        )
    return cache[key]


def forwards(app_label: str, model_names: list[str]):  # type: ignore[no-untyped-def]
    """A RunPython function copying ``source`` (text) into ``source_ref`` (foreign key)."""

    def run(apps, schema_editor) -> None:  # type: ignore[no-untyped-def]
        source_model = apps.get_model("sources", "Source")
        cache: dict = {}
        for name in model_names:
            model = apps.get_model(app_label, name)
            for value in model.objects.values_list("source", flat=True).distinct():
                model.objects.filter(source=value).update(
                    source_ref=source_for(source_model, value, cache)
                )

    return run


def backwards(app_label: str, model_names: list[str]):  # type: ignore[no-untyped-def]
    """Reverse: write each row's source key back as text (the seed file name where known)."""
    names = {key: value for value, key in LEGACY_KEYS.items()}

    def run(apps, schema_editor) -> None:  # type: ignore[no-untyped-def]
        for name in model_names:
            model = apps.get_model(app_label, name)
            for row in model.objects.select_related("source_ref"):
                key = row.source_ref.key if row.source_ref_id else ""
                model.objects.filter(pk=row.pk).update(source=names.get(key, key))

    return run
