"""The per-article state the rule families share: mentions, entity registry, facts and events.

Rules find mentions through `ArticleContext.ref(token)` and record statements through
`add_fact` / `add_event`, which keep one statement per key with the earliest evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from kg.extract.lexicon import table, words
from kg.gazetteer import Gazetteer
from kg.models import Article, Entity, Event, Evidence, Extraction, Fact
from kg.nlp import dateline_ends_of

#: The kinds of agent a group word stands for ("the two companies" -> Company); a group word
#: of no kind ("the two sides", "both parties") may stand for agents of any kind.
GROUP_KINDS: dict[str, frozenset[str]] = {
    "Person": words("groups", "person_nouns"),
    "Company": words("groups", "company_nouns"),
    "Government": words("groups", "government_nouns"),
}
#: Agent types each kind admits ("the two powers" may be the EU and China).
KIND_TYPES = {"Person": ("Person",), "Company": ("Company",),
              "Government": ("Government", "Alliance")}
AGENT_TYPES = ("Person", "Government", "Company", "Alliance")
#: Group words that refer back to agents named before ("the two leaders", "both companies").
GROUP_NOUNS = words("entities", "group_nouns").union(*GROUP_KINDS.values())
#: Words that count a group: "the two sides", "both companies", "the three countries".
GROUP_COUNTS = {word: int(number) for word, number in table("groups", "counts").items()}
#: How many sentences back a group word may look for its members.
GROUP_WINDOW = 2

PRONOUNS = frozenset({"he", "she", "him", "her"})
RELATIVES = frozenset({"which", "who", "whom", "that"})


@dataclass(frozen=True)
class Candidate:
    """What a name denotes: a stable id with the label and type to output."""

    id: str
    label: str
    type: str
    wikidata: str | None = None
    known: bool = False


@dataclass
class Mention:
    """A span naming an entity; country-like names carry both their agent and place readings."""

    start: int
    end: int
    surface: str
    agent: Candidate | None
    place: Candidate | None = None
    confidence: float = 0.75


class Ref(NamedTuple):
    """One use of an entity in a statement: the denoted candidate and the surface string."""

    candidate: Candidate
    surface: str
    confidence: float


@dataclass
class _Record:
    candidate: Candidate
    aliases: list[str] = field(default_factory=list)


class ArticleContext:
    """Mentions of one parsed article and the statements found so far."""

    def __init__(self, article: Article, doc: Doc, gazetteer: Gazetteer) -> None:
        self.article = article
        self.doc = doc
        self.gazetteer = gazetteer
        #: The doc's tokens, made once: each rule family walks them, and spaCy builds a new
        #: Token object on every iteration of the doc.
        self.tokens: list[Token] = list(doc)
        #: The doc's entities, made once (Doc.ents builds new Spans on every access).
        self.ents: list[Span] = list(doc.ents)
        index_sentences(doc)
        self._ents_by_sentence: dict[int, list[Span]] = {}
        for ent in self.ents:  # Span.ents walks the whole doc: group them once
            self._ents_by_sentence.setdefault(ent.sent.start, []).append(ent)
        self._dateline_ends = dateline_ends_of(doc)
        self.mentions: list[Mention] = []
        self._by_token: dict[int, Mention] = {}
        self._records: dict[str, _Record] = {}
        self._facts: dict[tuple[str, ...], Fact] = {}
        self._events: dict[tuple[object, ...], Event] = {}
        #: Where the policy rules met each policy: (head token index, sort of measure its head
        #: names, policy), in text order, so "opposed the rule" finds the rule named before.
        self.policy_phrases: list[tuple[int, str, Candidate]] = []
        #: kg.extract.topics' answers per sentence (start, end): several rules ask about one.
        self.sentence_topics: dict[tuple[int, int], tuple[str, ...]] = {}

    # --- mentions -------------------------------------------------------------------------
    def ents_in(self, sent: Span) -> list[Span]:
        """The named entities of a sentence (what Span.ents gives, in constant time)."""
        return self._ents_by_sentence.get(sent.start, [])

    def in_headline(self, sent: Span) -> bool:
        """Whether the sentence is the article's title line (compressed grammar parses badly)."""
        title_at = self.article.text.find(self.article.title) if self.article.title else -1
        return title_at >= 0 and sent.start_char < title_at + len(self.article.title)

    def add_mention(self, mention: Mention) -> bool:
        """Keep a mention unless it overlaps one already found (earlier sources win)."""
        span = range(mention.start, mention.end)
        if any(i in self._by_token for i in span):
            return False
        self.mentions.append(mention)
        for i in span:
            self._by_token[i] = mention
        return True

    def mention_at(self, token: Token) -> Mention | None:
        return self._by_token.get(token.i)

    def ref(self, token: Token, *, role: str = "agent") -> Ref | None:
        """The entity a token names in a role ("agent" or "place"), following pronouns,
        relative pronouns and appositions."""
        mention = self.mention_at(token)
        if mention is None and token.lower_ in RELATIVES and token.head.dep_ == "relcl":
            mention = self.mention_at(token.head.head)
        if mention is None and token.lower_ in PRONOUNS:
            mention = self.last_mention(token.i, "Person", same_or_previous_sentence=True)
        if mention is None:
            for child in token.children:  # "the Chinese giant, Huawei": not "US companies"
                if child.dep_ == "appos" and (m := self.mention_at(child)):
                    mention = m
                    break
        if mention is None:
            return None
        candidate = mention.place if role == "place" and mention.place else mention.agent
        if role == "place" and mention.place is None and mention.agent is not None:
            candidate = mention.agent if mention.agent.type == "Company" else None
        if candidate is None:
            return None
        return Ref(candidate, mention.surface, mention.confidence)

    def refs(self, token: Token, *, role: str = "agent") -> list[Ref]:
        """The entity a token names and those of its conjuncts ("Alibaba and Tencent"), or the
        members of a group named before ("the two leaders", "both sides")."""
        found = [r for t in [token, *token.conjuncts] if (r := self.ref(t, role=role))]
        return found or self.group_members(token)

    def subject_antecedent(self, pronoun: Token) -> Ref | None:
        """"China said it was willing to ...": a subject "it" stands for the nearest company,
        government or alliance that is the subject of a clause before it in the same sentence
        (the speaker of the frame it sits in). "They" is left to the group rules."""
        if pronoun.lower_ != "it" or pronoun.dep_ not in ("nsubj", "nsubjpass"):
            return None
        for token in reversed(self.doc[pronoun.sent.start:pronoun.i]):
            if token.dep_ != "nsubj" or token.lower_ == "it":
                continue
            mention = self.mention_at(token)
            if mention is None or mention.agent is None:
                return None  # the nearest subject is not a name ("the regulator said it")
            if mention.agent.type in ("Company", "Government", "Alliance"):
                return Ref(mention.agent, mention.surface, mention.confidence)
            return None
        return None

    def group_members(self, token: Token) -> list[Ref]:
        """"The two leaders met", "both companies said", "the three countries agreed": the
        agents a counted group word stands for, of its kind (persons, companies, governments;
        any kind for "sides" or "parties") and its number. The latest agents of that kind
        named together within the last sentences ("Biden and Xi", "A held talks with B"). A
        group of another kind or size named in between is someone else ("Huawei and ZTE ...
        Biden spoke with Xi. The two companies ..." are Huawei and ZTE). Agents named apart
        are no group: the rule families decide what such a word stands for then."""
        count = group_count(token)
        if token.lower_ not in GROUP_NOUNS or count is None:
            return []
        types = group_types(token)
        first = token.sent.start
        for _ in range(GROUP_WINDOW):
            first = self.doc[first - 1].sent.start if first > 0 else first
        for candidate in reversed(self.doc[first:token.left_edge.i]):
            members = _unique([r for t in _coordinated(candidate) if (r := self.ref(t))])
            if len(members) < 2:  # "A held talks with B" (an apposition names B once more)
                members = _unique([r for t in _with_pair(candidate) if (r := self.ref(t))])
            members = [r for r in members if r.candidate.type in types]
            if len(members) == count:
                return members
        return []

    def named_person(self, surname: Token) -> Ref | None:
        """"Vice Premier He": a capitalised "He" right after a title is a surname, not "he";
        the person named earlier whose label has it, the latest first. None for a pronoun."""
        if surname.lower_ not in PRONOUNS or self.mention_at(surname) is not None or not (
                surname.text[0].isupper() and surname.i > surname.sent.start
                and surname.nbor(-1).is_title and not surname.nbor(-1).is_punct):
            return None
        for mention in sorted(self.mentions, key=lambda m: -m.start):
            agent = mention.agent
            if mention.start < surname.i and agent is not None and agent.type == "Person" \
                    and surname.text in agent.label.split():
                return Ref(agent, surname.text, mention.confidence)
        return None

    def last_mention(self, before: int, entity_type: str, *,
                     same_or_previous_sentence: bool = False) -> Mention | None:
        """The closest earlier mention of a type (for "he", "the ministry", "the company")."""
        limit = 0
        if same_or_previous_sentence:
            sent = self.doc[before].sent
            limit = self.doc[sent.start - 1].sent.start if sent.start > 0 else 0
        for mention in sorted(self.mentions, key=lambda m: -m.start):
            if limit <= mention.start < before and mention.agent and \
                    mention.agent.type == entity_type:
                return mention
        return None

    # --- statements -----------------------------------------------------------------------
    def objects_of(self, subject_id: str, predicate: str) -> list[Candidate]:
        """What earlier rules recorded for a subject ("Biden roleIn ..."), so a later rule can
        resolve a person to the office he acts for (a President's order -> his government)."""
        return [self._records[f.object].candidate for f in self._facts.values()
                if f.subject == subject_id and f.predicate == predicate
                and f.object in self._records]

    def with_alias(self, text: str, entity_type: str) -> Candidate | None:
        """An entity of the type that an earlier statement already named by this text, so a
        later rule reuses its node ("proposed a rule" -> the rule the policy rules found)."""
        wanted = text.strip().lower().removeprefix("the ").strip()
        for record in self._records.values():
            if record.candidate.type == entity_type and wanted in (
                    a.lower() for a in record.aliases):
                return record.candidate
        return None

    def evidence(self, sent: Span) -> Evidence:
        """The sentence, stripped, with offsets such that article.text[start:end] == text.

        A dateline parsed apart ("SHENZHEN (Reuters) —") belongs to the sentence it opens.
        """
        begin = sent.start_char
        if sent.start > 0 and sent.start in self._dateline_ends:
            begin = self.doc[sent.start - 1].sent.start_char
        raw = self.article.text[begin:sent.end_char]
        start = begin + len(raw) - len(raw.lstrip())
        stripped = raw.strip()
        return Evidence(text=stripped, start=start, end=start + len(stripped))

    def register(self, ref: Ref) -> str:
        record = self._records.setdefault(ref.candidate.id, _Record(ref.candidate))
        alias = ref.surface.strip()
        if alias.lower().startswith("the "):
            alias = alias[4:]
        if alias and alias not in record.aliases:
            record.aliases.append(alias)
        return ref.candidate.id

    def add_fact(self, subject: Ref, predicate: str, obj: Ref, sent: Span, confidence: float,
                 *, title: str | None = None, date: str | None = None) -> None:
        if subject.candidate.id == obj.candidate.id:
            return
        key = (subject.candidate.id, predicate, obj.candidate.id)
        evidence = self.evidence(sent)
        old = self._facts.get(key)
        if old is not None and old.evidence.start <= evidence.start:
            return
        fact = Fact(self.register(subject), predicate, self.register(obj), evidence,
                    _confidence(confidence, subject, obj), title=title,
                    date=date or (old.date if old else None))
        self._facts[key] = fact

    def works_for(self, person: str, organisation: str) -> bool:
        """Whether a fact found so far makes `organisation` the person's employer or the body
        he holds a role in (roleIn, worksFor), e.g. to refuse "X accuses his own ministry"."""
        return any((person, predicate, organisation) in self._facts
                   for predicate in ("roleIn", "worksFor"))

    def add_event(self, event_type: str, sent: Span, confidence: float, *,
                  participants: list[Ref] | None = None, actor: Ref | None = None,
                  target: Ref | None = None, proposed: Ref | None = None,
                  topics: tuple[str, ...] = (), date: str | None = None,
                  location: str | None = None) -> None:
        refs = _unique(participants or [])
        if participants is not None:
            if len(refs) < 2:
                return
            key: tuple[object, ...] = (event_type, frozenset(r.candidate.id for r in refs))
        else:
            other = proposed or target
            if actor is None or other is None or actor.candidate.id == other.candidate.id:
                return
            refs = [actor, other]
            key = (event_type, actor.candidate.id, other.candidate.id)
        evidence = self.evidence(sent)
        old = self._events.get(key)
        if old is not None and old.evidence.start <= evidence.start:
            return
        ids = tuple(self.register(r) for r in refs)
        self._events[key] = Event(
            type=event_type, evidence=evidence, confidence=_confidence(confidence, *refs),
            participants=ids if participants is not None else (),
            actor=ids[0] if participants is None else None,
            target=ids[1] if target is not None and participants is None else None,
            proposed=ids[1] if proposed is not None and participants is None else None,
            topics=topics, date=date or (old.date if old else None),
            location=location or (old.location if old else None),
        )

    def extraction(self) -> Extraction:
        """The Extraction of everything recorded; only entities used in a statement appear."""
        used = {f.subject for f in self._facts.values()} | {f.object for f in self._facts.values()}
        for event in self._events.values():
            used.update(event.participants)
            used.update(x for x in (event.actor, event.target, event.proposed) if x)
        entities = tuple(
            Entity(id=r.candidate.id, label=r.candidate.label, type=r.candidate.type,
                   aliases=tuple(r.aliases), wikidata=r.candidate.wikidata)
            for r in self._records.values() if r.candidate.id in used
        )
        facts = tuple(sorted(self._facts.values(), key=lambda f: f.evidence.start))
        events = tuple(sorted(self._events.values(), key=lambda e: e.evidence.start))
        return Extraction(article=self.article, entities=entities, facts=facts, events=events)


