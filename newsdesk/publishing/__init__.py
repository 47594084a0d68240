"""Publishing to a news site: one module per site API behind one Protocol, no Qt.

- ``base``: the :class:`~newsdesk.publishing.base.Publisher` Protocol and its data
  (``Identity``, ``PostPayload``, ``RemotePost``, ``MediaRef``; ``SiteAccount`` and
  ``TermKind`` are the core's, named here too);
- ``publishers.for_account(account, password)``: the registry, one entry per site API;
- ``wordpress``: the WordPress REST API, a package: ``http`` (requests, errors),
  ``discovery`` (the API root), ``parsing`` (the answers), ``publisher`` (posts with a
  marker, terms, media);
- ``wordpress_auth``: WordPress's application authorization flow;
- ``media.prepare_image``: photos made safe and small for the site (no EXIF/GPS);
- ``mapping``: an article to a post and back (a post's HTML back to Markdown is
  ``newsdesk.render.html_to_markdown``, shared with the Word import and the paste);
  ``marker``: the mark that finds a post whose creation answer was lost.

Every failure is one of the typed ``PublishingError``s of :mod:`newsdesk.core.errors`;
``retryable`` tells the outbox whether to try again.
"""
