"""News in from the web: URLs and feeds -> fetched pages -> stored articles.

The glue of `kg ingest URL`, `kg ingest --feed` and `kg watch`. A page is identified by its
canonical URL (the article id): a page whose text is what the store holds under that id is
left alone (unchanged), a changed one replaces the stored version (updated), and every URL
that cannot be fetched or read is refused with one line while the rest lands. An Intake
remembers, between polls, each feed's and page's ETag / Last-Modified for conditional GETs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kg.errors import InputError
from kg.feeds import FeedItem, parse_feed
from kg.fetch import FEED_TYPES, PAGE_TYPES, Fetcher, FetchError, Validators
from kg.ingest import ingest_articles
from kg.models import Article, Extraction
from kg.read import FUTURE_DAYS, article_from_page
from kg.store import Store


@dataclass
class IntakeCounts:
    """What one intake did with its pages; `errors` name every refused URL."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[InputError] = field(default_factory=list)

    @property
    def refused(self) -> int:
        return len(self.errors)

    def line(self) -> str:
        return (f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged, "
                f"{self.refused} refused")

    def add(self, other: IntakeCounts) -> None:
        self.new += other.new
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.errors.extend(other.errors)


@dataclass(frozen=True)
class _Page:
    """A fetched page ready to store: the Article and how to ask for it again."""

    url: str
    article: Article
    validators: Validators


@dataclass
class Collected:
    """Pages fetched and read, before the store is opened."""

    pages: list[_Page] = field(default_factory=list)
    unchanged: int = 0
    errors: list[InputError] = field(default_factory=list)
    #: Feeds read afresh: remembered once stored, so a poll that could not store re-reads them.
    feeds: dict[str, tuple[Validators, list[FeedItem]]] = field(default_factory=dict)


@dataclass(frozen=True)
class _Known:
    validators: Validators
    article_id: str


class Intake:
    """Fetches pages and feeds with one Fetcher and stores what changed."""

    def __init__(self, fetcher: Fetcher) -> None:
        self.fetcher = fetcher
        self._pages: dict[str, _Known] = {}  # page URL -> the article it gave, once stored
        self._feeds: dict[str, tuple[Validators, list[FeedItem]]] = {}

    def collect(self, urls: Iterable[str] = (), feeds: Iterable[str] = ()) -> Collected:
        """Fetch every page and every item of every feed; refusals go to `errors`."""
        collected = Collected()
        jobs: list[tuple[str, FeedItem | None]] = [(url, None) for url in urls]
        for feed_url in feeds:
            try:
                items, item_errors = self._feed_items(feed_url, collected)
            except InputError as error:
                collected.errors.append(error)
                continue
            collected.errors.extend(item_errors)
            jobs.extend((item.url, item) for item in items)
        seen_ids: set[str] = set()
        for url, item in jobs:
            try:
                page = self._fetch_page(url, item)
            except InputError as error:
                collected.errors.append(error)
                continue
            except (ValueError, LookupError) as error:  # a page the readers choke on
                collected.errors.append(InputError(f"{url}: cannot read the page ({error})"))
                continue
            if page is None:
                collected.unchanged += 1
            elif page.article.id not in seen_ids:  # two links to one canonical page
                seen_ids.add(page.article.id)
                collected.pages.append(page)
        return collected

    def store(self, store: Store, collected: Collected, *,
              on_article: Callable[[Extraction], None] | None = None) -> IntakeCounts:
        """Store the collected pages whose text is new or changed; count the rest unchanged
        (a page with the very text of another stored article counts as unchanged too)."""
        counts = IntakeCounts(unchanged=collected.unchanged, errors=list(collected.errors))
        articles = store.articles()
        stored = {info.id: info.hash for info in articles}
        # The graph IRI comes from the text's hash: a page whose text another URL's article
        # already has is that article (storing it would take the graph from the other id).
        holder = {info.hash: info.id for info in articles}
        pending: dict[str, _Page] = {}
        for page in collected.pages:
            article = page.article
            if holder.setdefault(article.hash, article.id) != article.id \
                    or stored.get(article.id) == article.hash:
                counts.unchanged += 1
                self._pages[page.url] = _Known(page.validators, article.id)
            else:
                pending[article.id] = page

        def landed(extraction: Extraction) -> None:
            page = pending[extraction.article.id]
            if extraction.article.id in stored:
                counts.updated += 1
            else:
                counts.new += 1
            self._pages[page.url] = _Known(page.validators, page.article.id)
            if on_article is not None:
                on_article(extraction)

        summary = ingest_articles(store, [p.article for p in pending.values()],
                                  on_article=landed)
        counts.errors.extend(summary.errors)
        self._feeds.update(collected.feeds)
        return counts

    # --- fetching -------------------------------------------------------------------------
    def _feed_items(self, feed_url: str, collected: Collected
                    ) -> tuple[list[FeedItem], list[InputError]]:
        known = self._feeds.get(feed_url)
        fetched = self.fetcher.get(feed_url, accept=FEED_TYPES,
                                   validators=known[0] if known else None)
        if fetched.not_modified and known is not None:
            # The feed is as it was: its items were handled by the last poll.
            collected.unchanged += len(known[1])
            return [], []
        items, errors = parse_feed(fetched.body, url=feed_url, media_type=fetched.media_type,
                                   charset=fetched.charset)
        collected.feeds[feed_url] = (fetched.validators, items)
        return items, errors

    def _fetch_page(self, url: str, item: FeedItem | None) -> _Page | None:
        """The page as an Article, or None if the server says it is unchanged since stored."""
        known = self._pages.get(url)
        fetched = self.fetcher.get(url, accept=PAGE_TYPES,
                                   validators=known.validators if known else None)
        if fetched.not_modified:
            if known is not None:
                return None
            raise FetchError(f"{url}: answered 304 Not Modified to an unconditional GET")
        article = article_from_page(fetched.body, url=fetched.final_url,
                                    content_type=fetched.media_type, charset=fetched.charset)
        if article.date is None and item is not None and item.date is not None \
                and item.date <= dt.date.today() + dt.timedelta(days=FUTURE_DAYS):
            article = dataclasses.replace(article, date=item.date)  # the feed dates the item
        if item is not None and item.title and article.title.endswith("…"):
            article = dataclasses.replace(article, title=item.title)  # a real headline
        return _Page(url, article, fetched.validators)
