"""Share to any app: plain links built on the server, and QR codes of a page's address.

Every link is an ordinary URL of the app's own "share" address (no third-party script, no
tracking pixel, no redirect through us), so it works without JavaScript. The URL shared is the
page's canonical address plus only what the visitor chose on the page — the interview panel's
tab — and never a tracking parameter (``utm_*``, ``fbclid`` … are simply not copied). The
section being read (``#fragment``) is added in the browser by ``static/js/site.js``, which
rewrites these links as the visitor scrolls (a server never sees a fragment).
"""

import io
from dataclasses import dataclass
from urllib.parse import quote

import segno
from django.core.cache import cache
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class ShareLink:
    app: str  # a stable name, also the CSS modifier: whatsapp, linkedin, telegram, x, email
    name: str  # what the visitor reads
    url: str


def _q(value: str) -> str:
    return quote(value, safe="")


def share_links(*, url: str, title: str, summary: str = "") -> list[ShareLink]:
    """Links that open each app's own share screen with ``title`` and ``url`` filled in."""
    body = f"{summary}\n\n{url}" if summary else url
    return [
        ShareLink("whatsapp", "WhatsApp", f"https://wa.me/?text={_q(f'{title} {url}')}"),
        ShareLink(
            "linkedin",
            "LinkedIn",
            f"https://www.linkedin.com/sharing/share-offsite/?url={_q(url)}",
        ),
        ShareLink("telegram", "Telegram", f"https://t.me/share/url?url={_q(url)}&text={_q(title)}"),
        ShareLink("x", "X", f"https://x.com/intent/post?url={_q(url)}&text={_q(title)}"),
        ShareLink("email", _("Email"), f"mailto:?subject={_q(title)}&body={_q(body)}"),
    ]


QR_CACHE_SECONDS = 60 * 60 * 24 * 30


def qr_png(url: str) -> bytes:
    """A QR code of ``url`` as a PNG (segno, pure Python), cached: the image of a URL never
    changes. Medium error correction survives a folded or smudged printout."""
    key = f"qr:png:1:{url}"
    image = cache.get(key)
    if image is None:
        buffer = io.BytesIO()
        segno.make(url, error="m", micro=False).save(
            buffer, kind="png", scale=6, border=4, dark="#000", light="#fff"
        )
        image = buffer.getvalue()
        cache.set(key, image, QR_CACHE_SECONDS)
    return image
