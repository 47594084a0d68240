"""The archive of a whole data folder: written, checked, restored on another folder."""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import json
import os
import sqlite3
import threading
import zipfile
from contextlib import closing
from pathlib import Path

import pytest
from PIL import Image

from newsdesk import services
from newsdesk.core.article import Article, FeaturedImage
from newsdesk.paths import Paths
from newsdesk.settings import Settings
from newsdesk.storage import archive, copies, schema
from newsdesk.storage.archive import ArchiveError
from newsdesk.storage.store import Store
from newsdesk.words import Face, words_for
from newsdesk.words.archive import describe_archive


def _photo(folder: Path, name: str, colour: str) -> Path:
    path = folder / name
    Image.new("RGB", (320, 200), colour).save(path, "JPEG")
    return path


@pytest.fixture
def source(tmp_path: Path) -> Paths:
    """A reporter's data folder: an article with two photos and four revisions, the
    settings changed, a personal dictionary and the newsroom's word list."""
    paths = Paths(tmp_path / "old-laptop").ensure()
    with Store.open(paths) as store:
        featured = store.import_image(_photo(tmp_path, "une.jpg", "teal"))
        inline = store.import_image(_photo(tmp_path, "marche.jpg", "orange"))
        article = store.create(
            Article(
                title="Niamey : la saison des pluies commence",
                body=f"Premier jet.\n\n![Le marché](media:{inline})\n",
                category="Société",
                tags=["Niger", "climat"],
                featured_image=FeaturedImage(path=featured, caption="Le fleuve", credit="DR"),
            )
        )
        for n in range(2, 5):
            article = store.save(dataclasses.replace(article, standfirst=f"Version {n}."))
    settings = Settings.load(paths)
    settings.set("default_byline", "A. Issoufou")
    paths.spelling.mkdir(parents=True, exist_ok=True)
    (paths.spelling / "personal-fr.txt").write_text("Issoufou\nZinder\n", encoding="utf-8")
    (paths.spelling / "newsroom.txt").write_text("Tillabéri\n", encoding="utf-8")
    os.utime(paths.spelling / "newsroom.txt", (0, 0))  # a copy that lost its date: 1970
    return paths


def _backup(paths: Paths, target: Path) -> archive.ArchiveInfo:
    with Store.open(paths):  # as the command does: the store exists, migrated
        return archive.write_archive(paths, target)


def _files(root: Path) -> dict[str, str]:
    """Every file under ``root`` with its SHA-256 (what « nothing changed » means)."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _sentence(error: ArchiveError, face: Face = Face.CLI) -> str:
    return describe_archive(error.reason, error.detail, error.restoring, words_for("fr"), face)


def _rewrite(source_zip: Path, target: Path, change: dict[str, bytes]) -> None:
    """A copy of the archive with some members' bytes replaced (a valid zip again)."""
    with zipfile.ZipFile(source_zip) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            new.writestr(info, change.get(info.filename, old.read(info.filename)))


def test_backup_then_restore_on_another_folder_gives_everything_back(
    source: Paths, tmp_path: Path
) -> None:
    saved = tmp_path / "cle-usb" / "newsdesk.zip"
    info = _backup(source, saved)
    assert info.schema_revision == schema.HEAD
    assert not [p.name for p in saved.parent.iterdir() if p != saved], "no temporary file left"

    target = Paths(tmp_path / "new-laptop")
    done = archive.restore_archive(target, saved)
    assert done.kept_aside is None  # nothing was there

    with Store.open(source) as old, Store.open(target) as new:
        (before,) = old.list_articles()
        (after,) = new.list_articles()
        a, b = old.get(before.id), new.get(after.id)
        assert b.content_equals(a) and b.revision == a.revision == 4
        assert b.title == "Niamey : la saison des pluies commence"
        assert [(r.revision, r.title) for r in new.history(b.id)] == [
            (r.revision, r.title) for r in old.history(a.id)
        ]
        for revision in (1, 2, 3):
            assert new.get_revision(b.id, revision).content_equals(old.get_revision(a.id, revision))
        assert a.featured_image is not None and b.featured_image == a.featured_image
        assert new.media_path(b.featured_image.path).read_bytes() == (
            old.media_path(a.featured_image.path).read_bytes()
        )
    for folder in ("media", "spelling"):
        assert _files(target.root / folder) == _files(source.root / folder)
    assert len(_files(target.media)) == 2
    assert target.settings.read_bytes() == source.settings.read_bytes()
    assert Settings.load(target).get("default_byline") == "A. Issoufou"


