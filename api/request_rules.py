"""What a request to a domain route may say beyond its declared shape, checked before it runs.

FastAPI ignores a query parameter a route does not declare, keeps the last of a repeated one,
and answers JSON whatever the Accept header asks for. So `/meetings?topics=AI` (for `topic`)
or `/meetings?from=2024-01-01` (for `since`) answered every meeting, unfiltered, with a 200,
and `Accept: text/csv` got JSON. `REQUEST_RULES`, a router dependency, makes the first two a
400 problem naming the parameter and the ones the route takes, and the third a 406 (as /sparql
and /store answer it). Not used on /sparql, whose clients add parameters of their own
(SPARQLWrapper's `format` and `output`), nor on the explorer's page.
"""

from __future__ import annotations

import types
import typing

from fastapi import Depends, Request
from fastapi.datastructures import DefaultPlaceholder
from fastapi.dependencies.models import Dependant
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute

from api.errors import ParameterError
from api.sparql import negotiate

#: What a route answering JSON offers to content negotiation.
JSON_ONLY: dict[str, None] = {"application/json": None}


# Async, though it only reads the request: a sync dependency costs a worker-thread hop.
async def check_request(request: Request) -> None:
    """Refuse what the route would otherwise ignore: see the module docstring.

    Raises:
        ParameterError: (400) an undeclared query parameter, or a single-valued one given
            more than once; the message lists the parameters the route takes.
        NotAcceptableError: (406) an Accept header that excludes JSON, on a JSON route.
    """
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    if request.query_params:
        check_parameters(route, request)
    if _answers_json(route):
        negotiate(request.headers.get("accept"), JSON_ONLY)


def check_parameters(route: APIRoute, request: Request) -> None:
    """ParameterError for an undeclared or repeated single-valued query parameter."""
    declared = declared_parameters(route)
    given = request.query_params
    for name in dict.fromkeys(given.keys()):
        if name not in declared:
            takes = ", ".join(sorted(declared)) or "none"
            raise ParameterError(f"unknown parameter {name!r} for {route.path}; it takes: "
                                 f"{takes}")
        count = len(given.getlist(name))
        if count > 1 and not declared[name]:
            raise ParameterError(f"parameter {name!r} is given {count} times; {route.path} "
                                 "takes one value of it")


def declared_parameters(route: APIRoute) -> dict[str, bool]:
    """The route's query parameters by name (alias), each with whether it takes a list."""
    found: dict[str, bool] = {}

    def walk(dependant: Dependant) -> None:
        for field in dependant.query_params:
            found[field.alias] = _is_list(field.field_info.annotation)
        for sub in dependant.dependencies:
            walk(sub)

    walk(route.dependant)
    return found


def _answers_json(route: APIRoute) -> bool:
    """Whether the route answers JSON only: FastAPI's default response class (routes that
    negotiate or stream other formats name their own)."""
    response_class = route.response_class
    if isinstance(response_class, DefaultPlaceholder):
        response_class = response_class.value
    return response_class is JSONResponse


def _is_list(annotation: object) -> bool:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return any(_is_list(arg) for arg in typing.get_args(annotation))
    return origin in (list, tuple, set, frozenset)


#: For `APIRouter(dependencies=[REQUEST_RULES])`.
REQUEST_RULES = Depends(check_request)
