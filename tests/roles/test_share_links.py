"""Share to any app: server-built links per language, the panel tab but no tracking parameter,
and a QR code that decodes to the page's canonical URL."""

import io
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import zxingcpp
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from roles.models import Role, RoleRedirect
from tests.html import attrs, parse, select, select_one

ORIGIN = "https://nexushr.example"
MLE = "machine-learning-engineer"


def links(html: str) -> dict[str, str]:
    """Each share link's href, by app (its ``share__app--<app>`` class)."""
    found = {}
    for link in select(html, "a.share__app[href]"):
        (app,) = [
            name.removeprefix("share__app--")
            for name in link.attributes["class"].split()
            if name.startswith("share__app--")
        ]
        found[app] = link.attributes["href"]
    return found


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", "Machine Learning Engineer"),
        ("pt-br", "Engenheiro de Machine Learning"),
        ("es-mx", "Ingeniero de Machine Learning"),
    ],
)
def test_share_links_open_each_app_with_the_page_url_and_title(client, seeded, language, title):
    html = client.get(f"/{language}/roles/{MLE}/").text
    url = f"{ORIGIN}/{language}/roles/{MLE}/"

    shared = links(html)

    assert set(shared) == {"whatsapp", "linkedin", "telegram", "x", "email"}
    whatsapp = parse_qs(urlsplit(shared["whatsapp"]).query)
    assert shared["whatsapp"].startswith("https://wa.me/?text=")
    assert whatsapp["text"] == [f"{title} · NexusHR {url}"]
    assert parse_qs(urlsplit(shared["linkedin"]).query)["url"] == [url]
    assert shared["linkedin"].startswith("https://www.linkedin.com/sharing/share-offsite/")
    telegram = parse_qs(urlsplit(shared["telegram"]).query)
    assert shared["telegram"].startswith("https://t.me/share/url?")
    assert telegram == {"url": [url], "text": [f"{title} · NexusHR"]}
    x = parse_qs(urlsplit(shared["x"]).query)
    assert shared["x"].startswith("https://x.com/intent/post?")
    assert x == {"url": [url], "text": [f"{title} · NexusHR"]}
    email = parse_qs(urlsplit(shared["email"]).query)
    assert shared["email"].startswith("mailto:?")
    assert email["subject"] == [f"{title} · NexusHR"]
    assert email["body"][0].endswith(f"\n\n{url}")


def test_shared_link_keeps_the_panel_tab_and_drops_tracking_parameters(client, seeded):
    html = client.get(
        f"/en/roles/{MLE}/?kind=behavioral&utm_source=newsletter&fbclid=abc&ref=x"
    ).text

    expected = f"{ORIGIN}/en/roles/{MLE}/?kind=behavioral"
    field = select_one(html, "#share-url")
    assert "share__url" in field.attributes["class"].split()
    assert (field.attributes["type"], field.attributes["value"]) == ("url", expected)
    assert "readonly" in field.attributes
    for url in links(html).values():
        assert expected in unquote(url)
        assert "utm_" not in unquote(url) and "fbclid" not in unquote(url)


def test_share_box_uses_no_third_party_script_or_pixel(client, seeded):
    doc = parse(client.get(f"/en/roles/{MLE}/"))

    scripts = attrs(doc, "script[src]", "src")
    images = attrs(doc, "img[src]", "src")
    assert scripts and images
    assert all(src.startswith("/static/") for src in scripts)
    assert all(src.startswith("/") for src in images)


def test_compare_page_shares_its_canonical_address(client, seeded):
    html = client.get(f"/en/compare/?roles=data-scientist,{MLE}&utm_campaign=x").text

    canonical = f"{ORIGIN}/en/compare/?roles=data-scientist,{MLE}"
    assert canonical in attrs(html, "[value]", "value")
    assert parse_qs(urlsplit(links(html)["linkedin"]).query)["url"] == [canonical]


def decode_qr(png: bytes) -> str:
    (result,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    return result.text


@pytest.mark.parametrize("language", ["en", "pt-br", "es-mx"])
def test_qr_code_decodes_to_the_canonical_url(client, seeded, language):
    response = client.get(f"/{language}/roles/{MLE}/qr.png")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "max-age" in response["Cache-Control"]
    assert decode_qr(response.content) == f"{ORIGIN}/{language}/roles/{MLE}/"


def test_role_page_shows_its_qr_code(client, seeded):
    html = client.get(f"/pt-br/roles/{MLE}/").text

    image = select_one(html, f"img[src='/pt-br/roles/{MLE}/qr.png']")
    assert (image.attributes["width"], image.attributes["height"]) == ("180", "180")


def test_qr_code_is_generated_once_then_cached(
    client, seeded, monkeypatch, django_capture_on_commit_callbacks
):
    import segno

    from nexushr.cache import invalidate_all

    calls = []
    real_make = segno.make
    monkeypatch.setattr(segno, "make", lambda *a, **k: calls.append(a) or real_make(*a, **k))

    first = client.get(f"/en/roles/{MLE}/qr.png")
    with CaptureQueriesContext(connection) as captured:
        second = client.get(f"/en/roles/{MLE}/qr.png")
    assert len(captured) == 0  # the page cache answers, as for any page
    assert second["Cache-Control"].startswith("public, max-age=3600")

    with django_capture_on_commit_callbacks(execute=True):
        invalidate_all()  # every cached page dropped: the view runs, the drawing is kept
    with CaptureQueriesContext(connection) as captured:
        third = client.get(f"/en/roles/{MLE}/qr.png")

    assert len(calls) == 1
    assert first.content == second.content == third.content
    assert len(captured) == 1  # only the check that the role is published


def test_qr_code_of_unknown_role_is_404_and_of_renamed_role_redirects(client, seeded):
    RoleRedirect.objects.create(old_slug="ml-engineer", role=Role.objects.get(slug=MLE))

    assert client.get("/en/roles/no-such-role/qr.png").status_code == 404
    moved = client.get("/en/roles/ml-engineer/qr.png")
    assert moved.status_code == 301
    assert moved["Location"] == f"/en/roles/{MLE}/qr.png"
