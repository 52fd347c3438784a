"""Facts: the direct triples of the relation inventory, each with its evidence."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.deps import Limit, Offset, StoreDep
from api.request_rules import REQUEST_RULES
from api.responses import fact_outs, model_response
from api.schemas import FactOut, Page, PredicateName
from kg.queries import facts

router = APIRouter(tags=["facts"], dependencies=[REQUEST_RULES])


@router.get("/facts", response_model=Page[FactOut])
def list_facts(
    store: StoreDep, limit: Limit = 50, offset: Offset = 0,
    predicate: Annotated[PredicateName | None, Query(description="relation name")] = None,
    subject: Annotated[str | None, Query(description="entity id, e.g. company/baidu")] = None,
    object: Annotated[str | None, Query(description="entity id")] = None,
) -> Response:
    """Facts filtered by predicate, subject and object."""
    total, rows = facts(store, predicate=predicate.value if predicate else None, subject=subject,
                        object=object, limit=limit, offset=offset)
    return model_response(Page[FactOut](items=fact_outs(store, rows), total=total,
                                        limit=limit, offset=offset))
