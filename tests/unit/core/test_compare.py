"""diff_articles: what changed between two revisions, readable by a person."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from newsdesk.core.article import Article, FeaturedImage
from newsdesk.core.compare import diff_articles


def _article(**changes: object) -> Article:
    base = Article(
        title="Mali : Sergueï Lavrov attendu à Bamako",
        standfirst="Le ministre russe est attendu.",
        body="Premier paragraphe.\n\n## Intertitre\n\nDeuxième paragraphe.",
        tags=["Mali", "Russie"],
        date=datetime(2023, 2, 6, 9, 30, tzinfo=ZoneInfo("Africa/Bamako")),
        revision=3,
    )
    for key, value in changes.items():
        setattr(base, key, value)
    return base


def test_identical_articles_have_no_diff() -> None:
    assert diff_articles(_article(), _article(revision=4)) == ""


def test_changed_fields_and_body_lines_are_shown() -> None:
    old = _article()
    new = _article(
        title="Mali : Sergueï Lavrov arrivé à Bamako",
        tags=["Mali", "Russie", "diplomatie"],
        body="Premier paragraphe.\n\n## Intertitre\n\nDeuxième paragraphe corrigé.",
        featured_image=FeaturedImage(path="ab/x.jpg", caption="Lavrov et Diop"),
        revision=5,
    )
    diff = diff_articles(old, new)
    lines = diff.splitlines()
    assert lines[0] == "--- revision 3" and lines[1] == "+++ revision 5"
    assert "-title: Mali : Sergueï Lavrov attendu à Bamako" in lines
    assert "+title: Mali : Sergueï Lavrov arrivé à Bamako" in lines
    assert "+tags: Mali, Russie, diplomatie" in lines
    assert "+featured_image: path=ab/x.jpg | caption=Lavrov et Diop" in lines
    assert "-Deuxième paragraphe." in lines
    assert "+Deuxième paragraphe corrigé." in lines
    assert " ## Intertitre" in lines, "unchanged lines give context"
    assert not any(line.startswith(("-standfirst", "+standfirst")) for line in lines)


def test_labels_and_a_date_change() -> None:
    later = datetime(2023, 2, 7, 9, 30, tzinfo=ZoneInfo("Africa/Bamako"))
    diff = diff_articles(_article(), _article(date=later), old_label="site", new_label="local")
    assert diff.startswith("--- site\n+++ local\n")
    assert "-date: 2023-02-06T09:30:00+00:00" in diff
    assert "+date: 2023-02-07T09:30:00+00:00" in diff


def test_a_multiline_standfirst_stays_on_one_diff_line() -> None:
    diff = diff_articles(_article(), _article(standfirst="Ligne un.\nLigne deux."))
    assert "+standfirst: Ligne un. Ligne deux." in diff.splitlines()
