"""``newsdesk export ID --format ninjs|pdf``: the real program as a subprocess, no display.

The ninjs file is validated against IPTC's ninjs 3.1 schema; the PDF is read back with
pypdf: its text (headline, intertitle, accented French), its pages (A4) and its images
(the header photo and the body's own, never the remote one).
"""

from __future__ import annotations

import base64
import io
import json
import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from PIL import Image
from pypdf import PdfReader
from referencing import Registry

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "tests" / "fixtures" / "ninjs" / "ninjs-schema_3.1.json"
#: What a terminal over ssh has: no display, and nothing said about Qt or its sandbox.
DISPLAY_VARIABLES = (
    "DISPLAY",
    "WAYLAND_DISPLAY",
    "QT_QPA_PLATFORM",
    "QTWEBENGINE_DISABLE_SANDBOX",
    "QTWEBENGINE_CHROMIUM_FLAGS",
)
# A4 in PostScript points, as Chromium writes it.
A4_POINTS = (595, 842)

BODY = """
Selon un communiqué publié à la veille de cette visite, son homologue russe séjournera
à Bamako les 6 et 7 février 2023.

## Bamako, nouvel allié stratégique de Moscou

Le chef de la diplomatie russe arrive dans le cadre d’une tournée qui l’a déjà conduit
dans plusieurs capitales africaines ; la [note du ministère](https://example.org/note)
le confirme.

![La carte du Sahel](carte.png)

![Un pixel espion](https://example.invalid/pixel.png)

> « Cette visite matérialise la volonté ferme des deux chefs d’État », indique la source.
"""


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in DISPLAY_VARIABLES}
    env.pop("NEWSDESK_HOME", None)
    env.pop("LC_ALL", None)
    env.pop("LC_MESSAGES", None)
    env["LANG"] = "fr_FR.UTF-8"
    env.update(extra)
    return env


def _run(home: Path, cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsdesk", "--data-dir", str(home), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=_env(**env),
        timeout=180,
    )


@pytest.fixture(scope="module")
def stocked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """A data folder holding one full article (photo, tags, rubrique, dateline, a body
    image); the folder to run in; the article's id."""
    base = tmp_path_factory.mktemp("export")
    seed = base / "seed"
    shutil.copytree(ROOT / "tests" / "fixtures" / "lavrov", seed)
    Image.new("RGB", (800, 600), (30, 110, 60)).save(seed / "carte.png")
    document = (seed / "article.md").read_text(encoding="utf-8")
    front, _sep, _body = document.partition("\n---\n")
    (seed / "article.md").write_text(front + "\n---\n" + BODY, encoding="utf-8")
    home, work = base / "home", base / "work"
    work.mkdir()
    result = _run(home, work, "import", str(seed / "article.md"))
    assert result.returncode == 0, result.stderr
    return home, work, result.stdout.strip()


def _text(reader: PdfReader) -> str:
    # Ligatures (« ﬀ »), no-break spaces and line breaks as plain letters and spaces.
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_ninjs_from_the_command_line_is_valid_ninjs_3_1(stocked: tuple[Path, Path, str]) -> None:
    home, work, article_id = stocked
    result = _run(home, work, "export", article_id[:8], "--format", "ninjs")
    assert result.returncode == 0, result.stderr
    target = work / "mali-serguei-lavrov-attendu-a-bamako.json"
    assert result.stdout.strip() == target.name
    item = json.loads(target.read_text(encoding="utf-8"))

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = Draft202012Validator(
        schema, format_checker=Draft202012Validator.FORMAT_CHECKER, registry=Registry()
    )
    validator.validate(item)
    assert item["uri"] == f"urn:uuid:{article_id}"
    assert item["located"] == "Bamako" and item["by"] == "A.Y. Barma"
    assert [s["name"] for s in item["subjects"]][:2] == ["Politique", "Mali"]
    [body] = item["bodies"]
    assert "<h2>Bamako, nouvel allié stratégique de Moscou</h2>" in body["value"]
    # The body's map too, made fit to leave the laptop (an opaque PNG becomes a JPEG).
    assert 'src="data:image/jpeg;base64,' in body["value"]
    [picture] = item["associations"]
    [rendition] = picture["renditions"]
    assert rendition["contentType"] == "image/jpeg"
    assert (rendition["width"], rendition["height"]) == (675, 240)
    assert rendition["href"].startswith("data:image/jpeg;base64,")
    # The header photo carries a GPS position in the store; the file sent out does not.
    with Image.open(ROOT / "tests" / "fixtures" / "lavrov" / "header.jpg") as stored:
        assert stored.getexif().get_ifd(0x8825)
    sent = base64.b64decode(rendition["href"].split(",", 1)[1])
    with Image.open(io.BytesIO(sent)) as image:
        assert not image.getexif()
    assert b"Exif" not in sent
    caption = picture["descriptions"][0]
    assert caption == {
        "role": "caption",
        "contentType": "text/plain",
        "value": "Sergueï Lavrov et Abdoulaye Diop",
    }

    # And on stdout, for a pipe.
    piped = _run(home, work, "export", article_id, "--format", "ninjs", "-o", "-")
    assert piped.returncode == 0, piped.stderr
    assert json.loads(piped.stdout) == item


