"""`make smoke-deploy`: the shipped deployment, started for real, does what it promises.

Two app instances (gunicorn, deploy/gunicorn.conf.py, production settings) on free ports share
one PostgreSQL database and one Redis; nginx runs the shipped site config in front of both
with a self-signed certificate. The test then checks, as a visitor and an editor would:

1. plain HTTP answers 301 to the same host over HTTPS; pages come over TLS;
2. static files are served by nginx, hashed names cached for a year (immutable), compressed;
3. anonymous HTML goes through the micro-cache (MISS, then HIT);
4. the headers score A+ by the MDN HTTP Observatory's rules (deploy/observatory.py) on the
   home page, a role page and the admin login page (cookies);
5. an editor saves a change in the admin through instance A, and the change is visible within
   one second through nginx and through instance B.

Everything runs in a temporary directory and a temporary database (dropped at the end), on
free ports, and is cleaned up even when a check fails. Needs PostgreSQL (SMOKE_DATABASE_URL or
DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres, as a server to create the
database on) and Redis (REDIS_URL, else redis://127.0.0.1:6379/0; keys get a unique prefix
and are deleted at the end).
"""

import os
import re
import secrets
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deploy.observatory import scan  # noqa: E402
from deploy.stack import Response, Stack, production_env, request  # noqa: E402

ROLE = "/en/roles/machine-learning-engineer/"
VISIBLE_WITHIN = 1.0  # seconds from the editor's save to every visitor seeing it


def check(condition: bool, message: str) -> None:
    if not condition:
        raise AssertionError(message)
    print(f"  ok  {message}")


def temporary_database(stack: Stack) -> str:
    import psycopg

    server = os.environ.get("SMOKE_DATABASE_URL") or os.environ.get("DATABASE_URL", "")
    if not server.startswith("postgres"):
        server = "postgres://postgres@127.0.0.1:5432/postgres"
    name = f"nexushr_smoke_{secrets.token_hex(4)}"
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    stack.cleanups.append(drop)
    parts = urlsplit(server)
    return urlunsplit(parts._replace(path=f"/{name}"))


