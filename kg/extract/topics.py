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


def topics_for(ctx: ArticleContext, sent: Span) -> tuple[str, ...]:
    """Topic labels whose keywords occur (as whole words) in the sentence."""
    lowered = f" {sent.text.lower()} "
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
