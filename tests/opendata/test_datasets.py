"""The datasets: CSV (BOM, RFC 4180) and JSON files, the Frictionless package, role files."""

import csv
import io
import json

import pytest
from frictionless import Package, system

from salaries.models import SalaryBand
from tests.html import texts
from tests.roles.factories import RoleFactory
from tests.salaries.factories import SalaryBandFactory

pytestmark = pytest.mark.django_db

MLE = "machine-learning-engineer"
DATASETS = ["roles", "salary-bands", "interview-questions", "faqs", "sources"]


def read_csv(response):
    assert response["Content-Type"].startswith("text/csv; charset=utf-8")
    assert response.content.startswith(b"\xef\xbb\xbf")  # the UTF-8 byte-order mark
    text = response.content.decode("utf-8-sig")
    assert "\r\n" in text
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("name", DATASETS)
def test_each_dataset_as_csv_and_json_holds_the_same_rows(client, seeded, name):
    rows = read_csv(client.get(f"/en/data/{name}.csv"))
    data = client.get(f"/en/data/{name}.json").json()
    assert rows and len(rows) == len(data)
    assert list(rows[0]) == list(data[0])


def test_salary_band_csv_reads_back_with_the_csv_module(client, seeded):
    rows = read_csv(client.get("/en/data/salary-bands.csv"))
    brazil = next(row for row in rows if row["country"] == "BR")
    assert brazil["currency"] == "BRL"
    assert brazil["minimum"] == "13000" and brazil["maximum"] == "24000"
    assert brazil["as_of"] == "2026-06-22"
    assert brazil["source_title"]
    assert len(rows) == SalaryBand.objects.count()


def test_csv_quotes_commas_quotes_and_line_breaks(client, db):
    RoleFactory(slug="tricky", title='Say "hi", then\nleave', summary="Ações, ñ")
    rows = read_csv(client.get("/en/data/roles.csv"))
    assert rows[0]["title"] == 'Say "hi", then\nleave'
    assert rows[0]["summary"] == "Ações, ñ"
    assert b'"Say ""hi"", then\nleave"' in client.get("/en/data/roles.csv").content


def test_files_are_in_the_page_language(client, seeded):
    rows = read_csv(client.get("/pt-br/data/roles.csv"))
    titles = {row["slug"]: row["title"] for row in rows}
    assert titles[MLE] == "Engenheiro de Machine Learning"
    bands = client.get("/pt-br/data/salary-bands.json").json()
    assert next(b for b in bands if b["country"] == "BR")["country_name"] == "Brasil"


def test_a_period_the_source_does_not_state_is_an_empty_cell_and_null(client, db):
    band = SalaryBandFactory(role=RoleFactory(slug="one"))
    SalaryBand.objects.filter(pk=band.pk).update(period="", pay="")
    row = read_csv(client.get("/en/data/salary-bands.csv"))[0]
    assert row["period"] == "" and row["pay"] == ""
    item = client.get("/en/data/salary-bands.json").json()[0]
    assert item["period"] is None and item["pay"] is None


def test_the_data_package_validates_with_frictionless(client, seeded, tmp_path):
    package = client.get("/en/data/datapackage.json")
    assert package.status_code == 200
    descriptor = package.json()
    (tmp_path / "datapackage.json").write_bytes(package.content)
    assert {r["path"] for r in descriptor["resources"]} == {
        f"{name}.{fmt}" for name in DATASETS for fmt in ("csv", "json")
    }
    for resource in descriptor["resources"]:
        response = client.get(f"/en/data/{resource['path']}")
        assert response.status_code == 200
        (tmp_path / resource["path"]).write_bytes(response.content)
        assert all(field["description"] for field in resource["schema"]["fields"])
    with system.use_context(trusted=True):
        report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.stats["tasks"] == 2 * len(DATASETS)


def test_the_data_package_catches_a_broken_file(client, seeded, tmp_path):
    """The validation above can fail: a band with an unknown period is reported."""
    descriptor = client.get("/en/data/datapackage.json").json()
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor))
    for resource in descriptor["resources"]:
        content = client.get(f"/en/data/{resource['path']}").content
        if resource["path"] == "salary-bands.csv":
            content = content.replace(b",year,", b",fortnight,", 1)
        (tmp_path / resource["path"]).write_bytes(content)
    with system.use_context(trusted=True):
        report = Package(str(tmp_path / "datapackage.json")).validate()
    assert not report.valid
    assert "constraint-error" in {row[0] for row in report.flatten(["type"])}


def test_each_role_has_its_own_json_and_csv(client, seeded):
    detail = client.get(f"/en/data/roles/{MLE}.json")
    assert detail.json() == client.get(f"/api/v1/roles/{MLE}").json()
    assert f'filename="nexushr-{MLE}-en.json"' in detail["Content-Disposition"]
    rows = read_csv(client.get(f"/en/data/roles/{MLE}.csv"))
    assert rows and {row["role"] for row in rows} == {MLE}
    assert len(rows) == SalaryBand.objects.filter(role__slug=MLE).count()


def test_the_role_page_links_its_data(client, seeded):
    html = client.get(f"/en/roles/{MLE}/").content.decode()
    assert f'href="/en/data/roles/{MLE}.json"' in html
    assert f'href="/en/data/roles/{MLE}.csv"' in html


