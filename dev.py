#!/usr/bin/env python3
"""Set up Gemeinsam from nothing but Python 3.11+ and the package registries, then serve or test.

    python3 dev.py serve   # demo data on SQLite, served by gunicorn at http://127.0.0.1:8000
    python3 dev.py test    # the whole test suite (pass pytest arguments after "test")

PORT=8765 python3 dev.py serve serves on another port (and links and letters name it).

Every step is idempotent, so running either command again is fast and safe.
"""

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".installed-from"
CHROMIUM = "/usr/bin/chromium"


def run(*args, **kwargs):
    print("→", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], check=True, cwd=ROOT, **kwargs)


def ensure_environment():
    if sys.version_info < (3, 11):
        sys.exit("Gemeinsam needs Python 3.11 or newer.")
    if not PYTHON.exists():
        venv.create(VENV, with_pip=True)
    # Reinstall only when the declared dependencies changed.
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text() != wanted:
        run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
        run(PYTHON, "-m", "pip", "install", "--quiet", "-e", ".[test]")
        STAMP.write_text(wanted)
    manage("compile_translations")


def manage(*args, env=None):
    run(PYTHON, "manage.py", *args, env=env)


def serve():
    port = os.environ.get("PORT", "8000")
    # Links in e-mails and the address printed in letters name the port actually served.
    os.environ.setdefault("BASE_URL", f"http://127.0.0.1:{port}")
    ensure_environment()
    manage("migrate", "--noinput")
    manage("collectstatic", "--noinput", "--verbosity", "0")
    manage("load_demo")
    print(f"\nGemeinsam runs at http://127.0.0.1:{port} – demo logins are in the README. "
          "Stop with Ctrl+C.\n", flush=True)
    os.execv(str(BIN / "gunicorn"), [
        "gunicorn", "gemeinsam.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2",
        "--threads", "4", "--access-logfile", "-", "--chdir", str(ROOT),
    ])


def test(pytest_args):
    ensure_environment()
    env = dict(os.environ)
    if not Path(CHROMIUM).exists():
        if env.get("CI"):
            sys.exit(f"{CHROMIUM} is missing; CI must run the browser tests (apt-get install "
                     "chromium).")
        print(f"Note: {CHROMIUM} not found, browser tests will be skipped "
              "(apt-get install chromium).", flush=True)
    # Playwright's sync API runs an event loop in the test thread; Django's ORM must allow it.
    env.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    result = subprocess.run([str(PYTHON), "-m", "pytest", *pytest_args], cwd=ROOT, env=env)
    sys.exit(result.returncode)


def main():
    command, *rest = sys.argv[1:] or ["help"]
    if command == "serve":
        serve()
    elif command == "test":
        test(rest)
    elif command == "clean":
        shutil.rmtree(VENV, ignore_errors=True)
        shutil.rmtree(ROOT / "var", ignore_errors=True)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
