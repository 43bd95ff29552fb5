import pytest

from pipeline.text.language import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The foreign minister of Kazakhstan met the Indian ambassador in Astana on Tuesday "
         "to discuss trade, transport and energy cooperation between the two countries.", "en"),
        ("Der kasachische Außenminister traf sich am Dienstag in Astana mit dem indischen "
         "Botschafter, um über Handel und Energie zu sprechen.", "de"),
        ("Министр иностранных дел Казахстана встретился во вторник в Астане с послом Индии, "
         "чтобы обсудить торговлю и энергетику.", "ru"),
        ("哈萨克斯坦外交部长星期二在阿斯塔纳会见了印度大使，双方讨论了贸易和能源合作。", "zh"),
    ],
)
def test_detects_language_with_confidence(text, expected):
    language, confidence = detect_language(text)
    assert language == expected
    assert 0.5 < confidence <= 1.0


def test_text_without_letters_is_undetermined():
    assert detect_language("12345 67 -- 890") == ("und", 0.0)
    assert detect_language("") == ("und", 0.0)


def test_only_the_opening_is_read():
    english = "The minister met the ambassador in Astana to discuss trade and energy. " * 40
    german = "Der Minister traf den Botschafter in Berlin, um über Handel zu sprechen. " * 400
    assert detect_language(english + german)[0] == "en"


SAMPLES = [
    "The foreign minister met the ambassador to discuss trade and energy cooperation.",
    "Le ministre des affaires étrangères a rencontré l'ambassadeur pour parler du commerce.",
    "El ministro de Asuntos Exteriores se reunió con el embajador para hablar de comercio.",
    "Министр встретился с послом, чтобы обсудить торговлю и энергетику.",
    "Dışişleri Bakanı büyükelçi ile ticaret ve enerji işbirliğini görüştü.",
]


def test_unpacked_model_classifies_exactly_like_the_library_and_is_reused(tmp_path):
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    from pipeline.text.language import cached_identifier

    library = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    cached = cached_identifier(MODEL_DIR / MODEL_FILE, tmp_path)
    unpacked = [path for path in tmp_path.iterdir() if not path.name.startswith(".")]
    assert len(unpacked) == 1 and (unpacked[0] / "meta.json").exists()
    written = {path.name: path.stat().st_mtime_ns for path in unpacked[0].iterdir()}
    reloaded = cached_identifier(MODEL_DIR / MODEL_FILE, tmp_path)
    assert {path.name: path.stat().st_mtime_ns for path in unpacked[0].iterdir()} == written, "not unpacked twice"
    for text in SAMPLES:
        assert cached.classify(text) == library.classify(text) == reloaded.classify(text)
        assert cached.rank(text)[:5] == library.rank(text)[:5]


def test_the_unpacked_transition_table_is_mapped_not_copied(tmp_path):
    # The 39 MB transition table copied into the process cost most of a cold ingest's 0.1 s model
    # load; mapped from the cache file, only the pages the classifier walks are ever read.
    from pathlib import Path

    import numpy as np
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    from pipeline.text.language import cached_identifier

    identifier = cached_identifier(MODEL_DIR / MODEL_FILE, tmp_path)
    for table in (identifier.tk_nextmove, identifier.tk_row):
        assert isinstance(table, memoryview) and isinstance(table.obj, np.memmap)
        assert Path(table.obj.filename).is_relative_to(tmp_path)


def test_a_foreign_text_with_an_english_opening_is_read_on():
    # A short English lead (a headline, a dateline, an agency credit) before a foreign article:
    # the short read is not sure enough to settle it, and the whole sample decides.
    lead = "Reuters, March 3. Ministers met on Tuesday. "
    german = "Der Minister traf den Botschafter in Berlin, um über Handel und Energie zu sprechen. " * 30
    assert detect_language(lead + german)[0] == "de"


def test_an_english_article_is_settled_by_its_opening_and_agrees_with_the_whole_sample(monkeypatch):
    from pathlib import Path

    from pipeline.text import language as module

    original = module._identifier().classify
    samples_read = []

    class CountingIdentifier:
        def classify(self, text):
            samples_read.append(len(text))
            return original(text)

    monkeypatch.setattr(module, "_identifier", CountingIdentifier)
    articles = sorted((Path(__file__).resolve().parents[2] / "seeds" / "articles").glob("*.txt"))
    assert articles
    settled_by_opening = 0
    for path in articles:
        text = path.read_text(encoding="utf-8")
        samples_read.clear()
        language, _ = detect_language(text)
        assert language == original(text[: module._SAMPLE_CHARS])[0] == "en", path.name
        assert samples_read in ([], [module._PROBE_CHARS], [module._PROBE_CHARS, module._SAMPLE_CHARS])
        settled_by_opening += samples_read in ([], [module._PROBE_CHARS])
    assert settled_by_opening > len(articles) / 2


OPENINGS_IN_OTHER_LANGUAGES = [
    "Le ministre a rencontré l'ambassadeur pour parler du commerce et de l'énergie entre les deux pays, "
    "a indiqué le ministère dans un communiqué publié mardi. ",
    "De minister heeft in Den Haag de ambassadeur ontvangen om te praten over handel en energie, zo is "
    "in een verklaring van het ministerie gemeld. ",
    "Menteri bertemu dengan duta besar di Jakarta untuk membahas perdagangan dan energi antara kedua "
    "negara, kata kementerian dalam sebuah pernyataan. ",
    "Il ministro ha incontrato l'ambasciatore a Roma per discutere di commercio ed energia tra i due "
    "paesi, ha reso noto il ministero in una nota. ",
]


@pytest.mark.parametrize("opening", OPENINGS_IN_OTHER_LANGUAGES)
def test_the_english_screen_leaves_other_languages_to_the_classifier(opening):
    from pipeline.text.language import plainly_english

    text = opening * 10
    assert not plainly_english(text[:700])
    assert detect_language(text)[0] != "en"


def test_the_english_screen_settles_an_english_article_without_the_classifier(monkeypatch):
    from pipeline.text import language as module

    def no_classifier():
        raise AssertionError("the classifier was asked")

    monkeypatch.setattr(module, "_identifier", no_classifier)
    english = ("The foreign minister met the ambassador of the neighbouring state on Tuesday to discuss "
               "the trade agreement, which was signed last year, and the plans for a new rail link that "
               "has been delayed by the floods. ") * 4
    assert detect_language(english) == ("en", 1.0)
