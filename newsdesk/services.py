"""What the command line and the window both do with articles, in plain Python.

Image paths, the one convention every part of newsdesk shares:

* In the store, ``FeaturedImage.path`` is the image's path relative to the media
  folder (``ab/ab12...ef.jpg``, as ``Store.import_image`` returns it) and body images
  are written ``![alt](media:ab/ab12...ef.jpg)``. The renderer maps both to real URLs.
* In a Markdown file (the interchange format), both are relative to the file.

``import_file`` copies every local image into the store and rewrites its path;
``export_markdown`` copies them out beside the file and rewrites them back, so an
export imported again gives the same article (the store names images by their
content, so even the media paths come back identical).

One module of short sections (new, find, import, export, housekeeping, the whole
article's spelling) because each is a few functions both faces call by one name,
``services.x``; a section that grows past a hundred lines gets its own module, as the
import of Word files did (``formats.docx``).
"""

from __future__ import annotations

import logging
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from newsdesk.atomicfile import write_atomic
from newsdesk.core.article import Article, FeaturedImage, Language, utcnow
from newsdesk.core.errors import (
    AmbiguousArticleId,
    ArticleNotFound,
    InvalidDocument,
    InvalidImage,
    UnsafeMediaPath,
)

# The Markdown interchange format (with its YAML parser, ~25 ms) is imported by the
# functions that read or write a file: the window's start-up uses this module for a
# new article and the housekeeping, which need neither.

if TYPE_CHECKING:
    from newsdesk.formats.docx import ImportWarning
    from newsdesk.paths import Paths
    from newsdesk.settings import Settings
    from newsdesk.storage.store import Store

log = logging.getLogger(__name__)

MEDIA_SCHEME = "media:"
#: An id prefix shorter than this is too likely to match another article by chance.
MIN_ID_PREFIX = 6

# ![alt](target "title"): the target, bare or in <>, and an optional title.
_INLINE_IMAGE = re.compile(
    r"(?P<head>!\[(?:[^\]\\\n]|\\.)*\]\(\s*)"
    r"(?P<target><[^>\n]*>|[^)\s]+)"
    r"(?P<tail>(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?\s*\))"
)
_MEDIA_REFERENCE = re.compile(r"media:(?P<path>[A-Za-z0-9._~/%-]+)")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


# --- New articles -------------------------------------------------------------------------


def new_article(settings: Settings) -> Article:
    """A blank article with the reporter's defaults (byline, source, rubrique, place, language)."""
    return Article(
        byline=settings.get("default_byline"),
        source=settings.get("default_source"),
        category=settings.get("default_category"),
        dateline=settings.get("default_dateline"),
        language=Language(settings.get("default_language")),
    )


# --- Finding articles ---------------------------------------------------------------------


def resolve_id(store: Store, text: str) -> str:
    """The full id of the article ``text`` names: its id, or an unambiguous prefix of it
    (at least MIN_ID_PREFIX characters). ArticleNotFound or AmbiguousArticleId."""
    wanted = text.strip().lower()
    try:
        return store.get(wanted).id
    except ArticleNotFound:
        pass
    if len(wanted) < MIN_ID_PREFIX:
        raise ArticleNotFound(text)
    # A few are enough to show which ones clash, without listing the whole store.
    matches = store.ids_starting_with(wanted, limit=5)
    if not matches:
        raise ArticleNotFound(text)
    if len(matches) > 1:
        raise AmbiguousArticleId(text, matches)
    return matches[0]


def _article(store: Store, article: Article | str) -> Article:
    return store.get(resolve_id(store, article)) if isinstance(article, str) else article


# --- Import -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Imported:
    """A new article, and what of its file could not come across (a Word table's
    merged cells, an equation...: ``newsdesk.words.documents.import_warning``)."""

    article: Article
    warnings: tuple[ImportWarning, ...] = ()


def import_file(store: Store, path: Path) -> Article:
    """A Markdown or Word file as a new article in the store (``import_file_reporting``
    without its warnings)."""
    return import_file_reporting(store, path).article


