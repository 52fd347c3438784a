"""A deterministic synthetic news corpus with gold annotations, at any size (benchmarks).

    .venv/bin/python -m bench.corpus 1000 --out /tmp/corpus      # articles.jsonl + gold.jsonl
    .venv/bin/python -m bench.corpus 200 --recall                # extract and score a sample

Articles are composed from the gazetteer (ontology/entities.ttl) and the relation inventory
of DESIGN.md with the sentence templates in bench/data/templates.toml, among distractor
sentences, so recall and precision can be checked at scale. Article `i` depends only on
(seed, i): any slice of a corpus can be regenerated alone, and streaming needs no memory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.gazetteer import GazetteerEntry, load_gazetteer
from kg.models import Article, Entity, Event, Evidence, Extraction, Fact

TEMPLATES_FILE = Path(__file__).with_name("data") / "templates.toml"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
FIRST_DAY, LAST_DAY = dt.date(2019, 1, 1), dt.date(2025, 6, 30)
TITLES = (
    "{a} and {b} in focus as {topic} tensions grow",
    "{a} steps up {topic} push amid rivalry with {b}",
    "What {a}'s latest move means for {topic}",
    "{a}, {b} and the new politics of {topic}",
)


@dataclass(frozen=True)
class Inventory:
    """The gazetteer entries and templates the generator draws from."""

    by_type: dict[str, tuple[GazetteerEntry, ...]]
    governments: tuple[GazetteerEntry, ...]
    policies: tuple[tuple[GazetteerEntry, GazetteerEntry], ...]  # (policy, its issuer)
    demonyms: tuple[tuple[GazetteerEntry, str], ...]
    templates: dict[str, object]


@cache
def inventory() -> Inventory:
    gazetteer = load_gazetteer()
    by_type: dict[str, list[GazetteerEntry]] = {}
    for entry in sorted(gazetteer.entries, key=lambda e: e.id):
        by_type.setdefault(entry.type, []).append(entry)
    governments = tuple(e for e in by_type["Government"]
                        if e.label.startswith("Government of") or "Ministry" in e.label
                        or "Department" in e.label)
    demonyms = tuple((e, d) for e in by_type["Country"] for d in e.demonyms[:1] if d[:1].isupper())
    by_id = {e.id: e for e in gazetteer.entries}
    policies = tuple((p, by_id[p.issued_by[0]]) for p in by_type["Policy"]
                     if p.issued_by and p.issued_by[0] in by_id
                     and by_id[p.issued_by[0]].type == "Government")
    templates = tomllib.loads(TEMPLATES_FILE.read_text(encoding="utf-8"))
    return Inventory({k: tuple(v) for k, v in by_type.items()}, governments, policies, demonyms,
                     templates)


class _Composer:
    """Builds one article: sentences, their offsets, and the gold extraction."""

    def __init__(self, rng: random.Random, date: dt.date) -> None:
        self.rng, self.date = rng, date
        self.inv = inventory()
        self.sentences: list[tuple[str, list[Fact | Event]]] = []
        self.entities: dict[str, Entity] = {}
        self.keys: set[tuple[object, ...]] = set()
        self.used_fillers: set[str] = set()

    def pick(self, kind: str, *, avoid: tuple[str, ...] = ()) -> GazetteerEntry:
        pool = self.inv.governments if kind == "government" else self.inv.by_type[kind]
        while True:
            entry = self.rng.choice(pool)
            if entry.id not in avoid:
                return entry

    def slots(self) -> dict[str, object]:
        rng, extra = self.rng, self.inv.templates["distractors"]
        assert isinstance(extra, dict)
        topic, topic2 = rng.sample(extra["topics"], 2)
        month_date = self.date - dt.timedelta(days=rng.randint(30, 700))
        return {"day": rng.choice(WEEKDAYS), "city": rng.choice(extra["cities"]),
                "topic": topic, "topic2": topic2, "month": MONTHS[month_date.month - 1],
                "year": month_date.year, "month_iso": month_date.strftime("%Y-%m")}

    def use(self, entry: GazetteerEntry) -> str:
        self.entities[entry.id] = Entity(entry.id, entry.label, entry.type, (), entry.wikidata)
        return entry.id

    def relation(self) -> None:
        """Add one sentence stating one relation (two for a policy: issuedBy and targets)."""
        table = self.inv.templates
        kind = self.rng.choice(["facts", "events"])
        group = table[kind]
        assert isinstance(group, dict)
        name = self.rng.choice(sorted(group))
        spec = group[name]
        text_template = self.rng.choice(spec["templates"])
        s = self.slots()
        company, person = self.pick("Company"), self.pick("Person")
        company2 = self.pick("Company", avoid=(company.id,))
        person2 = self.pick("Person", avoid=(person.id,))
        government = self.pick("government")
        government2 = self.pick("government", avoid=(government.id,))
        alliance = self.pick("Alliance")
        policy, issuer = self.rng.choice(self.inv.policies)
        if name == "issuedBy_targets":
            government = issuer
        country, demonym = self.rng.choice(self.inv.demonyms)
        title = self.rng.choice(spec.get("titles", ["Chief Executive"]))
        text = text_template.format(
            company=company.label, company2=company2.label, person=person.label,
            person2=person2.label, government=government.label, government2=government2.label,
            alliance=alliance.label, policy=policy.label, country=country.label,
            demonym=demonym, title=title, **s)
        topics = tuple(t for t in (s["topic"], s["topic2"]) if f"{t}" in text
                       and (t != "AI" or " AI" in text.replace("AI safety", "").replace(
                           "AI governance", "").replace("open-source AI", "")))
        evidence = Evidence(text, 0, 0)  # offsets are set when the article is assembled
        items: list[Fact | Event] = []

        def fact(subject: GazetteerEntry, predicate: str, obj: GazetteerEntry,
                 **more: str | None) -> None:
            key = (subject.id, predicate, obj.id)
            if key not in self.keys:
                self.keys.add(key)
                items.append(Fact(self.use(subject), predicate, self.use(obj), evidence, 1.0,
                                  **more))

        def event(kind: str, **roles: object) -> None:
            key = (kind, *sorted(map(str, roles.values())))
            if key not in self.keys:
                self.keys.add(key)
                items.append(Event(kind, evidence, 1.0, topics=topics, **roles))  # type: ignore[arg-type]

        if name == "memberOf":
            fact(company, "memberOf", alliance)
        elif name == "withdrewFrom":
            fact(company, "withdrewFrom", alliance,
                 date=str(s["month_iso"]) if "{month}" in text_template else None)
        elif name == "roleIn":
            fact(person, "roleIn", company, title=title)
        elif name == "basedIn":
            fact(company, "basedIn", country)
        elif name == "issuedBy_targets":
            fact(policy, "issuedBy", government)
            fact(policy, "targets", company)
        elif name == "investsIn":
            fact(company, "investsIn", company2)
        elif name == "Meeting":
            event("Meeting", participants=tuple(sorted((self.use(person), self.use(person2)))),
                  location=str(s["city"]))
        elif name in ("Criticism", "Demand"):
            event(name, actor=self.use(government), target=self.use(government2))
        elif name == "Proposal":
            event("Proposal", actor=self.use(person), proposed=self.use(alliance))
        elif name == "Cooperation":
            event("Cooperation",
                  participants=tuple(sorted((self.use(company), self.use(company2)))))
        if items:
            self.sentences.append((text, items))

    def distractor(self) -> None:
        extra = self.inv.templates["distractors"]
        assert isinstance(extra, dict)
        pool = extra["mentions"] if self.rng.random() < 0.15 else extra["templates"]
        fresh = [t for t in pool if t not in self.used_fillers] or pool
        template = self.rng.choice(fresh)
        self.used_fillers.add(template)
        text = template.format(company=self.pick("Company").label, **self.slots())
        self.sentences.append((text, []))


def make_article(index: int, *, seed: int = 0) -> tuple[Article, Extraction]:
    """Article number `index` of the corpus `seed`, and its gold extraction."""
    rng = random.Random(f"{seed}:{index}")
    date = FIRST_DAY + dt.timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days))
    composer = _Composer(rng, date)
    for _ in range(rng.randint(4, 8)):
        composer.relation()
    for _ in range(rng.randint(22, 34)):
        composer.distractor()
    relations = [s for s in composer.sentences if s[1]]
    fillers = [s for s in composer.sentences if not s[1]]
    rng.shuffle(fillers)
    ordered = [relations[0], *fillers[:3]]  # the lead states a relation, like a news lead
    rest = relations[1:] + fillers[3:]
    rng.shuffle(rest)
    ordered += rest

    names = [e.label for f in relations[0][1] for e in composer.entities.values()
             if e.id in _ids(f)] or ["Washington", "Beijing"]
    title = rng.choice(TITLES).format(a=names[0], b=names[-1], topic=composer.slots()["topic"])
    text_parts: list[str] = []
    facts: list[Fact] = []
    events: list[Event] = []
    offset = 0
    for number, (sentence, items) in enumerate(ordered):
        separator = "" if number == 0 else ("\n\n" if number % 4 == 0 else " ")
        offset += len(separator)
        text_parts.append(separator + sentence)
        evidence = Evidence(sentence, offset, offset + len(sentence))
        for item in items:
            placed = _with_evidence(item, evidence)
            (facts if isinstance(placed, Fact) else events).append(placed)
        offset += len(sentence)
    text = "".join(text_parts)
    article = Article(id=f"synthetic-{seed}-{index:07d}", title=title, text=f"{title}\n\n{text}",
                      date=date, source="bench.corpus")
    shift = len(title) + 2
    facts = [_shift(f, shift) for f in facts]
    events = [_shift(e, shift) for e in events]
    used = {i for item in (*facts, *events) for i in _ids(item)}
    entities = tuple(sorted((e for e in composer.entities.values() if e.id in used),
                            key=lambda e: e.id))
    return article, Extraction(article, entities, tuple(facts), tuple(events))


def iter_corpus(size: int, *, seed: int = 0, start: int = 0
                ) -> Iterator[tuple[Article, Extraction]]:
    """Articles start .. start+size-1 with their gold, generated one at a time."""
    for index in range(start, start + size):
        yield make_article(index, seed=seed)


def _ids(item: Fact | Event) -> tuple[str, ...]:
    if isinstance(item, Fact):
        return (item.subject, item.object)
    return tuple(r for r in (*item.participants, item.actor, item.target, item.proposed) if r)


def _with_evidence(item: Fact | Event, evidence: Evidence) -> Fact | Event:
    from dataclasses import replace

    return replace(item, evidence=evidence)


def _shift(item: Fact | Event, by: int) -> Fact | Event:
    from dataclasses import replace

    ev = item.evidence
    return replace(item, evidence=Evidence(ev.text, ev.start + by, ev.end + by))


def write_corpus(size: int, out: Path, *, seed: int = 0) -> tuple[Path, Path]:
    """articles.jsonl (the `kg ingest` input format) and gold.jsonl (DESIGN.md JSON per line)."""
    out.mkdir(parents=True, exist_ok=True)
    articles_path, gold_path = out / "articles.jsonl", out / "gold.jsonl"
    with articles_path.open("w", encoding="utf-8") as articles, \
            gold_path.open("w", encoding="utf-8") as gold:
        for article, extraction in iter_corpus(size, seed=seed):
            record = article.to_json() | {"text": article.text}
            articles.write(json.dumps(record, ensure_ascii=False) + "\n")
            gold.write(json.dumps(extraction.to_json(), ensure_ascii=False) + "\n")
    return articles_path, gold_path


def measure_recall(size: int, *, seed: int = 0) -> dict[str, tuple[float, float, float]]:
    """Precision, recall and F1 (micro) of our extractor on `size` synthetic articles."""
    from kg.evaluate import EvalReport, evaluate_extraction
    from kg.extract import extract_articles

    pairs = list(iter_corpus(size, seed=seed))
    predicted = extract_articles(article for article, _ in pairs)
    scores = [evaluate_extraction(p.to_json(), g.to_json())
              for p, (_, g) in zip(predicted, pairs, strict=True)]
    report = EvalReport(scores)
    return {kind: (report.micro(kind).precision, report.micro(kind).recall, report.micro(kind).f1)
            for kind in ("entities", "facts", "events")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", type=int, help="number of articles")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, help="directory for articles.jsonl and gold.jsonl")
    parser.add_argument("--recall", action="store_true", help="extract and score the corpus")
    args = parser.parse_args(argv)
    if args.out:
        paths = write_corpus(args.size, args.out, seed=args.seed)
        print(f"wrote {args.size} articles: {paths[0]} {paths[1]}")
    if args.recall:
        for kind, (p, r, f) in measure_recall(args.size, seed=args.seed).items():
            print(f"{kind:<9} precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}")
    if not args.out and not args.recall:
        article, gold = make_article(0, seed=args.seed)
        print(article.text)
        print(json.dumps(gold.to_json(), ensure_ascii=False, indent=2), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
