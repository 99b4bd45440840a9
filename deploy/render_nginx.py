"""Write the nginx site for a real host from deploy/nginx/nexushr.conf.

    python -m deploy.render_nginx --server-name roles.example.com \
        --upstream 127.0.0.1:8000 --upstream 10.0.0.12:8000 \
        --static-root /srv/nexushr/staticfiles \
        --certificate /etc/letsencrypt/live/roles.example.com/fullchain.pem \
        --certificate-key /etc/letsencrypt/live/roles.example.com/privkey.pem \
        > /etc/nginx/sites-available/nexushr
"""

import argparse
import sys

from deploy.stack import DEPLOY, render_nginx_site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render deploy/nginx/nexushr.conf for a host.")
    parser.add_argument("--server-name", required=True)
    parser.add_argument(
        "--upstream", action="append", required=True,
        help="an app server: host:port or unix:/path.sock (repeat for each instance)",
    )  # fmt: skip
    parser.add_argument("--static-root", required=True, help="STATIC_ROOT (collectstatic's output)")
    parser.add_argument("--certificate", required=True)
    parser.add_argument("--certificate-key", required=True)
    parser.add_argument("--cache-dir", default="/var/cache/nginx/nexushr")
    parser.add_argument("--proxy-params", default="/etc/nginx/nexushr_proxy_params",
                        help=f"where you copied {DEPLOY / 'nginx' / 'proxy_params'}")  # fmt: skip
    args = parser.parse_args(argv)
    sys.stdout.write(
        render_nginx_site(
            upstream_servers="\n".join(f"    server {u};" for u in args.upstream),
            cache_dir=args.cache_dir,
            server_name=args.server_name,
            http_listen="80",
            https_listen="443",
            https_port_suffix="",
            ssl_certificate=args.certificate,
            ssl_certificate_key=args.certificate_key,
            static_root=args.static_root.rstrip("/"),
            proxy_params=args.proxy_params,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
