"""What ``newsdesk`` (the window) says in a terminal when it cannot open here.

One line, after the command line's ``newsdesk:``, that points to what still works: every
command (``newsdesk --help``). ``newsdesk.display`` tells which case it is.
"""

from __future__ import annotations

from . import Words


def no_display(w: Words, display: str = "") -> str:
    """No screen here (``display`` empty), or the one named ``display`` does not answer."""
    if not display:
        return w._(
            "impossible d’ouvrir la fenêtre : aucun écran ici (session SSH, serveur ?). "
            "La ligne de commande fait tout le reste : newsdesk --help"
        )
    return w._(
        "impossible d’ouvrir la fenêtre : l’écran {display} ne répond pas. "
        "La ligne de commande fait tout le reste : newsdesk --help",
        display=display,
    )
