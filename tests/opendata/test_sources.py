"""Open data and the Source model: every source named comes from a ``Source`` row; band terms
the source does not state are null, never filled in; approximations and caveats travel along."""

import datetime
from decimal import Decimal

import pytest

from faqs.models import FAQ, InterviewQuestion
from opendata import schemas
from salaries.models import SalaryBand
from sources.models import Source
from tests.faqs.factories import FAQFactory, InterviewQuestionFactory
from tests.opendata.test_api import get
from tests.opendata.test_datasets import read_csv
from tests.roles.factories import CareerStepFactory, RoleFactory
from tests.salaries.factories import SalaryBandFactory
from tests.sources.factories import SourceFactory

pytestmark = pytest.mark.django_db

MLE = "machine-learning-engineer"


def silent_band(**kwargs) -> SalaryBand:
    """A global USD band whose source states neither period, pay type nor level."""
    return SalaryBandFactory(
        country=None, currency="USD", period="", pay="", level="", as_of=None, **kwargs
    )


def test_sources_endpoint_lists_source_rows_with_what_they_cover(client, db):
    SourceFactory(
        key="pay-survey",
        title="Pay survey 2026",
        publisher="",
        url="",
        kind=Source.Kind.SALARY_GUIDE,
        retrieved_on=datetime.date(2026, 5, 1),
        covers="Salaries in Brazil.",
    )
    SourceFactory(key="another", title="Another document", publisher="Someone")
    sources = get(client, "/api/v1/sources")
    assert [item["key"] for item in sources] == ["another", "pay-survey"]  # by title
    assert sources[1] == {
        "key": "pay-survey",
        "title": "Pay survey 2026",
        "publisher": None,
        "url": None,
        "kind": "salary-guide",
        "retrieved_on": "2026-05-01",
        "covers": "Salaries in Brazil.",
    }


def test_sources_come_in_the_requested_language(client, seeded):
    english = {s["key"]: s["title"] for s in get(client, "/api/v1/sources")}
    portuguese = {s["key"]: s["title"] for s in get(client, "/api/v1/sources?lang=pt-br")}
    assert set(english) == set(Source.objects.values_list("key", flat=True))
    profile = Source.objects.get(key="nexushr-mle-profile")
    assert english["nexushr-mle-profile"] == profile.title_en
    assert portuguese["nexushr-mle-profile"] == profile.title_pt_br != profile.title_en


def test_a_band_names_its_source_row(client, db):
    source = SourceFactory(key="guide", title="The guide", url="https://example.com/guide")
    silent_band(source=source)
    item = get(client, "/api/v1/salary-bands")["items"][0]
    assert item["source"] == {
        "key": "guide",
        "title": "The guide",
        "publisher": "Example Publisher",
        "url": "https://example.com/guide",
        "kind": "article",
        "retrieved_on": None,
    }
    row = read_csv(client.get("/en/data/salary-bands.csv"))[0]
    assert (row["source"], row["source_title"], row["source_url"]) == (
        "guide",
        "The guide",
        "https://example.com/guide",
    )


def test_unstated_terms_are_null_and_approximation_and_caveat_are_kept(client, db):
    band = silent_band(approximate=True, note="Varies a lot by company.")
    SalaryBand.objects.filter(pk=band.pk).update(period_reading="year")
    item = get(client, "/api/v1/salary-bands")["items"][0]
    assert item["period"] is None and item["pay"] is None and item["level"] is None
    assert item["period_reading"] == "year"
    assert item["approximate"] is True
    assert item["note"] == "Varies a lot by company."
    row = read_csv(client.get("/en/data/salary-bands.csv"))[0]
    assert (row["period"], row["pay"], row["level"]) == ("", "", "")
    assert (row["approximate"], row["note"]) == ("true", "Varies a lot by company.")
    [json_row] = client.get("/en/data/salary-bands.json").json()
    assert json_row["period"] is None and json_row["approximate"] is True


def test_stated_terms_are_given_as_stated(client, db):
    SalaryBandFactory(
        country=None,
        currency="USD",
        period="year",
        pay="total",
        level="senior",
        minimum=Decimal("100000"),
        maximum=Decimal("150000"),
    )
    item = get(client, "/api/v1/salary-bands")["items"][0]
    assert (item["period"], item["pay"], item["level"]) == ("year", "total", "senior")
    assert item["approximate"] is False and item["note"] is None and item["period_reading"] is None