def import_file_reporting(store: Store, path: Path) -> Imported:
    """A Markdown file (with or without front matter), or a Word file (.docx), as a new
    article in the store, with what could not come across.

    Its featured image and local inline images (a Word file's own images) are copied
    into the store. Raises InvalidDocument (the text), InvalidImage (an image a
    Markdown file names), OSError (reading); nothing is stored when it raises.
    """
    path = Path(path)
    if path.suffix.lower() in (".docx", ".doc", ".odt"):
        return _import_word(store, path)
    from newsdesk.core.interchange import MAX_DOCUMENT_BYTES, check_size

    size = path.stat().st_size
    # Checked before reading: a 2 GB file picked by mistake must not fill the memory.
    check_size(size)
    with path.open("rb") as handle:
        data = handle.read(MAX_DOCUMENT_BYTES + 1)
    return Imported(import_document(store, data, base_dir=path.parent))


def _import_word(store: Store, path: Path) -> Imported:
    """A .docx through ``formats.docx`` (a .doc or an .odt gets its own refusal from it);
    an image the store refuses is left out and said, never the whole file."""
    import tempfile

    from newsdesk.formats import docx

    with path.open("rb") as handle:
        data = handle.read(docx.MAX_DOCX_BYTES + 1)
    converted = docx.convert(data)
    stored: list[str | None] = []
    refused = 0
    with tempfile.TemporaryDirectory(prefix="newsdesk-docx-") as folder:
        for index, image in enumerate(converted.images):
            if image is None:  # linked, not in the file (a warning says so already)
                stored.append(None)
                continue
            source = Path(folder) / f"image-{index}{image.suffix}"
            source.write_bytes(image.data)
            try:
                stored.append(store.import_image(source))
            except InvalidImage as error:
                log.info("import %s: image %d left out: %s", path.name, index, error)
                stored.append(None)
                refused += 1
    warnings = list(converted.warnings)
    if refused:
        warnings.append(docx.ImportWarning("image_unusable", refused))
    article = replace(
        converted.article, body=docx.place_images(converted.article.body, stored, MEDIA_SCHEME)
    )
    if not article.title and not article.body:  # only images, and none usable
        raise InvalidDocument("no text and no usable image", reason="docx_empty")
    return Imported(store.create(article), tuple(warnings))


def import_document(store: Store, data: bytes | str, *, base_dir: Path | None = None) -> Article:
    """A pasted or read document as a new article; images relative to ``base_dir``.

    Without ``base_dir`` (a paste) only absolute image paths can be found.
    """
    from newsdesk.core.interchange import parse_document

    article = parse_document(data)
    imported: dict[str, str] = {}

    def bring_in(target: str) -> str:
        """The store-relative path of the image ``target`` names (imported once)."""
        if target not in imported:
            imported[target] = store.import_image(_local_path(target, base_dir))
        return imported[target]

    if article.featured_image is not None and _is_local(article.featured_image.path):
        image = article.featured_image
        article.featured_image = FeaturedImage(
            path=bring_in(image.path), caption=image.caption, credit=image.credit, alt=image.alt
        )

    def rewrite(match: re.Match[str]) -> str:
        raw = match.group("target")
        target = raw[1:-1] if raw.startswith("<") else raw
        if not _is_local(target):
            return match.group(0)
        return f"{match.group('head')}{MEDIA_SCHEME}{bring_in(target)}{match.group('tail')}"

    article.body = _INLINE_IMAGE.sub(rewrite, article.body)
    return store.create(article)


def _is_local(target: str) -> bool:
    """A file path (relative or absolute), not a URL, an anchor or a store image."""
    target = target.strip()
    if not target or target.startswith("#"):
        return False
    # A Windows path (C:\...) looks like a URL scheme of one letter.
    return not _SCHEME.match(target) or bool(re.match(r"^[A-Za-z]:[\\/]", target))


def _local_path(target: str, base_dir: Path | None) -> Path:
    candidate = Path(unquote(target.strip()))
    if candidate.is_absolute():
        return candidate
    if base_dir is None:
        raise InvalidImage(f"{target}: a relative image path needs the file it came from")
    return base_dir / candidate


# --- Export -------------------------------------------------------------------------------


