"""Kept blocks of the site in the preview: a labelled box, the same whole or block by block."""

from __future__ import annotations

from newsdesk.core.article import Language
from newsdesk.render import render_body
from newsdesk.render.incremental import BodyRenderer

GALLERY = (
    '<!-- wp:gallery {"linkTo":"none"} -->\n<figure class="wp-block-gallery"><!-- wp:image'
    ' {"id":12} -->\n<figure class="wp-block-image"><img src="https://s.example/a.jpg"'
    ' alt=""/></figure>\n<!-- /wp:image -->\n\n<!-- wp:image {"id":13} -->\n<figure '
    'class="wp-block-image"><img src="https://s.example/b.jpg" alt=""/></figure>\n'
    "<!-- /wp:image --></figure>\n<!-- /wp:gallery -->"
)
BODY = f'Avant : le texte.\n\n{GALLERY}\n\n<!-- wp:myplugin/card {{"x":1}} /-->\n\nAprès.'


def test_each_kept_block_is_a_labelled_box_in_its_place() -> None:
    html = render_body(BODY, Language.FR)
    assert html == (
        "<p>Avant\u00a0: le texte.</p>\n"
        '<div class="site-block">Bloc du site conservé tel quel\u00a0: galerie</div>\n'
        '<div class="site-block">Bloc du site conservé tel quel\u00a0: myplugin/card</div>\n'
        "<p>Après.</p>\n"
    )
    assert "img" not in html  # nothing of the site's markup reaches the page


def test_in_english() -> None:
    assert "Site block kept as it is: gallery" in render_body(GALLERY, Language.EN)


def test_the_preview_renders_it_block_by_block_as_a_whole() -> None:
    renderer = BodyRenderer()
    for language in Language:
        assert renderer.render(BODY, language) == render_body(BODY, language)
    # A keystroke in the paragraph after the gallery converts that paragraph only.
    renderer.render(BODY + " Encore.", Language.FR)
    assert renderer.last_converted == 1


def test_the_box_shows_the_words_of_the_block() -> None:
    image = (
        '<!-- wp:image {"id":51} -->\n<figure class="wp-block-image"><img src="https://s.'
        'example/a.jpg" alt=""/><figcaption class="wp-element-caption">L’Assemblée'
        " nationale, jeudi &amp; vendredi</figcaption></figure>\n<!-- /wp:image -->"
    )
    html = render_body(image, Language.FR)
    assert html == (
        '<div class="site-block">Bloc du site conservé tel quel\u00a0: image<br>'
        "<em>L’Assemblée nationale, jeudi &amp; vendredi</em></div>\n"
    )
    long = image.replace("jeudi", "jeudi " + "très " * 60)
    shown = render_body(long, Language.FR)
    assert "…</em>" in shown and len(shown) < 400
