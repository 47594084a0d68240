"""The real program, started as a subprocess: ``python -m newsdesk --data-dir TMP ...``.

The seed article goes through every command end to end, and every bad input gets
one line on stderr, a non-zero exit, no traceback, and a store left as it was.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsdesk import cli
from newsdesk.paths import Paths
from newsdesk.storage.store import Store

ROOT = Path(__file__).resolve().parents[2]


def _env(language: str = "fr_FR.UTF-8") -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES")}
    env["LANG"] = language
    env.pop("NEWSDESK_HOME", None)
    return env


class Newsdesk:
    def __init__(self, home: Path, cwd: Path) -> None:
        self.home = home
        self.cwd = cwd

    def __call__(
        self, *args: str, language: str = "fr_FR.UTF-8"
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "newsdesk", "--data-dir", str(self.home), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=self.cwd,
            env=_env(language),
            timeout=60,
        )

    def ok(self, *args: str) -> str:
        result = self(*args)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        return result.stdout

    def json(self, *args: str) -> dict:
        return json.loads(self.ok(*args, "--json"))


def assert_one_error_line(result: subprocess.CompletedProcess[str], code: int = 1) -> str:
    assert result.returncode == code, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("newsdesk: ")
    return lines[0]


@pytest.fixture
def newsdesk(tmp_path: Path) -> Newsdesk:
    work = tmp_path / "work"
    work.mkdir()
    return Newsdesk(tmp_path / "home", work)


@pytest.fixture
def lavrov(fixtures_dir: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "seed"
    shutil.copytree(fixtures_dir / "lavrov", folder)
    return folder / "article.md"


def _comparable(article: dict) -> dict:
    return {
        k: v
        for k, v in article.items()
        if k not in ("id", "created_at", "updated_at", "revision", "effective_slug")
    }


def test_the_seed_article_end_to_end(newsdesk: Newsdesk, lavrov: Path, tmp_path: Path) -> None:
    article_id = newsdesk.ok("import", str(lavrov)).strip()
    assert len(article_id) == 36

    listed = newsdesk.json("list")["articles"]
    assert [a["id"] for a in listed] == [article_id]
    assert listed[0]["title"].startswith("Mali : Sergueï Lavrov attendu à Bamako")
    assert listed[0]["status"] == "ready"
    assert listed[0]["date"] == "2023-02-05T18:00:00+00:00"
    assert listed[0]["tags"][:2] == ["Mali", "Russie"]
    assert newsdesk.json("list", "--tag", "russie", "--status", "ready")["articles"]
    assert newsdesk.json("list", "--category", "Sport")["articles"] == []
    text_list = newsdesk.ok("list")
    assert article_id[:8] in text_list and "Politique" in text_list

    hits = newsdesk.json("search", "serguei")["hits"]
    assert [h["article"]["id"] for h in hits] == [article_id]
    snippet = hits[0]["snippet"]
    assert "Sergueï" in snippet
    start, end = hits[0]["highlights"][0]
    assert snippet[start:end] == "Sergueï"
    assert newsdesk.json("search", "tillaberi")["hits"] == []
    assert "Sergueï" in newsdesk.ok("search", "SERGUEÏ lavrov")

    shown = newsdesk.json("show", article_id[:8])["article"]
    assert shown["id"] == article_id
    assert shown["byline"] == "A.Y. Barma" and shown["source"] == "actuniger.com"
    assert shown["featured_image"]["caption"] == "Sergueï Lavrov et Abdoulaye Diop"
    assert shown["word_count"] > 600 and shown["reading_minutes"] == 3
    assert shown["problems"] == []
    assert "## Bamako, nouvel allié stratégique" in shown["body"]
    as_text = newsdesk("show", article_id)
    assert as_text.stdout.startswith("---\ntitle: 'Mali : Sergueï")
    assert as_text.stderr.startswith(f"id\u00a0: {article_id} · version 1 · 687 mots")

    page_path = tmp_path / "page.html"
    newsdesk.ok("render", article_id[:10], "-o", str(page_path))
    page = page_path.read_text("utf-8")
    assert "Sergueï Lavrov attendu à Bamako" in page
    assert "A.Y. Barma" in page and "<script" not in page.lower()
    assert (tmp_path / "home" / "media").as_uri() in page
    assert newsdesk.ok("render", article_id) == page

    html_out = tmp_path / "export" / "page.html"
    newsdesk.ok("export", article_id, "--format", "html", "-o", str(html_out))
    assert "data:image/jpeg;base64," in html_out.read_text("utf-8")

    md_out = tmp_path / "export" / "lavrov.md"
    assert newsdesk.ok("export", article_id, "-o", str(md_out)).strip() == str(md_out)
    images = [p for p in md_out.parent.iterdir() if p.suffix == ".jpg"]
    assert len(images) == 1
    assert images[0].read_bytes() == (lavrov.parent / "header.jpg").read_bytes()

    # Import the export again: the same article, under a new id.
    second_id = newsdesk.ok("import", str(md_out)).strip()
    assert second_id != article_id
    again = newsdesk.json("show", second_id)["article"]
    assert _comparable(again) == _comparable(shown)
    assert len(newsdesk.json("list")["articles"]) == 2

    # Export with no -o: the slug, in the current folder.
    written = newsdesk.ok("export", article_id).strip()
    assert written == "mali-serguei-lavrov-attendu-a-bamako.md"
    assert (newsdesk.cwd / written).is_file()


def test_history_diff_and_restore(newsdesk: Newsdesk, lavrov: Path) -> None:
    article_id = newsdesk.ok("import", str(lavrov)).strip()
    with Store.open(Paths(newsdesk.home)) as store:
        article = store.get(article_id)
        article.title = "Mali : Lavrov à Bamako"
        store.save(article)

    revisions = newsdesk.json("history", article_id)["revisions"]
    assert [r["revision"] for r in revisions] == [2, 1]
    assert revisions[0]["title"] == "Mali : Lavrov à Bamako"
    assert "version 2" in newsdesk.ok("history", article_id)

    diff = newsdesk.ok("diff", article_id, "1", "2")
    assert "-title: Mali : Sergueï Lavrov attendu à Bamako" in diff
    assert "+title: Mali : Lavrov à Bamako" in diff

    restored = newsdesk.ok("restore", article_id[:8], "1")
    assert "version 3" in restored
    shown = newsdesk.json("show", article_id)["article"]
    assert shown["revision"] == 3
    assert shown["title"].startswith("Mali : Sergueï Lavrov attendu")
    assert [r["revision"] for r in newsdesk.json("history", article_id)["revisions"]] == [3, 2, 1]


# --- Bad input: one line, non-zero, no traceback, nothing lost -------------------------------


@pytest.fixture
def stocked(newsdesk: Newsdesk, lavrov: Path) -> tuple[Newsdesk, str]:
    """A store holding the seed article, to prove bad input leaves it intact.

    Made in-process: the import command itself is tested end to end above.
    """
    from newsdesk import services

    with Store.open(Paths(newsdesk.home)) as store:
        return newsdesk, services.import_file(store, lavrov).id


def _intact(newsdesk: Newsdesk, article_id: str) -> None:
    with Store.open(Paths(newsdesk.home)) as store:
        summaries = store.list_articles()
        assert [s.id for s in summaries] == [article_id]
        assert summaries[0].revision == 1
        article = store.get(article_id)
        assert article.featured_image is not None
        assert store.media_path(article.featured_image.path).is_file()


def _bad_files(folder: Path) -> dict[str, Path]:
    folder.mkdir(exist_ok=True)
    files = {
        "yaml": folder / "yaml.md",
        "utf8": folder / "utf8.md",
        "image": folder / "image.md",
        "huge": folder / "huge.md",
        "type": folder / "type.md",
        "folder": folder / "dossier.md",
    }
    files["yaml"].write_text("---\ntitle: Bon\ntags: [Mali, Russie\n---\nCorps\n", "utf-8")
    files["utf8"].write_bytes("---\ntitle: Sergueï\n---\n".encode() + b"Corps \xff\xfe\n")
    (folder / "photo.jpg").write_text("ceci n'est pas une photo", "utf-8")
    files["image"].write_text("---\ntitle: T\nfeatured_image: photo.jpg\n---\nCorps\n", "utf-8")
    files["huge"].write_bytes(b"# Collage\n\n" + b"du texte " * (10 * 1024 * 1024 // 9))
    files["type"].write_text("---\ntags: Mali, Russie\n---\nCorps\n", "utf-8")
    files["folder"].mkdir()
    return files


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("missing", "Fichier introuvable."),
        ("yaml", "ligne 4, colonne 1 (dans ce qui commence à la ligne 3)"),
        ("utf8", "UTF-8 invalide à l’octet 30 (ligne 4)"),
        ("image", "n’est pas une image utilisable"),
        ("huge", "Fichier trop gros"),
        ("type", "«\u00a0tags\u00a0» doit être une liste"),
        ("folder", "dossier"),
    ],
)
def test_a_bad_file_to_import(
    stocked: tuple[Newsdesk, str], tmp_path: Path, kind: str, expected: str
) -> None:
    newsdesk, article_id = stocked
    files = _bad_files(tmp_path / "bad")
    path = files.get(kind, tmp_path / "absent.md")
    result = newsdesk("import", str(path))
    line = assert_one_error_line(result)
    assert line.startswith(f"newsdesk: {path}: ")
    assert expected in line
    assert result.stdout == ""
    _intact(newsdesk, article_id)


def test_good_files_still_import_beside_bad_ones(
    stocked: tuple[Newsdesk, str], lavrov: Path, tmp_path: Path
) -> None:
    newsdesk, article_id = stocked
    files = _bad_files(tmp_path / "bad")
    result = newsdesk("import", str(files["yaml"]), str(lavrov), str(files["utf8"]), str(lavrov))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = result.stderr.splitlines()
    assert [e.split(": ")[1] for e in errors] == [str(files["yaml"]), str(files["utf8"])]
    new_ids = result.stdout.split()
    assert len(new_ids) == 2
    listed = {a["id"] for a in newsdesk.json("list")["articles"]}
    assert listed == {article_id, *new_ids}


@pytest.mark.parametrize(
    ("args", "code", "expected"),
    [
        (("show", "0123456789"), 1, "Aucun article ne correspond à «\u00a00123456789\u00a0»."),
        (("show", "abc"), 1, "Aucun article ne correspond"),
        (("render", "nope-nope"), 1, "Aucun article ne correspond"),
        (("export", "nope-nope"), 1, "Aucun article ne correspond"),
        (("history", "nope-nope"), 1, "Aucun article ne correspond"),
        (("diff", "nope-nope", "1", "2"), 1, "Aucun article ne correspond"),
        (("restore", "nope-nope", "1"), 1, "Aucun article ne correspond"),
        (("restore", "{id}", "9"), 1, "n’a pas de version 9"),
        (("diff", "{id}", "1", "7"), 1, "n’a pas de version 7"),
        (("restore", "{id}", "un"), 2, "VERSION"),
        (("restore", "{id}"), 2, "arguments manquants\u00a0: VERSION"),
        (("export", "{id}", "--format", "docx"), 2, "choix invalide"),
        (("list", "--status", "archived"), 2, "choix invalide"),
        (("frobnicate",), 2, "choix invalide"),
        (("list", "--bogus"), 2, "arguments inconnus"),
        (("export", "{id}", "-o", "/proc/version/x.md"), 1, "newsdesk: "),
    ],
)
def test_bad_commands(
    stocked: tuple[Newsdesk, str], args: tuple[str, ...], code: int, expected: str
) -> None:
    newsdesk, article_id = stocked
    result = newsdesk(*(a.replace("{id}", article_id) for a in args))
    assert expected in assert_one_error_line(result, code)
    _intact(newsdesk, article_id)


def test_messages_in_english_when_asked(newsdesk: Newsdesk, tmp_path: Path) -> None:
    result = newsdesk("import", str(tmp_path / "absent.md"), language="en_GB.UTF-8")
    assert assert_one_error_line(result).endswith(": No such file.")
    result = newsdesk("show", "0123456789", language="en_US.UTF-8")
    assert "No article matches" in assert_one_error_line(result)


def test_a_damaged_database_is_refused_and_left_alone(newsdesk: Newsdesk) -> None:
    newsdesk.home.mkdir()
    database = newsdesk.home / "newsdesk.sqlite3"
    junk = b"ceci n'est pas une base SQLite" * 100
    database.write_bytes(junk)
    result = newsdesk("list")
    assert "newsdesk.sqlite3" in assert_one_error_line(result)
    assert database.read_bytes() == junk


def test_version_and_help_are_quick_and_load_neither_qt_nor_sqlalchemy(tmp_path: Path) -> None:
    code = (
        "import sys; from newsdesk.cli import main; code = main(['--version']); "
        "print(code, 'sqlalchemy' in sys.modules, 'PySide6' in sys.modules, 'yaml' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=_env(), timeout=60
    )
    assert result.stdout.splitlines() == ["newsdesk 0.1.0", "0 False False False"]
    help_text = subprocess.run(
        [sys.executable, "-m", "newsdesk", "--help"],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=60,
    )
    assert help_text.returncode == 0
    assert "importer des fichiers Markdown" in help_text.stdout


# --- In-process: what a subprocess cannot provoke --------------------------------------------


def test_an_unexpected_error_is_one_line_and_a_logged_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(ctx: cli.Context, args: object) -> int:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli.articles, "cmd_list", explode)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(["--data-dir", str(tmp_path), "list"], stdout=out, stderr=err)
    assert code == 1
    line = err.getvalue()
    assert line.count("\n") == 1
    assert line.startswith("newsdesk: erreur inattendue (RuntimeError)")
    log = (tmp_path / "logs" / "newsdesk.log").read_text("utf-8")
    assert "Traceback" in log and "RuntimeError: boom" in log


def test_a_commands_warnings_go_to_the_log_and_the_log_is_let_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import logging

    def warn(ctx: cli.Context, args: object) -> int:
        logging.getLogger("newsdesk.cli").warning("a photo was left out: password=hunter2")
        logging.getLogger("newsdesk.cli").info("not kept: below WARNING")
        return 0

    monkeypatch.setattr(cli.articles, "cmd_list", warn)
    before = list(logging.getLogger().handlers)
    code = cli.main(["--data-dir", str(tmp_path), "list"], stdout=io.StringIO())
    assert code == 0
    log = (tmp_path / "logs" / "newsdesk.log").read_text("utf-8")
    assert "a photo was left out" in log and "hunter2" not in log
    assert "not kept" not in log
    # No handler left behind on a folder the process is done with.
    assert logging.getLogger().handlers == before


def test_the_language_follows_the_locale() -> None:
    assert cli.cli_language({}) == "fr"
    assert cli.cli_language({"LANG": "en_US.UTF-8"}) == "en"
    assert cli.cli_language({"LANG": "fr_FR.UTF-8"}) == "fr"
    assert cli.cli_language({"LC_ALL": "fr_SN.UTF-8", "LANG": "en_US"}) == "fr"
    assert cli.cli_language({"LC_MESSAGES": "en_GB", "LANG": "fr_FR"}) == "en"


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(
    "document",
    [
        b"\xff",
        "---\na: [b\n---\n",
        "---\n\tx: 1\n---\n",
        "---\n- a\n---\n",
        "---\nx: 1\n",
        "---\ntags: a\n---\n",
        "---\n1: a\n---\n",
        "---\nx: .inf\n---\n",
        "---\ndate: demain\n---\n",
        "---\nlanguage: wolof\n---\n",
        "---\nfeatured_image: {a: b}\n---\n",
        "---\nfeatured_image: 3\n---\n",
        "---\nx: !!set {a}\n---\n",
        b"x" * (5 * 1024 * 1024 + 1),
    ],
)
def test_every_document_error_is_worded(document: bytes | str, language: str) -> None:
    from newsdesk.core.errors import InvalidDocument
    from newsdesk.core.interchange import parse_document

    with pytest.raises(InvalidDocument) as caught:
        parse_document(document)
    line = cli.describe(caught.value, cli.Messages(language))
    assert line and "\n" not in line
    assert caught.value.reason in ("invalid_yaml",) or "{" not in line
    # A known reason gets its own sentence, not the generic fallback.
    generic = cli.describe(InvalidDocument("x", "some_new_reason"), cli.Messages(language))
    assert not line.startswith(generic.split(":")[0]), line


def test_the_data_folder_from_the_environment_or_after_the_command(
    lavrov: Path, tmp_path: Path
) -> None:
    home = tmp_path / "from-env"
    env = {**_env(), "NEWSDESK_HOME": str(home)}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "newsdesk", *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            timeout=60,
        )

    imported = run("import", str(lavrov))
    assert imported.returncode == 0, imported.stderr
    assert (home / "newsdesk.sqlite3").is_file()
    # --data-dir wins over the variable, and may come after the command.
    other = tmp_path / "explicit"
    listed = run("list", "--json", "--data-dir", str(other))
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout) == {"articles": []}
    assert (other / "newsdesk.sqlite3").is_file()


def test_an_ambiguous_prefix_names_the_clash(newsdesk: Newsdesk) -> None:
    from newsdesk.core.article import Article

    with Store.open(Paths(newsdesk.home)) as store:
        store.create(Article(id="abcdef01-0000-4000-8000-000000000000", title="Un"))
        store.create(Article(id="abcdef02-0000-4000-8000-000000000000", title="Deux"))
    line = assert_one_error_line(newsdesk("show", "abcdef"))
    assert "désigne plusieurs articles" in line
    assert "abcdef01" in line and "abcdef02" in line
    assert newsdesk.json("show", "abcdef02")["article"]["title"] == "Deux"
