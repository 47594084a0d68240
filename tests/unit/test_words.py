"""newsdesk's words: every error and state in a sentence, French complete, English beside.

The catalogs are checked against the code (what ``python -m newsdesk.words.catalog``
would write), every typed error of the core is worded for both faces in both
languages, and French typography is kept.
"""

from __future__ import annotations

import inspect
import string
from datetime import UTC, datetime

import pytest
from babel.messages.mofile import read_mo

from newsdesk.core import errors
from newsdesk.words import Face, Words, catalog, language_from_environment
from newsdesk.words.errors import describe
from newsdesk.words.states import _SHORT, failure_reason, problem, state_sentence

NBSP = "\u00a0"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_english_catalog_holds_every_message_of_the_code_and_nothing_else() -> None:
    english = catalog.read(catalog.ENGLISH_PO, "en")
    in_catalog = {m.id for m in english if m.id}
    in_code = {message for message, _where in catalog.extracted()}
    assert len(in_code) > 150
    assert in_code - in_catalog == set(), "run: python -m newsdesk.words.catalog"
    assert in_catalog - in_code == set(), "run: python -m newsdesk.words.catalog"


def test_every_message_has_its_english_with_the_same_fields() -> None:
    for message in catalog.read(catalog.ENGLISH_PO, "en"):
        if not message.id:
            continue
        assert message.string and not message.fuzzy, f"no English for {message.id!r}"
        assert _fields(str(message.id)) == _fields(str(message.string)), message.id
        assert NBSP not in str(message.string), f"a no-break space in English: {message.string!r}"


def test_french_typography_in_every_message() -> None:
    for message, where in catalog.extracted():
        for mark in (":", ";", "?", "!", "»"):
            assert f" {mark}" not in message, f"{where}: a plain space before {mark!r}"
        assert "« " not in message, f"{where}: a plain space after «"


@pytest.mark.parametrize("po", [catalog.ENGLISH_PO, catalog.ARGPARSE_PO])
def test_the_compiled_catalogs_are_current(po: object) -> None:
    path = catalog.ENGLISH_PO if po == catalog.ENGLISH_PO else catalog.ARGPARSE_PO
    locale = path.parent.parent.name
    source = {m.id: m.string for m in catalog.read(path, locale) if m.id}
    with path.with_suffix(".mo").open("rb") as mo:
        compiled = {m.id: m.string for m in read_mo(mo) if m.id}
    assert compiled == source, (
        f"{path.with_suffix('.mo')} is stale: python -m newsdesk.words.catalog"
    )


def test_argparse_french_catalog_is_complete() -> None:
    source = {m.id: m.string for m in catalog.read(catalog.ARGPARSE_PO, "fr") if m.id}
    assert "the following arguments are required: %s" in source
    for english, french in source.items():
        assert french and " :" not in str(french), english


def _one_of_each() -> list[BaseException]:
    """An instance of every typed error of the core (and the system's own)."""
    return [
        errors.InvalidDocument("x", "too_large", size=6_000_000, limit=5),
        errors.InvalidDocument("x", "invalid_yaml", line=3, column=5),
        errors.InvalidDocument("x", "invalid_yaml"),
        errors.InvalidDocument("x", "wrong_type", key="tags", expected="list"),
        errors.InvalidDocument("x", "unknown_value", key="status", allowed="draft, ready"),
        errors.InvalidDocument("broken", "some_new_reason"),
        errors.InvalidImage("cannot identify image file"),
        errors.ArticleNotFound("0123456789abcdef"),
        errors.NotInTrash("0123456789abcdef"),
        errors.RevisionNotFound("0123456789abcdef", 7),
        errors.StaleRevision("0123456789abcdef", 3, 4),
        errors.AuthenticationFailed("401"),
        errors.AdminKeyRefused("UNKNOWN_ADMIN_API_KEY"),
        errors.AuthorizationAbandoned("timeout"),
        errors.PermissionDenied("rest_cannot_edit"),
        errors.SiteUnreachable("ConnectError"),
        errors.UntrustedCertificate("actu.example", "expired"),
        errors.ServerError(502, "Bad Gateway"),
        errors.RequestRejected("rest_invalid_param", "bad"),
        errors.RemotePostNotFound("rest_post_invalid_id", "gone", 404),
        errors.EditCollision("UPDATE_COLLISION", "saved meanwhile", 409),
        errors.InvalidServerResponse("not JSON"),
        errors.InsecureTransport("http://"),
        errors.PublishVerificationFailed(12, {"categories": [3]}),
        errors.KeyringUnavailable("no backend"),
        errors.StoreError("/tmp/a.db", errors.StoreError.NOT_A_DATABASE),
        errors.StoreError("/tmp/a.db", errors.StoreError.TOO_NEW),
        errors.StoreError("/tmp/a.db", errors.StoreError.UNREADABLE, "locked"),
        errors.ArticleExists("0123"),
        errors.UnsafeMediaPath("../../etc/passwd"),
        errors.UnknownSetting("colour"),
        errors.InvalidSettingValue("autosave_seconds", -1, "a positive number"),
        errors.AmbiguousArticleId("01", ["0123aaaa", "0199bbbb"]),
        errors.NotPublishable(
            "0123", [("title", "missing_title"), ("category", "missing_category")]
        ),
        errors.SiteNotFound("actu"),
        errors.SiteExists("actu"),
        errors.SiteNotChosen([]),
        errors.SiteNotChosen(["actu", "sport"]),
        errors.InvalidSchedule("past_date"),
        errors.InvalidSchedule("naive_date"),
        errors.InvalidSchedule("missing_date"),
        errors.InvalidSchedule("date_not_expected"),
        errors.NothingToResolve("0123", "actu"),
        errors.NotOnSite("0123", "actu"),
        errors.InvalidPostReference("https://example.org/about"),
        errors.UnknownRubrique("Politque", "actu", ["Politique"]),
        errors.UnknownRubrique("Zzz", "actu", []),
        errors.UnknownTimeZone("Afrique/Niamey"),
        errors.PdfExportFailed("engine", "libnss3.so: cannot open shared object file"),
        errors.PdfExportFailed("print", "the page did not load"),
        FileNotFoundError(2, "No such file or directory", "a.md"),
        IsADirectoryError(21, "Is a directory", "dossier"),
        PermissionError(13, "Permission denied", "a.md"),
        OSError(28, "No space left on device"),
        RuntimeError("boom"),
    ]


