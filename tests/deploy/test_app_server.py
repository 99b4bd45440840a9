"""The shipped gunicorn and nginx configuration, run for real on free ports."""

import json
import os
import re
import subprocess

import pytest

from deploy.stack import Stack, production_env, render_nginx_site, request

ROLELESS_PAGE = "/robots.txt"  # answers without a database


@pytest.fixture
def stack():
    with Stack("nexushr-test-deploy") as running:
        yield running


def app_server(stack: Stack, **environ: str) -> int:
    env = production_env(
        DATABASE_URL=f"sqlite:///{stack.directory / 'db.sqlite3'}",
        SITE_ORIGIN="https://localhost",
        GUNICORN_WORKERS="1",
        SINGLE_PROCESS="true",  # one worker, in-process cache: what the production check asks
        **environ,
    )
    env.pop("REDIS_URL", None)
    _, port = stack.gunicorn(env)
    return port


def test_x_forwarded_proto_is_believed_from_the_configured_proxy(stack):
    port = app_server(stack)  # forwarded_allow_ips: loopback, where nginx runs
    response = request(
        f"http://127.0.0.1:{port}{ROLELESS_PAGE}",
        headers={"Host": "localhost", "X-Forwarded-Proto": "https"},
    )
    assert response.status == 200
    assert "max-age=31536000" in response.header("Strict-Transport-Security")


def test_x_forwarded_proto_from_anyone_else_is_ignored(stack):
    """A client reaching gunicorn directly cannot claim HTTPS: it is redirected."""
    port = app_server(stack, FORWARDED_ALLOW_IPS="192.0.2.1")  # the proxy is elsewhere
    response = request(
        f"http://127.0.0.1:{port}{ROLELESS_PAGE}",
        headers={"Host": "localhost", "X-Forwarded-Proto": "https"},
    )
    assert response.status == 301
    assert response.header("Location") == f"https://localhost{ROLELESS_PAGE}"
    assert not response.header("Strict-Transport-Security")


def test_the_app_bounds_nginx_micro_cache_to_the_current_second(stack):
    port = app_server(stack)
    response = request(
        f"http://127.0.0.1:{port}{ROLELESS_PAGE}",
        headers={"Host": "localhost", "X-Forwarded-Proto": "https"},
    )
    assert response.header("X-Accel-Expires").startswith("@")


def test_the_benchmarks_bare_view_runs_under_the_shipped_settings(stack):
    """make bench-http's framework ceiling: Django alone, not checked as NexusHR is."""
    page = stack.directory / "page.html"
    page.write_bytes(b"<p>the same bytes</p>")
    pages = stack.directory / "pages.json"
    pages.write_text(json.dumps({"/en/roles/?q=data": str(page)}))

    _, port = stack.gunicorn(
        {**os.environ, "BENCH_PAGES": str(pages)}, app="bench.bare_wsgi:application"
    )
    response = request(f"http://127.0.0.1:{port}/en/roles/?q=data")

    assert response.status == 200 and response.body == b"<p>the same bytes</p>"


def test_the_shipped_nginx_site_is_valid_nginx(tmp_path):
    (tmp_path / "cache").mkdir()
    site = render_nginx_site(
        upstream_servers="    server 127.0.0.1:9;\n    server unix:/run/nexushr.sock;",
        cache_dir=str(tmp_path / "cache"),
        server_name="roles.example.com",
        http_listen="127.0.0.1:9",
        https_listen="127.0.0.1:10",
        https_port_suffix="",
        ssl_certificate="/etc/ssl/certs/ssl-cert-snakeoil.pem",
        ssl_certificate_key="/etc/ssl/private/ssl-cert-snakeoil.key",
        static_root=str(tmp_path),
        proxy_params="/dev/null",
    )
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid; events {{}} "
        f"http {{ include /etc/nginx/mime.types; include {tmp_path}/site.conf; }}"
    )
    with Stack("nexushr-test-nginx") as stack:
        cert, key = stack.certificate()
        (tmp_path / "site.conf").write_text(
            site.replace("/etc/ssl/certs/ssl-cert-snakeoil.pem", str(cert)).replace(
                "/etc/ssl/private/ssl-cert-snakeoil.key", str(key)
            )
        )
        result = subprocess.run(
            [
                "nginx",
                "-t",
                "-p",
                str(tmp_path),
                "-c",
                str(tmp_path / "nginx.conf"),
                "-e",
                "stderr",
            ],
            capture_output=True,
            text=True,
        )
    assert result.returncode == 0, result.stderr


def test_make_serve_runs_production_settings_under_gunicorn(tmp_path):
    """scripts/serve (make serve), as a plain-HTTP trial on SQLite: one process, threads."""
    import os
    import time

    from deploy.stack import ROOT, free_port

    port = free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "PLAIN_HTTP": "true",
        "SECRET_KEY": "test-only-serve-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    for name in ("REDIS_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)  # what pytest's settings put in this process's environment
    with Stack("nexushr-test-serve") as stack:
        process = stack.start([str(ROOT / "scripts" / "serve")], log="serve.log", env=env)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                response = request(f"http://127.0.0.1:{port}/healthz")
                break
            except OSError:
                assert process.poll() is None, stack.log("serve.log")
                time.sleep(0.2)
        else:
            raise AssertionError(stack.log("serve.log"))
        assert response.status == 200
        home = request(f"http://127.0.0.1:{port}/en/")
        assert home.status == 200
        assert home.header("X-Accel-Expires").startswith("@")  # deploy.wsgi, the shipped app
        hashed_css = re.search(rb'href="/static/[^"]+\.[0-9a-f]{12}\.css"', home.body)
        assert hashed_css, "production static files (hashed names) are collected and linked"
        assert "Serving NexusHR (production settings)" in stack.log("serve.log")
        # One gunicorn master and one worker: the in-process page cache stays correct.
        children = subprocess.run(
            ["pgrep", "-P", str(process.pid)], capture_output=True, text=True
        ).stdout.split()
        assert len(children) == 1


def test_gunicorn_refuses_to_start_a_misconfigured_production_app():
    """The production checks run in gunicorn's master however it is started, not only from
    `make serve`: without SITE_ORIGIN it stops before serving anything."""
    env = production_env(GUNICORN_BIND="127.0.0.1:0")
    env.pop("SITE_ORIGIN", None)
    finished = subprocess.run(
        [".venv/bin/gunicorn", "-c", "deploy/gunicorn.conf.py"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert finished.returncode != 0
    assert "nexushr.E002" in finished.stderr
