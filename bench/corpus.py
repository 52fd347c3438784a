"""A deterministic synthetic news corpus with gold annotations, at any size (benchmarks).

    .venv/bin/python -m bench.corpus 1000 --out /tmp/corpus      # articles.jsonl + gold.jsonl
    .venv/bin/python -m bench.corpus 200 --recall                # extract and score a sample

Articles are composed from the gazetteer (ontology/entities.ttl) and the relation inventory
of DESIGN.md with the sentence templates in bench/data/templates.toml, among distractor
sentences, so recall and precision can be checked at scale. Article `i` depends only on
(seed, i): any slice of a corpus can be regenerated alone, and streaming needs no memory.

Besides its own relations, each article reports one or two *stories*: real-world events that
several articles of the same block report in different wordings (with or without the date,
sometimes with a short or variant name of a company the gazetteer does not know), published
a few days after the event. gold.jsonl says which reports are of one story and which names
are of one company ("clusters"), so consolidation can be scored (bench.consolidation).
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
from kg.models import Article, Entity, Event, Evidence, Extraction, Fact, entity_key, slugify

TEMPLATES_FILE = Path(__file__).with_name("data") / "templates.toml"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
FIRST_DAY, LAST_DAY = dt.date(2019, 1, 1), dt.date(2025, 6, 30)
#: Articles per block; the articles of a block report the block's STORIES_PER_BLOCK stories.
STORY_BLOCK = 8
STORIES_PER_BLOCK = 3
#: Story types, repeated for their weight.
STORY_TYPES = ("Meeting", "Meeting", "Cooperation", "Criticism", "Demand")
#: Share of reports that state the date; of Meeting reports that name another city (a
#: disagreement between reports: a dated report keeps it, an undated one stays apart).
DATED_SHARE, OTHER_CITY_SHARE = 0.65, 0.05
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


@dataclass(frozen=True)
class Story:
    """One real-world event, drawn from (seed, number) alone."""

    number: int
    type: str
    sides: tuple[GazetteerEntry | None, GazetteerEntry]  # None: the unknown company
    unknown: int | None  # index into the unknown companies of templates.toml
    date: dt.date
    city: str
    topic: str


def block_date(block: int, seed: int = 0) -> dt.date:
    """The day the first story of a block happened (its others follow on the next days)."""
    rng = random.Random(f"{seed}:block:{block}")
    return FIRST_DAY + dt.timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days - 10))


def make_story(number: int, seed: int = 0) -> Story:
    inv = inventory()
    rng = random.Random(f"{seed}:story:{number}")
    kind = rng.choice(STORY_TYPES)
    extra = inv.templates["distractors"]
    assert isinstance(extra, dict)
    unknown = None
    sides: tuple[GazetteerEntry | None, GazetteerEntry]
    if kind == "Meeting":
        first, second = rng.sample(inv.by_type["Person"], 2)
        sides = (first, second)
    elif kind == "Cooperation":
        partner = rng.choice(inv.by_type["Company"])
        if rng.random() < 0.5:
            unknown = rng.randrange(len(_unknown_companies()))
            sides = (None, partner)
        else:
            sides = (rng.choice([c for c in inv.by_type["Company"] if c.id != partner.id]),
                     partner)
    else:
        first, second = rng.sample(inv.governments, 2)
        sides = (first, second)
    date = block_date(number // STORIES_PER_BLOCK, seed) + dt.timedelta(
        days=number % STORIES_PER_BLOCK)
    return Story(number, kind, sides, unknown, date, rng.choice(extra["cities"]),
                 rng.choice(extra["topics"]))


def _unknown_companies() -> list[list[str]]:
    stories = inventory().templates["stories"]
    assert isinstance(stories, dict)
    return stories["unknown_companies"]["names"]


class _Composer:
    """Builds one article: sentences, their offsets, and the gold extraction."""

    def __init__(self, rng: random.Random, date: dt.date) -> None:
        self.rng, self.date = rng, date
        self.inv = inventory()
        self.sentences: list[tuple[str, list[Fact | Event]]] = []
        self.entities: dict[str, Entity] = {}
        self.keys: set[tuple[object, ...]] = set()
        self.used_fillers: set[str] = set()
        #: id() of a story's gold event -> "story/<number>"; unknown entity id -> its company
        self.event_clusters: dict[int, str] = {}
        self.entity_clusters: dict[str, str] = {}

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

    def story(self, story: Story) -> None:
        """Add one sentence reporting `story`, in a wording of this article."""
        rng = self.rng
        stories = self.inv.templates["stories"]
        assert isinstance(stories, dict)
        dated = rng.random() < DATED_SHARE
        template = rng.choice(stories[story.type]["dated" if dated else "undated"])
        ids = []
        names = []
        for side in story.sides:
            if side is None:
                assert story.unknown is not None
                variants = _unknown_companies()[story.unknown]
                label = rng.choice(variants)
                entity = Entity(entity_key("Company", label), label, "Company")
                self.entities[entity.id] = entity
                self.entity_clusters[entity.id] = f"unknown-company/{slugify(variants[0])}"
                ids.append(entity.id)
                names.append(label)
            else:
                ids.append(self.use(side))
                names.append(side.label)
        city = story.city
        if story.type == "Meeting" and rng.random() < OTHER_CITY_SHARE:
            extra = self.inv.templates["distractors"]
            assert isinstance(extra, dict)
            city = rng.choice([c for c in extra["cities"] if c != story.city])
        day = f"{MONTHS[story.date.month - 1]} {story.date.day}, {story.date.year}"
        slot = {"Meeting": ("person", "person2"), "Cooperation": ("company", "company2")}.get(
            story.type, ("government", "government2"))
        text = template.format(**{slot[0]: names[0], slot[1]: names[1]}, city=city,
                               topic=story.topic, date=f"on {day}", date_cap=f"On {day}")
        evidence = Evidence(text, 0, 0)
        date = story.date.isoformat() if dated else None
        topics = (story.topic,) if "{topic}" in template else ()
        if story.type in ("Meeting", "Cooperation"):
            key: tuple[object, ...] = (story.type, *sorted(ids))
            event = Event(story.type, evidence, 1.0, participants=tuple(sorted(ids)),
                          topics=topics, date=date,
                          location=city if "{city}" in template else None)
        else:
            key = (story.type, *ids)
            event = Event(story.type, evidence, 1.0, actor=ids[0], target=ids[1],
                          topics=topics, date=date)
        if key in self.keys:
            return
        self.keys.add(key)
        self.event_clusters[id(event)] = f"story/{story.number}"
        self.sentences.append((text, [event]))

    def distractor(self) -> None:
        extra = self.inv.templates["distractors"]
        assert isinstance(extra, dict)
        pool = extra["mentions"] if self.rng.random() < 0.15 else extra["templates"]
        fresh = [t for t in pool if t not in self.used_fillers] or pool
        template = self.rng.choice(fresh)
        self.used_fillers.add(template)
        text = template.format(company=self.pick("Company").label, **self.slots())
        self.sentences.append((text, []))


@dataclass(frozen=True)
class Clusters:
    """Gold consolidation of one article: per gold event (by index), its story ("story/7")
    or None (reported by this article alone); per unknown entity id, its company."""

    events: tuple[str | None, ...]
    entities: dict[str, str]

    def to_json(self) -> dict[str, object]:
        return {"events": list(self.events), "entities": dict(sorted(self.entities.items()))}


def make_article(index: int, *, seed: int = 0) -> tuple[Article, Extraction]:
    """Article number `index` of the corpus `seed`, and its gold extraction."""
    article, extraction, _ = make_article_with_clusters(index, seed=seed)
    return article, extraction


def make_article_with_clusters(index: int, *, seed: int = 0
                               ) -> tuple[Article, Extraction, Clusters]:
    """Article number `index`, its gold extraction, and its gold consolidation clusters."""
    rng = random.Random(f"{seed}:{index}")
    block = index // STORY_BLOCK
    date = block_date(block, seed) + dt.timedelta(days=STORIES_PER_BLOCK - 1 + rng.randint(0, 4))
    composer = _Composer(rng, date)
    first_story = block * STORIES_PER_BLOCK
    told = rng.sample(range(first_story, first_story + STORIES_PER_BLOCK),
                      2 if rng.random() < 0.3 else 1)
    for number in told:
        composer.story(make_story(number, seed))
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
    event_clusters: list[str | None] = []
    offset = 0
    for number, (sentence, items) in enumerate(ordered):
        separator = "" if number == 0 else ("\n\n" if number % 4 == 0 else " ")
        offset += len(separator)
        text_parts.append(separator + sentence)
        evidence = Evidence(sentence, offset, offset + len(sentence))
        for item in items:
            placed = _with_evidence(item, evidence)
            if isinstance(placed, Fact):
                facts.append(placed)
            else:
                events.append(placed)
                event_clusters.append(composer.event_clusters.get(id(item)))
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
    clusters = Clusters(tuple(event_clusters),
                        {k: v for k, v in composer.entity_clusters.items() if k in used})
    return article, Extraction(article, entities, tuple(facts), tuple(events)), clusters


def iter_corpus_with_clusters(size: int, *, seed: int = 0, start: int = 0
                              ) -> Iterator[tuple[Article, Extraction, Clusters]]:
    """Articles start .. start+size-1 with their gold and gold clusters."""
    for index in range(start, start + size):
        yield make_article_with_clusters(index, seed=seed)


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
    """articles.jsonl (the `kg ingest` input format) and gold.jsonl (DESIGN.md JSON per line,
    plus "clusters": the gold consolidation, see Clusters)."""
    out.mkdir(parents=True, exist_ok=True)
    articles_path, gold_path = out / "articles.jsonl", out / "gold.jsonl"
    with articles_path.open("w", encoding="utf-8") as articles, \
            gold_path.open("w", encoding="utf-8") as gold:
        for article, extraction, clusters in iter_corpus_with_clusters(size, seed=seed):
            record = article.to_json() | {"text": article.text}
            articles.write(json.dumps(record, ensure_ascii=False) + "\n")
            gold.write(json.dumps(extraction.to_json() | {"clusters": clusters.to_json()},
                                  ensure_ascii=False) + "\n")
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
