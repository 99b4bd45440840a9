"""The downloadable datasets: one definition per dataset gives its CSV, its JSON and its
Frictionless table schema, so the three never disagree.

Rows come from ``opendata.selectors`` (published roles only) and ``opendata.serializers`` (the
same values the API gives). CSV is UTF-8 with a byte-order mark (so spreadsheet programs read
the accents right) and RFC 4180 quoting with CRLF line ends; empty cells are nulls. JSON is an
array of the same rows with typed values (numbers, booleans, null).
"""

import csv
import datetime
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from faqs.models import InterviewQuestion
from opendata import selectors, serializers
from roles.models import Role
from salaries.models import SalaryBand
from sources.models import Source

BOM = "\ufeff"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Frictionless (Table Schema) field type
    description: object  # lazy translation
    required: bool = False
    enum: type[models.TextChoices] | None = None  # the model's choices: their values


@dataclass(frozen=True)
class Dataset:
    name: str
    title: object  # lazy translation
    description: object
    columns: tuple[Column, ...]
    rows: Callable[[], Iterable[dict]]
    primary_key: str
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (column, dataset, its column)
    # The same rows as tuples in column order, read without model instances: the fast path
    # for a large dataset's whole file (tests check it gives what ``rows`` gives).
    tuples: Callable[[], Iterable[tuple]] | None = None


def _join(values: Iterable[str]) -> str:
    return "; ".join(values)


def _role_rows(roles: Iterable | None = None) -> Iterable[dict]:
    for role in selectors.roles_for_dataset() if roles is None else roles:
        summary = serializers.role_summary(role)
        yield {
            "slug": role.slug,
            "title": role.title,
            "alternative_titles": _join(role.alternative_title_list),
            "category": role.category.slug,
            "category_name": role.category.name,
            "demand": summary["demand"],
            "summary": role.summary,
            "day_in_the_life": role.day_in_the_life or None,
            "tools": _join(summary["tools"]),
            "updated_at": role.updated_at,
            "page_url": summary["links"]["html"],
            "api_url": summary["url"],
        }


def band_rows(bands: Iterable | None = None) -> Iterable[dict]:
    for band in selectors.band_list() if bands is None else bands:
        row = serializers.band(band)
        source = row.pop("source")
        row["role_title"] = band.role.title
        row["source"] = source["key"]
        row["source_title"] = source["title"]
        row["source_url"] = source["url"]
        yield row


def _question_rows() -> Iterable[dict]:
    for question in selectors.question_list():
        row = serializers.question(question)
        row.pop("kind_label")
        source = row.pop("source")
        row["roles"] = _join(row["roles"])
        row["categories"] = _join(row["categories"])
        row["source"] = source["key"]
        row["source_title"] = source["title"]
        yield row


def _faq_rows() -> Iterable[dict]:
    for faq in selectors.faq_rows():
        row = serializers.faq(faq)
        source = row.pop("source")
        row["source"] = source["key"]
        row["source_title"] = source["title"]
        yield row


def _source_rows() -> Iterable[dict]:
    for value in selectors.source_list():
        yield serializers.source_detail(value)


SOURCE_COLUMNS = (
    Column("source", "string", _("Stable identifier of the source."), required=True),
    Column("source_title", "string", _("Title of the source, as cited on the portal."), True),
)

ROLES = Dataset(
    name="roles",
    title=_("Roles"),
    description=_(
        "Every published role: title, other titles, category, demand, summary, a day in the "
        "life, top tools, and the addresses of its page and of its API record."
    ),
    primary_key="slug",
    rows=_role_rows,
    columns=(
        Column("slug", "string", _("Stable identifier of the role (part of its URLs)."), True),
        Column("title", "string", _("Title, in the file's language."), True),
        Column("alternative_titles", "string", _("Other titles, separated by '; '.")),
        Column("category", "string", _("Category slug."), True),
        Column("category_name", "string", _("Category name, in the file's language."), True),
        Column(
            "demand",
            "string",
            _("Demand level as a source states it; empty: none stated."),
            enum=Role.Demand,
        ),
        Column(
            "summary",
            "string",
            _("One-paragraph summary; empty: the sources name the role but do not describe it."),
        ),
        Column("day_in_the_life", "string", _("A typical day, in prose; empty: none.")),
        Column("tools", "string", _("Top tools in the role's order, separated by '; '.")),
        Column("updated_at", "datetime", _("When the role was last saved (ISO 8601)."), True),
        Column("page_url", "string", _("The role's page in the file's language."), True),
        Column("api_url", "string", _("The role's record in the API."), True),
    ),
)

