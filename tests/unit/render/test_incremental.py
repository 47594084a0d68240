"""The incremental renderer gives the full render's HTML, converting only what changed."""

from __future__ import annotations

import itertools
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.core.article import Language
from newsdesk.render import BodyRenderer, render_body, split_blocks
from newsdesk.render.incremental import block_lines

FR, EN = Language.FR, Language.EN

_WORDS = st.sampled_from(
    [
        "Mali", "Lavrov", "visite", "l'ami", '"Wagner"', "Bamako:", "dit-il?", "oui!",
        "10:30", "**gras**", "*italique*", "`code: x`", "[lien](https://actuniger.com)",
        "[réf][a]", "[b]", "note[^1]", "« déjà »", "...", "-", "AT&T;", "<em>brut</em>",
        "https://x.org/?p=1", "Sergueï", "d'Afrique", "—",
    ]
)  # fmt: skip


@st.composite
def _line(draw: st.DrawFn) -> str:
    return " ".join(draw(st.lists(_WORDS, min_size=1, max_size=8)))


@st.composite
def _block(draw: st.DrawFn) -> str:
    kind = draw(
        st.sampled_from(["para", "para", "heading", "ulist", "olist", "quote", "code", "defs"])
    )
    if kind == "para":
        return "\n".join(draw(st.lists(_line(), min_size=1, max_size=3)))
    if kind == "heading":
        return "#" * draw(st.integers(1, 4)) + " " + draw(_line())
    if kind in {"ulist", "olist"}:
        items = draw(st.lists(_line(), min_size=1, max_size=4))
        loose = draw(st.booleans())
        marker = (lambda n: f"{n + 1}.") if kind == "olist" else (lambda n: "-")
        lines = []
        for n, item in enumerate(items):
            lines.append(f"{marker(n)} {item}")
            if draw(st.booleans()):
                lines.append(("\n" if loose else "") + "    " + draw(_line()))
        return ("\n\n" if loose else "\n").join(lines)
    if kind == "quote":
        paragraphs = draw(st.lists(_line(), min_size=1, max_size=3))
        return "\n>\n".join(f"> {p}" for p in paragraphs)
    if kind == "code":
        return "```\n" + draw(_line()) + "\n\n" + draw(_line()) + "\n```"
    return "[a]: https://a.example 'Titre'\n[b]: https://b.example"


@st.composite
def documents(draw: st.DrawFn) -> str:
    blocks = draw(st.lists(_block(), max_size=10))
    if draw(st.booleans()):
        blocks.append('[^1]: La note, avec un "mot".')
    gaps = draw(st.lists(st.sampled_from(["\n\n", "\n\n\n"]), min_size=len(blocks)))
    return _call_once("".join(b + g for b, g in zip(blocks, gaps, strict=False)))


def _call_once(document: str) -> str:
    """A note called once, as in a news article (see test_a_note_called_twice)."""
    head, call, tail = document.partition("note[^1]")
    return head + call + tail.replace("note[^1]", "note")


@settings(max_examples=200, deadline=None)
@given(documents(), st.sampled_from([FR, EN]))
def test_blocks_give_the_full_render(document: str, language: Language) -> None:
    assert BodyRenderer().render(document, language) == render_body(document, language)


@settings(max_examples=100, deadline=None)
@given(documents(), documents(), st.sampled_from([FR, EN]))
def test_a_warm_cache_changes_nothing(first: str, second: str, language: Language) -> None:
    renderer = BodyRenderer()
    renderer.render(first, language)
    renderer.render(second, language)
    # Blocks of the whole may come from the cache filled by either document.
    both = _call_once(first + "\n\n" + second)
    assert renderer.render(both, language) == render_body(both, language)


def _long_body(paragraphs: int) -> str:
    return "\n\n".join(
        f'## Intertitre {n}\n\nParagraphe {n} : le ministre a dit "oui" à Bamako.'
        if n % 10 == 0
        else f'Paragraphe {n} : le ministre a dit "oui" à Bamako, l\'ami.'
        for n in range(paragraphs)
    )


def test_a_keystroke_converts_one_block() -> None:
    renderer = BodyRenderer()
    body = _long_body(200)
    first = renderer.render_blocks(body, FR)
    assert renderer.last_converted == len(first)
    edited = body.replace("Paragraphe 57 :", "Paragraphe 57 bis :")
    second = renderer.render_blocks(edited, FR)
    assert renderer.last_converted == 1
    changed = [n for n, (a, b) in enumerate(zip(first, second, strict=True)) if a != b]
    assert len(changed) == 1
    assert "Paragraphe 57 bis\u00a0:" in second[changed[0]].html
    assert "".join(b.html for b in second) == render_body(edited, FR)


def test_keys_are_stable_and_depend_on_language_and_definitions() -> None:
    renderer = BodyRenderer()
    body = "[a]: https://a.example\n\nVoir [le site][a].\n\nAutre."
    keys = [b.key for b in renderer.render_blocks(body, FR)]
    assert keys == [b.key for b in BodyRenderer().render_blocks(body, FR)]
    assert keys != [b.key for b in renderer.render_blocks(body, EN)]
    moved = body.replace("https://a.example", "https://b.example")
    moved_blocks = renderer.render_blocks(moved, FR)
    # The block that uses the definition changes; the one that does not keeps its key.
    assert moved_blocks[0].key != keys[0] and moved_blocks[1].key == keys[1]
    assert 'href="https://b.example"' in moved_blocks[0].html


