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
