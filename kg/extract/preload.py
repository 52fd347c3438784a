"""Imported once by the fork server of `kg ingest --workers N` (kg.ingest): loads the pipeline
and runs it on one article, so every worker forked from the server starts warm instead of
spending seconds loading its own copy.
"""

from __future__ import annotations

import datetime as dt
import gc

from kg.extract import extract_article
from kg.read import article_from_text

#: Exercises the lazily built parts too (dateparser, the country names, the rule lexicons).
WARM_UP_TEXT = (
    "Leaders meet on AI\n\n"
    "WASHINGTON — US President Joe Biden met Chinese President Xi Jinping on Wednesday in "
    "Woodside, California, and the two leaders agreed to hold talks on artificial "
    "intelligence. China criticised new US export controls on chips."
)

extract_article(article_from_text(WARM_UP_TEXT, id="warm-up", date=dt.date(2023, 11, 16)))
# The pipeline lives as long as the server: keep the collector off its objects, so forked
# workers neither scan them nor copy their memory pages by touching them.
gc.freeze()
