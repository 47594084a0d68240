"""Publishing, safely, online or offline: the outbox, its worker, connected sites.

What the window and the command line call (all synchronous, no Qt; run them off the
interface thread):

- ``sites.add_site / list_sites / remove_site / set_password / publisher_factory /
  refresh_terms / cached_terms / pull_post``: connecting a site once (password in the
  keyring only), and opening a post of the site as a local article.
- ``outbox.queue_publish / queue_unpublish``: an action becomes a row in the store,
  committed before anything is sent. ``outbox.remote_state(store, article_id)`` (one
  article, every site) and ``outbox.remote_states(store)`` (the library's column) say
  where each article stands; ``outbox.next_due`` when to drain again.
- ``worker.OutboxWorker(store, publisher_factory(credentials)).drain()``: sends what is
  due, one action at a time; safe to run after any crash.
- ``resolve.conflict_sides / resolve_conflict``: show both versions of a post changed on
  the site, and keep the reporter's, take the site's, or merge.

Inside: ``states`` (what the reporter sees, re-exported by ``outbox``), ``checks``
(what is refused before queuing), ``snapshot`` (the post as last synced), and the
worker's rooms: ``payload`` (what is sent), ``failures`` (exception -> state),
``claims`` (who may take a ``sending`` entry), ``backoff`` (the one doubling formula).
"""