def test_the_manifest_says_what_is_inside_and_that_passwords_are_not(
    source: Paths, tmp_path: Path
) -> None:
    saved = tmp_path / "save.zip"
    _backup(source, saved)
    with zipfile.ZipFile(saved) as zipped:
        manifest = json.loads(zipped.read("manifest.json"))
        names = set(zipped.namelist())
        for entry in manifest["files"]:
            data = zipped.read(entry["path"])
            assert len(data) == entry["size"]
            assert hashlib.sha256(data).hexdigest() == entry["sha256"]
        photo = next(i for i in zipped.infolist() if i.filename.endswith(".jpg"))
        assert photo.compress_type == zipfile.ZIP_STORED
    assert manifest["format"] == "newsdesk-backup"
    assert manifest["newsdesk_version"]
    assert manifest["schema_revision"] == schema.HEAD
    assert manifest["created_at"].endswith("Z")
    assert "trousseau" in manifest["passwords"] and "keyring" in manifest["passwords"]
    assert names == {"manifest.json"} | {e["path"] for e in manifest["files"]}
    assert {"newsdesk.sqlite3", "settings.json", "spelling/personal-fr.txt"} <= names
    # The snapshot is one file that opens alone (no WAL left beside it).
    with zipfile.ZipFile(saved) as zipped:
        (tmp_path / "copy.sqlite3").write_bytes(zipped.read("newsdesk.sqlite3"))
    with closing(sqlite3.connect(tmp_path / "copy.sqlite3")) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM articles").fetchone() == (1,)


