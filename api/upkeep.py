"""Derived data kept current after writes that pass through the API.

`kg ingest` and `kg delete` refresh the consolidated events themselves (kg.ingest). Writes
that arrive here by the Graph Store Protocol or SPARQL Update bypass kg.ingest, so the routes
call `reconsolidate` after them, under the app's write lock.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from kg.consolidate import refresh
from kg.namespaces import GRAPH
from kg.store import Store

log = logging.getLogger(__name__)

#: Article graphs feed the consolidated events; no other graph does.
ARTICLE_GRAPHS = str(GRAPH["article/"])


def reconsolidate(store: Store, *, written: Iterable[str] | None = None,
                  dropped: Iterable[str] = ()) -> None:
    """Refresh the consolidated events for these article graphs; with neither given, compare
    the derived graphs with the whole store (after a SPARQL Update, which may touch any).

    The write itself has already succeeded and is not undone: a refresh that fails is logged,
    and the next refresh (any later write, or `kg consolidate`) repairs the derived graphs.
    """
    if written is not None or dropped:
        written = [g for g in written or () if g.startswith(ARTICLE_GRAPHS)]
        dropped = [g for g in dropped if g.startswith(ARTICLE_GRAPHS)]
        if not written and not dropped:
            return
    try:
        refresh(store, written=written, dropped=dropped)
    except Exception:  # the write stands; the derived graphs catch up at the next refresh
        log.exception("refreshing the consolidated events failed; they catch up later")
