"""schema.org ``Occupation`` for a role page, built from the same RolePage the template shows.

Sources publish ranges (and one average), not percentiles, so each band is a
``MonetaryAmountDistribution`` carrying ``minValue``/``maxValue`` rather than invented percentiles.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from nexushr.formatting import country_name
from nexushr.seo import Crumb, absolute, breadcrumb_json_ld
from roles.selectors import RolePage
from salaries.models import SalaryBand


def _amount(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def band_name(band: SalaryBand) -> str:
    parts = [str(band.get_pay_display())]
    if band.level != SalaryBand.Level.ALL:
        parts.append(str(band.get_level_display()))
    if band.statistic == SalaryBand.Statistic.AVERAGE:
        parts.append(str(band.get_statistic_display()))
    parts.append(country_name(band.country.code) if band.country_id else _("Global"))
    return " · ".join(parts)


def salary_json_ld(band: SalaryBand) -> dict:
    data = {
        "@type": "MonetaryAmountDistribution",
        "name": band_name(band),
        "currency": band.currency,
        "duration": band.iso_duration,
        "minValue": _amount(band.minimum),
        "maxValue": _amount(band.maximum),
    }
    if band.as_of:
        data["validFrom"] = band.as_of.isoformat()
    return data


def occupation_json_ld(page: RolePage) -> dict:
    role = page.role
    countries = {band.country.code: band.country for band in page.bands if band.country_id}
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Occupation",
        "name": role.title,
        "description": role.summary,
        "url": absolute(role.get_absolute_url()),
        "occupationalCategory": role.category.name,
    }
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


def role_page_json_ld(page: RolePage, crumbs: list[Crumb]) -> list[dict]:
    """The role page's JSON-LD: the occupation and its breadcrumb. The FAQs are marked up as
    schema.org FAQPage microdata on the visible questions (templates/roles/role_detail.html),
    so their answers are not sent twice."""
    return [occupation_json_ld(page), breadcrumb_json_ld(crumbs)]
