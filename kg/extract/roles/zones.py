"""Where a title is written: the zones before, after or around a person's name.

Before the name ("Microsoft President Brad Smith"), across a comma when the name is the title's
apposition ("Tower's chief executive, Russell Ellwanger"), after the name ("Mao Ning, the
spokesperson"), "X, who heads the bureau as ..." and "appointed as ..." (DESIGN.md "Structure").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from kg.extract.context import ArticleContext, Mention, Ref
from kg.extract.entities import POSSESSIVE
from kg.extract.factuality import is_negated
from kg.extract.lexicon import words
from kg.extract.roles.titles import _is_title_word
from kg.extract.roles.triggers import BODY_NOUNS, TITLE_WORDS

LEAD_VERBS = words("roles", "lead_verbs")
PREDICATE_VERBS = words("roles", "predicate_verbs")
SUCCEED_VERBS = words("roles", "succeed_verbs")
#: Adverbs that end a post the verb predicates: "X is no longer its chairman".
NO_LONGER = frozenset({"longer", "not", "never", "n't"})
COMMITTEE_NOUNS = words("roles", "committee_nouns")
APPOINT_VERBS = words("roles", "appoint_verbs")
BOARD_NOUNS = words("roles", "board_nouns")
#: Longest apposition (in tokens) read as a title after a name.
MAX_APPOSITION = 16
#: Longest title phrase (in tokens) before a name and its appositive comma.
MAX_TITLE_HEAD = 12


@dataclass(frozen=True)
class Zone:
    """Words around a name that may carry the person's title."""

    span: Span
    before_name: bool
    org: Ref | None = None  # the body a relative clause says the person leads
    by_board: bool = False  # a post given by a company's board or shareholders


# --- where titles are written ------------------------------------------------------------

def _zones(ctx: ArticleContext, mention: Mention) -> list[Zone]:
    found = [
        Zone(span, before, _committee_possessive(ctx, span)) for span, before in (
            (_pre_name_zone(ctx, mention), True),
            (_appositive_head(ctx, mention), True),
            (_shared_title(ctx, mention), True),
            (_apposition(ctx, mention), False),
        ) if span is not None
    ]
    if (led := _led_body(ctx, mention)) is not None:
        found.append(led)
    if (predicate := _predicate_title(ctx, mention)) is not None:
        found.append(Zone(predicate, False))
    if (succeeded := _succeeded_as(ctx, mention)) is not None:
        found.append(Zone(succeeded, False))
    if (post := _appointed_as(ctx, mention)) is not None:
        found.append(Zone(post, False, _appointing_company(ctx, mention),
                          by_board=_appointed_by_board(ctx, mention)))
    return found


def _appointed_by_board(ctx: ArticleContext, mention: Mention) -> bool:
    """"The board appointed X as president": a company's post, even "president"."""
    verb = ctx.doc[mention.start:mention.end].root.head
    for subject in verb.children:
        if subject.dep_ in ("nsubj", "agent"):
            named = ctx.mention_at(subject)
            if subject.lemma_.lower() in BOARD_NOUNS or (
                named is not None and named.agent is not None
                and named.agent.type == "Company"
            ):
                return True
    return False


def _appointing_company(ctx: ArticleContext, mention: Mention) -> Ref | None:
    """"Arm China named A and B as co-chief executives": a company that gives the post is
    the organisation of the title (the person is the object, or a conjunct of it)."""
    root = ctx.doc[mention.start:mention.end].root
    while root.dep_ == "conj":
        root = root.head
    verb = root.head
    if root.dep_ != "dobj" or verb.lemma_.lower() not in APPOINT_VERBS:
        return None
    for subject in verb.children:
        if subject.dep_ == "nsubj" and (ref := ctx.ref(subject)) is not None and \
                ref.candidate.type == "Company":
            return ref
    return None


def _appointed_as(ctx: ArticleContext, mention: Mention) -> Span | None:
    """"Shareholders elected X as chairman": the post someone was just given."""
    root = ctx.doc[mention.start:mention.end].root
    verb = root.head
    if root.dep_ not in ("dobj", "nsubjpass") or verb.lemma_.lower() not in APPOINT_VERBS:
        return None
    for prep in (*verb.children, *root.children):
        if prep.dep_ == "prep" and prep.lower_ == "as" and prep.i > root.i:
            phrase = ctx.doc[prep.i + 1:prep.right_edge.i + 1]
            if phrase and not any(_is_person(ctx, t) for t in phrase):
                return phrase
    return None


