"""Reads of salary bands: how the role page and the share image group and pick them.

The functions take bands already fetched (the role page prefetches them with the role), so
grouping costs no query; ``roles.selectors`` and ``roles.share_image`` call them.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from salaries.models import Country, SalaryBand


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
    """Bands by seniority that share a place, currency and period: one table on the page."""

    country: Country | None  # None for global bands
    currency: str
    period_label: str
    rows: list[LevelRow]

    @property
    def bands(self) -> list[SalaryBand]:
        return [band for row in self.rows for band in row.bands]


def regional_bands(bands: Iterable[SalaryBand]) -> list[SalaryBand]:
    """The per-country ranges for all levels: the page's LATAM table and the share image."""
    return [
        band
        for band in bands
        if band.country_id
        and band.level == SalaryBand.Level.ALL
        and band.statistic == SalaryBand.Statistic.RANGE
    ]


def average_bands(bands: Iterable[SalaryBand]) -> list[SalaryBand]:
    """Bands that give one average figure rather than a range."""
    return [band for band in bands if band.statistic == SalaryBand.Statistic.AVERAGE]


def level_tables(bands: Iterable[SalaryBand]) -> list[LevelTable]:
    """Group the ranges by seniority into tables, one per place, currency and period, with each
    level's base and total compensation side by side. Tables keep the bands' order; rows follow
    ``SalaryBand.Level``."""
    tables: dict[tuple, dict[str, list[SalaryBand]]] = {}
    for band in bands:
        if band.level == SalaryBand.Level.ALL or band.statistic != SalaryBand.Statistic.RANGE:
            continue
        levels = tables.setdefault((band.country_id, band.currency, band.period), {})
        levels.setdefault(band.level, []).append(band)
    order = SalaryBand.Level.values
    result = []
    for levels in tables.values():
        sample = next(iter(levels.values()))[0]
        result.append(
            LevelTable(
                country=sample.country,
                currency=sample.currency,
                period_label=sample.get_period_display(),
                rows=[_level_row(levels[level]) for level in sorted(levels, key=order.index)],
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