def export_markdown(store: Store, article: Article | str, out_path: Path) -> Path:
    """Write the article as a Markdown file, its images copied beside it.

    Images are named ``<file stem>-<start of their content hash><extension>``: two
    articles exported to the same folder never overwrite each other's photos.
    Returns the path written. An image missing from the store keeps its ``media:``
    path (and is logged) rather than failing the export.
    """
    item = _article(store, article)
    out_path = Path(out_path)
    folder = out_path.parent
    folder.mkdir(parents=True, exist_ok=True)
    copied: dict[str, str] = {}

    def copy_out(relative: str) -> str | None:
        if relative not in copied:
            try:
                source = store.media_path(relative)
            except UnsafeMediaPath:
                return None
            if not source.is_file():
                log.warning("export %s: image %s is missing from the store", item.id, relative)
                return None
            name = f"{out_path.stem}-{PurePosixPath(relative).stem[:12]}{source.suffix.lower()}"
            target = folder / name
            if not (target.is_file() and target.stat().st_size == source.stat().st_size):
                shutil.copyfile(source, target)
            copied[relative] = name
        return copied[relative]

    image = item.featured_image
    if image is not None:
        name = copy_out(image.path)
        image = replace(image, path=name or image.path)

    def rewrite(match: re.Match[str]) -> str:
        name = copy_out(unquote(match.group("path")))
        return name if name is not None else match.group(0)

    # Every field as stored, but the photo and the body's images: they name the copies.
    exported = replace(item, featured_image=image, body=_MEDIA_REFERENCE.sub(rewrite, item.body))
    from newsdesk.core.interchange import dump_document

    write_atomic(out_path, dump_document(exported).encode("utf-8"))
    return out_path


def render_html(store: Store, article: Article | str, *, embed_images: bool = True) -> str:
    """The article's full page, as the preview shows it.

    ``embed_images``: images as ``data:`` URLs, so the page is one file that can be
    mailed or opened anywhere; otherwise ``file://`` URLs into the store (lighter,
    for this machine only).
    """
    from newsdesk.render import render_page

    item = _article(store, article)
    return render_page(item, media_url=_media_url(store, embed_images))


def export_html(store: Store, article: Article | str, out_path: Path) -> Path:
    """Write the article's full page as one self-contained HTML file (images embedded)."""
    page = render_html(store, article, embed_images=True)
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(out_path, page.encode("utf-8"))
    return out_path


def export_ninjs_text(store: Store, article: Article) -> str:
    """The article as an IPTC ninjs 3.1 item (``formats.ninjs``), its images embedded."""
    from newsdesk.formats import ninjs

    return ninjs.ninjs_text(article, store.media_path, prepare=_prepare_for_export())


def _prepare_for_export() -> Callable[[bytes], Any]:
    """How an image leaves the laptop in an export: as the site's photos do, upright,
    shrunk, re-encoded, every metadata field (GPS positions included) dropped."""
    from functools import partial

    from newsdesk.formats import ninjs
    from newsdesk.publishing.media import prepare_image

    return partial(prepare_image, max_width=ninjs.PICTURE_MAX_WIDTH, quality=ninjs.PICTURE_QUALITY)


def _media_url(store: Store, embed: bool) -> Callable[[str], str]:
    """Where the page finds each stored image: the file itself (the preview, ``render``
    on this laptop), or, for a page that goes to other people, the image prepared as
    for the site and embedded (``data:``), never the original with its metadata."""
    if embed:
        from newsdesk.formats.ninjs import embedded_pictures

        picture_of = embedded_pictures(store.media_path, _prepare_for_export())

        def embedded(relative: str) -> str:
            picture = picture_of(relative)
            # A missing photo shows as missing; the rest of the page still renders.
            return picture.href if picture is not None else ""

        return embedded
    cache: dict[str, str] = {}

    def media_url(relative: str) -> str:
        if relative not in cache:
            try:
                cache[relative] = store.media_path(relative).as_uri()
            except (OSError, UnsafeMediaPath):
                cache[relative] = ""
        return cache[relative]

    return media_url


# --- Housekeeping ---------------------------------------------------------------------------

#: How old the newest backup may be before the next start-up makes another.
BACKUP_INTERVAL = timedelta(hours=20)


@dataclass(frozen=True, slots=True)
class Housekeeping:
    revisions_thinned: int
    backup: Path | None
    # Temporary files an interrupted write left in the data folder (``storage.leftovers``).
    leftovers_removed: int = 0


