"""Dependencies shared by the routes: the store and settings opened in the lifespan, the token."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.errors import ForbiddenError, UnsupportedMediaTypeError
from api.settings import ApiSettings
from kg.store import Store

#: Largest page any paginated route returns; bigger `limit`s are refused with 422.
MAX_PAGE_SIZE = 500


# Async, though they only read attributes: FastAPI runs a sync dependency in a worker thread,
# a hop that costs more than a fast query.
async def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


async def get_app_settings(request: Request) -> ApiSettings:
    settings: ApiSettings = request.app.state.settings
    return settings


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[ApiSettings, Depends(get_app_settings)]
_bearer = HTTPBearer(auto_error=False, description="the AIKG_UPDATE_TOKEN of the server")


def require_token(
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """Refuse a write unless it carries the configured bearer token."""
    check_token(settings, credentials.credentials if credentials else None)


def check_token(settings: ApiSettings, token: str | None) -> None:
    if settings.update_token is None:
        raise ForbiddenError("writes are disabled on this server (no AIKG_UPDATE_TOKEN is set)")
    if token is None:
        raise ForbiddenError("writes need an 'Authorization: Bearer <token>' header")
    if not hmac.compare_digest(token.encode(), settings.update_token.encode()):
        raise ForbiddenError("the bearer token is not the one configured for writes")


def bearer_token(request: Request) -> str | None:
    """The token of an 'Authorization: Bearer ...' header, if any."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


TokenDep = Annotated[None, Depends(require_token)]


async def require_json(request: Request) -> None:
    """Refuse a body that is not JSON by its Content-Type (FastAPI would read it as bytes
    and answer 422 "Input should be a valid dictionary", which says nothing of the header).

    Raises:
        UnsupportedMediaTypeError: for any media type but application/json and */*+json.
    """
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media != "application/json" and not (media.startswith("application/")
                                            and media.endswith("+json")):
        raise UnsupportedMediaTypeError(f"unsupported content type {media or '(none)'!r}; "
                                        "send the body as application/json")


JsonBodyDep = Annotated[None, Depends(require_json)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="page size")]
Offset = Annotated[int, Query(ge=0, description="items to skip")]
