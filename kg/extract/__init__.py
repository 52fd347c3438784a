"""Doc -> Extraction: entities, facts and events of the DESIGN.md inventory, with evidence.

One module per rule family; they share an ArticleContext built from the parsed article.
This package uses spaCy and the plain gazetteer records, never rdflib.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.companies import extract_based_in, extract_investments
from kg.extract.context import ArticleContext
from kg.extract.cooperation import extract_cooperation
from kg.extract.entities import detect_mentions
from kg.extract.gatherings import extract_gatherings
from kg.extract.linking import link_mentions
from kg.extract.meetings import extract_meetings
from kg.extract.membership import extract_membership
from kg.extract.policy import extract_policies
from kg.extract.roles import extract_roles
from kg.extract.statements import extract_statements
from kg.extract.structure import extract_part_of
from kg.gazetteer import Gazetteer
from kg.models import Article, Extraction
from kg.nlp import gazetteer_of, load_pipeline

__all__ = ["extract_article", "extract_articles", "extract_doc"]

RULES: tuple[Callable[[ArticleContext], None], ...] = (
    extract_roles, extract_membership, extract_based_in, extract_policies,
    extract_investments, extract_meetings, extract_gatherings, extract_statements,
    extract_cooperation, extract_part_of,
)


def extract_doc(article: Article, doc: Doc, gazetteer: Gazetteer) -> Extraction:
    """Run every rule family over one parsed article."""
    ctx = ArticleContext(article, doc, gazetteer)
    detect_mentions(ctx)
    link_mentions(ctx)
    for rule in RULES:
        rule(ctx)
    return ctx.extraction()


def extract_article(article: Article, *, nlp: Language | None = None) -> Extraction:
    """The Extraction of one article (the pipeline is loaded once if not given)."""
    return next(extract_articles([article], nlp=nlp))


def extract_articles(
    articles: Iterable[Article], *, nlp: Language | None = None, batch_size: int = 16
) -> Iterator[Extraction]:
    """Extractions of many articles, parsed in batches with nlp.pipe."""
    nlp = nlp or load_pipeline()
    gazetteer = gazetteer_of(nlp)
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield extract_doc(article, doc, gazetteer)
