"""kg.ingest.read: articles read from .txt, .html and .jsonl, page chrome removed, bad input skipped with a reason."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.ingest.read import decode, read_articles
from kg.model import Article, Skipped

DATA = Path(__file__).parent / "data" / "ingest"
FRENCH_BODY = (
    "Le réseau social a annoncé lundi avoir supprimé des milliers de comptes liés à l'organisation, "
    "qui utilise ses services pour diffuser sa propagande et recruter de nouveaux membres en Europe."
)
ENGLISH_BODY = (
    "The social network said on Monday that it had removed thousands of accounts linked to the group, "
    "which has been using its services to spread propaganda and to recruit new members across Europe."
)
ARABIC_BODY = ("أعلنت شبكة التواصل الاجتماعي يوم الاثنين أنها حذفت آلاف الحسابات المرتبطة بالتنظيم الذي "
               "يستخدم خدماتها لنشر الدعاية")


def read_one(path: Path, **options) -> Article | Skipped:
    items = list(read_articles([path], **options))
    assert len(items) == 1, items
    return items[0]


def article(path: Path) -> Article:
    item = read_one(path)
    assert isinstance(item, Article), item
    return item


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


# --- seed-like pages: chrome removed, article kept ---------------------------------------------------------


def test_rtl_page_keeps_title_lede_and_body_and_reads_trailing_url_and_date():
    item = article(DATA / "rtl_excerpt.txt")
    assert item.name == "rtl_excerpt"
    assert item.title == "L'État islamique menace Mark Zuckerberg (Facebook) et Jack Dorsey (Twitter)"
    assert item.text.startswith(item.title + "\n\nDaesh a diffusé une vidéo de 25 minutes")
    assert "L'organisation terroriste Daesh a publié une nouvelle vidéo" in item.text
    assert item.url == "http://www.rtl.fr/actu/international/l-etat-islamique-menace-mark-zuckerberg-facebook-et-jack-dorsey-twitter-7782094722"
    assert item.date == "2016-02-27T20:33:35"


@pytest.mark.parametrize("chrome", [
    "Crédit", "Mark Zuckerberg est ciblé", "La rédaction vous recommande", "Journaliste", "Suivez Michael",
    "VOUS AIMEREZ AUSSI", "PLUS DE VIDÉOS", "Commentaires", "Connectez-vous", "Signaler", "caractères restants",
    "7782094722", "http", "2016-02-27", "fermer",
])
def test_rtl_page_chrome_is_gone(chrome):
    assert chrome not in article(DATA / "rtl_excerpt.txt").text


def test_rtl_title_and_lede_repeated_at_the_end_appear_once():
    item = article(DATA / "rtl_excerpt.txt")
    assert item.text.count(item.title) == 1
    assert item.text.count("Daesh a diffusé une vidéo de 25 minutes") == 1


def test_maliweb_page_drops_social_call_truncated_english_caption_and_radio_block():
    item = article(DATA / "maliweb_excerpt.txt")
    assert item.title == "USA: le co-fondateur de Twitter menacé par l’Etat islamique"
    for chrome in ("Suivez-nous", "US CEO and co-creator", "Ecoutez les radios", "ORTM"):
        assert chrome not in item.text
    assert "Twitter enquête avec les autorités américaines" in item.text


def test_error_report_form_before_the_title_is_dropped_whole():
    item = article(DATA / "error_form_excerpt.txt")
    assert item.title == "Les employés de Twitter menacés de mort par des islamistes"
    for chrome in ("erreur dans le texte", "bon endroit", "formulaire", "Etape 1", "Cliquez sur les paragraphes"):
        assert chrome not in item.text
    assert "Twitter a décidé de censurer tous les comptes" in item.text


def test_section_labels_and_related_article_blocks_are_dropped():
    item = article(DATA / "lci_excerpt.txt")
    assert item.title == "Facebook, Google et Twitter s'unissent pour bloquer la propagande djihadiste"
    for chrome in ("International", "DirectLCI", "Sur le même sujet", "Plus d'articles", "Lire et commenter"):
        assert chrome not in item.text
    assert "Les pays du G7 et des représentants de Google" in item.text


def test_pull_quote_repeated_in_the_body_is_dropped(tmp_path):
    quote = ("C'est à la charge des auteurs de contenus et des gouvernements de faire en sorte qu'internet soit "
             "un vecteur de paix")
    body = f"\"{quote}\", a réagi le ministre français de l'Intérieur Gérard Collomb."
    page = "\n".join(["Un accord contre la propagande", FRENCH_BODY, f"{quote}Gérard Collomb, ministre.", body])
    item = article(write(tmp_path, "q.txt", page))
    assert item.text == f"Un accord contre la propagande\n\n{FRENCH_BODY}\n\n{body}"


def test_comment_form_in_the_middle_of_a_page_is_dropped(tmp_path):
    page = "\n".join([
        "Twitter ferme des comptes djihadistes", FRENCH_BODY, "Commentaires",
        "Connectez-vous Inscrivez-vous", "Signaler un abus", "500 caractères restants",
        "La suite de l'article est ici.",
    ])
    item = article(write(tmp_path, "a.txt", page))
    assert item.text == f"Twitter ferme des comptes djihadistes\n\n{FRENCH_BODY}\n\nLa suite de l'article est ici."


def test_text_is_title_blank_line_body_and_hash_is_of_the_raw_bytes(tmp_path):
    raw = f"  Un titre  \n\n{FRENCH_BODY}\n".encode()
    item = article(write(tmp_path, "x.txt", raw))
    assert item.text == f"Un titre\n\n{FRENCH_BODY}"
    assert item.content_hash == hashlib.sha256(raw).hexdigest()
    assert item.source == str(tmp_path / "x.txt")


# --- HTML ---------------------------------------------------------------------------------------------------


def big_html_page(paragraphs: int) -> str:
    script = "<script>var tracker = {" + ",".join(f"k{i}: {i}" for i in range(60000)) + "};</script>"
    nav = "<nav><ul>" + "".join(f"<li><a href='/r{i}'>Rubrique {i}</a></li>" for i in range(3000)) + "</ul></nav>"
    body = "".join(f"<p>Le <a href='/x'>paragraphe</a> numéro {i} dit : {FRENCH_BODY}</p>" for i in range(paragraphs))
    return (
        "<html><head><title>Twitter ferme des comptes | Le Site</title><style>p { color: red }</style>"
        "<link rel='canonical' href='https://example.org/twitter-comptes'>"
        "<meta property='article:published_time' content='2017-10-20T09:15:00+02:00'></head>"
        f"<body><header>Le Site — Accueil</header>{nav}{script}"
        f"<article><h1>Twitter ferme des comptes</h1>{body}<aside>Sur le même sujet : autre chose</aside>"
        "<form>Votre email <button>Envoyer</button></form></article><footer>Mentions légales</footer></body></html>"
    )


def test_large_html_page_keeps_the_article_and_drops_scripts_navigation_and_forms(tmp_path):
    path = write(tmp_path, "page.html", big_html_page(400))
    assert path.stat().st_size > 1_000_000
    item = article(path)
    assert item.title == "Twitter ferme des comptes"
    assert item.url == "https://example.org/twitter-comptes"
    assert item.date == "2017-10-20T09:15:00"
    paragraphs = item.text.split("\n\n")
    assert len(paragraphs) == 401
    assert paragraphs[1] == f"Le paragraphe numéro 0 dit : {FRENCH_BODY}"
    for chrome in ("tracker", "Rubrique", "color: red", "Accueil", "Envoyer", "Mentions légales", "Sur le même sujet"):
        assert chrome not in item.text


def test_html_without_h1_takes_the_page_title_without_the_site_name(tmp_path):
    page = f"<html><head><title>Un titre | Le Site</title></head><body><p>{FRENCH_BODY}</p></body></html>"
    item = article(write(tmp_path, "p.htm", page))
    assert item.title == "Un titre"
    assert item.text == f"Un titre\n\n{FRENCH_BODY}"


# --- JSONL --------------------------------------------------------------------------------------------------


def test_jsonl_reads_good_lines_and_skips_each_malformed_one_with_its_line_number(tmp_path):
    good = {"id": "a1", "title": "Un titre", "text": FRENCH_BODY, "url": "https://example.org/a1", "date": "2016-02-27"}
    lines = [json.dumps(good), "{not json", json.dumps({"id": "a2", "title": "Sans texte"}), "[1, 2]",
             "", json.dumps({**good, "id": "a3", "date": "2016-02-27 20:33:35"})]
    path = write(tmp_path, "batch.jsonl", "\n".join(lines) + "\n")
    items = list(read_articles([path]))
    assert [type(item).__name__ for item in items] == ["Article", "Skipped", "Skipped", "Skipped", "Article"]
    first, bad_json, no_text, not_object, last = items
    assert (first.name, first.title, first.url, first.date) == ("a1", "Un titre", "https://example.org/a1",
                                                                "2016-02-27")
    assert first.text == f"Un titre\n\n{FRENCH_BODY}"
    assert first.content_hash == hashlib.sha256(lines[0].encode()).hexdigest()
    assert bad_json.source == f"{path}:2" and "malformed JSON" in bad_json.reason
    assert no_text.source == f"{path}:3" and "'text'" in no_text.reason
    assert not_object.source == f"{path}:4" and "JSON object" in not_object.reason
    assert last.date == "2016-02-27T20:33:35"


def test_a_title_given_by_the_source_is_kept_even_if_it_looks_like_chrome(tmp_path):
    path = write(tmp_path, "t.jsonl", json.dumps({"id": "t1", "title": "Daesh", "text": FRENCH_BODY}))
    assert read_one(path).text == f"Daesh\n\n{FRENCH_BODY}"
    page = write(tmp_path, "t.html", f"<h1>Commentaires</h1><p>{FRENCH_BODY}</p><p>Commentaires</p>")
    assert read_one(page).text == f"Commentaires\n\n{FRENCH_BODY}"


def test_jsonl_article_in_another_language_is_skipped(tmp_path):
    path = write(tmp_path, "en.jsonl",
                 json.dumps({"id": "e1", "title": "Twitter closes accounts", "text": ENGLISH_BODY}))
    assert read_one(path) == Skipped(f"{path}:1", "not French (looks like en)")


def test_a_file_named_twice_is_read_once(tmp_path):
    path = write(tmp_path, "a.txt", f"Un titre\n{FRENCH_BODY}")
    assert [item.name for item in read_articles([tmp_path, path])] == ["a"]


def test_inputs_with_one_identifier_are_distinct_articles_but_a_jsonl_id_twice_in_one_file_is_skipped(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    write(folder, "a1.txt", f"Un titre\n{FRENCH_BODY}")
    records = [{"id": "a1", "title": "Autre", "text": FRENCH_BODY},
               {"id": "a1", "title": "Encore", "text": FRENCH_BODY}]
    write(folder, "b.jsonl", "\n".join(json.dumps(record) for record in records))
    first, second, third = read_articles([folder])
    assert isinstance(first, Article) and isinstance(second, Article) and first.name == second.name == "a1"
    assert first.id != second.id and first.origin != second.origin
    assert isinstance(third, Skipped) and "duplicate article id 'a1'" in third.reason and third.source.endswith(":2")


# --- folders ------------------------------------------------------------------------------------------------


def test_folders_are_read_recursively_in_sorted_order_other_text_ignored_and_binary_reported(tmp_path):
    for name in ("b.txt", "a.txt", "sub/c.txt", "sub/deeper/d.html", ".hidden/e.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        write(tmp_path, name, f"Le titre {name}\n{FRENCH_BODY}")
    write(tmp_path, "notes.md", "# not an article")
    write(tmp_path, "sub/gold.toml", "[entity.daesh]\ntype = 'TerroristGroup'\n")
    write(tmp_path, "logo.png", PNG)
    items = list(read_articles([tmp_path]))
    assert [item.name for item in items if isinstance(item, Article)] == ["a", "b", "c", "d"]
    assert [item for item in items if isinstance(item, Skipped)] == [
        Skipped(str(tmp_path / "logo.png"), "not an article file (.png; kg reads .htm, .html, .jsonl, .txt)")]


def test_a_file_named_explicitly_is_read_without_suffix_but_not_with_another_one(tmp_path):
    assert article(write(tmp_path, "depeche", f"Un titre\n{FRENCH_BODY}")).text == f"Un titre\n\n{FRENCH_BODY}"
    reason = "not an article file ({}; kg reads .htm, .html, .jsonl, .txt)"
    assert read_one(write(tmp_path, "depeche.md", f"Un titre\n{FRENCH_BODY}")).reason == reason.format(".md")
    assert read_one(write(tmp_path, "x.png", PNG)).reason == reason.format(".png")


def test_ids_are_made_safe_for_iris(tmp_path):
    assert article(write(tmp_path, "mon article é.txt", f"Un titre\n{FRENCH_BODY}")).name == "mon_article"


# --- bad input: one Skipped each, never an exception --------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\t\n   \n", "empty file"),
    ("blank16.txt", " \n \r\n".encode("utf-16"), "empty file"),
    ("image.txt", PNG, "binary file (PNG image)"),
    ("data.txt", b"abc\x00\x01\x02def" * 50, "binary file (contains NUL bytes)"),
    ("english.txt", f"Twitter closes accounts\n{ENGLISH_BODY}".encode(), "not French (looks like en)"),
    ("english.html", f"<h1>Twitter closes accounts</h1><p>{ENGLISH_BODY}</p>".encode(), "not French (looks like en)"),
    ("arabic.txt", f"تويتر يغلق الحسابات\n{ARABIC_BODY}".encode(), "not French (looks like ar)"),
    ("chrome.txt", b"Commentaires\nSignaler un abus\n123456789\n", "no article text left once page chrome is removed"),
])
def test_bad_file_is_one_skipped_with_its_reason(tmp_path, name, content, reason):
    path = write(tmp_path, name, content)
    assert read_one(path) == Skipped(str(path), reason)


def test_file_over_the_size_limit_is_skipped_without_being_read(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing on disk
    assert read_one(path) == Skipped(str(path), "file too large (50 MB, the limit is 5 MB)")
    small = write(tmp_path, "small.txt", "x" * 300)
    assert read_one(small, max_bytes=100).reason == "file too large (300 bytes, the limit is 100 bytes)"
    assert read_one(small, max_bytes=300).reason == "no article text left once page chrome is removed"


def test_nonexistent_path_broken_link_and_link_loops_are_skipped(tmp_path):
    missing = tmp_path / "nope.txt"
    broken = tmp_path / "broken.txt"
    broken.symlink_to(tmp_path / "gone.txt")
    (tmp_path / "loop_a").symlink_to(tmp_path / "loop_b")
    (tmp_path / "loop_b").symlink_to(tmp_path / "loop_a")
    folder = tmp_path / "folder"
    folder.mkdir()
    write(folder, "ok.txt", f"Un titre\n{FRENCH_BODY}")
    (folder / "self").symlink_to(folder)
    items = list(read_articles([missing, broken, tmp_path / "loop_a", folder]))
    assert items[:3] == [
        Skipped(str(missing), "no such file or directory"),
        Skipped(str(broken), f"broken symbolic link (to {tmp_path / 'gone.txt'})"),
        Skipped(str(tmp_path / "loop_a"), "symbolic link loop"),
    ]
    assert isinstance(items[3], Article) and items[3].name == "ok"
    assert items[4:] == [Skipped(str(folder / "self"), "symbolic link loop (folder already read)")]


def test_unreadable_file_and_folder_are_skipped_with_permission_denied(tmp_path):
    """Root reads any file, so as root the check runs in a child that has lost that power (util-linux setpriv)."""
    path = write(tmp_path, "secret.txt", f"Un titre\n{FRENCH_BODY}")
    folder = tmp_path / "closed"
    folder.mkdir()
    for locked in (path, folder):
        locked.chmod(0o000)
    code = (f"from kg.ingest.read import read_articles; "
            f"print(repr(list(read_articles([{str(path)!r}, {str(folder)!r}]))))")
    without_root_reads = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"] if os.geteuid() == 0 else []
    try:
        result = subprocess.run([*without_root_reads, sys.executable, "-c", code], capture_output=True, text=True)
    finally:
        path.chmod(0o644)
        folder.chmod(0o755)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == repr([Skipped(str(path), "permission denied"),
                                          Skipped(str(folder), "permission denied")])


def test_one_bad_input_does_not_stop_the_others(tmp_path):
    paths = [tmp_path / "missing.txt", write(tmp_path, "img.txt", PNG),
             write(tmp_path, "ok.txt", f"Un titre\n{FRENCH_BODY}")]
    items = list(read_articles(paths))
    assert [type(item).__name__ for item in items] == ["Skipped", "Skipped", "Article"]


# --- encodings ----------------------------------------------------------------------------------------------

TEXT = f"L'État islamique menacé\n{FRENCH_BODY} « Déjà » été."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "latin-1", "cp1252"])
def test_files_in_common_encodings_are_decoded(tmp_path, encoding):
    raw = TEXT.encode(encoding)
    if encoding == "utf-16-be":
        raw = b"\xfe\xff" + raw  # with its byte-order mark, as Windows tools write it
    item = article(write(tmp_path, "enc.txt", raw))
    assert item.title == "L'État islamique menacé"
    assert item.text == TEXT.replace("\n", "\n\n")


def test_windows_line_endings_are_normalised(tmp_path):
    item = article(write(tmp_path, "crlf.txt", f"Un titre\r\n\r\n{FRENCH_BODY}\r\n".encode()))
    assert item.text == f"Un titre\n\n{FRENCH_BODY}"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufeff")))
def test_decode_round_trips_utf8_and_utf16_with_bom(text):
    assert decode(text.encode("utf-8")) == text
    assert decode(text.encode("utf-16")) == text


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz ,.'éèàçùâêîôûëïü", min_size=1))
def test_decode_reads_latin1_and_windows_1252_text(text):
    # bytes >= 0xE0 each open a multi-byte UTF-8 sequence that no byte of this alphabet continues,
    # so any accented text here is invalid UTF-8 and must be read as Windows-1252 / Latin-1
    assert decode(text.encode("cp1252")) == text
    assert decode(text.encode("latin-1")) == text
