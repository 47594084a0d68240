"""Real .docx files for the tests, written with python-docx.

What python-docx has no API for (tracked changes, multi-level numbering, footnotes,
equations, embedded objects) is written as the OOXML elements Word itself writes,
through python-docx's ``OxmlElement`` (lxml underneath).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from PIL import Image

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REVISION_DATE = "2026-11-30T10:00:00Z"


def new_document() -> Any:
    return docx.Document()


def save(document: Any, path: Path) -> Path:
    document.save(str(path))
    return path


def png_bytes(color: str = "red", size: tuple[int, int] = (40, 20)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()


def _run(text: str, tag: str = "w:t") -> Any:
    run = OxmlElement("w:r")
    node = OxmlElement(tag)
    node.text = text
    node.set(qn("xml:space"), "preserve")
    run.append(node)
    return run


def add_insertion(paragraph: Any, text: str, revision: int, author: str = "Rédaction") -> None:
    """``<w:ins>``: text a reviewer added with Track Changes on."""
    ins = OxmlElement("w:ins")
    ins.set(qn("w:id"), str(revision))
    ins.set(qn("w:author"), author)
    ins.set(qn("w:date"), _REVISION_DATE)
    ins.append(_run(text))
    paragraph._p.append(ins)


def add_deletion(paragraph: Any, text: str, revision: int, author: str = "Rédaction") -> None:
    """``<w:del>`` with its ``<w:delText>``: text a reviewer struck out."""
    deletion = OxmlElement("w:del")
    deletion.set(qn("w:id"), str(revision))
    deletion.set(qn("w:author"), author)
    deletion.set(qn("w:date"), _REVISION_DATE)
    deletion.append(_run(text, "w:delText"))
    paragraph._p.append(deletion)


def add_deleted_paragraph(document: Any, text: str, revision: int) -> None:
    """A whole paragraph deleted: its runs in ``<w:del>`` and its mark deleted too."""
    paragraph = document.add_paragraph()
    p_pr = paragraph._p.get_or_add_pPr()
    r_pr = OxmlElement("w:rPr")
    mark = OxmlElement("w:del")
    mark.set(qn("w:id"), str(revision))
    mark.set(qn("w:author"), "Rédaction")
    mark.set(qn("w:date"), _REVISION_DATE)
    r_pr.append(mark)
    p_pr.append(r_pr)
    add_deletion(paragraph, text, revision + 1)


def add_list_numbering(document: Any, ordered: bool) -> int:
    """A nine-level list definition in numbering.xml, as Word writes one; its numId."""
    numbering = document.part.numbering_part.element
    abstract_ids = [
        int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))
    ]
    num_ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    abstract_id = max(abstract_ids, default=0) + 1
    num_id = max(num_ids, default=0) + 1
    levels = []
    for level in range(9):
        fmt, text = ("decimal", f"%{level + 1}.") if ordered else ("bullet", "•")
        levels.append(
            f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{720 * (level + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
        )
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="hybridMultilevel"/>{"".join(levels)}</w:abstractNum>'
    )
    num = parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'
    )
    # abstractNum elements come before every num element (the schema's order).
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(num)
    return num_id


def add_list_item(document: Any, text: str, num_id: int, level: int = 0) -> Any:
    """A list paragraph as Word writes it: List Paragraph style, ``<w:numPr>``."""
    paragraph = document.add_paragraph(text, style="List Paragraph")
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>'
            f'<w:numId w:val="{num_id}"/></w:numPr>'
        )
    )
    return paragraph


def add_hyperlink(paragraph: Any, text: str, url: str) -> None:
    rel_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    link.append(_run(text))
    paragraph._p.append(link)


def add_equation(paragraph: Any) -> None:
    """An Office Math equation (E = mc²) in the paragraph."""
    paragraph._p.append(
        parse_xml(
            '<m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math">'
            "<m:r><m:t>E=m</m:t></m:r><m:sSup><m:e><m:r><m:t>c</m:t></m:r></m:e>"
            "<m:sup><m:r><m:t>2</m:t></m:r></m:sup></m:sSup></m:oMath>"
        )
    )


def add_embedded_object(paragraph: Any) -> None:
    """An OLE object (an embedded Excel sheet) as Word writes it, without its preview."""
    paragraph._p.append(
        parse_xml(
            f'<w:r {nsdecls("w")}><w:object xmlns:o="urn:schemas-microsoft-com:office:office"'
            ' w:dxaOrig="1440" w:dyaOrig="720">'
            '<o:OLEObject Type="Embed" ProgID="Excel.Sheet.12" ShapeID="_x0000_i1025"'
            ' DrawAspect="Content" ObjectID="_1700000000"/></w:object></w:r>'
        )
    )


def add_footnote(document: Any, paragraph: Any, text: str) -> None:
    """A footnote: the reference in the paragraph, the note in word/footnotes.xml."""
    part = _footnotes_part(document)
    root = part._element
    note_id = len(root.findall(qn("w:footnote"))) + 1
    root.append(
        parse_xml(
            f'<w:footnote {nsdecls("w")} w:id="{note_id}"><w:p><w:r><w:t xml:space="preserve">'
            f"{text}</w:t></w:r></w:p></w:footnote>"
        )
    )
    paragraph._p.append(
        parse_xml(
            f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            f'<w:footnoteReference w:id="{note_id}"/></w:r>'
        )
    )


class _XmlPart(Part):
    """A part whose XML stays live (python-docx's base Part keeps only bytes)."""

    def __init__(self, partname: PackURI, content_type: str, element: Any, package: Any):
        super().__init__(partname, content_type, package=package)
        self._element = element

    @property
    def blob(self) -> bytes:
        from lxml import etree

        return etree.tostring(self._element, xml_declaration=True, encoding="UTF-8")


def _footnotes_part(document: Any) -> Any:
    existing = getattr(document, "_newsdesk_footnotes", None)
    if existing is not None:
        return existing
    element = parse_xml(
        f"<w:footnotes {nsdecls('w')}>"
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        "<w:continuationSeparator/></w:r></w:p></w:footnote></w:footnotes>"
    )
    part = _XmlPart(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        element,
        document.part.package,
    )
    document.part.relate_to(part, RT.FOOTNOTES)
    document._newsdesk_footnotes = part
    return part


def add_comment(document: Any, paragraph: Any, text: str) -> None:
    """A reviewer's comment anchored on the paragraph's runs (python-docx writes it
    with its range start, range end and reference, as Word does)."""
    document.add_comment(paragraph.runs, text=text, author="Chef d’édition", initials="CE")


def set_language(document: Any, tag: str) -> None:
    """The document's default language (``w:docDefaults``), as Word's template sets it."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), tag)


def add_linked_picture(document: Any, target: str) -> None:
    """A picture Word shows from a file or URL outside the document (Insert ▸ Picture ▸
    Link to File): its blip names an external relationship with ``r:link``."""
    document.add_picture(io.BytesIO(png_bytes("gray")))
    blip = document.element.body.findall(".//" + qn("a:blip"))[-1]
    rel_id = document.part.relate_to(target, RT.IMAGE, is_external=True)
    del blip.attrib[qn("r:embed")]
    blip.set(qn("r:link"), rel_id)


def add_hidden_run(paragraph: Any, text: str) -> None:
    """A run of hidden text (Font ▸ Hidden): ``<w:vanish/>`` in its properties."""
    run = paragraph.add_run(text)
    run.font.hidden = True
