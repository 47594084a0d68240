"""Typed errors of the domain. The UI and the CLI word them for people."""

from __future__ import annotations


class NewsdeskError(Exception):
    """Base of every error newsdesk expects and explains."""


class InvalidDocument(NewsdeskError):
    """A file or paste that cannot become an article (bad YAML, bad UTF-8, too big...)."""


class InvalidImage(NewsdeskError):
    """A file offered as an image that is not one newsdesk can use."""


class ArticleNotFound(NewsdeskError):
    def __init__(self, article_id: str) -> None:
        super().__init__(article_id)
        self.article_id = article_id


class RevisionNotFound(NewsdeskError):
    def __init__(self, article_id: str, revision: int) -> None:
        super().__init__(f"{article_id}@{revision}")
        self.article_id = article_id
        self.revision = revision


class StaleRevision(NewsdeskError):
    """A save based on an older revision than the one stored: refused, never clobbered."""

    def __init__(self, article_id: str, expected: int, actual: int) -> None:
        super().__init__(f"{article_id}: based on revision {expected}, store has {actual}")
        self.article_id = article_id
        self.expected = expected
        self.actual = actual
