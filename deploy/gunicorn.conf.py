"""gunicorn settings for NexusHR: `make serve`, the smoke test, the benchmark and production.

    gunicorn -c deploy/gunicorn.conf.py

(The app is deploy.wsgi:application: nexushr.wsgi plus the header that bounds nginx's
micro-cache to the current second.)

Every value can be overridden from the environment (GUNICORN_BIND, GUNICORN_WORKERS, …) or on
the command line. The app sits behind nginx (deploy/nginx/nexushr.conf): bind it to loopback
or a unix socket, never to a public address.
"""

import os

wsgi_app = "deploy.wsgi:application"

# Loopback by default; `unix:/run/nexushr/gunicorn.sock` works as well (nginx: `server unix:…`).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")

# Chosen by measurement (bench/gunicorn_workers.py; README, "HTTP under load"): rendering is
# CPU-bound, so every worker class and count renders the same pages per second per core, and
# sync workers (cores + 1) had the steadiest tail; threads served cached pages 10-25 % faster
# (kept-alive connections) but doubled the uncached p99, and nginx's micro-cache answers the
# hot requests in front of the app anyway.
workers = int(os.environ.get("GUNICORN_WORKERS", (os.cpu_count() or 1) + 1))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = int(os.environ.get("GUNICORN_THREADS", "1"))

# Believe X-Forwarded-Proto / X-Forwarded-For only from the proxy in front (nginx on the same
# machine: loopback). Set FORWARDED_ALLOW_IPS to the load balancer's address(es) when it runs
# elsewhere. Connections over a unix socket are trusted (only local processes can reach it).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}

# nginx buffers slow clients, so a worker is only busy while the app works.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Restart a worker now and then so a slow leak can never grow without bound.
max_requests = 5000
max_requests_jitter = 500

accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
proc_name = os.environ.get("GUNICORN_PROC_NAME", "nexushr")
# No ~/.gunicorn control socket (gunicorn 27 creates one by default).
control_socket_disable = True


def on_starting(server):
    """Refuse to start on a misconfigured production setup (nexushr/checks.py: the in-process
    cache with several processes, no SITE_ORIGIN, …), however gunicorn was started: with
    `make serve`, by a process manager or by hand. An error stops the master before it forks.
    Another app under these settings (the benchmark's bare Django view) is not checked: it
    configures Django itself."""
    if getattr(server.app, "app_uri", wsgi_app) not in (wsgi_app, "nexushr.wsgi:application"):
        return
    import django
    from django.core.management import call_command

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nexushr.settings")
    django.setup()
    call_command("check", deploy=True, fail_level="ERROR", verbosity=0)
