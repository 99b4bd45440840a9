"""The role profiles: what a job role is, does and needs.

This app imports neither ``salaries`` nor ``faqs``: they point at roles, never the other way round.
Every model a fixture refers to has a natural key, so the fixtures carry no primary keys and
loading them twice changes nothing.
"""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from nexushr.natural_keys import NaturalKeyManager


class Category(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = NaturalKeyManager("slug")

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("roles:index", query={"category": self.slug})

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class SearchedPartQuerySet(models.QuerySet):
    """Rows a role is found by (its tools, its requirements, a tool's name): the ORM calls
    that send no signal reindex the roles they touch, before and after (a row moved to another
    role changes both). Saves and deletes do it in roles.signals. ``searched`` names the fields
    the index reads; an update of any other field (an order, a source) reindexes nothing."""

    searched: tuple[str, ...] = ()

    def role_ids(self, pks: Iterable[int]) -> set[int]:
        return set(self.model._base_manager.filter(pk__in=pks).values_list("role_id", flat=True))

    def _touches_index(self, names: Iterable[str]) -> bool:
        # "title", its translations ("title_pt_br") and a key's column ("role_id").
        return any(n == f or n.startswith(f + "_") for n in names for f in self.searched)

    def update(self, **kwargs: Any) -> int:
        if not self._touches_index(kwargs):
            return super().update(**kwargs)
        pks = list(self.values_list("pk", flat=True))
        before = self.role_ids(pks)
        rows = super().update(**kwargs)
        _reindex(before | self.role_ids(pks))
        return rows

    def bulk_update(self, objs: Iterable[Any], fields: Iterable[str], **kwargs: Any) -> int:
        objs, fields = list(objs), list(fields)
        if not self._touches_index(fields):
            return super().bulk_update(objs, fields, **kwargs)
        pks = [obj.pk for obj in objs]
        before = self.role_ids(pks)
        rows = super().bulk_update(objs, fields, **kwargs)
        _reindex(before | self.role_ids(pks))
        return rows

    def bulk_create(self, objs: Iterable[Any], *args: Any, **kwargs: Any) -> list:
        created = super().bulk_create(objs, *args, **kwargs)
        _reindex(self.role_ids([obj.pk for obj in created if obj.pk is not None]))
        return created


class ToolQuerySet(SearchedPartQuerySet):
    searched = ("name",)

    def role_ids(self, pks: Iterable[int]) -> set[int]:
        return set(RoleTool.objects.filter(tool__in=list(pks)).values_list("role_id", flat=True))


class RoleToolQuerySet(SearchedPartQuerySet):
    searched = ("role", "tool")


class RequirementQuerySet(SearchedPartQuerySet):
    searched = ("role", "text")


class Tool(models.Model):
    """A technology named in a role's top tools. Names are proper nouns: not translated."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)

    objects = NaturalKeyManager.from_queryset(ToolQuerySet)("slug")

    class Meta:
        ordering = [Lower("name")]
        verbose_name = _("tool")
        verbose_name_plural = _("tools")

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class RoleQuerySet(SearchedPartQuerySet):
    # A role's fields the search index is built from (with their translations): an update of
    # any of them by QuerySet.update or bulk_update reindexes the roles (saves do, in
    # roles.signals); the index ranks and counts by copies of the status, category, demand and
    # titles.
    searched = ("title", "alternative_titles", "summary", "status", "category", "demand")

    def role_ids(self, pks: Iterable[int]) -> set[int]:
        return set(pks)

    def published(self) -> "RoleQuerySet":
        return self.filter(status=Role.Status.PUBLISHED)


def _reindex(pks: Iterable[int]) -> None:
    from roles.search import reindex_role  # the index is built from this module's models

    for pk in sorted(set(pks)):
        reindex_role(pk)


class Role(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    class Demand(models.TextChoices):
        HIGH = "high", _("High Demand")
        MEDIUM = "medium", _("Medium Demand")
        LOW = "low", _("Low Demand")

    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_("The address of the page. Renaming it keeps the old address working (301)."),
    )
    title = models.CharField(_("title"), max_length=160)
    alternative_titles = models.TextField(
        _("also known as"), blank=True, help_text=_("One alternative title per line.")
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_(
            "Only what the sources say about this role. Leave empty when they name the role "
            "without describing it: the page then says so."
        ),
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="roles", verbose_name=_("category")
    )
    demand = models.CharField(
        _("demand"),
        max_length=10,
        choices=Demand,
        blank=True,
        help_text=_("Leave empty when no source states the demand."),
    )
    # The order roles lead their category in (high, medium, low, then unstated), kept by the
    # database beside ``demand`` so the home page's listing index can hand over a category's
    # first roles in order instead of sorting them all.
    demand_rank = models.GeneratedField(
        expression=models.Case(
            *[models.When(demand=value, then=rank) for rank, value in enumerate(Demand.values)],
            default=len(Demand.values),
        ),
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
        verbose_name=_("demand order"),
    )
    day_in_the_life = models.TextField(_("day in the life"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.DRAFT, db_index=True
    )
    tools = models.ManyToManyField(
        Tool, through="RoleTool", related_name="roles", blank=True, verbose_name=_("tools")
    )
    related_roles = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="+",
        verbose_name=_("related roles and specializations"),
    )
    sources = models.ManyToManyField(
        "sources.Source",
        blank=True,
        related_name="roles",
        verbose_name=_("profile sources"),
        help_text=_(
            "Where the title, summary, category, demand and day in the life come from. "
            "Lists, salaries and questions name their own source."
        ),
    )
    # Defaults rather than auto_now(_add), which raw fixture loading would leave empty.
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now, editable=False)

    objects = NaturalKeyManager.from_queryset(RoleQuerySet)("slug")

    class Meta:
        ordering = ["title"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        indexes = [
            index
            for title in (
                build_localized_fieldname("title", code) for code, _n in settings.LANGUAGES
            )
            for index in (
                # The home page's first roles of a category in each language
                # (roles.selectors.categories_with_roles): the first six rows of the category
                # in this index are its first six roles, whatever the size of the catalogue.
                models.Index(
                    fields=["category", "status", "demand_rank", title],
                    name=f"role_listing_{title}",
                ),
                # The role index's pages, by title in each language: a page is read in order
                # from here instead of sorting every published role.
                models.Index(fields=["status", title], name=f"role_index_{title}"),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        """Saving a new slug keeps the old address alive as a redirect to this role."""
        old_slug = getattr(self, "_loaded_slug", None)
        self.updated_at = timezone.now()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "updated_at"}
        super().save(*args, **kwargs)
        if old_slug and old_slug != self.slug:
            RoleRedirect.objects.update_or_create(old_slug=old_slug, defaults={"role": self})
        # A slug taken back (renamed A → B → A) must serve the page, not redirect.
        RoleRedirect.objects.filter(old_slug=self.slug).delete()
        self._loaded_slug = self.slug

    def get_absolute_url(self) -> str:
        return reverse("roles:detail", kwargs={"slug": self.slug})

    @classmethod
    def rank_of_demand(cls, demand: str) -> int:
        """What ``demand_rank`` holds for ``demand`` (high 0, medium 1, low 2, unstated 3),
        computed in Python: for the search index's sort keys."""
        values = cls.Demand.values
        return values.index(demand) if demand in values else len(values)

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):  # type: ignore[no-untyped-def]
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._loaded_slug = instance.__dict__.get("slug")
        return instance

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def interview_question_links(self) -> models.QuerySet:
        """The rows linking this role to its interview questions (the M2M table the role form's
        questions inline edits): part of the role's history (editorial.history), so restoring
        the role restores which questions it has, never the questions themselves."""
        through = Role.interview_questions.rel.through
        return through._base_manager.filter(role=self)

    @property
    def alternative_title_list(self) -> list[str]:
        return [line.strip() for line in self.alternative_titles.splitlines() if line.strip()]


