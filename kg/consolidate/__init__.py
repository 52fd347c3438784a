"""Cross-article consolidation: one event, many reports; one entity, many names.

Derived data only, in its own named graphs (docs/consolidation.md): article graphs stay
exactly as extracted, so every merge is reversible by recomputing.

- `refresh(store, written=..., dropped=...)` after article graphs change (kg.ingest calls
  it); `refresh(store)` catches up from the store alone; `rebuild(store)` recomputes all.
- `consolidated_events`, `consolidated_event_of`, `entity_merges`, `canonical_entities`:
  the read API for the query layer.
"""

from __future__ import annotations

from kg.consolidate.read import (
    ConsolidatedEvent,
    EntityMergeRow,
    canonical_entities,
    consolidated_event_of,
    consolidated_events,
    entity_merges,
)
from kg.consolidate.upkeep import RefreshSummary, rebuild, refresh

__all__ = [
    "ConsolidatedEvent",
    "EntityMergeRow",
    "RefreshSummary",
    "canonical_entities",
    "consolidated_event_of",
    "consolidated_events",
    "entity_merges",
    "rebuild",
    "refresh",
]
