"""Bulk salary updates: CSV/XLSX upload with a dry-run preview, all-or-nothing, export."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from reversion.models import Version

from salaries.models import SalaryBand
from salaries.resources import COLUMNS, SalaryBandResource

pytestmark = pytest.mark.django_db

IMPORT_URL = "admin:salaries_salaryband_import"


@pytest.fixture
def analyst(client):
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    call_command("setup_groups", verbosity=0)
    user = get_user_model().objects.create_user("sam", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Salary analysts"))
    client.force_login(user)
    return client


def exported_rows() -> list[dict[str, str]]:
    dataset = SalaryBandResource().export()
    return list(csv.DictReader(io.StringIO(dataset.csv)))


def to_csv(rows: list[dict[str, str]], encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def upload(client, content: bytes, name: str = "bands.csv", fmt: int = 0):
    file = io.BytesIO(content)
    file.name = name
    return client.post(reverse(IMPORT_URL), {"import_file": file, "format": str(fmt)})


def confirm(client, preview):
    form = preview.context["confirm_form"]
    data = {name: form[name].value() or "" for name in form.fields}
    return client.post(reverse("admin:salaries_salaryband_process_import"), data)


def snapshot() -> list[tuple]:
    return list(
        SalaryBand.objects.order_by("key").values_list(
            "key", "minimum", "maximum", "currency", "as_of", "level", "pay", "period"
        )
    )


def br_band_row(rows):
    return next(row for row in rows if row["key"] == "mle-br-2026-06")


def test_good_file_previews_every_outcome_then_imports(analyst, mle):
    rows = exported_rows()
    br = br_band_row(rows)
    br["maximum"] = "26000.00"
    br["as_of"] = "2026-09-01"
    new = dict(br, key="", country="", currency="USD", level="senior", pay_type="base")
    new |= {"statistic": "average", "minimum": "150000", "maximum": "150000", "period": "year"}
    rows.append(new)
    before = snapshot()

    preview = upload(analyst, to_csv(rows))
    assert preview.status_code == 200
    html = preview.content.decode()
    assert snapshot() == before  # a dry run changes nothing
    assert "confirm_form" in preview.context
    outcomes = {r.number: r.import_type for r in preview.context["result"].rows}
    assert list(outcomes.values()).count("update") == 1
    assert list(outcomes.values()).count("new") == 1
    assert list(outcomes.values()).count("skip") == len(rows) - 2
    assert "<del>24000.00</del> → <ins>26000.00</ins>" in html
    assert "<del>2026-06-22</del> → <ins>2026-09-01</ins>" in html
    assert "1 new, 1 changed," in html

    response = confirm(analyst, preview)
    assert response.status_code == 302
    band = SalaryBand.objects.get(key="mle-br-2026-06")
    assert band.maximum == 26000 and str(band.as_of) == "2026-09-01"
    added = SalaryBand.objects.get(role=mle, country=None, level="senior", statistic="average")
    assert added.key == "machine-learning-engineer-global-senior-base-average"
    # The import is in the role's history, with its author.
    version = Version.objects.get_for_object(mle).first()
    assert version.revision.user.username == "sam"
    assert "Salary import from bands.csv" in version.revision.comment


def test_a_file_with_refused_rows_changes_nothing_and_says_why(analyst, mle):
    rows = exported_rows()
    good_change = br_band_row(rows)
    good_change["maximum"] = "30000"
    bad = [
        dict(good_change, key="", role="no-such-role"),
        dict(good_change, key="x-1", minimum="50000", maximum="10000"),
        dict(good_change, key="x-2", currency="USD"),
        dict(good_change, key="x-3", as_of="22/06/2026"),
        dict(good_change, key="x-4", level="guru"),
        dict(good_change, key="x-5", minimum="13.000,00"),
        dict(good_change, key="x-6", country="ZZ"),
    ]
    before = snapshot()
    preview = upload(analyst, to_csv([good_change, *bad]))
    assert preview.status_code == 200
    assert "confirm_form" not in preview.context
    html = preview.content.decode()
    assert "There is no role with the slug “no-such-role”." in html
    assert "The minimum cannot be greater than the maximum." in html
    assert "BR bands are in BRL." in html
    assert "is not a date: write it as YYYY-MM-DD" in html
    assert "“guru” is not one of:" in html
    assert "is not a number" in html
    assert "There is no country with the code “ZZ”" in html
    assert "7 refused" in html
    assert "Nothing will be imported while any row is refused" in html
    assert snapshot() == before


def test_confirming_a_file_with_refused_rows_directly_changes_nothing(analyst, mle):
    rows = exported_rows()
    good = br_band_row(rows)
    good["maximum"] = "30000"
    good_preview = upload(analyst, to_csv([good]))
    form = good_preview.context["confirm_form"]
    data = {name: form[name].value() or "" for name in form.fields}
    # Replace the stored upload by a file with one refused row, as a forged confirm would.
    from import_export.tmp_storages import TempFolderStorage

    storage = TempFolderStorage(name=data["import_file_name"], encoding="utf-8-sig", read_mode="r")
    storage.save(to_csv([good, dict(good, key="", role="nope")]).decode())
    before = snapshot()
    response = analyst.post(reverse("admin:salaries_salaryband_process_import"), data)
    assert response.status_code == 302
    assert snapshot() == before


def test_the_same_file_twice_changes_nothing_the_second_time(analyst, mle):
    rows = exported_rows()
    br_band_row(rows)["maximum"] = "25000.00"
    rows.append(dict(br_band_row(rows), key="", level="junior", maximum="20000"))
    content = to_csv(rows)
    confirm(analyst, upload(analyst, content))
    after_first = snapshot()
    versions = Version.objects.count()

    preview = upload(analyst, content)
    assert {r.import_type for r in preview.context["result"].rows} == {"skip"}
    assert f"0 new, 0 changed, {len(rows)} unchanged, 0 refused." in preview.content.decode()
    confirm(analyst, preview)
    assert snapshot() == after_first
    assert SalaryBand.objects.count() == len(rows)
    assert Version.objects.count() == versions  # nothing saved, nothing recorded


def test_a_band_twice_in_one_file_is_refused(analyst, mle):
    rows = exported_rows()
    row = br_band_row(rows)
    preview = upload(analyst, to_csv([row, dict(row, maximum="1")]))
    assert "This band is already on row 1 of the file" in preview.content.decode()
    assert "confirm_form" not in preview.context


def test_a_file_in_another_encoding_is_refused_with_the_fix(analyst, mle):
    rows = exported_rows()
    br_band_row(rows)["role"] = "analista-de-dados-são-paulo"
    response = upload(analyst, to_csv(rows, encoding="cp1252"))
    assert response.status_code == 200
    assert "The file is not UTF-8 text" in response.content.decode()
    assert "CSV UTF-8" in response.content.decode()


def test_a_10_mb_file_is_refused_before_it_is_read(analyst, mle):
    rows = exported_rows()
    content = to_csv(rows)
    content += b"\n" * (10 * 1024 * 1024 - len(content))
    before = snapshot()
    response = upload(analyst, content)
    assert response.status_code == 200
    html = response.content.decode()
    assert "The file is 10.0\xa0MB; the largest accepted is 2.0\xa0MB." in html
    assert snapshot() == before


def test_xlsx_round_trip_changes_nothing(analyst, mle):
    content = SalaryBandResource().export().xlsx
    preview = upload(analyst, content, name="bands.xlsx", fmt=1)
    assert preview.status_code == 200
    assert {r.import_type for r in preview.context["result"].rows} == {"skip"}


def test_xlsx_upload_updates_a_band(analyst, mle):
    import tablib

    rows = exported_rows()
    br_band_row(rows)["minimum"] = "14000"
    dataset = tablib.Dataset(headers=list(COLUMNS))
    for row in rows:
        dataset.append([row[c] for c in COLUMNS])
    preview = upload(analyst, dataset.xlsx, name="bands.xlsx", fmt=1)
    confirm(analyst, preview)
    assert SalaryBand.objects.get(key="mle-br-2026-06").minimum == 14000


def test_export_writes_the_import_columns(analyst, mle):
    response = analyst.post(
        reverse("admin:salaries_salaryband_export"),
        {"format": "0", **{f"salarybandresource_{c}": "on" for c in COLUMNS}},
    )
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0] == ",".join(COLUMNS)
    assert "mle-br-2026-06,machine-learning-engineer,BR,BRL" in text


def test_translators_cannot_import(client, mle):
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    call_command("setup_groups", verbosity=0)
    user = get_user_model().objects.create_user("tina", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Translators"))
    client.force_login(user)
    assert client.get(reverse(IMPORT_URL)).status_code == 403
