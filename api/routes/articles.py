"""Articles: list, one article with its extraction and triples, and ingesting a new one."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import StreamingResponse

from api.deps import JsonBodyDep, Limit, Offset, SettingsDep, StoreDep, TokenDep
from api.errors import ExtractorUnavailableError, NotFoundError
from api.request_rules import REQUEST_RULES
from api.responses import article_out, model_response
from api.routes.graphs import export_response
from api.schemas import ArticleDetailOut, ArticleIn, ArticleOut, IngestOut, Page
from kg.errors import InputError
from kg.ingest import ingest_articles
from kg.models import Article, Extraction
from kg.namespaces import ARTICLE
from kg.queries import article_extraction, articles, find_article
from kg.read import article_from_text
from kg.store import ArticleInfo, ExportFormat, Store

router = APIRouter(tags=["articles"], dependencies=[REQUEST_RULES])


@router.get("/articles", response_model=Page[ArticleOut])
def list_articles(store: StoreDep, limit: Limit = 50, offset: Offset = 0) -> Response:
    """Stored articles by id, with the size of their graphs."""
    infos = articles(store)
    return model_response(Page[ArticleOut](
        items=[article_out(i) for i in infos[offset:offset + limit]], total=len(infos),
        limit=limit, offset=offset))


@router.get("/articles/{ref}", response_model=ArticleDetailOut)
def get_article(store: StoreDep, ref: str) -> ArticleDetailOut:
    """An article (by id or content hash) and its extraction in the DESIGN.md JSON format."""
    info = _article(store, ref)
    extraction = article_extraction(store, str(ARTICLE[info.hash]), info.graph)
    payload = {"article": {"id": info.id, "title": info.title, "date": info.date,
                           "source": info.source}} | extraction
    return ArticleDetailOut(**article_out(info).model_dump(), extraction=payload)


@router.get("/articles/{ref}/triples", response_class=StreamingResponse)
def get_article_triples(
    store: StoreDep, ref: str,
    format: Annotated[ExportFormat, Query(description="serialization")] = ExportFormat.turtle,
) -> StreamingResponse:
    """The triples of the article's named graph."""
    return export_response(store, format, _article(store, ref).graph)


@router.post("/articles", response_model=IngestOut, status_code=201)
def post_article(request: Request, store: StoreDep, settings: SettingsDep, _: TokenDep,
                 _json: JsonBodyDep, body: ArticleIn) -> IngestOut:
    """Extract and store one article (replacing an article with the same id); token required."""
    if len(body.text.encode("utf-8")) > settings.max_article_bytes:
        raise InputError(f"the article text is larger than {settings.max_article_bytes} bytes")
    article = article_from_text(body.text, id=body.id, source=body.source, title=body.title,
                                date=body.date, url=body.url)
    extractions: list[Extraction] = []
    with request.app.state.write_lock:
        ingest_articles(store, [article], extract=_extractor(request),
                        on_article=extractions.append)
    if not extractions:
        raise InputError(f"the extractor returned nothing for article {body.id!r}")
    info, done = _article(store, article.hash), extractions[0]
    return IngestOut(article=article_out(info), entities=len(done.entities),
                     facts=len(done.facts), events=len(done.events))


def _extractor(request: Request) -> Callable[[Iterable[Article]], Iterable[Extraction]]:
    extract = request.app.state.extract
    if extract is None:
        try:
            from kg.extract import extract_articles
        except ImportError as error:
            raise ExtractorUnavailableError(f"the extractor cannot be loaded: {error}") from None
        extract = request.app.state.extract = extract_articles
    return extract


def _article(store: Store, ref: str) -> ArticleInfo:
    info = find_article(store, ref)
    if info is None:
        raise NotFoundError(f"no single article matches {ref!r}; see GET /articles")
    return info

