"""deploy/observatory.py scores headers as the MDN HTTP Observatory does."""

import email.message

import pytest

from deploy import observatory
from deploy.stack import Response

GOOD = {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; object-src 'none'; "
    "form-action 'self'; frame-ancestors 'none'",
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains; preload",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def response(headers: dict[str, str], body: bytes = b"<script src='/static/app.js'></script>"):
    message = email.message.Message()
    for name, value in headers.items():
        for item in value if isinstance(value, list) else [value]:
            message[name] = item
    return Response(200, message, body)


def score(headers: dict, cookies: list[str] | None = None) -> observatory.Report:
    final = response({**headers, **({"Set-Cookie": cookies} if cookies else {})})
    report = observatory.Report("https://example.test/")
    hsts = (observatory.hsts_max_age(final) or 0) >= observatory.SIX_MONTHS
    report.outcomes = [
        observatory.test_csp(final),
        observatory.test_cookies([final], hsts),
        observatory.test_referrer_policy(final),
        observatory.test_hsts(final),
        observatory.test_sri("https://example.test/", final),
        observatory.test_x_content_type_options(final),
        observatory.test_x_frame_options(final),
        observatory.test_corp(final),
    ]
    return report


def test_the_deployments_headers_score_a_plus():
    report = score(GOOD, ["csrftoken=x; Path=/; Secure; HttpOnly; SameSite=Lax"])
    assert report.score == 130  # 100 + CSP 5 + cookies 5 + referrer 5 + frame-ancestors 5 + CORP 10
    assert report.grade == "A+"


@pytest.mark.parametrize(
    ("change", "expectation", "modifier"),
    [
        ({"Content-Security-Policy": None}, "csp-not-implemented", -25),
        (
            {"Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline'"},
            "csp-implemented-with-unsafe-inline",
            -20,
        ),
        ({"Strict-Transport-Security": None}, "hsts-not-implemented", -20),
        (
            {"Strict-Transport-Security": "max-age=86400"},
            "hsts-implemented-max-age-less-than-six-months",
            -10,
        ),
        ({"X-Content-Type-Options": None}, "x-content-type-options-not-implemented", -5),
        ({"Referrer-Policy": "unsafe-url"}, "referrer-policy-unsafe", -5),
        ({"Cross-Origin-Resource-Policy": "sometimes"}, "corp-header-invalid", -5),
    ],
)
def test_each_missing_or_weak_header_costs_what_the_observatory_charges(
    change, expectation, modifier
):
    headers = {k: v for k, v in {**GOOD, **change}.items() if v is not None}
    report = score(headers)
    outcome = next(o for o in report.outcomes if o.expectation == expectation)
    assert outcome.modifier == modifier
    assert report.score < score(GOOD).score == 125


def test_clickjacking_protection_without_frame_ancestors_needs_x_frame_options():
    csp = "default-src 'self'; object-src 'none'"
    assert score({**GOOD, "Content-Security-Policy": csp}).outcomes[6].modifier == -20
    with_xfo = score({**GOOD, "Content-Security-Policy": csp, "X-Frame-Options": "DENY"})
    assert with_xfo.outcomes[6].expectation == "x-frame-options-sameorigin-or-deny"


@pytest.mark.parametrize(
    ("cookie", "expectation"),
    [
        (
            "sessionid=x; Path=/; HttpOnly; SameSite=Lax",
            "cookies-session-without-secure-flag-but-protected-by-hsts",
        ),
        ("sessionid=x; Path=/; Secure; SameSite=Lax", "cookies-session-without-httponly-flag"),
        ("csrftoken=x; Path=/; Secure; HttpOnly", "cookies-anticsrf-without-samesite-flag"),
        ("csrftoken=x; Path=/; Secure; HttpOnly; SameSite=None", "cookies-samesite-flag-invalid"),
    ],
)  # fmt: skip
def test_cookies_need_secure_httponly_and_samesite(cookie, expectation):
    report = score(GOOD, [cookie])
    assert report.outcomes[1].expectation == expectation
    assert report.outcomes[1].modifier < 0


def test_bonuses_count_only_from_an_a():
    weak = {**GOOD, "Strict-Transport-Security": None, "X-Content-Type-Options": None}
    report = score({k: v for k, v in weak.items() if v is not None})
    assert report.score == 75  # 100 - 20 - 5, and none of the +25 bonuses
    assert report.grade == "B"
