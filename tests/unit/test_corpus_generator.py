"""The synthetic corpus generator: determinism, realism bounds and gold consistency."""

import json
import re
import time
from datetime import date
from pathlib import Path

import py3langid
import pytest

from benchmarks.corpus import MAX_WORDS, MIN_WORDS, CorpusSummary, generate_corpus, main

N = 300
SEED = 7
DOCUMENT_KEYS = ("file", "outlet", "published_date", "countries", "persons", "organizations", "money",
                 "percents", "meetings", "milestones", "topics", "dyads")
SAMPLE_PEOPLE = ("Mammadov", "Liu Bin", "Bayramov", "Wang Yi", "Ding Xuexiang", "Mustafayev", "Li Qiang",
                 "Huseynov", "Sun Zhuangzhi", "Chen Zhou", "Yermekbayev", "Aliyev", "Xi Jinping")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, CorpusSummary, dict, float]:
    out = tmp_path_factory.mktemp("corpus")
    started = time.perf_counter()
    summary = generate_corpus(N, SEED, out)
    elapsed = time.perf_counter() - started
    gold = json.loads((out / "gold.json").read_text(encoding="utf-8"))
    return out, summary, gold, elapsed


def _text(out: Path, name: str) -> str:
    return (out / "articles" / name).read_bytes().decode("utf-8")


def _snapshot(out: Path) -> dict[str, bytes]:
    files = {p.name: p.read_bytes() for p in (out / "articles").iterdir()}
    files["gold.json"] = (out / "gold.json").read_bytes()
    return files


def test_runtime_for_300_articles_is_a_few_seconds(corpus):
    _, _, _, elapsed = corpus
    assert elapsed < 5.0


def test_same_seed_gives_identical_bytes_and_another_seed_differs(tmp_path):
    first = _snapshot(_generated(tmp_path / "a", seed=3))
    second = _snapshot(_generated(tmp_path / "b", seed=3))
    other = _snapshot(_generated(tmp_path / "c", seed=4))
    assert first == second
    assert len(first) == 60 + 1 + 1  # articles, one bad file, gold.json
    assert set(first) != set(other)
    assert first["gold.json"] != other["gold.json"]


def _generated(out: Path, seed: int) -> Path:
    generate_corpus(60, seed, out, bad_fraction=1 / 60)
    return out


def test_rerun_into_the_same_folder_leaves_no_stale_files(tmp_path):
    generate_corpus(30, 1, tmp_path, bad_fraction=0)
    generate_corpus(10, 2, tmp_path, bad_fraction=0)
    gold = json.loads((tmp_path / "gold.json").read_text(encoding="utf-8"))
    assert sorted(p.name for p in (tmp_path / "articles").iterdir()) == sorted(d["file"] for d in gold["documents"])


def test_summary_matches_the_files(corpus):
    out, summary, gold, _ = corpus
    assert summary.articles == len(gold["documents"]) == N
    assert summary.bad_files == len(gold["bad_files"])
    assert summary.reprints == sum("reprint_of" in d for d in gold["documents"])
    assert summary.words == sum(len(_text(out, d["file"]).split()) for d in gold["documents"])
    assert len(list((out / "articles").iterdir())) == N + summary.bad_files


def test_every_article_has_between_250_and_700_words(corpus):
    out, _, gold, _ = corpus
    counts = [len(_text(out, d["file"]).split()) for d in gold["documents"]]
    assert min(counts) >= MIN_WORDS and max(counts) <= MAX_WORDS
    assert max(counts) - min(counts) > 150  # lengths vary


def test_gold_documents_have_the_sample_gold_format(corpus):
    _, _, gold, _ = corpus
    assert len(gold["topic_taxonomy"]) == 17
    for document in gold["documents"]:
        assert all(key in document for key in DOCUMENT_KEYS)
        assert set(document["topics"]) <= set(gold["topic_taxonomy"])
        for person in document["persons"]:
            assert set(person) == {"name", "country", "title"}
        for meeting in document["meetings"]:
            assert set(meeting) == {"participants", "countries", "date", "place"}


def test_gold_persons_meetings_and_figures_are_in_their_article(corpus):
    out, _, gold, _ = corpus
    for document in gold["documents"]:
        text = _text(out, document["file"])
        names = [p["name"] for p in document["persons"]]
        assert names, document["file"]
        for name in names:
            assert name in text, (document["file"], name)
        for meeting in document["meetings"]:
            assert set(meeting["participants"]) <= set(names)
            assert meeting["place"] is None or meeting["place"] in text
        for figure in document["money"] + document["percents"]:
            assert figure["text"] in text, (document["file"], figure)
        for person in document["persons"]:
            if person["country"] is not None:
                assert person["country"] in document["countries"]


def test_meeting_dates_are_not_after_publication(corpus):
    _, _, gold, _ = corpus
    dated = 0
    for document in gold["documents"]:
        if document["published_date"] is None:
            continue
        for meeting in document["meetings"]:
            if meeting["date"]:
                dated += 1
                assert meeting["date"] <= document["published_date"]
    assert dated > N // 3


