"""Which cached pages a write makes stale, on every write path.

Connected in ``NexusHRConfig.ready()``. Receivers listen to every model of the content apps by
app label (the project imports none of their models), and map a changed row to the content
tags of the pages that show it (see nexushr/cache.py):

========================================  ==============================================
row                                        tags
========================================  ==============================================
Role                                       ``role:<id>``, ``listing`` (index, home, sitemap)
Category                                   ``category:<id>``, ``listing``
Tool, Country                              ``tool:<id>``, ``country:<id>``
anything with a ``role`` (bands, lists,    ``role:<role id>`` (before and after the write,
steps, tools, FAQs, redirects)             so moving a row to another role drops both)
site-wide FAQ (no role)                    ``faqs:site``
InterviewQuestion                          ``role:<id>`` / ``category:<id>`` for each it
                                           applies to, ``questions:generic`` if it has none
any other content model                    ``all`` (correct, if coarse, for a model added
                                           later and not mapped here)
========================================  ==============================================

Write paths: ``save``/``delete`` (signals, also for ``loaddata``'s raw saves and for the
admin's inlines), many-to-many changes, and the ORM calls that send no signals —
``QuerySet.update`` (the admin's *Retire*/*Reactivate* actions), ``bulk_create`` and
``bulk_update`` — which ``install()`` wraps for content models only, sending
``nexushr.signals.bulk_write`` for other apps to see them too (the change log does). SQL
written by hand is not seen: run ``manage.py invalidate_cache`` after it.
"""

from collections.abc import Iterable

from django.db.models import Model, QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from nexushr.cache import invalidate
from nexushr.signals import bulk_write

CONTENT_APPS = {"roles", "salaries", "faqs"}
LISTING = "listing"
# Derived rows (the search index) change only because content changed: roles.search.reindex_role
# drops the result lists (``listing``) itself. Search vocabulary that editors curate changes
# result lists.
IGNORED_MODELS = {
    "roles.searchposting",
    "roles.searchdeletion",
    "roles.searchword",
    "roles.searchindexversion",
}
LISTING_MODELS = {"roles.searchsynonym"}
_OWN_TAG = {
    "roles.role": "role",
    "roles.category": "category",
    "roles.tool": "tool",
    "salaries.country": "country",
}


def _is_content(model: type[Model]) -> bool:
    return model._meta.app_label in CONTENT_APPS and model._meta.label_lower not in IGNORED_MODELS


def question_tags(pks: Iterable[int]) -> set[str]:
    """Pages that show these interview questions, from their current links."""
    from django.apps import apps

    question = apps.get_model("faqs", "InterviewQuestion")
    pks = list(pks)
    roles = question.roles.through.objects.filter(interviewquestion__in=pks)
    categories = question.categories.through.objects.filter(interviewquestion__in=pks)
    tags = {f"role:{pk}" for pk in roles.values_list("role_id", flat=True)}
    tags |= {f"category:{pk}" for pk in categories.values_list("category_id", flat=True)}
    linked = set(roles.values_list("interviewquestion_id", flat=True)) | set(
        categories.values_list("interviewquestion_id", flat=True)
    )
    if set(pks) - linked:
        tags.add("questions:generic")
    return tags


def tags_for_rows(model: type[Model], pks: Iterable[object]) -> set[str]:
    """The tags of the pages showing rows ``pks`` of ``model``, as the database has them now."""
    pks = [pk for pk in pks if pk is not None]
    label = model._meta.label_lower
    if not pks or not _is_content(model):
        return set()
    if label in _OWN_TAG:
        tags = {f"{_OWN_TAG[label]}:{pk}" for pk in pks}
        return tags | {LISTING} if label in {"roles.role", "roles.category"} else tags
    if label in LISTING_MODELS:
        return {LISTING}
    if label == "faqs.interviewquestion":
        return question_tags(pks)
    if _has_role(model):
        role_ids = model._base_manager.filter(pk__in=pks).values_list("role_id", flat=True)
        return {f"role:{pk}" if pk else _roleless(model) for pk in set(role_ids)}
    return {"all"}