def test_every_error_class_of_the_core_is_in_the_sample() -> None:
    sampled = {type(error) for error in _one_of_each()}
    declared = {
        cls
        for _name, cls in inspect.getmembers(errors, inspect.isclass)
        if issubclass(cls, errors.NewsdeskError) and cls.__module__ == errors.__name__
    }
    # The bases are never raised themselves.
    assert declared - sampled <= {errors.NewsdeskError, errors.PublishingError}


@pytest.mark.parametrize("face", list(Face))
@pytest.mark.parametrize("error", _one_of_each(), ids=lambda e: type(e).__name__)
def test_every_error_is_a_sentence_in_both_languages(error: BaseException, face: Face) -> None:
    french = describe(error, Words("fr"), face)
    english = describe(error, Words("en"), face)
    assert french and english
    assert french != english, "the English catalog does not translate this sentence"
    assert french[0].isupper() or french[0] in "«/", french
    assert "Traceback" not in french and "{" not in french and "{" not in english
    if face is Face.WINDOW:
        assert "newsdesk site" not in french and "--" not in french, french
    else:
        assert "Fichier ▸" not in french, french


def test_the_error_says_what_the_core_typed() -> None:
    fr, en = Words("fr"), Words("en")
    rubrique = errors.UnknownRubrique("Politque", "actu", ["Politique", "Police"])
    assert describe(rubrique, fr, Face.CLI).startswith(
        f"La rubrique «{NBSP}Politque{NBSP}» n’existe pas sur «{NBSP}actu{NBSP}»"
    )
    assert f"«{NBSP}Politique{NBSP}» ou «{NBSP}Police{NBSP}»" in describe(rubrique, fr, Face.CLI)
    assert "'Politique' or 'Police'" in describe(rubrique, en, Face.WINDOW)
    yaml = errors.InvalidDocument("x", "invalid_yaml", line=3, column=5)
    assert describe(yaml, fr, Face.CLI) == "En-tête YAML invalide, ligne 3, colonne 5."
    assert describe(yaml, en, Face.CLI) == "Invalid YAML header at line 3, column 5."
    problems = errors.NotPublishable("0123", [("title", "missing_title")])
    assert describe(problems, en, Face.CLI) == "The article cannot go out: missing headline."


def test_states_in_words_for_both_faces() -> None:
    fr = Words("fr")
    at = datetime(2026, 12, 1, 8, 30, tzinfo=UTC)
    for state in _SHORT:
        for face in Face:
            sentence = state_sentence(state, fr, face, site="actu", article_id="0123456789")
            assert sentence and sentence[0].isupper(), (state, face)
            assert state_sentence(state, Words("en"), face, site="actu") != sentence
    cli = state_sentence("needs_password", fr, Face.CLI, site="actu")
    assert "newsdesk site password actu" in cli
    assert "newsdesk" not in state_sentence("needs_password", fr, Face.WINDOW, site="actu")
    waiting = state_sentence("waiting_network", fr, Face.CLI, next_attempt_at=at)
    assert "nouvel essai vers" in waiting
    failed = state_sentence("failed", fr, Face.CLI, error_code="remote_gone")
    assert (
        failed == "Échec de l’envoi\u00a0: l’article a été supprimé du site. "
        "Corrigez puis publiez à nouveau."
    )
    assert failure_reason("rejected_400", "rest_invalid_param", fr).endswith("rest_invalid_param")
    assert failure_reason(None, None, fr) == "?"
    assert problem("missing_title", Words("en")) == "missing headline"
    assert problem("some_future_code", fr) == "some_future_code"


def test_the_language_follows_the_locale() -> None:
    assert language_from_environment({}) == "fr"
    assert language_from_environment({"LANG": "en_US.UTF-8"}) == "en"
    assert language_from_environment({"LANG": "fr_FR.UTF-8"}) == "fr"
    assert language_from_environment({"LC_ALL": "fr_SN.UTF-8", "LANG": "en_US"}) == "fr"
    assert language_from_environment({"LC_MESSAGES": "en_GB", "LANG": "fr_FR"}) == "en"
    assert Words("de").language == "fr"


def test_the_command_lines_help_is_in_the_readers_language() -> None:
    from newsdesk.cli.messages import Messages
    from newsdesk.cli.parser import build_parser

    english = build_parser(Messages("en")).format_help()
    assert "list the articles" in english and "check an article before publishing" in english
    assert "lister" not in english
    french = build_parser(Messages("fr")).format_help()
    assert "lister les articles" in french