def test_downloads_have_etag_304_cache_headers_and_cors(client, seeded):
    first = client.get("/en/data/salary-bands.csv")
    assert first["Cache-Control"].startswith("public, max-age=")
    assert first["Access-Control-Allow-Origin"] == "*"
    again = client.get("/en/data/salary-bands.csv", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304


def test_an_edit_is_in_the_next_download(client, db, django_capture_on_commit_callbacks):
    role = RoleFactory(slug="one", title="Before")
    first = client.get("/en/data/roles.json")
    assert first.json()[0]["title"] == "Before"
    role.title = "After"
    with django_capture_on_commit_callbacks(execute=True):  # invalidated after commit
        role.save()
    second = client.get("/en/data/roles.json", headers={"If-None-Match": first["ETag"]})
    assert second.status_code == 200 and second.json()[0]["title"] == "After"


def test_unknown_dataset_and_role_answer_404(client, db):
    assert client.get("/en/data/people.csv").status_code == 404
    assert client.get("/en/data/roles/nobody.json").status_code == 404


@pytest.mark.parametrize("language", ["en", "pt-br", "es-mx"])
def test_the_data_page_explains_each_dataset_and_the_licence(client, seeded, language):
    response = client.get(f"/{language}/data/")
    assert response.status_code == 200
    html = response.content.decode()
    for name in DATASETS:
        assert f'href="/{language}/data/{name}.csv"' in html
        assert f'href="/{language}/data/{name}.json"' in html
    assert f'href="/{language}/data/datapackage.json"' in html
    assert "CC-BY-4.0" in html
    assert 'href="/api/v1/docs"' in html
    headings = texts(response, "h3[id^=dataset-]")
    assert len(headings) == len(DATASETS)
    assert all(heading[0].isupper() for heading in headings), headings  # "FAQs" is lowercase


SALARY_BANDS_HEADER = (
    b"\xef\xbb\xbfkey,role,country,country_name,currency,statistic,minimum,maximum,period,pay,"
    b"period_reading,level,experience_min_years,experience_max_years,approximate,note,as_of,"
    b"role_title,source,source_title,source_url\r\n"
)


def test_the_salary_band_csv_is_pinned_byte_for_byte(client, seeded):
    """The header and a row with every kind of cell: a number, an empty cell, a quoted note,
    years of experience, a translated title and source, in the page language."""
    content = client.get("/pt-br/data/salary-bands.csv").content
    assert content.startswith(SALARY_BANDS_HEADER)
    row = (
        "mle-global-junior-base,machine-learning-engineer,,,USD,range,70000,120000,,base,year,"
        'junior,0,2,false,"Uma referência global: segundo a fonte, os valores podem variar '
        'bastante conforme o mercado local e o poder de compra da região.",,Engenheiro de '
        "Machine Learning,mle-career-guide,Guia de carreira de Engenheiro de Machine Learning,"
        "\r\n"
    ).encode()
    assert row in content
    brazil = (
        b"mle-br-2026-06,machine-learning-engineer,BR,Brasil,BRL,range,13000,24000,,,month,,,,"
        b"false,,2026-06-22,Engenheiro de Machine Learning,nexushr-mle-profile,Engenheiro de "
        b"Machine Learning: perfil do cargo,\r\n"
    )
    assert brazil in content


def tuples_and_rows() -> tuple[list[tuple], list[tuple]]:
    from opendata import datasets, selectors

    names = [column.name for column in datasets.SALARY_BANDS.columns]
    fast = list(selectors.band_table())
    slow = [tuple(row[name] for name in names) for row in datasets.band_rows()]
    return fast, slow


@pytest.mark.parametrize("language", ["en", "pt-br", "es-mx"])
def test_the_full_band_file_reads_the_same_values_as_the_api(seeded, language):
    """The whole file is read as plain rows (fast); each must hold what the API's serializer
    gives for the band, language fallbacks included."""
    from decimal import Decimal

    from django.utils import translation

    from tests.sources.factories import SourceFactory

    untranslated = RoleFactory(slug="aa-untranslated", title="Only in English")
    SalaryBandFactory(
        role=untranslated,
        country=None,
        currency="USD",
        statistic=SalaryBand.Statistic.AVERAGE,
        minimum=Decimal("1234.50"),
        maximum=Decimal("1234.50"),
        period="",
        pay="",
        period_reading=SalaryBand.Period.YEAR,
        level=SalaryBand.Level.ALL,
        experience_min_years=3,
        approximate=True,
        note_en="Figures, as the source says, are approximate.",
        as_of=None,
        source=SourceFactory(url=""),
    )
    SalaryBandFactory(role=RoleFactory(slug="draft", status="draft"))  # never in the file
    with translation.override(language):
        fast, slow = tuples_and_rows()
    assert fast == slow
    assert len(fast) == SalaryBand.objects.filter(role__status="published").count()
    first = fast[0]
    assert first[1] == "aa-untranslated" and first[17] == "Only in English"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("pt-br", "Identificador estável do cargo (parte dos seus endereços)."),
        ("es-mx", "Identificador estable del puesto (parte de sus direcciones)."),
    ],
)
def test_column_descriptions_are_in_the_page_language(client, seeded, language, text):
    from tests.html import texts

    response = client.get(f"/{language}/data/")

    assert text in texts(response, ".dataset dd")
    assert 'lang="en"' not in response.content.decode().split('class="dataset')[1]
    package = client.get(f"/{language}/data/datapackage.json").json()
    fields = [field for resource in package["resources"] for field in resource["schema"]["fields"]]
    assert text in [field["description"] for field in fields]
