"""The web explorer: the single-page app at `/`, its static files, and the article text it shows.

The page (api/static/) is plain HTML, CSS and JavaScript; Cytoscape.js (the graph), YASGUI
(the SPARQL editor) and Swagger UI (/docs) are vendored under api/static/vendor/ with their
licences (versions in package-lock.json, copied by `npm run vendor`), so the explorer works
offline. Everything else it reads comes from the REST API and /sparql.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel

from api.deps import StoreDep
from api.errors import NotFoundError
from api.request_rules import REQUEST_RULES
from kg.namespaces import ARTICLE
from kg.queries import article_text, find_article

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"

router = APIRouter(tags=["explorer"])
router.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")


class ArticleTextOut(BaseModel):
    """An article's full text, so evidence offsets can be shown in context."""

    id: str
    iri: str
    title: str
    date: str | None = None
    source: str | None = None
    url: str | None = None
    text: str


@router.get("/", include_in_schema=False)
def explorer_page() -> FileResponse:
    """The explorer: search, entity pages, graph, timeline and SPARQL."""
    return FileResponse(STATIC_DIR / "index.html", media_type="text/html")


@router.get("/articles/{ref}/text", response_model=ArticleTextOut,
            dependencies=[REQUEST_RULES])
def get_article_text(store: StoreDep, ref: str) -> ArticleTextOut:
    """An article's text and metadata (by id or content hash); evidence offsets index into it."""
    info = find_article(store, ref)
    if info is None:
        raise NotFoundError(f"no article {ref!r}; list them with GET /articles")
    found = article_text(store, info)
    if found is None:
        raise NotFoundError(f"article {ref!r} has no stored text")
    text, url = found
    return ArticleTextOut(id=info.id, iri=str(ARTICLE[info.hash]), title=info.title,
                          date=info.date, source=info.source, url=url, text=text)