SALARY_BANDS = Dataset(
    name="salary-bands",
    title=_("Salary bands"),
    description=_(
        "Salary figures of the published roles, each in its own currency (never converted), "
        "with its period, pay type and seniority level exactly as the source states them "
        "(empty where the source is silent, never filled in), whether the source gives it as "
        "approximate, the source's caveat, its as-of date and its source."
    ),
    primary_key="key",
    rows=band_rows,
    tuples=selectors.band_table,
    foreign_keys=(("role", "roles", "slug"), ("source", "sources", "key")),
    columns=(
        Column("key", "string", _("Stable identifier of the band."), True),
        Column("role", "string", _("Slug of the role (see roles)."), True),
        Column("country", "string", _("ISO 3166-1 alpha-2 code; empty: a global band.")),
        Column("country_name", "string", _("Country name, in the file's language.")),
        Column("currency", "string", _("ISO 4217 currency of the amounts."), True),
        Column(
            "statistic",
            "string",
            _("range: minimum to maximum; average: one amount."),
            True,
            SalaryBand.Statistic,
        ),
        Column("minimum", "number", _("Lowest amount, in the currency."), True),
        Column("maximum", "number", _("Highest amount, in the currency."), True),
        Column(
            "period",
            "string",
            _(
                "What the amounts are paid per, as the source states it; empty: the source does "
                "not state it (never defaulted to month)."
            ),
            enum=SalaryBand.Period,
        ),
        Column(
            "pay",
            "string",
            _(
                "Base salary or total compensation, as the source states it; empty: the source "
                "does not say (never defaulted to base)."
            ),
            enum=SalaryBand.Pay,
        ),
        Column(
            "period_reading",
            "string",
            _("Only when period is empty: the portal editors' reading (theirs, not the source's)."),
            enum=SalaryBand.Period,
        ),
        Column(
            "level",
            "string",
            _("Seniority, as the source states it; all: every level; empty: not stated."),
            enum=SalaryBand.Level,
        ),
        Column("experience_min_years", "integer", _("Years of experience from, if stated.")),
        Column("experience_max_years", "integer", _("Years of experience to, if stated.")),
        Column(
            "approximate",
            "boolean",
            _('true when the source gives the figures as approximate ("around", "about").'),
            True,
        ),
        Column("note", "string", _("The source's caveat on the figures, in the file's language.")),
        Column("as_of", "date", _("Date the source gives for the figures; empty: none given.")),
        Column("role_title", "string", _("Title of the role, in the file's language."), True),
        *SOURCE_COLUMNS,
        Column("source_url", "string", _("Where the source can be read, when public.")),
    ),
)

INTERVIEW_QUESTIONS = Dataset(
    name="interview-questions",
    title=_("Interview questions"),
    description=_(
        "The curated interview questions: their kind, the roles and categories each is "
        "curated for (neither: a generic question asked for every role) and their source."
    ),
    primary_key="key",
    rows=_question_rows,
    foreign_keys=(("source", "sources", "key"),),
    columns=(
        Column("key", "string", _("Stable identifier of the question."), True),
        Column("text", "string", _("The question, in the file's language."), True),
        Column(
            "kind",
            "string",
            _("Kind of question."),
            True,
            InterviewQuestion.Kind,
        ),
        Column("roles", "string", _("Slugs of the roles it is curated for, separated by '; '.")),
        Column("categories", "string", _("Slugs of the categories it is for, separated by '; '.")),
        Column("generic", "boolean", _("true when it applies to every role."), True),
        *SOURCE_COLUMNS,
    ),
)

FAQS = Dataset(
    name="faqs",
    title=_("FAQs"),
    description=_(
        "Questions and answers shown on role pages: a role's own (with its slug) and the "
        "site-wide ones (no role), with their source."
    ),
    primary_key="key",
    rows=_faq_rows,
    foreign_keys=(("role", "roles", "slug"), ("source", "sources", "key")),
    columns=(
        Column("key", "string", _("Stable identifier of the FAQ."), True),
        Column("role", "string", _("Slug of its role; empty: shown on every role page.")),
        Column("question", "string", _("The question, in the file's language."), True),
        Column("answer", "string", _("The answer, in the file's language."), True),
        *SOURCE_COLUMNS,
    ),
)

SOURCES = Dataset(
    name="sources",
    title=_("Sources"),
    description=_(
        "The documents the data comes from: title, publisher, address, kind, when it was "
        "retrieved and what the portal takes from it. The source column of the other "
        "datasets names one of these."
    ),
    primary_key="key",
    rows=_source_rows,
    columns=(
        Column("key", "string", _("Stable identifier of the source."), True),
        Column("title", "string", _("Title, in the file's language."), True),
        Column("publisher", "string", _("Who published it; empty: the document does not say.")),
        Column("url", "string", _("Where it can be read; empty: no public address on record.")),
        Column(
            "kind",
            "string",
            _("What kind of document it is."),
            True,
            Source.Kind,
        ),
        Column(
            "retrieved_on",
            "date",
            _("When the portal's editors retrieved it; empty: not recorded."),
        ),
        Column("covers", "string", _("What the portal takes from it, in the file's language.")),
    ),
)