def index_sentences(doc: Doc) -> None:
    """Make Token.sent and Span.sent constant-time for this doc.

    spaCy checks every token for sentence annotation on each `.sent`, which made rules that
    ask for sentences quadratic in the article's length; the boundaries are final by now.
    """
    sentences = list(doc.sents)
    sentence_of = [0] * len(doc)
    for number, sentence in enumerate(sentences):
        sentence_of[sentence.start:sentence.end] = [number] * len(sentence)
    doc.user_token_hooks["sent"] = lambda token: sentences[sentence_of[token.i]]
    doc.user_span_hooks["sent"] = lambda span: sentences[sentence_of[span.start]]
    doc.user_hooks["sents"] = lambda _: iter(sentences)


def _coordinated(token: Token) -> list[Token]:
    """A list's items from its first one: conjuncts, and appositions the small model makes of
    list items ("Japan, the Netherlands and the United States": "Netherlands" hangs on "Japan"
    as an apposition, "United States" on it as a conjunct). Empty for a later item."""
    if token.dep_ in ("conj", "appos") and token.head.i != token.i:
        return []
    items, stack = [token], [token]
    while stack:
        for child in stack.pop().children:
            if child.dep_ in ("conj", "appos"):
                items.append(child)
                stack.append(child)
    return items


