"""Scoring extractions against gold files, exactly as DESIGN.md "Scoring" says.

Entities align one-to-one (equal Wikidata ids or equal normalised label/alias, same type
first); entities are scored over connected ones, facts on aligned (subject, predicate, object),
events as relation tuples, per article and micro-averaged.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from spacy.language import Language

from kg.models import PARTICIPANT_EVENTS, Article

REPO_ROOT = Path(__file__).resolve().parent.parent
ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
KINDS = ("entities", "facts", "events")


def normalize(text: str) -> str:
    """Case-folded, possessive 's, leading "the" and punctuation removed."""
    text = text.casefold().strip()
    text = re.sub(r"['’]s\b", "", text)
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"[^\w\s]", "", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Score:
    """True positives, false positives and false negatives of one kind."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass
class ArticleScore:
    article_id: str
    entities: Score
    facts: Score
    events: Score


@dataclass
class EvalReport:
    """Per-article scores and their micro-average."""

    articles: list[ArticleScore]

    def micro(self, kind: str) -> Score:
        total = Score()
        for article in self.articles:
            total.add(getattr(article, kind))
        return total

    def macro(self, kind: str) -> tuple[float, float, float]:
        """(precision, recall, F1) averaged over articles, each article weighing the same.

        Beside the micro figure so that one article with many statements (a nine-party
        meeting gives 36 pairs) cannot dominate the number. An article with nothing to find
        and nothing found scores 1.0 (Score's convention).
        """
        scores = [getattr(a, kind) for a in self.articles]
        if not scores:
            return (0.0, 0.0, 0.0)
        n = len(scores)
        return (sum(s.precision for s in scores) / n, sum(s.recall for s in scores) / n,
                sum(s.f1 for s in scores) / n)

    def format(self, verbose: bool = False) -> str:
        header = f"{'article':<28}" + "".join(f"{k + ' P/R/F1':>24}" for k in KINDS)
        lines = [header, "-" * len(header)]
        rows: list[tuple[str, list[tuple[float, float, float]]]] = [
            (a.article_id, [_prf(getattr(a, k)) for k in KINDS]) for a in self.articles]
        rows.append(("micro", [_prf(self.micro(k)) for k in KINDS]))
        rows.append(("macro", [self.macro(k) for k in KINDS]))
        for name, cells in rows:
            text = "".join(f"{p:>8.2f}{r:>8.2f}{f:>8.2f}" for p, r, f in cells)
            lines.append(f"{name[:27]:<28}{text}")
        if verbose:
            for article in self.articles:
                for kind in KINDS:
                    score: Score = getattr(article, kind)
                    lines += [f"{article.article_id} {kind} MISS {m}" for m in score.misses]
                    lines += [f"{article.article_id} {kind} FP   {m}"
                              for m in score.false_positives]
        return "\n".join(lines)


def _prf(score: Score) -> tuple[float, float, float]:
    return (score.precision, score.recall, score.f1)


def _connected(data: dict[str, Any]) -> set[str]:
    ids = set()
    for fact in data.get("facts", []):
        ids.update((fact["subject"], fact["object"]))
    for event in data.get("events", []):
        ids.update(event.get("participants") or [])
        ids.update(event[k] for k in ("actor", "target", "proposed") if event.get(k))
    return ids


def _forms(entity: dict[str, Any]) -> set[str]:
    return {normalize(s) for s in [entity["label"], *entity.get("aliases", [])]} - {""}


def align(predicted: list[dict[str, Any]], gold: list[dict[str, Any]]) -> dict[str, str]:
    """Predicted id -> gold id, one-to-one and greedy, same-type and Wikidata matches first."""
    pairs = []
    for p in predicted:
        for g in gold:
            same_qid = bool(p.get("wikidata")) and p.get("wikidata") == g.get("wikidata")
            overlap = len(_forms(p) & _forms(g))
            if same_qid or overlap:
                pairs.append((p["type"] == g["type"], same_qid, overlap, p["id"], g["id"]))
    pairs.sort(key=lambda x: (not x[0], not x[1], -x[2]))
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for *_, pid, gid in pairs:
        if pid not in mapping and gid not in used:
            mapping[pid] = gid
            used.add(gid)
    return mapping


def _fact_tuples(data: dict[str, Any], rename: dict[str, str]) -> set[tuple[str, ...]]:
    return {(rename.get(f["subject"], f["subject"]), f["predicate"],
             rename.get(f["object"], f["object"])) for f in data.get("facts", [])}


def _event_tuples(data: dict[str, Any], rename: dict[str, str]) -> set[tuple[object, ...]]:
    tuples: set[tuple[object, ...]] = set()
    for event in data.get("events", []):
        kind = event["type"]
        if kind in PARTICIPANT_EVENTS:
            ids = sorted({rename.get(p, p) for p in event.get("participants", [])})
            tuples.update((kind, frozenset(pair)) for pair in combinations(ids, 2))
        else:
            other = event.get("proposed") if kind == "Proposal" else event.get("target")
            tuples.add((kind, rename.get(event["actor"], event["actor"]),
                        rename.get(other, other)))
    return tuples


def _score(predicted: set[Any], gold: set[Any], label: dict[str, str]) -> Score:
    def show(item: Any) -> str:
        if isinstance(item, str):
            return label.get(item, item)
        parts = sorted(item) if isinstance(item, frozenset) else list(item)
        return " ".join(show(p) for p in parts)
    # Sorted by what is shown: str() of a frozenset depends on the process's hash seed.
    return Score(tp=len(predicted & gold), fp=len(predicted - gold), fn=len(gold - predicted),
                 misses=sorted(show(t) for t in gold - predicted),
                 false_positives=sorted(show(t) for t in predicted - gold))


def evaluate_extraction(predicted: dict[str, Any], gold: dict[str, Any]) -> ArticleScore:
    """Score one predicted extraction (JSON shape of DESIGN.md) against its gold file."""
    pred_ids, gold_ids = _connected(predicted), _connected(gold)
    pred_entities = [e for e in predicted.get("entities", []) if e["id"] in pred_ids]
    gold_entities = [e for e in gold.get("entities", []) if e["id"] in gold_ids]
    rename = align(pred_entities, gold_entities)
    label = {e["id"]: e["label"] for e in gold_entities}
    label.update({e["id"]: e["label"] for e in pred_entities if e["id"] not in rename})
    entity_score = _score({rename.get(e["id"], e["id"]) for e in pred_entities},
                          {e["id"] for e in gold_entities}, label)
    return ArticleScore(
        article_id=str(gold.get("article", {}).get("id", "")),
        entities=entity_score,
        facts=_score(_fact_tuples(predicted, rename), _fact_tuples(gold, {}), label),
        events=_score(_event_tuples(predicted, rename), _event_tuples(gold, {}), label),
    )


def find_article(gold_path: Path, gold: dict[str, Any], articles_dir: Path | None) -> Path:
    """The article file a gold file annotates (see evaluate_dir for the search order)."""
    stem = gold_path.stem
    if articles_dir is not None:
        candidates = [articles_dir / f"{stem}{suffix}" for suffix in ARTICLE_SUFFIXES]
    else:
        source = Path(str(gold.get("article", {}).get("source", "")))
        bases = [Path.cwd(), *gold_path.resolve().parents] if str(source) else []
        candidates = [base / source for base in bases if source.name]
        candidates.append(REPO_ROOT / "seeds" / f"{stem}.txt")
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"no article for gold file {gold_path.name!r}; looked in "
                            f"{', '.join(str(c) for c in candidates)}")


def _read_article(path: Path, gold: dict[str, Any]) -> Article:
    from kg.read import read_path

    article = next(iter(read_path(path)))
    gold_date = gold.get("article", {}).get("date")
    if article.date is None and gold_date:
        article = dataclasses.replace(article, date=dt.date.fromisoformat(gold_date[:10]))
    return article


def evaluate_dir(gold_dir: Path, articles_dir: Path | None = None, *,
                 nlp: Language | None = None) -> EvalReport:
    """Extract every article that has a gold file in gold_dir and score it.

    Articles are found by the gold file's stem in articles_dir (any supported suffix); without
    articles_dir, by the gold's article.source relative to the cwd or the gold dir's
    ancestors, then repo_root/seeds/<stem>.txt.
    """
    gold_paths = sorted(Path(gold_dir).glob("*.json"))
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in gold_paths]
    articles = [_read_article(find_article(p, g, articles_dir), g)
                for p, g in zip(gold_paths, golds, strict=True)]
    scores = [evaluate_extraction(extraction.to_json(), gold)
              for extraction, gold in zip(_extract(articles, nlp), golds, strict=True)]
    for score, path in zip(scores, gold_paths, strict=True):
        score.article_id = score.article_id or path.stem
    return EvalReport(articles=scores)


def _extract(articles: Iterable[Article], nlp: Language | None) -> Iterable[Any]:
    from kg.extract import extract_articles

    return extract_articles(articles, nlp=nlp)
