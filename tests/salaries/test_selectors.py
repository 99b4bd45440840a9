"""How bands are grouped for the role page: regional ranges, tables by seniority, averages."""

from decimal import Decimal

import pytest

from salaries.models import SalaryBand
from salaries.selectors import average_bands, level_tables, regional_bands
from tests.salaries.factories import CountryFactory, SalaryBandFactory

pytestmark = pytest.mark.django_db
Level, Pay, Statistic = SalaryBand.Level, SalaryBand.Pay, SalaryBand.Statistic


def band(**kwargs) -> SalaryBand:
    return SalaryBandFactory.build(**kwargs)


def test_regional_bands_are_country_ranges_for_all_levels():
    brazil = CountryFactory()
    regional = band(country=brazil)
    senior = band(country=brazil, level=Level.SENIOR)
    average = band(country=brazil, statistic=Statistic.AVERAGE, maximum=Decimal("13000"))
    global_band = band(country=None)
    assert regional_bands([regional, senior, average, global_band]) == [regional]
    assert average_bands([regional, senior, average, global_band]) == [average]


def test_level_tables_put_base_and_total_of_a_level_side_by_side_in_level_order():
    senior_total = band(country=None, level=Level.SENIOR, pay=Pay.TOTAL)
    junior_base = band(
        country=None, level=Level.JUNIOR, experience_min_years=0, experience_max_years=2
    )
    senior_base = band(country=None, level=Level.SENIOR)
    [table] = level_tables([senior_total, junior_base, senior_base, band(country=None)])
    assert table.country is None
    assert table.currency == "USD"
    assert [row.level for row in table.rows] == [Level.JUNIOR, Level.SENIOR]
    junior, senior = table.rows
    assert (junior.base, junior.total) == (junior_base, None)
    assert (junior.experience_min_years, junior.experience_max_years) == (0, 2)
    assert (senior.base, senior.total) == (senior_base, senior_total)
    assert table.bands == [junior_base, senior_base, senior_total]


def test_level_tables_split_by_place_currency_and_period_in_band_order():
    brazil = CountryFactory()
    yearly = band(country=None, level=Level.MID, period=SalaryBand.Period.YEAR)
    in_brazil = band(country=brazil, level=Level.MID)
    monthly = band(country=None, level=Level.MID)
    tables = level_tables([yearly, in_brazil, monthly])
    assert [(t.country, t.currency, t.rows[0].base) for t in tables] == [
        (None, "USD", yearly),
        (brazil, "BRL", in_brazil),
        (None, "USD", monthly),
    ]
    assert [str(t.period_label) for t in tables] == ["per year", "per month", "per month"]
