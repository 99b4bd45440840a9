"""The API's typed schemas: they validate the answers and generate the OpenAPI document.

Every field has a description (a test walks the schema to check). Figures carry their currency,
period and pay type exactly as the source states them: ``null`` where the source is silent.
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Annotated, Literal

from django.conf import settings
from ninja import Field, Schema
from pydantic import PlainSerializer

from faqs.models import InterviewQuestion
from roles.models import Requirement, Role
from salaries.models import SalaryBand
from sources.models import Source as SourceModel


def _one_of(values: Iterable[str]) -> object:
    """A ``Literal`` of ``values``, in their order: the schemas take their enums from the models'
    choices and the settings, so the API can never drift from what the models store."""
    return Literal[tuple(values)]


# The site's languages (settings.LANGUAGES), in order: the values of ``?lang=``.
LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)
Language = _one_of(LANGUAGE_CODES)
Demand = _one_of(Role.Demand.values)
Level = _one_of(SalaryBand.Level.values)
Statistic = _one_of(SalaryBand.Statistic.values)
Period = _one_of(SalaryBand.Period.values)
Pay = _one_of(SalaryBand.Pay.values)
QuestionKind = _one_of(InterviewQuestion.Kind.values)
RequirementKind = _one_of(Requirement.Kind.values)
SourceKind = _one_of(SourceModel.Kind.values)


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


# Amounts as JSON numbers (whole amounts without a decimal point), never strings.
Amount = Annotated[Decimal, PlainSerializer(_number, return_type=float)]


class LanguageQuery(Schema):
    lang: Language | None = Field(
        None,
        description="Content language. Without it, the Accept-Language header decides "
        "(English by default). The answer's Content-Language header says which was used.",
    )


class PageQuery(LanguageQuery):
    page: int = Field(1, ge=1, description="Page number, from 1.")
    page_size: int = Field(20, ge=1, le=100, description="Items per page, 1 to 100.")


class Source(Schema):
    key: str = Field(description="Stable identifier of the source.")
    title: str = Field(description="Title of the source, as cited on the portal.")
    publisher: str | None = Field(None, description="Who published it, when known.")
    url: str | None = Field(None, description="Where it can be read, when public.")
    kind: SourceKind = Field(description="What kind of document it is.")
    retrieved_on: datetime.date | None = Field(
        None, description="When the portal's editors read it (ISO 8601 date), when recorded."
    )


class SourceDetail(Source):
    covers: str | None = Field(None, description="What the portal takes from this source.")


class CategoryRef(Schema):
    slug: str = Field(description="Stable identifier of the category.")
    name: str = Field(description="Name in the content language.")


class Category(CategoryRef):
    role_count: int = Field(description="Number of published roles in the category.")
    roles_url: str = Field(description="API URL of the category's roles.")


class RoleRef(Schema):
    slug: str = Field(description="Stable identifier of the role (part of its URLs).")
    title: str = Field(description="Title in the content language.")
    url: str = Field(description="API URL of the role.")


class RoleLinks(Schema):
    html: str = Field(description="The role's page in the content language.")
    json_data: str = Field(description="The role's data as a JSON file (same as this detail).")
    csv_data: str = Field(description="The role's salary bands as a CSV file.")


class RoleSummary(RoleRef):
    summary: str | None = Field(
        description="One-paragraph summary; null: the sources name the role but do not describe it."
    )
    category: CategoryRef = Field(description="The role's category.")
    demand: Demand | None = Field(description="Demand level as a source states it; null if none.")
    demand_label: str | None = Field(description="The demand level's label in the language.")
    tools: list[str] = Field(description="Top tools, in the role's order.")
    updated_at: datetime.datetime = Field(description="When the role was last saved.")
    links: RoleLinks = Field(description="Other representations of the role.")


class SalaryBand(Schema):
    key: str = Field(description="Stable identifier of the band.")
    role: str = Field(description="Slug of the role the band belongs to.")
    country: str | None = Field(description="ISO 3166-1 alpha-2 country code; null: global.")
    country_name: str | None = Field(description="Country name in the content language.")
    currency: str = Field(description="ISO 4217 currency of the amounts (never converted).")
    statistic: Statistic = Field(
        description="`range`: minimum to maximum; `average`: one amount (minimum = maximum)."
    )
    minimum: Amount = Field(description="Lowest amount, in `currency`.")
    maximum: Amount = Field(description="Highest amount, in `currency`.")
    period: Period | None = Field(
        description="What the amounts are paid per, as the source states it; null: the source "
        "does not state it (never defaulted to a month)."
    )
    pay: Pay | None = Field(
        description="Base salary or total compensation, as the source states it; null: the "
        "source does not say (never defaulted to base salary)."
    )
    period_reading: Period | None = Field(
        description="Only when `period` is null: the portal editors' reading of the period, "
        "labelled as theirs, never the source's; null otherwise."
    )
    level: Level | None = Field(
        description="Seniority the band applies to; `all`: every level; null: not stated."
    )
    experience_min_years: int | None = Field(description="Years of experience from, if stated.")
    experience_max_years: int | None = Field(description="Years of experience to, if stated.")
    approximate: bool = Field(
        description='True when the source gives the figures as approximate ("around", "about").'
    )
    note: str | None = Field(
        description="The caveat the source gives with the figures, in the content language; "
        "null: none."
    )
    as_of: datetime.date | None = Field(
        description="Date the source gives for the figures; null: the source gives none."
    )
    source: Source = Field(description="Where the figures come from.")


class Responsibility(Schema):
    order: int = Field(description="Position in the list, from the role page.")
    text: str = Field(description="The responsibility, in the content language.")


class Requirement(Schema):
    kind: RequirementKind = Field(description="Required or preferred.")
    text: str = Field(description="The requirement or skill, in the content language.")


class CareerStep(Schema):
    order: int = Field(description="Position on the ladder, from the first rung.")
    title: str = Field(description="The rung's title, in the content language.")
    roles: list[RoleRef] = Field(description="Published roles this rung names.")
    is_current: bool = Field(
        description="True for the rung of this role itself (one rung at most: the first that "
        "names the role)."
    )


class InterviewQuestion(Schema):
    key: str = Field(description="Stable identifier of the question.")
    text: str = Field(description="The question, in the content language.")
    kind: QuestionKind = Field(description="Technical, behavioral, situational, or a topic.")
    kind_label: str = Field(description="The kind's label in the content language.")
    roles: list[str] = Field(description="Slugs of the published roles it is curated for.")
    categories: list[str] = Field(description="Slugs of the categories it is curated for.")
    generic: bool = Field(description="True when it applies to every role.")
    source: Source = Field(description="Where the question comes from.")


class FAQ(Schema):
    key: str = Field(description="Stable identifier of the FAQ.")
    role: str | None = Field(description="Slug of its role; null: shown on every role page.")
    question: str = Field(description="The question, in the content language.")
    answer: str = Field(description="The answer, in the content language.")
    source: Source = Field(description="Where the answer comes from.")


class RoleDetail(RoleSummary):
    alternative_titles: list[str] = Field(description="Other titles the role goes by.")
    day_in_the_life: str | None = Field(description="Prose about a typical day, if any.")
    salary_bands: list[SalaryBand] = Field(description="Every salary band, in page order.")
    responsibilities: list[Responsibility] = Field(description="Key responsibilities, in order.")
    requirements: list[Requirement] = Field(description="Requirements and skills, in order.")
    career_path: list[CareerStep] = Field(description="The career ladder, first rung first.")
    interview_questions: list[InterviewQuestion] = Field(
        description="Curated questions for the role, its category and generic ones."
    )
    faqs: list[FAQ] = Field(description="The role's FAQs, then the site-wide ones.")
    related_roles: list[RoleRef] = Field(description="Related published roles.")
    sources: list[Source] = Field(
        description="Every source the role's data comes from, in the order its page cites them "
        "(the page's Sources section)."
    )


class ApiIndex(Schema):
    name: str = Field(description="The API's name.")
    version: str = Field(description="The API version, part of every address (/api/v1/).")
    docs: str = Field(description="Interactive documentation (Swagger UI).")
    openapi: str = Field(description="This API's OpenAPI document.")
    datasets: str = Field(
        description="The same data as CSV and JSON files, with a Frictionless data package "
        "(the page in the content language)."
    )
    endpoints: dict[str, str] = Field(
        description="Each collection's address, by name: roles, categories, salary_bands, "
        "interview_questions, faqs, sources."
    )


class Page[T](Schema):
    count: int = Field(description="Number of items matching the filters, on all pages.")
    page: int = Field(description="This page's number, from 1.")
    pages: int = Field(description="Number of pages (at least 1, even with no items).")
    page_size: int = Field(description="Items per page.")
    next: str | None = Field(description="URL of the next page; null on the last.")
    previous: str | None = Field(description="URL of the previous page; null on the first.")
    items: list[T] = Field(description="This page's items.")


class ProblemError(Schema):
    parameter: str = Field(description="The query parameter at fault.")
    message: str = Field(description="What is wrong with its value, and what would be right.")


class Problem(Schema):
    """An error (RFC 9457 problem details, served as application/problem+json)."""

    type: str = Field(description="URI identifying the kind of problem; it describes itself.")
    title: str = Field(description="Short summary of the kind of problem.")
    status: int = Field(description="The HTTP status code.")
    detail: str = Field(description="What went wrong with this request, for a person.")
    instance: str = Field(description="The request's path and query string.")
    errors: list[ProblemError] | None = Field(None, description="Each bad parameter, if any.")


class ProblemType(Schema):
    type: str = Field(description="The problem type's URI (this address).")
    title: str = Field(description="Short summary of the kind of problem.")
    status: int = Field(description="The HTTP status code answered with it.")
    description: str = Field(description="What it means and what to do.")
