"""What is checked before a publish is queued: the article's rules, and the site's terms.

Two decisions a newcomer would otherwise have to rediscover:

- **A correction is judged on what the reporter changed.** For an article already on
  the site (a ``remote_posts`` record), a problem that the copy last synced had too,
  on the same value (no byline, no rubrique, a slug WordPress made), is *inherited*:
  shown, never blocking; the site holds that post already and refusing the correction
  would not make it any better. A problem the reporter brought in (a byline emptied
  since, a slug retyped wrong) blocks, as for a first publish. When the synced copy is
  gone from the history, every error blocks (the prudent reading).
- **A rubrique is one of the site's categories.** Against the site's cached terms
  (``sync.sites.refresh_terms``): a name equal to one of them but for case, accents
  and spaces is the site's category (the worker and the WordPress client fold names the
  same way, so the post gets that category; the article keeps the reporter's spelling,
  and ``PublishCheck.category`` says the site's); any other name is refused with
  ``UnknownRubrique`` and its close neighbours, unless the account may create
  categories (WordPress gives that to editors and administrators only; Authors get
  403 ``rest_cannot_create``). Tags are never refused: the accounts that write posts
  may create them. When the site's terms were never fetched, nothing is refused: the
  worker finds out, as it would offline.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from newsdesk.core import rules
from newsdesk.core.article import Article
from newsdesk.core.errors import RevisionNotFound, UnknownRubrique, UnsafeMediaPath
from newsdesk.core.folding import fold_term
from newsdesk.core.profile import checklist
from newsdesk.core.rules import Problem
from newsdesk.storage import outbox_repo as repo
from newsdesk.storage.site_profiles import site_profile

if TYPE_CHECKING:
    from newsdesk.storage.store import Store

#: WordPress roles whose accounts may create categories (``manage_categories``), and
#: Ghost's Admin integrations (a rubrique there is a tag, which they create).
ROLES_CREATING_CATEGORIES = frozenset({"administrator", "editor", "integration"})
#: How many close category names a refusal offers.
SUGGESTIONS = 3
#: Checklist items about one thing in a field rather than the whole field.
ABOUT_ONE_THING = frozenset({"marker_left", "broken_image", "empty_link", "spelling", "grammar"})
#: The statuses that put an article in front of readers: the checklist must be empty.
DIRECT_STATUSES = frozenset({"publish", "future"})


@dataclass(frozen=True, slots=True)
class PublishCheck:
    """Everything newsdesk knows, before queuing, of how a publish to ``site`` would go.

    ``blocking``: errors that refuse the publish (``NotPublishable``). ``inherited``:
    errors the site's copy has too, shown as warnings. ``warnings``: the rules' own
    warnings. ``unknown_rubrique``: the refusal the site's categories give, or None.
    ``category``: the site's spelling of the rubrique when the reporter's differs only
    by case or accents (None otherwise). ``new_tags``: tags the site will create.
    ``checklist``: what the site's content profile still asks for (``core.profile``),
    those the site's copy lacked too left out; it blocks a direct publish or a
    schedule, never a submission for review (``blocks``).
    """

    site: str
    blocking: list[Problem] = field(default_factory=list)
    inherited: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    unknown_rubrique: UnknownRubrique | None = None
    category: str | None = None
    new_tags: list[str] = field(default_factory=list)
    checklist: list[Problem] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return bool(self.blocking) or self.unknown_rubrique is not None

    def blocks(self, status: str) -> bool:
        """Whether the checklist refuses sending with ``status`` (publish, future)."""
        return bool(self.checklist) and status in DIRECT_STATUSES

    def items(self) -> list[CheckItem]:
        """Everything to show the reporter, what stops everything first: the list the
        window shows beside « Publier » and ``newsdesk check`` prints."""
        found = [CheckItem(p, "all") for p in self.blocking]
        if self.unknown_rubrique is not None:
            rubrique = self.unknown_rubrique.name
            found.append(
                CheckItem(Problem("category", "unknown_rubrique", "error", rubrique), "all")
            )
        found += [CheckItem(p, "publish") for p in self.checklist]
        found += [CheckItem(p, "none") for p in self.inherited + self.warnings]
        return found

    @property
    def ready_for_review(self) -> bool:
        return not self.refused

    @property
    def ready_to_publish(self) -> bool:
        return not self.refused and not self.checklist


@dataclass(frozen=True, slots=True)
class CheckItem:
    """One line of the checklist: a problem, and what it stops. ``blocks``: ``all``
    (nothing can be sent), ``publish`` (a direct publish or a schedule; review is
    open), ``none`` (a warning, or what the site's copy lacked too)."""

    problem: Problem
    blocks: Literal["all", "publish", "none"]


def check_publish(
    store: Store,
    article: Article,
    site: str,
    *,
    spelling: list[str] | None = None,
    grammar: list[str] | None = None,
) -> PublishCheck:
    """The checks of ``queue_publish``, without raising (the window shows them as the
    reporter types). ``site`` must be a connected site's name; ``spelling`` and
    ``grammar`` are the checkers' findings, when they ran."""
    problems = rules.validate(article, for_publishing=True)
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    inherited = _inherited(store, article, site, errors)
    blocking = [p for p in errors if p not in inherited]
    unknown, category, new_tags = _against_terms(store, article, site)
    return PublishCheck(
        site=site,
        blocking=blocking,
        inherited=inherited,
        warnings=warnings,
        unknown_rubrique=unknown,
        category=category,
        new_tags=new_tags,
        checklist=_checklist(store, article, site, errors, spelling, grammar),
    )


def _checklist(
    store: Store,
    article: Article,
    site: str,
    errors: list[Problem],
    spelling: list[str] | None,
    grammar: list[str] | None,
) -> list[Problem]:
    """The profile's items the article lacks, but for those the rules already block on
    and those the site's copy lacked too (a correction is judged on what changed)."""
    profile = site_profile(store, site)

    def exists(relative: str) -> bool:
        try:
            return store.media_path(relative).is_file()
        except UnsafeMediaPath:
            return False

    def items(of: Article) -> list[Problem]:
        found = checklist(
            of,
            profile,
            media_exists=exists,
            spelling_findings=spelling if of is article else None,
            grammar_findings=grammar if of is article else None,
        )
        return found

    already = {(p.field, p.code) for p in errors}
    wanted = [p for p in items(article) if (p.field, p.code) not in already]
    synced = _synced(store, article, site)
    if synced is None or not wanted:
        return wanted
    before = set(items(synced))
    # An item about one thing in a field (a marker, a link, an image, a word: its
    # detail says which) is inherited when the site's copy had that very thing, however
    # the rest of the field changed; an item about the whole field when the field is
    # as it was.
    return [
        p
        for p in wanted
        if p not in before
        or (p.code not in ABOUT_ONE_THING and _value(article, p.field) != _value(synced, p.field))
    ]


def close_names(name: str, names: list[str], limit: int = SUGGESTIONS) -> list[str]:
    """The names of ``names`` closest to ``name``, compared with case and accents folded:
    a folded-equal name first, then those that start with or contain it, then the
    ones ``difflib`` finds alike. Each in the site's own spelling."""
    key = fold_term(name)
    spelled: dict[str, str] = {}
    for candidate in names:
        spelled.setdefault(fold_term(candidate), candidate)
    found: list[str] = []
    if key in spelled:
        found.append(key)
    if len(key) >= 3:
        found += [k for k in spelled if k != key and k.startswith(key)]
        found += [k for k in spelled if k != key and key in k]
    found += difflib.get_close_matches(key, list(spelled), n=limit + 2, cutoff=0.6)
    return [spelled[k] for k in dict.fromkeys(found)][:limit]


# --- The pieces ----------------------------------------------------------------------------


def _synced(store: Store, article: Article, site: str) -> Article | None:
    """The copy last synced with ``site``, or None (never sent, or gone from history)."""
    remote = repo.get_remote_post(store, article.id, site)
    if remote is None:
        return None
    try:
        return store.get_revision(article.id, remote.synced_revision)
    except RevisionNotFound:
        return None


def _inherited(store: Store, article: Article, site: str, errors: list[Problem]) -> list[Problem]:
    synced = _synced(store, article, site) if errors else None
    if synced is None:
        return []
    before = set(rules.validate(synced, for_publishing=True))
    return [
        p for p in errors if p in before and _value(article, p.field) == _value(synced, p.field)
    ]


def _value(article: Article, name: str) -> object:
    """The article's value for a problem's ``field`` (``featured_image.caption``...)."""
    value: object = article
    for part in name.split("."):
        value = getattr(value, part, None)
    return value


def _against_terms(
    store: Store, article: Article, site: str
) -> tuple[UnknownRubrique | None, str | None, list[str]]:
    if repo.terms_refreshed_at(store, site) is None:
        return None, None, []  # never fetched: unknown, the worker will see
    categories = [name for _id, name in repo.cached_terms(store, site, "categories")]
    tags = {fold_term(name) for _id, name in repo.cached_terms(store, site, "tags")}
    new_tags = [t.strip() for t in article.tags if t.strip() and fold_term(t) not in tags]
    wanted = article.category.strip()
    if not wanted:
        return None, None, new_tags  # a missing rubrique is the rules' business
    same = {fold_term(name): name for name in categories}.get(fold_term(wanted))
    if same is not None:
        return None, (same if same != wanted else None), new_tags
    roles = set(repo.get_site(store, site).roles)
    if roles & ROLES_CREATING_CATEGORIES:
        return None, None, new_tags  # the site will create it
    return UnknownRubrique(wanted, site, close_names(wanted, categories)), None, new_tags
