"""Screenshots of every kind of page at 320, 768 and 1280 px, for a person to look at.

Serves the portal with the demo content from a throwaway SQLite database and
writes PNG files to screenshots/ (not committed). Usage: make screenshots
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
WIDTHS = [320, 768, 1280]
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def page_paths(env):
    """Ask Django, in the server's configuration, for one URL of every kind of page."""
    code = (
        "import django; django.setup(); "
        "from tests.sharedservices.test_valid_html import reader_pages; print('\\n'.join(reader_pages()))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return [line for line in result.stdout.splitlines() if line.startswith("/")]


def main():
    out = ROOT / "screenshots"
    out.mkdir(exist_ok=True)
    database = Path(tempfile.mkdtemp()) / "screenshots.sqlite3"
    env = {
        **os.environ,
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "sharedservices.settings",
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "load_demo_content"], cwd=ROOT, env=env, check=True)
    port = free_port()
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"], cwd=ROOT, env=env, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2)  # noqa: S310 - loopback only
                break
            except OSError:
                time.sleep(0.2)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for path in page_paths(env):
                name = path.strip("/").replace("/", "_").replace("?", "_").replace("=", "-") or "home"
                for width in WIDTHS:
                    page = browser.new_page(viewport={"width": width, "height": 900})
                    page.goto(base + path)
                    page.screenshot(path=str(out / f"{name}-{width}.png"), full_page=True)
                    page.close()
                print(f"{path}: {', '.join(f'{name}-{w}.png' for w in WIDTHS)}")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"Screenshots are in {out}")


if __name__ == "__main__":
    main()