def test_published_date_evidence_matches_the_text(corpus):
    out, _, gold, _ = corpus
    undated_years = 0
    for document in gold["documents"]:
        text = _text(out, document["file"])
        header = re.match(r" date (\d{4}-\d{2}-\d{2}) ", text)
        if header:
            assert document["published_date"] == header.group(1)
        if "published_date_acceptable" in document:
            undated_years += 1
            assert document["published_date_acceptable"] == [None]
            assert header is None
            dateline = re.search(r"dateline '(.+)' gives no year", document["date_evidence"]).group(1)
            assert dateline in text
            assert str(date.fromisoformat(document["published_date"]).year) not in dateline
    assert undated_years > 0


def test_some_articles_omit_title_outlet_and_header(corpus):
    out, _, gold, _ = corpus
    texts = [_text(out, d["file"]) for d in gold["documents"]]
    assert 0.2 < sum(t.startswith(" date ") for t in texts) / N < 0.95
    assert any(d["outlet"] is None for d in gold["documents"])
    assert len({d["outlet"] for d in gold["documents"]}) >= 10


def test_reprints_repeat_the_facts_of_an_earlier_article_with_edits(corpus):
    out, _, gold, _ = corpus
    by_file = {d["file"]: d for d in gold["documents"]}
    reprints = [d for d in gold["documents"] if "reprint_of" in d]
    assert len(reprints) == round(N * 0.03)
    for reprint in reprints:
        original = by_file[reprint["reprint_of"]]
        assert original["file"] < reprint["file"]
        assert reprint["outlet"] != original["outlet"]
        assert reprint["persons"] == original["persons"]
        assert reprint["meetings"] == original["meetings"]
        first, second = _text(out, original["file"]), _text(out, reprint["file"])
        assert first != second
        shingles = [{tuple(t.split()[i:i + 4]) for i in range(len(t.split()) - 3)} for t in (first, second)]
        assert len(shingles[0] & shingles[1]) / len(shingles[0] | shingles[1]) > 0.6


def test_bad_files_are_listed_apart_from_documents(corpus):
    out, _, gold, _ = corpus
    assert len(gold["bad_files"]) == round(N * 0.01)
    documents = {d["file"] for d in gold["documents"]}
    for bad in gold["bad_files"]:
        assert bad["file"] not in documents
        assert (out / "articles" / bad["file"]).exists()


def test_every_kind_of_bad_file_is_what_it_claims(tmp_path):
    generate_corpus(80, 5, tmp_path, bad_fraction=0.1, reprint_fraction=0)
    gold = json.loads((tmp_path / "gold.json").read_text(encoding="utf-8"))
    kinds = {bad["kind"] for bad in gold["bad_files"]}
    assert kinds == {"empty", "binary", "non_english", "whitespace_only"}
    for bad in gold["bad_files"]:
        data = (tmp_path / "articles" / bad["file"]).read_bytes()
        if bad["kind"] == "empty":
            assert data == b""
        elif bad["kind"] == "binary":
            assert data.startswith(b"\x89PNG\r\n\x1a\n")
        elif bad["kind"] == "whitespace_only":
            assert data and not data.strip()
        else:
            assert py3langid.classify(data.decode("utf-8"))[0] in ("de", "ru")


def test_no_person_of_the_bundled_samples_appears(corpus):
    out, _, gold, _ = corpus
    everything = " ".join(_text(out, d["file"]) for d in gold["documents"]).casefold()
    for name in SAMPLE_PEOPLE:
        assert name.casefold() not in everything


def test_officials_keep_their_name_across_articles(corpus):
    _, _, gold, _ = corpus
    holders: dict[tuple[str, str], set[str]] = {}
    for document in gold["documents"]:
        for person in document["persons"]:
            if person["title"] in ("President", "Foreign Minister") and person["country"]:
                holders.setdefault((person["country"], person["title"]), set()).add(person["name"])
    assert holders and all(len(names) == 1 for names in holders.values())
    assert len({name for names in holders.values() for name in names}) > 20


def test_articles_use_varied_phrasings(corpus):
    out, _, gold, _ = corpus
    text = "\n".join(_text(out, d["file"]) for d in gold["documents"])
    for pattern in (r" counterpart ", r"'s Ambassador to |’s Ambassador to ", r"\bon (Monday|Tuesday|Wednesday|"
                    r"Thursday|Friday|Saturday|Sunday)\b", r"\blast (January|February|March|April|May|June|July|"
                    r"August|September|October|November|December)\b", r"\(Xinhua\) --", r"/TASS/",
                    r"Secretary-General", r"\$\d+(\.\d)? (billion|million)", r"million euros",
                    r"almost \d+", r"[A-Z][a-z]+ (said|noted|stressed)", r", President of ", r" of the Republic of "):
        assert re.search(pattern, text), pattern


def test_command_line_writes_the_corpus(tmp_path, capsys):
    assert main(["--n", "12", "--seed", "2", "--out", str(tmp_path)]) == 0
    gold = json.loads((tmp_path / "gold.json").read_text(encoding="utf-8"))
    assert len(gold["documents"]) == 12
    assert "12 articles" in capsys.readouterr().out
