"""Text made safe for every format kg writes: no lone surrogates, no characters XML 1.0 refuses.

Python strings can hold lone surrogates (a JSON `\\ud800`, UTF-16 decoded with errors="surrogatepass") that
no UTF-8 encoder accepts, and C0 control characters that XML 1.0 cannot carry even as character references:
either one, stored in a label, made spaCy or the GEXF/GraphML/SPARQL-XML writers fail. They are replaced
(surrogates by U+FFFD, the replacement character) or removed (controls) once, at ingest, and again by each
XML writer for stores built before.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from urllib.parse import quote, urlsplit

SURROGATES = re.compile("[\ud800-\udfff]")
XML_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # XML 1.0 Char excludes these
BINARY_CONTROL_SHARE = 0.05  # more control characters than this in a text means it is not text


def without_surrogates(text: str) -> str:
    return SURROGATES.sub("\ufffd", text)


def xml_safe(text: str) -> str:
    """The text with lone surrogates as U+FFFD and the characters XML 1.0 refuses removed."""
    return XML_REFUSED.sub("", SURROGATES.sub("\ufffd", text))


def safe_strings(value):
    """A JSON value with every string (keys too) made `xml_safe`."""
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, dict):
        return {xml_safe(str(key)): safe_strings(item) for key, item in value.items()}
    if isinstance(value, list):
        return [safe_strings(item) for item in value]
    return value


def looks_binary(text: str) -> bool:
    """More than a few dozen characters XML 1.0 refuses, and more than 5 % of the text: random bytes (about 11 %),
    not an article with a stray control character or two."""
    refused = len(XML_REFUSED.findall(text))
    return refused > BINARY_MIN_CONTROLS and refused > BINARY_CONTROL_SHARE * len(text)


BINARY_MIN_CONTROLS = 32


def printable(text: str) -> str:
    """Text for one terminal line: control characters, line and paragraph separators shown escaped
    (`\\n`, `\\x1b`), so a file name can neither split a message nor send escape sequences."""
    return "".join(_escaped(ch) for ch in text)


def _escaped(ch: str) -> str:
    code = ord(ch)
    if code < 0x20 or 0x7F <= code < 0xA0 or ch in "\u2028\u2029" or 0xD800 <= code < 0xE000:
        return ch.encode("unicode_escape").decode("ascii")
    return ch


def checked_date(iso: str | None) -> tuple[str | None, str | None]:
    """(the date, None) for a real 'YYYY-MM-DD[THH:MM:SS]', (None, why) for an impossible one like 2016-02-30."""
    if not iso:
        return None, None
    try:
        (datetime.fromisoformat if "T" in iso else date.fromisoformat)(iso)
    except ValueError:
        return None, f"impossible date {iso!r} dropped"
    return iso, None


def checked_url(url) -> tuple[str | None, str | None]:
    """(a valid http(s) IRI, None), with spaces, controls and invisible characters percent-encoded;
    (None, why) for anything that cannot be one."""
    if url is None or url == "":
        return None, None
    if not isinstance(url, str):
        return None, f"url is a {type(url).__name__}, not a string: dropped"
    text = "".join(_iri_char(ch) for ch in without_surrogates(url.strip()))
    try:
        parts = urlsplit(text)
        import pyoxigraph  # here, so that reading text files does not load the store's library

        pyoxigraph.NamedNode(text)
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None, f"url {printable(url[:200])!r} is not an http(s) IRI: dropped"
    return text, None


def _iri_char(ch: str) -> str:
    """The character itself where an IRI allows it, else its UTF-8 bytes percent-encoded."""
    if ch in IRI_REFUSED_ASCII or (ord(ch) > 0x7F and unicodedata.category(ch)[0] in "ZC"):
        return quote(ch, safe="", errors="replace")
    return ch


IRI_REFUSED_ASCII = frozenset(' <>"{}|\\^`' + "".join(map(chr, range(0x21))) + "\x7f")
