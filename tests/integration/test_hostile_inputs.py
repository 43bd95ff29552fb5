"""A corpus of hostile files: each gets a reason or is decoded, the run goes on, nothing stored is lost."""

from __future__ import annotations

import logging
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from corpus_files import copy_articles
from pipeline.runner import run_pipeline

ENGLISH = (
    "ALMATY, May 14, 2024 -- Kazakh Energy Minister Dauren Serikbayev met with {name}, the visiting "
    "Minister of Industry of {country}, to discuss energy and transport cooperation. The sides agreed to "
    "expand trade and investment, and noted that bilateral trade turnover grew by 9 percent last year.\n"
)
GERMAN = (
    "Die Außenminister beider Länder trafen sich am Mittwoch in Berlin, um über die Zusammenarbeit in den "
    "Bereichen Handel, Energie und Verkehr zu sprechen. Beide Seiten betonten die Bedeutung der "
    "strategischen Partnerschaft und vereinbarten weitere Treffen im kommenden Jahr."
)
RUSSIAN = (
    "Министры иностранных дел двух стран провели переговоры в Москве в среду и обсудили сотрудничество "
    "в области торговли, энергетики и транспорта. Стороны подчеркнули важность стратегического партнерства."
)
CHINESE = "两国外长周三在北京举行会谈，双方讨论了贸易、能源和交通领域的合作，并强调了战略伙伴关系的重要性。"
HTML = (
    "<html><head><title>Ministers meet in Astana</title><script>var x = 1;</script>"
    "<style>p {color: red}</style></head><body><nav>Home | World</nav><h1>Ministers meet in Astana</h1>"
    "<p>ASTANA, June 3, 2024 -- Kazakh Foreign Minister Arman Seitkali held talks with Indian Ambassador "
    "to Kazakhstan Rohan Mehta on energy and trade cooperation.</p><p>The sides praised their strategic "
    "partnership.</p></body></html>"
)


