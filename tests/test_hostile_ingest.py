"""The bad-input matrix of the hostile-input report (section 1), held by the real `kg build`.

One folder holds a good article and one item of each bad kind the report tried; one build reads them all.
Each kind must end as the report's "held" says (stored, or one skip line naming it and the reason), the
good article must be stored whatever comes before or after it, and the store must validate and export
well-formed in every format. Fixtures are made here, in tmp_path.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, assert_plain_lines, assert_well_formed_outputs, run_kg, stored_identifiers

from kg.store import open_store

pytestmark = pytest.mark.slow  # one real build of some forty inputs

GRAPH = "https://w3id.org/kg-news/graph/"
TITLE = "Daesh menace Facebook"
BODY = "Daesh menace Facebook et Twitter dans une vidéo de propagande diffusée sur Telegram."
FRENCH = f"{TITLE}\n\n{BODY}\n"
GOOD = ("L'État islamique menace Twitter\n\nDans une vidéo diffusée mardi, l'État islamique menace Twitter et "
        "son patron Jack Dorsey, accusés de fermer les comptes de ses partisans.\n")


def _random_bytes(size: int, *, nul: bool) -> bytes:
    rng = random.Random(16)
    data = bytes(rng.randrange(256) for _ in range(size))
    return data if nul else data.replace(b"\x00", b"\x01")


def _deep_html(levels: int) -> str:
    return f"<html><body>{'<div>' * levels}<h1>{TITLE}</h1><p>{BODY}</p>{'</div>' * levels}</body></html>"


def _jsonl(*records) -> str:
    return "".join((record if isinstance(record, str) else json.dumps(record)) + "\n" for record in records)


# name -> (bytes of the file, what must happen: "stored" or a piece of its one skip reason)
CASES: dict[str, tuple[bytes, str]] = {
    "c01_empty.txt": (b"", "empty file"),
    "c02_blank.txt": (" \t\u00a0\u2028\u3000\r\n".encode(), "empty file"),
    "c03_random_nul.txt": (_random_bytes(65536, nul=True), "binary file (contains NUL bytes)"),
    "c04_random.txt": (_random_bytes(65536, nul=False), "binary file (control characters)"),
    "c05_huge.txt": (b"x" * (6 * 2**20), "file too large"),
    "c06_deep.html": (_deep_html(100_000).encode(), "stored"),
    "c07_unclosed.html": (f"<html><body><h1>{TITLE}</h1><p>{BODY}".encode() + b"<span><b>x" * 50_000, "stored"),
    "c08_scripts.html": (b"<title>x</title><script>alert(1)</script><style>p{}</style><noscript>n</noscript>",
                         "stored"),
    "c09_latin1_line.txt": (FRENCH.encode() + "Ligne été\n".encode("latin-1"), "stored"),
    "c10_bom8.txt": (b"\xef\xbb\xbf" + FRENCH.encode(), "stored"),
    "c11_bom16.txt": (FRENCH.encode("utf-16"), "stored"),
    "c12_utf16le.txt": (FRENCH.encode("utf-16-le"), "binary file (contains NUL bytes)"),
    "c13_bom32.txt": (FRENCH.encode("utf-32"), "stored"),
    "c14_nul_early.txt": (FRENCH[:50].encode() + b"\x00" + FRENCH.encode(), "binary file (contains NUL bytes)"),
    "c15_nul_late.txt": ((FRENCH * 200).encode() + b"Daesh\x00\n", "binary file (contains NUL bytes)"),
    "c16_controls.txt": (f"{TITLE}\n\nDaesh\x01\x02 menace Facebook\x07\x08\x1b\x0e\x0f et Twitter.\n".encode(),
                         "stored"),
    "c17_invalid_utf8.txt": (FRENCH.encode() + b"\xc3\x28 \xa0\xa1 fin\n", "stored"),
    "c18_bom8_latin1.txt": (b"\xef\xbb\xbf" + f"{TITLE}\n\n{BODY}\nLigne ".encode() + b"\xe9t\xe9\n", "stored"),
    "c19_bom16_odd.txt": (FRENCH.encode("utf-16") + b"x", "stored"),
    "c20_bom16_surrogate.txt": (FRENCH.encode("utf-16") + b"\x00\xd8" + " fin.".encode("utf-16-le"), "stored"),
    "c21_bom32_past_unicode.txt": (FRENCH.encode("utf-32") + b"\x00\x00\x11\x00", "stored"),
    "c22_surrogate.jsonl": (_jsonl('{"id": "c22", "title": "Titre \\ud800", "text": "Daesh menace Facebook '
                                   '\\ud800 dans une vid\\u00e9o de propagande.\\u0001"}').encode(), "stored"),
    "c23_url_number.jsonl": (_jsonl({"id": "c23", "title": TITLE, "text": BODY, "url": 7}).encode(), "stored"),
    "c24_date.txt": (f"{TITLE}\n\n{BODY}\n\n2016-13-45\n".encode(), "stored"),
    "c24b_date.jsonl": (_jsonl({"id": "c24b", "title": TITLE, "text": BODY, "date": "2021-02-30 25:61:61"}).encode(),
                        "stored"),
    "c25_url_u2028.jsonl": (_jsonl({"id": "c25", "title": TITLE, "text": BODY,
                                    "url": "https://example.org/a\u2028b\u202e"}).encode(), "stored"),
    "c26_malformed.jsonl": (_jsonl(*[{"id": f"c26_{n}", "title": TITLE, "text": BODY} for n in range(3)],
                                   '{"id": "bad", "text": }').encode(), "malformed JSON"),
    "c28 $(touch PWNED) `id`;rm -rf x.txt": (FRENCH.encode(), "stored"),
    "c29_a\nb.txt": (b"", "empty file"),
    "c29_c\x1b[2Jd.txt": (b"", "empty file"),
}
WARNINGS = {"c23_url_number.jsonl": "url is a int", "c24_date.txt": "impossible date '2016-13-45'",
            "c24b_date.jsonl": "impossible date '2021-02-30T25:61:61'"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(folder, store, finished build) for one folder of every case, the good article last."""
    folder = tmp_path_factory.mktemp("hostile") / "in"
    folder.mkdir()
    for name, (data, _) in CASES.items():
        (folder / name).write_bytes(data)
    (folder / "zz_good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "c31_loop").symlink_to("c31_loop")
    (folder / "c31_broken.txt").symlink_to("nowhere.txt")
    (folder / "c31_up").symlink_to("..")
    os.mkfifo(folder / "c33_pipe.txt")
    (folder / "c35_zero.txt").symlink_to("/dev/zero")
    _more_kinds(folder)
    fifo = tmp_path_factory.mktemp("fifo") / "c34_fifo.txt"  # not beside `in`: c31_up reads that folder
    os.mkfifo(fifo)
    store = folder.parent / "store"
    paths = [folder, fifo, *DEVICES, *PROC]
    return folder, store, run_kg("build", *paths, "--store", store, cwd=folder.parent, prefix=_without_dac(),
                                      stdin=subprocess.DEVNULL)


DEVICES = ["/dev/zero", "/dev/urandom", "/dev/stdin"]
PROC = ["/proc/self/environ", "/proc/self/maps"]
DUPLICATE = "Telegram ferme des canaux\n\nTelegram a fermé 300 canaux de Daesh mardi.\n"


def _more_kinds(folder: Path) -> None:
    """The report's rows 27, 30, 32, 38-40, scaled down where the report used thousands of files."""
    (folder / "c27_dup_a.txt").write_text(DUPLICATE, encoding="utf-8")
    (folder / "c27_dup_b.txt").write_text(DUPLICATE, encoding="utf-8")
    (folder / "日本.txt").write_text("Daesh menace Twitter\n\nDaesh menace Twitter au Japon.\n", encoding="utf-8")
    (folder / "Москва.txt").write_text("Daesh menace VKontakte\n\nDaesh menace VKontakte à Moscou.\n",
                                      encoding="utf-8")
    (folder / "c32_noperm.txt").write_text(FRENCH, encoding="utf-8")
    (folder / "c32_noperm.txt").chmod(0)
    (folder / "c38").mkdir()
    for number in range(200):
        (folder / "c38" / f"e{number:03}.txt").write_text(" \n" * (number % 3), encoding="utf-8")
    (folder / "c39").mkdir()
    for number in range(40):
        (folder / "c39" / f"f{number:02}.txt").write_text(f"Titre {number}\n\nDaesh menace Facebook ({number}).\n",
                                                         encoding="utf-8")
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from long_article import long_article
    finally:
        sys.path.remove(str(ROOT / "bench"))
    (folder / "c40_long.txt").write_text(long_article(120_000), encoding="utf-8")


def _without_dac() -> list[str]:
    """As root, a mode-000 file is readable: drop the capabilities that allow it, as the report did (setpriv)."""
    if os.geteuid() != 0:
        return []
    return ["setpriv", "--inh-caps=-dac_override,-dac_read_search",
            "--bounding-set=-dac_override,-dac_read_search", "--"]


def stored_ids(store: Path) -> set[str]:
    opened = open_store(store, read_only=True)
    try:
        return stored_identifiers(opened)
    finally:
        opened.close()


def _escaped(name: str) -> str:
    return name.replace("\n", "\\n").replace("\x1b", "\\x1b")


def test_the_build_ends_with_exit_1_and_kg_lines_only(built):
    _, _, finished = built
    assert finished.returncode == 1, finished.stderr
    assert_plain_lines(finished.stderr)
    assert finished.stderr.splitlines()[-1].startswith("kg: ") and "stored" in finished.stderr.splitlines()[-1]


def test_the_good_article_after_every_bad_one_is_stored(built):
    _, store, _ = built
    assert "zz_good" in stored_ids(store)


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_bad_kind_is_stored_or_skipped_on_one_line(built, name):
    folder, store, finished = built
    expected = CASES[name][1]
    lines = [line for line in finished.stderr.splitlines() if f"{folder.name}/{_escaped(name)}" in line]
    skips = [line for line in lines if line.startswith("kg: skipped")]
    if expected == "stored":
        assert not skips, skips
        assert any(article.startswith(name.split("_")[0].split(" ")[0]) for article in stored_ids(store))
    else:
        assert len(skips) == 1 and expected in skips[0], lines


@pytest.mark.parametrize("name", sorted(WARNINGS))
def test_impossible_dates_and_urls_that_are_no_iri_are_dropped_with_a_warning(built, name):
    folder, _, finished = built
    warnings = [line for line in finished.stderr.splitlines() if line.startswith("kg: warning:") and name in line]
    assert len(warnings) == 1 and WARNINGS[name] in warnings[0], finished.stderr


@pytest.mark.parametrize("link, reason", [("c31_loop", "symbolic link loop"), ("c31_broken.txt", "broken symbolic"),
                                          ("c31_up", "folder already read"), ("c33_pipe.txt", "not a regular file"),
                                          ("c35_zero.txt", "not a regular file")])
def test_links_pipes_and_devices_cost_one_line(built, link, reason):
    _, _, finished = built
    assert any(link in line and reason in line for line in finished.stderr.splitlines()), finished.stderr


def test_a_file_name_cannot_split_a_line_or_reach_the_terminal_raw(built):
    _, _, finished = built
    assert "c29_a\\nb.txt: empty file" in finished.stderr
    assert "c29_c\\x1b[2Jd.txt: empty file" in finished.stderr


def test_no_command_in_a_file_name_ran(built):
    folder, _, _ = built
    assert not list(folder.parent.rglob("PWNED"))


def test_no_control_character_or_lone_surrogate_reached_the_store(built):
    _, store, _ = built
    opened = open_store(store, read_only=True)
    try:
        texts = [str(quad) for quad in opened.quads()]
    finally:
        opened.close()
    refused = {chr(code) for code in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20))}
    assert not [text for text in texts if refused & set(text)]
    assert all(text.encode("utf-8") for text in texts)


