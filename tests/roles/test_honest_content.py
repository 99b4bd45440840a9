"""Role pages say what their sources say, and no more (issue 12): labels for what a source
leaves unstated, approximations and caveats kept, stub roles that claim nothing, candidate-first
copy. Each test reads the real fixtures, as `make run` loads them."""

import pytest

from tests.html import attrs, parse, select, select_one, text, texts

NBSP, THIN = "\xa0", "\u2009"
ROLE = "/{}/roles/{}/"
MLE = "machine-learning-engineer"


def page(client, language: str, slug: str = MLE) -> str:
    response = client.get(ROLE.format(language, slug))
    assert response.status_code == 200
    return response.content.decode()


def latam_rows(html: str) -> list:
    return select(html, "table:has(> caption#latam-caption) > tbody > tr")


@pytest.mark.parametrize(
    ("language", "period", "reading", "pay", "brl"),
    [
        (
            "en",
            "period not stated by the source",
            "(our reading: per month)",
            "pay type not stated by the source",
            f"R$13,000{THIN}–{THIN}24,000",
        ),
        (
            "pt-br",
            "período não informado pela fonte",
            "(nossa leitura: por mês)",
            "tipo de remuneração não informado pela fonte",
            f"R${NBSP}13.000{THIN}–{THIN}24.000",
        ),
        (
            "es-mx",
            "periodo no indicado por la fuente",
            "(nuestra interpretación: al mes)",
            "tipo de pago no indicado por la fuente",
            f"R$13,000{THIN}–{THIN}24,000",
        ),
    ],
)
def test_latam_bands_say_what_seed_000_leaves_unstated(
    client, seeded, language, period, reading, pay, brl
):
    rows = latam_rows(page(client, language))

    assert len(rows) == 2
    brazil = rows[0]
    assert brl in texts(brazil, "td.amount")
    assert period in texts(brazil, "span.period.not-stated")
    assert reading in texts(brazil, "span.period-reading")
    assert pay in texts(brazil, "span.pay.not-stated")
    for row in rows:  # never "per month" or "base salary" as if the source said so
        assert not select(row, "span.period:not(.not-stated), span.pay:not(.not-stated)")


@pytest.mark.parametrize(
    ("language", "caption", "caveat"),
    [
        (
            "en",
            "(USD; period not stated by the source; our reading: per year)",
            "A global reference: the source says the figures can vary considerably with the "
            "local market and the purchasing power of the region.",
        ),
        (
            "pt-br",
            "(USD; período não informado pela fonte; nossa leitura: por ano)",
            "Uma referência global: segundo a fonte, os valores podem variar bastante conforme "
            "o mercado local e o poder de compra da região.",
        ),
        (
            "es-mx",
            "(USD; periodo no indicado por la fuente; nuestra interpretación: al año)",
            "Una referencia global: según la fuente, las cifras pueden variar considerablemente "
            "según el mercado local y el poder adquisitivo de la región.",
        ),
    ],
)
def test_global_bands_keep_seed_004s_caveat(client, seeded, language, caption, caveat):
    doc = parse(page(client, language))

    assert caption in texts(doc, "span.period:not(.not-stated)")
    assert texts(doc, "p.salary-note").count(caveat) == 1


@pytest.mark.parametrize(
    ("language", "amount", "label"),
    [
        ("en", "about US$133,000", "average base salary"),
        ("pt-br", f"cerca de US${NBSP}133.000", "salário-base médio"),
        ("es-mx", "alrededor de US$133,000", "salario base promedio"),
    ],
)
def test_us_average_keeps_seed_003s_around(client, seeded, language, amount, label):
    average = select_one(page(client, language), "div.salary-average")

    figure = select_one(average, "strong.amount")
    assert text(figure) == amount
    assert text(figure.parent).endswith(f"{label}: {amount}")
    assert select(average, ".not-stated")  # the period: 003 does not say "a year"


def test_the_page_names_every_source_it_uses(client, seeded):
    section = select_one(page(client, "en"), "section#sources")

    titles = texts(section, "p.source__title > cite")
    assert titles == [
        "Machine Learning Engineer: role profile",
        "Machine Learning Engineer career guide",
        "ML engineers: skills, roles and hiring strategies",
        "Machine Learning Engineer Job Description Template",
        "NexusHR editors",
    ]
    assert "Wow Remote Teams · Job-description template" in text(section)
    assert "publisher not named" in text(section)  # seed 004 does not say who publishes it