def hostile_inbox(inbox: Path) -> dict[str, str]:
    """Write the hostile files; returns the expected rejection reason keyword per rejected file."""
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "blank.txt").write_text("   \n\t\n  ", encoding="utf-8")
    (inbox / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    (inbox / "utf16.txt").write_bytes(
        "\ufeff".encode("utf-16-le") + ENGLISH.format(name="Rohan Mehta", country="India").encode("utf-16-le")
    )
    (inbox / "cp1252.txt").write_bytes(ENGLISH.format(name="José Müller-Peña", country="Spain").encode("cp1252"))
    good = ENGLISH.format(name="Aigerim Ospanova", country="Uzbekistan").encode("utf-8")
    (inbox / "broken_utf8.txt").write_bytes(good[:120] + b"\xff\xfe\xc3" + good[120:])
    (inbox / "huge.txt").write_bytes(b"x" * 3000)
    (inbox / "one_line.txt").write_text("word " * 210_000, encoding="utf-8")  # a single 1 MB line
    (inbox / "german.txt").write_text(GERMAN, encoding="utf-8")
    (inbox / "russian.txt").write_text(RUSSIAN, encoding="utf-8")
    (inbox / "chinese.txt").write_text(CHINESE, encoding="utf-8")
    (inbox / "page.html").write_text(HTML, encoding="utf-8")
    (inbox / "Außenpolitik notes é.txt").write_text(
        ENGLISH.format(name="Lars Eriksson", country="Sweden"), encoding="utf-8"
    )
    return {
        "empty.txt": "empty",
        "blank.txt": "whitespace",
        "image.txt": "binary",
        "huge.txt": "too large",
        "one_line.txt": "too long",
        "german.txt": "'de'",
        "russian.txt": "'ru'",
        "chinese.txt": "'zh'",
    }


@pytest.fixture()
def hostile_run(tmp_path, monkeypatch):
    inbox = copy_articles(tmp_path / "inbox")
    expected = hostile_inbox(inbox)
    monkeypatch.setenv("PIPELINE_MAX_FILE_BYTES", "1100000")
    monkeypatch.setenv("PIPELINE_MAX_TEXT_CHARS", "200000")
    # huge.txt is small on disk but must exceed the limit: shrink the limit for it alone by size
    (inbox / "huge.txt").write_bytes(b"y " * 600_000)
    warehouse = tmp_path / "warehouse.duckdb"
    instance = dg.DagsterInstance.ephemeral()
    result = run_pipeline(inbox_dir=inbox, warehouse_path=warehouse, instance=instance)
    warnings = [entry.user_message for entry in instance.all_logs(result.run_id)
                if entry.dagster_event is None and entry.level >= logging.WARNING]
    return inbox, warehouse, result, expected, warnings


def test_every_hostile_file_is_decoded_or_rejected_with_a_reason(hostile_run):
    inbox, warehouse, result, expected, warnings = hostile_run
    assert result.success
    # the run's log names every rejected file with its reason, in one warning
    rejections = [message for message in warnings if message.startswith("rejected")]
    assert len(rejections) == 1
    for path, keyword in expected.items():
        line = next(line for line in rejections[0].splitlines() if f"rejected {path}: " in line)
        assert keyword in line, line
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        reasons = dict(conn.execute("select source_path, reason from raw.rejected_documents").fetchall())
        languages = dict(conn.execute("select source_path, language from raw.rejected_documents").fetchall())
        raw = {row[0]: row[1:] for row in conn.execute(
            "select source_path, raw_text, encoding, decode_warnings from raw.documents").fetchall()}
        ok = {row[0] for row in conn.execute("select source_path from core.documents where status = 'ok'").fetchall()}
    assert set(reasons) == set(expected)
    for path, keyword in expected.items():
        assert keyword in reasons[path], (path, reasons[path])
    assert languages["german.txt"] == "de" and languages["russian.txt"] == "ru" and languages["chinese.txt"] == "zh"
    assert "Rohan Mehta" in raw["utf16.txt"][0] and raw["utf16.txt"][1].lower().startswith("utf")
    assert "José Müller-Peña" in raw["cp1252.txt"][0]
    assert "\ufffd" in raw["broken_utf8.txt"][0] and "replaced" in raw["broken_utf8.txt"][2]
    assert "Seitkali" in raw["page.html"][0] and "var x" not in raw["page.html"][0] and "<p>" not in raw["page.html"][0]
    assert "Außenpolitik notes é.txt" in ok
    assert {"utf16.txt", "cp1252.txt", "broken_utf8.txt", "page.html"} <= ok
    assert len([p for p in ok if p.startswith("00")]) == 5


def test_a_stored_document_survives_its_file_turning_bad(tmp_path):
    inbox = copy_articles(tmp_path / "inbox")
    warehouse = tmp_path / "warehouse.duckdb"
    run_pipeline(inbox_dir=inbox, warehouse_path=warehouse)
    target = sorted(inbox.glob("003_*.txt"))[0]
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        before = conn.execute("select count(*) from core.interactions").fetchone()[0]
    target.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    assert run_pipeline(inbox_dir=inbox, warehouse_path=warehouse).success
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        reason = conn.execute("select reason from raw.rejected_documents where source_path = ?", [target.name]).fetchone()
        kept = conn.execute("select count(*) from raw.documents where source_path = ? and deleted_at is null",
                            [target.name]).fetchone()[0]
        after = conn.execute("select count(*) from core.interactions").fetchone()[0]
    assert reason and "binary" in reason[0]
    assert kept == 1 and after == before


def test_unreadable_and_vanishing_files_do_not_stop_the_run(tmp_path, monkeypatch):
    inbox = copy_articles(tmp_path / "inbox")
    (inbox / "locked.txt").write_text(ENGLISH.format(name="Rohan Mehta", country="India"), encoding="utf-8")
    (inbox / "vanishing.txt").write_text(ENGLISH.format(name="Lars Eriksson", country="Sweden"), encoding="utf-8")
    real_read_bytes = Path.read_bytes

    def guarded_read_bytes(path: Path) -> bytes:
        # Root ignores file permissions, so the refusal and the disappearance are simulated at the read.
        if path.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(path))
        if path.name == "vanishing.txt":
            path.unlink()
            raise FileNotFoundError(2, "No such file or directory", str(path))
        return real_read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", guarded_read_bytes)
    warehouse = tmp_path / "warehouse.duckdb"
    result = run_pipeline(inbox_dir=inbox, warehouse_path=warehouse)
    assert result.success
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        reasons = dict(conn.execute("select source_path, reason from raw.rejected_documents").fetchall())
        ok = conn.execute("select count(*) from core.documents where status = 'ok'").fetchone()[0]
    assert "Permission denied" in reasons["locked.txt"]
    assert "vanishing.txt" not in reasons
    assert ok == 5
