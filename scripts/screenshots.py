"""Screenshots for the README: the compare page at 390 and 1280 px, and a printed role page.

Usage: with the site running (`make run`, or any server with the fixtures loaded),

    .venv/bin/python scripts/screenshots.py [http://127.0.0.1:8000]

writes docs/compare-390.png, docs/compare-1280.png, docs/print-machine-learning-engineer.pdf and,
when poppler's `pdftoppm` is installed, docs/print-machine-learning-engineer-p1.png. It drives the
system Chromium (/usr/bin/chromium) through Playwright, as the browser tests do.
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

DOCS = Path(__file__).resolve().parent.parent / "docs"
COMPARE = "/en/compare/?roles=machine-learning-engineer,data-scientist,software-developer"
ROLE = "/en/roles/machine-learning-engineer/"
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]


def main(base: str) -> None:
    home = tempfile.mkdtemp(prefix="nexushr-shots-")  # a throwaway HOME for Chromium
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=ARGS, env={"HOME": home}
        )
        for width, height in ((390, 1200), (1280, 1400)):
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(base + COMPARE)
            page.screenshot(path=DOCS / f"compare-{width}.png")
            page.close()
        page = browser.new_page()
        page.goto(base + ROLE)
        pdf = DOCS / "print-machine-learning-engineer.pdf"
        page.pdf(path=pdf, format="A4", prefer_css_page_size=True)
        browser.close()
    if shutil.which("pdftoppm"):
        target = DOCS / "print-machine-learning-engineer-p1"
        subprocess.run(  # noqa: S603 - fixed arguments
            ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", pdf, target],  # noqa: S607
            check=True,
        )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
