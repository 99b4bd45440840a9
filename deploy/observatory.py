"""The MDN HTTP Observatory's scoring rules, run against a deployment we start ourselves.

The Observatory (https://developer.mozilla.org/en-US/observatory) scans public hosts on ports
80/443 only, so it cannot reach a test run. This module applies the same tests and score
modifiers (mdn/mdn-http-observatory, src/grader/charts.js) to the responses of any origin:

    python -m deploy.observatory https://localhost:8443/ --http http://localhost:8080/ \
        --cafile tls.crt [--path /en/roles/machine-learning-engineer/ --path /admin/login/]

Every site starts at 100; penalties apply, and bonuses only when the penalised score is at
least 90; 100 or more is A+. Tests: Content-Security-Policy, cookies (Secure, HttpOnly for
session cookies, SameSite), CORS, HTTP→HTTPS redirection, Referrer-Policy, HSTS, Subresource
Integrity, X-Content-Type-Options, X-Frame-Options / frame-ancestors and
Cross-Origin-Resource-Policy. (HSTS preloading cannot be checked offline: it scores 0.)
"""

import argparse
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from deploy.stack import Response, request

GRADES = [
    (100, "A+"), (90, "A"), (85, "A-"), (80, "B+"), (70, "B"), (65, "B-"), (60, "C+"),
    (50, "C"), (45, "C-"), (40, "D+"), (30, "D"), (25, "D-"), (0, "F"),
]  # fmt: skip
SIX_MONTHS = 15_768_000
PRIVATE_REFERRERS = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}
UNSAFE_REFERRERS = {
    "origin",
    "origin-when-cross-origin",
    "unsafe-url",
    "no-referrer-when-downgrade",
}
SESSION_COOKIE = re.compile(r"sess|login|auth|token", re.IGNORECASE)
CSRF_COOKIE = re.compile(r"csrf|xsrf", re.IGNORECASE)
BROAD_SOURCES = {"*", "http:", "https:", "data:", "blob:", "filesystem:"}


@dataclass
class Outcome:
    test: str
    expectation: str
    modifier: int
    detail: str = ""


@dataclass
class Report:
    url: str
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def score(self) -> int:
        penalties = sum(o.modifier for o in self.outcomes if o.modifier < 0)
        bonuses = sum(o.modifier for o in self.outcomes if o.modifier > 0)
        score = 100 + penalties
        if score >= 90:
            score += bonuses
        return max(score, 0)

    @property
    def grade(self) -> str:
        return next(grade for floor, grade in GRADES if self.score >= floor)

    def render(self) -> str:
        lines = [f"{self.url}: score {self.score}, grade {self.grade}"]
        for o in self.outcomes:
            lines.append(f"  {o.modifier:+4d}  {o.test:32} {o.expectation}  {o.detail}".rstrip())
        return "\n".join(lines)


# --- the tests, each on the final response (and the redirect chain) ------------------------


def parse_csp(value: str) -> dict[str, list[str]] | None:
    policy: dict[str, list[str]] = {}
    for part in value.split(";"):
        tokens = part.strip().split()
        if not tokens:
            continue
        name = tokens[0].lower()
        if not re.fullmatch(r"[a-z-]+", name):
            return None
        policy.setdefault(name, [t.lower() for t in tokens[1:]])
    return policy


