"""French typography: the rules, where they must not apply, and idempotence."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from newsdesk.render.typography import NBSP, NNBSP, french_typography


def test_high_punctuation_gets_the_right_no_break_space() -> None:
    assert french_typography("<p>Mali: Lavrov</p>") == f"<p>Mali{NBSP}: Lavrov</p>"
    assert french_typography("<p>Vraiment? Oui! Non; peut-être.</p>") == (
        f"<p>Vraiment{NNBSP}? Oui{NNBSP}! Non{NNBSP}; peut-être.</p>"
    )
    # An ordinary space typed by the reporter is replaced, not doubled.
    assert french_typography("<p>Mali : Lavrov ?</p>") == f"<p>Mali{NBSP}: Lavrov{NNBSP}?</p>"
    # A run of signs takes one space, before the first.
    assert french_typography("<p>Quoi?!</p>") == f"<p>Quoi{NNBSP}?!</p>"


def test_tokens_keep_their_colons_and_question_marks() -> None:
    for text in ("À 10:30 précises", "voir http://actuniger.com/?p=12 ici", "index.php?page=2"):
        assert french_typography(f"<p>{text}</p>") == f"<p>{text}</p>"


def test_quotes_apostrophes_ellipsis_and_incise() -> None:
    assert french_typography('<p>Il a dit "cette visite" hier...</p>') == (
        f"<p>Il a dit «{NBSP}cette visite{NBSP}» hier…</p>"
    )
    assert french_typography("<p>l'ouest d'Afrique</p>") == "<p>l’ouest d’Afrique</p>"
    assert french_typography("<p>« déjà »</p>") == f"<p>«{NBSP}déjà{NBSP}»</p>"
    assert french_typography("<p>«serré»</p>") == f"<p>«{NBSP}serré{NBSP}»</p>"
    assert french_typography("<p>Bamako - nouvel allié - et Mi-8</p>") == (
        "<p>Bamako – nouvel allié – et Mi-8</p>"
    )
    # Curly quotes are French quotes inside quotes: kept as typed.
    assert french_typography("<p>« le “plan” »</p>") == f"<p>«{NBSP}le “plan”{NBSP}»</p>"


def test_quotes_pair_across_inline_tags() -> None:
    assert french_typography('<p>"<em>Wagner</em>"</p>') == (
        f"<p>«{NBSP}<em>Wagner</em>{NBSP}»</p>"
    )
    assert french_typography("<p><strong>Note</strong>: lire</p>") == (
        f"<p><strong>Note</strong>{NBSP}: lire</p>"
    )


def test_markup_code_and_entities_are_never_touched() -> None:
    html = (
        "<p><a href=\"http://x.org/?a=1&amp;b='2'\" title=\"Titre: 'x'\">lien</a></p>"
        '<pre><code>x = a ? b : c; print("ok!")</code></pre>'
        "<p>Code <code>a:b ; c!</code> et AT&amp;T; &lt;b&gt;</p>"
    )
    out = french_typography(html)
    assert "<a href=\"http://x.org/?a=1&amp;b='2'\" title=\"Titre: 'x'\">" in out
    assert '<pre><code>x = a ? b : c; print("ok!")</code></pre>' in out
    assert "<code>a:b ; c!</code>" in out
    # The ; of &amp; is markup-level: only the reporter's own ; gets a space.
    assert f"AT&amp;T{NNBSP}; &lt;b&gt;" in out


def test_an_attribute_holding_a_bare_angle_bracket_stays_whole() -> None:
    html = '<p title="a > b: c">texte: fin</p>'
    assert french_typography(html) == f'<p title="a > b: c">texte{NBSP}: fin</p>'


def test_context_stops_at_block_boundaries() -> None:
    # A quote that opens a paragraph opens, whatever ended the paragraph before.
    out = french_typography('<p>fin.</p>\n<p>"Début"</p>')
    assert out == f"<p>fin.</p>\n<p>«{NBSP}Début{NBSP}»</p>"
    # A block that starts with a sign has nothing to attach it to.
    assert french_typography("<p>? x</p>") == "<p>? x</p>"


_TEXTY = st.lists(
    st.sampled_from([*"ab1 :;!?\"'.-«»“”’\n\u00a0\u202f/&", "...", "http://", " - "]),
    max_size=30,
).map("".join)
_TAGS = st.sampled_from(
    ["<p>", "</p>", "<em>", "</em>", "<code>", "</code>", '<a href="x:y">', "</a>", "<br>"]
)


@st.composite
def fragments(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.one_of(_TEXTY, _TAGS), max_size=12))
    # Text as the sanitizer emits it: & < > escaped.
    return "".join(
        p if p.startswith("<") else p.replace("&", "&amp;").replace("<", "&lt;") for p in parts
    )


@given(fragments())
def test_idempotent(fragment: str) -> None:
    once = french_typography(fragment)
    assert french_typography(once) == once


_TAG_RE = re.compile(r"<[^>]*>")


@given(fragments())
def test_markup_is_unchanged(fragment: str) -> None:
    assert _TAG_RE.findall(french_typography(fragment)) == _TAG_RE.findall(fragment)
