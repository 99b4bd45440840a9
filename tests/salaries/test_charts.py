"""Pay at a glance: the SVG charts match the bands, are valid and accessible, and cost no query."""

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from salaries.charts import WIDTH, nice_ceiling, pay_charts
from salaries.models import SalaryBand

SVG = "{http://www.w3.org/2000/svg}"


def mle_bands() -> list[SalaryBand]:
    return list(
        SalaryBand.objects.filter(role__slug="machine-learning-engineer").select_related(
            "country", "role"
        )
    )


def parse(chart) -> ET.Element:
    return ET.fromstring(str(chart.svg))  # raises on markup that is not well-formed XML


@pytest.mark.parametrize(("value", "ceiling"), [(24000, 40000), (95000, 100000), (800000, 800000)])
def test_scale_ends_on_a_round_number_above_the_largest_figure(value, ceiling):
    assert nice_ceiling(value) == ceiling


def test_one_chart_per_currency_and_period_one_bar_per_place_or_level(seeded):
    charts = pay_charts(mle_bands())

    assert [(chart.currency, chart.period) for chart in charts] == [
        ("BRL", "month"),
        ("MXN", "month"),
        ("USD", "year"),
    ]
    usd = charts[2]
    # Eight level bars (base and total for four levels) and the US average on its own row.
    assert len(usd.bars) == 9
    assert usd.bars[-1].band is None and usd.bars[-1].marker.statistic == "average"


def test_bars_sit_where_the_figures_are_on_the_scale(seeded):
    brl = pay_charts(mle_bands())[0]
    svg = parse(brl)

    (bar,) = svg.iter(f"{SVG}rect")
    scale = brl.scale_max  # 40,000: R$13,000–24,000 runs from 32.5% to 60% of the width
    left, usable = 2, WIDTH - 4
    assert float(bar.get("x")) == pytest.approx(left + usable * 13000 / scale, abs=0.1)
    assert float(bar.get("width")) == pytest.approx(usable * 11000 / scale, abs=0.1)
    ticks = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "pay-chart__tick"]
    assert ticks == ["0", "10K", "20K", "30K", "40K"]


def test_an_average_is_marked_on_the_scale(seeded):
    usd = pay_charts(mle_bands())[2]
    svg = parse(usd)

    (circle,) = svg.iter(f"{SVG}circle")
    assert float(circle.get("cx")) == pytest.approx(2 + (WIDTH - 4) * 133000 / 800000, abs=0.1)
    assert "average US$133,000" in str(usd.svg)


def test_an_average_of_the_same_place_and_level_is_marked_on_its_range(db):
    from tests.salaries.factories import CountryFactory, SalaryBandFactory

    brazil = CountryFactory(code="BR", currency="BRL")
    band = SalaryBandFactory(country=brazil)
    SalaryBandFactory(
        role=band.role,
        country=brazil,
        statistic="average",
        minimum=Decimal("18000"),
        maximum=Decimal("18000"),
    )

    (chart,) = pay_charts(SalaryBand.objects.select_related("country"))

    assert len(chart.bars) == 1
    assert chart.bars[0].marker.minimum == Decimal("18000")
    assert "R$13,000 – 24,000 · average R$18,000" in str(chart.svg).replace("\u2009", " ")


def test_chart_is_accessible_and_uses_no_inline_style(seeded):
    for chart in pay_charts(mle_bands()):
        svg = parse(chart)
        title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
        assert svg.get("role") == "img"
        assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        assert chart.currency in title.text
        assert "the table gives each one with its source" in desc.text
        assert "style" not in str(chart.svg)
        assert "<script" not in str(chart.svg)


def test_each_chart_is_under_5_kb(seeded):
    for chart in pay_charts(mle_bands()):
        assert len(str(chart.svg).encode()) < 5 * 1024


@pytest.mark.parametrize(
    ("language", "amount", "tick"),
    [
        ("en", "R$13,000 – 24,000", "10K"),
        ("pt-br", "R$ 13.000 – 24.000", "10 mil"),
        ("es-mx", "R$13,000 – 24,000", "10 k"),
    ],
)
def test_numbers_are_formatted_for_the_page_language(seeded, language, amount, tick):
    with translation.override(language):
        svg = str(pay_charts(mle_bands())[0].svg)

    readable = svg.replace("\xa0", " ").replace("\u2009", " ")
    assert amount in readable
    assert f">{tick}<" in readable.replace("\u202f", " ")


def test_a_band_whose_period_the_source_does_not_state_says_so(seeded):
    bands = mle_bands()
    bands[0].period = ""

    chart = pay_charts(bands)[0]

    assert chart.period_label == "period not stated by the source"
    assert "period not stated by the source" in str(chart.svg)


def test_role_page_shows_the_charts_without_extra_queries(client, seeded):
    from tests.roles.test_queries import ROLE_PAGE_QUERIES

    with CaptureQueriesContext(connection) as captured:
        response = client.get("/en/roles/machine-learning-engineer/")

    assert len(captured) == ROLE_PAGE_QUERIES
    charts = re.findall(r'<svg xmlns="http://www.w3.org/2000/svg" class="pay-chart"', response.text)
    assert len(charts) == 3
