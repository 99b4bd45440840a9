"""Salary bands: always in their own currency and period, with where and when they come from."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from nexushr.natural_keys import NaturalKeyManager
from roles.models import Role


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

    @property
    def flag(self) -> str:
        """The flag emoji: the two regional-indicator symbols for the ISO code."""
        return "".join(chr(0x1F1E6 + ord(letter) - ord("A")) for letter in self.code)


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
    period = models.CharField(_("period"), max_length=5, choices=Period, default=Period.MONTH)
    level = models.CharField(_("level"), max_length=12, choices=Level, default=Level.ALL)
    experience_min_years = models.PositiveSmallIntegerField(
        _("experience from (years)"), null=True, blank=True
    )
    experience_max_years = models.PositiveSmallIntegerField(
        _("experience to (years)"), null=True, blank=True
    )
    pay = models.CharField(_("pay"), max_length=5, choices=Pay, default=Pay.BASE)
    as_of = models.DateField(
        _("as of"), null=True, blank=True, help_text=_("Leave empty when the source gives no date.")
    )
    source = models.CharField(_("source"), max_length=120)
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
                condition=Q(currency__regex=r"^[A-Z]{3}$"),
                name="salaryband_currency_iso4217",
                violation_error_message=_("The currency must be a three-letter ISO 4217 code."),
            ),
        ]

    def __str__(self) -> str:
        where = self.country.code if self.country_id else "global"
        return f"{self.role} · {where} · {self.get_level_display()} · {self.currency}"

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

    @property
    def is_total_compensation(self) -> bool:
        return self.pay == self.Pay.TOTAL

    @property
    def iso_duration(self) -> str:
        """schema.org duration: P1M per month, P1Y per year."""
        return "P1M" if self.period == self.Period.MONTH else "P1Y"
