"""The seed fixtures: every listed fact is there, once, with its source; reloading is a no-op."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

from faqs.models import FAQ, InterviewQuestion
from roles.models import CareerStep, Requirement, Responsibility, Role
from salaries.models import SalaryBand
from sources.models import Source
from tests.conftest import FIXTURES

pytestmark = pytest.mark.django_db

# The seed documents, copied into the repository so the audit below runs anywhere; on
# development machines they also sit beside it (../shared/seeds) and must match the copy.
SEEDS_DIR = Path(__file__).resolve().parent / "seeds"
SHARED_SEEDS_DIR = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SEEDS = {path.name for path in SEEDS_DIR.glob("*.txt")}
# Each Source row of fixtures/00_sources.json and the seed document it stands for.
SOURCE_SEEDS = {
    "nexushr-mle-profile": "000_4aede081a3ffb1ab.txt",
    "wow-remote-teams-mle-hiring-guide": "001_51cc1a9e139b6f29.txt",
    "nexushr-mle-profile-excerpt": "002_cb410cb4b5f0cb23.txt",
    "mismo-ml-engineers-guide": "003_c87a14101bb3f2cf.txt",
    "mle-career-guide": "004_d272820fbc27a54e.txt",
    "nexushr-editorial": None,  # the portal's own words about itself (site-wide FAQs)
}


def counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for app in ("sources", "roles", "salaries", "faqs")
        for model in apps.get_app_config(app).get_models()
    }


def test_fixtures_carry_no_primary_keys():
    for path in FIXTURES:
        for obj in json.loads(Path(path).read_text()):
            assert "pk" not in obj, (path, obj["model"])


def test_loading_twice_changes_nothing(seeded):
    before = counts()
    stamps = list(Role.objects.order_by("slug").values_list("created_at", "updated_at"))
    call_command("loaddata", *FIXTURES, verbosity=0)
    assert counts() == before
    assert before["roles.Role"] == 12
    assert list(Role.objects.order_by("slug").values_list("created_at", "updated_at")) == stamps


def test_machine_learning_engineer_profile(mle):
    assert mle.category.slug == "technology" and mle.category.name == "Technology"
    assert mle.demand == Role.Demand.HIGH
    assert mle.summary.startswith("Specialist responsible for designing, building")
    assert mle.day_in_the_life.startswith("A Machine Learning Engineer's daily routine")
    assert mle.responsibilities.count() == 13
    assert mle.requirements.filter(kind="required").count() == 10
    assert mle.requirements.filter(kind="preferred").count() == 3
    assert [step.title for step in mle.career_steps.all()] == [
        "Software Developer / Junior Data Analyst",
        "Junior Machine Learning Engineer",
        "Mid-level Machine Learning Engineer",
        "Senior Machine Learning Engineer",
        "MLOps Tech Lead / Principal AI Engineer",
    ]
    assert [t.tool.name for t in mle.role_tools.all()] == [
        "Python",
        "PyTorch",
        "TensorFlow",
        "MLflow",
        "Docker",
        "Kubernetes",
        "Apache Spark",
        "AWS SageMaker",
    ]


def test_latam_bands_are_exactly_the_seeds(mle):
    bands = {
        b.country.code: b
        for b in SalaryBand.objects.filter(role=mle, country__isnull=False, statistic="range")
    }
    assert set(bands) == {"BR", "MX"}
    for code, currency, low, high in (("BR", "BRL", 13000, 24000), ("MX", "MXN", 48000, 95000)):
        band = bands[code]
        assert (band.currency, band.minimum, band.maximum) == (
            currency,
            Decimal(low),
            Decimal(high),
        )
        # Seed 000 gives the two ranges and a date, and nothing else: no period, pay or level.
        assert (band.period, band.pay, band.level) == ("", "", "")
        assert band.as_of == datetime.date(2026, 6, 22)
        assert band.source.key == "nexushr-mle-profile"
        assert band.period_reading == "month"  # labelled on the page as our reading


def test_global_bands_by_level_and_the_us_average(mle):
    bands = SalaryBand.objects.filter(role=mle, country__isnull=True)
    table = {(b.level, b.pay): (int(b.minimum), int(b.maximum)) for b in bands}
    assert table == {
        ("junior", "base"): (70000, 120000),
        ("junior", "total"): (80000, 150000),
        ("mid", "base"): (120000, 180000),
        ("mid", "total"): (150000, 250000),
        ("senior", "base"): (180000, 300000),
        ("senior", "total"): (250000, 500000),
        ("leadership", "base"): (250000, 400000),
        ("leadership", "total"): (350000, 800000),
    }
    # Seed 004: "Global Salary Ranges (in USD)", no period, no date, and a caveat.
    assert {(b.currency, b.period, b.as_of, b.source.key) for b in bands} == {
        ("USD", "", None, "mle-career-guide")
    }
    assert {b.note for b in bands} == {
        "A global reference: the source says the figures can vary considerably with the local "
        "market and the purchasing power of the region."
    }
    # Seed 003: "The average base salary in the U.S. is around $133,000".
    average = SalaryBand.objects.get(role=mle, statistic="average")
    assert (average.country.code, average.minimum, average.maximum) == ("US", 133000, 133000)
    assert (average.pay, average.period, average.level, average.approximate) == (
        "base",
        "",
        "",
        True,
    )
    assert average.source.key == "mismo-ml-engineers-guide" and average.as_of is None


def test_every_source_is_a_seed_document_or_the_editors(seeded):
    used = set()
    for model in (FAQ, InterviewQuestion, SalaryBand, Responsibility, Requirement, CareerStep):
        used |= set(model.objects.values_list("source__key", flat=True))
    assert used <= set(SOURCE_SEEDS)
    assert set(Source.objects.values_list("key", flat=True)) == set(SOURCE_SEEDS)
    assert {seed for seed in SOURCE_SEEDS.values() if seed} <= SEEDS


def test_interview_questions_from_seeds_000_and_004(mle):
    questions = InterviewQuestion.objects.all()
    by_kind = {
        kind: questions.filter(kind=kind).count() for kind in ("technical", "behavioral", "topic")
    }
    assert by_kind == {"technical": 2, "behavioral": 5, "topic": 5}
    assert questions.filter(source__key="nexushr-mle-profile").count() == 3
    assert questions.filter(
        text__startswith="How would you structure a monitoring strategy"
    ).exists()
    assert questions.filter(text="How would you explain ML to a layperson?").exists()


def test_faqs_have_no_duplicate_questions(seeded):
    questions = [q.lower() for q in FAQ.objects.values_list("question", flat=True)]
    assert len(questions) == len(set(questions)) == 13
    difference = [q for q in questions if "difference between a data scientist" in q]
    assert len(difference) == 1


def test_nothing_on_the_seeds_marketing_is_claimed(seeded):
    text = " ".join(
        [
            *FAQ.objects.values_list("answer", flat=True),
            *InterviewQuestion.objects.values_list("text", flat=True),
        ]
    )
    assert "10,000 resumes" not in text and "Mismo can" not in text


@pytest.mark.parametrize(
    ("objects", "message"),
    [
        (
            [
                {
                    "model": "salaries.salaryband",
                    "fields": {
                        "key": "broken",
                        "role": ["machine-learning-engineer"],
                        "country": ["BR"],
                        "currency": "BRL",
                        "minimum": "50000.00",
                        "maximum": "100.00",
                        "period": "month",
                        "level": "all",
                        "pay": "base",
                        "statistic": "range",
                        "source": ["nexushr-mle-profile"],
                        "order": 0,
                    },
                }
            ],
            "salaryband_minimum_lte_maximum",
        ),
        (
            [
                {
                    "model": "roles.responsibility",
                    "fields": {"role": ["no-such-role"], "order": 1, "text": "x", "text_en": "x"},
                }
            ],
            "Responsibility has no role",
        ),
        ("{ this is not json", "Problem installing fixture"),
    ],
)
def test_a_broken_fixture_fails_clearly_and_changes_nothing(seeded, tmp_path, objects, message):
    from django.core.serializers.base import DeserializationError
    from django.db import IntegrityError

    before = counts()
    broken = tmp_path / "broken.json"
    broken.write_text(objects if isinstance(objects, str) else json.dumps(objects))

    with pytest.raises((DeserializationError, IntegrityError)) as error:
        call_command("loaddata", str(broken), verbosity=0)

    assert message in str(error.value)
    assert counts() == before


def _normalized(text: str) -> str:
    """Compare texts the way a reader would: quotes, dashes, hyphens and spacing aside."""
    for fancy, plain in (("’", "'"), ("“", '"'), ("”", '"'), ("—", " "), ("–", " "), ("-", " ")):
        text = text.replace(fancy, plain)
    return " ".join(text.lower().split())


# Texts the fixtures fix on purpose (docs/data-sources.md): 004's Portuguese leftovers.
CORRECTED = {"Fundamental ML algorithms", "Overfitting and underfitting"}


def test_the_copied_seeds_are_the_shared_ones():
    assert len(SEEDS) == 5
    for path in SHARED_SEEDS_DIR.glob("*.txt"):  # when the shared folder is there
        assert (SEEDS_DIR / path.name).read_bytes() == path.read_bytes(), path.name


def test_every_listed_text_is_its_sources_own_words(seeded):
    seeds_dir = SEEDS_DIR
    seeds = {
        key: _normalized((seeds_dir / name).read_text())
        for key, name in SOURCE_SEEDS.items()
        if name
    }
    texts = [
        *((r.source.key, r.text_en) for r in Responsibility.objects.select_related("source")),
        *((r.source.key, r.text_en) for r in Requirement.objects.select_related("source")),
        *((s.source.key, s.title_en) for s in CareerStep.objects.select_related("source")),
        *((q.source.key, q.text_en) for q in InterviewQuestion.objects.select_related("source")),
        *((f.source.key, f.question_en) for f in FAQ.objects.select_related("source")),
        *((f.source.key, f.answer_en) for f in FAQ.objects.select_related("source")),
    ]
    not_in_source = [
        (key, text)
        for key, text in texts
        if key != "nexushr-editorial"
        and text not in CORRECTED
        and _normalized(text) not in seeds[key]
    ]
    assert not_in_source == []


def test_every_salary_figure_is_in_its_source(seeded):
    seeds_dir = SEEDS_DIR
    for band in SalaryBand.objects.select_related("source"):
        seed = (seeds_dir / SOURCE_SEEDS[band.source.key]).read_text()
        for amount in {band.minimum, band.maximum}:
            whole = int(amount)
            assert f"{whole:,}" in seed or f"{whole:,}".replace(",", ".") in seed, (band.key, whole)
        if band.approximate:
            assert f"around ${int(band.minimum):,}" in seed


def test_no_role_summary_is_about_another_role(seeded):
    """Software Developer and Data Analyst are only named by the seeds: no summary at all."""
    for slug in ("software-developer", "data-analyst"):
        role = Role.objects.get(slug=slug)
        assert (role.summary_en, role.summary_pt_br, role.summary_es_mx) == ("", "", "")
        assert set(role.sources.values_list("key", flat=True)) == {
            "nexushr-mle-profile",
            "mle-career-guide",
        }
    for role in Role.objects.exclude(slug="machine-learning-engineer"):
        assert "Machine Learning Engineers " not in role.summary_en, role.slug
