"""Run the shipped deployment on this machine, in a temporary directory, for tests and benchmarks.

Used by `make smoke-deploy` (deploy/smoke.py) and `make bench-http` (bench/http.py). Everything
it starts — gunicorn instances and nginx, as non-daemon child processes with their own prefix,
temp and cache directories — runs on free ephemeral ports and is killed, and the directory
removed, when the `Stack` closes, also after a failure or Ctrl-C.
"""

import contextlib
import http.client
import os
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))


def free_port() -> int:
    """A port nothing listens on now (the OS picks it, so parallel runs never collide)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen | None = None, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port} after {timeout} s")


def render_nginx_site(**values: str) -> str:
    """deploy/nginx/nexushr.conf with its {{ name }} placeholders filled in."""
    text = (DEPLOY / "nginx" / "nexushr.conf").read_text()
    for name, value in values.items():
        text = text.replace("{{ " + name + " }}", value)
    if "{{" in text:
        missing = text[text.index("{{") : text.index("}}") + 2]
        raise ValueError(f"no value for {missing} in deploy/nginx/nexushr.conf")
    return text


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def header(self, name: str) -> str:
        return self.headers.get(name, "")


def request(
    url: str,
    *,
    method: str = "GET",
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
    cafile: Path | None = None,
    timeout: float = 10,
) -> Response:
    """One HTTP(S) request, redirects not followed (the caller looks at them)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme == "https":
        context = ssl.create_default_context(cafile=str(cafile) if cafile else None)
        connection = http.client.HTTPSConnection(
            parts.hostname, parts.port, timeout=timeout, context=context
        )
    else:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return Response(response.status, response.headers, response.read())
    finally:
        connection.close()


