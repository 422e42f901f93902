"""kg.ingest.html: the main text of a web page, one block per line."""

from __future__ import annotations

from kg.ingest.html import html_article


def test_article_element_is_preferred_and_inline_tags_do_not_split_lines():
    page = html_article(
        "<html><body><div>Menu du site</div><article><h1>Le <em>titre</em></h1>"
        "<p>Un <a href='#'>lien</a> dans <strong>une</strong> phrase.</p><ul><li>un</li><li>deux</li></ul>"
        "<blockquote>Une citation.</blockquote></article></body></html>")
    assert page.title == "Le titre"
    assert page.lines == ["Un lien dans une phrase.", "un", "deux", "Une citation."]


def test_main_then_body_when_there_is_no_article_element():
    page = "<body><nav>x</nav><main><p>Dans main.</p></main><p>Hors main.</p></body>"
    assert html_article(page).lines == ["Dans main."]
    assert html_article("<body><p>Premier.</p><br><p>Second.</p></body>").lines == ["Premier.", "Second."]


def test_scripts_styles_forms_and_figure_captions_are_dropped():
    page = html_article(
        "<body><article><h1>T</h1><script>alert('x')</script><style>p{}</style><noscript>Activez JS</noscript>"
        "<figure><img src='a.jpg'><figcaption>Légende</figcaption></figure><form><label>Email</label></form>"
        "<p>Le texte.</p></article></body>")
    assert page.lines == ["Le texte."]


def test_url_and_date_come_from_the_page_metadata():
    page = html_article(
        "<head><meta property='og:url' content='https://example.org/a'></head>"
        "<body><article><time datetime='2019-06-09T21:15:47Z'>9 juin</time><p>Texte.</p></article></body>")
    assert (page.url, page.date) == ("https://example.org/a", "2019-06-09T21:15:47")


def test_a_page_without_metadata_or_title():
    page = html_article("<p>Seulement un paragraphe.</p>")
    assert (page.title, page.lines, page.url, page.date) == ("", ["Seulement un paragraphe."], None, None)
