"""Bulk salary updates: the CSV/XLSX format of salary bands, for django-import-export.

One row per band, with these columns (the export writes the same ones, so an exported file
can be edited and uploaded back):

    key, role, country, currency, level, statistic, minimum, maximum, period, pay_type, as_of,
    source

- ``key`` is optional. Given, it names the band (a new key makes a new band). Left empty, the
  row updates the band of that role, country, level, pay type and statistic, or adds one when
  there is none (a key is made up for it).
- ``role`` is the role's slug, ``country`` the ISO 3166 code (empty for a global band),
  ``source`` the source's key; ``level``, ``statistic``, ``period`` and ``pay_type`` take the
  values below or their English labels; ``as_of`` is YYYY-MM-DD.

Every row is checked as the admin form checks a band (currency of the country, minimum ≤
maximum, positive amounts …) and refused with the reason otherwise. The admin only offers to
confirm a file in which no row is refused, and the import runs in one transaction.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from roles.models import Role
from salaries.models import Country, SalaryBand

COLUMNS = (
    "key",
    "role",
    "country",
    "currency",
    "level",
    "statistic",
    "minimum",
    "maximum",
    "period",
    "pay_type",
    "as_of",
    "source",
)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


class NaturalKeyWidget(widgets.Widget):
    """A related row named by one of its fields (a role's slug, a country's code)."""

    def __init__(self, model: type[models.Model], field: str, message: str, upper: bool = False):
        super().__init__()
        self.model, self.field, self.message, self.upper = model, field, message, upper

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> models.Model | None:
        text = _text(value)
        if self.upper:
            text = text.upper()
        if not text:
            return None
        found = self.model._default_manager.filter(**{self.field: text}).first()
        if found is None:
            raise ValueError(self.message % {"value": text})
        return found

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return getattr(value, self.field, "") if value is not None else ""


class RequiredKeyWidget(NaturalKeyWidget):
    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> models.Model | None:
        if not _text(value):
            raise ValueError(_("This column is required."))
        return super().clean(value, row, **kwargs)


class ChoiceWidget(widgets.Widget):
    """A choice by its value or its English label, case-insensitive; empty when allowed."""

    def __init__(self, model_field: models.Field):
        super().__init__()
        self.model_field = model_field

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str:
        text = _text(value).lower()
        if not text:
            if self.model_field.blank:
                return ""
            if self.model_field.has_default():
                return self.model_field.get_default()
            raise ValueError(_("This column is required."))
        from django.utils import translation

        with translation.override("en"):
            choices = {str(key).lower(): key for key, _label in self.model_field.choices}
            choices |= {str(label).lower(): key for key, label in self.model_field.choices}
        if text in choices:
            return choices[text]
        allowed = ", ".join(str(key) for key, _label in self.model_field.choices)
        message = _("“%(value)s” is not one of: %(allowed)s") % {"value": value, "allowed": allowed}
        if self.model_field.blank:
            message += " " + _("(or empty when the source does not state it)")
        raise ValueError(message)

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return value or ""


class AmountWidget(widgets.Widget):
    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Decimal:
        text = _text(value)
        if not text:
            raise ValueError(_("This column is required."))
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValueError(
                _(
                    "“%(value)s” is not a number: write it like 13000 or 13000.50, without "
                    "thousands separators or currency symbols."
                )
                % {"value": value}
            ) from None
        if not amount.is_finite():
            raise ValueError(_("“%(value)s” is not a number.") % {"value": value})
        return amount.quantize(Decimal("0.01"))

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return "" if value is None else f"{value:.2f}"


class AsOfWidget(widgets.Widget):
    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> datetime.date | None:
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = _text(value)
        if not text:
            return None
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            raise ValueError(
                _("“%(value)s” is not a date: write it as YYYY-MM-DD (e.g. 2026-06-22).")
                % {"value": value}
            ) from None

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return value.isoformat() if value else ""


class TextWidget(widgets.Widget):
    def __init__(self, upper: bool = False, empty_is_none: bool = False):
        super().__init__()
        self.upper, self.empty_is_none = upper, empty_is_none

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str | None:
        text = _text(value)
        if not text and self.empty_is_none:
            return None
        return text.upper() if self.upper else text

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return value or ""


def _source_widget() -> widgets.Widget:
    field = SalaryBand._meta.get_field("source")
    if field.is_relation:
        return RequiredKeyWidget(
            field.related_model, "key", _("There is no source with the key “%(value)s”.")
        )
    return TextWidget()


def _choice_field(name: str, column: str) -> fields.Field:
    return fields.Field(
        attribute=name,
        column_name=column,
        widget=ChoiceWidget(SalaryBand._meta.get_field(name)),
    )


class SalaryBandResource(resources.ModelResource):
    # An empty key keeps the matched band's key (or gets a new one): never blanks it.
    key = fields.Field(
        attribute="key",
        column_name="key",
        widget=TextWidget(empty_is_none=True),
        saves_null_values=False,
    )
    role = fields.Field(
        attribute="role",
        column_name="role",
        widget=RequiredKeyWidget(Role, "slug", _("There is no role with the slug “%(value)s”.")),
    )
    country = fields.Field(
        attribute="country",
        column_name="country",
        widget=NaturalKeyWidget(
            Country,
            "code",
            _("There is no country with the code “%(value)s” (add it under Countries first)."),
            upper=True,
        ),
        saves_null_values=True,
    )
    currency = fields.Field(attribute="currency", column_name="currency", widget=TextWidget(True))
    level = _choice_field("level", "level")
    statistic = _choice_field("statistic", "statistic")
    minimum = fields.Field(attribute="minimum", column_name="minimum", widget=AmountWidget())
    maximum = fields.Field(attribute="maximum", column_name="maximum", widget=AmountWidget())
    period = _choice_field("period", "period")
    pay_type = _choice_field("pay", "pay_type")
    as_of = fields.Field(
        attribute="as_of", column_name="as_of", widget=AsOfWidget(), saves_null_values=True
    )
    source = fields.Field(attribute="source", column_name="source", widget=_source_widget())

    class Meta:
        model = SalaryBand
        fields = COLUMNS
        import_order = COLUMNS
        export_order = COLUMNS
        import_id_fields = ("key",)
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True
        store_instance = True
        skip_html_diff = True

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._seen: dict[tuple, int] = {}

    # Which band a row is about -------------------------------------------------------------

    def _identity(self, row: dict) -> tuple:
        key = _text(row.get("key"))
        if key:
            return ("key", key)
        return (
            _text(row.get("role")),
            _text(row.get("country")).upper(),
            _text(row.get("level")).lower(),
            _text(row.get("pay_type")).lower(),
            _text(row.get("statistic")).lower() or SalaryBand.Statistic.RANGE,
        )

    def before_import_row(self, row: dict, **kwargs: Any) -> None:
        missing = [column for column in ("role", "minimum", "maximum") if column not in row]
        if missing:
            raise ValidationError(
                _("The file has no “%(columns)s” column.") % {"columns": "”, “".join(missing)}
            )
        identity = self._identity(row)
        number = kwargs.get("row_number")
        if identity in self._seen:
            raise ValidationError(
                _("This band is already on row %(row)s of the file: a band can be on one row only.")
                % {"row": self._seen[identity]}
            )
        self._seen[identity] = number

    def get_instance(self, instance_loader: Any, row: dict) -> SalaryBand | None:
        key = _text(row.get("key"))
        if key:
            return SalaryBand.objects.filter(key=key).first()
        role_slug, country, level, pay, statistic = self._identity(row)
        level_widget = self.fields["level"].widget
        pay_widget = self.fields["pay_type"].widget
        statistic_widget = self.fields["statistic"].widget
        try:
            lookup = {
                "role__slug": role_slug,
                "level": level_widget.clean(level),
                "pay": pay_widget.clean(pay),
                "statistic": statistic_widget.clean(statistic),
            }
        except ValueError:
            return None  # the field itself reports the bad value
        if country:
            lookup["country__code"] = country
        else:
            lookup["country__isnull"] = True
        matches = list(SalaryBand.objects.filter(**lookup)[:2])
        if len(matches) > 1:
            raise ValidationError(
                _(
                    "More than one band matches this role, country, level, pay type and statistic: "
                    "fill in the key column to say which."
                )
            )
        return matches[0] if matches else None

    def import_instance(self, instance: SalaryBand, row: dict, **kwargs: Any) -> None:
        super().import_instance(instance, row, **kwargs)
        if instance.pk is None and instance.role_id:
            if not instance.key:
                instance.key = self._new_key(instance)
            if not instance.order:
                highest = SalaryBand.objects.filter(role=instance.role).aggregate(Max("order"))
                instance.order = (highest["order__max"] or 0) + 1

    def _new_key(self, band: SalaryBand) -> str:
        where = band.country.code.lower() if band.country_id else "global"
        parts = [band.role.slug, where, band.level or "level", band.pay or "pay", band.statistic]
        base = slugify("-".join(parts))[:110]
        key, counter = base, 1
        while SalaryBand.objects.filter(key=key).exists():
            counter += 1
            key = f"{base}-{counter}"
        return key

    # What the preview shows ----------------------------------------------------------------

    def import_row(self, row: dict, instance_loader: Any, **kwargs: Any) -> Any:
        result = super().import_row(row, instance_loader, **kwargs)
        result.number = kwargs.get("row_number")
        result.label = " · ".join(
            part
            for part in (
                _text(row.get("role")),
                _text(row.get("country")).upper() or _("global"),
                _text(row.get("level")),
                _text(row.get("pay_type")),
            )
            if part
        )
        result.changes = []
        result.values = []
        if result.import_type == result.IMPORT_TYPE_UPDATE and result.original is not None:
            for field in self.get_import_fields():
                before = field.export(result.original)
                after = field.export(result.instance)
                if before != after:
                    result.changes.append((field.column_name, before, after))
        elif result.import_type == result.IMPORT_TYPE_NEW and result.instance is not None:
            result.label = result.instance.key
            result.values = [
                (field.column_name, value)
                for field in self.get_import_fields()
                if field.column_name != "key" and (value := field.export(result.instance))
            ]
        result.reasons = []
        if result.validation_error is not None:
            columns = {field.attribute: field.column_name for field in self.fields.values()}
            error = result.validation_error
            by_field = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
            for name, messages in by_field.items():
                column = columns.get(name, "" if name in ("__all__", "") else name)
                for message in messages:
                    result.reasons.append((column, message))
        for error in result.errors:
            result.reasons.append(("", str(error.error)))
        return result
