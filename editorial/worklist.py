"""The translation work list: per language, every published text with a missing or outdated
translation, and where to fix it.

Published texts are the published roles (title, alternative titles, summary, day in the life,
and their responsibilities, requirements and career steps), the active FAQs shown on them
(their own and site-wide ones) and the active interview questions. A translation is *missing*
when the English has text and the translation has none, and *outdated* when the English has
changed since the translation was saved (editorial.models.TranslationStamp). Seven queries
whatever the amount of content.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.text import Truncator

from editorial.models import TranslationStamp
from editorial.signals import digest
from editorial.translated import SOURCE_LANGUAGE, TARGET_LANGUAGES, localized, translated_fields
from faqs.models import FAQ, InterviewQuestion
from nexushr.forms import ASCII_DIGITS
from roles.models import Role

MISSING, OUTDATED = "missing", "outdated"
ROLE_ITEMS = ("responsibilities", "requirements", "career_steps")


@dataclass(frozen=True)
class WorkItem:
    language: str
    status: str
    what: str  # "Role: Data Analyst", "Responsibility 3 — Data Analyst"
    field_label: str
    english: str
    translation: str
    url: str
    content_type_id: int
    object_id: int
    field: str

    @property
    def token(self) -> str:
        """Identifies the translation in the "still correct" form."""
        return f"{self.content_type_id}:{self.object_id}:{self.field}:{self.language}"


def _field_label(model: type[models.Model], field: str) -> str:
    return str(model._meta.get_field(field).verbose_name)


class _Collector:
    def __init__(self, languages: Iterable[str]):
        self.languages = tuple(languages)
        self.stamps: dict[tuple[int, int, str, str], str] = {}
        self.items: list[WorkItem] = []

    def load_stamps(self, content_types: dict[type, ContentType]) -> None:
        for stamp in TranslationStamp.objects.filter(
            content_type__in=content_types.values(), language__in=self.languages
        ).values_list("content_type_id", "object_id", "field", "language", "source_digest"):
            self.stamps[stamp[:4]] = stamp[4]

    def check(self, obj: models.Model, content_type: ContentType, what: str, url: str) -> None:
        model = type(obj)
        for field in translated_fields(model):
            english = getattr(obj, localized(field, SOURCE_LANGUAGE)) or ""
            if not english.strip():
                continue
            for language in self.languages:
                column = localized(field, language)
                text = getattr(obj, column) or ""
                if not text.strip():
                    status = MISSING
                else:
                    stamp = self.stamps.get((content_type.pk, obj.pk, field, language))
                    if stamp is None or stamp == digest(english):
                        continue
                    status = OUTDATED
                self.items.append(
                    WorkItem(
                        language=language,
                        status=status,
                        what=what,
                        field_label=_field_label(model, field),
                        english=Truncator(english).chars(160),
                        translation=Truncator(text).chars(160),
                        url=url.replace("{field}", column),
                        content_type_id=content_type.pk,
                        object_id=obj.pk,
                        field=field,
                    )
                )


def translation_work(languages: Iterable[str] = TARGET_LANGUAGES) -> list[WorkItem]:
    collector = _Collector(languages)
    models_used = [Role, FAQ, InterviewQuestion] + [
        Role._meta.get_field(name).related_model for name in ROLE_ITEMS
    ]
    content_types = ContentType.objects.get_for_models(*models_used)
    collector.load_stamps(content_types)

    roles = Role.objects.published().prefetch_related(
        *(
            Prefetch(
                name,
                queryset=Role._meta.get_field(name).related_model.objects.order_by("order", "pk"),
            )
            for name in ROLE_ITEMS
        )
    )
    for role in roles.order_by("title_en"):
        change = reverse("admin:roles_role_change", args=[role.pk])
        collector.check(role, content_types[Role], role.title_en, f"{change}#id_{{field}}")
        for name in ROLE_ITEMS:
            for index, item in enumerate(getattr(role, name).all()):
                model = type(item)
                what = f"{role.title_en} · {model._meta.verbose_name} {index + 1}"
                url = f"{change}#id_{name}-{index}-{{field}}"
                collector.check(item, content_types[model], what, url)

    faqs = FAQ.objects.active().filter(Q(role__isnull=True) | Q(role__status=Role.Status.PUBLISHED))
    for faq in faqs.select_related("role").order_by("role__title_en", "order", "pk"):
        url = reverse("admin:faqs_faq_change", args=[faq.pk]) + "#id_{field}"
        where = faq.role.title_en if faq.role_id else str(FAQ._meta.verbose_name)
        collector.check(faq, content_types[FAQ], f"{where} · {FAQ._meta.verbose_name}", url)

    for question in InterviewQuestion.objects.active().order_by("kind", "order", "pk"):
        url = reverse("admin:faqs_interviewquestion_change", args=[question.pk]) + "#id_{field}"
        what = f"{InterviewQuestion._meta.verbose_name} · {question.key}"
        collector.check(question, content_types[InterviewQuestion], what, url)
    return collector.items


def translation_counts(items: Iterable[WorkItem] | None = None) -> dict[str, dict[str, int]]:
    """{"pt-br": {"missing": 3, "outdated": 1}, …} for every target language."""
    counts = {language: {MISSING: 0, OUTDATED: 0} for language in TARGET_LANGUAGES}
    for item in translation_work() if items is None else items:
        counts[item.language][item.status] += 1
    return counts


def token_content_type(token: str) -> ContentType | None:
    """The content type a work-list token (``<type id>:<object id>:<field>:<language>``) names,
    or None. Ids must be ASCII digits: "²".isdigit() is true and int("²") fails."""
    content_type_id = token.split(":", 1)[0]
    if not ASCII_DIGITS.fullmatch(content_type_id):
        return None
    try:
        return ContentType.objects.get_for_id(int(content_type_id))
    except ContentType.DoesNotExist:
        return None


def mark_current(token: str) -> bool:
    """Record that a translation still matches the current English ("still correct")."""
    try:
        _content_type_id, object_id, field, language = token.split(":")
    except ValueError:
        return False
    content_type = token_content_type(token)
    if content_type is None or not ASCII_DIGITS.fullmatch(object_id):
        return False
    model = content_type.model_class()
    if model is None or field not in translated_fields(model) or language not in TARGET_LANGUAGES:
        return False
    obj = model._base_manager.filter(pk=int(object_id)).first()
    if obj is None:
        return False
    TranslationStamp.objects.update_or_create(
        content_type=content_type,
        object_id=obj.pk,
        field=field,
        language=language,
        defaults={"source_digest": digest(getattr(obj, localized(field, SOURCE_LANGUAGE)))},
    )
    return True