def _zone_token_ok(ctx: ArticleContext, token: Token) -> bool:
    if token.text in POSSESSIVE or token.lower_ in ("of", "and", "&", "-"):
        return True
    if token.lower_ == "the" and token.i > 0 and token.nbor(-1).lower_ == "of":
        return True  # "Secretary of the Treasury"
    mention = ctx.mention_at(token)
    if mention is not None and mention.agent is not None and mention.agent.type == "Person":
        return False
    if mention is not None or token.ent_type_ in ("NORP", "GPE", "ORG"):
        return True
    if token.lower_ in BODY_NOUNS:
        return True  # "ministry spokesman Gao Feng"
    if token.dep_ in ("compound", "amod") and token.i < token.head.i and \
            token.head.lower_ in TITLE_WORDS | BODY_NOUNS:
        return True  # "foreign ministry spokesperson", "commerce minister"
    return _is_title_word(token) or (token.is_title and token.pos_ == "PROPN")


def _pre_name_zone(ctx: ArticleContext, mention: Mention) -> Span | None:
    """Title-and-organisation words right before a name ("China's Minister of Commerce")."""
    doc = ctx.doc
    sent_start = doc[mention.start].sent.start
    start = mention.start
    while start > sent_start and _zone_token_ok(ctx, doc[start - 1]):
        start -= 1
    while start < mention.start and doc[start].lower_ in ("of", "and", "&", "-"):
        start += 1
    return doc[start:mention.start] if start < mention.start else None


def _appositive_head(ctx: ArticleContext, mention: Mention) -> Span | None:
    """"Tower's chief executive, Russell Ellwanger": the name is the apposition of a title
    noun written before it, so the title's phrase is the zone."""
    doc = ctx.doc
    root = doc[mention.start:mention.end].root
    head = root.head
    # "A spokesperson for China's Taiwan Affairs Office, X": the parser hangs the name on the
    # last noun of the title's phrase
    while root.dep_ == "appos" and not _is_title_word(head) and head.dep_ == "pobj" and \
            head.head.lower_ in ("for", "of", "at") and head.head.head.i < head.i:
        head = head.head.head
    if root.dep_ != "appos" or head.i >= mention.start or not _is_title_word(head):
        return None
    start = max(head.left_edge.i, doc[mention.start].sent.start, mention.start - MAX_TITLE_HEAD)
    end = mention.start
    while end > start and doc[end - 1].is_punct:
        end -= 1
    if any(_is_person(ctx, t) for t in doc[start:end]):
        return None
    return doc[start:end] if end > start else None


def _apposition(ctx: ArticleContext, mention: Mention) -> Span | None:
    """", the president of Y," / ", State Department deputy envoy for X," after a name."""
    doc = ctx.doc
    if mention.end >= len(doc) - 1 or doc[mention.end].text != ",":
        return None
    sent_end = doc[mention.start].sent.end
    end = mention.end + 1
    while end < sent_end and doc[end].text not in (",", ";", ".", "(", ")", "—", "–") and \
            end - mention.end <= MAX_APPOSITION:
        end += 1
    segment = doc[mention.end + 1:end]
    # ", its chief executive," opens with a possessive pronoun, not a clause
    opens_possessive = bool(segment) and segment[0].lower_ in ("its", "their") and \
        segment[0].dep_ == "poss"
    if not segment or (segment[0].pos_ in ("VERB", "AUX", "ADP", "PRON", "SCONJ")
                       and not opens_possessive):
        return None
    if not any(t.lower_ in TITLE_WORDS for t in segment[:6]):
        return None
    if any(_is_person(ctx, t) for t in segment):
        return None  # "A, Commerce Minister B and C": a list of people, not an apposition
    return segment


def _led_body(ctx: ArticleContext, mention: Mention) -> Zone | None:
    """"Alan Smith, who leads the bureau as under secretary": roleIn the body led."""
    root = ctx.doc[mention.start:mention.end].root
    for clause in _described_by(root):
        if clause.lemma_.lower() not in LEAD_VERBS:
            continue
        objects = [c for c in clause.children if c.dep_ == "dobj"]
        body = ctx.ref(objects[0]) if objects else None
        if body is None and objects:
            body = _committee_referred_to(ctx, objects[0])
        if body is None or body.candidate.type not in ("Government", "Company", "Alliance"):
            continue
        for prep in clause.children:
            if prep.dep_ == "prep" and prep.lower_ == "as":
                phrase = ctx.doc[prep.i + 1:prep.right_edge.i + 1]
                if phrase:
                    return Zone(phrase, False, body)
        if clause.lemma_.lower() in TITLE_WORDS:  # "who chairs the committee": its chair
            return Zone(ctx.doc[clause.i:clause.i + 1], False, body)
    return None


