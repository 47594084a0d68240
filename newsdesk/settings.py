"""The reporter's settings, declared once: name, type, default, description, French label.

Only values that differ from their default are written, as a flat JSON object in
``paths.settings``; a default that changes in a later version therefore reaches
everyone who never touched it. The file is replaced atomically (temporary file,
then ``os.replace``), so a power cut leaves the old file or the new one.

A damaged file never stops newsdesk: it is renamed ``settings.json.bad`` (never
overwritten, never deleted), the defaults apply, and ``Settings.load`` reports it
in ``settings.warnings`` for the window to say so. Keys this version does not know
(written by a newer newsdesk) are kept in the file untouched.

No Qt here: ``subscribe`` takes a plain callback, which the window bridges to a
Qt signal.

Window geometry and splitter sizes are not settings: they live in ``paths.ui_state``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsdesk.atomicfile import write_atomic
from newsdesk.core.errors import InvalidSettingValue, UnknownSetting, UnknownTimeZone
from newsdesk.paths import Paths


@dataclass(frozen=True, slots=True)
class Setting:
    """One declared setting. ``label`` is French, the UI's source language (through tr())."""

    name: str
    type: type[bool] | type[int] | type[str]
    default: bool | int | str
    description: str
    label: str
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None

    def check(self, value: object) -> bool | int | str:
        """The value if it fits this setting, else InvalidSettingValue."""
        # bool is an int to Python; a checkbox's True must not become a font size of 1.
        if self.type is bool:
            if isinstance(value, bool):
                return value
            raise InvalidSettingValue(self.name, value, "true or false")
        if self.type is int:
            if not isinstance(value, int) or isinstance(value, bool):
                raise InvalidSettingValue(self.name, value, self._expected())
            if (self.minimum is not None and value < self.minimum) or (
                self.maximum is not None and value > self.maximum
            ):
                raise InvalidSettingValue(self.name, value, self._expected())
            return value
        if not isinstance(value, str):
            raise InvalidSettingValue(self.name, value, self._expected())
        if self.choices and value not in self.choices:
            raise InvalidSettingValue(self.name, value, self._expected())
        if self.name == "time_zone" and value:
            _check_zone(self.name, value)
        return value

    def _expected(self) -> str:
        if self.choices:
            return "one of " + ", ".join(self.choices)
        if self.type is int:
            return f"a whole number from {self.minimum} to {self.maximum}"
        return "text"


def _check_zone(name: str, value: str) -> None:
    # The one reader of zones (core.rules.parse_zone): what the setting accepts is what
    # the window and the command line will read back, and a typo is refused, not UTC.
    from newsdesk.core.rules import parse_zone

    try:
        parse_zone(value)
    except UnknownTimeZone:
        raise InvalidSettingValue(name, value, "a time zone such as Africa/Niamey") from None


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "autosave_seconds", int, 2,
        "Seconds from a change to the open article's autosave, typing or not (what a crash loses).",
        "Enregistrement automatique (secondes)", minimum=1, maximum=60,
    ),
    Setting(
        "preview_width", str, "desktop",
        "Width the preview shows the page at: the site on a computer or on a phone.",
        "Largeur de l’aperçu", choices=("desktop", "mobile"),
    ),
    Setting(
        "editor_font_size", int, 0,
        "Point size of the body editor's text; 0 keeps the system's size.",
        "Taille du texte de l’éditeur (0 : celle du système)", minimum=0, maximum=48,
    ),
    Setting(
        "spellcheck", bool, True,
        "Underline misspelt words in the editor.",
        "Vérifier l’orthographe",
    ),
    Setting(
        "french_spelling", str, "classique",
        "French dictionary: Grammalecte's « classique » or « réforme 1990 » spelling.",
        "Orthographe du français", choices=("classique", "reforme1990"),
    ),
    Setting(
        "english_spelling", str, "US",
        "English dictionary: United States or United Kingdom spelling.",
        "Orthographe de l’anglais", choices=("US", "GB"),
    ),
    Setting(
        "ui_language", str, "system",
        "Language of the window's menus and messages: the system's (English where the "
        "system speaks English, French elsewhere), or French, or English. Read at start.",
        "Langue de l’interface", choices=("system", "fr", "en"),
    ),
    Setting(
        "default_byline", str, "",
        "Byline of new articles (the reporter's name as the site prints it).",
        "Signature par défaut",
    ),
    Setting(
        "default_source", str, "",
        "Source line of new articles, e.g. the site's name.",
        "Source par défaut",
    ),
    Setting(
        "default_category", str, "",
        "Rubrique of new articles.",
        "Rubrique par défaut",
    ),
    Setting(
        "default_dateline", str, "",
        "Dateline place of new articles (the reporter's town).",
        "Lieu par défaut",
    ),
    Setting(
        "default_language", str, "fr",
        "Language of new articles (sets the typography of the preview).",
        "Langue des nouveaux articles", choices=("fr", "en"),
    ),
    Setting(
        "time_zone", str, "",
        "Zone for dates typed in the window: an IANA name (Africa/Niamey) or an offset "
        "(UTC+01:00); empty means the computer's zone. An unknown zone is refused.",
        "Fuseau horaire (vide : celui de l’ordinateur)",
    ),
    Setting(
        "words_per_minute", int, 230,
        "Reading speed used for the reading time in the status bar.",
        "Vitesse de lecture (mots par minute)", minimum=60, maximum=1000,
    ),
)  # fmt: skip

