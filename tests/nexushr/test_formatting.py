"""Money, numbers, dates and country names, formatted per page language through Babel."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from nexushr import formatting

NBSP, THIN = "\xa0", "\u2009"


@pytest.mark.parametrize(
    ("language", "brl", "mxn", "usd"),
    [
        ("en", f"R$13,000{THIN}–{THIN}24,000", f"MX$48,000{THIN}–{THIN}95,000", "US$133,000"),
        (
            "pt-br",
            f"R${NBSP}13.000{THIN}–{THIN}24.000",
            f"MX${NBSP}48.000{THIN}–{THIN}95.000",
            f"US${NBSP}133.000",
        ),
        ("es-mx", f"R$13,000{THIN}–{THIN}24,000", f"MX$48,000{THIN}–{THIN}95,000", "US$133,000"),
    ],
)
def test_money_ranges_use_unambiguous_symbols_and_the_languages_grouping(language, brl, mxn, usd):
    assert formatting.format_money_range(13000, 24000, "BRL", language) == brl
    assert formatting.format_money_range(Decimal("48000.00"), 95000, "MXN", language) == mxn
    assert formatting.format_money(133000, "USD", language) == usd


def test_formatting_follows_the_active_language():
    with translation.override("pt-br"):
        assert formatting.format_number(1234567) == "1.234.567"
    with translation.override("en"):
        assert formatting.format_number(1234567) == "1,234,567"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "June 22, 2026"), ("pt-br", "22 de junho de 2026"), ("es-mx", "22 de junio de 2026")],
)
def test_long_dates(language, expected):
    assert formatting.format_date(datetime.date(2026, 6, 22), language) == expected


@pytest.mark.parametrize(
    ("language", "br", "mx", "us"),
    [
        ("en", "Brazil", "Mexico", "United States"),
        ("pt-br", "Brasil", "México", "Estados Unidos"),
        ("es-mx", "Brasil", "México", "Estados Unidos"),
    ],
)
def test_country_names_come_from_babel_in_the_page_language(language, br, mx, us):
    assert [formatting.country_name(c, language) for c in ("BR", "MX", "US")] == [br, mx, us]


def test_unknown_currency_falls_back_to_the_locale_symbol_or_code():
    assert formatting.format_money(10, "EUR", "en") == "€10"
    assert formatting.format_money(10, "XYZ", "en") == "XYZ\xa010"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "COP\xa09,000,000"),
        ("pt-br", "COP\xa09.000.000"),
        ("es-mx", "COP\xa09,000,000"),
    ],
)
def test_a_currency_code_is_never_glued_to_the_number(language, expected):
    """CLDR's currency spacing: a symbol ending in a letter is followed by a no-break space."""
    assert formatting.format_money(9000000, "COP", language) == expected
    assert formatting.format_money_range(1000, 2000, "USD", language).startswith("US$")


@pytest.mark.parametrize(
    ("language", "brl", "mxn", "usd"),
    [
        ("en", "R$13,000\u2009–\u200924,000", "MX$48,000\u2009–\u200995,000", "US$133,000"),
        (
            "pt-br",
            "R$\xa013.000\u2009–\u200924.000",
            "MX$\xa048.000\u2009–\u200995.000",
            "US$\xa0133.000",
        ),
        ("es-mx", "R$13,000\u2009–\u200924,000", "MX$48,000\u2009–\u200995,000", "US$133,000"),
    ],
)
def test_symbols_are_unambiguous_in_every_language(language, brl, mxn, usd):
    assert formatting.format_money_range(13000, 24000, "BRL", language) == brl
    assert formatting.format_money_range(48000, 95000, "MXN", language) == mxn
    assert formatting.format_money(133000, "USD", language) == usd


def test_open_graph_locale_codes():
    assert [formatting.locale_code(c) for c in ("en", "pt-br", "es-mx")] == [
        "en_US",
        "pt_BR",
        "es_MX",
    ]