def _described_by(root: Token) -> list[Token]:
    """The relative clauses on a name, also through its appositive ("X, the Michigan
    Republican who chairs the committee")."""
    clauses = [c for c in root.children if c.dep_ == "relcl"]
    clauses += [c for a in root.children if a.dep_ == "appos" and _describing_noun(a)
                for c in a.children if c.dep_ == "relcl"]
    return clauses


def _describing_noun(token: Token) -> bool:
    """An appositive that describes (a common noun phrase), not a second name."""
    return token.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "det" for c in token.children)


def _committee_referred_to(ctx: ArticleContext, noun: Token) -> Ref | None:
    """"the committee", "the panel": the committee named in this or the two sentences
    before (a Government body whose name has a committee noun)."""
    if noun.lower_ not in COMMITTEE_NOUNS or ctx.mention_at(noun) is not None or \
            not any(c.lower_ == "the" for c in noun.children):
        return None
    first = noun.sent.start
    for _ in range(2):
        if first > 0:
            first = ctx.doc[first - 1].sent.start
    for mention in sorted(ctx.mentions, key=lambda m: -m.start):
        agent = mention.agent
        if first <= mention.start < noun.i and agent is not None and \
                agent.type == "Government" and mention.place is None and \
                any(word in COMMITTEE_NOUNS for word in agent.label.lower().split()):
            return Ref(agent, mention.surface, min(mention.confidence, 0.8))
    return None


def _committee_possessive(ctx: ArticleContext, zone: Span) -> Ref | None:
    """"The committee's chairman, X", "X, the panel's ranking member": the committee the
    possessive refers back to is the body of the title."""
    return next((r for t in zone if t.dep_ == "poss"
                 if (r := _committee_referred_to(ctx, t)) is not None), None)


def _succeeded_as(ctx: ArticleContext, mention: Mention) -> Span | None:
    """"X, who succeeded Y as chief executive", "X replaced Y as chairman": the post the
    person took over (Y, the object, held it before and gets nothing)."""
    root = ctx.doc[mention.start:mention.end].root
    verbs = [c for c in root.children if c.dep_ == "relcl"]
    if root.dep_ == "nsubj":
        verbs.append(root.head)
    for verb in verbs:
        if verb.lemma_.lower() not in SUCCEED_VERBS or is_negated(verb):
            continue
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == "as":
                phrase = ctx.doc[prep.i + 1:prep.right_edge.i + 1]
                if phrase and not any(_is_person(ctx, t) for t in phrase):
                    return phrase
    return None


def _predicate_title(ctx: ArticleContext, mention: Mention) -> Span | None:
    """"X is its chairman", "X, who is also DeepSeek's chief executive", "X remains
    chairman": a title predicated of the person (a negated one is none)."""
    root = ctx.doc[mention.start:mention.end].root
    verbs = [c for c in root.children if c.dep_ == "relcl"]
    if root.dep_ == "nsubj":
        verbs.append(root.head)
    for verb in verbs:
        if verb.lemma_.lower() not in PREDICATE_VERBS or is_negated(verb) or any(
                t.lower_ in NO_LONGER and t.dep_ in ("advmod", "neg")
                for t in verb.subtree if t.i > verb.i):
            continue
        for attr in verb.children:
            if attr.dep_ in ("attr", "oprd", "acomp") and attr.i > root.i and \
                    (_is_title_word(attr) or (attr.tag_ == "NN" and any(
                        _is_title_word(t) for t in attr.subtree))):
                phrase = ctx.doc[attr.left_edge.i:attr.right_edge.i + 1]
                if not any(_is_person(ctx, t) for t in phrase):
                    return phrase
    return None


def _shared_title(ctx: ArticleContext, mention: Mention) -> Span | None:
    """"Presidents Joe Biden and Xi Jinping": a plural title before coordinated names is
    each one's title."""
    root = ctx.doc[mention.start:mention.end].root
    first = root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    other = ctx.mention_at(first) if first.i != root.i else None
    if other is None or other.agent is None or other.agent.type != "Person":
        return None
    zone = _pre_name_zone(ctx, other) or _appositive_head(ctx, other)
    if zone is None or not any(t.tag_ in ("NNS", "NNPS") and _is_title_word(t) for t in zone):
        return None
    return zone


def _is_person(ctx: ArticleContext, token: Token) -> bool:
    mention = ctx.mention_at(token)
    return mention is not None and mention.agent is not None and mention.agent.type == "Person"
