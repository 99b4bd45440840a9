"""What changed on a role, and when: the Atom feed's entries say it (opendata/feeds.py).

Recorded after each commit by the receivers in opendata/signals.py; several saves of one role
within a few minutes (one admin save writes the role and each of its inlines) become one change.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roles.models import Role


class RoleChange(models.Model):
    class Section(models.TextChoices):
        NEW = "new", _("New role")
        PROFILE = "profile", _("title, summary or day in the life")
        SALARIES = "salaries", _("salary data")
        RESPONSIBILITIES = "responsibilities", _("responsibilities")
        REQUIREMENTS = "requirements", _("requirements and skills")
        CAREER_PATH = "career_path", _("career path")
        TOOLS = "tools", _("top tools")
        FAQS = "faqs", _("FAQs")
        RELATED = "related", _("related roles")
        SOURCES = "sources", _("sources")

    role = models.ForeignKey(
        Role, on_delete=models.CASCADE, related_name="changes", verbose_name=_("role")
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now, db_index=True)
    # Section values, comma-separated, in the order of Section.
    sections = models.CharField(_("sections"), max_length=200)
    # The latest as-of date among the salary bands saved in this change, when they state one.
    salary_as_of = models.DateField(_("salary data as of"), null=True, blank=True)

    class Meta:
        ordering = ["-changed_at"]
        verbose_name = _("role change")
        verbose_name_plural = _("role changes")

    def __str__(self) -> str:
        return f"{self.role_id} {self.changed_at:%Y-%m-%d %H:%M} {self.sections}"

    @property
    def section_list(self) -> list[str]:
        return [s for s in self.sections.split(",") if s]

    @property
    def is_new(self) -> bool:
        return self.Section.NEW in self.section_list
