"""``newsdesk backup -o FILE`` and ``newsdesk restore-backup FILE``, the real program in a
subprocess, from one data folder to another."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]


def newsdesk(home: Path, *args: str, language: str = "fr_FR.UTF-8") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES")}
    env.pop("NEWSDESK_HOME", None)
    env["LANG"] = language
    return subprocess.run(
        [sys.executable, "-m", "newsdesk", "--data-dir", str(home), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=env,
        timeout=60,
    )


def _tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_moving_to_a_new_laptop_with_two_commands(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    Image.new("RGB", (300, 200), "teal").save(tmp_path / "fleuve.jpg", "JPEG")
    (tmp_path / "article.md").write_text(
        "---\ntitle: Crue du fleuve à Niamey\nfeatured_image:\n  path: fleuve.jpg\n---\n"
        "Le fleuve a atteint la cote d’alerte.\n",
        encoding="utf-8",
    )
    imported = newsdesk(old, "import", str(tmp_path / "article.md"))
    assert imported.returncode == 0, imported.stderr
    article_id = imported.stdout.split()[0]

    saved = tmp_path / "save.zip"
    done = newsdesk(old, "backup", "-o", str(saved))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Sauvegarde écrite\u00a0: {saved} (fichiers\u00a0: 2\u202f;")
    assert "trousseau" in done.stdout

    back = newsdesk(new, "restore-backup", str(saved))
    assert back.returncode == 0, back.stderr
    assert "restaurée" in back.stdout
    shown = newsdesk(new, "show", article_id, "--json")
    assert shown.returncode == 0 and "Crue du fleuve à Niamey" in shown.stdout
    assert _tree(new / "media") == _tree(old / "media") and _tree(new / "media")

    # Again, onto what is now a store with an article: refused, nothing touched.
    before = _tree(new)
    again = newsdesk(new, "restore-backup", str(saved))
    assert again.returncode == 1
    assert again.stderr == (
        "newsdesk: Ce dossier contient déjà des articles\u00a0: ajoutez --replace pour les "
        "remplacer (ils seront d’abord mis de côté dans backups/). Rien n’a été restauré.\n"
    )
    assert _tree(new) == before
    replaced = newsdesk(new, "restore-backup", str(saved), "--replace", language="en_US.UTF-8")
    assert replaced.returncode == 0, replaced.stderr
    assert "The data that was here before is kept in" in replaced.stdout
    assert list((new / "backups").glob("before-restore-*/newsdesk.sqlite3"))


def test_a_truncated_archive_is_one_line_and_no_traceback(tmp_path: Path) -> None:
    (tmp_path / "cut.zip").write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    result = newsdesk(tmp_path / "home", "restore-backup", str(tmp_path / "cut.zip"))
    assert result.returncode == 1
    assert result.stderr == (
        "newsdesk: Cette sauvegarde est endommagée ou incomplète (fichier tronqué\u202f?)\u00a0: "
        "rien n’a été restauré.\n"
    )
    missing = newsdesk(tmp_path / "home", "restore-backup", str(tmp_path / "absent.zip"))
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
