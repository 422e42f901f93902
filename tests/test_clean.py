"""kg.ingest.clean: the chrome rules file, trailing metadata and the general line rules."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.ingest.clean import clean_lines, iso_date, load_rules, split_trailing_metadata

SENTENCE = "Le réseau social a supprimé des milliers de comptes liés à l'organisation terroriste."


def test_every_rule_in_the_data_file_compiles_and_each_section_has_some():
    rules = load_rules()
    assert rules.drop and rules.end and rules.credit


@pytest.mark.parametrize("content, message", [
    ("suivez-nous.*\n", "boilerplate.txt:1: a pattern before any [section]"),
    ("# comment\n[keep]\nx\n", "boilerplate.txt:2: unknown section [keep]"),
])
def test_a_malformed_rules_file_says_where(tmp_path, content, message):
    path = tmp_path / "boilerplate.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_rules(path)


@pytest.mark.parametrize("text, iso", [
    ("2016-02-27 20:33:35", "2016-02-27T20:33:35"),
    ("2016-02-27T20:33", "2016-02-27T20:33:00"),
    ("2017-10-20T09:15:00+02:00", "2017-10-20T09:15:00"),
    ("2016-02-27", "2016-02-27"),
    ("27 février 2016", None),
    ("", None),
])
def test_iso_date(text, iso):
    assert iso_date(text) == iso


def test_trailing_url_timestamp_and_image_url_are_taken_off_the_end_only():
    lines = ["Titre", "http://example.org/milieu", SENTENCE, "http://example.org/article", "2016-02-27 20:33:35",
             "http://media.example.org/photo.jpg", ""]
    assert split_trailing_metadata(lines) == (lines[:3], "http://example.org/article", "2016-02-27T20:33:35")


def test_end_marker_removes_everything_after_it_but_never_the_title_and_first_line():
    assert clean_lines(["Sur le même sujet", SENTENCE, "Sur le même sujet", "Un autre article"]).lines == \
        ["Sur le même sujet", SENTENCE]


def test_caption_lines_around_a_credit_go_but_sentences_stay():
    lines = ["Un titre d'article", SENTENCE, "Une légende de photo", "Crédit : AFP", "La même légende",
             SENTENCE + " Encore."]
    assert clean_lines(lines).lines == ["Un titre d'article", SENTENCE, SENTENCE + " Encore."]


def test_repeated_lines_and_english_captions_go():
    lines = ["Un titre d'article", SENTENCE, "Jack Dorsey, US CEO and co-creator of th", "Un titre d'article"]
    assert clean_lines(lines).lines == ["Un titre d'article", SENTENCE]


SENTENCES = [
    "Twitter a supprimé 125 000 comptes liés à l'État islamique.",
    "Le groupe menace les dirigeants des réseaux sociaux dans une vidéo.",
    "Selon l'AFP, les autorités américaines enquêtent sur ces menaces.",
    "Facebook et Google se sont mis d'accord avec les pays du G7 sur un plan.",
    "Les djihadistes communiquent davantage sur des messageries privées comme Telegram.",
    "« Nous devons en faire davantage », a souligné la secrétaire américaine.",
]
CHROME = ["Commentaires", "Signaler un abus", "500 caractères restants", "Connectez-vous Inscrivez-vous",
          "Crédit : Chandan Khanna / AFP", "7782094722", "Suivez-nous sur Facebook", "International"]


@given(
    st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=12),
    st.lists(st.sampled_from(CHROME), max_size=6),
    st.randoms(use_true_random=False),
)
def test_article_sentences_survive_any_mix_of_chrome_and_spacing(sentences, chrome, rng):
    lines = ["Un titre d'article sur la modération"] + sentences
    noisy = [rng.choice(["", " ", "\u00a0"]) + line + rng.choice(["", "  ", "\r"]) for line in lines]
    for extra in chrome + [""] * rng.randint(0, 5):  # chrome and blank lines anywhere after the title
        noisy.insert(rng.randint(1, len(noisy)), extra)
    kept = clean_lines(noisy).lines
    assert kept == list(dict.fromkeys(lines))


def test_a_breadcrumb_goes_but_a_sentence_with_a_comparison_stays():
    kept = "Le nombre de comptes suspendus est passé de 10 > 5 000 en un an, selon Twitter."
    lines = ["Accueil > Tech > Réseaux sociaux", "Un titre d'article", SENTENCE, "Monde › Europe", kept]
    assert clean_lines(lines).lines == ["Un titre d'article", SENTENCE, kept]
