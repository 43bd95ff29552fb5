"""Bytes -> text: empty/binary rejection, BOMs, charset detection and markup stripping.

`decode_bytes` never raises: every outcome is a `Decoded` with either text or a reject reason.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

import charset_normalizer

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction


@dataclass(frozen=True)
class Decoded:
    text: str | None  # None when rejected
    encoding: str | None
    reject_reason: str | None
    warnings: tuple[str, ...] = ()


# Signatures of formats that are never article text. Longer signatures first where they overlap.
_MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"PK\x07\x08", "ZIP archive"),
    (b"\x1f\x8b", "GZIP archive"),
    (b"BZh", "BZIP2 archive"),
    (b"\xfd7zXZ\x00", "XZ archive"),
    (b"\x28\xb5\x2f\xfd", "Zstandard archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "ELF executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x00asm", "WebAssembly module"),
    (b"\xca\xfe\xba\xbe", "Java class file"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"ID3", "MP3 audio"),
    (b"OggS", "Ogg media"),
    (b"fLaC", "FLAC audio"),
    (b"\x1aE\xdf\xa3", "Matroska/WebM video"),
)

# Byte-order marks, longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Only a prefix is inspected for binary-ness: enough to be sure, cheap on huge files.
_SNIFF_BYTES = 65536
_CONTROL_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D, 0x1B} | {0x7F}
_CONTROL_BYTE_STRING = bytes(sorted(_CONTROL_BYTES))  # for `bytes.translate`, which counts in C
_MAX_CONTROL_RATIO = 0.05
# A detector result this chaotic means the bytes are not a text in that charset.
_ACCEPTABLE_CHAOS = 0.2
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
# English-language news is the expected input, so when the detector finds several legacy code pages
# equally plausible, Windows-1252 (the Western default) is the most likely origin.
_PREFERRED_LEGACY = ("cp1252", "latin_1", "iso8859_15")


def decode_bytes(data: bytes, *, suffix: str = ".txt") -> Decoded:
    """Decode a file's bytes into text, or say why it cannot be an article."""
    try:
        return _decode(data, _normalise_suffix(suffix))
    except Exception as error:  # noqa: BLE001 - a hostile file must become a rejection, not a crash
        return Decoded(None, None, f"undecodable ({type(error).__name__})", ())


def _decode(data: bytes, suffix: str) -> Decoded:
    if not data:
        return Decoded(None, None, "empty file", ())
    bom_encoding = _bom_encoding(data)
    if bom_encoding is None:
        binary_kind = _binary_kind(data)
        if binary_kind is not None:
            return Decoded(None, None, binary_kind, ())
    text, encoding, warnings = _to_text(data, bom_encoding)
    text = text.lstrip("\ufeff")
    if suffix in _HTML_SUFFIXES or (suffix not in _MARKDOWN_SUFFIXES and _looks_like_html(text)):
        text = html_to_text(text)
    elif suffix in _MARKDOWN_SUFFIXES:
        text = markdown_to_text(text)
    if not text.strip():
        return Decoded(None, encoding, "whitespace only", tuple(warnings))
    return Decoded(text, encoding, None, tuple(warnings))


def _normalise_suffix(suffix: str) -> str:
    suffix = (suffix or "").strip().lower()
    return suffix if suffix.startswith(".") or not suffix else f".{suffix}"


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC_NUMBERS:
        if data.startswith(magic):
            if kind == "ZIP archive" and b"word/" in data[:_SNIFF_BYTES]:
                kind = "Word document"
            return f"binary content ({kind})"
    if data.startswith(b"RIFF") and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return f"binary content ({data[8:12].decode().strip()} media)"
    if data[4:8] == b"ftyp":
        return "binary content (MP4/QuickTime media)"
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head:
        # UTF-16/32 without a BOM is still text: NULs then sit at regular positions.
        if _bomless_utf16(head) is not None:
            return None
        return "binary content"
    controls = len(head) - len(head.translate(None, _CONTROL_BYTE_STRING))
    if controls / len(head) > _MAX_CONTROL_RATIO:
        return "binary content"
    return None