def test_a_truncated_archive_is_refused(source: Paths, tmp_path: Path) -> None:
    saved = tmp_path / "save.zip"
    _backup(source, saved)
    cut = tmp_path / "cut.zip"
    cut.write_bytes(saved.read_bytes()[: saved.stat().st_size // 2])
    target = Paths(tmp_path / "new-laptop")
    with pytest.raises(ArchiveError) as caught:
        archive.restore_archive(target, cut)
    assert caught.value.reason == ArchiveError.DAMAGED
    assert _sentence(caught.value) == (
        "Cette sauvegarde est endommagée ou incomplète (fichier tronqué\u202f?)\u00a0: "
        "rien n’a été restauré."
    )
    assert not target.database.exists()


def test_a_tampered_file_is_refused_and_nothing_is_left(source: Paths, tmp_path: Path) -> None:
    saved = tmp_path / "save.zip"
    _backup(source, saved)
    with zipfile.ZipFile(saved) as zipped:
        photo = next(n for n in zipped.namelist() if n.endswith(".jpg"))
    tampered = tmp_path / "tampered.zip"
    _rewrite(saved, tampered, {photo: b"not the photo it was"})
    target = Paths(tmp_path / "new-laptop")
    with pytest.raises(ArchiveError) as caught:
        archive.restore_archive(target, tampered)
    assert caught.value.reason == ArchiveError.TAMPERED
    assert _sentence(caught.value) == (
        f"Cette sauvegarde a été modifiée ou abîmée ({photo} ne correspond pas à son "
        "empreinte)\u00a0: rien n’a été restauré."
    )
    with pytest.raises(ArchiveError):
        archive.check_archive(tampered)
    assert not target.database.exists()
    assert [p.name for p in target.root.iterdir()] == [], "no unpacked file left"


def test_an_archive_of_a_newer_newsdesk_is_refused(source: Paths, tmp_path: Path) -> None:
    saved = tmp_path / "save.zip"
    _backup(source, saved)
    # What a newer newsdesk would write: its database at a revision unknown here, and a
    # manifest that vouches for it.
    with zipfile.ZipFile(saved) as zipped:
        manifest = json.loads(zipped.read("manifest.json"))
        (tmp_path / "db").write_bytes(zipped.read("newsdesk.sqlite3"))
    with closing(sqlite3.connect(tmp_path / "db")) as db:
        db.execute("UPDATE alembic_version SET version_num = '0099'")
        db.commit()
    data = (tmp_path / "db").read_bytes()
    manifest["schema_revision"] = "0099"
    for entry in manifest["files"]:
        if entry["path"] == "newsdesk.sqlite3":
            entry.update(size=len(data), sha256=hashlib.sha256(data).hexdigest())
    newer = tmp_path / "newer.zip"
    _rewrite(
        saved, newer, {"newsdesk.sqlite3": data, "manifest.json": json.dumps(manifest).encode()}
    )
    with pytest.raises(ArchiveError) as caught:
        archive.restore_archive(Paths(tmp_path / "new-laptop"), newer)
    assert caught.value.reason == ArchiveError.TOO_NEW
    assert _sentence(caught.value) == (
        "Cette sauvegarde vient d’une version plus récente de newsdesk (schéma 0099)\u00a0: "
        "mettez newsdesk à jour, puis recommencez. Rien n’a été restauré."
    )
    # A manifest that says so is enough; and so is the database, whatever the manifest says.
    manifest["schema_revision"] = schema.HEAD
    lying = tmp_path / "lying.zip"
    _rewrite(
        saved, lying, {"newsdesk.sqlite3": data, "manifest.json": json.dumps(manifest).encode()}
    )
    with pytest.raises(ArchiveError) as caught:
        archive.restore_archive(Paths(tmp_path / "other"), lying)
    assert caught.value.reason == ArchiveError.TOO_NEW
    assert not (tmp_path / "other" / "newsdesk.sqlite3").exists()


def test_a_zip_that_is_not_a_newsdesk_backup(tmp_path: Path) -> None:
    other = tmp_path / "photos.zip"
    with zipfile.ZipFile(other, "w") as zipped:
        zipped.writestr("IMG_0001.jpg", b"...")
    with pytest.raises(ArchiveError) as caught:
        archive.restore_archive(Paths(tmp_path / "new-laptop"), other)
    assert caught.value.reason == ArchiveError.NOT_NEWSDESK
    assert _sentence(caught.value) == (
        "Ce fichier n’est pas une sauvegarde de newsdesk\u00a0: rien n’a été restauré."
    )
    text = tmp_path / "notes.zip"
    text.write_text("pas un zip", encoding="utf-8")
    with pytest.raises(ArchiveError) as caught:
        archive.check_archive(text)
    assert caught.value.reason == ArchiveError.DAMAGED


def test_a_path_leaving_the_data_folder_is_refused(source: Paths, tmp_path: Path) -> None:
    saved = tmp_path / "save.zip"
    _backup(source, saved)
    with zipfile.ZipFile(saved) as zipped:
        manifest = json.loads(zipped.read("manifest.json"))
    manifest["files"].append({"path": "media/../../evil.sh", "size": 1, "sha256": "0"})
    evil = tmp_path / "evil.zip"
    _rewrite(saved, evil, {"manifest.json": json.dumps(manifest).encode()})
    with pytest.raises(ArchiveError) as caught:
        archive.restore_archive(Paths(tmp_path / "new-laptop"), evil)
    assert caught.value.reason == ArchiveError.NOT_NEWSDESK
    assert not (tmp_path / "evil.sh").exists()


def test_a_store_with_articles_is_not_replaced_without_asking(
    source: Paths, tmp_path: Path
) -> None:
    saved = tmp_path / "save.zip"
    _backup(source, saved)
    target = Paths(tmp_path / "new-laptop").ensure()
    with Store.open(target) as store:
        store.create(Article(title="Écrit sur le nouvel ordinateur", body="à garder"))
    before = _files(target.root)
    with pytest.raises(ArchiveError) as caught:
        archive.restore_archive(target, saved)
    assert caught.value.reason == ArchiveError.NOT_EMPTY
    assert "--replace" in _sentence(caught.value)
    assert _files(target.root) == before, "nothing changed"

    done = archive.restore_archive(target, saved, replace=True)
    assert done.kept_aside is not None and done.kept_aside.parent == target.backups
    with Store.open(target) as store:
        assert [s.title for s in store.list_articles()] == [
            "Niamey : la saison des pluies commence"
        ]
    kept = Paths(tmp_path / "kept")
    kept.root.mkdir()
    (kept.root / "newsdesk.sqlite3").write_bytes(
        (done.kept_aside / "newsdesk.sqlite3").read_bytes()
    )
    with Store.open(kept) as store:
        assert [s.title for s in store.list_articles()] == ["Écrit sur le nouvel ordinateur"]


def test_an_empty_store_is_replaced_without_asking(source: Paths, tmp_path: Path) -> None:
    saved = tmp_path / "save.zip"
    _backup(source, saved)
    target = Paths(tmp_path / "new-laptop")
    Store.open(target).close()  # newsdesk started once on the new laptop
    assert not archive.store_has_articles(target)
    archive.restore_archive(target, saved)
    with Store.open(target) as store:
        assert store.count_articles() == 1


def test_an_archive_of_an_older_newsdesk_is_migrated_at_restore(tmp_path: Path) -> None:
    older = Paths(tmp_path / "older").ensure()
    engine = schema.make_engine(older.database)
    schema.migrate(engine, "0005")
    engine.dispose()
    saved = tmp_path / "older.zip"
    info = archive.write_archive(older, saved)
    assert info.schema_revision == "0005"
    target = Paths(tmp_path / "new-laptop")
    archive.restore_archive(target, saved)
    with closing(sqlite3.connect(target.database)) as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchone() == (schema.HEAD,)
    assert list(target.backups.glob(f"*before-{schema.HEAD}*")), "kept as it was first"


def test_a_full_disk_leaves_nothing_half_written(
    source: Paths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cle-usb"
    folder.mkdir()
    (folder / "save.zip").write_bytes(b"yesterday's backup")
    real_add = archive._add

    def add_then_fill(zipped: zipfile.ZipFile, path: Path, name: str) -> archive._Entry:
        if name.startswith("media/"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_add(zipped, path, name)

    monkeypatch.setattr(archive, "_add", add_then_fill)
    with pytest.raises(ArchiveError) as caught:
        _backup(source, folder / "save.zip")
    assert caught.value.reason == ArchiveError.DISK_FULL
    assert _sentence(caught.value).startswith("Le disque est plein\u00a0: la sauvegarde n’a pas")
    assert [p.name for p in folder.iterdir()] == ["save.zip"]
    assert (folder / "save.zip").read_bytes() == b"yesterday's backup"


def test_the_daily_backup_is_the_archive_and_keeps_the_newest(
    source: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(source) as store:
        done = services.housekeeping(store)
        assert done.backup is not None and done.backup.suffix == ".zip"
        with zipfile.ZipFile(done.backup) as zipped:
            assert sum(n.startswith("media/") for n in zipped.namelist()) == 2
        made = [archive.daily_archive(source) for _ in range(archive.DAILY_KEPT + 2)]
    kept = sorted(source.backups.glob(archive.DAILY_GLOB))
    assert kept == sorted(made)[-archive.DAILY_KEPT :]
    assert archive.check_archive(kept[-1]).files == 6


def test_the_daily_backup_says_when_the_store_is_free_again(source: Paths) -> None:
    # The window lowers the backup's priority at that moment (newsdesk/priority.py):
    # the store's copy is taken, the store is no longer held, the compressing is ahead.
    seen: list[list[str]] = []

    def after_snapshot() -> None:
        archive._check_not_in_use(source.database)  # a restore could take the store now
        seen.append(sorted(p.name for p in source.backups.glob(archive.DAILY_GLOB)))

    made = services.daily_backup(source, after_snapshot=after_snapshot)
    assert made is not None and seen == [[]], "once, before the archive is in place"
    assert archive.check_archive(made).files == 6


def test_the_window_and_the_command_line_word_it_in_english_too() -> None:
    english = words_for("en")
    assert describe_archive("damaged", "", True, english, Face.WINDOW) == (
        "This backup is damaged or incomplete (a truncated file?): nothing was restored."
    )
    assert describe_archive("not_empty", "", True, english, Face.WINDOW) == (
        "This folder already holds articles: nothing was restored."
    )


def test_a_store_open_in_another_program_is_not_swapped(source: Paths, tmp_path: Path) -> None:
    saved = tmp_path / "save.zip"
    _backup(source, saved)
    target = Paths(tmp_path / "new-laptop")
    with Store.open(target) as window:  # the window, open on the new laptop's empty store
        window.count_articles()
        before = _files(target.root)
        with pytest.raises(ArchiveError) as caught:
            archive.restore_archive(target, saved, replace=True)
        assert caught.value.reason == ArchiveError.IN_USE
        assert _sentence(caught.value) == (
            "Les articles sont ouverts par un autre programme (la fenêtre de newsdesk\u202f?)"
            "\u00a0: fermez-le, puis recommencez. Rien n’a été restauré."
        )
        assert _files(target.root) == before
        assert window.count_articles() == 0
    archive.restore_archive(target, saved)
    with Store.open(target) as store:
        assert store.count_articles() == 1


def test_a_restore_waits_for_the_daily_backups_copy_of_the_store(
    source: Paths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The window's daily backup holds the store while it copies it (seconds, longer
    # for years of articles): a restore asked meanwhile waits for the copy, where it
    # was refused as « in use ».
    saved = tmp_path / "save.zip"
    _backup(source, saved)
    copying, release = threading.Event(), threading.Event()
    real_copy = archive._copy_store

    def slow_copy(from_store: sqlite3.Connection, to: sqlite3.Connection) -> None:
        from_store.execute("SELECT count(*) FROM articles").fetchone()  # the store held
        copying.set()
        assert release.wait(30)
        real_copy(from_store, to)

    monkeypatch.setattr(archive, "_copy_store", slow_copy)
    backup = threading.Thread(target=services.daily_backup, args=(source,))
    backup.start()
    assert copying.wait(30)
    outcome: list[object] = []
    restore = threading.Thread(
        target=lambda: outcome.append(archive.restore_archive(source, saved, replace=True))
    )
    restore.start()
    restore.join(0.5)
    assert restore.is_alive() and outcome == [], "waiting for the copy, not refused"
    release.set()
    backup.join(30)
    restore.join(30)
    assert len(outcome) == 1 and isinstance(outcome[0], archive.Restored)
    with Store.open(source) as store:
        assert store.count_articles() == 1
    assert copies.copies_running() == 0


def test_a_restore_waits_for_its_own_backups_only_so_long(
    source: Paths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A copy that never ends (a backup stuck on a dying disk): the restore gives up
    # after copies.WAIT_S and says the store is in use, as for another program.
    saved = tmp_path / "save.zip"
    _backup(source, saved)
    monkeypatch.setattr(copies, "WAIT_S", 0.2)
    with copies.copying(source.database), closing(sqlite3.connect(source.database)) as held:
        held.execute("SELECT count(*) FROM articles").fetchone()
        with pytest.raises(ArchiveError) as caught:
            archive.restore_archive(source, saved, replace=True)
    assert caught.value.reason == ArchiveError.IN_USE


def test_a_nearly_full_disk_drops_old_daily_archives_first(
    source: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = [archive.daily_archive(source) for _ in range(archive.DAILY_KEPT)]
    (source.backups / ".newsdesk-20261201-cut.zip.abc.tmp").write_bytes(b"half")
    size = made[-1].stat().st_size
    # Just short of room for one more; each old archive deleted gives its bytes back.
    free = {"bytes": archive.DAILY_MARGIN + archive._estimated_size(source) - 1}

    def usage(_path: object) -> object:
        left = len(list(source.backups.glob(archive.DAILY_GLOB)))
        return type("Usage", (), {"free": free["bytes"] + (archive.DAILY_KEPT - left) * size})()

    monkeypatch.setattr(archive.shutil, "disk_usage", usage)
    newest = archive.daily_archive(source)
    assert not made[0].exists(), "the oldest made room"
    assert sorted(source.backups.glob(archive.DAILY_GLOB)) == [*made[1:], newest]
    assert not list(source.backups.glob(".newsdesk-*")), "leftovers cleaned"

    free["bytes"] = 0  # not even room when only the newest is left: nothing written
    with pytest.raises(ArchiveError) as caught:
        archive.daily_archive(source)
    assert caught.value.reason == ArchiveError.DISK_FULL
    assert sorted(source.backups.glob(archive.DAILY_GLOB)) == [newest]
