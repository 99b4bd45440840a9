"""The curated question tables: FAQs and interview questions.

Questions are chosen by editors from published sources (each records its source), never
generated. ``faqs`` points at ``roles``; ``roles`` never imports this app.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from nexushr.natural_keys import NaturalKeyManager
from roles.models import Category, Role


class ActiveQuerySet(models.QuerySet):
    """Questions editors have not retired (``is_active``)."""

    def active(self) -> "ActiveQuerySet":
        return self.filter(is_active=True)


class FAQ(models.Model):
    key = models.SlugField(_("key"), max_length=120, unique=True)
    role = models.ForeignKey(
        Role,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="faqs",
        verbose_name=_("role"),
        help_text=_("Leave empty for a site-wide FAQ shown on every role page."),
    )
    question = models.CharField(_("question"), max_length=300)
    answer = models.TextField(_("answer"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    source = models.CharField(_("source"), max_length=120)

    objects = NaturalKeyManager.from_queryset(ActiveQuerySet)("key")

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("FAQ")
        verbose_name_plural = _("FAQs")

    def __str__(self) -> str:
        return self.question

    def natural_key(self) -> tuple[str]:
        return (self.key,)


class InterviewQuestion(models.Model):
    class Kind(models.TextChoices):
        TECHNICAL = "technical", _("Technical")
        BEHAVIORAL = "behavioral", _("Behavioral")
        SITUATIONAL = "situational", _("Situational")
        TOPIC = "topic", _("Topics to prepare")

    class Scope(models.TextChoices):
        ROLE = "role", _("Role")
        CATEGORY = "category", _("Category")
        GENERIC = "generic", _("Generic")

    key = models.SlugField(_("key"), max_length=120, unique=True)
    text = models.TextField(_("question"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind, db_index=True)
    roles = models.ManyToManyField(
        Role, blank=True, related_name="interview_questions", verbose_name=_("roles")
    )
    categories = models.ManyToManyField(
        Category,
        blank=True,
        related_name="interview_questions",
        verbose_name=_("categories"),
        help_text=_(
            "Leave roles and categories empty for a generic question asked for every role."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True, db_index=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    source = models.CharField(_("source"), max_length=120)

    objects = NaturalKeyManager.from_queryset(ActiveQuerySet)("key")

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("interview question")
        verbose_name_plural = _("interview questions")

    def __str__(self) -> str:
        return self.text

    def natural_key(self) -> tuple[str]:
        return (self.key,)
