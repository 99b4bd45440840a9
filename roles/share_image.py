"""The 1200×630 PNG that link previews show for a role, per language, drawn with Pillow.

It carries what the page says, formatted as the page formats it: the role title, its category,
the LATAM salary ranges and the site name. The font ships inside a package (Source Sans Pro,
SIL OFL), so nothing is fetched at run time. The image responses are cached like pages, tagged
with the role and its category (nexushr/cache.py), so an edit to the role gives new images.
"""

import io
from functools import lru_cache
from pathlib import Path

import font_source_sans_pro
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from nexushr.cache import content_version
from nexushr.formatting import country_name, format_date, format_money_range
from nexushr.querystring import url_with_query
from nexushr.seo import absolute
from roles.models import Role
from salaries.models import SalaryBand
from salaries.selectors import regional_bands

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
INK = (15, 23, 42)
MUTED = (71, 85, 105)
ACCENT = (29, 78, 216)
BACKGROUND = (248, 250, 252)
FONT_DIR = Path(font_source_sans_pro.font_directory)


@lru_cache(maxsize=8)
def font(weight: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_DIR / f"SourceSansPro-{weight}.ttf"), size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, face: ImageFont.FreeTypeFont, width: int) -> list:
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=face) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def _canvas(kicker: str) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    """A blank card with the accent bar, the site name and a small upper-case kicker."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, WIDTH, 14], fill=ACCENT)
    draw.text((MARGIN, 56), settings.SITE_NAME, font=font("Bold", 34), fill=ACCENT)
    draw.text((MARGIN, 104), kicker.upper(), font=font("Semibold", 26), fill=MUTED)
    return image, draw


def _title(draw: ImageDraw.ImageDraw, text: str, y: int = 150) -> int:
    """Draw a title in up to three lines, smaller when it is long; return the y below it."""
    face = font("Bold", 72)
    lines = _wrap(draw, text, face, WIDTH - 2 * MARGIN)
    if len(lines) > 2:
        face = font("Bold", 56)
        lines = _wrap(draw, text, face, WIDTH - 2 * MARGIN)[:3]
    for line in lines:
        draw.text((MARGIN, y), line, font=face, fill=INK)
        y += int(face.size * 1.12)
    return y


def _finish(image: Image.Image, draw: ImageDraw.ImageDraw) -> bytes:
    host = settings.SITE_ORIGIN.split("://", 1)[-1]
    draw.text((MARGIN, HEIGHT - 70), host, font=font("Regular", 26), fill=MUTED)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def render_share_image(role: Role, bands: list[SalaryBand]) -> bytes:
    """The PNG bytes for ``role`` and its regional ``bands`` in the active language."""
    image, draw = _canvas(role.category.name)
    y = max(_title(draw, role.title) + 28, 340)
    for band in bands[:3]:
        label = f"{country_name(band.country.code)}: "
        draw.text((MARGIN, y), label, font=font("Semibold", 36), fill=MUTED)
        x = MARGIN + draw.textlength(label, font=font("Semibold", 36))
        amount = f"{format_money_range(band.minimum, band.maximum, band.currency)} "
        draw.text((x, y), amount, font=font("Bold", 36), fill=INK)
        x += draw.textlength(amount, font=font("Bold", 36))
        draw.text((x, y), str(band.get_period_display()), font=font("Regular", 32), fill=MUTED)
        y += 52
    as_of = next((band.as_of for band in bands if band.as_of), None)
    if as_of:
        note = _("Salaries as of %(date)s") % {"date": format_date(as_of)}
        draw.text((MARGIN, y + 4), note, font=font("Regular", 26), fill=MUTED)
    return _finish(image, draw)


def render_site_image() -> bytes:
    """The preview image of the portal's own pages (home, index) in the active language."""
    image, draw = _canvas(_("Job-role profiles for Latin America"))
    y = _title(draw, _("Know the role before you apply")) + 24
    lead = _(
        "Salaries in local currency, responsibilities, skills, career paths and curated "
        "interview questions."
    )
    for line in _wrap(draw, lead, font("Regular", 36), WIDTH - 2 * MARGIN)[:3]:
        draw.text((MARGIN, y), line, font=font("Regular", 36), fill=MUTED)
        y += 48
    return _finish(image, draw)


def share_image(role: Role) -> bytes:
    """The image for ``role`` in the active language."""
    bands = regional_bands(role.salary_bands.select_related("country"))
    return render_share_image(role, bands)


def site_share_image() -> bytes:
    return render_site_image()


def image_tags(role: Role) -> set[str]:
    """The content the role's image is drawn from (its cache tags, nexushr/cache.py)."""
    return {f"role:{role.pk}", f"category:{role.category_id}"}


def share_image_url(role: Role) -> str:
    """The absolute URL of the role's image, versioned by the content it is drawn from, so link
    unfurlers that cache by URL fetch it again after an edit to it (and only then)."""
    path = reverse("roles:share_image", kwargs={"slug": role.slug})
    return absolute(url_with_query(path, v=content_version(*image_tags(role))))