def test_only_the_current_rung_is_this_role(client, seeded):
    ladder = select_one(page(client, "en"), "#career-path")

    assert text(ladder).count("This role") == 1
    current = select_one(ladder, "[aria-current='step']")
    assert "Mid-level Machine Learning Engineer" in text(current)


def test_template_requirements_are_labelled_and_not_duplicated(client, seeded, mle):
    html = page(client, "en")

    requirements = text(select_one(html, "#requirements"))
    assert requirements.count("From a job-description template written for employers") == 2
    assert "3+ years" not in html  # a template placeholder, not a fact about the role
    for language in ("en", "pt_br", "es_mx"):
        texts = [
            (r.kind, " ".join(getattr(r, f"text_{language}").lower().split()))
            for r in mle.requirements.all()
        ]
        required = {text for kind, text in texts if kind == "required"}
        preferred = {text for kind, text in texts if kind == "preferred"}
        assert not required & preferred and len(texts) == len(set(texts))


def test_no_employer_sales_copy_on_the_role_page(client, seeded):
    for language in ("en", "pt-br", "es-mx"):
        doc = parse(page(client, language))
        select_one(doc, "section#sources").decompose()
        body = doc.html  # the whole page, its text, attributes and JSON-LD, but the sources
        claims = ("60%", "four weeks", "5x faster", "10,000 resumes", "Ready to hire")
        for claim in (*claims, "Mismo", "Wow Remote", "Latin America a good place to hire"):
            assert claim not in body, (language, claim)
    questions = texts(page(client, "en"), "#faqs summary")
    assert questions
    for question in questions:
        assert "hire" not in question.lower() and "ROI" not in question, question


STUBS = ["software-developer", "data-analyst"]


@pytest.mark.parametrize("slug", STUBS)
@pytest.mark.parametrize("language", ["en", "pt-br", "es-mx"])
def test_a_role_the_seeds_only_name_claims_nothing(client, seeded, slug, language):
    doc = parse(page(client, language, slug))

    assert attrs(doc, "section", "id") == ["related-roles", "share", "sources"]
    assert not select(doc, ".role-summary")
    assert select(doc, ".notice.stub-notice")
    header = select_one(doc, "header.role-header")
    said = [text(header), *(v for node in select(header, "*") for v in node.attributes.values())]
    for borrowed in ("Machine Learning", "machine learning"):
        assert not [words for words in said if words and borrowed in words]


def test_stub_pages_show_no_faq_or_question_that_does_not_apply(client, seeded):
    html = page(client, "en", "data-engineer")

    assert "Where do the salary figures come from?" not in html
    assert "Who chooses the interview questions?" not in html
    assert not select(html, "#interview-questions, #salaries")
    mle = page(client, "en")
    assert "Where do the salary figures come from?" in mle
    assert "Who chooses the interview questions?" in mle


def test_no_role_borrows_another_roles_summary_or_questions(seeded):
    from faqs.selectors import interview_question_list
    from roles.models import Role

    summaries = [r.summary for r in Role.objects.exclude(summary="")]
    assert len(summaries) == len(set(summaries))
    for role in Role.objects.exclude(slug=MLE):
        assert interview_question_list(role=role) == [], role.slug
        assert "career path starts" not in role.summary


@pytest.mark.parametrize(
    ("language", "badge"),
    [("en", "Salary figures"), ("pt-br", "Com salários"), ("es-mx", "Con salarios")],
)
def test_home_and_index_say_which_roles_have_salary_figures(client, seeded, language, badge):
    for path in (f"/{language}/", f"/{language}/roles/"):
        doc = parse(client.get(path))
        cards = select(doc, "li.role-card")
        marked = [card for card in cards if badge in texts(card, "span.badge.badge--salary")]
        assert len(marked) == 1 and f"/{language}/roles/{MLE}/" in attrs(marked[0], "a", "href"), (
            path
        )
        assert f"“{badge}”" in text(select_one(doc, "body")), path  # the page explains the mark