def _bomless_utf16(head: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when every other byte is NUL and the text decodes cleanly."""
    sample = head[: len(head) - len(head) % 2][:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / (len(sample) / 2)
    odd_nuls = sample[1::2].count(0) / (len(sample) / 2)
    for encoding, nul_share, other_share in (("utf-16-le", odd_nuls, even_nuls), ("utf-16-be", even_nuls, odd_nuls)):
        if nul_share > 0.6 and other_share < 0.05:
            try:
                decoded = sample.decode(encoding)
            except UnicodeDecodeError:
                continue
            if all(ch.isprintable() or ch in "\r\n\t" for ch in decoded):
                return encoding
    return None


def _to_text(data: bytes, bom_encoding: str | None) -> tuple[str, str, list[str]]:
    if bom_encoding is not None:
        return _decode_with_replacement(data[len(_bom_for(bom_encoding)) :], bom_encoding.replace("-sig", ""))
    if b"\x00" in data[:_SNIFF_BYTES]:
        encoding = _bomless_utf16(data[:_SNIFF_BYTES]) or "utf-16-le"
        return _decode_with_replacement(data, encoding)
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    invalid, valid_multibyte = _utf8_damage(data)
    # Valid multi-byte sequences almost never occur by chance in legacy code pages, so a file that
    # has more of them than invalid bytes is UTF-8 with a few corrupted bytes.
    if valid_multibyte >= invalid:
        return _utf8_replaced(data, invalid)
    detected = _detect_legacy(data)
    if detected is not None and _plausible_legacy_text(detected[0]):
        return detected[0], detected[1], []
    if invalid <= max(3, len(data) // 100):
        return _utf8_replaced(data, invalid)
    # Nothing fits well: Windows-1252 decodes nearly every byte, so the text is at least readable.
    return _decode_with_replacement(data, "cp1252", note="no reliable charset detected; decoded as cp1252")


def _bom_for(encoding: str) -> bytes:
    return next(bom for bom, name in _BOMS if name == encoding)


def _decode_with_replacement(data: bytes, encoding: str, note: str | None = None) -> tuple[str, str, list[str]]:
    warnings = [note] if note else []
    try:
        return data.decode(encoding), encoding, warnings
    except UnicodeDecodeError:
        text = data.decode(encoding, errors="replace")
        warnings.append(f"invalid {encoding} bytes replaced ({text.count(chr(0xFFFD))})")
        return text, encoding, warnings


def _utf8_damage(data: bytes) -> tuple[int, int]:
    """(invalid bytes, valid multi-byte sequences) when reading the bytes as UTF-8."""
    decoded = data.decode("utf-8", errors="surrogateescape")
    invalid = sum(1 for ch in decoded if "\udc80" <= ch <= "\udcff")
    valid_multibyte = sum(1 for ch in decoded if ord(ch) > 0x7F and not "\udc80" <= ch <= "\udcff")
    return invalid, valid_multibyte


def _utf8_replaced(data: bytes, invalid: int) -> tuple[str, str, list[str]]:
    text = data.decode("utf-8", errors="replace")
    return text, "utf-8", [f"invalid UTF-8 bytes replaced ({invalid})"]


def _detect_legacy(data: bytes) -> tuple[str, str] | None:
    results = list(charset_normalizer.from_bytes(data))
    if not results:
        return None
    best = results[0]
    if best.chaos > _ACCEPTABLE_CHAOS:
        return None
    equally_good = [
        r for r in results if r.chaos <= best.chaos + 0.01 and r.coherence >= best.coherence - 0.05
    ]
    for preferred in _PREFERRED_LEGACY:
        for result in equally_good:
            if result.encoding == preferred:
                return str(result), _codec_name(result.encoding)
    return str(best), _codec_name(best.encoding)


_LEGACY_PUNCTUATION = set("‘’“”–—…€£°· «»§©®")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


def _plausible_legacy_text(text: str) -> bool:
    """Legacy code pages put single accented letters inside words ("José", "Müller"), whole words of
    another script (Cyrillic in cp1251) and the odd typographic sign; a run of unrelated Latin-1
    symbols or letters ("ÿþÃ", "’žĆ") means UTF-8 bytes were damaged instead."""
    for match in _NON_ASCII_RUN.finditer(text):
        run = match.group()
        signs = [ch for ch in run if ch in _LEGACY_PUNCTUATION]
        letters = [ch for ch in run if ch not in _LEGACY_PUNCTUATION]
        if any(not ch.isalpha() for ch in letters) or (signs and letters):
            return False
        latin = [ch for ch in letters if "LATIN" in unicodedata.name(ch, "")]
        if len(latin) > 1:
            before = text[match.start() - 1] if match.start() else " "
            after = text[match.end()] if match.end() < len(text) else " "
            inside_word = before.isascii() and before.isalpha() and after.isascii() and after.isalpha()
            if len(latin) > 2 or not inside_word:
                return False
    return True


def _codec_name(encoding: str) -> str:
    return {"latin_1": "latin-1", "utf_8": "utf-8", "utf_16": "utf-16", "utf_32": "utf-32"}.get(
        encoding, encoding.replace("_", "-") if encoding.startswith("utf") else encoding
    )


_HTML_SNIFF = re.compile(r"^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE)


def _looks_like_html(text: str) -> bool:
    """A .txt file that is really a saved web page is still stripped of its markup."""
    return bool(_HTML_SNIFF.match(text[:1024]))


# ---------------------------------------------------------------------------------------------
# Markup stripping

# Page furniture, not article text.
_HTML_DROPPED = ("script", "style", "nav", "header", "footer", "noscript", "template", "aside", "form",
                 "iframe", "svg", "button", "select", "head")
_HTML_BLOCKS = frozenset({
    "address", "article", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre", "section", "table", "tr", "ul",
})
_BLANK_LINES = re.compile(r"\n{3,}")
_INLINE_SPACE = re.compile(r"[ \t\r\f\v\n]+")


def html_to_text(html: str) -> str:
    """Visible text of a page: the <title> as first line, one paragraph per block element."""
    soup = BeautifulSoup(html, "html.parser")
    title_tag = soup.find("title")
    title = _INLINE_SPACE.sub(" ", title_tag.get_text()).strip() if title_tag else ""
    for node in soup.find_all(string=lambda s: isinstance(s, (Comment, Doctype, Declaration, ProcessingInstruction))):
        node.extract()
    for tag in soup.find_all(_HTML_DROPPED):
        tag.decompose()
    for text_node in soup.find_all(string=True):
        if text_node.find_parent("pre") is None:
            # HTML renders any whitespace run inside running text as one space.
            text_node.replace_with(NavigableString(_INLINE_SPACE.sub(" ", str(text_node))))
    for br in soup.find_all("br"):
        br.replace_with(NavigableString("\n"))
    for block in soup.find_all(_HTML_BLOCKS):
        block.insert_before(NavigableString("\n\n"))
        block.insert_after(NavigableString("\n\n"))
    body = _tidy_lines(soup.get_text())
    if title and not body.startswith(title):
        return f"{title}\n\n{body}" if body else title
    return body


def _tidy_lines(text: str) -> str:
    lines = [line.strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


_MD_FENCE = re.compile(r"^\s*(?:```|~~~).*$", re.MULTILINE)
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)|!\[[^\]\n]*\]\[[^\]\n]*\]")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)|\[([^\]\n]+)\]\[[^\]\n]*\]")
_MD_LINK_DEFINITION = re.compile(r"^\s{0,3}\[[^\]\n]+\]:\s+\S+.*$", re.MULTILINE)
_MD_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+\s*)?$", re.MULTILINE)
_MD_SETEXT_UNDERLINE = re.compile(r"^\s{0,3}(?:=+|-{2,})\s*$", re.MULTILINE)
_MD_RULE = re.compile(r"^\s{0,3}(?:(?:\*\s*){3,}|(?:_\s*){3,})$", re.MULTILINE)
_MD_BLOCKQUOTE = re.compile(r"^\s{0,3}>\s?", re.MULTILINE)
_MD_BULLET = re.compile(r"^(\s*)(?:[-*+]|\d{1,3}[.)])\s+", re.MULTILINE)
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
# Single * or _ only at word edges, so snake_case names and 2*3 survive.
_MD_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])|(?<!\w)_(?=\S)([^_\n]+?)(?<=\S)_(?!\w)")
_MD_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_MD_CODE = re.compile(r"`([^`\n]+)`")
_MD_HTML_TAG = re.compile(r"</?[a-zA-Z][^>\n]*>")


def markdown_to_text(markdown: str) -> str:
    """Markdown with its markup removed and its words kept (link text stays, images go)."""
    text = markdown.replace("\r\n", "\n").replace("\r", "\n")
    text = _MD_FENCE.sub("", text)
    text = _MD_LINK_DEFINITION.sub("", text)
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(lambda m: m.group(1) or m.group(2), text)
    text = _MD_AUTOLINK.sub(r"\1", text)
    text = _MD_HEADING.sub(r"\1", text)
    text = _MD_SETEXT_UNDERLINE.sub("", text)
    text = _MD_RULE.sub("", text)
    text = _MD_BLOCKQUOTE.sub("", text)
    text = _MD_BULLET.sub(r"\1", text)
    text = _MD_STRONG.sub(r"\2", text)
    text = _MD_EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)
    text = _MD_STRIKE.sub(r"\1", text)
    text = _MD_CODE.sub(r"\1", text)
    text = _MD_HTML_TAG.sub("", text)
    return _tidy_lines(text)
