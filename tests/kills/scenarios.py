"""The command line killed: during a schema upgrade, an import, a backup.

Each scenario times its command once unkilled (the span its kills are drawn from, a
little past its end so that some land after it), then kills it again and again on the
same data folder, as a laptop that keeps dying would.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import time
import zipfile
from pathlib import Path

from PIL import Image

from tests.kills.harness import (
    Outcome,
    check_store,
    cli,
    draw_delay,
    integrity,
    newsdesk_argv,
    run_and_kill,
    startup_time,
    timed,
)

#: Kills are drawn from [0, this × the unkilled run's time].
PAST_THE_END = 1.15


def noise_photo(path: Path, rng: random.Random, size: tuple[int, int] = (1200, 900)) -> Path:
    """A JPEG that does not compress away (the bytes a phone's photo weighs)."""
    pixels = rng.randbytes(size[0] * size[1] // 16 * 3)
    small = Image.frombytes("RGB", (size[0] // 4, size[1] // 4), pixels)
    small.resize(size, Image.Resampling.NEAREST).save(path, "JPEG", quality=92)
    return path


def sentence(rng: random.Random, words: int = 20) -> str:
    vocabulary = [
        "le",
        "ministre",
        "a",
        "annoncé",
        "à",
        "Niamey",
        "que",
        "la",
        "saison",
        "des",
        "pluies",
        "Tillabéri",
        "Agadez",
        "route",
        "convoi",
        "école",
        "marché",
        "fleuve",
        "crue",
        "élèves",
        "région",
        "sécurité",
        "dépêche",
        "rédaction",
    ]
    return " ".join(rng.choice(vocabulary) for _ in range(words)).capitalize() + "."


def _stored(data: Path, title: str) -> list[tuple[str, str]]:
    """(id, body) of the live articles with this headline, read straight from the file."""
    connection = sqlite3.connect(data / "newsdesk.sqlite3", timeout=10)
    try:
        rows = connection.execute(
            "SELECT id, body FROM articles WHERE title = ? AND deleted_at IS NULL", (title,)
        ).fetchall()
    finally:
        connection.close()
    return [(str(i), str(b)) for i, b in rows]


def _titles(data: Path) -> list[str]:
    connection = sqlite3.connect(data / "newsdesk.sqlite3", timeout=10)
    try:
        return [str(r[0]) for r in connection.execute("SELECT title FROM articles")]
    finally:
        connection.close()


class ImportKills:
    """``newsdesk import`` of a large Markdown file with photos, or a long Word file."""

    name = "import"

    def __init__(self, quick: bool = False) -> None:
        # quick: the pytest run's size (the files a third as long, one start timed).
        self.quick = quick

    def setup(self, work: Path, rng: random.Random) -> None:
        from benchmarks.docx_bench import build_docx

        self.work = work
        self.data = work / "data"
        sources = work / "sources"
        sources.mkdir()
        photos = [noise_photo(sources / f"photo-{n}.jpg", rng) for n in range(3)]
        paragraphs = []
        count = 1500 if self.quick else 4000
        for n in range(count):
            paragraphs.append(sentence(rng, 60))
            if n % (count // 3) == count // 6:
                paragraphs.append(f"![Photo {n}]({photos[n * 3 // count].name})")
        markdown = sources / "long.md"
        markdown.write_text(
            "---\ntitle: Tillabéri, la longue dépêche\ncategory: Société\n"
            f"featured_image:\n  path: {photos[0].name}\n  caption: La route\n---\n\n"
            + "\n\n".join(paragraphs),
            encoding="utf-8",
        )
        word = build_docx(sources / "long.docx", pages=30 if self.quick else 80)
        self.sources = [markdown, word]
        self.startup = startup_time(self.data, work / "calibrate.log", 1 if self.quick else 3)
        # Once unkilled, in a folder of its own: the time, and the article it makes.
        self.expected: dict[Path, tuple[str, str, float]] = {}
        for source in self.sources:
            scratch = work / f"calibrate-{source.suffix[1:]}"
            argv = newsdesk_argv(scratch, "import", str(source))
            seconds = timed(argv, work / "calibrate.log")
            [title] = _titles(scratch)
            [(_id, body)] = _stored(scratch, title)
            self.expected[source] = (title, body, seconds)
            shutil.rmtree(scratch)

    def kill_once(self, index: int, rng: random.Random) -> Outcome:
        source = self.sources[index % len(self.sources)]
        title, body, seconds = self.expected[source]
        before = {i for i, _b in _stored(self.data, title)}
        delay = draw_delay(rng, index // len(self.sources), self.startup, seconds)
        outcome = Outcome(self.name, delay, note=source.suffix)
        log = self.work / f"kill-{index}.log"
        outcome.finished = not run_and_kill(
            newsdesk_argv(self.data, "import", str(source)), delay, log
        )
        outcome.failures = check_store(self.data)
        after = _stored(self.data, title)
        new = [(i, b) for i, b in after if i not in before]
        if len(new) > 1:
            outcome.failures.append(f"one import made {len(new)} articles")
        if outcome.finished and not new:
            outcome.failures.append("the import ended by itself, yet no article is stored")
        for _id, stored in new:
            if stored != body:
                outcome.failures.append(
                    f"the imported article is not whole: {len(stored)} of {len(body)} characters"
                )
        log.unlink(missing_ok=True)
        return outcome

    def close(self) -> None:
        pass


class UpgradeKills:
    """A store at the first schema revision, opened (so upgraded) by ``newsdesk list``."""

    name = "upgrade"
    OLD = "0001"

    def __init__(self, quick: bool = False) -> None:
        self.articles = 500 if quick else 1500

    def setup(self, work: Path, rng: random.Random) -> None:
        from newsdesk.core.article import Article
        from newsdesk.paths import Paths
        from newsdesk.storage import schema
        from newsdesk.storage.store import Store

        self.work = work
        self.template = work / "template"
        with Store.open(Paths(self.template)) as store:
            store.bulk_create(
                [
                    Article(
                        title=f"Dépêche {n} : {sentence(rng, 6)}",
                        standfirst=sentence(rng, 25),
                        body="\n\n".join(sentence(rng, 60) for _ in range(10)),
                        tags=[rng.choice(("Mali", "Niger", "Sahel", "Économie"))],
                    )
                    for n in range(self.articles)
                ]
            )
        engine = schema.make_engine(self.template / "newsdesk.sqlite3")
        try:
            with engine.begin() as connection:
                _downgrade(connection, self.OLD)
        finally:
            engine.dispose()
        shutil.rmtree(self.template / "backups", ignore_errors=True)
        self.head = schema.HEAD
        scratch = self._copy("calibrate")
        self.seconds = timed(newsdesk_argv(scratch, "list"), work / "calibrate.log")
        shutil.rmtree(scratch)

    def _copy(self, name: str) -> Path:
        target = self.work / name
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(self.template, target)
        return target

    def kill_once(self, index: int, rng: random.Random) -> Outcome:
        data = self._copy("store")
        backups = data / "backups"
        aimed = index % 2 == 1
        # Every other kill is aimed at the upgrade itself: a moment after the copy made
        # before it begins to appear (the interpreter's start is most of the run).
        delay = rng.uniform(0, self.seconds * PAST_THE_END)
        outcome = Outcome(self.name, delay, note="aimed" if aimed else "")
        log = self.work / f"kill-{index}.log"
        began = time.monotonic()
        outcome.finished = not run_and_kill(
            newsdesk_argv(data, "list"),
            self.seconds * 3 if aimed else delay,
            log,
            sooner=(lambda: backups.is_dir() and any(backups.iterdir())) if aimed else None,
            after_sooner=rng.uniform(0, 0.5),
        )
        outcome.delay = time.monotonic() - began
        database = data / "newsdesk.sqlite3"
        revision = _revision(database)
        partial = [p.name for p in backups.glob("*.partial")] if backups.is_dir() else []
        outcome.note += f" left at {revision}" + (" with a partial copy" if partial else "")
        if revision not in (self.OLD, self.head):
            outcome.failures.append(f"left at revision {revision}, neither {self.OLD} nor head")
        outcome.failures.extend(check_store(data))
        if _revision(database) != self.head:
            outcome.failures.append("not upgraded when opened again")
        count = _count(database)
        if count != self.articles:
            outcome.failures.append(f"{count} articles of {self.articles}")
        for copy in backups.glob("*.sqlite3") if backups.is_dir() else ():
            said = integrity(copy)
            if said != "ok":
                outcome.failures.append(f"{copy.name} under its final name is damaged: {said}")
        log.unlink(missing_ok=True)
        return outcome

    def close(self) -> None:
        pass


def _downgrade(connection: object, target: str) -> None:
    from alembic import command
    from alembic.config import Config

    from newsdesk.storage.schema import MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    command.downgrade(config, target)


def _revision(database: Path) -> str | None:
    connection = sqlite3.connect(database, timeout=10)
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        connection.close()
    return None if row is None else str(row[0])


def _count(database: Path) -> int:
    connection = sqlite3.connect(database, timeout=10)
    try:
        return int(connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    finally:
        connection.close()


class BackupKills:
    """``newsdesk backup -o FILE`` of a store with photos."""

    name = "backup"

    def __init__(self, quick: bool = False) -> None:
        self.quick = quick
        self.photos = 8 if quick else 24

    def setup(self, work: Path, rng: random.Random) -> None:
        self.work = work
        self.data = work / "data"
        self.out = work / "out"
        self.out.mkdir()
        sources = work / "sources"
        sources.mkdir()
        files = []
        for n in range(self.photos // 2):
            photos = [noise_photo(sources / f"p{n}-{k}.jpg", rng, (1600, 1200)) for k in (0, 1)]
            article = sources / f"article-{n}.md"
            article.write_text(
                f"---\ntitle: Reportage {n}\nfeatured_image:\n  path: {photos[0].name}\n---\n\n"
                f"{sentence(rng, 80)}\n\n![La crue]({photos[1].name})\n",
                encoding="utf-8",
            )
            files.append(str(article))
        done = cli(self.data, "import", *files)
        assert done.returncode == 0, done.stderr
        self.seconds = timed(
            newsdesk_argv(self.data, "backup", "-o", str(self.out / "calibrate.zip")),
            work / "calibrate.log",
        )
        (self.out / "calibrate.zip").unlink()
        self.startup = startup_time(self.data, work / "calibrate.log", 1 if self.quick else 3)

    def kill_once(self, index: int, rng: random.Random) -> Outcome:
        from newsdesk.storage import archive

        target = self.out / f"newsdesk-{index}.zip"
        aimed = index % 2 == 1
        # Every other kill is aimed at the archive's writing: a moment after its first
        # temporary file appears beside the target (the interpreter's start comes first).
        writing = max(0.05, self.seconds - self.startup)
        delay = rng.uniform(0, self.seconds * PAST_THE_END)
        outcome = Outcome(self.name, delay, note="aimed" if aimed else "")
        log = self.work / f"kill-{index}.log"
        began = time.monotonic()
        outcome.finished = not run_and_kill(
            newsdesk_argv(self.data, "backup", "-o", str(target)),
            self.seconds * 3 if aimed else delay,
            log,
            sooner=(lambda: any(self.out.iterdir())) if aimed else None,
            after_sooner=rng.uniform(0, writing),
        )
        outcome.delay = time.monotonic() - began
        outcome.failures = check_store(self.data)
        if target.exists():
            try:
                info = archive.check_archive(target)
            except archive.ArchiveError as error:
                outcome.failures.append(
                    f"{target.name} is under its final name but damaged: {error}"
                )
            else:
                with zipfile.ZipFile(target) as zipped:
                    photos = [n for n in zipped.namelist() if n.startswith("media/")]
                if len(photos) != self.photos:
                    outcome.failures.append(f"{len(photos)} photos of {self.photos} in {info.path}")
        elif outcome.finished:
            outcome.failures.append("the backup ended by itself, yet no archive is there")
        leftovers = [p.name for p in self.out.iterdir() if p != target]
        strange = [n for n in leftovers if not n.startswith(".")]
        if strange:
            outcome.failures.append(f"unrecognisable files beside the archive: {strange}")
        outcome.note += f" {len(leftovers)} partial" if leftovers else ""
        for path in self.out.iterdir():
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
        log.unlink(missing_ok=True)
        return outcome

    def close(self) -> None:
        pass