def tags_for(instance: Model) -> set[str]:
    """Like ``tags_for_rows`` for one instance, from its attributes where they suffice."""
    model = type(instance)
    label = model._meta.label_lower
    if not _is_content(model):
        return set()
    if label in _OWN_TAG or label == "faqs.interviewquestion" or label in LISTING_MODELS:
        return tags_for_rows(model, [instance.pk])
    if _has_role(model):
        return {f"role:{instance.role_id}" if instance.role_id else _roleless(model)}
    return {"all"}


def _has_role(model: type[Model]) -> bool:
    try:
        model._meta.get_field("role")
    except Exception:
        return False
    return True


def _roleless(model: type[Model]) -> str:
    """A row with an empty role: a site-wide FAQ, or something every page may show."""
    return "faqs:site" if model._meta.label_lower == "faqs.faq" else "all"


# --- signals -------------------------------------------------------------------------------


def _before_save(sender: type[Model], instance: Model, raw: bool = False, **kwargs: object) -> None:
    """Rows that point at a role may be moved to another one: drop the old role's pages too."""
    if raw or instance.pk is None or not _is_content(sender) or not _has_role(sender):
        return
    invalidate(tags_for_rows(sender, [instance.pk]))


def _saved(sender: type[Model], instance: Model, **kwargs: object) -> None:
    invalidate(tags_for(instance))


def _before_delete(sender: type[Model], instance: Model, **kwargs: object) -> None:
    # Before: a question's links to roles and categories are deleted with it.
    invalidate(tags_for(instance))


def _m2m_changed(
    sender: type[Model],
    instance: Model,
    action: str,
    model: type[Model],
    pk_set: set | None,
    **kwargs: object,
) -> None:
    if not (_is_content(type(instance)) or _is_content(model)):
        return
    # Pre and post: for a question, the links before and after the change both matter.
    tags = tags_for(instance)
    if pk_set:
        tags |= tags_for_rows(model, pk_set)
    invalidate(tags)


# --- ORM calls that send no signals --------------------------------------------------------

_original = {}


def _update(self: QuerySet, **kwargs: object) -> int:
    if not _is_content(self.model):
        return _original["update"](self, **kwargs)
    pks = list(self.values_list("pk", flat=True))
    before = tags_for_rows(self.model, pks)
    bulk_write.send(self.model, pks=pks, fields=set(kwargs), created=False)
    rows = _original["update"](self, **kwargs)
    invalidate(before | tags_for_rows(self.model, pks))
    return rows


def _bulk_create(self: QuerySet, objs: Iterable[Model], *args: object, **kwargs: object) -> list:
    created = _original["bulk_create"](self, objs, *args, **kwargs)
    if _is_content(self.model):
        fields = {field.name for field in self.model._meta.concrete_fields}
        pks = [obj.pk for obj in created if obj.pk is not None]
        bulk_write.send(self.model, pks=pks, fields=fields, created=True)
        tags: set[str] = set()
        for obj in created:
            tags |= tags_for(obj) if obj.pk is not None else {"all"}
        invalidate(tags)
    return created


def _bulk_update(
    self: QuerySet, objs: Iterable[Model], fields: Iterable[str], **kwargs: object
) -> int:
    objs, fields = list(objs), list(fields)
    if not _is_content(self.model):
        return _original["bulk_update"](self, objs, fields, **kwargs)
    pks = [obj.pk for obj in objs]
    before = tags_for_rows(self.model, pks)
    bulk_write.send(self.model, pks=pks, fields=set(fields), created=False)
    rows = _original["bulk_update"](self, objs, fields, **kwargs)
    invalidate(before | tags_for_rows(self.model, pks))
    return rows


def install() -> None:
    """Connect the receivers and wrap the signal-less QuerySet writes (idempotent)."""
    post_save.connect(_saved, dispatch_uid="cache-saved")
    pre_save.connect(_before_save, dispatch_uid="cache-before-save")
    pre_delete.connect(_before_delete, dispatch_uid="cache-before-delete")
    post_delete.connect(_saved, dispatch_uid="cache-deleted")
    m2m_changed.connect(_m2m_changed, dispatch_uid="cache-m2m-changed")
    for name, wrapper in (
        ("update", _update),
        ("bulk_create", _bulk_create),
        ("bulk_update", _bulk_update),
    ):
        if name not in _original:
            _original[name] = getattr(QuerySet, name)
            wrapper.alters_data = True  # type: ignore[attr-defined]
            setattr(QuerySet, name, wrapper)
