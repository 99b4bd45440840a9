"""Links that recruiters share: canonical and hreflang, Open Graph, JSON-LD, image, permanence."""

import io
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth import get_user_model
from PIL import Image

from roles.models import Role, RoleRedirect
from tests.html import attrs, json_ld, select, select_one, texts
from tests.roles.factories import RoleFactory

pytestmark = pytest.mark.django_db

ORIGIN = "https://nexushr.example"  # SITE_ORIGIN in nexushr/settings_test.py
ROLE = "/{}/roles/machine-learning-engineer/"


def meta(html: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for tag in select(html, "head meta[property], head meta[name]"):
        key = tag.attributes.get("property") or tag.attributes["name"]
        found.setdefault(key, []).append(tag.attributes["content"])
    return found


def links(html: str, rel: str) -> list[tuple[str, str]]:
    """``(hreflang, href)`` of the head's links; for "alternate", the language versions only
    (the Atom feed is an alternate too, of another type and with no language)."""
    only_languages = "[hreflang]" if rel == "alternate" else ""
    return [
        (link.attributes.get("hreflang") or "", link.attributes["href"])
        for link in select(html, f'head link[rel="{rel}"]{only_languages}')
    ]


@pytest.mark.parametrize(
    ("language", "og_locale", "alternates", "title"),
    [
        ("en", "en_US", ["pt_BR", "es_MX"], "Machine Learning Engineer"),
        ("pt-br", "pt_BR", ["en_US", "es_MX"], "Engenheiro de Machine Learning"),
        ("es-mx", "es_MX", ["en_US", "pt_BR"], "Ingeniero de Machine Learning"),
    ],
)
def test_role_page_tags_per_language(client, seeded, language, og_locale, alternates, title):
    html = client.get(ROLE.format(language), headers={"Host": "localhost"}).content.decode()

    url = ORIGIN + ROLE.format(language)
    assert links(html, "canonical") == [("", url)]
    assert links(html, "alternate") == [
        ("en", ORIGIN + ROLE.format("en")),
        ("pt-br", ORIGIN + ROLE.format("pt-br")),
        ("es-mx", ORIGIN + ROLE.format("es-mx")),
        ("x-default", ORIGIN + "/roles/machine-learning-engineer/"),
    ]
    tags = meta(html)
    assert tags["og:title"] == [title]
    assert tags["og:type"] == ["article"]
    assert tags["og:url"] == [url]
    assert tags["og:site_name"] == ["NexusHR"]
    assert tags["og:locale"] == [og_locale]
    assert tags["og:locale:alternate"] == alternates
    assert tags["og:description"][0].startswith(
        "Especialista" if language != "en" else "Specialist"
    )
    assert tags["og:description"] == tags["description"]
    assert tags["og:image"][0].startswith(
        f"{ORIGIN}/{language}/roles/machine-learning-engineer/share.png?v="
    )
    assert (tags["og:image:width"], tags["og:image:height"]) == (["1200"], ["630"])
    assert tags["twitter:card"] == ["summary_large_image"]
    # X falls back to the og: title, description and image: no second copy of each.
    assert not {"twitter:title", "twitter:description", "twitter:image"} & tags.keys()
    assert "//localhost" not in html


def test_an_untrusted_host_header_is_refused(client, seeded):
    assert client.get(ROLE.format("en")).status_code == 200  # now in the page cache

    assert client.get(ROLE.format("en"), headers={"Host": "evil.example"}).status_code == 400


def test_every_page_has_canonical_hreflang_and_open_graph(client, seeded):
    for path in ("/en/", "/pt-br/roles/", "/es-mx/roles/data-scientist/"):
        html = client.get(path).content.decode()
        assert links(html, "canonical") == [("", ORIGIN + path)], path
        assert len(links(html, "alternate")) == 4, path
        tags = meta(html)
        for key in ("og:title", "og:type", "og:description", "og:url", "og:site_name", "og:locale"):
            assert tags.get(key), (path, key)
        assert (tags["og:image:width"], tags["og:image:height"]) == (["1200"], ["630"]), path
        assert tags["og:image"][0].startswith(ORIGIN + "/"), path
        assert tags["twitter:card"] == ["summary_large_image"], path


@pytest.mark.parametrize("language", ["en", "pt-br", "es-mx"])
def test_site_pages_have_their_own_preview_image_per_language(client, language):
    html = client.get(f"/{language}/").content.decode()

    image_url = meta(html)["og:image"][0]
    assert image_url == f"{ORIGIN}/{language}/share.png"
    response = client.get(f"/{language}/share.png")
    assert response["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(response.content)).size == (1200, 630)


def test_occupation_json_ld_matches_the_page(client, seeded):
    html = client.get(ROLE.format("pt-br")).content.decode()

    occupation = next(d for d in json_ld(html) if d["@type"] == "Occupation")
    assert occupation["name"] == "Engenheiro de Machine Learning"
    assert occupation["occupationalCategory"] == "Tecnologia"
    assert occupation["url"] == ORIGIN + ROLE.format("pt-br")
    assert "Python" in occupation["skills"]
    assert len(occupation["responsibilities"]) == 13
    assert occupation["responsibilities"][1] in html
    salaries = occupation["estimatedSalary"]
    brazil = salaries[0]
    # Seed 000 states neither period nor pay type: no unitText, no "base salary" in the name.
    assert brazil == {
        "@type": "MonetaryAmount",
        "name": "Brasil",
        "currency": "BRL",
        "value": {"@type": "QuantitativeValue", "minValue": 13000, "maxValue": 24000},
        "validFrom": "2026-06-22",
    }
    assert salaries[1]["currency"] == "MXN" and (
        salaries[1]["value"]["minValue"],
        salaries[1]["value"]["maxValue"],
    ) == (48000, 95000)
    # Seeds 003 and 004 state no period either; 004's caveat is the description.
    assert not [s for s in salaries if "unitText" in s["value"]]
    assert len(salaries) == 11  # BR, MX, 4 levels × base/total, and the US average
    global_bands = [s for s in salaries if "Global" in s["name"]]
    assert len(global_bands) == 8 and {s["currency"] for s in global_bands} == {"USD"}
    assert all("poder de compra" in s["description"] for s in global_bands)
    us = salaries[-1]
    assert us["value"] == {"@type": "QuantitativeValue", "value": 133000}
    # Seed 003's "around", which schema.org has no property for, is said in words.
    assert us["description"].startswith("A fonte apresenta este valor como aproximado.")
    assert "aproximado" not in brazil.get("description", "")
    # Every figure in the markup is on the page, formatted as the page formats it.
    values = [s["value"] for s in salaries]
    amounts = {v[k] for v in values for k in ("minValue", "maxValue", "value") if k in v}
    for amount in amounts:
        assert f"{amount:,}".replace(",", ".") in html
    assert [c["identifier"] for c in occupation["occupationLocation"]] == ["BR", "MX", "US"]


def test_breadcrumbs_are_links_and_json_ld(client, seeded):
    html = client.get(ROLE.format("en")).content.decode()

    assert attrs(html, "nav.breadcrumbs a", "href") == ["/en/", "/en/roles/", ROLE.format("en")]
    trail = next(d for d in json_ld(html) if d["@type"] == "BreadcrumbList")
    assert [i["item"] for i in trail["itemListElement"]] == [
        ORIGIN + "/en/",
        ORIGIN + "/en/roles/",
        ORIGIN + ROLE.format("en"),
    ]


def test_json_ld_cannot_break_out_of_its_script_element(client):
    role = RoleFactory(title="</script><script>alert(1)</script>")

    html = client.get(role.get_absolute_url()).content.decode()

    assert "</script><script>alert(1)" not in html
    occupation = next(d for d in json_ld(html) if d["@type"] == "Occupation")
    assert occupation["name"] == role.title


def test_share_image_is_a_1200_by_630_png_that_follows_the_title(
    client, seeded, django_capture_on_commit_callbacks
):
    url = "/en/roles/machine-learning-engineer/share.png"
    first = client.get(url)
    image = Image.open(io.BytesIO(first.content))
    assert first["Content-Type"] == "image/png"
    assert (image.format, image.size) == ("PNG", (1200, 630))

    role = Role.objects.get(slug="machine-learning-engineer")
    role.title = "ML Platform Engineer"
    with django_capture_on_commit_callbacks(execute=True):
        role.save()
    second = client.get(url)

    assert second.content != first.content
    assert client.get("/pt-br/roles/machine-learning-engineer/share.png").content != second.content


def test_share_image_of_unknown_role_is_404(client):
    assert client.get("/en/roles/nope/share.png").status_code == 404


def test_share_section_shows_the_link_without_javascript(client, seeded):
    response = client.get(ROLE.format("en"))

    share_url = select_one(response, "#share input#share-url")
    assert share_url.attributes["value"] == ORIGIN + ROLE.format("en")
    assert "readonly" in share_url.attributes
    assert attrs(response, "#share [role='status']", "aria-live") == ["polite"]
    for anchor in ("salaries", "responsibilities", "career-path", "interview-questions", "faqs"):
        assert select(response, f"#{anchor}")


def test_sitemap_lists_every_published_page_in_every_language_with_alternates(client, seeded):
    RoleFactory(slug="secret-draft", status="draft")

    response = client.get("/sitemap.xml", headers={"Host": "localhost"})

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring(response.content)
    locations = [loc.text for loc in root.findall("s:url/s:loc", ns)]
    published = Role.objects.published().count()
    assert len(locations) == (published + 2) * 3
    assert ORIGIN + ROLE.format("es-mx") in locations
    assert not any("secret-draft" in loc or "localhost" in loc for loc in locations)
    first = root.find("s:url", ns)
    alternates = {a.get("hreflang"): a.get("href") for a in first.findall("x:link", ns)}
    assert set(alternates) == {"en", "pt-br", "es-mx", "x-default"}


def test_the_sitemap_and_every_page_agree_on_alternates_and_x_default(client, seeded):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring(client.get("/sitemap.xml").content)
    entries = root.findall("s:url", ns)
    assert len(entries) > 30

    for entry in entries:
        url = entry.find("s:loc", ns).text
        in_sitemap = sorted((a.get("hreflang"), a.get("href")) for a in entry.findall("x:link", ns))
        html = client.get(url.removeprefix(ORIGIN)).content.decode()
        assert sorted(links(html, "alternate")) == in_sitemap, url
        assert links(html, "canonical") == [("", url)]
    # x-default is the address without a language, which sends each visitor to their own.
    response = client.get("/roles/machine-learning-engineer/", headers={"Accept-Language": "es-MX"})
    assert response.status_code == 302
    assert response["Location"] == ROLE.format("es-mx")


def test_robots_txt_points_at_the_sitemap_and_keeps_admin_out(client):
    text = client.get("/robots.txt").content.decode()

    assert "Disallow: /admin/" in text
    assert f"Sitemap: {ORIGIN}/sitemap.xml" in text


def test_renamed_slug_answers_301_in_every_language_and_after_two_renames(client):
    role = RoleFactory(slug="ml-engineer")
    role.slug = "machine-learning-engineer"
    role.save()
    role.slug = "ml-engineer-latam"
    role.save()

    for language in ("en", "pt-br", "es-mx"):
        for old in ("ml-engineer", "machine-learning-engineer"):
            response = client.get(f"/{language}/roles/{old}/?kind=technical")
            assert response.status_code == 301
            assert response["Location"] == f"/{language}/roles/ml-engineer-latam/?kind=technical"
    assert client.get("/en/roles/ml-engineer-latam/").status_code == 200
    assert set(RoleRedirect.objects.values_list("old_slug", flat=True)) == {
        "ml-engineer",
        "machine-learning-engineer",
    }


def test_taking_an_old_slug_back_serves_the_page_instead_of_redirecting(client):
    role = RoleFactory(slug="first")
    role.slug = "second"
    role.save()
    role.slug = "first"
    role.save()

    assert client.get("/en/roles/first/").status_code == 200
    assert client.get("/en/roles/second/").status_code == 301


def test_draft_is_404_for_the_public_and_visible_to_staff_with_banner_and_noindex(client):
    role = RoleFactory(status="draft", title="Secret Role")
    assert client.get(role.get_absolute_url()).status_code == 404

    staff = get_user_model().objects.create_user("editor", password="pw", is_staff=True)
    client.force_login(staff)
    response = client.get(role.get_absolute_url())

    assert response.status_code == 200
    assert texts(response, ".draft-banner")[0].startswith("Draft: this role is not published")
    assert attrs(response, 'meta[name="robots"]', "content") == ["noindex, nofollow"]
    assert response["X-Robots-Tag"] == "noindex"


def test_redirect_to_a_draft_is_404_for_the_public(client):
    role = RoleFactory(slug="old")
    role.slug = "new"
    role.status = "draft"
    role.save()

    assert client.get("/en/roles/old/").status_code == 404


@pytest.mark.parametrize(
    ("typed", "current"),
    [
        ("/pt-br/roles/Machine-Learning-Engineer/?kind=technical", ROLE.format("pt-br")),
        ("/en/roles/MACHINE-LEARNING-ENGINEER/share.png", ROLE.format("en") + "share.png"),
        ("/es-mx/roles/Machine-Learning-Engineer/qr.png", ROLE.format("es-mx") + "qr.png"),
        ("/en/roles/ML-Engineer/", ROLE.format("en")),  # an old slug, in capitals
    ],
)
def test_a_role_address_in_capitals_redirects_to_the_role(client, seeded, typed, current):
    RoleRedirect.objects.create(
        old_slug="ml-engineer", role=Role.objects.get(slug="machine-learning-engineer")
    )

    response = client.get(typed)

    assert response.status_code == 301
    assert response["Location"] == current + ("?kind=technical" if "?" in typed else "")


def test_a_draft_in_capitals_is_still_404_for_the_public(client):
    RoleFactory(slug="secret-role", status="draft")

    assert client.get("/en/roles/Secret-Role/").status_code == 404


@pytest.mark.parametrize(
    ("address", "heading", "offered"),
    [
        ("/en/roles/machine-learning/", "Were you looking for one of these roles?",
         "Machine Learning Engineer"),
        ("/en/roles/ml-enginer/", "Were you looking for one of these roles?",
         "Machine Learning Engineer"),  # a typo, corrected as the search corrects it
        ("/en/roles/senior-data-engineer/", "Were you looking for one of these roles?",
         "Data Engineer"),  # not every word matches a role: the closest title
        ("/pt-br/roles/cientista-dados/", "Você procurava um destes cargos?",
         "Cientista de Dados"),
        ("/es-mx/roles/data-scientists/", "¿Buscabas alguno de estos puestos?",
         "Científico de Datos"),  # another language's words find the role too
    ],
)  # fmt: skip
def test_an_unknown_role_address_offers_the_roles_it_most_likely_meant(
    client, seeded, address, heading, offered
):
    response = client.get(address)

    assert response.status_code == 404
    assert texts(response, ".error-page h2") == [heading]
    names = texts(response, ".error-page__roles a")
    assert 1 <= len(names) <= 3
    assert names[0] == offered
    first = attrs(response, ".error-page__roles a", "href")[0]
    assert client.get(first).status_code == 200


def test_an_address_like_no_role_offers_none_and_drafts_are_never_offered(client, seeded):
    RoleFactory(slug="quantum-wizard", title="Quantum Wizard", status="draft")

    # "no-such-role": only "such" is a search word, and one summary has it: no guess.
    for address in (
        "/en/roles/xyz-123/",
        "/en/roles/quantum-wizard-lead/",
        "/en/roles/no-such-role/",
    ):
        response = client.get(address)
        assert response.status_code == 404
        assert not select(response, ".error-page__roles")
        assert b"Quantum Wizard" not in response.content


def test_json_ld_band_names_go_through_the_page_language(monkeypatch):
    """Every word of a band's JSON-LD name is translated, "Global" included. (Portuguese and
    Spanish say "Global" too, so the catalog's entry is swapped for one that shows.)"""
    from django.utils import translation
    from django.utils.translation import trans_real

    from roles.structured_data import band_name
    from tests.salaries.factories import SalaryBandFactory

    band = SalaryBandFactory(country=None, level="senior", pay="total")
    catalog = trans_real.translation("pt-br")._catalog
    monkeypatch.setitem(catalog, "Global", "Mundial")

    with translation.override("pt-br"):
        assert band_name(band) == "Remuneração total · Sênior · Mundial"


@pytest.mark.parametrize(
    "path",
    [
        "/en/",
        "/en/roles/",
        "/en/roles/?category=technology",
        "/en/roles/?q=data",
        ROLE.format("en"),
        "/en/compare/",
        "/en/compare/?roles=data-engineer,machine-learning-engineer",
        "/en/data/",
    ],
)
def test_each_page_has_its_own_open_graph_text(client, seeded, path):
    tags = meta(client.get(path).content.decode())
    home = meta(client.get("/en/").content.decode())

    assert tags["og:title"] and tags["og:description"] == tags["description"]
    if path != "/en/":
        assert tags["og:title"] != home["og:title"], path


def test_a_filtered_or_paginated_index_is_its_own_canonical_page(client, seeded):
    html = client.get("/en/roles/?category=technology&q=data&utm_source=x").content.decode()
    # The category is a page of its own; the search and tracking parameters are not.
    assert links(html, "canonical") == [("", ORIGIN + "/en/roles/?category=technology")]
    assert ("pt-br", ORIGIN + "/pt-br/roles/?category=technology") in links(html, "alternate")
    assert "Technology" in meta(html)["og:title"][0]


def test_share_image_states_only_the_period_the_source_gives(seeded):
    from django.utils import translation

    from roles.share_image import band_lines
    from salaries.selectors import regional_bands

    role = Role.objects.get(slug="machine-learning-engineer")
    bands = regional_bands(role.salary_bands.select_related("country"))
    with translation.override("pt-br"):
        lines, note = band_lines(bands)
    assert [period for _place, _amount, period in lines] == ["", ""]  # seed 000 gives none
    assert note == "Salários atualizados em 22 de junho de 2026 · período não informado pela fonte"


def test_share_image_keeps_a_stated_period_and_the_sources_around(db):
    from roles.share_image import band_lines
    from tests.salaries.factories import SalaryBandFactory

    band = SalaryBandFactory(period="year", approximate=True, as_of=None)
    [(place, amount, period)], note = band_lines([band])
    assert (place, period, note) == ("Brazil: ", "per year", "")
    assert amount.startswith("about R$")