def group_count(token: Token) -> int | None:
    """How many a group word counts: "the two sides" 2, "both companies" 2, "the three
    countries" 3; None without a count ("the companies")."""
    for child in token.children:
        if child.dep_ in ("nummod", "det", "predet", "amod", "quantmod", "preconj") and \
                child.lower_ in GROUP_COUNTS:
            return GROUP_COUNTS[child.lower_]
    return None


def group_types(token: Token) -> tuple[str, ...]:
    """The agent types a group word admits: its kind's, or any agent's."""
    for kind, nouns in GROUP_KINDS.items():
        if token.lower_ in nouns or token.lemma_.lower() in nouns:
            return KIND_TYPES[kind]
    return AGENT_TYPES


def _with_pair(token: Token) -> list[Token]:
    """(subject, object) of "A met with B" / "A held talks with B", from the object B."""
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ != "with":
        return []
    verb = prep.head if prep.head.pos_ in ("VERB", "AUX") else prep.head.head
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return [subjects[0], token] if subjects else []


def _unique(refs: list[Ref]) -> list[Ref]:
    seen: set[str] = set()
    out = []
    for ref in refs:
        if ref.candidate.id not in seen:
            seen.add(ref.candidate.id)
            out.append(ref)
    return out


def _confidence(rule: float, *refs: Ref) -> float:
    """Rule confidence scaled by how surely the names were recognised."""
    weakest = min((r.confidence for r in refs), default=1.0)
    return round(max(0.0, min(1.0, rule * weakest)), 3)
