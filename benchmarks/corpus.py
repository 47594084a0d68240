"""Deterministic French news articles for benchmarks and tests.

``make_articles(n, words, seed)`` always gives the same articles for the same
arguments: plain Python, no network, no data files. The text is made of
sentences a West African news desk would write, with the accents, « », names
and places (Sergueï, Tillabéri, Ségou...) that search must handle.
"""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from newsdesk.core.article import Article, FeaturedImage, Language, Status

CATEGORIES = (
    "Politique", "Économie", "Société", "Sécurité", "Culture", "Sport",
    "International", "Santé", "Éducation", "Environnement",
)  # fmt: skip

PLACES = (
    "Niamey", "Bamako", "Ouagadougou", "Tillabéri", "Agadez", "Zinder", "Maradi",
    "Tahoua", "Dosso", "Diffa", "Ségou", "Mopti", "Kidal", "Gao", "Tombouctou",
    "Dakar", "Abidjan", "Lomé", "Cotonou", "N’Djamena", "Kayes", "Sikasso",
)  # fmt: skip

PEOPLE = (
    "Sergueï Lavrov", "Abdoulaye Diop", "Aïssata Maïga", "Moussa Traoré",
    "Fatouma Hamidou", "Issoufou Mahamadou", "Mariam Koné", "Hadiza Boubacar",
    "Amadou Diallo", "Zeïnabou Garba", "Oumarou Abdou", "Kadidia Sangaré",
    "Ibrahim Yacouba", "Rahila Souley", "Boubacar Cissé", "Aminata Touré",
)  # fmt: skip

TAGS = (
    "Mali", "Niger", "Burkina Faso", "Sénégal", "Russie", "France", "CEDEAO",
    "AES", "diplomatie", "élections", "agriculture", "saison des pluies",
    "sécurité alimentaire", "éducation", "santé", "football", "musique",
    "pétrole", "uranium", "transition", "jeunesse", "femmes", "climat",
    "inondations", "coopération", "budget", "justice", "médias",
)  # fmt: skip

SUBJECTS = (
    "Le ministre des Affaires étrangères", "La délégation gouvernementale",
    "Le gouverneur de la région", "Le président de la Transition",
    "Une coalition d’organisations de la société civile", "Le maire de la commune",
    "Le directeur régional de l’agriculture", "La représentante de l’UNICEF",
    "Le porte-parole du gouvernement", "Un collectif d’enseignants",
    "Les éleveurs de la zone pastorale", "La fédération nationale de football",
)  # fmt: skip

VERBS = (
    "a annoncé", "a dénoncé", "a salué", "a rappelé", "a présenté", "a inauguré",
    "a réaffirmé", "s’est félicité de", "a plaidé pour", "a exigé",
    "a reçu", "a lancé",
)  # fmt: skip

OBJECTS = (
    "un nouveau programme de coopération bilatérale",
    "la réhabilitation de la route nationale",
    "les résultats provisoires de la campagne agricole",
    "la hausse des prix des denrées de première nécessité",
    "le renforcement du partenariat stratégique",
    "l’ouverture d’un centre de santé intégré",
    "la distribution de semences améliorées aux producteurs",
    "la sécurisation des axes routiers",
    "le calendrier électoral de la Transition",
    "un plan de riposte contre les inondations",
    "la reprise des cours dans les écoles fermées",
    "la construction d’un barrage hydroagricole",
)  # fmt: skip

TAILS = (
    "selon un communiqué publié la veille",
    "en présence des autorités coutumières",
    "à l’issue d’une réunion de plusieurs heures",
    "devant une foule nombreuse",
    "au cours d’une conférence de presse",
    "malgré les difficultés d’accès",
    "dans un contexte sécuritaire tendu",
    "avec l’appui des partenaires techniques et financiers",
)  # fmt: skip

