"""``newsdesk import FILE.docx``: the real program on real Word files, as a reporter
runs it (``python -m newsdesk --data-dir TMP import ...``)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

from tests.unit.formats import word_files as wf


def _newsdesk(
    home: Path, *args: str, language: str = "fr_FR.UTF-8"
) -> subprocess.CompletedProcess[str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "NEWSDESK_HOME")
    }
    env["LANG"] = language
    return subprocess.run(
        [sys.executable, "-m", "newsdesk", "--data-dir", str(home), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
    )


def _correspondents_file(folder: Path) -> Path:
    document = wf.new_document()
    wf.set_language(document, "fr-FR")
    document.add_paragraph("Tillabéri : l’école rouvre ses portes", style="Title")
    paragraph = document.add_paragraph("Les élèves sont ")
    wf.add_deletion(paragraph, "trois cents", revision=1)
    wf.add_insertion(paragraph, "quatre cents", revision=2)
    paragraph.add_run(" à être revenus.")
    wf.add_comment(document, paragraph, "Chiffre à confirmer")
    document.add_picture(io.BytesIO(wf.png_bytes("green")))
    equation = document.add_paragraph("La règle : ")
    wf.add_equation(equation)
    return wf.save(document, folder / "tillaberi.docx")


def test_a_word_file_becomes_an_article_and_what_was_left_out_is_said(tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = _newsdesk(home, "import", str(_correspondents_file(tmp_path)))
    assert result.returncode == 0, result.stderr
    article_id = result.stdout.strip()
    assert len(article_id) == 36
    # The article is stored: one line on stdout; the equation is said on stderr,
    # and so are the accepted changes and the comment left out of the text.
    warnings = result.stderr.splitlines()
    assert "Traceback" not in result.stderr
    assert all(line.startswith("newsdesk: ") and "tillaberi.docx: " in line for line in warnings)
    assert any("équation" in line for line in warnings)
    assert any("modifications suivies ont été acceptées" in line for line in warnings)
    assert any("commentaire" in line for line in warnings)

    shown = _newsdesk(home, "show", article_id, "--json")
    assert shown.returncode == 0, shown.stderr
    article = json.loads(shown.stdout)["article"]
    assert article["title"] == "Tillabéri : l’école rouvre ses portes"
    assert article["body"].startswith("Les élèves sont quatre cents à être revenus.\n\n![](media:")
    assert "trois cents" not in article["body"]
    assert "Chiffre à confirmer" not in article["body"]
    image = article["body"].split("](media:", 1)[1].split(")", 1)[0]
    assert (home / "media" / image).is_file()


def test_warnings_in_english_when_the_terminal_is(tmp_path: Path) -> None:
    result = _newsdesk(
        tmp_path / "home", "import", str(_correspondents_file(tmp_path)), language="en_GB.UTF-8"
    )
    assert result.returncode == 0, result.stderr
    assert "An equation could not be brought across" in result.stderr


def test_a_bad_word_file_is_one_error_line_and_the_others_are_imported(tmp_path: Path) -> None:
    home = tmp_path / "home"
    old = tmp_path / "ancien.docx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2048))
    good = _correspondents_file(tmp_path)
    result = _newsdesk(home, "import", str(old), str(good))
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if "ancien.docx" in line]
    assert errors == [
        f"newsdesk: {old}: C’est un ancien fichier Word (.doc)\u00a0: ouvrez-le dans Word ou "
        "LibreOffice, enregistrez-le au format .docx, puis importez ce fichier."
    ]
    assert len(result.stdout.split()) == 1  # the good file is imported all the same
    listed = _newsdesk(home, "list", "--json")
    assert len(json.loads(listed.stdout)["articles"]) == 1