def test_the_store_validates_and_every_export_is_well_formed(built):
    _, store, _ = built
    assert_well_formed_outputs(store)


# --- the report's 40 bad-input kinds, row by row: the figure the note quotes -------------------------------


def _lines(finished, mark: str) -> list[str]:
    return [line for line in finished.stderr.splitlines() if mark in line]


def _skipped_once(finished, mark: str, reason: str) -> bool:
    skips = [line for line in _lines(finished, mark) if line.startswith("kg: skipped")]
    return len(skips) == 1 and reason in skips[0]


def _case(name: str):
    expected = CASES[name][1]
    if expected == "stored":
        return lambda f, ids: not [line for line in _lines(f, _escaped(name)) if line.startswith("kg: skipped")] \
            and any(article.startswith(name.split("_")[0].split(" ")[0]) for article in ids)
    return lambda f, ids: _skipped_once(f, _escaped(name), expected)


def _all(*checks):
    return lambda f, ids: all(check(f, ids) for check in checks)


def _skip(mark: str, reason: str):
    return lambda f, ids: _skipped_once(f, mark, reason)


# report row -> the check of this build that holds it
MATRIX = {
    1: _case("c01_empty.txt"), 2: _case("c02_blank.txt"), 3: _case("c03_random_nul.txt"),
    4: _case("c04_random.txt"), 5: _case("c05_huge.txt"), 6: _case("c06_deep.html"), 7: _case("c07_unclosed.html"),
    8: _case("c08_scripts.html"), 9: _case("c09_latin1_line.txt"), 10: _case("c10_bom8.txt"),
    11: _case("c11_bom16.txt"), 12: _case("c12_utf16le.txt"), 13: _case("c13_bom32.txt"),
    14: _case("c14_nul_early.txt"), 15: _case("c15_nul_late.txt"), 16: _case("c16_controls.txt"),
    17: _case("c17_invalid_utf8.txt"), 18: _case("c18_bom8_latin1.txt"), 19: _case("c19_bom16_odd.txt"),
    20: _case("c20_bom16_surrogate.txt"), 21: _case("c21_bom32_past_unicode.txt"), 22: _case("c22_surrogate.jsonl"),
    23: _case("c23_url_number.jsonl"), 24: _all(_case("c24_date.txt"), _case("c24b_date.jsonl")),
    25: _case("c25_url_u2028.jsonl"), 26: _case("c26_malformed.jsonl"),
    27: lambda f, ids: {"c27_dup_a", "c27_dup_b"} <= ids and not _lines(f, "c27_dup"),
    28: _case("c28 $(touch PWNED) `id`;rm -rf x.txt"), 29: _all(_case("c29_a\nb.txt"), _case("c29_c\x1b[2Jd.txt")),
    30: lambda f, ids: "article" in ids and not _lines(f, "日本") and not _lines(f, "Москва"),  # both stored
    31: _all(_skip("c31_loop", "symbolic link loop"), _skip("c31_broken.txt", "broken symbolic link"),
             _skip("c31_up/in:", "folder already read")),
    32: _skip("c32_noperm.txt", "permission denied"),
    33: _skip("c33_pipe.txt", "not a regular file"), 34: _skip("c34_fifo.txt", "not a regular file"),
    35: _all(*(_skip(device, "not a regular file") for device in DEVICES)),
    36: _skip("c35_zero.txt", "not a regular file"),
    37: lambda f, ids: _skip("/proc/self/environ", "binary file")(f, ids) and len(_lines(f, "/proc/self/maps")) <= 1,
    38: lambda f, ids: len([line for line in _lines(f, "/c38/") if "empty file" in line]) == 200,
    39: lambda f, ids: {f"f{number:02}" for number in range(40)} <= ids,
    40: lambda f, ids: "c40_long" in ids and not _lines(f, "c40_long"),
}


def test_every_bad_input_kind_of_the_report_is_held(built, tmp_path):
    _, store, finished = built
    ids = stored_ids(store)
    held = {row: bool(check(finished, ids)) for row, check in MATRIX.items()}
    figures = {"tried": len(MATRIX), "held": sum(held.values()), "broke": sorted(row for row in held if not held[row])}
    (tmp_path / "bad-inputs.json").write_text(json.dumps(figures), encoding="utf-8")
    print(f"\nbad-input kinds of the report: {json.dumps(figures)}")
    assert sorted(MATRIX) == list(range(1, 41))
    assert figures["held"] == figures["tried"] == 40, figures
    assert "zz_good" in ids and "Traceback" not in finished.stderr