class Editor:
    """An admin user talking to one app instance directly, as nginx would forward it."""

    def __init__(self, port: int) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.cookies: dict[str, str] = {}

    def send(self, method: str, path: str, form: dict | None = None) -> Response:
        headers = {"Host": "localhost", "X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"https://localhost{path}"
        response = request(self.base + path, method=method, headers=headers, body=body)
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return response

    def csrf_token(self, page: Response) -> str:
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
        assert match, "no CSRF token on the admin page"
        return match.group(1).decode()

    def log_in(self, username: str, password: str) -> None:
        page = self.send("GET", "/admin/login/")
        form = {"csrfmiddlewaretoken": self.csrf_token(page), "username": username}
        form |= {"password": password, "next": "/admin/"}
        response = self.send("POST", "/admin/login/?next=/admin/", form)
        check(response.status == 302, "the editor logs in to the admin through instance A")

    def rename_tool(self, search: str, new_name: str) -> None:
        listing = self.send("GET", f"/admin/roles/tool/?q={search}")
        match = re.search(rb'href="(/admin/roles/tool/\d+/change/)[^"]*"', listing.body)
        assert match, f"tool {search!r} not found in the admin"
        path = match.group(1).decode()
        page = self.send("GET", path)
        slug = re.search(rb'name="slug"[^>]*value="([^"]*)"', page.body)
        form = {"csrfmiddlewaretoken": self.csrf_token(page), "name": new_name}
        form |= {"slug": slug.group(1).decode() if slug else search, "_save": "Save"}
        response = self.send("POST", path, form)
        check(response.status == 302, f"the editor renames the tool to {new_name!r} (saved)")


def wait_until_visible(fetch, text: bytes, since: float, label: str) -> None:
    """Poll one request at a time until `text` has been in 10 answers in a row; every request
    *sent* a second or more after `since` must have had it.

    A visitor who asks before the change has spread may still get the old page (nginx holds a
    page until the end of the second its request arrived in); the promise is that anyone who
    asks a second or more after the save gets the new one, every time.
    """
    deadline = since + 10
    last_stale, fresh_in_a_row = None, 0
    while fresh_in_a_row < 10:
        if time.monotonic() > deadline:
            raise AssertionError(f"the change never became visible through {label}")
        sent = time.monotonic()
        if text in fetch().body:
            fresh_in_a_row += 1
        else:
            last_stale, fresh_in_a_row = sent - since, 0
        time.sleep(0.01)
    if last_stale is None:
        stale = "no old page after the save"
    else:
        stale = f"the last old page answered a request sent {last_stale:.2f} s after the save"
    check(
        last_stale is None or last_stale < VISIBLE_WITHIN,
        f"every request through {label} sent 1 s after the save or later sees the change ({stale})",
    )


def main() -> int:
    redis_url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    with Stack("nexushr-smoke", keep=bool(os.environ.get("SMOKE_KEEP"))) as stack:
        try:
            return run(stack, redis_url)
        except Exception:
            for name in sorted(p.name for p in stack.directory.glob("*.log")):
                print(f"--- {name} (last lines) ---\n{stack.log(name)[-3000:]}", file=sys.stderr)
            raise


def run(stack: Stack, redis_url: str) -> int:
    print("Starting: PostgreSQL database, Redis prefix, 2 app instances, nginx …")
    static_root = stack.directory / "static"
    env = production_env(
        DATABASE_URL=temporary_database(stack),
        REDIS_URL=redis_url,
        CACHE_KEY_PREFIX=stack.redis_prefix(redis_url, "smoke"),
        STATIC_ROOT=str(static_root),
        GUNICORN_WORKERS="2",
    )
    # nginx's port is only known once it starts; SITE_ORIGIN is used for absolute links only.
    env["SITE_ORIGIN"] = "https://localhost"
    stack.manage(env, "migrate", "--no-input")
    stack.manage(env, "loaddata", *sorted(str(p) for p in (ROOT / "fixtures").glob("*.json")))
    stack.manage(env, "collectstatic", "--no-input")
    password = secrets.token_urlsafe(16)
    stack.manage(
        {**env, "DJANGO_SUPERUSER_PASSWORD": password},
        "createsuperuser", "--no-input", "--username", "smoke", "--email", "smoke@example.com",
    )  # fmt: skip
    _, port_a = stack.gunicorn(env)
    _, port_b = stack.gunicorn(env)
    http_port, https_port, cafile = stack.nginx(
        [f"127.0.0.1:{port_a}", f"127.0.0.1:{port_b}"], static_root
    )
    site = f"https://localhost:{https_port}"

    def via_nginx(path: str, **headers: str) -> Response:
        return request(site + path, headers=headers, cafile=cafile)

    print(f"app instances on {port_a} and {port_b}; nginx on {http_port} (http), {https_port}")

    print("1. HTTPS")
    plain = request(f"http://localhost:{http_port}{ROLE}?x=1")
    check(plain.status == 301, "plain HTTP answers 301")
    check(
        plain.header("Location") == f"{site}{ROLE}?x=1",
        "… to the same host and path over HTTPS",
    )
    page = via_nginx(ROLE)
    check(page.status == 200, "the role page answers 200 over TLS through nginx")

    print("2. static files")
    css = re.search(rb'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', page.body)
    check(css is not None, "the page links a hashed stylesheet")
    asset = via_nginx(css.group(1).decode(), **{"Accept-Encoding": "gzip"})
    check(asset.status == 200, "nginx serves it")
    check(
        asset.header("Cache-Control") == "public, max-age=31536000, immutable",
        "hashed static files are cached for a year, immutable",
    )
    check(asset.header("Content-Encoding") == "gzip", "… and sent compressed")
    check("gunicorn" not in asset.header("Server").lower(), "… by nginx, not the app")

    print("3. micro-cache")
    first = via_nginx("/en/")
    # Requests in quick succession: at least one lands in the second the page was stored in
    # (on a busy machine one request can take most of a second).
    repeats = [via_nginx("/en/") for _ in range(5)]
    second = next((r for r in repeats if r.header("X-Cache") == "HIT"), repeats[-1])
    check(
        first.header("X-Cache") in {"MISS", "HIT", "EXPIRED", "REVALIDATED", "UPDATING"},
        "pages pass through the micro-cache",
    )
    check(second.header("X-Cache") == "HIT", "a repeated anonymous request is a cache HIT")
    check(not second.header("X-Accel-Expires"), "nginx keeps its cache instructions to itself")
    check(bool(second.header("ETag")), "the app's ETag reaches the visitor")
    # Past the second the page was stored in, nginx asks the app again with If-None-Match;
    # nothing changed, so the app answers 304 and nginx refreshes its copy without a render.
    time.sleep(1.1)
    later = via_nginx("/en/")
    check(
        later.header("X-Cache") == "REVALIDATED",
        f"an expired page is revalidated with its ETag (X-Cache: {later.header('X-Cache')})",
    )
    check(later.body == second.body, "… and the stored copy is served")
    editor_view = via_nginx("/en/", Cookie="sessionid=someone")
    check(
        editor_view.header("X-Cache") == "BYPASS",
        "a visitor with a session is never served from the micro-cache",
    )
    english = [via_nginx("/", **{"Accept-Language": "en"}) for _ in range(2)][-1]
    portuguese = via_nginx("/", **{"Accept-Language": "pt-BR,pt;q=0.9"})
    check(
        english.header("Location").endswith("/en/")
        and portuguese.header("Location").endswith("/pt-br/"),
        "the language redirect of / is cached per Accept-Language (Vary), not for everyone",
    )
    compressed = via_nginx(ROLE, **{"Accept-Encoding": "gzip"})
    check(compressed.header("Content-Encoding") == "gzip", "HTML is compressed by nginx")

    print("4. Observatory rules (A+ needs 100)")
    for path in ["/", ROLE, "/admin/login/"]:
        report = scan(site + path, http_url=f"http://localhost:{http_port}{path}", cafile=cafile)
        print("     " + report.render().replace("\n", "\n     "))
        check(report.grade == "A+", f"{path} scores {report.score}: {report.grade}")

    print("5. a save through instance A reaches every visitor")
    editor = Editor(port_a)
    editor.log_in("smoke", password)
    new_name = f"MLflow {secrets.token_hex(3)}"
    instance_b = f"http://127.0.0.1:{port_b}{ROLE}"

    def via_b() -> Response:
        return request(instance_b, headers={"Host": "localhost", "X-Forwarded-Proto": "https"})

    # Both paths have the page cached before the save (nginx micro-cache, Redis page cache).
    for _ in range(3):
        via_nginx(ROLE), via_b()
    hits = [via_nginx(ROLE).header("X-Cache") for _ in range(5)]
    check("HIT" in hits, "the role page is cached in nginx before the save")
    editor.rename_tool("mlflow", new_name)
    saved = time.monotonic()
    # nginx first: it is the one that may hold the old page (until the end of that second).
    wait_until_visible(lambda: via_nginx(ROLE), new_name.encode(), saved, "nginx")
    wait_until_visible(via_b, new_name.encode(), saved, "instance B")
    print("smoke-deploy: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
