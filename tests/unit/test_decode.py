import codecs
import time

from pipeline.text.decode import decode_bytes

ARTICLE = (
    "Kazakhstan's Foreign Minister met the Indian ambassador in Astana on Tuesday.\n\n"
    "The two sides discussed trade, transport and “the digital agenda”, the ministry said.\n"
)


def test_empty_file_is_rejected():
    decoded = decode_bytes(b"")
    assert decoded.text is None
    assert decoded.reject_reason == "empty file"


def test_whitespace_only_is_rejected():
    decoded = decode_bytes(b" \n\t\r\n  ")
    assert decoded.text is None
    assert decoded.reject_reason == "whitespace only"


def test_png_bytes_are_rejected_by_magic_number():
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256))
    decoded = decode_bytes(data)
    assert decoded.text is None
    assert decoded.reject_reason == "binary content (PNG image)"


def test_other_binary_formats_are_named():
    assert decode_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj").reject_reason == "binary content (PDF document)"
    assert decode_bytes(b"\x1f\x8b\x08\x00\x00\x00\x00\x00").reject_reason == "binary content (GZIP archive)"
    docx = b"PK\x03\x04\x14\x00\x06\x00" + b"[Content_Types].xml word/document.xml"
    assert decode_bytes(docx).reject_reason == "binary content (Word document)"


def test_nul_bytes_without_bom_are_binary():
    data = b"header\x00\x01\x02\x00\x00\x07data\x00\xff\x10\x00" * 20
    decoded = decode_bytes(data)
    assert decoded.text is None
    assert decoded.reject_reason == "binary content"


def test_control_characters_are_binary():
    data = bytes([0x01, 0x02, 0x03, 0x04, 0x41, 0x42]) * 100
    assert decode_bytes(data).reject_reason == "binary content"


def test_utf16_with_bom_decodes():
    for codec, bom in (("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)):
        decoded = decode_bytes(bom + ARTICLE.encode(codec))
        assert decoded.reject_reason is None
        assert decoded.text == ARTICLE
        assert decoded.encoding == codec


def test_utf32_and_utf8_sig_boms_decode():
    utf32 = decode_bytes(codecs.BOM_UTF32_LE + ARTICLE.encode("utf-32-le"))
    assert utf32.text == ARTICLE and utf32.encoding == "utf-32-le"
    utf8_sig = decode_bytes(codecs.BOM_UTF8 + ARTICLE.encode("utf-8"))
    assert utf8_sig.text == ARTICLE and utf8_sig.encoding == "utf-8"


def test_cp1252_accented_names_come_back_exact():
    for text in ("Zoë Ó Briain, São Paulo", "The envoy Zoë Ó Briain arrived in São Paulo on Monday – “finally”."):
        decoded = decode_bytes(text.encode("cp1252"))
        assert decoded.reject_reason is None
        assert decoded.text == text
        assert decoded.encoding == "cp1252"


def test_cyrillic_legacy_encoding_is_detected():
    text = "Министр иностранных дел Казахстана встретился с послом Индии в Астане во вторник."
    decoded = decode_bytes(text.encode("cp1251"))
    assert decoded.text == text


def test_invalid_utf8_in_the_middle_is_replaced_with_a_warning():
    good = ARTICLE.encode("utf-8") * 5
    data = good[:200] + b"\xff\xfe\x80" + good[200:]
    decoded = decode_bytes(data)
    assert decoded.reject_reason is None
    assert decoded.encoding == "utf-8"
    assert decoded.warnings == ("invalid UTF-8 bytes replaced (3)",)
    assert decoded.text.count("\ufffd") == 3
    assert "“the digital agenda”" in decoded.text


def test_html_page_is_reduced_to_visible_text():
    html = b"""<!DOCTYPE html><html><head><title>Kazakh and Indian ministers meet</title>
    <style>p { color: red; }</style><script>var tracking = 1;</script></head>
    <body><header>Site header</header><nav><a href="/">Home</a></nav>
    <article><h1>Kazakh and Indian ministers meet</h1>
    <p>The ministers met in <b>Astana</b>
       on Tuesday.</p><p>They discussed trade.<br>And transport.</p></article>
    <footer>Copyright footer</footer></body></html>"""
    decoded = decode_bytes(html, suffix=".html")
    assert decoded.text == (
        "Kazakh and Indian ministers meet\n\nThe ministers met in Astana on Tuesday.\n\n"
        "They discussed trade.\nAnd transport."
    )
    for hidden in ("tracking", "color", "Site header", "Home", "Copyright footer"):
        assert hidden not in decoded.text


def test_markdown_markup_is_stripped():
    markdown = (
        "# Kazakh and Indian ministers meet\n\n"
        "The *ministers* met in **Astana** ([map](https://example.com/map)).\n\n"
        "![photo](https://example.com/p.jpg)\n\n"
        "```\ncode_block_text\n```\n\n- trade_volume grew\n> quoted line\n"
    )
    decoded = decode_bytes(markdown.encode(), suffix=".md")
    text = decoded.text
    assert text.startswith("Kazakh and Indian ministers meet\n\nThe ministers met in Astana (map).")
    assert "https://" not in text and "photo" not in text and "#" not in text and "```" not in text
    assert "code_block_text" in text
    assert "trade_volume grew" in text
    assert "quoted line" in text and ">" not in text


def test_one_megabyte_single_line_is_fast():
    data = ("The delegation discussed trade and transport " * 23000).encode()[:1_000_000]
    started = time.perf_counter()
    decoded = decode_bytes(data)
    assert time.perf_counter() - started < 2.0
    assert decoded.reject_reason is None
    assert len(decoded.text) == 1_000_000


def test_one_megabyte_legacy_line_does_not_crash():
    data = ("Zoë Ó Briain visited São Paulo. " * 31000).encode("cp1252")[:1_000_000]
    started = time.perf_counter()
    decoded = decode_bytes(data)
    assert time.perf_counter() - started < 10.0
    assert decoded.reject_reason is None
    assert "São Paulo" in decoded.text


def test_damaged_bytes_in_ascii_text_are_replaced_not_read_as_a_legacy_code_page():
    good = ("TASHKENT, May 14, 2024 -- Uzbek Energy Minister met the visiting Minister of Industry of "
            "Indonesia to discuss energy and transport.").encode("utf-8")
    decoded = decode_bytes(good[:90] + b"\xff\xfe\xc3" + good[90:])
    assert decoded.encoding == "utf-8"
    assert decoded.text.count("\ufffd") == 3
    assert decoded.warnings == ("invalid UTF-8 bytes replaced (3)",)