def test_the_seeded_latam_bands_state_no_period_or_pay(client, seeded):
    bands = get(client, f"/api/v1/roles/{MLE}")["salary_bands"]
    brazil = next(b for b in bands if b["country"] == "BR")
    assert brazil["period"] is None and brazil["pay"] is None
    assert brazil["source"]["key"] == "nexushr-mle-profile"
    us = next(b for b in bands if b["country"] == "US")
    assert us["approximate"] is True


def test_role_detail_names_its_sources_in_page_order(client, db):
    role = RoleFactory(slug="one")
    profile = SourceFactory(key="profile")
    role.sources.add(profile)
    band_source = SourceFactory(key="bands")
    silent_band(role=role, source=band_source)
    silent_band(role=role, source=profile)
    InterviewQuestionFactory(roles=[role], source=SourceFactory(key="questions"))
    SourceFactory(key="unused")
    detail = get(client, "/api/v1/roles/one")
    assert [s["key"] for s in detail["sources"]] == ["profile", "bands", "questions"]
    assert client.get("/en/data/roles/one.json").json()["sources"] == detail["sources"]


def test_a_faq_about_a_missing_section_is_left_out_as_on_the_page(
    client, db, django_capture_on_commit_callbacks
):
    role = RoleFactory(slug="one")
    FAQFactory(key="about-pay", role=None, only_with=FAQ.OnlyWith.SALARIES)
    FAQFactory(key="about-questions", role=None, only_with=FAQ.OnlyWith.INTERVIEW_QUESTIONS)
    FAQFactory(key="general", role=None)
    assert [f["key"] for f in get(client, "/api/v1/roles/one")["faqs"]] == ["general"]
    assert [f["key"] for f in get(client, "/api/v1/faqs?role=one")["items"]] == ["general"]
    with django_capture_on_commit_callbacks(execute=True):  # committed: cached answers dropped
        silent_band(role=role)
        InterviewQuestionFactory(roles=[role])
    expected = ["about-pay", "about-questions", "general"]
    assert [f["key"] for f in get(client, "/api/v1/roles/one")["faqs"]] == expected
    assert [f["key"] for f in get(client, "/api/v1/faqs?role=one")["items"]] == expected


def test_a_generic_question_is_generic_in_a_roles_list(client, db):
    role = RoleFactory(slug="one")
    InterviewQuestionFactory(key="own", roles=[role])
    InterviewQuestionFactory(key="any")
    items = get(client, "/api/v1/interview-questions?role=one")["items"]
    assert {i["key"]: i["generic"] for i in items} == {"own": False, "any": True}
    assert get(client, "/api/v1/roles/one")["interview_questions"][1]["generic"] is True
    assert InterviewQuestion.objects.count() == 2


def test_only_one_rung_is_this_role(client, db):
    role = RoleFactory(slug="one")
    CareerStepFactory(role=role, order=1, linked_roles=[role])
    CareerStepFactory(role=role, order=2, linked_roles=[role])
    steps = get(client, "/api/v1/roles/one")["career_path"]
    assert [step["is_current"] for step in steps] == [True, False]


def test_a_role_without_a_summary_has_null_and_an_empty_cell(client, db):
    RoleFactory(slug="one", summary="")
    assert get(client, "/api/v1/roles/one")["summary"] is None
    assert read_csv(client.get("/en/data/roles.csv"))[0]["summary"] == ""


def test_the_sources_dataset_is_what_the_other_datasets_point_at(client, seeded):
    keys = {row["key"] for row in read_csv(client.get("/en/data/sources.csv"))}
    assert keys == set(Source.objects.values_list("key", flat=True))
    for name in ("salary-bands", "interview-questions", "faqs"):
        cited = {row["source"] for row in read_csv(client.get(f"/en/data/{name}.csv"))}
        assert cited and cited <= keys, name


def test_the_api_source_kinds_are_the_models():
    assert set(schemas.SourceKind.__args__) == set(Source.Kind.values)
