"""A Word file (.docx) as a new article: its words as the file shows them, and what
could not come across, said.

Why mammoth, and not python-docx: mammoth reads a .docx as Word displays it once its
changes are accepted (tracked insertions kept, deletions and moved-away text gone,
comments out of the text), resolves Word's numbering into real nested lists, and keeps
headings, bold, italics, links, footnotes, tables and images; its messages name what it
dropped. python-docx is an API for writing the XML: numbering, tracked changes and
links would be walked by hand. mammoth's HTML then goes through newsdesk's one HTML →
Markdown converter (``render.html_to_markdown``), as a post pulled from the site does.

Pure conversion: bytes in, an article out with its images as bytes; the services put
the images into the store (``place_images`` then names them in the body). Errors are
the core's ``InvalidDocument`` with a ``docx_*`` reason; what was left out is a list of
``ImportWarning`` codes, worded by ``newsdesk.words.documents.import_warning``.

About 460 lines, kept together: the refusals, mammoth's reading and the clean-up of its
HTML are one pass over one file, each step feeding the next.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from xml.etree import ElementTree

from bs4 import BeautifulSoup, Tag

from newsdesk.core.article import Article, Language
from newsdesk.core.errors import InvalidDocument
from newsdesk.formats.html_input import (
    collector_paused,
    header_rows,
    rank_intertitles,
    unwrap_dead_links,
)
from newsdesk.render.html_to_markdown import html_to_markdown, parse_html, take_apart

log = logging.getLogger(__name__)

#: A correspondent's file with a dozen photos is 20-40 MB; beyond this it is a mistake.
MAX_DOCX_BYTES = 100 * 1024 * 1024
#: What the file may unpack to (a zip bomb is refused before anything is read).
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024

IMAGE_SCHEME = "docx-image:"

#: The codes of ``ImportWarning``, worded in ``newsdesk.words.errors``.
WARNING_CODES = (
    "equation",  # Office Math: no Markdown for it
    "embedded_object",  # an OLE object (a sheet, a video...)
    "chart",
    "diagram",  # SmartArt
    "table_merged",  # merged cells: the table comes across, simplified
    "image_missing",  # a linked image, not in the file
    "image_unusable",  # an image the store refuses (EMF, TIFF, damaged...)
    "other",  # anything else mammoth left out (detail in the log)
    # Not losses, but the reporter should know:
    "tracked_changes",  # accepted: insertions kept, deletions gone
    "comments",  # left out of the text
    "hidden_text",  # Word's hidden text (Police ▸ Masqué): not shown, not brought in
)

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
_DGM = "{http://schemas.openxmlformats.org/drawingml/2006/diagram}"
_O = "{urn:schemas-microsoft-com:office:office}"

# Word writes the built-in styles' English names in every language (« Titre 1 » in a
# French Word is ``heading 1`` in the file); a style made by hand has the name typed.
_STYLE_MAP = "\n".join(
    [
        *(f"p[style-name='{name}'] => h1.nd-title:fresh" for name in ("Title", "Titre")),
        *(f"p[style-name='{n}'] => p.nd-subtitle:fresh" for n in ("Subtitle", "Sous-titre")),
        *(
            f"p[style-name='{name}'] => blockquote > p:fresh"
            for name in ("Quote", "Intense Quote", "Citation", "Citation intense")
        ),
        *(f"p[style-name='{name}'] => p.nd-caption:fresh" for name in ("Caption", "Légende")),
        *(f"p[style-name='Titre {n}'] => h{n}:fresh" for n in range(1, 7)),
        "r[style-name='Emphasis'] => em",
        "r[style-name='Intense Emphasis'] => strong > em",
        "r[style-name='Strong'] => strong",
    ]
)

# mammoth's messages that are no loss to the reporter: styles it has no mapping for
# (their text comes across as paragraphs) and styles a generator forgot to define.
_HARMLESS = re.compile(
    r"^Unrecognised (paragraph|run|table) style|referenced but not defined"
    # Word's bookkeeping, no text: editing permissions, ranges of custom XML, page numbers.
    r"|ignored: \S*(permStart|permEnd|RangeStart|RangeEnd|pgNum|lastRenderedPageBreak)$"
)
# What a message names that the scan of the XML counts itself (and says better).
_COUNTED = re.compile(r"oMath|OLEObject|unlikely to display|Could not find image file")

_NO_BREAK_BEFORE = re.compile("[\u00a0\u202f]([:;!?»])")
_NO_BREAK_AFTER = re.compile("«[\u00a0\u202f]")
_SPACES = re.compile(r"[ \t\r\n]+")
_KEPT_LINK = re.compile(r"^(https?:|mailto:)", re.IGNORECASE)


@dataclass(frozen=True)
class ImportWarning:
    """Something of the file that did not come across as it was (``WARNING_CODES``)."""

    code: str
    count: int = 1


@dataclass(frozen=True)
class DocxImage:
    data: bytes
    content_type: str

    @property
    def suffix(self) -> str:
        kind = self.content_type.rsplit("/", 1)[-1].lower()
        return {"jpeg": ".jpg", "pjpeg": ".jpg", "svg+xml": ".svg", "x-emf": ".emf"}.get(
            kind, "." + re.sub(r"[^a-z0-9]", "", kind)[:8]
        )


@dataclass
class ConvertedDocument:
    """The article (its body naming images ``docx-image:N``), the images, the warnings."""

    article: Article
    #: ``docx-image:N`` is ``images[N]``; None for an image linked, not in the file.
    images: list[DocxImage | None] = field(default_factory=list)
    warnings: list[ImportWarning] = field(default_factory=list)


def convert(data: bytes) -> ConvertedDocument:
    """The article a .docx holds. Raises InvalidDocument with a ``docx_*`` reason."""
    with collector_paused():  # see there: a long file must not stall the window
        return _convert(data)


def _convert(data: bytes) -> ConvertedDocument:
    archive = _open(data)
    with archive:
        counts = _scan(archive)
        language = _language(archive)
        data, counts["hidden_text"] = _without_hidden_text(data, archive)
    images: list[DocxImage | None] = []  # None: linked, not in the file
    html, messages = _mammoth_html(data, images)
    warnings = _warnings(counts, messages)
    linked = sum(image is None for image in images)
    if linked:
        warnings.append(ImportWarning("image_missing", linked))
    soup = parse_html(html)
    title, standfirst = _headline(soup)
    merged = header_rows(soup)
    if merged:
        warnings.append(ImportWarning("table_merged", merged))
    _footnotes(soup)  # before the links: its references are links to anchors
    _links_and_captions(soup)
    rank_intertitles(soup)
    french = language is Language.FR
    shaped = str(soup)
    take_apart(soup)
    body = html_to_markdown(shaped, french=french)
    if not title and not body.strip():
        raise InvalidDocument("the Word file holds no text", reason="docx_empty")
    article = Article(
        title=_plain(title, french),
        standfirst=_plain(standfirst, french),
        body=body,
        language=language,
    )
    return ConvertedDocument(article, images, _merge(warnings))


def place_images(body: str, stored: Sequence[str | None], media_scheme: str = "media:") -> str:
    """The body with each ``docx-image:N`` replaced by the store path ``stored[N]``, and
    each image the store refused (``None``) taken out."""

    def replace(match: re.Match[str]) -> str:
        index = int(match.group("index"))
        path = stored[index] if index < len(stored) else None
        if path is None:
            return ""
        return f"{match.group('head')}{media_scheme}{path})"

    placed = re.sub(
        r"(?P<head>!\[(?:[^\]\\\n]|\\.)*\]\()" + re.escape(IMAGE_SCHEME) + r"(?P<index>\d+)\)",
        replace,
        body,
    )
    return re.sub(r"\n{3,}", "\n\n", placed).strip("\n")


# --- Reading the file ------------------------------------------------------------------


def _open(data: bytes) -> zipfile.ZipFile:
    if len(data) > MAX_DOCX_BYTES:
        raise InvalidDocument(
            f"the Word file is {len(data)} bytes, over {MAX_DOCX_BYTES}",
            reason="docx_too_large",
            size=_mib(len(data)),
            limit=_mib(MAX_DOCX_BYTES),
        )
    if data.startswith(_OLE_MAGIC):
        # Word's password protection wraps the .docx in an OLE file, as .doc files are.
        if _ENCRYPTED_STREAM in data:
            raise InvalidDocument("the Word file is password-protected", reason="docx_encrypted")
        raise InvalidDocument("an old Word (.doc) file, not a .docx", reason="docx_is_doc")
    if not data.startswith(b"PK"):
        raise InvalidDocument("not a zip archive", reason="docx_not_word")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as error:
        raise InvalidDocument(f"damaged zip: {error}", reason="docx_damaged") from error
    if "mimetype" in names and b"opendocument" in archive.read("mimetype"):
        archive.close()
        raise InvalidDocument("an OpenDocument file, not a .docx", reason="odt_unsupported")
    if "word/document.xml" not in names:
        archive.close()
        raise InvalidDocument("no word/document.xml in the archive", reason="docx_not_word")
    unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > MAX_UNPACKED_BYTES:
        archive.close()
        raise InvalidDocument(
            f"the Word file unpacks to {unpacked} bytes",
            reason="docx_too_large",
            size=_mib(unpacked),
            limit=_mib(MAX_UNPACKED_BYTES),
        )
    return archive


def _scan(archive: zipfile.ZipFile) -> Counter[str]:
    """What the document holds that Markdown cannot, and its revisions and comments."""
    counts: Counter[str] = Counter()
    try:
        with archive.open("word/document.xml") as stream:
            depth_in_math = 0
            for event, element in ElementTree.iterparse(stream, events=("start", "end")):
                tag = element.tag
                if tag in (_M + "oMathPara", _M + "oMath"):
                    if event == "start":
                        if depth_in_math == 0:
                            counts["equation"] += 1
                        depth_in_math += 1
                    else:
                        depth_in_math -= 1
                elif event == "end":
                    if tag == _O + "OLEObject":
                        counts["embedded_object"] += 1
                    elif tag == _C + "chart":
                        counts["chart"] += 1
                    elif tag == _DGM + "relIds":
                        counts["diagram"] += 1
                    elif tag in (_W + "ins", _W + "del", _W + "moveFrom", _W + "moveTo"):
                        counts["tracked_changes"] += 1
                    element.clear()  # a 50-page file stays small in memory
        if "word/comments.xml" in archive.namelist():
            with archive.open("word/comments.xml") as stream:
                counts["comments"] = sum(
                    1 for _e, el in ElementTree.iterparse(stream) if el.tag == _W + "comment"
                )
    except (ElementTree.ParseError, zipfile.BadZipFile, OSError, EOFError) as error:
        raise InvalidDocument(f"damaged document.xml: {error}", reason="docx_damaged") from error
    return counts


def _without_hidden_text(data: bytes, archive: zipfile.ZipFile) -> tuple[bytes, int]:
    """The file without its hidden runs (``w:vanish``: Word does not show them, mammoth
    would), and how many there were. Most files have none and are left as they are."""
    xml = archive.read("word/document.xml")
    if b"vanish" not in xml:
        return data, 0
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as error:
        raise InvalidDocument(f"damaged document.xml: {error}", reason="docx_damaged") from error
    hidden = 0
    for parent in root.iter():
        for run in list(parent):
            if run.tag != _W + "r":
                continue
            vanish = run.find(f"{_W}rPr/{_W}vanish")
            if vanish is not None and vanish.get(_W + "val", "true") not in ("0", "false"):
                parent.remove(run)
                hidden += 1
    if not hidden:
        return data, 0
    # The namespaces' prefixes change (ns0:...); mammoth reads names by their URI.
    rewritten = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in archive.infolist():
            body = rewritten if info.filename == "word/document.xml" else archive.read(info)
            copy.writestr(info, body)
    return out.getvalue(), hidden


def _language(archive: zipfile.ZipFile) -> Language:
    """English when the document's default language is; French otherwise (the desk's)."""
    try:
        root = ElementTree.fromstring(archive.read("word/styles.xml"))
    except (KeyError, ElementTree.ParseError, zipfile.BadZipFile, OSError):
        return Language.FR
    lang = root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}lang")
    value = (lang.get(_W + "val") or "") if lang is not None else ""
    return Language.EN if value.lower().startswith("en") else Language.FR


def _mammoth_html(data: bytes, images: list[DocxImage | None]) -> tuple[str, list[str]]:
    import mammoth  # type: ignore[import-untyped]  # ~60 ms, only when a Word file comes

    def keep_image(image: Any) -> dict[str, str]:
        try:
            with image.open() as stream:
                images.append(DocxImage(stream.read(), image.content_type or ""))
        except (OSError, ValueError) as error:
            # A linked image (a path or a URL, not in the file): never fetched.
            log.info("docx: image left out: %s", error)
            images.append(None)
        # Word's alt text may hold brackets and lines: Markdown's ![alt] holds neither.
        alt = " ".join((image.alt_text or "").split()).replace("[", "(").replace("]", ")")
        return {"src": f"{IMAGE_SCHEME}{len(images) - 1}", "alt": alt}

    try:
        result = mammoth.convert_to_html(
            io.BytesIO(data),
            style_map=_STYLE_MAP,
            convert_image=mammoth.images.img_element(keep_image),
            # A file names an image on the writer's disk or on the web: it stays there.
            external_file_access=False,
        )
    # mammoth raises whatever its XML reading meets in a damaged file (KeyError for a
    # missing part, ValueError, its own parse errors): every one means the same here.
    except Exception as error:
        raise InvalidDocument(f"mammoth: {error!r}", reason="docx_damaged") from error
    return result.value, [m.message for m in result.messages]


def _warnings(counts: Counter[str], messages: Iterable[str]) -> list[ImportWarning]:
    warnings = [ImportWarning(code, counts[code]) for code in WARNING_CODES if counts[code]]
    for message in messages:
        if _HARMLESS.search(message):
            log.debug("docx: %s", message)
        elif "Could not find image file" in message or "without a relationship ID" in message:
            warnings.append(ImportWarning("image_missing"))
        elif _COUNTED.search(message):
            log.info("docx: %s", message)
        else:
            log.warning("docx: %s", message)
            warnings.append(ImportWarning("other"))
    return warnings


def _merge(warnings: list[ImportWarning]) -> list[ImportWarning]:
    """One warning per code, counts added, in ``WARNING_CODES`` order."""
    total: Counter[str] = Counter()
    for warning in warnings:
        total[warning.code] += warning.count
    return [ImportWarning(code, total[code]) for code in WARNING_CODES if total[code]]


# --- mammoth's HTML shaped as an article -----------------------------------------------


def _headline(soup: BeautifulSoup) -> tuple[str, str]:
    """The headline: the Title paragraph, else the first heading; and a Subtitle as
    standfirst. Both leave the body."""
    titles = soup.find_all("h1", class_="nd-title") or soup.find_all(re.compile(r"^h[1-6]$"))
    title = ""
    for candidate in titles:  # an empty heading (a stray Enter) is no headline
        if candidate.get_text().strip():
            title = candidate.get_text()
            candidate.decompose()
            break
    for extra in soup.find_all("h1", class_="nd-title"):
        del extra["class"]  # a second Title paragraph: an intertitle like the others
    standfirst = ""
    subtitles = soup.find_all("p", class_="nd-subtitle")
    for index, subtitle in enumerate(subtitles):
        if index == 0:
            standfirst = subtitle.get_text()
            subtitle.decompose()
        else:
            del subtitle["class"]
    return title, standfirst


def _footnotes(soup: BeautifulSoup) -> None:
    """mammoth's notes (a reference link, a list at the end) as Markdown footnotes."""
    labels: dict[str, str] = {}
    for link in soup.find_all("a", href=re.compile(r"^#(foot|end)note-\d+$")):
        note_id = str(link["href"])[1:]
        if not str(link.get("id", "")).startswith(("footnote-ref", "endnote-ref")):
            continue
        labels.setdefault(note_id, str(len(labels) + 1))
        reference = link
        while reference.parent is not None and reference.parent.name == "sup":
            reference = reference.parent
        reference.replace_with(f"[^{labels[note_id]}]")
    for note_id, label in labels.items():
        item = soup.find("li", id=note_id)
        if not isinstance(item, Tag):
            continue
        for back in item.find_all("a", href=re.compile(r"^#(foot|end)note-ref-")):
            back.decompose()
        text = " ".join(p.get_text(" ").strip() for p in item.find_all("p")) or item.get_text()
        parent = item.parent
        item.decompose()
        paragraph = soup.new_tag("p")
        paragraph.string = f"[^{label}]: {_SPACES.sub(' ', text).strip()}"
        soup.append(paragraph)
        if isinstance(parent, Tag) and not parent.find("li"):
            parent.decompose()


def _links_and_captions(soup: BeautifulSoup) -> None:
    # Bookmarks (a table of contents' targets), links to them and to files on the
    # writer's disk point nowhere in the article: their text stays, plain.
    unwrap_dead_links(soup, _KEPT_LINK)
    for caption in soup.find_all("p", class_="nd-caption"):
        del caption["class"]
        emphasis = soup.new_tag("em")
        for child in list(caption.children):
            emphasis.append(child.extract())
        caption.append(emphasis)


def _plain(text: str, french: bool) -> str:
    """A headline or a standfirst as a reporter types it (the renderer adds the
    no-break spaces of French typography again)."""
    text = _SPACES.sub(" ", text).strip()
    if french:
        text = _NO_BREAK_BEFORE.sub(r" \1", _NO_BREAK_AFTER.sub("« ", text))
    return text


def _mib(size: int) -> str:
    return f"{size / 1024 / 1024:.0f}"


__all__ = [
    "IMAGE_SCHEME",
    "MAX_DOCX_BYTES",
    "WARNING_CODES",
    "ConvertedDocument",
    "DocxImage",
    "ImportWarning",
    "convert",
    "place_images",
]
