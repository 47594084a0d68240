"""newsdesk's log file: where it is, how a record looks, and no secret in it."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from newsdesk import logs
from newsdesk.paths import Paths

# A WordPress application password, as the site hands it out (made up for the test).
APP_PASSWORD = "Xk3p 9QzL mW2r Tt7v aB4n Hy6e"


@pytest.fixture
def handler(paths: Paths) -> Iterator[logging.Handler]:
    added = logs.log_to_data_folder(paths, logging.INFO)
    assert added is not None
    yield added
    logs.stop_logging(added)


def test_a_record_with_an_authorization_header_and_a_password_is_written_redacted(
    paths: Paths, handler: logging.Handler
) -> None:
    log = logging.getLogger("newsdesk.publishing.wordpress")
    log.warning(
        "request refused: %s",
        {"Authorization": "Basic YWljaGE6c2VjcmV0LXBhc3M=", "User-Agent": "newsdesk"},
    )
    log.info("Authorization: Bearer eyJhbGciOi.abc.def")
    log.info("redirect /done?site_url=https://actuniger.com&user_login=aicha&password=hunter2-x")
    log.info("login with password %s", APP_PASSWORD)
    log.info("site https://aicha:s3cr3t-w0rd@actuniger.com/wp-json/ answered 401")
    try:
        raise RuntimeError('{"username": "aicha", "password": "tout-ce-qui-suit"}')
    except RuntimeError:
        log.exception("the site's answer")
    handler.flush()

    text = logs.log_file(paths).read_text("utf-8")
    for secret in (
        "YWljaGE6c2VjcmV0LXBhc3M=",
        "eyJhbGciOi",
        "hunter2",
        "Xk3p",
        "Hy6e",
        "s3cr3t-w0rd",
        "tout-ce-qui-suit",
    ):
        assert secret not in text
    for redacted in (
        "{'Authorization': '[redacted]',",
        "Authorization: [redacted]\n",
        "&password=[redacted]\n",
        "login with password [redacted]\n",
        '"password": "[redacted]"}',
    ):
        assert redacted in text
    # What is not secret is still there to read.
    assert "'User-Agent': 'newsdesk'" in text
    assert "user_login=aicha" in text
    assert "https://aicha:[redacted]@actuniger.com/wp-json/" in text
    assert "Traceback (most recent call last)" in text


def test_each_record_starts_a_line_with_its_time_level_and_logger(
    paths: Paths, handler: logging.Handler
) -> None:
    log = logging.getLogger("newsdesk.ui.test")
    log.info("première ligne « é »")
    try:
        raise ValueError("cassé")
    except ValueError:
        log.error("deuxième", exc_info=True)
    handler.flush()
    lines = logs.log_file(paths).read_text("utf-8").splitlines()
    records = [line for line in lines if not line.startswith("\t")]
    assert len(records) == 2
    assert records[0].endswith(" INFO newsdesk.ui.test: première ligne « é »")
    assert records[1].endswith(" ERROR newsdesk.ui.test: deuxième")
    assert records[0][:4].isdigit()  # 2026-12-01 15:40:00,123
    # The traceback follows its record, each of its lines indented by a tab.
    assert "\tValueError: cassé" in lines


def test_the_file_rotates_and_a_second_call_adds_no_second_handler(
    paths: Paths, handler: logging.Handler
) -> None:
    assert isinstance(handler, logging.handlers.RotatingFileHandler)
    assert (handler.maxBytes, handler.backupCount) == (1024 * 1024, 5)
    assert logs.log_to_data_folder(paths, logging.WARNING) is handler
    assert handler.level == logging.WARNING
    assert logging.getLogger().handlers.count(handler) == 1


def test_the_libraries_info_lines_stay_out_and_their_warnings_come_in(
    paths: Paths, handler: logging.Handler
) -> None:
    # As Alembic's fileConfig leaves it once migrations have run: its own level, INFO.
    alembic = logging.getLogger("alembic")
    level = alembic.level
    alembic.setLevel(logging.INFO)
    try:
        logging.getLogger("alembic.runtime.migration").info("Context impl SQLiteImpl.")
    finally:
        alembic.setLevel(level)
    logging.getLogger("httpx").warning("a library's warning")
    logging.getLogger("newsdesk.services").info("newsdesk's own information")
    handler.flush()
    text = logs.log_file(paths).read_text("utf-8")
    assert "SQLiteImpl" not in text
    assert "WARNING httpx: a library's warning" in text
    assert "INFO newsdesk.services: newsdesk's own information" in text


def test_prose_and_ordinary_words_are_left_alone() -> None:
    for text in (
        "le texte de cette page reste bien sous vos yeux",
        "tokens: 5 passwords stored: 0",
        "the site answered 401 for https://actuniger.com/wp-json/wp/v2/posts",
    ):
        assert logs.redact(text) == text


def test_a_ghost_admin_key_and_its_tokens_are_blanked_wherever_they_appear() -> None:
    # Made up for the test, shaped as Ghost hands them out and as newsdesk mints them.
    key = "6489f2c1a0b3d4e5f6a7b8c9:" + "0123456789abcdef" * 4
    token = "eyJhbGciOiJIUzI1NiIsImtpZCI6IjY0In0.eyJpYXQiOjE3MDB9.c2lnbmF0dXJlLW1hZGUtdXA"
    line = logs.redact(f"key {key} rejected; request sent with ?token_hint {token} (ghost)")
    assert key[:24] not in line and key[-16:] not in line and "eyJ" not in line
    assert line == "key [redacted] rejected; request sent with ?token_hint [redacted] (ghost)"
    # A post's 24-hex id alone, as Ghost's URLs and the log carry it, stays readable.
    assert logs.redact("post 6489f2c1a0b3d4e5f6a7b8c9 updated") == (
        "post 6489f2c1a0b3d4e5f6a7b8c9 updated"
    )
