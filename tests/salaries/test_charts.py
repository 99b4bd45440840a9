"""Pay at a glance: the SVG charts match the bands, are valid and accessible, and cost no query."""

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from salaries.charts import WIDTH, band_label, nice_ceiling, pay_charts
from salaries.models import SalaryBand
from tests.html import attrs

SVG = "{http://www.w3.org/2000/svg}"


def mle_bands() -> list[SalaryBand]:
    return list(
        SalaryBand.objects.filter(role__slug="machine-learning-engineer").select_related(
            "country", "role"
        )
    )


def parse(chart) -> ET.Element:
    return ET.fromstring(str(chart.svg))  # raises on markup that is not well-formed XML


def words(chart) -> str:
    """The chart's text (title, description, labels, amounts), one space between elements and
    the no-break and thin spaces Babel puts in amounts read as plain spaces."""
    spaces = str.maketrans({"\xa0": " ", "\u2009": " "})
    return " ".join(part.strip() for part in parse(chart).itertext() if part.strip()).translate(
        spaces
    )


def group(svg: ET.Element, name: str) -> ET.Element:
    """The chart's one group of ``name`` elements (ticks, labels, amounts, bars, markers)."""
    (found,) = (g for g in svg.iter(f"{SVG}g") if g.get("class") == f"pay-chart__{name}")
    return found


def ticks(chart) -> list[str]:
    return [
        "".join(tick.itertext()).replace("\u202f", " ").replace("\xa0", " ")
        for tick in group(parse(chart), "tick").iter(f"{SVG}text")
    ]


@pytest.mark.parametrize(("value", "ceiling"), [(24000, 40000), (95000, 100000), (800000, 800000)])
def test_scale_ends_on_a_round_number_above_the_largest_figure(value, ceiling):
    assert nice_ceiling(value) == ceiling


def test_one_chart_per_currency_and_period_one_bar_per_place_or_level(seeded):
    charts = pay_charts(mle_bands())

    # No seed states a period: each chart says so, with our reading labelled as ours.
    assert [(chart.currency, chart.period, chart.heading) for chart in charts] == [
        ("BRL", "", "R$ (BRL), period not stated by the source (our reading: per month)"),
        ("MXN", "", "MX$ (MXN), period not stated by the source (our reading: per month)"),
        ("USD", "", "US$ (USD), period not stated by the source (our reading: per year)"),
    ]
    usd = charts[2]
    # Eight level bars (base and total for four levels) and the US average on its own row.
    assert len(usd.bars) == 9
    assert usd.bars[-1].band is None and usd.bars[-1].marker.statistic == "average"
    # One label and one right-aligned amount per row; a range bar for each but the average.
    svg = parse(usd)
    assert len(group(svg, "label")) == len(group(svg, "amount")) == 9
    assert group(svg, "amount").get("text-anchor") == "end"
    assert len(group(svg, "bar")) == 8


def test_bars_sit_where_the_figures_are_on_the_scale(seeded):
    brl = pay_charts(mle_bands())[0]
    svg = parse(brl)

    (bar,) = group(svg, "bar").iter(f"{SVG}rect")
    scale = brl.scale_max  # 40,000: R$13,000–24,000 runs from 32.5% to 60% of the width
    left, usable = 2, WIDTH - 4
    assert float(bar.get("x")) == pytest.approx(left + usable * 13000 / scale, abs=0.1)
    assert float(bar.get("width")) == pytest.approx(usable * 11000 / scale, abs=0.1)
    assert ticks(brl) == ["0", "10K", "20K", "30K", "40K"]
    # The grid: one vertical line per tick, from the top to the axis, in one path.
    (grid,) = svg.iter(f"{SVG}path")
    assert grid.get("class") == "pay-chart__grid"
    assert grid.get("d") == "M2 0V34M91 0V34M180 0V34M269 0V34M358 0V34"


def test_an_average_is_marked_on_the_scale(seeded):
    usd = pay_charts(mle_bands())[2]
    svg = parse(usd)

    (circle,) = group(svg, "marker").iter(f"{SVG}circle")
    assert float(circle.get("cx")) == pytest.approx(2 + (WIDTH - 4) * 133000 / 800000, abs=0.1)
    assert "average about US$133,000" in words(usd)  # the source's "around"


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
    assert "R$13,000 – 24,000 · average R$18,000" in words(chart)


def test_chart_is_accessible_and_uses_no_inline_style(seeded):
    for chart in pay_charts(mle_bands()):
        svg = parse(chart)
        title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
        assert svg.get("role") == "img"
        assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        assert chart.currency in title.text
        assert "the table gives each one with its source" in desc.text
        for element in svg.iter():
            assert "style" not in element.attrib, element.tag
            assert element.tag not in {f"{SVG}style", f"{SVG}script"}, element.tag


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
    with translation.override(language):  # the SVG is drawn when it is read
        chart = pay_charts(mle_bands())[0]
        said, scale = words(chart), ticks(chart)

    assert amount in said
    assert tick in scale


def test_a_band_whose_period_the_source_does_not_state_says_so(seeded):
    bands = mle_bands()
    bands[0].period = ""

    chart = pay_charts(bands)[0]

    assert chart.period_label == "period not stated by the source"
    assert "period not stated by the source" in words(chart)


def test_role_page_shows_the_charts_without_extra_queries(client, seeded):
    from tests.roles.test_queries import ROLE_PAGE_QUERIES

    with CaptureQueriesContext(connection) as captured:
        response = client.get("/en/roles/machine-learning-engineer/")

    assert len(captured) == ROLE_PAGE_QUERIES
    assert attrs(response, "svg.pay-chart", "xmlns") == ["http://www.w3.org/2000/svg"] * 3


# ---------- only what the source states ----------


def _band(**kwargs):
    from tests.salaries.factories import SalaryBandFactory

    defaults = {"country": None, "currency": "USD", "level": "all", "pay": "", "period": ""}
    return SalaryBandFactory(**(defaults | kwargs))


def test_an_unstated_period_never_shares_a_scale_with_a_stated_one(db):
    role = _band(period="year").role
    _band(role=role)  # unstated, no reading
    _band(role=role, period_reading="month")  # unstated, our reading: monthly
    charts = pay_charts(role.salary_bands.all())
    assert [chart.heading for chart in charts] == [
        "US$ (USD), per year",
        "US$ (USD), period not stated by the source",
        "US$ (USD), period not stated by the source (our reading: per month)",
    ]


def test_a_bar_names_only_the_pay_type_and_level_the_source_states(db):
    from tests.salaries.factories import CountryFactory

    brazil = CountryFactory(code="BR", currency="BRL")
    assert band_label(_band(country=brazil, currency="BRL")) == "Brazil"
    assert band_label(_band(country=brazil, currency="BRL", pay="base")) == "Brazil · base"
    assert band_label(_band(level="", pay="total")) == "Global · total"
    assert band_label(_band(level="senior", pay="base")) == "Senior · base"
    assert band_label(_band(level="senior")) == "Senior"


def test_an_approximate_figure_reads_about_in_each_language(db):
    role = _band(approximate=True, statistic="average", minimum=133000, maximum=133000).role
    with translation.override("pt-br"):
        said = words(pay_charts(role.salary_bands.all())[0])
    assert "média de cerca de US$" in said
    with translation.override("es-mx"):
        said = words(pay_charts(role.salary_bands.all())[0])
    assert "alrededor de US$" in said
    assert "≈" not in said
