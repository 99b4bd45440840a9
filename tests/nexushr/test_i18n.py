"""Three languages end to end: URL prefixes, redirects, the switcher, catalogs, role content."""

import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileParser, read_po
from django.conf import settings

from tests.html import attrs, select, texts

pytestmark = pytest.mark.django_db

LOCALE = Path(settings.BASE_DIR) / "locale"
ROLE = "/{}/roles/machine-learning-engineer/"
NBSP, THIN = "\xa0", "\u2009"


def catalog(language: str) -> Catalog:
    """The catalog of ``language`` ("pt_BR"), as Babel reads it."""
    with open(LOCALE / language / "LC_MESSAGES" / "django.po", "rb") as po:
        return read_po(po)


@pytest.mark.parametrize("language", ["pt_BR", "es_MX"])
def test_catalogs_are_complete_with_no_fuzzy_or_empty_entries(language):
    messages = catalog(language)
    problems = [
        message.id
        for message in messages
        if message.id
        and (
            message.fuzzy
            or not (all(message.string) if isinstance(message.string, tuple) else message.string)
        )
    ]
    assert not messages.fuzzy
    assert len(messages) > 150
    assert problems == []


class _CountingCatalog(Catalog):
    """Babel merges a second definition of a message into the first without a word; GNU
    gettext's msgmerge, which ``make messages`` runs, refuses the whole file instead."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.defined: list[tuple[str | None, str]] = []

    def __setitem__(self, id, message):
        key = id if isinstance(id, str) else id[0]
        if key:
            self.defined.append((message.context, key))
        super().__setitem__(id, message)


@pytest.mark.parametrize("language", ["pt_BR", "es_MX"])
def test_catalogs_define_each_message_once(language):
    counting = _CountingCatalog()
    with open(LOCALE / language / "LC_MESSAGES" / "django.po", "rb") as po:
        PoFileParser(counting).parse(po)
    counts = Counter(counting.defined)
    assert len(counts) > 150
    assert [key for key, count in counts.items() if count > 1] == []


def _ids(path: Path) -> set[tuple[str | None, str]]:
    with open(path, "rb") as po:
        return {
            (m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in read_po(po) if m.id
        }


def test_catalogs_hold_exactly_the_strings_of_the_code(tmp_path):
    """`make messages` on the code as it is would add nothing and drop nothing: no string is
    shown untranslated for want of an entry, and no entry is left over from a string that
    changed. Run on a copy of the tree, so the real catalogs are never touched."""
    root = Path(settings.BASE_DIR)
    copy = tmp_path / "tree"
    shutil.copytree(
        root,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "node_modules", "backups", "*.mo", "__pycache__"
        ),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--no-obsolete", "--no-location"],
        cwd=copy,
        env={**os.environ, "PYTHONPATH": str(copy)},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    for language in ("pt_BR", "es_MX"):
        po = Path("locale", language, "LC_MESSAGES", "django.po")
        current, extracted = _ids(root / po), _ids(copy / po)
        assert {"to add": extracted - current, "to drop": current - extracted} == {
            "to add": set(),
            "to drop": set(),
        }, language


# One word for "role" in each language, as the navigation and the headings use it. The
# exceptions: a source's published title and the open-data package's file name "roles".
ROLE_WORDS = {
    "pt_BR": (re.compile(r"\bfun[çc](?:ão|ões)\b", re.I), set()),
    "es_MX": (
        re.compile(r"\b(?:rol|roles|funci[óo]n|funciones)\b", re.I),
        {"Slug of the role (see roles)."},
    ),
}
SOURCE_TITLES = {"ML engineers: skills, roles and hiring (Mismo)"}
PLACEHOLDER = re.compile(r"%\(\w+\)s")  # "%(roles)s" is a name, not a word


def _text(string: str | tuple[str, ...]) -> str:
    return " ".join(string) if isinstance(string, tuple) else string


@pytest.mark.parametrize("language", ["pt_BR", "es_MX"])
def test_catalogs_use_one_word_for_a_role(language):
    """pt-BR says "cargo" and es-MX "puesto" everywhere, not "função" or "rol" in places."""
    pattern, allowed = ROLE_WORDS[language]
    off = [
        message.id
        for message in catalog(language)
        if message.id
        and message.id not in allowed | SOURCE_TITLES
        and pattern.search(PLACEHOLDER.sub("", _text(message.string)))
    ]
    assert off == []


@pytest.mark.parametrize("language", ["pt_BR", "es_MX"])
def test_role_profiles_use_the_same_word_for_a_role(language):
    """What a role is, in its title, other names and summary, is said with the word the
    interface uses: a pt-BR summary began "Função focada em…" where the others say "Cargo"."""
    pattern, _allowed = ROLE_WORDS[language]
    suffix = language.lower()
    rows = json.loads((Path(settings.BASE_DIR) / "fixtures" / "02_roles.json").read_text())
    off = [
        (row["fields"]["slug"], name)
        for row in rows
        if row["model"] == "roles.role"
        for name in (f"title_{suffix}", f"alternative_titles_{suffix}", f"summary_{suffix}")
        if pattern.search(row["fields"].get(name) or "")
    ]
    assert off == []


def test_catalogs_cover_every_string_in_the_templates():
    """A string added to a template but never extracted would silently stay English."""
    ids = {m.id for m in catalog("pt_BR") if m.id}
    pattern = re.compile(r'{% translate "([^"]+)"')
    missing = [
        text
        for template in (Path(settings.BASE_DIR) / "templates").rglob("*.html")
        for text in pattern.findall(template.read_text())
        if text not in ids
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("pt-BR,pt;q=0.9", "/pt-br/"),
        ("es-MX", "/es-mx/"),
        ("es", "/es-mx/"),
        ("fr", "/en/"),
        ("", "/en/"),
    ],
)
def test_root_redirects_by_accept_language(client, accept, expected):
    response = client.get("/", headers={"Accept-Language": accept} if accept else {})

    assert response.status_code == 302
    assert response["Location"] == expected


def test_unprefixed_paths_redirect_to_the_prefixed_page(client, seeded):
    response = client.get("/roles/machine-learning-engineer/", headers={"Accept-Language": "es-MX"})

    assert response.status_code == 302
    assert response["Location"] == ROLE.format("es-mx")


@pytest.mark.parametrize("path", ["/fr/roles/", "/xx/", "/de-DE/roles/machine-learning-engineer/"])
def test_unknown_language_prefix_is_a_404(client, seeded, path):
    # Another spelling of a language the site has (/pt/, /pt-BR/) is a 301 (test_errors.py).
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    ("language", "title", "h2", "responsibility", "brl", "mxn", "date", "period"),
    [
        (
            "en",
            "Machine Learning Engineer",
            [
                "Salaries",
                "Key responsibilities",
                "Requirements & skills",
                "A day in the life",
                "Career path",
                "Top tools",
                "Interview questions",
                "Frequently asked questions",
                "Related roles and specializations",
                "Share this role",
                "Sources",
            ],
            "Optimize existing Machine Learning models to ensure low latency",
            f"R$13,000{THIN}–{THIN}24,000",
            f"MX$48,000{THIN}–{THIN}95,000",
            "June 22, 2026",
            "period not stated by the source",
        ),
        (
            "pt-br",
            "Engenheiro de Machine Learning",
            [
                "Salários",
                "Principais responsabilidades",
                "Requisitos e habilidades",
                "O dia a dia",
                "Trilha de carreira",
                "Principais ferramentas",
                "Perguntas de entrevista",
                "Perguntas frequentes",
                "Cargos relacionados e especializações",
                "Compartilhe este cargo",
                "Fontes",
            ],
            "Otimizar modelos de Machine Learning existentes",
            f"R${NBSP}13.000{THIN}–{THIN}24.000",
            f"MX${NBSP}48.000{THIN}–{THIN}95.000",
            "22 de junho de 2026",
            "período não informado pela fonte",
        ),
        (
            "es-mx",
            "Ingeniero de Machine Learning",
            [
                "Salarios",
                "Responsabilidades principales",
                "Requisitos y habilidades",
                "Un día en el puesto",
                "Trayectoria profesional",
                "Herramientas principales",
                "Preguntas de entrevista",
                "Preguntas frecuentes",
                "Puestos relacionados y especializaciones",
                "Comparte este puesto",
                "Fuentes",
            ],
            "Optimizar los modelos de Machine Learning existentes",
            f"R$13,000{THIN}–{THIN}24,000",
            f"MX$48,000{THIN}–{THIN}95,000",
            "22 de junio de 2026",
            "periodo no indicado por la fuente",
        ),
    ],
)
def test_role_page_in_each_language(
    client, seeded, language, title, h2, responsibility, brl, mxn, date, period
):
    response = client.get(ROLE.format(language))

    assert response.status_code == 200
    assert attrs(response, "html", "lang") == [language]
    assert texts(response, "h1") == [title]
    assert texts(response, "h2") == h2
    assert any(item.startswith(responsibility) for item in texts(response, "#responsibilities li"))
    assert {brl, mxn} <= set(texts(response, "#salaries .amount"))
    assert texts(response, "#salaries table time") == [date, date]
    assert texts(response, "#salaries table .period.not-stated") == [period, period]


@pytest.mark.parametrize(
    ("language", "brazil", "mexico"),
    [("en", "Brazil", "Mexico"), ("pt-br", "Brasil", "México"), ("es-mx", "Brasil", "México")],
)
def test_country_names_are_in_the_page_language(client, seeded, language, brazil, mexico):
    countries = texts(client.get(ROLE.format(language)), "#salaries tbody th")

    assert f"{brazil} (BRL)" in " ".join(countries)
    assert f"{mexico} (MXN)" in " ".join(countries)


@pytest.mark.parametrize("language", ["en", "pt-br", "es-mx"])
def test_switcher_links_to_the_same_page_in_every_language(client, seeded, language):
    links = select(client.get(ROLE.format(language) + "?kind=behavioral"), ".language-switcher a")

    assert [
        (a.attributes["href"], a.attributes["lang"], a.attributes["hreflang"]) for a in links
    ] == [(ROLE.format(code) + "?kind=behavioral", code, code) for code in ("en", "pt-br", "es-mx")]
    assert [a.attributes["lang"] for a in links if "aria-current" in a.attributes] == [language]


def test_switcher_on_a_404_page_keeps_the_path(client):
    switcher = client.get("/pt-br/roles/nope/")

    assert attrs(switcher, ".language-switcher a[lang='es-mx']", "href") == ["/es-mx/roles/nope/"]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Page not found"),
        ("pt-br", "Página não encontrada"),
        ("es-mx", "Página no encontrada"),
    ],
)
def test_404_page_is_localized(client, language, text):
    response = client.get(f"/{language}/roles/no-such-role/")

    assert response.status_code == 404
    assert text in texts(response, "h1")
    assert attrs(response, "html", "lang") == [language]


def test_missing_translations_fall_back_to_english(client):
    from tests.roles.factories import RoleFactory

    role = RoleFactory(title="Prompt Engineer", summary="Writes prompts.", title_pt_br=None)

    response = client.get(f"/pt-br/roles/{role.slug}/")

    assert texts(response, "h1") == ["Prompt Engineer"]
    assert texts(response, ".role-summary") == ["Writes prompts."]


def test_role_content_is_translated_in_the_fixtures_for_every_field(seeded):
    from faqs.models import FAQ, InterviewQuestion
    from roles.models import CareerStep, Requirement, Responsibility, Role

    role = Role.objects.get(slug="machine-learning-engineer")
    checks = [
        (role, ["title", "summary", "day_in_the_life", "alternative_titles"]),
        (role.category, ["name"]),
        *[(item, ["text"]) for item in Responsibility.objects.filter(role=role)],
        *[(item, ["text"]) for item in Requirement.objects.filter(role=role)],
        *[(item, ["title"]) for item in CareerStep.objects.filter(role=role)],
        *[(item, ["question", "answer"]) for item in FAQ.objects.all()],
        *[(item, ["text"]) for item in InterviewQuestion.objects.all()],
    ]
    missing = [
        f"{obj._meta.model_name}.{field}_{suffix}"
        for obj, fields in checks
        for field in fields
        for suffix in ("en", "pt_br", "es_mx")
        if not getattr(obj, f"{field}_{suffix}")
    ]
    assert missing == []


def test_every_language_list_derives_from_settings_languages(settings):
    """Declared once: the catalogs `make messages` keeps and modeltranslation's columns follow
    settings.LANGUAGES, and the search index covers exactly those languages."""
    from modeltranslation.settings import AVAILABLE_LANGUAGES

    from nexushr.management.commands.makemessages import translated_locales
    from roles.models import SearchPosting
    from roles.search import languages
    from tests.roles.factories import RoleFactory

    codes = [code for code, _name in settings.LANGUAGES]
    assert codes == AVAILABLE_LANGUAGES
    assert translated_locales() == ["pt_BR", "es_MX"]
    assert sorted(translated_locales()) == sorted(p.name for p in LOCALE.iterdir() if p.is_dir())
    assert languages() == codes
    indexed = SearchPosting.objects.filter(role=RoleFactory()).values_list("language", flat=True)
    assert sorted(set(indexed)) == sorted(codes)
    settings.LANGUAGES = [*settings.LANGUAGES, ("fr", "French")]
    assert translated_locales() == ["pt_BR", "es_MX", "fr"]
