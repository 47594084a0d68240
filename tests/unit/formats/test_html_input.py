"""The clipboard's HTML (Word, Google Docs, a web page) as newsdesk's Markdown."""

from __future__ import annotations

from newsdesk.core.article import Language
from newsdesk.formats.html_input import has_formatting, paste_markdown
from newsdesk.render import render_body

# What Word for Windows puts on the clipboard (trimmed), lists as it writes them.
WORD = """<html xmlns:o="urn:schemas-microsoft-com:office:office">
<head><style>p.MsoNormal {margin:0cm}</style></head><body lang=FR>
<!--StartFragment-->
<h1>Mali&nbsp;: Sergueï Lavrov à Bamako</h1>
<p class=MsoNormal>Le ministre <b>arrive</b> <i>lundi</i>.<o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'>
<![if !supportLists]><span style='font-family:Symbol;mso-list:Ignore'>·<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]>Niamey<o:p></o:p></p>
<p class=MsoListParagraphCxSpMiddle style='margin-left:72.0pt;mso-list:l0 level2 lfo1'>
<![if !supportLists]><span style='mso-list:Ignore'>o<span>&nbsp; </span></span><![endif]>Plateau</p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'>
<![if !supportLists]><span style='mso-list:Ignore'>·<span>&nbsp; </span></span><![endif]>Zinder</p>
<p class=MsoListParagraphCxSpFirst style='mso-list:l1 level1 lfo2'><![if !supportLists]><span
style='mso-list:Ignore'>1.<span>&nbsp; </span></span><![endif]>Arrivée</p>
<p class=MsoListParagraphCxSpLast style='mso-list:l1 level1 lfo2'><![if !supportLists]><span
style='mso-list:Ignore'>2.<span>&nbsp; </span></span><![endif]>Entretien</p>
<p class=MsoQuote>«&nbsp;Nous sommes prêts&nbsp;»</p>
<p class=MsoNormal><b style='mso-bidi-font-weight:normal'>Bilan</b>&nbsp;: 12 morts
<img width=20 height=20 src="file:///C:/Users/aicha/AppData/Local/Temp/msohtmlclip1/01/clip_image001.png"></p>
<!--EndFragment-->
</body></html>"""


def test_a_word_paste_keeps_its_structure_and_none_of_its_markup() -> None:
    markdown = paste_markdown(WORD, french=True)
    assert markdown == (
        "## Mali : Sergueï Lavrov à Bamako\n\n"
        "Le ministre **arrive** *lundi*.\n\n"
        "- Niamey\n    - Plateau\n- Zinder\n\n"
        "1. Arrivée\n2. Entretien\n\n"
        "> « Nous sommes prêts »\n\n"
        "**Bilan** : 12 morts"
    )
    html = render_body(markdown, Language.FR)
    assert "<li>Niamey<ul>" in html
    assert "<ol>\n<li>Arrivée</li>" in html


def test_a_google_docs_paste_finds_its_bold_and_italics_in_styles() -> None:
    html = (
        '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-12ab">'
        '<h1 dir="ltr"><span style="font-size:20pt;font-weight:700;">La saison</span></h1>'
        '<p dir="ltr"><span style="font-weight:700;">Niamey</span>'
        '<span style="font-weight:400;"> sous la </span>'
        '<span style="font-style:italic;">pluie</span></p>'
        '<ul><li dir="ltr"><p dir="ltr"><span>Un</span></p></li></ul></b>'
    )
    assert paste_markdown(html, french=True) == "## La saison\n\n**Niamey** sous la *pluie*\n\n- Un"


def test_a_web_page_paste_is_sanitized() -> None:
    html = (
        '<div class="article"><script>alert("x")</script><style>p{color:red}</style>'
        '<h2 onclick="steal()">Les faits</h2>'
        '<p>Voir <a href="https://example.org/a" target="_blank" onmouseover="x()">la source</a>, '
        '<a href="/relatif">le sommaire</a> et <a href="javascript:alert(1)">ceci</a>.</p>'
        '<img src="https://example.org/photo.jpg" alt="La photo" onerror="x()">'
        '<iframe src="https://example.org/embed"></iframe>'
        "<table><tr><td>Ville</td><td>Pluie</td></tr><tr><td>Zinder</td><td>12 mm</td></tr></table>"
        "<p>Un * et un _ restent du texte.</p></div>"
    )
    markdown = paste_markdown(html, french=False)
    assert markdown == (
        "## Les faits\n\n"
        "Voir [la source](https://example.org/a), le sommaire et ceci.\n\n"
        "![La photo](https://example.org/photo.jpg)\n\n"
        "| Ville | Pluie |\n| --- | --- |\n| Zinder | 12 mm |\n\n"
        "Un \\* et un \\_ restent du texte."
    )
    for raw in ("<", "script", "onclick", "iframe", "javascript"):
        assert raw not in markdown


def test_coloured_text_from_a_code_editor_is_no_formatting() -> None:
    vscode = (
        '<div style="color: #d4d4d4;background-color: #1e1e1e;">'
        '<div><span style="color: #569cd6;">## Titre</span></div></div>'
    )
    assert not has_formatting(vscode)
    assert has_formatting("<p>Un paragraphe</p>")
    assert has_formatting('<span style="font-weight:700">gras</span>')


def test_nothing_but_an_image_of_the_disk_is_nothing() -> None:
    assert paste_markdown('<img src="file:///C:/photo.png">', french=True) == ""
