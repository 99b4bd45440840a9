"""Rows to API answers (dicts the schemas in ``opendata.schemas`` validate), in one place.

Text fields come out in the active language (modeltranslation falls back to English). The
dataset files (``opendata.datasets``) and the API share these, so both say the same things.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from faqs.models import FAQ, InterviewQuestion
from nexushr.formatting import country_name
from nexushr.seo import SOURCE_TITLES, source_title
from opendata import selectors
from roles.models import Category, Role
from salaries.models import SalaryBand


def _origin(path: str) -> str:
    return settings.SITE_ORIGIN + path


def api_role_url(slug: str) -> str:
    return _origin(f"/api/v1/roles/{slug}")


def role_ref(role: Role) -> dict:
    return {"slug": role.slug, "title": role.title, "url": api_role_url(role.slug)}


def category_ref(category: Category) -> dict:
    return {"slug": category.slug, "name": category.name}


def category(category: Category) -> dict:
    return {
        **category_ref(category),
        "role_count": category.role_count,
        "roles_url": _origin(f"/api/v1/roles?category={category.slug}"),
    }


def role_links(role: Role) -> dict:
    return {
        "html": _origin(role.get_absolute_url()),
        "json_data": _origin(reverse("opendata:role_data", args=[role.slug, "json"])),
        "csv_data": _origin(reverse("opendata:role_data", args=[role.slug, "csv"])),
    }


def role_summary(role: Role) -> dict:
    return {
        **role_ref(role),
        "summary": role.summary,
        "category": category_ref(role.category),
        "demand": role.demand or None,
        "demand_label": str(role.get_demand_display()) if role.demand else None,
        "tools": [item.tool.name for item in role.role_tools.all()],
        "updated_at": role.updated_at,
        "links": role_links(role),
    }


def source(value: object) -> dict:
    """The source a row names: a ``Source`` row, or (older data) a seed file name."""
    if hasattr(value, "key"):
        return {
            "key": value.key,
            "title": value.title,
            "publisher": value.publisher or None,
            "url": value.url or None,
            "kind": value.kind or None,
            "retrieved_on": value.retrieved_on,
        }
    return {
        "key": value,
        "title": source_title(value),
        "publisher": None,
        "url": None,
        "kind": None,
        "retrieved_on": None,
    }


def source_list() -> list[dict]:
    return [{**source(key), "covers": None} for key in SOURCE_TITLES]


def band(band: SalaryBand, role_slug: str | None = None) -> dict:
    return {
        "key": band.key,
        "role": role_slug or band.role.slug,
        "country": band.country.code if band.country_id else None,
        "country_name": country_name(band.country.code) if band.country_id else None,
        "currency": band.currency,
        "statistic": band.statistic,
        "minimum": band.minimum,
        "maximum": band.maximum,
        "period": band.period or None,
        "pay": band.pay or None,
        "period_reading": getattr(band, "period_reading", "") or None,
        "level": band.level or None,
        "experience_min_years": band.experience_min_years,
        "experience_max_years": band.experience_max_years,
        "approximate": bool(getattr(band, "approximate", False)),
        "note": getattr(band, "note", "") or None,
        "as_of": band.as_of,
        "source": source(band.source),
    }


def question(question: InterviewQuestion) -> dict:
    roles = [role.slug for role in question.public_roles]
    categories = [category.slug for category in question.category_list]
    return {
        "key": question.key,
        "text": question.text,
        "kind": question.kind,
        "kind_label": str(question.get_kind_display()),
        "roles": roles,
        "categories": categories,
        # With a role's list, the selector computed the scope (2: generic) from every link; the
        # full list holds no question tied only to drafts, so there "no links shown" is generic.
        "generic": question.scope == 2
        if hasattr(question, "scope")
        else not roles and not categories,
        "source": source(question.source),
    }


def faq(faq: FAQ) -> dict:
    return {
        "key": faq.key,
        "role": faq.role_slug,
        "question": faq.question,
        "answer": faq.answer,
        "source": source(faq.source),
    }


def role_detail(detail: selectors.RoleDetail) -> dict:
    role = detail.role
    bands = list(role.salary_bands.all())
    for item in detail.faqs:
        item.role_slug = role.slug if item.role_id else None
    return {
        **role_summary(role),
        "alternative_titles": role.alternative_title_list,
        "day_in_the_life": role.day_in_the_life or None,
        "salary_bands": [band(b, role.slug) for b in bands],
        "responsibilities": [
            {"order": item.order, "text": item.text} for item in role.responsibilities.all()
        ],
        "requirements": [
            {"kind": item.kind, "text": item.text} for item in role.requirements.all()
        ],
        "career_path": [
            {
                "order": step.order,
                "title": step.title,
                "roles": [role_ref(linked) for linked in step.linked_roles.all()],
                "is_current": any(linked.pk == role.pk for linked in step.linked_roles.all()),
            }
            for step in role.career_steps.all()
        ],
        "interview_questions": [question(q) for q in detail.questions],
        "faqs": [faq(item) for item in detail.faqs],
        "related_roles": [role_ref(related) for related in role.related_roles.all()],
    }


def content_language() -> str:
    return translation.get_language() or settings.LANGUAGE_CODE
