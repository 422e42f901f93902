"""kg.ingest.langdetect: the cheap French-or-not check."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.ingest.langdetect import (
    dominant_script_language,
    guess_language,
    is_french,
    looks_foreign_line,
    script_language,
)


@pytest.mark.parametrize("text, code", [
    ("Le réseau social a annoncé lundi avoir supprimé des milliers de comptes liés à l'organisation.", "fr"),
    ("The social network said on Monday that it had removed thousands of accounts linked to the group.", "en"),
    ("La red social anunció el lunes que había eliminado miles de cuentas vinculadas con los yihadistas del grupo.",
     "es"),
    ("Das soziale Netzwerk hat am Montag mitgeteilt, dass es tausende Konten der Gruppe gelöscht hat und nicht mehr.",
     "de"),
    ("أعلنت شبكة التواصل الاجتماعي يوم الاثنين أنها حذفت آلاف الحسابات", "ar"),
    ("Социальная сеть заявила в понедельник, что удалила тысячи аккаунтов", "ru"),
])
def test_guess_language(text, code):
    assert guess_language(text) == code


def test_short_or_wordless_text_is_not_judged_and_passes():
    assert guess_language("Twitter contre Daesh") is None
    assert is_french("Twitter contre Daesh")
    assert is_french("Mark Zuckerberg Jack Dorsey Sheryl Sandberg Michael Rogers Elaine Duke Marco Minniti")


def test_a_french_article_quoting_english_stays_french():
    text = ("Le groupe a publié une vidéo intitulée « Flames of the supporters » dans laquelle il menace "
            "les dirigeants des réseaux sociaux, qui ont supprimé des milliers de comptes depuis le début de l'année.")
    assert is_french(text)


def test_foreign_line():
    assert looks_foreign_line("Jack Dorsey, US CEO and co-creator of th")
    assert not looks_foreign_line("Au premier plan de la lutte sur Internet")
    assert not looks_foreign_line("Mark Zuckerberg")


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_the_latin_fast_path_agrees_with_the_letter_by_letter_count(text):
    assert script_language(text) == dominant_script_language(text)