def housekeeping(
    store: Store, *, now: datetime | None = None, archive: bool = True
) -> Housekeeping:
    """What the window runs once at start-up, off the UI thread.

    Autosave makes a revision every few seconds of typing, so old intermediate
    revisions are thinned (each day's last one is kept); and, with ``archive``, the
    daily backup of :func:`daily_backup`. The window makes that one on a thread of its
    own instead (``app._housekeeping``): on the database worker it held the reporter's
    saves for ~1 s (100 photos here), several on an old laptop's disk. And what a
    killed newsdesk left half-written goes (``storage.leftovers``).
    """
    from newsdesk.storage import leftovers

    now = now or utcnow()
    thinned = store.thin_history(now=now)
    swept = leftovers.sweep(store.paths)  # by the files' real age, whatever ``now`` says
    backup = daily_backup(store.paths, now=now) if archive else None
    return Housekeeping(thinned, backup, swept)


def daily_backup(
    paths: Paths,
    *,
    now: datetime | None = None,
    after_snapshot: Callable[[], object] | None = None,
) -> Path | None:
    """The archive ``newsdesk backup`` writes (store, photos, settings, dictionaries),
    made when the newest one is older than BACKUP_INTERVAL, the newest
    ``archive.DAILY_KEPT`` kept; None when none was due. It reads the store through a
    connection of its own (SQLite's backup API: a consistent snapshot while the window
    keeps saving); ``after_snapshot`` is called once that copy is taken."""
    from newsdesk.storage import archive

    now = now or utcnow()
    newest = max(
        (path.stat().st_mtime for path in paths.backups.glob(archive.DAILY_GLOB)),
        default=None,
    )
    if newest is not None and now - datetime.fromtimestamp(newest, UTC) <= BACKUP_INTERVAL:
        return None
    return archive.daily_archive(paths, after_snapshot=after_snapshot)


# --- Spelling and grammar of a whole article (``newsdesk check``) -------------------------


def spelling_findings(
    store: Store, article: Article, site: str | None, settings: Settings | None = None
) -> tuple[list[str] | None, list[str] | None]:
    """(misspelt words, grammar mistakes' phrases) of the article's text, as the window
    underlines them: the newsroom's words, the reporter's own dictionary and the site's
    tags and categories accepted. None each when that checker is not installed or
    spelling is turned off. Loading a dictionary takes a second or more."""
    from newsdesk.spelling import dictionaries, tokenizer, wordlists

    if settings is not None and not settings.get("spellcheck"):
        return None, None
    language = str(article.language)
    setting, default = (
        ("french_spelling", "classique") if language == "fr" else ("english_spelling", "US")
    )
    variant = str(settings.get(setting)) if settings is not None else default
    folder = dictionaries.dictionary_path(language, variant)
    lines = _checked_lines(article)
    words: list[str] | None = None
    if folder is not None:
        accepted = wordlists.newsroom_words(store.paths.spelling)
        accepted += wordlists.PersonalDictionary(store.paths.spelling, language).words
        if site:
            from newsdesk.storage import outbox_repo

            terms = [
                n
                for kind in ("categories", "tags")
                for _i, n in outbox_repo.cached_terms(store, site, kind)
            ]
            accepted += wordlists.term_words(terms)
        checker = dictionaries.SpellChecker(
            language, dictionaries.load_dictionary(folder), accepted
        )
        words = [m.word for line in lines for m in checker.misspellings(tokenizer.words(line))]
    phrases: list[str] | None = None
    if language == "fr":
        from newsdesk.spelling.grammar import load_grammar

        grammar = load_grammar()
        if grammar is not None:
            phrases = [
                line[error.start : error.end] for line in lines for error in grammar.check(line)
            ]
    return words, phrases


def _checked_lines(article: Article) -> list[str]:
    """The lines a reader reads: headline, standfirst, caption, and the body outside
    fenced code (the tokenizer leaves Markdown, URLs and inline code alone)."""
    from newsdesk.spelling.tokenizer import fence_after

    lines = [article.title, *article.standfirst.splitlines()]
    if article.featured_image is not None:
        lines.append(article.featured_image.caption)
    inside = False
    for line in article.body.splitlines():
        was_inside = inside
        inside = fence_after(line, inside)
        if not was_inside and not line.lstrip().startswith(("```", "~~~")):
            lines.append(line)
    return [line for line in lines if line.strip()]
