"""Keep translation stamps in step with every save: in the admin, in imports, in loaddata and
when reversion restores an older version (raw saves included: the rule is the same).

For each translated field and each target language, on saving an object:

- the translation changed (or the object is new) and is not empty: stamp it with the current
  English text — the translation was made from that;
- the translation was emptied: drop the stamp (it is now simply missing);
- the translation did not change but the English did, and there is no stamp yet: stamp it with
  the *previous* English, so the change shows the translation as outdated.
"""

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from editorial.models import TranslationStamp
from editorial.translated import SOURCE_LANGUAGE, TARGET_LANGUAGES, localized, translated_fields


def digest(text: str | None) -> str:
    return hashlib.sha256((text or "").encode()).hexdigest()


@receiver(pre_save, dispatch_uid="translation-stamps-before")
def remember_stored_texts(sender: type[Model], instance: Model, **kwargs: object) -> None:
    fields = translated_fields(sender)
    if not fields:
        return
    columns = [
        localized(field, language)
        for field in fields
        for language in (SOURCE_LANGUAGE, *TARGET_LANGUAGES)
    ]
    stored = None
    if instance.pk is not None:
        stored = sender._base_manager.filter(pk=instance.pk).values(*columns).first()
    instance._stored_translations = stored


@receiver(post_save, dispatch_uid="translation-stamps-after")
def update_translation_stamps(sender: type[Model], instance: Model, **kwargs: object) -> None:
    fields = translated_fields(sender)
    if not fields or not hasattr(instance, "_stored_translations"):
        return
    stored = instance.__dict__.pop("_stored_translations")
    content_type = ContentType.objects.get_for_model(sender)
    write: dict[tuple[str, str], str] = {}
    drop: list[tuple[str, str]] = []
    keep_if_unstamped: dict[tuple[str, str], str] = {}
    for field in fields:
        english = getattr(instance, localized(field, SOURCE_LANGUAGE)) or ""
        old_english = (stored or {}).get(localized(field, SOURCE_LANGUAGE)) or ""
        for language in TARGET_LANGUAGES:
            column = localized(field, language)
            text = getattr(instance, column) or ""
            old_text = (stored or {}).get(column) or ""
            if stored is None or text != old_text:
                if text:
                    write[field, language] = digest(english)
                elif stored is not None:
                    drop.append((field, language))
            elif text and english != old_english:
                keep_if_unstamped[field, language] = digest(old_english)
    if not (write or drop or keep_if_unstamped):
        return
    if stored is None:  # a new row has no stamps yet: one insert for all of them
        TranslationStamp.objects.bulk_create(
            [
                TranslationStamp(
                    content_type=content_type,
                    object_id=instance.pk,
                    field=field,
                    language=language,
                    source_digest=source_digest,
                )
                for (field, language), source_digest in write.items()
            ],
            ignore_conflicts=True,
        )
        return
    existing = {
        (stamp.field, stamp.language): stamp
        for stamp in TranslationStamp.objects.filter(
            content_type=content_type, object_id=instance.pk
        )
    }
    for key in drop:
        if key in existing:
            existing[key].delete()
    for key, source_digest in {**keep_if_unstamped, **write}.items():
        stamp = existing.get(key)
        if stamp is None:
            TranslationStamp.objects.create(
                content_type=content_type,
                object_id=instance.pk,
                field=key[0],
                language=key[1],
                source_digest=source_digest,
            )
        elif key in write and stamp.source_digest != source_digest:
            stamp.source_digest = source_digest
            stamp.saved_at = timezone.now()
            stamp.save(update_fields=["source_digest", "saved_at"])


@receiver(post_delete, dispatch_uid="translation-stamps-delete")
def drop_translation_stamps(sender: type[Model], instance: Model, **kwargs: object) -> None:
    if translated_fields(sender):
        TranslationStamp.objects.filter(
            content_type=ContentType.objects.get_for_model(sender), object_id=instance.pk
        ).delete()
