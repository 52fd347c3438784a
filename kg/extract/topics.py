"""Topics of an event: keywords of the topic scheme in its sentence and the next one."""

from __future__ import annotations

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
        if any(_contains(lowered, k) for k in topic.keywords):
            found.append(topic.label)
    return tuple(sorted(found))


def _contains(text: str, keyword: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(keyword)}(?![\w-])", text) is not None
