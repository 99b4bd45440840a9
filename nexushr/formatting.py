"""All formatting of numbers, money and dates, in one place, through Babel.

Everything here formats for the *active* Django language (the page language), so a Brazilian
band reads "R$ 13.000 – 24.000" on the Portuguese page and "R$13,000 – 24,000" on the English one.
Templates use these through the filters in ``nexushr.templatetags.nexus_format``.
"""

import datetime
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.numbers import format_decimal
from django.conf import settings
from django.utils import translation

# Symbols that cannot be mistaken for another currency, whatever the page language: a Mexican
# reader sees "$" for pesos, an American for dollars, so both are always spelled out.
UNAMBIGUOUS_SYMBOLS = {"BRL": "R$", "MXN": "MX$", "USD": "US$"}

RANGE_SEPARATOR = "\u2009–\u2009"  # thin space, en dash, thin space


def babel_locale(language: str | None = None) -> Locale:
    """The Babel locale for a Django language code: ``pt-br`` → ``pt_BR``, ``es-mx`` → ``es_MX``.

    Without an argument, the active language. (``Locale.parse`` is used rather than checking
    ``localedata.exists("pt-br")``, which silently falls back to plain ``pt``.)
    """
    return _parse_locale(language or translation.get_language() or settings.LANGUAGE_CODE)


@lru_cache(maxsize=16)
def _parse_locale(language: str) -> Locale:
    return Locale.parse(translation.to_locale(language))


def currency_symbol(currency: str, language: str | None = None) -> str:
    if currency in UNAMBIGUOUS_SYMBOLS:
        return UNAMBIGUOUS_SYMBOLS[currency]
    return babel_locale(language).currency_symbols.get(currency, currency)


def format_number(value: Decimal | int | float, language: str | None = None) -> str:
    """A whole number with the language's grouping: 13.000 (pt-BR), 13,000 (en, es-MX)."""
    return format_decimal(value, format="#,##0", locale=babel_locale(language))


def format_money(value: Decimal | int, currency: str, language: str | None = None) -> str:
    return format_money_range(value, value, currency, language)


def format_money_range(
    minimum: Decimal | int, maximum: Decimal | int, currency: str, language: str | None = None
) -> str:
    """A range in its own currency, symbol placed as the language places it.

    ``format_money_range(13000, 24000, "BRL", "pt-br")`` → ``"R$\\xa013.000\\u2009–\\u200924.000"``.
    Equal ends give a single amount.
    """
    locale = babel_locale(language)
    pattern = locale.currency_formats["standard"]
    symbol = currency_symbol(currency, language)
    prefix = pattern.prefix[0].replace("¤", symbol)
    suffix = pattern.suffix[0].replace("¤", symbol)
    amount = format_number(minimum, language)
    if maximum != minimum:
        amount += RANGE_SEPARATOR + format_number(maximum, language)
    return f"{prefix}{amount}{suffix}"


def format_date(value: datetime.date, language: str | None = None) -> str:
    """A long date: "June 22, 2026" / "22 de junho de 2026" / "22 de junio de 2026"."""
    return babel_format_date(value, format="long", locale=babel_locale(language))


def country_name(code: str, language: str | None = None) -> str:
    """The country's name in the page language, from Babel's (CLDR's) territory names."""
    return babel_locale(language).territories.get(code.upper(), code.upper())


def locale_code(language: str | None = None) -> str:
    """The Open Graph form of a language: ``pt_BR``, ``es_MX``, ``en_US``."""
    locale = babel_locale(language)
    return f"{locale.language}_{locale.territory or 'US'}"
