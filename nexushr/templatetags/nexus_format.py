"""Template filters for money, numbers, dates and countries: thin wrappers of nexushr.formatting."""

import datetime
from decimal import Decimal

from django import template

from nexushr import formatting

register = template.Library()


@register.filter
def number(value: Decimal | int | None) -> str:
    return "" if value is None else formatting.format_number(value)


@register.filter
def money_range(band: object) -> str:
    """A salary band's range, e.g. ``{{ band|money_range }}`` → "R$ 13.000 – 24.000"."""
    return formatting.format_money_range(band.minimum, band.maximum, band.currency)  # type: ignore[attr-defined]


@register.filter
def long_date(value: datetime.date | None) -> str:
    return "" if value is None else formatting.format_date(value)


@register.filter
def country_name(code: str | None) -> str:
    return "" if not code else formatting.country_name(code)


@register.simple_tag
def today() -> datetime.date:
    """Today's date in the site's time zone: ``{% today as date %}``."""
    from django.utils import timezone

    return timezone.localdate()