@dataclass
class Stack:
    """A temporary directory and the processes started in it; close() undoes everything."""

    name: str = "nexushr"
    keep: bool = False
    # Scheduling priority of what the stack starts (`nice -n`); a benchmark on a shared, busy
    # machine may ask for more than its share (negative values need root).
    nice: int = 0
    directory: Path = field(init=False)
    processes: list[subprocess.Popen] = field(default_factory=list, init=False)
    cleanups: list = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        self.directory = Path(tempfile.mkdtemp(prefix=f"{self.name}-"))
        # SIGTERM (CI cancelling, `kill`) runs the same cleanup as an exception.
        self._previous_sigterm = signal.signal(signal.SIGTERM, _raise_system_exit)

    def __enter__(self) -> "Stack":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def redis_prefix(self, url: str, purpose: str) -> str:
        """A key prefix of its own on the Redis at ``url`` (pinged first), whose keys are
        deleted when the stack closes: runs never see each other's pages."""
        import redis

        prefix = f"nexushr-{purpose}-{secrets.token_hex(4)}"
        client = redis.Redis.from_url(url)
        client.ping()

        def forget() -> None:
            for key in client.scan_iter(match=f"{prefix}:*", count=1000):
                client.delete(key)
            client.close()

        self.cleanups.append(forget)
        return prefix

    def start(self, args: list[str], *, log: str, env: dict | None = None, cpus: str = ""):
        """A child process in its own process group, output to a log file in the directory."""
        if cpus and shutil.which("taskset"):
            args = ["taskset", "-c", cpus, *args]
        if self.nice:
            args = ["nice", "-n", str(self.nice), *args]
        logfile = open(self.directory / log, "ab")  # noqa: SIM115 (closed with the stack)
        self.cleanups.append(logfile.close)
        process = subprocess.Popen(
            args,
            cwd=ROOT,
            env=env,
            stdout=logfile,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(process)
        return process

    def log(self, name: str) -> str:
        path = self.directory / name
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self, process: subprocess.Popen) -> None:
        if process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=10)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        if process in self.processes:
            self.processes.remove(process)

    def close(self) -> None:
        for process in reversed(list(self.processes)):
            self.stop(process)
        for cleanup in reversed(self.cleanups):
            try:
                cleanup()
            except Exception as error:  # keep cleaning up
                print(f"cleanup: {error}", file=sys.stderr)
        self.cleanups.clear()
        if not self.keep:
            shutil.rmtree(self.directory, ignore_errors=True)
        signal.signal(signal.SIGTERM, self._previous_sigterm)

    # --- the pieces ---------------------------------------------------------------------

    def manage(self, env: dict, *args: str) -> None:
        subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
        )

    def gunicorn(
        self,
        env: dict,
        *,
        port: int | None = None,
        workers: int | None = None,
        cpus: str = "",
        app: str = "deploy.wsgi:application",
        extra: tuple[str, ...] = (),
    ) -> tuple[subprocess.Popen, int]:
        """An app server with deploy/gunicorn.conf.py on a free loopback port."""
        port = port or free_port()
        args = [GUNICORN, "-c", str(DEPLOY / "gunicorn.conf.py"), "--bind", f"127.0.0.1:{port}"]
        if workers:
            args += ["--workers", str(workers)]
        process = self.start([*args, *extra, app], log=f"gunicorn-{port}.log", env=env, cpus=cpus)
        wait_for_port(port, process)
        return process, port

    def certificate(self, host: str = "localhost") -> tuple[Path, Path]:
        """A self-signed certificate for localhost and 127.0.0.1 (tests only)."""
        cert, key = self.directory / "tls.crt", self.directory / "tls.key"
        subprocess.run(
            [
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", f"/CN={host}", "-addext", f"subjectAltName=DNS:{host},IP:127.0.0.1",
                "-keyout", str(key), "-out", str(cert),
            ],
            check=True,
            capture_output=True,
        )  # fmt: skip
        return cert, key

    def nginx(
        self,
        upstreams: list[str],
        static_root: Path,
        *,
        cpus: str = "",
        extra_http: str = "",
        workers: int = 1,
    ) -> tuple[int, int, Path]:
        """nginx with the shipped site config, in the foreground; returns (http, https, CA)."""
        prefix = self.directory / "nginx"
        (prefix / "cache").mkdir(parents=True, exist_ok=True)
        cert, key = self.certificate()
        http_port, https_port = free_port(), free_port()
        site = render_nginx_site(
            upstream_servers="\n".join(f"    server {u};" for u in upstreams),
            cache_dir=str(prefix / "cache"),
            server_name="localhost 127.0.0.1",
            http_listen=f"127.0.0.1:{http_port}",
            https_listen=f"127.0.0.1:{https_port}",
            https_port_suffix=f":{https_port}",
            ssl_certificate=str(cert),
            ssl_certificate_key=str(key),
            static_root=str(static_root),
            proxy_params=str(DEPLOY / "nginx" / "proxy_params"),
        )
        (prefix / "nexushr.conf").write_text(site)
        self.run_nginx(f"include {prefix}/nexushr.conf;", [http_port, https_port], cpus=cpus,
                       extra_http=extra_http, workers=workers)  # fmt: skip
        return http_port, https_port, cert

    def run_nginx(
        self, http_block: str, ports: list[int], *, cpus: str = "", extra_http: str = "",
        workers: int = 1, name: str = "nginx",
    ) -> subprocess.Popen:  # fmt: skip
        """nginx in the foreground with its own prefix, pid and temp dirs; `http_block` inside."""
        prefix = self.directory / name
        for sub in ("temp/body", "temp/proxy", "temp/fastcgi", "temp/uwsgi", "temp/scgi"):
            (prefix / sub).mkdir(parents=True, exist_ok=True)
        # Workers run as this user (a root master would switch them to nobody, who cannot
        # read the temporary directory).
        user = f"user {os.environ.get('USER', 'root')};" if os.geteuid() == 0 else ""
        main = f"""
{user}
daemon off;
master_process on;
worker_processes {workers};
pid {prefix}/nginx.pid;
error_log stderr warn;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    keepalive_requests 100000;
    client_body_temp_path {prefix}/temp/body;
    proxy_temp_path {prefix}/temp/proxy;
    fastcgi_temp_path {prefix}/temp/fastcgi;
    uwsgi_temp_path {prefix}/temp/uwsgi;
    scgi_temp_path {prefix}/temp/scgi;
    {extra_http}
    {http_block}
}}
"""
        (prefix / "nginx.conf").write_text(main)
        args = ["nginx", "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e", "stderr"]
        check = subprocess.run([*args, "-t"], capture_output=True, text=True)
        if check.returncode:
            raise RuntimeError(f"nginx -t failed:\n{check.stderr}")
        process = self.start(args, log=f"{name}.log", cpus=cpus)
        for port in ports:
            wait_for_port(port, process)
        return process


def _raise_system_exit(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def production_env(**overrides: str) -> dict[str, str]:
    """The environment of a production app server, on top of this process's PATH etc."""
    env = {
        **os.environ,
        "DJANGO_ENV": "production",
        "DJANGO_SETTINGS_MODULE": "nexushr.settings",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        # Behind the shipped nginx, which replaces X-Forwarded-For with the client's address.
        "TRUSTED_PROXY_COUNT": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    for name in ("DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"):  # never in production
        env.pop(name, None)
    env.update(overrides)
    return env