def test_csp(response: Response) -> Outcome:
    values = response.headers.get_all("Content-Security-Policy") or []
    if not values:
        return Outcome("content-security-policy", "csp-not-implemented", -25)
    policy = parse_csp(";".join(values))
    if policy is None:
        return Outcome("content-security-policy", "csp-header-invalid", -25)
    default = policy.get("default-src")
    script = policy.get("script-src", default)
    objects = policy.get("object-src", default)
    style = policy.get("style-src", default)
    if script is None or objects is None:
        return Outcome(
            "content-security-policy",
            "csp-implemented-with-unsafe-inline",
            -20,
            "no script-src/object-src",
        )
    if "'unsafe-inline'" in script or BROAD_SOURCES & set(script) or BROAD_SOURCES & set(objects):
        return Outcome("content-security-policy", "csp-implemented-with-unsafe-inline", -20)
    if "'unsafe-eval'" in script:
        return Outcome("content-security-policy", "csp-implemented-with-unsafe-eval", -10)
    active = [
        s
        for name, sources in policy.items()
        if name not in {"img-src", "media-src"}
        for s in sources
    ]
    if any(s.startswith("http://") for s in active):
        return Outcome("content-security-policy", "csp-implemented-with-insecure-scheme", -20)
    passive = policy.get("img-src", []) + policy.get("media-src", [])
    if any(s == "http:" or s.startswith("http://") for s in passive):
        return Outcome(
            "content-security-policy",
            "csp-implemented-with-insecure-scheme-in-passive-content-only",
            -10,
        )
    form_action = policy.get("form-action")
    if style and ("'unsafe-inline'" in style or BROAD_SOURCES - {"data:"} & set(style)):
        return Outcome(
            "content-security-policy", "csp-implemented-with-unsafe-inline-in-style-src-only", 0
        )
    if default == ["'none'"] and form_action:
        return Outcome(
            "content-security-policy", "csp-implemented-with-no-unsafe-default-src-none", 10
        )
    return Outcome("content-security-policy", "csp-implemented-with-no-unsafe", 5)


def cookies_of(responses: list[Response]) -> list[tuple[str, dict]]:
    found = []
    for response in responses:
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                attributes = {k.lower() for k in re.findall(r";\s*([A-Za-z-]+)", header)}
                samesite = re.search(r";\s*samesite=([A-Za-z]+)", header, re.IGNORECASE)
                found.append(
                    (
                        name,
                        {
                            "secure": "secure" in attributes,
                            "httponly": "httponly" in attributes,
                            "samesite": samesite.group(1).lower() if samesite else "",
                            "deleted": morsel.value == "" or "max-age=0" in header.lower(),
                        },
                    )
                )
    return found


def test_cookies(responses: list[Response], hsts: bool) -> Outcome:
    cookies = [(n, c) for n, c in cookies_of(responses) if not c["deleted"]]
    if not cookies:
        return Outcome("cookies", "cookies-not-found", 0)
    names = ", ".join(n for n, _ in cookies)
    for name, c in cookies:
        session = bool(SESSION_COOKIE.search(name))
        if session and not c["secure"]:
            if hsts:
                return Outcome(
                    "cookies",
                    "cookies-session-without-secure-flag-but-protected-by-hsts",
                    -10,
                    name,
                )
            return Outcome("cookies", "cookies-session-without-secure-flag", -40, name)
        if session and not c["httponly"]:
            return Outcome("cookies", "cookies-session-without-httponly-flag", -30, name)
        if not c["secure"]:
            if hsts:
                return Outcome(
                    "cookies", "cookies-without-secure-flag-but-protected-by-hsts", -5, name
                )
            return Outcome("cookies", "cookies-without-secure-flag", -20, name)
        if c["samesite"] and c["samesite"] not in {"strict", "lax"}:
            return Outcome("cookies", "cookies-samesite-flag-invalid", -20, name)
        if CSRF_COOKIE.search(name) and not c["samesite"]:
            return Outcome("cookies", "cookies-anticsrf-without-samesite-flag", -20, name)
    if all(c["samesite"] for _, c in cookies):
        return Outcome("cookies", "cookies-secure-with-httponly-sessions-and-samesite", 5, names)
    return Outcome("cookies", "cookies-secure-with-httponly-sessions", 0, names)


def test_cors(url: str, cafile: Path | None) -> Outcome:
    probe = request(
        url, headers={"Origin": "https://http-observatory.security.mozilla.org"}, cafile=cafile
    )
    allow = probe.header("Access-Control-Allow-Origin")
    if not allow:
        return Outcome(
            "cross-origin-resource-sharing", "cross-origin-resource-sharing-not-implemented", 0
        )
    if allow == "*":
        return Outcome(
            "cross-origin-resource-sharing",
            "cross-origin-resource-sharing-implemented-with-public-access",
            0,
        )
    if (
        "observatory" in allow
        and probe.header("Access-Control-Allow-Credentials").lower() == "true"
    ):
        return Outcome(
            "cross-origin-resource-sharing",
            "cross-origin-resource-sharing-implemented-with-universal-access",
            -50,
        )
    return Outcome(
        "cross-origin-resource-sharing",
        "cross-origin-resource-sharing-implemented-with-restricted-access",
        0,
    )