QUOTES = (
    "Cette visite permettra de donner une nouvelle dynamique à nos relations",
    "Nous ne pouvons pas attendre la prochaine saison des pluies",
    "Les populations attendent des actes concrets, pas des promesses",
    "Personne ne sera laissé au bord du chemin",
    "C’est une première étape, mais le chemin reste long",
)  # fmt: skip

SOURCES = ("actuniger.com", "ANP", "AFP", "Studio Kalangou", "Le Sahel")
ZONES = ("Africa/Niamey", "Africa/Bamako", "Africa/Ouagadougou", "Africa/Dakar")
STATUSES = (Status.DRAFT, Status.DRAFT, Status.READY, Status.PUBLISHED, Status.PENDING)


class _Topic:
    """What one article is about: a place, a few people, a few subjects.

    Real pieces name one town and a handful of people, so a name is found in
    a few percent of the archive, not in every article; search costs depend
    on that.
    """

    def __init__(self, rng: random.Random) -> None:
        self.place = rng.choice(PLACES)
        self.people = rng.sample(PEOPLE, 3)
        self.objects = rng.sample(OBJECTS, 3)

    def place_for(self, rng: random.Random) -> str:
        return self.place if rng.random() < 0.97 else rng.choice(PLACES)

    def person(self, rng: random.Random) -> str:
        return rng.choice(self.people)


def _sentence(rng: random.Random, topic: _Topic) -> str:
    sentence = (
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(topic.objects)} "
        f"à {topic.place_for(rng)}, {rng.choice(TAILS)}."
    )
    if rng.random() < 0.25:
        sentence += f" {topic.person(rng)} était présent."
    return sentence


def _body(rng: random.Random, words: int, topic: _Topic) -> str:
    paragraphs: list[str] = []
    count = 0
    while count < words:
        if paragraphs and rng.random() < 0.15:
            heading = f"## {rng.choice(topic.objects).capitalize()}"
            paragraphs.append(heading)
            count += len(heading.split()) - 1
            continue
        if paragraphs and rng.random() < 0.1:
            quote = f"> « {rng.choice(QUOTES)} », a déclaré {topic.person(rng)}."
            paragraphs.append(quote)
            count += len(quote.split()) - 2
            continue
        paragraph = " ".join(_sentence(rng, topic) for _ in range(rng.randint(2, 4)))
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return "\n\n".join(paragraphs)


def make_articles(n: int, words: int = 600, seed: int = 0) -> list[Article]:
    """``n`` articles of about ``words`` words each, the same for the same seed."""
    rng = random.Random(seed)
    start = datetime(2024, 1, 1, 8, 0)
    articles: list[Article] = []
    for index in range(n):
        topic = _Topic(rng)
        place = topic.place
        person = topic.people[0]
        zone = ZoneInfo(rng.choice(ZONES))
        date = (start + timedelta(hours=7 * index, minutes=rng.randint(0, 59))).replace(tzinfo=zone)
        title = f"{place} : {person} {rng.choice(VERBS)} {topic.objects[0]}"
        featured = None
        if rng.random() < 0.5:
            featured = FeaturedImage(
                path=f"{rng.getrandbits(64):016x}.jpg",
                caption=person,
                credit=rng.choice(SOURCES),
                alt=f"{person} à {place}",
            )
        articles.append(
            Article(
                id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                title=title,
                standfirst=_sentence(rng, topic),
                body=_body(rng, words, topic),
                category=rng.choice(CATEGORIES),
                tags=rng.sample(TAGS, rng.randint(1, 4)),
                byline=f"{rng.choice(PEOPLE).split()[0][0]}. {rng.choice(PEOPLE).split()[-1]}",
                source=rng.choice(SOURCES),
                dateline=place,
                date=date,
                language=Language.FR,
                status=rng.choice(STATUSES),
                featured_image=featured,
                created_at=date.astimezone(ZoneInfo("UTC")),
                updated_at=date.astimezone(ZoneInfo("UTC")),
            )
        )
    return articles
