import datetime
from decimal import Decimal

import factory

from salaries.models import Country, SalaryBand
from tests.roles.factories import RoleFactory
from tests.sources.factories import SourceFactory


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ["code"]

    code = "BR"
    currency = "BRL"


class SalaryBandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SalaryBand

    key = factory.Sequence(lambda n: f"band-{n}")
    role = factory.SubFactory(RoleFactory)
    country = factory.SubFactory(CountryFactory)
    currency = factory.LazyAttribute(lambda band: band.country.currency if band.country else "USD")
    minimum = Decimal("13000")
    maximum = Decimal("24000")
    period = SalaryBand.Period.MONTH
    pay = SalaryBand.Pay.BASE
    as_of = datetime.date(2026, 6, 22)
    source = factory.SubFactory(SourceFactory)
    order = factory.Sequence(lambda n: n)
