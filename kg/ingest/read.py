"""Read articles from files and folders: .txt, .html/.htm and .jsonl, streamed one at a time.

`read_articles` yields an `Article` for each readable article and a `Skipped` (source, reason)
for each input that is not one: a missing path, a broken link, an empty, binary, oversized,
undecodable or non-French file, a malformed JSONL line. Bad input never raises.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import unicodedata
from pathlib import Path
from typing import Iterable, Iterator

from kg.ingest.clean import clean_lines, iso_date
from kg.ingest.html import html_article
from kg.ingest.langdetect import guess_language
from kg.ingest.sanitize import checked_date, checked_url, looks_binary, safe_strings, xml_safe
from kg.model import Article, Skipped

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
SUFFIXES = {".txt", ".html", ".htm", ".jsonl"}
SAFE_ID = re.compile(r"[^A-Za-z0-9._-]+")
MAGIC = {  # leading bytes of common binary formats -> what to call them
    b"\x89PNG": "PNG image", b"\xff\xd8\xff": "JPEG image", b"GIF8": "GIF image", b"%PDF": "PDF document",
    b"PK\x03\x04": "ZIP archive", b"\x1f\x8b": "gzip archive", b"\x7fELF": "executable", b"RIFF": "RIFF media",
}
BOMS = [  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
]


def read_articles(paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | Skipped]:
    """Articles of the given files and folders (folders recursively, in sorted order), one at a time.

    Files with the same name in different folders are different inputs; only the same input named twice (a
    folder and a file in it) is read once. Two records of one JSONL file with the same id are one too many.
    """
    seen: dict[str, str] = {}  # origin -> the source it was first read from
    for path in paths:
        for item in _read_path(Path(path), max_bytes):
            if isinstance(item, Article) and item.origin in seen:
                if seen[item.origin] == item.source:
                    continue  # the same file named twice: read once, no complaint
                reason = f"duplicate article id {item.name!r} (first read from {seen[item.origin]})"
                item = Skipped(item.source or item.id, reason)
            elif isinstance(item, Article):
                seen[item.origin] = item.source or item.id
            yield item


def _read_path(path: Path, max_bytes: int, visited: set | None = None) -> Iterator[Article | Skipped]:
    problem = _path_problem(path)
    if problem:
        yield Skipped(str(path), problem)
    elif path.is_dir():
        yield from _read_folder(path, max_bytes, visited if visited is not None else set())
    else:
        yield from read_file(path, max_bytes=max_bytes)


def _path_problem(path: Path) -> str | None:
    """Why a path cannot be read at all, or None."""
    try:
        os.stat(path)
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "symbolic link loop"
        if path.is_symlink():
            return f"broken symbolic link (to {os.readlink(path)})"
        if err.errno == errno.ENOENT:
            return "no such file or directory"
        return _os_reason(err)
    if not (path.is_dir() or path.is_file()):
        return "not a regular file or folder"
    return None


def _read_folder(folder: Path, max_bytes: int, visited: set) -> Iterator[Article | Skipped]:
    real = folder.resolve()
    if real in visited:
        yield Skipped(str(folder), "symbolic link loop (folder already read)")
        return
    visited.add(real)
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as err:
        yield Skipped(str(folder), _os_reason(err))
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith("."):
            continue  # hidden files and folders (.git, .DS_Store) are not articles
        if _path_problem(path) is None and path.is_file() and path.suffix.lower() not in SUFFIXES:
            yield from _other_file(path)
            continue
        yield from _read_path(path, max_bytes, visited)


def _other_file(path: Path) -> Iterator[Skipped]:
    """A file of a folder that is not in an article format.

    Text files beside the articles (a README, notes, gold annotations) are passed over in silence;
    a binary file (an image, an archive) is reported, since a scraper should not have left it there.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(8192)
    except OSError as err:
        yield Skipped(str(path), _os_reason(err))
        return
    if binary_kind(head):
        kind = path.suffix or "no extension"
        yield Skipped(str(path), f"not an article file ({kind}; kg reads {', '.join(sorted(SUFFIXES))})")


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | Skipped]:
    """The article(s) of one file; a file with no suffix is read as plain text, one with another suffix (notes.md,
    data.csv) is not an article: a heading or a table would be stored as one with no facts. Whatever goes wrong in
    one file (a decoder, the HTML parser, the cleaner) costs that file alone: it becomes its skip line."""
    if path.suffix and path.suffix.lower() not in SUFFIXES:
        yield Skipped(str(path), f"not an article file ({path.suffix}; kg reads {', '.join(sorted(SUFFIXES))})")
        return
    try:
        yield from _file_items(path, max_bytes)
    except Exception as err:  # noqa: BLE001  (one bad file never costs the others)
        yield Skipped(str(path), f"cannot be read ({type(err).__name__}: {err})")