class OrderedRoleItem(models.Model):
    role = models.ForeignKey(Role, on_delete=models.CASCADE, verbose_name=_("role"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    source = models.ForeignKey(
        "sources.Source",
        on_delete=models.PROTECT,
        verbose_name=_("source"),
        help_text=_("The published document this comes from."),
    )

    objects = NaturalKeyManager("role__slug", "order")
    label_field = "text"  # the field that names an item (its str())

    class Meta:
        abstract = True
        ordering = ["order"]
        constraints = [
            # Deferred, so editors can swap two items' order in one admin save (PostgreSQL
            # checks at commit; SQLite cannot defer and relies on the formset's own check).
            models.UniqueConstraint(
                fields=["role", "order"],
                name="%(class)s_unique_order",
                deferrable=models.Deferrable.DEFERRED,
            ),
        ]

    def __str__(self) -> str:
        return getattr(self, self.label_field)

    def natural_key(self) -> tuple[str, int]:
        return (self.role.slug, self.order)

    natural_key.dependencies = ["roles.role"]  # type: ignore[attr-defined]


class Responsibility(OrderedRoleItem):
    text = models.TextField(_("text"))

    class Meta(OrderedRoleItem.Meta):
        default_related_name = "responsibilities"
        verbose_name = _("responsibility")
        verbose_name_plural = _("responsibilities")


class Requirement(OrderedRoleItem):
    class Kind(models.TextChoices):
        REQUIRED = "required", _("Required")
        PREFERRED = "preferred", _("Preferred")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.REQUIRED)
    text = models.TextField(_("text"))

    objects = NaturalKeyManager.from_queryset(RequirementQuerySet)("role__slug", "order")

    class Meta(OrderedRoleItem.Meta):
        default_related_name = "requirements"
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")


class CareerStep(OrderedRoleItem):
    """One rung of a role's career ladder; it may name roles the portal has, which it links to."""

    label_field = "title"
    title = models.CharField(_("title"), max_length=200)
    linked_roles = models.ManyToManyField(
        Role,
        blank=True,
        related_name="+",
        verbose_name=_("linked roles"),
        help_text=_("Roles this step names, linked from the ladder."),
    )

    class Meta(OrderedRoleItem.Meta):
        default_related_name = "career_steps"
        verbose_name = _("career step")
        verbose_name_plural = _("career path")


class RoleTool(models.Model):
    role = models.ForeignKey(Role, on_delete=models.CASCADE, verbose_name=_("role"))
    tool = models.ForeignKey(Tool, on_delete=models.PROTECT, verbose_name=_("tool"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = NaturalKeyManager.from_queryset(RoleToolQuerySet)("role__slug", "tool__slug")

    class Meta:
        ordering = ["order"]
        default_related_name = "role_tools"
        verbose_name = _("top tool")
        verbose_name_plural = _("top tools")
        constraints = [
            models.UniqueConstraint(fields=["role", "tool"], name="roletool_unique_tool"),
        ]

    def __str__(self) -> str:
        return str(self.tool)

    def natural_key(self) -> tuple[str, str]:
        return (self.role.slug, self.tool.slug)

    natural_key.dependencies = ["roles.role", "roles.tool"]  # type: ignore[attr-defined]


class RoleRedirect(models.Model):
    """An old slug that must keep answering: requests for it get a 301 to the role's page."""

    old_slug = models.SlugField(_("old slug"), max_length=120, unique=True)
    role = models.ForeignKey(
        Role, on_delete=models.CASCADE, related_name="redirects", verbose_name=_("role")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    # Natural key, so a content backup (editorial.content) restores redirects without ids.
    objects = NaturalKeyManager("old_slug")

    class Meta:
        ordering = ["old_slug"]
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")

    def __str__(self) -> str:
        return f"{self.old_slug} → {self.role.slug}"

    def natural_key(self) -> tuple[str]:
        return (self.old_slug,)

    natural_key.dependencies = ["roles.role"]  # type: ignore[attr-defined]


def language_choices() -> list[tuple[str, str]]:
    """The site's languages (a callable, so adding one needs no migration)."""
    from django.conf import settings

    return [("", _("Every language")), *settings.LANGUAGES]


class SearchSynonym(models.Model):
    """Words candidates use for the same thing, kept by editors: a search for any term of the
    group also finds what the others find ("IA" ↔ "AI", "aprendizado de máquina" ↔ "machine
    learning"). Read at query time, so a saved change applies to the next search."""

    language = models.CharField(
        _("language"),
        max_length=10,
        choices=language_choices,
        blank=True,
        help_text=_("The page language whose searches use this group, or every language."),
    )
    key = models.SlugField(
        _("key"), max_length=80, help_text=_("A short name for the group, e.g. machine-learning.")
    )
    terms = models.TextField(
        _("terms"),
        help_text=_(
            "One word or phrase per line. Case, accents and words like “de” or “the” are ignored."
        ),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = NaturalKeyManager("language", "key")

    class Meta:
        ordering = ["language", "key"]
        verbose_name = _("search synonym group")
        verbose_name_plural = _("search synonyms")
        constraints = [
            models.UniqueConstraint(fields=["language", "key"], name="searchsynonym_unique_key"),
        ]

    def __str__(self) -> str:
        return " ↔ ".join(self.term_list)

    def natural_key(self) -> tuple[str, str]:
        return (self.language, self.key)

    @property
    def term_list(self) -> list[str]:
        return [line.strip() for line in self.terms.splitlines() if line.strip()]


class SearchPosting(models.Model):
    """One stemmed word of a role's searchable text in one language: the search index.

    Derived from the role by ``roles.search.reindex_role``; never edited or stored in fixtures.
    """

    class Field(models.IntegerChoices):
        TITLE = 1, _("title")
        ALTERNATIVE_TITLE = 2, _("also known as")
        TOOL = 3, _("tool")
        SKILL = 4, _("requirement")
        SUMMARY = 5, _("summary")

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=10)
    stem = models.CharField(max_length=40)
    field = models.PositiveSmallIntegerField(choices=Field)
    # Which title, tool or requirement of the field; the word's place in it; its word count.
    entry = models.PositiveSmallIntegerField(default=0)
    position = models.PositiveSmallIntegerField(default=0)
    entry_length = models.PositiveSmallIntegerField(default=1)
    # Copies of the role's columns a search ranks and counts by, so that it never joins the
    # roles: whether it is published, its category, and its place among equally scored roles
    # (demand rank, then folded title in this language: compared byte by byte on both
    # databases). ``reindex_role`` writes them, on every save and QuerySet.update of a role.
    published = models.BooleanField(default=False)
    category = models.IntegerField(null=True)
    sort_key = models.CharField(max_length=200, default="")

    class Meta:
        # Covering: a search reads postings from the index alone, never from the table.
        indexes = [
            models.Index(
                fields=[
                    "language",
                    "stem",
                    "published",
                    "role",
                    "field",
                    "entry",
                    "position",
                    "entry_length",
                    "category",
                    "sort_key",
                ],
                name="searchposting_lookup",
            )
        ]

    def __str__(self) -> str:
        return f"{self.language}:{self.stem}"


class SearchWord(models.Model):
    """The vocabulary of the index per language: folded word → stem, for prefixes, glued words
    and "Did you mean …?" (``display`` keeps the accents)."""

    language = models.CharField(max_length=10)
    word = models.CharField(max_length=40)
    stem = models.CharField(max_length=40)
    display = models.CharField(max_length=40)
    typo = models.BooleanField(default=False)  # has typo keys (SearchDeletion rows)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["language", "word"], name="searchword_unique_word"),
        ]
        indexes = [models.Index(fields=["language", "stem"], name="searchword_stem")]

    def __str__(self) -> str:
        return f"{self.language}:{self.word}"


class SearchDeletion(models.Model):
    """Typo keys (SymSpell deletes, see roles.analysis.deletes) of the words in titles,
    alternative titles and tools."""

    language = models.CharField(max_length=10)
    key = models.CharField(max_length=40)
    word = models.CharField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["language", "key", "word"], name="searchdeletion_unique_key"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.language}:{self.key}→{self.word}"


class SearchIndexVersion(models.Model):
    """One row whose token changes whenever the vocabulary (``SearchWord``) does, in the same
    transaction: each process keeps the vocabulary in memory and reloads it when the token it
    read differs. A random token, not a counter, so that a rolled-back change can never leave
    two different vocabularies under one token."""

    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return self.token
