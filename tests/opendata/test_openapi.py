"""The OpenAPI document: valid, every endpoint documented, every field and parameter described;
and the interactive docs served from the app's own static files."""

import re

import pytest
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db

ENDPOINTS = {
    "/api/v1/",
    "/api/v1/roles",
    "/api/v1/roles/{slug}",
    "/api/v1/categories",
    "/api/v1/salary-bands",
    "/api/v1/interview-questions",
    "/api/v1/faqs",
    "/api/v1/sources",
    "/api/v1/problems/{kind}",
}


@pytest.fixture
def schema(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_the_schema_is_valid_openapi(schema):
    validate(schema)
    assert schema["openapi"].startswith("3.1")


def test_every_endpoint_is_documented_as_a_get_with_a_summary(schema):
    assert set(schema["paths"]) == ENDPOINTS
    for path, operations in schema["paths"].items():
        assert set(operations) == {"get"}, path
        operation = operations["get"]
        assert operation["summary"], path
        assert "200" in operation["responses"], path
        assert "429" in operation["responses"], path


def test_every_parameter_is_described(schema):
    for path, operations in schema["paths"].items():
        for parameter in operations["get"].get("parameters", []):
            if parameter["in"] == "path":
                continue
            assert parameter.get("description") or parameter["schema"].get("description"), (
                path,
                parameter["name"],
            )


def test_every_listed_filter_is_a_parameter(schema):
    names = {p["name"] for p in schema["paths"]["/api/v1/salary-bands"]["get"]["parameters"]}
    assert names >= {"role", "country", "currency", "level", "as_of_from", "as_of_to", "lang"}
    names = {p["name"] for p in schema["paths"]["/api/v1/roles"]["get"]["parameters"]}
    assert names >= {"category", "demand", "q", "page", "page_size", "lang"}


def test_every_field_of_every_schema_is_described(schema):
    undescribed = []
    for name, component in schema["components"]["schemas"].items():
        for field, spec in component.get("properties", {}).items():
            if not spec.get("description"):
                undescribed.append(f"{name}.{field}")
    assert undescribed == []


def test_docs_are_served_from_our_static_files_with_no_cdn(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(url.startswith("/static/") for url in sources), sources
    assert "cdn" not in html.lower()
    # The scripts are files (no inline script); only inline *styles* are allowed, on this page.
    assert not re.search(r"<script>(?!\s*</script>)", html)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-eval" not in policy
    assert "'unsafe-inline'" in policy.split("style-src")[1].split(";")[0]
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    for url in sources:
        assert client.get(url).status_code == 200, url


def test_other_pages_keep_the_strict_policy(client, seeded):
    policy = client.get("/en/data/")["Content-Security-Policy"]
    assert "unsafe-inline" not in policy


def _nullable_enum(spec: dict) -> tuple[set, bool]:
    options = spec.get("anyOf", [spec])
    values = {value for option in options for value in option.get("enum", [])}
    return values, {"type": "null"} in options


def test_band_terms_are_nullable_as_stated_never_defaulted(schema):
    band = schema["components"]["schemas"]["SalaryBand"]
    properties = band["properties"]
    assert _nullable_enum(properties["period"]) == ({"month", "year"}, True)
    assert _nullable_enum(properties["pay"]) == ({"base", "total"}, True)
    assert _nullable_enum(properties["period_reading"]) == ({"month", "year"}, True)
    assert _nullable_enum(properties["level"])[1] is True
    assert "default" not in properties["period"] and "default" not in properties["pay"]
    assert properties["approximate"]["type"] == "boolean"
    assert _nullable_enum(properties["note"])[1] is True
    assert {"period", "pay", "level", "approximate", "note", "source"} <= set(band["required"])


def test_sources_are_described_by_the_source_schema(schema):
    components = schema["components"]["schemas"]
    source = components["Source"]["properties"]
    assert set(source["kind"]["enum"]) >= {"salary-guide", "job-description-template"}
    assert {"key", "title", "publisher", "url", "kind", "retrieved_on"} <= set(source)
    assert components["RoleDetail"]["properties"]["sources"]["items"]["$ref"].endswith("/Source")
    sources = schema["paths"]["/api/v1/sources"]["get"]["responses"]["200"]
    assert sources["content"]["application/json"]["schema"]["items"]["$ref"].endswith(
        "/SourceDetail"
    )
