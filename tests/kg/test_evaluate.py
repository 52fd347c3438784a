"""Scoring (DESIGN.md "Scoring") on small hand-made cases and on the seed gold files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kg.evaluate import (
    ArticleScore,
    EvalReport,
    Score,
    evaluate_dir,
    evaluate_extraction,
    normalize,
)

GOLD_DIR = Path(__file__).resolve().parent.parent / "gold"
#: The development set of issue 11 (a copy of ../shared/dev/train): develop on it, never on
#: ../shared/dev/check, whose figures only measure how far the rules generalise.
DEV_DIR = GOLD_DIR / "dev"


@pytest.mark.parametrize(("text", "expected"), [
    ("The U.S.", "us"), ("China’s", "china"), ("  Partnership on AI ", "partnership on ai"),
])
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


def _entity(id: str, label: str, type: str, *aliases: str, qid: str | None = None
            ) -> dict[str, Any]:
    return {"id": id, "label": label, "type": type, "aliases": list(aliases), "wikidata": qid}


GOLD = {
    "article": {"id": "a"},
    "entities": [
        _entity("g1", "Baidu", "Company", qid="Q14772"),
        _entity("g2", "Partnership on AI", "Alliance", "PAI"),
        _entity("g3", "Government of China", "Government", "China"),
        _entity("g4", "China", "Country", "China"),
        _entity("g5", "Government of the United States", "Government", "US"),
    ],
    "facts": [
        {"subject": "g1", "predicate": "memberOf", "object": "g2"},
        {"subject": "g1", "predicate": "basedIn", "object": "g4"},
    ],
    "events": [
        {"type": "Meeting", "participants": ["g3", "g5", "g1"]},
        {"type": "Demand", "actor": "g3", "target": "g5"},
    ],
}


def test_alignment_prefers_same_type_and_scores_tuples() -> None:
    predicted = {
        "entities": [
            _entity("p1", "Baidu Inc", "Company", qid="Q14772"),
            _entity("p2", "The PAI", "Alliance"),
            _entity("p3", "China", "Government"),
            _entity("p4", "China", "Country"),
            _entity("p5", "US", "Government"),
            _entity("p6", "Reuters", "Company"),
        ],
        "facts": [
            {"subject": "p1", "predicate": "memberOf", "object": "p2"},
            {"subject": "p1", "predicate": "basedIn", "object": "p3"},
        ],
        "events": [
            {"type": "Meeting", "participants": ["p3", "p5"]},
            {"type": "Demand", "actor": "p5", "target": "p3"},
            {"type": "Criticism", "actor": "p6", "target": "p3"},
        ],
    }
    score = evaluate_extraction(predicted, GOLD)
    assert (score.entities.tp, score.entities.fp, score.entities.fn) == (4, 1, 1)
    assert (score.facts.tp, score.facts.fp, score.facts.fn) == (1, 1, 1)
    assert (score.events.tp, score.events.fp, score.events.fn) == (1, 2, 3)


def test_perfect_prediction_scores_one() -> None:
    score = evaluate_extraction(GOLD, GOLD)
    assert (score.entities.f1, score.facts.f1, score.events.f1) == (1.0, 1.0, 1.0)


def test_macro_weighs_each_article_once() -> None:
    big = ArticleScore("big", Score(), Score(), Score(tp=36, fp=0, fn=0))
    small = ArticleScore("small", Score(), Score(), Score(tp=0, fp=1, fn=1))
    report = EvalReport([big, small])
    assert report.micro("events").f1 == pytest.approx(36 / 37)  # P = R = 36/37
    assert report.macro("events") == (0.5, 0.5, 0.5)
    assert report.format().splitlines()[-1].split()[0] == "macro"


@pytest.mark.slow
def test_seed_gold_floors() -> None:
    """Floors a little under what the extractor reaches on the seeds; raise them as it improves."""
    report = evaluate_dir(GOLD_DIR)
    assert len(report.articles) == 4
    assert report.micro("entities").f1 >= 0.95, report.format(verbose=True)
    assert report.micro("facts").f1 >= 0.94, report.format(verbose=True)
    assert report.micro("events").f1 >= 0.87, report.format(verbose=True)
    assert "micro" in report.format()


#: Floors a little under what the extractor reaches (BENCHMARKS.md, "Extraction quality"):
#: (micro F1, micro precision) per kind. Raise them as the extractor improves.
DEV_FLOORS = {"entities": (0.92, 0.95), "facts": (0.83, 0.92), "events": (0.83, 0.96)}
DEV_MACRO_EVENT_F1_FLOOR = 0.82
#: tests/gold/heldout: 18 articles in six voices written during issue 11 after the rules for
#: the dev set, to see how they hold on text they were not written against.
HELDOUT_FLOORS = {"entities": (0.90, 0.92), "facts": (0.83, 0.87), "events": (0.93, 0.95)}
#: tests/gold/heldout2..4: 12, 12 and 10 articles each written blind (their README.md), gold
#: annotated before the extractor ran on them; heldout4 is for reporting, never for tuning.
HELDOUT2_FLOORS = {"entities": (0.87, 0.92), "facts": (0.78, 0.90), "events": (0.80, 0.96)}
HELDOUT3_FLOORS = {"entities": (0.85, 0.97), "facts": (0.75, 0.96), "events": (0.72, 0.96)}
HELDOUT4_FLOORS = {"entities": (0.84, 0.92), "facts": (0.72, 0.89), "events": (0.79, 0.94)}
#: tests/gold/heldout5..7: 10, 10 and 9 articles written blind in new voices (their README.md:
#: recall of facts, event precision, wire and newspaper style), tuned on after their first run.
HELDOUT5_FLOORS = {"entities": (0.88, 0.93), "facts": (0.82, 0.94), "events": (0.65, 0.96)}
HELDOUT6_FLOORS = {"entities": (0.92, 0.96), "facts": (0.89, 0.93), "events": (0.92, 0.96)}
HELDOUT7_FLOORS = {"entities": (0.87, 0.93), "facts": (0.81, 0.87), "events": (0.77, 0.95)}


@pytest.mark.slow
@pytest.mark.parametrize(("directory", "floors", "macro_events", "count"), [
    (DEV_DIR, DEV_FLOORS, DEV_MACRO_EVENT_F1_FLOOR, 27),
    (GOLD_DIR / "heldout", HELDOUT_FLOORS, 0.90, 18),
    (GOLD_DIR / "heldout2", HELDOUT2_FLOORS, 0.77, 12),
    (GOLD_DIR / "heldout3", HELDOUT3_FLOORS, 0.68, 12),
    (GOLD_DIR / "heldout4", HELDOUT4_FLOORS, 0.80, 10),
    (GOLD_DIR / "heldout5", HELDOUT5_FLOORS, 0.70, 10),
    (GOLD_DIR / "heldout6", HELDOUT6_FLOORS, 0.92, 10),
    (GOLD_DIR / "heldout7", HELDOUT7_FLOORS, 0.80, 9),
], ids=["dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6",
        "heldout7"])
def test_gold_floors(directory: Path, floors: dict[str, tuple[float, float]],
                     macro_events: float, count: int) -> None:
    """The real pipeline over the fixture gazetteer would score lower than `kg eval`, which
    uses the real gazetteer: these floors are for what users get, so they use it too."""
    report = evaluate_dir(directory / "gold", directory / "articles")
    assert len(report.articles) == len(list((directory / "gold").glob("*.json"))) >= count
    for kind, (f1, precision) in floors.items():
        assert report.micro(kind).f1 >= f1, (kind, report.format())
        assert report.micro(kind).precision >= precision, (kind, report.format())
    assert report.macro("events")[2] >= macro_events, report.format()
