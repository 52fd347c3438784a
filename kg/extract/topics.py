"""Topics of an event: keywords of the topic scheme in the event's own sentence.

The next sentence is not read: it is often about something else ("Wang warned that the US must
not cross China's red lines on Taiwan." followed by a sentence on export controls), and an event
shown with another sentence's topics misleads the reader more than one shown with none.
"""

from __future__ import annotations

import functools
import re

from spacy.tokens import Span

from kg.extract.context import ArticleContext
from kg.nlp import doc_text


def topics_for(ctx: ArticleContext, sent: Span) -> tuple[str, ...]:
    """Topic labels whose keywords occur (as whole words) in the sentence.

    Computed once per sentence and article (ctx.sentence_topics); the text is sliced from
    the doc's text joined once, since Span.text builds a Token per word.
    """
    key = (sent.start, sent.end)
    known = ctx.sentence_topics.get(key)
    if known is not None:
        return known
    lowered = f" {doc_text(ctx.doc)[sent.start_char:sent.end_char].lower()} "
    found = []
    for topic in ctx.gazetteer.topics:
        if _keywords_pattern(topic.keywords).search(lowered) is not None:
            found.append(topic.label)
    ctx.sentence_topics[key] = result = tuple(sorted(found))
    return result


@functools.lru_cache(maxsize=1024)
def _keywords_pattern(keywords: tuple[str, ...]) -> re.Pattern[str]:
    """One compiled pattern per topic: any keyword as a whole word (not inside a-b-c)."""
    alternatives = "|".join(re.escape(k) for k in keywords) or r"(?!)"
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")
