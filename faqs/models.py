"""The curated question tables: FAQs and interview questions.

Questions are chosen by editors from published sources (each records its source), never
generated. ``faqs`` points at ``roles``; ``roles`` never imports this app.
"""

import operator
from functools import reduce

from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.utils.translation import gettext_lazy as _

from nexushr.natural_keys import NaturalKeyManager
from roles.models import Category, Role
from sources.models import Source


class ActiveQuerySet(models.QuerySet):
    """Questions editors have not retired (``is_active``)."""

    def active(self) -> "ActiveQuerySet":
        return self.filter(is_active=True)


class CuratedEntry(models.Model):
    """What FAQs and interview questions share: a stable key (their natural key, used by the
    fixtures), an editorial order and a switch to retire one. Each concrete model adds the
    ``source`` it comes from (a ``sources.Source``, with its own reverse name)."""

    key = models.SlugField(_("key"), max_length=120, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    objects = NaturalKeyManager.from_queryset(ActiveQuerySet)("key")

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    def natural_key(self) -> tuple[str]:
        return (self.key,)


class FAQ(CuratedEntry):
    class OnlyWith(models.TextChoices):
        SALARIES = "salaries", _("salary figures")
        INTERVIEW_QUESTIONS = "interview-questions", _("interview questions")

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
    only_with = models.CharField(
        _("only on pages with"),
        max_length=20,
        choices=OnlyWith,
        blank=True,
        help_text=_(
            "For a site-wide FAQ about one section: show it only on role pages that have that "
            "section. Leave empty to show it on every page it applies to."
        ),
    )
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, verbose_name=_("source"), related_name="faqs"
    )

    class Meta(CuratedEntry.Meta):
        verbose_name = _("FAQ")
        verbose_name_plural = _("FAQs")

    def __str__(self) -> str:
        return self.question


def _scopes(role: Role | None) -> list[tuple[str, Q]]:
    """Each ``InterviewQuestion.Scope`` with its SQL condition, most specific first: the one
    definition of scope. EXISTS subqueries, no join, so no duplicate rows."""
    Scope = InterviewQuestion.Scope
    links_to_roles = InterviewQuestion.roles.through.objects.filter(
        interviewquestion=OuterRef("pk")
    )
    links_to_categories = InterviewQuestion.categories.through.objects.filter(
        interviewquestion=OuterRef("pk")
    )
    own, in_category = links_to_roles, links_to_categories
    if role is not None:
        own = own.filter(role=role.pk)
        in_category = in_category.filter(category=role.category_id)
    return [
        (Scope.ROLE, Q(Exists(own))),
        (Scope.CATEGORY, Q(Exists(in_category))),
        (Scope.GENERIC, ~Q(Exists(links_to_roles)) & ~Q(Exists(links_to_categories))),
    ]


class InterviewQuestionQuerySet(ActiveQuerySet):
    def with_scope(self, role: Role | None = None) -> "InterviewQuestionQuerySet":
        """Annotate ``scope`` (an ``InterviewQuestion.Scope``), the one definition of it.

        Without ``role``: what the question is attached to (roles, else categories, else
        nothing: generic). With ``role``: how it applies to that role (one of the role's own,
        of its category, generic), or None when it does not apply. Computed in SQL with EXISTS
        subqueries: no join, so no duplicate rows.
        """
        return self.annotate(
            scope=Case(
                *(When(condition, then=Value(scope)) for scope, condition in _scopes(role)),
                default=Value(None),
                output_field=models.CharField(),
            )
        )

    @staticmethod
    def applies_to(role: Role) -> Q:
        """The condition "this question applies to ``role``" (any scope), for filters and
        conditional counts over many roles in one query."""
        conditions = [condition for _scope, condition in _scopes(role)]
        return reduce(operator.or_, conditions)

    def for_role(self, role: Role) -> "InterviewQuestionQuerySet":
        """Active questions that apply to ``role``, each with its ``scope``, in editorial
        order (``faqs.selectors.in_scope_order`` then puts the role's own first, then its
        category's, then generic ones).

        The scope's CASE of EXISTS tests is written once, in the SELECT: filtering and ordering
        on it made Django write it out five times, and compiling those 20 subqueries took ten
        times as long as running the query.
        """
        return self.active().with_scope(role).filter(self.applies_to(role)).order_by("order", "pk")


class InterviewQuestion(CuratedEntry):
    class Kind(models.TextChoices):
        TECHNICAL = "technical", _("Technical")
        BEHAVIORAL = "behavioral", _("Behavioral")
        SITUATIONAL = "situational", _("Situational")
        TOPIC = "topic", _("Topics to prepare")

    class Scope(models.TextChoices):
        """How widely a question applies, most specific first (see the QuerySet's with_scope)."""

        ROLE = "role", _("Role")
        CATEGORY = "category", _("Category")
        GENERIC = "generic", _("Generic")

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
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        verbose_name=_("source"),
        related_name="interview_questions",
    )

    objects = NaturalKeyManager.from_queryset(InterviewQuestionQuerySet)("key")

    class Meta(CuratedEntry.Meta):
        verbose_name = _("interview question")
        verbose_name_plural = _("interview questions")

    def __str__(self) -> str:
        return self.text


# The table linking questions to roles is Django's own (so fixtures keep listing a question's
# roles); it is edited as "the questions for this role" on the role's form, so it is named that
# way, in the admin's change messages and in the role's history, rather than
# "InterviewQuestion_roles object (12)".
_RoleLink = InterviewQuestion.roles.through
_RoleLink._meta.verbose_name = _("interview question for this role")
_RoleLink._meta.verbose_name_plural = _("interview questions for this role")
_RoleLink.__str__ = lambda link: str(link.interviewquestion)  # type: ignore[method-assign]
