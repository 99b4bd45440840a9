"""Salary bands: always in their own currency and period, with where and when they come from."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from nexushr.natural_keys import NaturalKeyManager
from roles.models import Role
from sources.models import Source


class Country(models.Model):
    """A country by its ISO 3166-1 alpha-2 code; its name comes from Babel in the page language."""

    code = models.CharField(_("ISO 3166 code"), max_length=2, unique=True)
    currency = models.CharField(_("ISO 4217 currency"), max_length=3)

    objects = NaturalKeyManager("code")

    class Meta:
        ordering = ["code"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[A-Z]{2}$"),
                name="country_code_iso_alpha2",
                violation_error_message=_(
                    "The country code is the two capital letters of ISO 3166, e.g. BR."
                ),
            ),
            models.CheckConstraint(
                condition=Q(currency__regex=r"^[A-Z]{3}$"),
                name="country_currency_iso4217",
                violation_error_message=_(
                    "The currency is the three capital letters of ISO 4217, e.g. BRL."
                ),
            ),
        ]

    def __str__(self) -> str:
        from nexushr.formatting import country_name

        return f"{country_name(self.code)} ({self.currency})"

    def natural_key(self) -> tuple[str]:
        return (self.code,)


NOT_STATED = {
    "period": _("period not stated by the source"),
    "pay": _("pay type not stated by the source"),
    "level": _("level not stated by the source"),
}


# The band's choices, at module level so Meta.constraints can name them; reach them as
# SalaryBand.Period, SalaryBand.Level, SalaryBand.Pay and SalaryBand.Statistic.
class Period(models.TextChoices):
    MONTH = "month", _("per month")
    YEAR = "year", _("per year")


class Level(models.TextChoices):
    ALL = "all", _("All levels")
    JUNIOR = "junior", _("Junior")
    MID = "mid", _("Mid-level")
    SENIOR = "senior", _("Senior")
    LEADERSHIP = "leadership", _("Leadership")


class Pay(models.TextChoices):
    BASE = "base", _("Base salary")
    TOTAL = "total", _("Total compensation")


class Statistic(models.TextChoices):
    RANGE = "range", _("Range")
    AVERAGE = "average", _("Average")


class SalaryBand(models.Model):
    Period, Level, Pay, Statistic = Period, Level, Pay, Statistic

    key = models.SlugField(
        _("key"),
        max_length=120,
        unique=True,
        help_text=_("A stable name for this band, used by the fixtures (e.g. mle-br-2026)."),
    )
    role = models.ForeignKey(
        Role, on_delete=models.CASCADE, related_name="salary_bands", verbose_name=_("role")
    )
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="salary_bands",
        verbose_name=_("country"),
        help_text=_("Leave empty for a global band."),
    )
    currency = models.CharField(_("currency"), max_length=3, help_text=_("ISO 4217, e.g. BRL."))
    statistic = models.CharField(
        _("statistic"), max_length=10, choices=Statistic, default=Statistic.RANGE
    )
    minimum = models.DecimalField(_("minimum"), max_digits=12, decimal_places=2)
    maximum = models.DecimalField(
        _("maximum"),
        max_digits=12,
        decimal_places=2,
        help_text=_("For an average, the same as the minimum."),
    )
    # Period, level and pay type are left empty when the source does not state them: the page
    # then says so ("period not stated by the source") rather than guessing.
    period = models.CharField(
        _("period"),
        max_length=5,
        choices=Period,
        blank=True,
        help_text=_("Leave empty when the source does not state the period."),
    )
    level = models.CharField(
        _("level"),
        max_length=12,
        choices=Level,
        blank=True,
        help_text=_("Leave empty when the source does not state the level."),
    )
    experience_min_years = models.PositiveSmallIntegerField(
        _("experience from (years)"), null=True, blank=True
    )
    experience_max_years = models.PositiveSmallIntegerField(
        _("experience to (years)"), null=True, blank=True
    )
    pay = models.CharField(
        _("pay"),
        max_length=5,
        choices=Pay,
        blank=True,
        help_text=_("Leave empty when the source does not say base salary or total compensation."),
    )
    period_reading = models.CharField(
        _("our reading of the period"),
        max_length=5,
        choices=Period,
        blank=True,
        help_text=_(
            "Only when the source does not state the period: the editors' reading, shown "
            "labelled as ours (never as the source's)."
        ),
    )
    approximate = models.BooleanField(
        _("approximate"),
        default=False,
        help_text=_('The source gives the figure as approximate ("around", "about").'),
    )
    note = models.TextField(
        _("source's caveat"),
        blank=True,
        help_text=_("The caveat the source gives with the figure, in its sense; shown beside it."),
    )
    as_of = models.DateField(
        _("as of"), null=True, blank=True, help_text=_("Leave empty when the source gives no date.")
    )
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="salary_bands", verbose_name=_("source")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = NaturalKeyManager("key")

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("salary band")
        verbose_name_plural = _("salary bands")
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum__lte=F("maximum")),
                name="salaryband_minimum_lte_maximum",
                violation_error_message=_("The minimum cannot be greater than the maximum."),
            ),
            models.CheckConstraint(
                condition=Q(minimum__gt=0) & Q(maximum__gt=0),
                name="salaryband_amounts_positive",
                violation_error_message=_("Salary amounts must be positive."),
            ),
            models.CheckConstraint(
                condition=~Q(statistic=Statistic.AVERAGE) | Q(minimum=F("maximum")),
                name="salaryband_average_is_one_amount",
                violation_error_message=_("An average has one amount: minimum and maximum match."),
            ),
            models.CheckConstraint(
                condition=Q(experience_max_years__isnull=True)
                | Q(experience_min_years__isnull=True)
                | Q(experience_min_years__lte=F("experience_max_years")),
                name="salaryband_experience_range",
                violation_error_message=_("Experience from cannot be more than experience to."),
            ),
            models.CheckConstraint(
                condition=Q(period="") | Q(period_reading=""),
                name="salaryband_reading_only_when_period_unstated",
                violation_error_message=_(
                    "Our reading of the period is only for bands whose source does not state it."
                ),
            ),
            models.CheckConstraint(
                condition=Q(currency__regex=r"^[A-Z]{3}$"),
                name="salaryband_currency_iso4217",
                violation_error_message=_("The currency must be a three-letter ISO 4217 code."),
            ),
        ]

    def __str__(self) -> str:
        where = self.country.code if self.country_id else "global"
        level = self.get_level_display() or "—"
        return f"{self.role} · {where} · {level} · {self.currency}"

    def natural_key(self) -> tuple[str]:
        return (self.key,)

    def clean(self) -> None:
        """A band in a country is in that country's currency: amounts are never converted."""
        from django.core.exceptions import ValidationError

        if self.country_id and self.currency and self.currency != self.country.currency:
            raise ValidationError(
                {
                    "currency": _("%(country)s bands are in %(currency)s.")
                    % {"country": self.country.code, "currency": self.country.currency}
                }
            )

    # How the page and the API word each term: the source's own, or that it is not stated.
    @property
    def period_label(self) -> str:
        return self.get_period_display() if self.period else str(NOT_STATED["period"])

    @property
    def pay_label(self) -> str:
        return self.get_pay_display() if self.pay else str(NOT_STATED["pay"])

    @property
    def level_label(self) -> str:
        return self.get_level_display() if self.level else str(NOT_STATED["level"])

    @property
    def period_reading_label(self) -> str:
        """The editors' reading of an unstated period, labelled as theirs ("" when none)."""
        if self.period or not self.period_reading:
            return ""
        return str(_("our reading: %(period)s") % {"period": self.get_period_reading_display()})

    @property
    def is_total_compensation(self) -> bool:
        return self.pay == self.Pay.TOTAL

    @property
    def iso_duration(self) -> str:
        """ISO 8601 duration of the period: P1M per month, P1Y per year, "" when not stated."""
        return {self.Period.MONTH: "P1M", self.Period.YEAR: "P1Y"}.get(self.period, "")

    @property
    def unit_text(self) -> str:
        """schema.org ``unitText`` for the period ("MONTH", "YEAR"), "" when not stated."""
        return {self.Period.MONTH: "MONTH", self.Period.YEAR: "YEAR"}.get(self.period, "")