def follow(url: str, cafile: Path | None, limit: int = 10) -> list[tuple[str, Response]]:
    chain = []
    for _ in range(limit):
        response = request(url, cafile=cafile)
        chain.append((url, response))
        if response.status not in {301, 302, 303, 307, 308}:
            break
        url = urljoin(url, response.header("Location"))
    return chain


def test_redirection(http_url: str | None, cafile: Path | None) -> Outcome:
    if http_url is None:
        return Outcome("redirection", "redirection-not-needed-no-http", 0)
    try:
        chain = follow(http_url, cafile)
    except OSError:
        return Outcome("redirection", "redirection-not-needed-no-http", 0)
    if len(chain) < 2:
        return Outcome("redirection", "redirection-missing", -20)
    first, final = urlsplit(chain[1][0]), urlsplit(chain[-1][0])
    if final.scheme != "https":
        return Outcome("redirection", "redirection-not-to-https", -20)
    if first.scheme != "https":
        return Outcome("redirection", "redirection-not-to-https-on-initial-redirection", -10)
    if first.hostname != urlsplit(http_url).hostname:
        return Outcome("redirection", "redirection-off-host-from-http", -5)
    return Outcome("redirection", "redirection-to-https", 0, " → ".join(u for u, _ in chain))


def test_referrer_policy(response: Response) -> Outcome:
    values = ",".join(response.headers.get_all("Referrer-Policy") or [])
    if not values:
        return Outcome("referrer-policy", "referrer-policy-not-implemented", 0)
    tokens = [t.strip().lower() for t in values.split(",") if t.strip()]
    valid = [t for t in tokens if t in PRIVATE_REFERRERS | UNSAFE_REFERRERS]
    if not valid:
        return Outcome("referrer-policy", "referrer-policy-header-invalid", -5, values)
    if valid[-1] in PRIVATE_REFERRERS:  # browsers use the last value they understand
        return Outcome("referrer-policy", "referrer-policy-private", 5, valid[-1])
    return Outcome("referrer-policy", "referrer-policy-unsafe", -5, valid[-1])


def hsts_max_age(response: Response) -> int | None:
    value = response.header("Strict-Transport-Security")
    match = re.search(r"max-age\s*=\s*\"?(\d+)", value, re.IGNORECASE)
    return int(match.group(1)) if match else None


def test_hsts(response: Response) -> Outcome:
    value = response.header("Strict-Transport-Security")
    if not value:
        return Outcome("strict-transport-security", "hsts-not-implemented", -20)
    if len(response.headers.get_all("Strict-Transport-Security")) > 1:
        return Outcome("strict-transport-security", "hsts-header-invalid", -20, "sent twice")
    max_age = hsts_max_age(response)
    if max_age is None:
        return Outcome("strict-transport-security", "hsts-header-invalid", -20, value)
    if max_age < SIX_MONTHS:
        return Outcome(
            "strict-transport-security", "hsts-implemented-max-age-less-than-six-months", -10, value
        )
    return Outcome(
        "strict-transport-security", "hsts-implemented-max-age-at-least-six-months", 0, value
    )


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.scripts.append(dict(attrs))


