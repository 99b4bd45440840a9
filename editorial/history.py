"""History and undo (django-reversion): what is recorded, and a readable diff between versions.

A role's version is a snapshot of the role *and everything on its admin form* — salary bands,
responsibilities, requirements, career steps, top tools, FAQs and the links to its interview
questions — so restoring one brings the inlines back as they were (items added since are
removed). Each of those items follows its role, so a change made elsewhere (the salary import,
the FAQ list, a question's roles) also records a full role snapshot. Interview questions are
shared between roles, so a role's snapshot holds only its *links* to questions (rows of the
many-to-many table, ``Role.interview_question_links``) and each question keeps its own history:
restoring a role brings back which questions it has, never rewrites or deletes a question other
roles use.

Translated fields are recorded per language (``title_en``, ``title_pt_br`` …); the untranslated
"virtual" column modeltranslation keeps under the plain name, and derived search columns, are
left out: restoring them would write the admin's language into the wrong column.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

import reversion
from django.apps import apps
from django.db import models
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from reversion.models import Version

from editorial.translated import all_translated_fields

ROLE_FOLLOW = (
    "salary_bands",
    "responsibilities",
    "requirements",
    "career_steps",
    "role_tools",
    "faqs",
    "interview_question_links",
)
# Models whose changes are part of a role's snapshot (they follow their role).
ROLE_ITEMS = (
    "salaries.SalaryBand",
    "roles.Responsibility",
    "roles.Requirement",
    "roles.CareerStep",
    "roles.RoleTool",
    "faqs.FAQ",
    "faqs.InterviewQuestion_roles",
)
# Link rows (many-to-many tables) in a role's snapshot, with the field that says what the role
# is linked to (the other one is the role itself). Each is named after what it links to
# (faqs.models sets the table's names and __str__).
LINKS = {"faqs.InterviewQuestion_roles": "interviewquestion"}
STANDALONE = ("roles.Category", "roles.Tool", "salaries.Country", "faqs.InterviewQuestion")
OPTIONAL_STANDALONE = ("sources.Source",)  # registered when the app is installed


def _excluded(model: type[models.Model]) -> tuple[str, ...]:
    return tuple(all_translated_fields(model))


def _register(label: str, follow: tuple[str, ...] = ()) -> None:
    model = apps.get_model(label)
    if not reversion.is_registered(model):
        reversion.register(model, exclude=_excluded(model), follow=follow)


def is_followed(model: type[models.Model]) -> bool:
    """Whether ``model``'s rows are part of a role's snapshot."""
    return model._meta.label in ROLE_ITEMS


def register_models() -> None:
    _register("roles.Role", follow=ROLE_FOLLOW)
    for label in ROLE_ITEMS:
        _register(label, follow=("role",))
    for label in STANDALONE:
        _register(label)
    for label in OPTIONAL_STANDALONE:
        if apps.is_installed(label.split(".")[0]):
            _register(label)


register_models()


def create_link_content_types(using: str = "default", **kwargs: Any) -> None:
    """Django makes no content type for a many-to-many table until first asked (a version
    needs one). Made on ``migrate`` (and ``flush``) instead: one made lazily inside a
    transaction that rolls back would stay cached in the process with an id that does not
    exist, and every later version of a link would break on its foreign key."""
    from django.contrib.contenttypes.models import ContentType

    for label in LINKS:
        model = apps.get_model(label)
        ContentType.objects.db_manager(using).get_or_create(
            app_label=model._meta.app_label, model=model._meta.model_name
        )
    ContentType.objects.clear_cache()


@receiver(m2m_changed, sender="faqs.InterviewQuestion_roles", dispatch_uid="history-question-roles")
def record_roles_of_changed_links(
    sender: type[models.Model],
    instance: models.Model,
    action: str,
    reverse: bool,
    pk_set: set | None,
    **kwargs: Any,
) -> None:
    """A question's roles changed from the question's side (its form, ``question.roles.set``):
    each role gained or lost a link, so each role's history records a snapshot too."""
    if not reversion.is_active() or reversion.is_manage_manually():
        return
    if reverse:  # role.interview_questions.add(...): the role itself changed
        if action.startswith("post_"):
            reversion.add_to_revision(instance)
        return
    if action == "pre_clear":
        instance._history_cleared_roles = set(instance.roles.values_list("pk", flat=True))
        return
    if action == "post_clear":
        pk_set = instance.__dict__.pop("_history_cleared_roles", set())
    elif action not in ("post_add", "post_remove"):
        return
    role_model = apps.get_model("roles.Role")
    for role in role_model._base_manager.filter(pk__in=pk_set or ()):
        reversion.add_to_revision(role)