DECLARED: dict[str, Setting] = {s.name: s for s in SETTINGS}


@dataclass(frozen=True, slots=True)
class SettingsWarning:
    """Something the window should tell the reporter after loading.

    ``code``: ``corrupt_file`` (``moved_to`` says where the damaged file went),
    ``invalid_value`` (``name``: that setting went back to its default),
    ``unknown_key`` (``name``: kept in the file, ignored by this version),
    ``unreadable_file`` (permissions...: defaults apply, the file is left alone).
    """

    code: str
    name: str = ""
    detail: str = ""
    moved_to: Path | None = None


Observer = Callable[[str], None]


class Settings:
    """The current settings. Build with ``Settings.load(paths)``, or ``Settings()`` for
    defaults kept in memory only (tests, a read-only data folder)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._values: dict[str, bool | int | str] = {}
        # Keys from another version of newsdesk: written back as they came.
        self._foreign: dict[str, Any] = {}
        self._observers: list[Observer] = []
        self.warnings: list[SettingsWarning] = []

    @classmethod
    def load(cls, paths: Paths) -> Settings:
        settings = cls(paths.settings)
        settings._read()
        return settings

    def _read(self) -> None:
        assert self.path is not None
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as error:
            # Unreadable (permissions): defaults, but the file is left alone.
            self.warnings.append(SettingsWarning("unreadable_file", detail=str(error)))
            return
        try:
            data = json.loads(raw.decode("utf-8"))
            if not isinstance(data, dict):
                raise ValueError(f"a JSON {type(data).__name__}, not an object")
        except (UnicodeDecodeError, ValueError) as error:
            moved = self._set_aside()
            self.warnings.append(SettingsWarning("corrupt_file", detail=str(error), moved_to=moved))
            return
        for name, value in data.items():
            setting = DECLARED.get(name)
            if setting is None:
                self._foreign[name] = value
                self.warnings.append(SettingsWarning("unknown_key", name=name))
                continue
            try:
                checked = setting.check(value)
            except InvalidSettingValue as error:
                self.warnings.append(SettingsWarning("invalid_value", name=name, detail=str(error)))
                continue
            if checked != setting.default:
                self._values[name] = checked

    def _set_aside(self) -> Path | None:
        """Rename the damaged file out of the way, never onto an earlier damaged one."""
        assert self.path is not None
        target = self.path.with_name(self.path.name + ".bad")
        number = 1
        while target.exists():
            target = self.path.with_name(f"{self.path.name}.bad.{number}")
            number += 1
        try:
            os.replace(self.path, target)
        except OSError:
            return None
        return target

    # -- reading and changing --------------------------------------------------------------

    def get(self, name: str) -> Any:
        setting = DECLARED.get(name)
        if setting is None:
            raise UnknownSetting(name)
        return self._values.get(name, setting.default)

    def is_default(self, name: str) -> bool:
        if name not in DECLARED:
            raise UnknownSetting(name)
        return name not in self._values

    def set(self, name: str, value: object) -> None:
        """Change a setting, write the file, tell the observers (only if it changed).

        UnknownSetting or InvalidSettingValue leave everything as it was; so does an
        OSError while writing (the value in memory is put back before it propagates).
        """
        setting = DECLARED.get(name)
        if setting is None:
            raise UnknownSetting(name)
        checked = setting.check(value)
        previous = self._values.get(name)
        if checked == self.get(name):
            return
        if checked == setting.default:
            self._values.pop(name, None)
        else:
            self._values[name] = checked
        try:
            self._write()
        except OSError:
            if previous is None:
                self._values.pop(name, None)
            else:
                self._values[name] = previous
            raise
        self._notify(name)

    def reset(self, name: str) -> None:
        setting = DECLARED.get(name)
        if setting is None:
            raise UnknownSetting(name)
        self.set(name, setting.default)

    def as_dict(self) -> dict[str, Any]:
        """Every declared setting with its current value, in declaration order."""
        return {s.name: self._values.get(s.name, s.default) for s in SETTINGS}

    # -- observers -------------------------------------------------------------------------

    def subscribe(self, callback: Observer) -> Callable[[], None]:
        """Call ``callback(name)`` after each change; returns a function that unsubscribes."""
        self._observers.append(callback)

        def unsubscribe() -> None:
            if callback in self._observers:
                self._observers.remove(callback)

        return unsubscribe

    def _notify(self, name: str) -> None:
        for callback in list(self._observers):
            callback(name)

    # -- writing ---------------------------------------------------------------------------

    def _write(self) -> None:
        if self.path is None:
            return
        data = {**self._foreign, **self._values}
        text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        write_atomic(self.path, text.encode("utf-8"))