def test_sri(url: str, response: Response) -> Outcome:
    if "html" not in response.header("Content-Type"):
        return Outcome("subresource-integrity", "sri-not-implemented-response-not-html", 0)
    if response.status != 200:
        return Outcome("subresource-integrity", "request-did-not-return-status-code-200", -5)
    parser = _Scripts()
    parser.feed(response.body.decode("utf-8", "replace"))
    sources = [s for s in parser.scripts if s.get("src")]
    if not sources:
        return Outcome("subresource-integrity", "sri-not-implemented-but-no-scripts-loaded", 0)
    host = urlsplit(url).hostname
    external = [s for s in sources if urlsplit(urljoin(url, s["src"] or "")).hostname != host]
    insecure = [s for s in external if not urljoin(url, s["src"] or "").startswith("https://")]
    with_integrity = all(s.get("integrity") for s in sources)
    if insecure:
        if with_integrity:
            return Outcome(
                "subresource-integrity",
                "sri-implemented-but-external-scripts-not-loaded-securely",
                -20,
            )
        return Outcome(
            "subresource-integrity",
            "sri-not-implemented-and-external-scripts-not-loaded-securely",
            -50,
        )
    if with_integrity:
        return Outcome(
            "subresource-integrity", "sri-implemented-and-all-scripts-loaded-securely", 5
        )
    if external:
        return Outcome(
            "subresource-integrity", "sri-not-implemented-but-external-scripts-loaded-securely", -5
        )
    return Outcome(
        "subresource-integrity", "sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0
    )


def test_x_content_type_options(response: Response) -> Outcome:
    value = response.header("X-Content-Type-Options").strip().lower()
    if not value:
        return Outcome("x-content-type-options", "x-content-type-options-not-implemented", -5)
    if value != "nosniff":
        return Outcome("x-content-type-options", "x-content-type-options-header-invalid", -5, value)
    return Outcome("x-content-type-options", "x-content-type-options-nosniff", 0)


def test_x_frame_options(response: Response) -> Outcome:
    policy = parse_csp(";".join(response.headers.get_all("Content-Security-Policy") or [])) or {}
    if "frame-ancestors" in policy:
        return Outcome("x-frame-options", "x-frame-options-implemented-via-csp", 5)
    value = response.header("X-Frame-Options").strip().lower()
    if not value:
        return Outcome("x-frame-options", "x-frame-options-not-implemented", -20)
    if value in {"deny", "sameorigin"}:
        return Outcome("x-frame-options", "x-frame-options-sameorigin-or-deny", 0)
    if value.startswith("allow-from"):
        return Outcome("x-frame-options", "x-frame-options-allow-from-origin", 0)
    return Outcome("x-frame-options", "x-frame-options-header-invalid", -20, value)


def test_corp(response: Response) -> Outcome:
    value = response.header("Cross-Origin-Resource-Policy").strip().lower()
    if not value:
        return Outcome("cross-origin-resource-policy", "corp-not-implemented", 0)
    if value == "same-origin":
        return Outcome("cross-origin-resource-policy", "corp-implemented-with-same-origin", 10)
    if value == "same-site":
        return Outcome("cross-origin-resource-policy", "corp-implemented-with-same-site", 10)
    if value == "cross-origin":
        return Outcome("cross-origin-resource-policy", "corp-implemented-with-cross-origin", 0)
    return Outcome("cross-origin-resource-policy", "corp-header-invalid", -5, value)


def scan(url: str, *, http_url: str | None = None, cafile: Path | None = None) -> Report:
    """Scan one https URL as the Observatory would (following its redirects)."""
    chain = follow(url, cafile)
    final_url, final = chain[-1]
    report = Report(url)
    hsts = (hsts_max_age(final) or 0) >= SIX_MONTHS
    report.outcomes = [
        test_csp(final),
        test_cookies([r for _, r in chain], hsts),
        test_cors(final_url, cafile),
        test_redirection(http_url, cafile),
        test_referrer_policy(final),
        test_hsts(final),
        test_sri(final_url, final),
        test_x_content_type_options(final),
        test_x_frame_options(final),
        test_corp(final),
    ]
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="the https origin, e.g. https://localhost:8443/")
    parser.add_argument("--http", help="the same site over plain http (redirection test)")
    parser.add_argument("--cafile", type=Path, help="CA/self-signed certificate to trust")
    parser.add_argument("--path", action="append", default=[], help="more paths to scan")
    parser.add_argument("--min-score", type=int, default=100, help="fail below (100 = A+)")
    args = parser.parse_args(argv)
    failed = False
    for path in ["", *args.path]:
        report = scan(urljoin(args.url, path), http_url=args.http, cafile=args.cafile)
        print(report.render())
        failed |= report.score < args.min_score
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
