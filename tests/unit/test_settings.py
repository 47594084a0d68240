"""Settings: declared once, validated, only non-defaults stored, never a crash on a bad file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdesk.core.errors import InvalidSettingValue, UnknownSetting
from newsdesk.paths import Paths
from newsdesk.settings import DECLARED, SETTINGS, Settings


def test_every_setting_is_declared_with_a_valid_default_and_a_french_label() -> None:
    assert len(DECLARED) == len(SETTINGS)
    for setting in SETTINGS:
        assert setting.check(setting.default) == setting.default
        assert setting.description and setting.label
    assert {"autosave_seconds", "preview_width", "editor_font_size", "spellcheck"} <= set(DECLARED)
    assert {"ui_language", "default_byline", "default_source", "default_language"} <= set(DECLARED)


def test_defaults_without_a_file(paths: Paths) -> None:
    settings = Settings.load(paths)
    assert settings.get("autosave_seconds") == 2
    assert settings.get("preview_width") == "desktop"
    assert settings.warnings == []
    assert not paths.settings.exists()


def test_set_stores_only_non_defaults_and_survives_a_reload(paths: Paths) -> None:
    settings = Settings.load(paths)
    settings.set("default_byline", "Aïcha Moussa")
    settings.set("autosave_seconds", 5)
    settings.set("spellcheck", True)  # the default: not written
    assert json.loads(paths.settings.read_text("utf-8")) == {
        "autosave_seconds": 5,
        "default_byline": "Aïcha Moussa",
    }
    again = Settings.load(paths)
    assert again.get("default_byline") == "Aïcha Moussa"
    assert again.get("autosave_seconds") == 5
    again.reset("autosave_seconds")
    assert json.loads(paths.settings.read_text("utf-8")) == {"default_byline": "Aïcha Moussa"}
    assert again.is_default("autosave_seconds")
    # No temporary file is left behind by the atomic writes.
    assert sorted(p.name for p in paths.root.iterdir() if p.is_file()) == ["settings.json"]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("autosave_seconds", "2"),
        ("autosave_seconds", True),
        ("autosave_seconds", 0),
        ("autosave_seconds", 2.5),
        ("spellcheck", 1),
        ("preview_width", "tablet"),
        ("ui_language", "de"),
        ("default_byline", None),
        ("time_zone", "Afrique/Niamey"),
        ("editor_font_size", 100),
    ],
)
def test_wrong_values_are_refused_and_change_nothing(
    paths: Paths, name: str, value: object
) -> None:
    settings = Settings.load(paths)
    before = settings.get(name)
    with pytest.raises(InvalidSettingValue) as caught:
        settings.set(name, value)
    assert caught.value.name == name
    assert settings.get(name) == before
    assert not paths.settings.exists()


def test_unknown_names_are_refused(paths: Paths) -> None:
    settings = Settings.load(paths)
    with pytest.raises(UnknownSetting):
        settings.set("autosave", 3)
    with pytest.raises(UnknownSetting):
        settings.get("autosave")


def test_a_time_zone_is_checked() -> None:
    settings = Settings()
    settings.set("time_zone", "Africa/Niamey")
    assert settings.get("time_zone") == "Africa/Niamey"


def test_observers_hear_each_change_once(paths: Paths) -> None:
    settings = Settings.load(paths)
    heard: list[str] = []
    unsubscribe = settings.subscribe(heard.append)
    settings.set("preview_width", "mobile")
    settings.set("preview_width", "mobile")  # no change, no call
    with pytest.raises(InvalidSettingValue):
        settings.set("preview_width", "wide")
    settings.set("editor_font_size", 14)
    assert heard == ["preview_width", "editor_font_size"]
    unsubscribe()
    settings.set("editor_font_size", 15)
    assert heard == ["preview_width", "editor_font_size"]


@pytest.mark.parametrize("content", [b"{not json", b"[1, 2]", b"\xff\xfe\x00", b"", b'"texte"'])
def test_a_corrupt_file_gives_defaults_and_is_set_aside(paths: Paths, content: bytes) -> None:
    paths.settings.write_bytes(content)
    settings = Settings.load(paths)
    assert settings.get("autosave_seconds") == 2
    assert [w.code for w in settings.warnings] == ["corrupt_file"]
    moved = settings.warnings[0].moved_to
    assert moved == paths.root / "settings.json.bad"
    assert moved.read_bytes() == content
    assert not paths.settings.exists()
    # A change now writes a fresh file and leaves the damaged one where it was put.
    settings.set("autosave_seconds", 4)
    assert Settings.load(paths).get("autosave_seconds") == 4
    assert moved.read_bytes() == content


def test_a_second_corrupt_file_never_overwrites_the_first(paths: Paths) -> None:
    paths.settings.write_bytes(b"{first")
    Settings.load(paths)
    paths.settings.write_bytes(b"{second")
    settings = Settings.load(paths)
    assert settings.warnings[0].moved_to == paths.root / "settings.json.bad.1"
    assert (paths.root / "settings.json.bad").read_bytes() == b"{first"
    assert (paths.root / "settings.json.bad.1").read_bytes() == b"{second"


def test_bad_values_and_foreign_keys_in_the_file(paths: Paths) -> None:
    paths.settings.write_text(
        json.dumps({"autosave_seconds": "vite", "future_option": [1, 2], "spellcheck": False}),
        "utf-8",
    )
    settings = Settings.load(paths)
    assert settings.get("autosave_seconds") == 2
    assert settings.get("spellcheck") is False
    assert sorted((w.code, w.name) for w in settings.warnings) == [
        ("invalid_value", "autosave_seconds"),
        ("unknown_key", "future_option"),
    ]
    settings.set("preview_width", "mobile")
    # A newer newsdesk's key is kept; the bad value is gone (it was never used).
    assert json.loads(paths.settings.read_text("utf-8")) == {
        "future_option": [1, 2],
        "preview_width": "mobile",
        "spellcheck": False,
    }


def test_a_failed_write_leaves_the_value_unchanged(tmp_path: Path) -> None:
    # A file where the folder should be: no permission trick needed to make writing fail.
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    settings = Settings(blocker / "settings.json")
    heard: list[str] = []
    settings.subscribe(heard.append)
    with pytest.raises(OSError):
        settings.set("autosave_seconds", 9)
    assert settings.get("autosave_seconds") == 2
    assert heard == []


def test_in_memory_settings_write_nothing(tmp_path: Path) -> None:
    settings = Settings()
    settings.set("default_source", "actuniger.com")
    assert settings.as_dict()["default_source"] == "actuniger.com"
    assert list(tmp_path.iterdir()) == []