DATASETS = {
    dataset.name: dataset for dataset in (ROLES, SALARY_BANDS, INTERVIEW_QUESTIONS, FAQS, SOURCES)
}
FORMATS = ("csv", "json")


def _cell(value: object) -> str:
    if type(value) is str:
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return str(serializers_number(value))
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def serializers_number(value: Decimal) -> int | Decimal:
    return int(value) if value == value.to_integral_value() else value.normalize()


def to_csv(columns: tuple[Column, ...], rows: Iterable[dict]) -> str:
    """RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break."""
    names = [column.name for column in columns]
    return tuples_to_csv(columns, (tuple(row.get(name) for name in names) for row in rows))


def tuples_to_csv(columns: tuple[Column, ...], rows: Iterable[tuple]) -> str:
    """``to_csv`` for rows given as tuples in column order."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([column.name for column in columns])
    writer.writerows([_cell(value) for value in row] for row in rows)
    return buffer.getvalue()


class _Encoder(DjangoJSONEncoder):
    def default(self, o: object) -> object:
        if isinstance(o, Decimal):
            number = serializers_number(o)
            return number if isinstance(number, int) else float(number)
        return super().default(o)


def to_json(data: object) -> str:
    return json.dumps(data, cls=_Encoder, ensure_ascii=False, indent=1)


def render(dataset: Dataset, file_format: str) -> tuple[str, str]:
    """The dataset's file: (content, content type)."""
    names = [column.name for column in dataset.columns]
    if file_format == "csv":
        content = (
            tuples_to_csv(dataset.columns, dataset.tuples())
            if dataset.tuples
            else to_csv(dataset.columns, dataset.rows())
        )
        return content, "text/csv; charset=utf-8; header=present"
    if dataset.tuples:
        rows = [dict(zip(names, row, strict=True)) for row in dataset.tuples()]
    else:
        rows = [{name: row.get(name) for name in names} for row in dataset.rows()]
    return to_json(rows), "application/json; charset=utf-8"


def table_schema(dataset: Dataset) -> dict:
    fields = []
    for column in dataset.columns:
        field: dict = {
            "name": column.name,
            "type": column.type,
            "description": str(column.description),
        }
        constraints: dict = {}
        if column.required:
            constraints["required"] = True
        if column.enum:
            constraints["enum"] = list(column.enum.values)
        if constraints:
            field["constraints"] = constraints
        if column.type == "boolean":
            field["trueValues"] = ["true"]
            field["falseValues"] = ["false"]
        fields.append(field)
    schema: dict = {"fields": fields, "primaryKey": [dataset.primary_key], "missingValues": [""]}
    return schema


def datapackage(language: str) -> dict:
    """A Frictionless Data package (v1 spec) describing every dataset file in ``language``.

    Paths are relative to the package's own URL, so it works online and as downloaded files.
    """
    resources = []
    for dataset in DATASETS.values():
        schema = table_schema(dataset)
        for file_format in FORMATS:
            resource_schema = dict(schema)
            if dataset.foreign_keys:
                resource_schema["foreignKeys"] = [
                    {
                        "fields": column,
                        "reference": {
                            "resource": resource_name(DATASETS[other], file_format),
                            "fields": other_column,
                        },
                    }
                    for column, other, other_column in dataset.foreign_keys
                ]
            resource = {
                "name": resource_name(dataset, file_format),
                "title": f"{dataset.title} ({file_format.upper()})",
                "description": str(dataset.description),
                "path": f"{dataset.name}.{file_format}",
                "profile": "tabular-data-resource",
                "format": file_format,
                "mediatype": "text/csv" if file_format == "csv" else "application/json",
                "encoding": "utf-8",
                "schema": resource_schema,
                "licenses": [settings.OPEN_DATA_LICENSE],
            }
            if file_format == "csv":
                resource["dialect"] = {"delimiter": ",", "lineTerminator": "\r\n", "header": True}
            resources.append(resource)
    return {
        "profile": "tabular-data-package",
        "name": f"nexushr-roles-{language}",
        "title": f"NexusHR role profiles ({language})",
        "description": str(
            _(
                "Published job-role profiles of the NexusHR portal with their LATAM salary "
                "bands, interview questions and FAQs, and the sources they come from, in one "
                "language."
            )
        ),
        "homepage": settings.SITE_ORIGIN + f"/{language}/data/",
        "licenses": [settings.OPEN_DATA_LICENSE],
        "resources": resources,
    }


def resource_name(dataset: Dataset, file_format: str) -> str:
    return f"{dataset.name}-{file_format}"
