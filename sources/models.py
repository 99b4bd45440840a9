"""Where the portal's facts come from: one row per published document an editor drew on.

Salary bands, FAQs, interview questions, responsibilities and requirements each point at the
``Source`` they were taken from, and every role page names the sources it uses. Titles and
publishers live here, as data editors can correct, never in code.

This app imports no other app of the project: ``roles``, ``salaries`` and ``faqs`` point at it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from nexushr.natural_keys import NaturalKeyManager


class Source(models.Model):
    class Kind(models.TextChoices):
        ROLE_PROFILE = "role-profile", _("Role profile")
        ARTICLE = "article", _("Article")
        HIRING_GUIDE = "hiring-guide", _("Hiring guide")
        JOB_DESCRIPTION_TEMPLATE = "job-description-template", _("Job-description template")
        CAREER_GUIDE = "career-guide", _("Career guide")
        SALARY_GUIDE = "salary-guide", _("Salary guide")
        EDITORIAL = "editorial", _("Editorial")

    key = models.SlugField(
        _("key"),
        max_length=80,
        unique=True,
        help_text=_("A stable name for this source, used by the fixtures (e.g. mismo-ml-guide)."),
    )
    title = models.CharField(_("title"), max_length=300)
    publisher = models.CharField(
        _("publisher"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty when the document does not name its publisher."),
    )
    url = models.URLField(
        _("address (URL)"),
        max_length=500,
        blank=True,
        help_text=_("Leave empty when the document has no public address on record."),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind)
    retrieved_on = models.DateField(
        _("retrieved on"),
        null=True,
        blank=True,
        help_text=_("When an editor retrieved it. Leave empty when no date was recorded."),
    )
    covers = models.TextField(
        _("what it covers"),
        blank=True,
        help_text=_("What the portal takes from this source, in a sentence or two."),
    )

    objects = NaturalKeyManager("key")

    class Meta:
        ordering = ["title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return f"{self.title} ({self.publisher})" if self.publisher else self.title

    def natural_key(self) -> tuple[str]:
        return (self.key,)
