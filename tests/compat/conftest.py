"""The DuckDB 1.x clients of the compatibility tests (see clients.py)."""

from __future__ import annotations

import pytest

from compat.clients import client_python


@pytest.fixture(scope="session")
def duckdb_client():
    """duckdb_client(version) -> the interpreter of a virtualenv holding that DuckDB 1.x release."""
    return client_python
