"""Topics of an event: keywords of the topic scheme in its sentence and the next one."""

from __future__ import annotations

import functools
import re

from spacy.tokens import Span

from kg.extract.context import ArticleContext


def topics_for(ctx: ArticleContext, sent: Span) -> tuple[str, ...]:
    """Topic labels whose keywords occur (as whole words) in the sentence or its neighbour."""
    text = sent.text
    if sent.end < len(ctx.doc):
        text += " " + ctx.doc[sent.end].sent.text
    lowered = f" {text.lower()} "
    found = []
    for topic in ctx.gazetteer.topics:
        if _keywords_pattern(topic.keywords).search(lowered) is not None:
            found.append(topic.label)
    return tuple(sorted(found))


@functools.lru_cache(maxsize=1024)
def _keywords_pattern(keywords: tuple[str, ...]) -> re.Pattern[str]:
    """One compiled pattern per topic: any keyword as a whole word (not inside a-b-c)."""
    alternatives = "|".join(re.escape(k) for k in keywords) or r"(?!)"
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")
