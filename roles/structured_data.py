"""schema.org ``Occupation`` for a role page, built from the same RolePage the template shows.

Sources publish ranges (and one average), not percentiles, so each band is a ``MonetaryAmount``
whose ``value`` is a ``QuantitativeValue`` range (or single value); ``unitText`` (MONTH, YEAR) is
given only where the source states the period, and the source's caveat (and that a figure is
approximate, which schema.org has no property for) goes in ``description``.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from nexushr.formatting import country_name
from nexushr.seo import absolute
from roles.selectors import RolePage
from salaries.models import SalaryBand


def _amount(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def band_name(band: SalaryBand) -> str:
    """What the band is, in the source's terms only: pay type and level when it states them."""
    parts = [str(band.get_pay_display())] if band.pay else []
    if band.level and band.level != SalaryBand.Level.ALL:
        parts.append(str(band.get_level_display()))
    if band.statistic == SalaryBand.Statistic.AVERAGE:
        parts.append(str(band.get_statistic_display()))
    parts.append(country_name(band.country.code) if band.country_id else _("Global"))
    return " · ".join(parts)


def salary_json_ld(band: SalaryBand) -> dict:
    if band.minimum == band.maximum:
        value: dict = {"@type": "QuantitativeValue", "value": _amount(band.minimum)}
    else:
        value = {
            "@type": "QuantitativeValue",
            "minValue": _amount(band.minimum),
            "maxValue": _amount(band.maximum),
        }
    if band.unit_text:  # only a period the source states; never our reading of it
        value["unitText"] = band.unit_text
    data = {
        "@type": "MonetaryAmount",
        "name": band_name(band),
        "currency": band.currency,
        "value": value,
    }
    if band.as_of:
        data["validFrom"] = band.as_of.isoformat()
    # schema.org has no "approximate": say it in words, with the source's caveat.
    description = (
        [str(_("The source gives this figure as approximate."))] if band.approximate else []
    )
    if band.note:
        description.append(band.note)
    if description:
        data["description"] = " ".join(description)
    return data


def occupation_json_ld(page: RolePage) -> dict:
    # The role page's JSON-LD is this and its breadcrumb (nexushr.seo.trail_context). The FAQs
    # are marked up as schema.org FAQPage microdata on the visible questions
    # (templates/roles/role_detail.html), so their answers are not sent twice.
    role = page.role
    countries = {band.country.code: band.country for band in page.bands if band.country_id}
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Occupation",
        "name": role.title,
        "url": absolute(role.get_absolute_url()),
        "occupationalCategory": role.category.name,
    }
    if role.summary:
        data["description"] = role.summary
    if role.alternative_title_list:
        data["alternateName"] = role.alternative_title_list
    skills = [item.text for item in [*page.required, *page.preferred]]
    skills += [item.tool.name for item in role.role_tools.all()]
    if skills:
        data["skills"] = skills
    responsibilities = [item.text for item in role.responsibilities.all()]
    if responsibilities:
        data["responsibilities"] = responsibilities
    if page.bands:
        data["estimatedSalary"] = [salary_json_ld(band) for band in page.bands]
    if countries:
        data["occupationLocation"] = [
            {"@type": "Country", "name": country_name(code), "identifier": code}
            for code in countries
        ]
    return data
