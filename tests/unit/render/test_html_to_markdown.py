"""A post's HTML back to newsdesk's Markdown: newsdesk's own habits, the editors' shapes,
French typography undone, and the round trip that changes nothing on the site."""

from __future__ import annotations

import pytest

from newsdesk.core.article import Language
from newsdesk.render import render_body
from newsdesk.render.html_to_markdown import autop, html_to_markdown

LAVROV = (
    "## Un partenariat stratégique\n\n"
    "Le ministre, **Sergueï Lavrov**, effectue une visite *de travail* : « amitié ».\n\n"
    "> « Cette visite permettra de donner une nouvelle dynamique », indique le communiqué.\n\n"
    "- Bamako\n"
    "- Niamey\n\n"
    "Ligne  \n"
    "suivante."
)


@pytest.mark.parametrize("html", ["", "   \n\t "])
def test_no_html_is_no_markdown(html: str) -> None:
    assert html_to_markdown(html) == ""


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        ("<h2>Un partenariat</h2>", "## Un partenariat"),
        ("<p>Texte <strong>gras</strong> et <em>penché</em>.</p>", "Texte **gras** et *penché*."),
        ("<blockquote><p>« Oui », dit-il.</p></blockquote>", "> « Oui », dit-il."),
        ("<ul><li>un</li><li>deux</li></ul>", "- un\n- deux"),
        ("<ol><li>un</li><li>deux</li></ol>", "1. un\n2. deux"),
        ("<p>ligne<br>suivante</p>", "ligne  \nsuivante"),  # two spaces: a line break
        ('<p><a href="https://actuniger.com/61">lien</a></p>', "[lien](https://actuniger.com/61)"),
        ("<p>2 * 3 et a_b</p>", "2 \\* 3 et a\\_b"),  # not emphasis when typed back
        ("<p>a</p>\n\n\n\n<p>b</p>", "a\n\nb"),
    ],
)
def test_newsdesks_own_markdown_habits(html: str, markdown: str) -> None:
    assert html_to_markdown(html) == markdown


def test_the_block_editors_comments_go() -> None:
    html = (
        "<!-- wp:heading -->\n<h2>Titre</h2>\n<!-- /wp:heading -->\n\n"
        "<!-- wp:paragraph -->\n<p>Bloc</p>\n<!-- /wp:paragraph -->"
    )
    assert html_to_markdown(html) == "## Titre\n\nBloc"


def test_a_block_editor_caption_is_a_paragraph_in_italics_under_its_image() -> None:
    html = (
        '<figure class="wp-block-image"><img src="https://x/a.jpg" alt="Lavrov">'
        "<figcaption>Sergueï Lavrov à Bamako</figcaption></figure>"
    )
    assert html_to_markdown(html) == "![Lavrov](https://x/a.jpg)\n\n*Sergueï Lavrov à Bamako*"


def test_the_classic_editors_bare_paragraphs_come_back() -> None:
    text = "Premier paragraphe.\n\nSecond,\navec un saut."
    assert autop(text) == "<p>Premier paragraphe.</p>\n<p>Second,<br>\navec un saut.</p>"
    assert html_to_markdown(text) == "Premier paragraphe.\n\nSecond,  \navec un saut."
    # HTML that has its blocks already is left as it is.
    assert autop("<p>x</p>\n\ny") == "<p>x</p>\n\ny"


def test_french_no_break_spaces_become_the_spaces_a_reporter_types() -> None:
    html = "<p>Prix\u00a0: 5\u00a0€\u202f! «\u00a0oui\u00a0» et «\u202fnon\u202f»</p>"
    assert html_to_markdown(html, french=True) == "Prix : 5\u00a0€ ! « oui » et « non »"
    # Not in English text, and not the space inside « 5 € », which is no typography rule.
    assert (
        html_to_markdown(html)
        == "Prix\u00a0: 5\u00a0€\u202f! «\u00a0oui\u00a0» et «\u202fnon\u202f»"
    )


def test_no_trailing_blanks_but_the_line_breaks() -> None:
    assert html_to_markdown("<p>fin   </p>\n<p>ligne<br>\nsuite</p>") == "fin\n\nligne  \nsuite"


@pytest.mark.parametrize("language", [Language.FR, Language.EN])
def test_newsdesks_rendering_comes_back_as_it_was_written(language: Language) -> None:
    html = render_body(LAVROV, language)
    back = html_to_markdown(html, french=language is Language.FR)
    assert render_body(back, language) == html
    if language is Language.FR:
        assert back == LAVROV  # the typography the renderer added is undone


def test_nested_lists_and_a_second_paragraph_stay_inside_their_item() -> None:
    html = (
        "<ul>\n<li>Niamey<ul>\n<li>Plateau</li>\n</ul>\n</li>\n<li>Zinder</li>\n</ul>\n"
        "<ol>\n<li>\n<p>Un</p>\n<p>Suite de un</p>\n</li>\n<li>\n<p>Deux</p>\n</li>\n</ol>"
    )
    markdown = html_to_markdown(html)
    assert markdown.startswith("- Niamey\n    - Plateau\n- Zinder")
    assert render_body(markdown, Language.EN).strip() == html
