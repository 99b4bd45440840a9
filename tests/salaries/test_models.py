"""Salary bands refuse impossible figures at the database, whatever writes them."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from salaries.models import Country
from tests.salaries.factories import CountryFactory, SalaryBandFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "fields",
    [
        {"minimum": Decimal("2"), "maximum": Decimal("1")},
        {"minimum": Decimal("0"), "maximum": Decimal("1")},
        {"minimum": Decimal("-5"), "maximum": Decimal("1")},
        {"currency": "usd"},
        {"statistic": "average", "minimum": Decimal("1"), "maximum": Decimal("2")},
        {"experience_min_years": 5, "experience_max_years": 2},
    ],
)
def test_database_refuses_impossible_bands(fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        SalaryBandFactory(**fields)


def test_full_clean_explains_a_minimum_above_the_maximum():
    band = SalaryBandFactory.build(minimum=Decimal("2"), maximum=Decimal("1"))

    with pytest.raises(ValidationError) as error:
        band.full_clean(exclude=["role", "country"])

    assert "The minimum cannot be greater than the maximum." in str(error.value)


def test_country_code_and_currency_must_be_iso():
    with pytest.raises(IntegrityError), transaction.atomic():
        Country.objects.create(code="br", currency="BRL")


def test_country_localized_name():
    from django.utils import translation

    country = CountryFactory(code="MX", currency="MXN")

    with translation.override("pt-br"):
        assert str(country) == "México (MXN)"