def _file_items(path: Path, max_bytes: int) -> Iterator[Article | Skipped]:
    raw = _raw_bytes(path, max_bytes)
    if isinstance(raw, Skipped):
        yield raw
    elif path.suffix.lower() == ".jsonl":
        yield from _jsonl_articles(path, raw)
    else:
        yield _file_article(path, raw)


def _raw_bytes(path: Path, max_bytes: int) -> bytes | Skipped:
    """The file's bytes, never more than `max_bytes` + 1 read: st_size is only a first answer (a growing file, a
    FIFO or a /proc file reports another size than it gives)."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return Skipped(str(path), f"file too large ({_size(size)}, the limit is {_size(max_bytes)})")
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
        if len(raw) > max_bytes:
            return Skipped(str(path), f"file too large (more than the limit of {_size(max_bytes)})")
    except OSError as err:
        return Skipped(str(path), _os_reason(err))
    problem = binary_kind(raw)
    return Skipped(str(path), problem) if problem else raw


def _size(size: int) -> str:
    """'50 MB', '1.5 MB', '12 KB', '300 bytes'."""
    for unit, scale in (("MB", 2**20), ("KB", 2**10)):
        if size >= scale:
            return f"{size / scale:.1f}".rstrip("0").rstrip(".") + f" {unit}"
    return f"{size} bytes"


def binary_kind(raw: bytes) -> str | None:
    """'binary file (PNG image)' for bytes that are not text, else None. UTF-16/32 text has NULs but a BOM."""
    for magic, kind in MAGIC.items():
        if raw.startswith(magic):
            return f"binary file ({kind})"
    if any(raw.startswith(bom) for bom, _ in BOMS):
        return None
    return "binary file (contains NUL bytes)" if b"\x00" in raw else None  # anywhere: a late NUL too


def decode(raw: bytes) -> str:
    """Text of the bytes: by BOM, else UTF-8, else Windows-1252, else Latin-1 (which never fails).

    Never raises: a UTF-8 BOM before bytes that are not UTF-8 falls back like a file without one; UTF-16/32
    with an odd length, a lone surrogate or a code point past U+10FFFF get U+FFFD where the bad units are."""
    for bom, encoding in BOMS:
        if raw.startswith(bom) and encoding == "utf-8-sig":
            return decode(raw[len(bom):])
        if raw.startswith(bom):
            return raw.decode(encoding, errors="replace")
    for encoding in ("utf-8", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def _text(raw: bytes) -> str:
    text = unicodedata.normalize("NFC", xml_safe(decode(raw)))
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")


def _file_article(path: Path, raw: bytes) -> Article | Skipped:
    text = _text(raw)
    if not text.strip():
        return Skipped(str(path), "empty file")
    if looks_binary(decode(raw)):
        return Skipped(str(path), "binary file (control characters)")
    page = html_article(text) if path.suffix.lower() in (".html", ".htm") else None
    title, lines = (page.title, page.lines) if page else (None, text.split("\n"))
    language = guess_language("\n".join([title or "", *lines]))  # before cleaning, which drops foreign lines
    if language not in (None, "fr"):
        return Skipped(str(path), f"not French (looks like {language})")
    cleaned = clean_lines(lines, title=title)
    if not cleaned.lines:
        return Skipped(str(path), "no article text left once page chrome is removed")
    url, date = (page.url or cleaned.url, page.date or cleaned.date) if page else (cleaned.url, cleaned.date)
    origin = str(path.resolve())
    return _article(article_id(path.stem), cleaned.lines, url, date, str(path), raw, origin)


def _article(identifier: str, lines: list[str], url, date, source: str, raw: bytes, origin: str) -> Article:
    """The article; an impossible date or a URL that cannot be an IRI is dropped with a warning."""
    title, body = lines[0], lines[1:]
    text = "\n\n".join([title, *body])
    (url, url_warning), (date, date_warning) = checked_url(url), checked_date(date)
    return Article(id=text_key(text), title=title, text=text, url=url, date=date, source=source,
                   content_hash=hashlib.sha256(raw).hexdigest(), identifier=identifier, origin=origin,
                   warnings=tuple(filter(None, (url_warning, date_warning))))


def text_key(text: str) -> str:
    """The article's IRI name: a digest of its cleaned text, so one text is one article whatever its file's
    name, and an IRI never names two different texts."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def article_id(name: str) -> str:
    """A file stem or JSONL id made safe for an IRI: '000_d05a…' stays, 'mon article' -> 'mon_article'."""
    return SAFE_ID.sub("_", name.strip()).strip("_") or "article"