def test_pdf_from_the_command_line_without_a_display(stocked: tuple[Path, Path, str]) -> None:
    home, work, article_id = stocked
    target = work / "x.pdf"
    result = _run(home, work, "export", article_id, "--format", "pdf", "-o", "x.pdf")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "x.pdf"
    # Qt's and Chromium's own chatter (no GPU, no D-Bus, no sandbox) stays out of it.
    assert result.stderr == ""

    reader = PdfReader(target)
    text = _text(reader)
    assert "Mali : Sergueï Lavrov attendu à Bamako pour une visite inédite" in text
    assert "Bamako, nouvel allié stratégique de Moscou" in text
    for word in ("Sergueï", "février", "séjournera", "d’État", "« Cette visite", "capitales"):
        assert word in text, word
    assert "Sergueï Lavrov et Abdoulaye Diop Photo : DR" in text  # caption and credit
    assert "(https://example.org/note)" in text  # a link's address, on paper
    assert "Politique".upper() in text and "Diplomatie" in text

    assert len(reader.pages) >= 1
    for page in reader.pages:
        size = (round(float(page.mediabox.width)), round(float(page.mediabox.height)))
        assert size == A4_POINTS
    images = [image for page in reader.pages for image in page.images]
    sizes = sorted(image.image.size for image in images)
    # The header photo and the body's map, from the store; the remote pixel is not
    # fetched, and no broken-image icon stands for it: its words and address do.
    assert sizes == [(675, 240), (800, 600)]
    assert all(b"Exif" not in image.data for image in images)  # no GPS position on paper
    assert (
        "Image en ligne, non chargée : Un pixel espion (https://example.invalid/pixel.png)" in text
    )


def test_every_format_goes_to_stdout_for_a_pipe(stocked: tuple[Path, Path, str]) -> None:
    home, work, article_id = stocked
    before = sorted(work.iterdir())
    # ``… --format pdf -o - | lpr``: the bytes themselves, nothing else.
    result = subprocess.run(
        [
            *(sys.executable, "-m", "newsdesk", "--data-dir", str(home)),
            *("export", article_id, "--format", "pdf", "-o", "-"),
        ],
        capture_output=True,
        cwd=work,
        env=_env(),
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    assert result.stdout.startswith(b"%PDF-") and result.stdout.rstrip().endswith(b"%%EOF")
    assert "Bamako, nouvel allié stratégique de Moscou" in _text(
        PdfReader(io.BytesIO(result.stdout))
    )
    markdown = _run(home, work, "export", article_id, "-o", "-")
    assert markdown.returncode == 0, markdown.stderr
    assert markdown.stdout.startswith("---\ntitle:")
    assert sorted(work.iterdir()) == before  # no file named « - »


def test_a_pdf_that_cannot_be_written_says_so_and_writes_nothing(
    stocked: tuple[Path, Path, str],
) -> None:
    home, work, article_id = stocked
    (work / "a-file").write_text("not a folder")
    result = _run(home, work, "export", article_id, "--format", "pdf", "-o", "a-file/x.pdf")
    assert result.returncode == 1
    assert result.stderr == (
        "newsdesk: a-file/x.pdf: Impossible d’écrire ce fichier\u00a0: son dossier n’existe "
        "pas et ne peut pas être créé. Rien n’a été exporté.\n"
    )
    folder = _run(home, work, "export", article_id, "--format", "ninjs", "-o", str(work))
    assert folder.returncode == 1
    assert "C’est un dossier\u00a0: donnez aussi le nom du fichier" in folder.stderr


def test_a_pdf_without_qtwebengine_says_so_and_writes_nothing(
    stocked: tuple[Path, Path, str],
) -> None:
    home, work, article_id = stocked
    result = _run(
        home,
        work,
        *("export", article_id, "--format", "pdf", "-o", "none.pdf"),
        QTWEBENGINE_PROCESS_PATH=str(work / "no-such-QtWebEngineProcess"),
    )
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert lines[0].startswith("newsdesk: Impossible de faire le PDF\u00a0: QtWebEngine")
    assert "--format md, html ou ninjs" in lines[0]
    assert not (work / "none.pdf").exists()


def test_other_commands_never_load_qt(stocked: tuple[Path, Path, str]) -> None:
    home, _work, _article_id = stocked
    code = (
        "import sys; from newsdesk.__main__ import main; "
        f"code = main(['--data-dir', {str(home)!r}, 'list']); "
        "print(code, 'PySide6' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=_env(), timeout=60
    )
    assert result.stdout.splitlines()[-1] == "0 False", result.stderr