def test_definitions_and_footnotes_work_across_blocks() -> None:
    body = (
        "Selon [le communiqué][com] du ministère[^a].\n\n"
        "Plus loin, une autre source[^b].\n\n"
        "[^b]: Seconde note.\n\n"
        "[^a]: Première note,\n\n    sur deux paragraphes.\n\n"
        "[com]: https://diplomatie.gouv.ml/communique"
    )
    renderer = BodyRenderer()
    html = renderer.render(body, FR)
    assert html == render_body(body, FR)
    assert 'href="https://diplomatie.gouv.ml/communique"' in html
    # Numbered in the order of the definitions, as the full render does.
    assert '<a class="footnote-ref" href="#fn:a" rel="noopener noreferrer">2</a>' in html
    assert html.count('<div class="footnote">') == 1
    assert html.rstrip().endswith("</div>")


def test_blocks_keep_fenced_code_lists_and_quotes_whole() -> None:
    body = "```\nune\n\ndeux\n```\n\n- a\n\n- b\n\n    suite de b\n\n> un\n\n> deux\n\nFin."
    assert split_blocks(body) == [
        "```\nune\n\ndeux\n```",
        "- a\n\n- b\n\n    suite de b",
        "> un\n\n> deux",
        "Fin.",
    ]
    assert BodyRenderer().render(body, FR) == render_body(body, FR)


def test_the_cache_is_bounded() -> None:
    renderer = BodyRenderer(cache_size=10)
    renderer.render(_long_body(50), FR)
    assert len(renderer._cache) == 10
    assert renderer.render(_long_body(50), FR) == render_body(_long_body(50), FR)


def test_empty_and_blank_bodies() -> None:
    assert BodyRenderer().render_blocks("", FR) == []
    assert BodyRenderer().render_blocks("\n \n\t\n", FR) == []


def test_a_note_called_twice() -> None:
    body = "Un[^n].\n\nDeux[^n].\n\n[^n]: La note."
    html = BodyRenderer().render(body, FR)
    assert html == render_body(body, FR)
    assert 'id="fnref:n"' in html and 'id="fnref2:n"' in html
    assert 'href="#fnref2:n"' in html


def test_reference_ids_spelt_as_markdown_reads_them() -> None:
    body = (
        "Voir [le site][Mon Site] et [un autre][deux\nmots].\n\n"
        "[mon site]: https://a.example\n\n[deux mots]: https://b.example"
    )
    html = BodyRenderer().render(body, FR)
    assert html == render_body(body, FR)
    assert 'href="https://a.example"' in html and 'href="https://b.example"' in html


@settings(max_examples=200, deadline=None)
@given(documents())
def test_each_block_knows_the_lines_it_comes_from(document: str) -> None:
    lines = document.split("\n")
    located = block_lines(document)
    assert [block for _first, block in located] == split_blocks(document)
    for first, block in located:
        assert "\n".join(lines[first : first + block.count("\n") + 1]) == block
    # In reading order, never overlapping.
    ends = [(first, first + block.count("\n")) for first, block in located]
    assert all(a_end < b_first for (_a, a_end), (b_first, _b) in itertools.pairwise(ends))


def test_placed_blocks_are_the_rendered_blocks_with_their_lines() -> None:
    body = (
        "Premier paragraphe[^a].\n\n\n"
        "[lien]: https://actuniger.com\n\n"
        "## Intertitre\n\n"
        "- un\n- deux\n\n- trois\n\n"
        "[^a]: La note."
    )
    renderer = BodyRenderer()
    placed = renderer.render_placed(body, FR)
    assert [p.block for p in placed] == renderer.render_blocks(body, FR)
    # Definitions leave no element behind: their lines belong to the block before
    # them. The note list comes after the last line, with no line of its own.
    assert [(p.first_line, p.line_count) for p in placed] == [
        (0, 4),
        (5, 1),
        (7, 6),
        (13, 0),
    ]
    assert "Intertitre" in placed[1].block.html and "trois" in placed[2].block.html
    assert 'class="footnote"' in placed[3].block.html


def test_a_paragraph_moved_down_keeps_its_key_not_its_lines() -> None:
    renderer = BodyRenderer()
    body = _long_body(20)
    before = renderer.render_placed(body, FR)
    after = renderer.render_placed("Nouveau chapeau.\n\n" + body, FR)
    assert [p.block.key for p in after[1:]] == [p.block.key for p in before]
    assert [p.first_line for p in after[1:]] == [p.first_line + 2 for p in before]
    assert renderer.last_converted == 1


@settings(max_examples=50, deadline=None)
@given(documents(), st.sampled_from([FR, EN]))
def test_conversions_carried_to_a_new_renderer_give_the_same_page(
    document: str, language: Language
) -> None:
    # What a page kept for the next start-up carries (storage.first_page), through JSON.
    first = BodyRenderer()
    blocks = first.render_blocks(document, language)
    entries = json.loads(json.dumps(first.entries([block.key for block in blocks])))
    second = BodyRenderer()
    second.adopt(entries)
    assert second.render(document, language) == render_body(document, language)
    assert second.last_converted == 0


def test_only_the_blocks_asked_for_are_carried_and_bad_entries_are_skipped() -> None:
    renderer = BodyRenderer()
    renderer.render("Un.\n\nDeux.\n\nTrois.", FR)
    kept = renderer.render_blocks("Un.\n\nDeux.", FR)
    entries = renderer.entries([block.key for block in kept])
    assert sorted(entry[-1] for entry in entries) == sorted(block.html for block in kept)
    fresh = BodyRenderer()
    fresh.adopt([*entries, ["too", "short"], [1, 2, 3, 4, 5, 6, 7, 8]])  # type: ignore[list-item]
    fresh.render("Un.\n\nDeux.\n\nTrois.", FR)
    assert fresh.last_converted == 1  # « Trois. » alone
