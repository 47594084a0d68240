"""With several sites, an action goes to the site the reporter chose for the article (in
the window), from the command line too; with no choice, nowhere."""

from __future__ import annotations

import pytest

from newsdesk.core.article import Article
from newsdesk.core.errors import SiteNotChosen
from newsdesk.paths import Paths
from newsdesk.storage import article_sites
from newsdesk.storage import outbox_repo as repo
from newsdesk.storage.store import Store
from newsdesk.sync import outbox


def _site(store: Store, name: str) -> None:
    repo.insert_site(
        store, name=name, kind="wordpress", site_url=f"https://{name}.example",
        api_root=f"https://{name}.example/wp-json/", username="aicha", user_id=2,
        display_name="Aïcha", roles=["editor"], can_publish=True,
    )  # fmt: skip


def test_the_reporters_choice_is_where_it_goes(paths: Paths) -> None:
    with Store.open(paths) as store:
        _site(store, "actu")
        _site(store, "partenaire")
        article = store.create(
            Article(title="Tillabéri", body="Les pluies.", category="Société", byline="A. M.")
        )
        with pytest.raises(SiteNotChosen):
            outbox.queue_publish(store, article.id, None)
        assert repo.list_entries(store) == []  # nothing queued for a site nobody chose

        article_sites.choose_site(store, article.id, "partenaire")
        entry = outbox.queue_publish(store, article.id, None)
        assert entry.site == "partenaire"
        # Named on the command line, the site named wins.
        assert outbox.queue_publish(store, article.id, "actu").site == "actu"