# ---------------------------------------------------------------------------------------------
# Readable differences between two versions
# ---------------------------------------------------------------------------------------------


@dataclass
class FieldChange:
    label: str
    before: str
    after: str
    diff: SafeString


@dataclass
class ObjectChange:
    kind: str  # "added", "changed", "deleted"
    model_name: str
    object_repr: str
    fields: list[FieldChange]


def _display(model: type[models.Model], name: str, value: Any) -> str:
    """A stored value as an editor reads it: choice labels, related objects' names, dates."""
    field = model._meta.get_field(name)
    if value in (None, "", []):
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ManyToManyField):
        related = field.related_model._base_manager.filter(pk__in=value)
        names = {obj.pk: str(obj) for obj in related}
        return ", ".join(names.get(pk, f"#{pk}") for pk in value)
    if isinstance(field, models.ForeignKey):
        obj = field.related_model._base_manager.filter(pk=value).first()
        return str(obj) if obj is not None else f"#{value}"
    if isinstance(field, models.BooleanField):
        return _("yes") if value else _("no")
    return str(value)


def word_diff(before: str, after: str) -> SafeString:
    """``before`` → ``after`` with removed words in <del> and added words in <ins>."""
    old, new = before.split(" "), after.split(" ")
    parts: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new).get_opcodes():
        if tag == "equal":
            parts.append(escape(" ".join(old[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            parts.append(format_html("<del>{}</del>", " ".join(old[i1:i2])))
        if tag in ("insert", "replace"):
            parts.append(format_html("<ins>{}</ins>", " ".join(new[j1:j2])))
    return mark_safe(" ".join(parts))


def _label(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    if model._meta.auto_created and field.is_relation:
        return str(field.related_model._meta.verbose_name)  # not "interviewquestion"
    return str(field.verbose_name)


def _field_changes(
    model: type[models.Model], old: dict[str, Any], new: dict[str, Any]
) -> list[FieldChange]:
    changes = []
    link = LINKS.get(model._meta.label)
    for name in new:
        model_field = model._meta.get_field(name)
        if model_field.primary_key or not model_field.editable:
            continue
        if link and name != link:
            continue  # a link's other end is the role whose history this is
        before_raw, after_raw = old.get(name), new.get(name)
        if isinstance(before_raw, list) and isinstance(after_raw, list):
            if sorted(before_raw) == sorted(after_raw):
                continue
        elif before_raw == after_raw:
            continue
        before, after = _display(model, name, before_raw), _display(model, name, after_raw)
        if before == after:
            continue
        changes.append(FieldChange(_label(model, name), before, after, word_diff(before, after)))
    return changes


def _field_name(model: type[models.Model], attname: str) -> str:
    for field in model._meta.concrete_fields:
        if field.attname == attname:
            return field.name
    return attname


def _named(model: type[models.Model], field_dict: dict[str, Any]) -> dict[str, Any]:
    return {_field_name(model, key): value for key, value in field_dict.items()}


def revision_changes(version: Version, previous: Version | None) -> list[ObjectChange]:
    """What changed between the revision of ``previous`` and the one of ``version``: every object
    in either snapshot that was added, changed or deleted, field by field and language by
    language."""

    def snapshot(v: Version | None) -> dict[tuple[int, str], Version]:
        if v is None:
            return {}
        return {
            (item.content_type_id, item.object_id): item for item in v.revision.version_set.all()
        }

    old, new = snapshot(previous), snapshot(version)
    changes: list[ObjectChange] = []
    for key in [*new, *(k for k in old if k not in new)]:
        before, after = old.get(key), new.get(key)
        item = after or before
        model = item._model
        name = str(model._meta.verbose_name)
        if before is None:
            fields = _field_changes(model, {}, _named(model, after.field_dict))
            changes.append(ObjectChange("added", name, after.object_repr, fields))
        elif after is None:
            changes.append(ObjectChange("deleted", name, before.object_repr, []))
        else:
            fields = _field_changes(
                model, _named(model, before.field_dict), _named(model, after.field_dict)
            )
            if fields:
                changes.append(ObjectChange("changed", name, after.object_repr, fields))
    order = {"changed": 0, "added": 1, "deleted": 2}
    changes.sort(key=lambda change: order[change.kind])
    return changes
