"""Reads of salary bands: how the role page and the share image group and pick them.

The functions take bands already fetched (the role page prefetches them with the role), so
grouping costs no query; ``roles.selectors`` and ``roles.share_image`` call them.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from salaries.models import Country, SalaryBand
from sources.models import Source

# A band for all levels, or one whose source states no level, is not a row of a level table.
NO_LEVEL = {"", SalaryBand.Level.ALL}


@dataclass(frozen=True)
class LevelRow:
    """One seniority level of a table: its base and total compensation side by side."""

    level: str
    label: str
    experience_min_years: int | None
    experience_max_years: int | None
    base: SalaryBand | None = None
    total: SalaryBand | None = None

    @property
    def bands(self) -> list[SalaryBand]:
        return [band for band in (self.base, self.total) if band]


@dataclass(frozen=True)
class LevelTable:
    """Bands by seniority that share a place, currency, period and source: one table."""

    country: Country | None  # None for global bands
    currency: str
    period_label: str  # the source's period, or that it does not state one
    rows: list[LevelRow]
    period_reading_label: str = ""  # our reading of an unstated period, labelled as ours
    notes: list[str] = field(default_factory=list)  # the source's caveats, each once
    source: Source | None = None

    @property
    def bands(self) -> list[SalaryBand]:
        return [band for row in self.rows for band in row.bands]


def regional_bands(bands: Iterable[SalaryBand]) -> list[SalaryBand]:
    """The per-country ranges for all levels: the page's LATAM table and the share image."""
    return [
        band
        for band in bands
        if band.country_id
        and band.level in NO_LEVEL
        and band.statistic == SalaryBand.Statistic.RANGE
    ]


def average_bands(bands: Iterable[SalaryBand]) -> list[SalaryBand]:
    """Bands that give one average figure rather than a range."""
    return [band for band in bands if band.statistic == SalaryBand.Statistic.AVERAGE]


def level_tables(bands: Iterable[SalaryBand]) -> list[LevelTable]:
    """Group the ranges by seniority into tables, one per place, currency, period and source,
    with each level's base and total compensation side by side. Tables keep the bands' order;
    rows follow ``SalaryBand.Level``."""
    tables: dict[tuple, dict[str, list[SalaryBand]]] = {}
    for band in bands:
        if band.level in NO_LEVEL or band.statistic != SalaryBand.Statistic.RANGE:
            continue
        key = (band.country_id, band.currency, band.period, band.period_reading, band.source_id)
        levels = tables.setdefault(key, {})
        levels.setdefault(band.level, []).append(band)
    order = SalaryBand.Level.values
    result = []
    for levels in tables.values():
        sample = next(iter(levels.values()))[0]
        table_bands = [band for group in levels.values() for band in group]
        result.append(
            LevelTable(
                country=sample.country,
                currency=sample.currency,
                period_label=sample.period_label,
                rows=[_level_row(levels[level]) for level in sorted(levels, key=order.index)],
                period_reading_label=sample.period_reading_label,
                notes=list(dict.fromkeys(band.note for band in table_bands if band.note)),
                source=sample.source,
            )
        )
    return result


def _level_row(bands: list[SalaryBand]) -> LevelRow:
    """The row of one level; its years of experience are those of its first band."""
    first = bands[0]
    by_pay = {band.pay: band for band in bands}
    return LevelRow(
        level=first.level,
        label=first.get_level_display(),
        experience_min_years=first.experience_min_years,
        experience_max_years=first.experience_max_years,
        base=by_pay.get(SalaryBand.Pay.BASE),
        total=by_pay.get(SalaryBand.Pay.TOTAL),
    )
