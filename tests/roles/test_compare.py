"""Compare up to three roles: content, order, state in the URL, bad input, queries, the tray."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from faqs.selectors import question_counts, question_panel
from roles.compare import COOKIE_NAME
from roles.models import Role, RoleRedirect
from tests.faqs.factories import InterviewQuestionFactory
from tests.html import attrs, parse, select, select_one, texts
from tests.html import text as node_text
from tests.roles.factories import (
    CareerStepFactory,
    RequirementFactory,
    RoleFactory,
    RoleToolFactory,
    ToolFactory,
)
from tests.salaries.factories import CountryFactory, SalaryBandFactory

COMPARE = "/en/compare/"
MLE, DS, SD = "machine-learning-engineer", "data-scientist", "software-developer"


def text(response) -> str:
    """The whole document's text, tags dropped, all whitespace (no-break and thin spaces too)
    collapsed to one space."""
    return re.sub(r"\s+", " ", node_text(parse(response).root))


def columns(response) -> list[str]:
    hrefs = attrs(response, "a.compare-table__title", "href")
    return [re.fullmatch(r"/en/roles/([^/]+)/", href).group(1) for href in hrefs]


# ---------- content and order ----------


def test_compare_shows_one_column_per_role_in_the_order_given(client, seeded):
    response = client.get(f"{COMPARE}?roles={SD},{MLE},{DS}")

    assert response.status_code == 200
    assert columns(response) == [SD, MLE, DS]


def test_canonical_url_lists_the_roles_in_slug_order_and_the_page_is_noindex(client, seeded):
    response = client.get(f"{COMPARE}?roles={SD},{MLE},{DS}")

    canonical = f"https://nexushr.example/en/compare/?roles={DS},{MLE},{SD}"
    assert attrs(response, "link[rel='canonical']", "href") == [canonical]
    assert attrs(response, "meta[name='robots']", "content") == ["noindex, follow"]
    assert response["X-Robots-Tag"] == "noindex"


def test_compare_aligns_salary_rows_by_place_level_and_currency(client, seeded):
    response = client.get(f"{COMPARE}?roles={MLE},{DS}")
    page = text(response)

    # The ML Engineer's bands, each in its own currency, never converted; DS has none.
    # Only what each source states: no seed gives a period, seed 000 no pay type either.
    page = re.sub(r" ([,)])", r"\1", page)  # text() puts a space where each tag was
    brazil = (
        "Brazil (BRL, period not stated by the source (our reading: per month), "
        "pay type not stated by the source) R$13,000 – 24,000 as of June 22, 2026 Not published"
    )
    assert brazil in page
    assert "Mexico (MXN, period not stated by the source (our reading: per month), pay" in page
    junior = "Junior · base (USD, period not stated by the source (our reading: per year))"
    assert f"{junior} US$70,000 – 120,000 Not published" in page
    assert "United States · base · Average (USD, period not stated" in page
    assert "about US$133,000" in page  # seed 003's "around"
    assert "per month" not in page.replace("our reading: per month", "")
    # A row never holds two currencies.
    rows = select(response, "tr")
    assert rows
    for row in rows:
        assert len(set(re.findall(r"(R\$|MX\$|US\$)", node_text(row)))) <= 1


def test_compare_marks_the_tools_two_roles_share(client, db):
    python, docker, excel = (
        ToolFactory(name="Python"),
        ToolFactory(name="Docker"),
        ToolFactory(name="Excel"),
    )
    first, second = RoleFactory(slug="first"), RoleFactory(slug="second")
    RoleToolFactory(role=first, tool=python)
    RoleToolFactory(role=first, tool=docker)
    RoleToolFactory(role=second, tool=python)
    RoleToolFactory(role=second, tool=excel)

    response = client.get(f"{COMPARE}?roles=first,second")

    def names(selector: str) -> list[str]:  # the chip's own text, not its "✓ (shared)" mark
        return [chip.text(deep=False).strip() for chip in select(response, selector)]

    shared = names("li.chip.chip--shared")
    plain = names("li.chip:not(.chip--shared)")
    assert shared == ["Python", "Python"]
    assert sorted(plain) == ["Docker", "Excel"]


def test_compare_shows_required_skills_career_position_and_question_counts(client, seeded):
    response = client.get(f"{COMPARE}?roles={MLE},{SD}")
    page = text(response)
    mle = Role.objects.get(slug=MLE)

    for requirement in mle.requirements.filter(kind="required"):
        assert requirement.text in page
    assert "Step 3 of 5 on its own career path" in page  # its one rung
    assert "Step 1 of 5 on the Machine Learning Engineer path" in page
    counts = {tab.label: tab.count for tab in question_panel(role=mle).tabs}
    (row,) = [
        row for row in select(response, "tr") if texts(row, "th[scope='row']") == ["Technical"]
    ]
    assert texts(row, ".amount")[0] == str(counts["Technical"])


def test_question_counts_match_each_roles_panel(db):
    role, other = RoleFactory(), RoleFactory()
    InterviewQuestionFactory(roles=[role], kind="technical")
    InterviewQuestionFactory(roles=[other], kind="technical")
    InterviewQuestionFactory(categories=[role.category], kind="behavioral")
    InterviewQuestionFactory(kind="situational")  # generic: every role
    InterviewQuestionFactory(kind="topic", is_active=False)

    counts = question_counts(roles=[role, other])

    for item in (role, other):
        panel = {tab.kind: tab.count for tab in question_panel(role=item).tabs}
        assert panel.pop("all") == sum(counts[item.pk].values())
        assert {kind: n for kind, n in counts[item.pk].items() if n} == panel
    assert counts[role.pk] == {"technical": 1, "behavioral": 1, "situational": 1, "topic": 0}


def test_compare_is_localized(client, seeded):
    response = client.get(f"/pt-br/compare/?roles={MLE},{DS}")
    page = text(response)

    assert "Comparar cargos" in page
    assert "R$ 13.000 – 24.000" in page
    assert "Engenheiro de Machine Learning" in page


# ---------- bad input ----------


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("roles=", "the list of roles is empty"),
        ("roles=,,,", "the list of roles is empty"),
        ("roles=a,b,c,d", "You can compare up to three roles; the address lists 4."),
        ("roles=data-scientist,data-scientist", "“data-scientist” is listed twice"),
        ("roles=" + "," * 10_000, "The list of roles is too long"),
        ("roles=<script>", "is not a role address"),
    ],
)
def test_bad_lists_get_a_400_page_that_says_what_is_wrong(client, seeded, query, message):
    response = client.get(f"{COMPARE}?{query}")

    assert response.status_code == 400
    main = select_one(response, "main")
    assert message in node_text(main)
    assert not select(main, "script")  # the address's "<script>" is shown as text, not run


def test_unknown_and_draft_roles_are_named_and_left_out(client, seeded):
    RoleFactory(slug="secret-draft", status=Role.Status.DRAFT)

    response = client.get(f"{COMPARE}?roles={MLE},no-such-role,secret-draft")

    assert response.status_code == 200
    assert columns(response) == [MLE]
    assert "No published roles at “no-such-role”, “secret-draft”: they are left out." in text(
        response
    )


def test_a_renamed_role_redirects_to_its_current_address(client, seeded):
    RoleRedirect.objects.create(old_slug="ml-engineer", role=Role.objects.get(slug=MLE))

    response = client.get(f"{COMPARE}?roles=ml-engineer,{DS}")

    assert response.status_code == 301
    assert response["Location"] == f"{COMPARE}?roles={MLE},{DS}"


def test_addresses_in_capitals_redirect_to_the_roles_current_addresses(client, seeded):
    RoleRedirect.objects.create(old_slug="ml-engineer", role=Role.objects.get(slug=MLE))
    RoleFactory(slug="secret-draft", status="draft")

    response = client.get(f"{COMPARE}?roles=ML-Engineer,{DS.upper()}")
    assert response.status_code == 301
    assert response["Location"] == f"{COMPARE}?roles={MLE},{DS}"

    response = client.get(f"{COMPARE}?roles=Secret-Draft,{DS}")  # a draft stays left out
    assert response.status_code == 200
    assert columns(response) == [DS]


def test_without_a_list_the_page_offers_the_roles_to_choose(client, seeded):
    response = client.get(COMPARE)

    assert response.status_code == 200
    assert select(response, "[name='add']")
    assert texts(response, f"[name='add'] option[value='{DS}']") == ["Data Scientist"]


# ---------- performance and caching ----------


def compared_roles(size: int) -> list[Role]:
    roles = [RoleFactory(slug=f"role-{size}-{i}") for i in range(3)]
    brazil = CountryFactory(code="BR", currency="BRL")
    for role in roles:
        for i in range(size):
            RequirementFactory(role=role, order=i)
            RoleToolFactory(role=role, order=i)
            CareerStepFactory(role=role, order=i, linked_roles=[role, *roles])
            SalaryBandFactory(role=role, country=brazil, level=["all", "junior"][i % 2])
            SalaryBandFactory(role=role, country=None, currency="USD", period="year")
            InterviewQuestionFactory(roles=[role], kind=["technical", "behavioral"][i % 2])
        InterviewQuestionFactory(categories=[role.category])
    return roles


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


COMPARE_QUERIES = 7


@pytest.mark.parametrize("size", [2, 20])
def test_compare_query_count_is_constant(client, db, size):
    roles = compared_roles(size)

    url = f"{COMPARE}?roles={','.join(role.slug for role in roles)}"

    assert queries_for(client, url) == COMPARE_QUERIES


def test_each_combination_is_cached_like_a_page(client, seeded):
    url = f"{COMPARE}?roles={MLE},{DS}"
    first = client.get(url)

    with CaptureQueriesContext(connection) as captured:
        second = client.get(url)

    assert len(captured) == 0
    assert second.content == first.content


# ---------- the tray: add, remove, reorder ----------


def test_add_to_compare_without_javascript_goes_to_the_comparison(client, seeded):
    first = client.get(f"/en/compare/edit/?add={MLE}")
    client.cookies[COOKIE_NAME] = first.cookies[COOKIE_NAME].value
    second = client.get(f"/en/compare/edit/?add={DS}")

    assert first.status_code == second.status_code == 303
    assert second["Location"] == f"{COMPARE}?roles={MLE},{DS}"
    assert second.cookies[COOKIE_NAME].value == f"{MLE},{DS}"
    assert second.cookies[COOKIE_NAME]["samesite"] == "Lax"


def test_a_fourth_role_is_refused_with_a_message(client, seeded):
    client.cookies[COOKIE_NAME] = f"{MLE},{DS},{SD}"

    page = client.get("/en/compare/edit/?add=data-engineer")
    tray = client.get("/en/compare/edit/?add=data-engineer", headers=tray_headers())

    assert page.status_code == 400
    assert "You can compare up to three roles" in page.content.decode()
    assert "You can compare up to three roles" in tray.content.decode()
    assert tray.cookies[COOKIE_NAME].value == f"{MLE},{DS},{SD}"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (f"remove={DS}", [MLE, SD]),
        (f"earlier={DS}", [DS, MLE, SD]),
        (f"later={DS}", [MLE, SD, DS]),
        (f"earlier={MLE}", [MLE, DS, SD]),
    ],
)
def test_compare_page_controls_remove_and_reorder(client, seeded, change, expected):
    response = client.get(f"/en/compare/edit/?roles={MLE},{DS},{SD}&{change}")

    assert response.status_code == 303
    assert response["Location"] == f"{COMPARE}?roles={','.join(expected)}"


def test_adding_an_unknown_role_changes_nothing(client, seeded):
    response = client.get(f"/en/compare/edit/?roles={MLE},{DS}&add=no-such-role")

    assert response["Location"] == f"{COMPARE}?roles={MLE},{DS}"


def test_compare_page_links_to_its_controls(client, seeded):
    response = client.get(f"{COMPARE}?roles={MLE},{DS}")

    hrefs = attrs(response, "a[href]", "href")
    assert f"/en/compare/edit/?roles={MLE},{DS}&remove={DS}" in hrefs
    assert f"/en/compare/edit/?roles={MLE},{DS}&later={MLE}" in hrefs
    assert f"/en/compare/edit/?roles={MLE},{DS}&earlier={DS}" in hrefs


def tray_headers() -> dict[str, str]:
    return {"HX-Request": "true", "HX-Target": "compare-tray"}


def test_htmx_add_returns_only_the_tray(client, seeded):
    client.cookies[COOKIE_NAME] = MLE

    response = client.get(f"/en/compare/edit/?add={DS}", headers=tray_headers())

    assert response.status_code == 200
    assert not select(response, "head > *")  # a fragment, not a page: the tray and nothing else
    (tray,) = select(response, "body > *")
    assert (tray.tag, tray.id) == ("aside", "compare-tray")
    assert node_text(select_one(response, "body")) == node_text(tray)
    assert f"{COMPARE}?roles={MLE},{DS}" in attrs(tray, "[href]", "href")
    assert response.cookies[COOKIE_NAME].value == f"{MLE},{DS}"


def test_tray_is_loaded_from_the_cookie_and_never_cached(client, seeded):
    client.cookies[COOKIE_NAME] = f"{DS},<bad>,{MLE}"

    response = client.get("/en/compare/tray/", headers=tray_headers())

    assert response.status_code == 200
    assert "Data Scientist" in response.text and "Machine Learning Engineer" in response.text
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def test_tray_without_htmx_is_a_400(client, db):
    assert client.get("/en/compare/tray/").status_code == 400


def test_role_page_and_index_cards_offer_add_to_compare(client, seeded):
    role_page = parse(client.get(f"/en/roles/{MLE}/"))
    index = parse(client.get("/en/roles/"))

    assert "nofollow" in attrs(role_page, f"a[href='/en/compare/edit/?add={MLE}']", "rel")
    assert select(role_page, "[data-hx-target='#compare-tray']")
    assert select_one(role_page, "#compare-tray").attributes["data-hx-get"] == "/en/compare/tray/"
    assert select(index, f"a[href='/en/compare/edit/?add={DS}']")


@pytest.mark.parametrize("url", ["/en/", "/pt-br/roles/", f"/es-mx/roles/{MLE}/"])
def test_every_add_to_compare_link_swaps_the_tray(client, seeded, url):
    """The links carry only their URL; the swap target and style come once from a container
    (htmx inherits them). A link outside such a container would replace itself with the tray."""
    links = select(client.get(url), "a.compare-add")
    assert links
    for link in links:
        node = link.parent
        while node is not None and "data-hx-target" not in node.attributes:
            node = node.parent
        assert node is not None, link.html
        assert node.attributes["data-hx-target"] == "#compare-tray"
        assert node.attributes["data-hx-swap"] == "outerHTML"
        assert link.attributes["data-hx-get"] == link.attributes["href"]


def test_robots_txt_keeps_crawlers_off_the_tray_controls(client, db):
    robots = client.get("/robots.txt").text

    assert "Disallow: /en/compare/edit/" in robots
    assert "Disallow: /pt-br/compare/tray/" in robots


# ---------- figures as their sources state them ----------


def test_compare_states_the_terms_each_source_gives_and_no_more(client, db):
    from tests.sources.factories import SourceFactory

    source = SourceFactory(title="Pay survey", publisher="", url="https://example.com/survey")
    stated = SalaryBandFactory(
        role__slug="first", country=None, currency="USD", period="year", pay="total", level="all"
    )
    SalaryBandFactory(
        role=stated.role,
        country=CountryFactory(code="MX", currency="MXN"),
        period="",
        pay="",
        level="",
        approximate=True,
        note="Varies by city.",
        source=source,
    )
    RoleFactory(slug="second", summary="")

    response = client.get(f"{COMPARE}?roles=first,second")
    rows = [
        re.sub(r" ([,)])", r"\1", node_text(row)).replace("\u2009", " ")
        for row in select(response, "tbody tr")
    ]
    assert "Global · total (USD, per year) US$13,000 – 24,000" in " ".join(rows)
    mexico = next(row for row in rows if row.startswith("Mexico"))
    assert mexico.startswith(
        "Mexico (MXN, period not stated by the source, pay type not stated by the source) "
        "about MX$13,000 – 24,000"
    )
    assert select(response, "th .period.not-stated") and select(response, "th .pay.not-stated")
    sources = select_one(response, ".sources")
    assert "Varies by city." in node_text(sources)
    assert "not converted" in node_text(sources)
    links = {node_text(link): link.attributes["href"] for link in select(sources, "cite a")}
    assert links["Pay survey"] == source.url
    summary_row = select(response, "tbody tr")[1]
    assert node_text(summary_row).endswith("Not published")


def test_compare_marks_approximate_figures_in_each_language(client, seeded):
    for language, about in (("pt-br", "cerca de US$"), ("es-mx", "alrededor de US$")):
        response = client.get(f"/{language}/compare/?roles={MLE}")
        amounts = texts(response, "tbody td .amount")
        assert any(amount.startswith(about) for amount in amounts), amounts
