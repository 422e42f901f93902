"""Bad input end to end: the real `kg` command on a scraper's folder of good articles and junk.

Each bad item must cost one stderr line naming it and the reason (or be handled: decoded,
cleaned), every good article must be stored, a summary must close the run, and the exit status
must say whether anything was skipped. Big and binary fixtures are generated here, in tmp_path.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.store import open_store
from kg.vocab import NAMES_GRAPH, PROVENANCE_GRAPH, VOID_GRAPH

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"
BAD = Path(__file__).parent / "data" / "bad"
KG = Path(sys.executable).parent / "kg"
ONTOLOGY = "https://w3id.org/kg-news/ontology#"
GRAPH = "https://w3id.org/kg-news/graph/"
DCTERMS_IDENTIFIER = "http://purl.org/dc/terms/identifier"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
SCRIPT_MARKER = "trackingPixelPayload"  # appears only inside <script>; must never reach the store
NAV_MARKER = "Rubrique-Horoscope-Du-Jour"  # appears only in the page's navigation


def french(name: str) -> str:
    return (EXAMPLES / name).read_text(encoding="utf-8")


def large_html_page() -> str:
    """A ~3 MB page: a real article among navigation, inline scripts, styles and a footer."""
    title, *body = french("03_shabaab_instagram.txt").split("\n\n")
    paragraphs = [p for p in body if len(p) > 120]
    pushes = "window.dataLayer.push({'event': 'scroll'});\n" * 30_000
    script = f"<script>var {SCRIPT_MARKER} = {{}};" + pushes + "</script>"
    nav = "<nav><ul>" + "".join(f"<li><a href='/r/{i}'>{NAV_MARKER} {i}</a></li>" for i in range(2_000)) + "</ul></nav>"
    article = f"<article><h1>{title}</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article>"
    return (f"<!doctype html><html lang='fr'><head><title>{title} | Le Site</title><style>body{{color:red}}</style>"
            f"{script}</head><body>{nav}{script}{article}<footer>{nav}</footer>{script}</body></html>")


def make_corpus(folder: Path) -> dict[str, str]:
    """Write the scraper's folder; return {good article id: source file name} of what must be stored."""
    folder.mkdir()
    for name in ("01_telegram_europol.txt", "02_ghostsec_anonymous.txt"):
        shutil.copy(EXAMPLES / name, folder / name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "whitespace.txt").write_text(" \n\t\n   \n")
    (folder / "logo.png").write_bytes(PNG)
    (folder / "screenshot.txt").write_bytes(PNG)  # a PNG saved under an article's name
    (folder / "latin1.txt").write_bytes(french("04_youtube_hezbollah.txt").encode("latin-1"))
    (folder / "utf16.txt").write_bytes(french("07_commission_microsoft.txt").encode("utf-16"))
    line = "La plateforme a suspendu des comptes. " * 30 + "\n"
    (folder / "giant.txt").write_text(line * (50 * 2**20 // len(line) + 1))
    (folder / "page.html").write_text(large_html_page(), encoding="utf-8")
    shutil.copy(BAD / "english.txt", folder / "english.txt")
    shutil.copy(BAD / "arabic.txt", folder / "arabic.txt")
    shutil.copy(BAD / "feed.jsonl", folder / "feed.jsonl")
    (folder / "locked.txt").write_text(french("03_shabaab_instagram.txt"))
    (folder / "locked.txt").chmod(0o000)
    (folder / "dangling.txt").symlink_to("deleted-article.txt")
    (folder / "loop-a.txt").symlink_to("loop-b.txt")
    (folder / "loop-b.txt").symlink_to("loop-a.txt")
    os.mkfifo(folder / "pipe.txt")  # reading it would block forever: must be refused, not opened
    return {"01_telegram_europol": "01_telegram_europol.txt", "02_ghostsec_anonymous": "02_ghostsec_anonymous.txt",
            "latin1": "latin1.txt", "utf16": "utf16.txt", "page": "page.html", "feed-good": "feed.jsonl:1"}


def expected_skips(folder: Path, missing: Path) -> dict[str, str]:
    return {
        f"{folder / 'arabic.txt'}": "not French (looks like ar)",
        f"{folder / 'dangling.txt'}": "broken symbolic link (to deleted-article.txt)",
        f"{folder / 'empty.txt'}": "empty file",
        f"{folder / 'english.txt'}": "not French (looks like en)",
        f"{folder / 'feed.jsonl'}:2": "malformed JSON (Expecting ',' delimiter at column 42)",
        f"{folder / 'giant.txt'}": "file too large (50 MB, the limit is 5 MB)",
        f"{folder / 'locked.txt'}": "permission denied",
        f"{folder / 'logo.png'}": "not an article file (.png; kg reads .htm, .html, .jsonl, .txt)",
        f"{folder / 'loop-a.txt'}": "symbolic link loop",
        f"{folder / 'loop-b.txt'}": "symbolic link loop",
        f"{folder / 'pipe.txt'}": "not a regular file or folder",
        f"{folder / 'screenshot.txt'}": "binary file (PNG image)",
        f"{folder / 'whitespace.txt'}": "empty file",
        f"{missing}": "no such file or directory",
    }


def run_kg(*args) -> subprocess.CompletedProcess:
    """The installed `kg` command. Root reads files whatever their mode, so as root it runs without that power
    (util-linux setpriv drops the capabilities), which makes the chmod 000 file unreadable for real."""
    without_root_reads = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"] if os.geteuid() == 0 else []
    return subprocess.run([*without_root_reads, str(KG), *map(str, args)], capture_output=True, text=True, timeout=300)


def store_quads(path: Path) -> set[str]:
    store = open_store(path, read_only=True)
    try:
        return {str(quad) for quad in store.quads()}
    finally:
        store.close()


def graph_ids(quads: set[str]) -> set[str]:
    """The identifiers (file stems) of the stored articles; their graphs' IRIs are digests of their texts."""
    return set(graph_of_identifier(quads))


def graph_of_identifier(quads: set[str]) -> dict[str, str]:
    """Identifier -> the IRI of the graph that says so."""
    found = {}
    for quad in quads:
        if f"<{DCTERMS_IDENTIFIER}>" in quad and f"<{GRAPH}" in quad:
            identifier = quad.split(f"<{DCTERMS_IDENTIFIER}> ", 1)[1].split('"', 2)[1]
            found[identifier] = GRAPH + quad.split(f"<{GRAPH}", 1)[1].split(">", 1)[0]
    return found


@pytest.fixture(scope="module")
def scraped_build(tmp_path_factory):
    """One run of `kg build` over the whole bad folder plus a path that does not exist."""
    root = tmp_path_factory.mktemp("scraped")
    folder, missing, store = root / "corpus", root / "no-such-folder", root / "store"
    stored = make_corpus(folder)
    result = run_kg("build", folder, missing, "--store", store)
    (folder / "locked.txt").chmod(0o644)  # so that tmp_path can be cleaned up
    return folder, missing, store, stored, result


def test_each_bad_item_gets_exactly_one_line_with_its_reason(scraped_build):
    folder, missing, _, _, result = scraped_build
    skipped = [line for line in result.stderr.splitlines() if line.startswith("kg: skipped ")]
    reported = dict(line[len("kg: skipped "):].rsplit(": ", 1) for line in skipped)
    assert len(skipped) == len(reported), result.stderr  # one line per item, no item twice
    assert reported == expected_skips(folder, missing), result.stderr


def test_every_good_article_is_stored_and_nothing_else(scraped_build):
    _, _, store, stored, result = scraped_build
    assert graph_ids(store_quads(store)) == set(stored), result.stderr


def test_a_summary_closes_the_run_and_the_exit_status_is_1(scraped_build):
    _, _, store, stored, result = scraped_build
    assert result.returncode == 1, result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(f"kg: {len(stored)} stored, 0 unchanged, 14 skipped (")
    assert last.endswith(f"-> {store}")
    assert "Traceback" not in result.stderr


def test_encodings_are_decoded_to_the_same_graph_as_the_utf8_original(scraped_build, tmp_path):
    """The Latin-1 and UTF-16 copies hold the same text as examples 04 and 05: same facts, same evidence."""
    _, _, store, _, _ = scraped_build
    originals = tmp_path / "originals"
    originals.mkdir()
    shutil.copy(EXAMPLES / "04_youtube_hezbollah.txt", originals / "latin1.txt")
    shutil.copy(EXAMPLES / "07_commission_microsoft.txt", originals / "utf16.txt")
    result = run_kg("build", originals, "--store", tmp_path / "reference")
    assert result.returncode == 0, result.stderr
    # the raw bytes differ, and so the hashes; the reference store names only its own entities
    # and the sources are other files
    hash_free = lambda quads: {q for q in quads  # noqa: E731
                               if "contentHash" not in q and f"{ONTOLOGY}source>" not in q
                               and q.split(" ")[-1].startswith(f"<{GRAPH}")}  # the article graphs only
    graphs = graph_of_identifier(store_quads(store))
    decoded = {q for q in store_quads(store) if f"{graphs['latin1']}>" in q or f"{graphs['utf16']}>" in q}
    assert hash_free(decoded) == hash_free(store_quads(tmp_path / "reference"))


def test_the_html_page_is_stored_without_scripts_or_navigation(scraped_build):
    _, _, store, _, _ = scraped_build
    page = {q for q in store_quads(store) if f"{graph_of_identifier(store_quads(store))['page']}>" in q}
    title = french("03_shabaab_instagram.txt").split("\n\n")[0]
    assert any(f'<http://purl.org/dc/terms/title> "{title}"' in q for q in page)
    assert sum(f"<{ONTOLOGY}Evidence>" in q for q in page) > 0  # the article's facts were extracted
    assert not any(SCRIPT_MARKER in q or NAV_MARKER in q or "dataLayer" in q for q in page)


def test_a_later_run_with_the_good_files_turned_bad_loses_nothing(scraped_build, tmp_path):
    """Stored graphs survive their source becoming junk, vanishing or unreadable, even with --prune."""
    folder, _, store, _, _ = scraped_build
    copy = tmp_path / "store"
    shutil.copytree(store, copy)
    before = store_quads(copy)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "01_telegram_europol.txt").write_bytes(PNG)
    (corpus / "02_ghostsec_anonymous.txt").write_bytes(b"")
    (corpus / "latin1.txt").symlink_to("gone.txt")
    result = run_kg("build", corpus, "--store", copy)
    assert result.returncode == 1
    assert "kg: 0 stored, 0 unchanged, 3 skipped -> " in result.stderr
    assert store_quads(copy) == before


def test_only_good_articles_exit_0(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(EXAMPLES / "07_commission_microsoft.txt", corpus / "a.txt")
    result = run_kg("build", corpus, "--store", tmp_path / "store")
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("kg: 1 stored, 0 unchanged, 0 skipped (")


def test_only_paths_that_do_not_exist_is_a_usage_error_with_exit_2(tmp_path):
    result = run_kg("build", tmp_path / "a", tmp_path / "b", "--store", tmp_path / "store")
    assert result.returncode == 2
    assert result.stderr.strip() == f"kg: error: no such file or folder: {tmp_path / 'a'}, {tmp_path / 'b'}"


def test_store_files_written_by_a_run_full_of_junk_read_back_as_n_quads(scraped_build):
    """What the scorer does after a build: dump the store; every quad parses and names an article graph."""
    _, _, store, stored, _ = scraped_build
    dumped = run_kg("export", "--store", store, "--format", "nquads")
    assert dumped.returncode == 0, dumped.stderr
    graphs = {q.graph_name.value for q in ox.parse(dumped.stdout.encode(), format=ox.RdfFormat.N_QUADS)}
    named = graph_of_identifier(store_quads(store))
    assert set(named) == set(stored)
    # and the graphs kg derives: display names, provenance, the dataset description
    assert graphs == set(named.values()) | {NAMES_GRAPH, PROVENANCE_GRAPH, VOID_GRAPH}
