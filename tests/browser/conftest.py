"""Fixtures of the browser test: the report built from the bundled articles and a headless Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
BASE_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars", "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000",
)


@dataclass(frozen=True)
class Browser:
    binary: str
    profile: Path

    def run(self, url: str, *flags: str, timeout: int = 120) -> subprocess.CompletedProcess[str]:
        command = [self.binary, *BASE_FLAGS, f"--user-data-dir={self.profile}", *flags, url]
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)

    def dump_dom(self, url: str) -> str:
        completed = self.run(url, "--dump-dom")
        assert completed.returncode == 0, completed.stderr[-2000:]
        return completed.stdout

    def screenshot(self, url: str, target: Path, size: str = "1400,3000") -> Path:
        completed = self.run(url, f"--screenshot={target}", f"--window-size={size}")
        assert completed.returncode == 0 and target.exists(), completed.stderr[-2000:]
        return target


@pytest.fixture(scope="session")
def browser(tmp_path_factory) -> Browser:
    binary = str(CHROMIUM) if CHROMIUM.exists() else shutil.which("chromium")
    if binary is None:
        reason = "headless Chromium is not installed (run .ci/install-browser.sh: apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(reason + "; under CI the browser test must run", pytrace=False)
        pytest.skip(reason)
    return Browser(binary=binary, profile=tmp_path_factory.mktemp("chromium-profile"))


@pytest.fixture(scope="session")
def published_report(seeded_run) -> Path:
    """The report asset materialized over the seeded warehouse; returns the page's path."""
    import dagster as dg

    from assets.report import relationship_report
    from pipeline.resources import WarehouseResource

    warehouse, _, _ = seeded_run
    published = warehouse.parent / "published"
    result = dg.materialize(
        [relationship_report],
        resources={"warehouse": WarehouseResource(database=str(warehouse), published_dir=str(published))},
    )
    assert result.success
    return published / "report.html"


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
