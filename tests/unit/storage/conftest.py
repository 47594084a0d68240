from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from newsdesk.core.article import Article, FeaturedImage, Status
from newsdesk.paths import Paths
from newsdesk.storage.store import Store


@pytest.fixture
def store(paths: Paths) -> Iterator[Store]:
    opened = Store.open(paths)
    yield opened
    opened.close()


@pytest.fixture
def lavrov() -> Article:
    """The sample article's opening, as a reporter would type it."""
    return Article(
        title="Mali : Sergueï Lavrov attendu à Bamako",
        standfirst="Le ministre russe des Affaires étrangères effectue une visite de travail.",
        body=(
            "Le ministre des Affaires étrangères de la Fédération de Russie, Sergueï Lavrov, "
            "effectue les 06 et 07 février 2023 une visite de travail et d’amitié à Bamako.\n\n"
            "## Un partenariat stratégique\n\n"
            "> « Cette visite permettra de donner une nouvelle dynamique », indique le "
            "communiqué.\n"
        ),
        category="Politique",
        tags=["Mali", "Russie", "diplomatie"],
        byline="A.Y. Barma",
        source="actuniger.com",
        dateline="Bamako",
        date=datetime(2023, 2, 6, 9, 30, tzinfo=ZoneInfo("Africa/Bamako")),
        status=Status.READY,
        featured_image=FeaturedImage(
            path="ab/lavrov.jpg", caption="Sergueï Lavrov et Abdoulaye Diop", credit="DR"
        ),
        extra={"rubrique_site": 12},
    )