def identifier_of_origin(origin: str) -> str:
    """The identifier an input gives its article: the JSONL id after '#', else the file stem."""
    path, sep, record = origin.rpartition("#")
    if sep and path.lower().endswith(".jsonl") and "/" not in record:
        return article_id(record)
    return article_id(Path(origin).stem)


def _jsonl_articles(path: Path, raw: bytes) -> Iterator[Article | Skipped]:
    resolved = path.resolve()
    for number, line in enumerate(raw.split(b"\n"), 1):
        if line.strip():
            source = f"{path}:{number}"
            try:
                yield _jsonl_article(line, source, resolved)
            except ValueError as err:
                yield Skipped(source, str(err))
            except Exception as err:  # noqa: BLE001  (one bad record never costs the others)
                yield Skipped(source, f"cannot be read ({type(err).__name__}: {err})")


def _jsonl_article(line: bytes, source: str, resolved: Path) -> Article | Skipped:
    """One JSONL record {"id", "title", "text", "url"?, "date"?}; ValueError says what is wrong."""
    try:
        record = safe_strings(json.loads(_text(line)))
    except json.JSONDecodeError as err:
        raise ValueError(f"malformed JSON ({err.msg} at column {err.colno})") from None
    if not isinstance(record, dict):
        raise ValueError(f"expected a JSON object, found {type(record).__name__}")
    for key in ("id", "text"):
        if not isinstance(record.get(key), (str, int)) or not str(record[key]).strip():
            raise ValueError(f"missing or empty field {key!r}")
    title = record.get("title")
    language = guess_language(f"{title or ''}\n{record['text']}")
    if language not in (None, "fr"):
        raise ValueError(f"not French (looks like {language})")
    cleaned = clean_lines(str(record["text"]).split("\n"), title=str(title) if title else None)
    if not cleaned.lines:
        raise ValueError("no article text left once page chrome is removed")
    url, date = record.get("url") or cleaned.url, iso_date(str(record.get("date") or "")) or cleaned.date
    if record.get("date") and not iso_date(str(record["date"])):
        date = str(record["date"])  # checked by _article, which drops it with a warning
    identifier = article_id(str(record["id"]))
    return _article(identifier, cleaned.lines, url, date, source, line, f"{resolved}#{identifier}")


def _os_reason(err: OSError) -> str:
    if isinstance(err, PermissionError):
        return "permission denied"
    return (err.strerror or type(err).__name__).lower()
