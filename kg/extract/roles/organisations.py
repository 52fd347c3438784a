"""Person-organisation links: the company or alliance a title's zone names.

An organisation named in the zone, the company the sentence is about for a corporate title, an
alliance referred to; a quoted expert's affiliation is no role (DESIGN.md ruling 1).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.context import ArticleContext, Mention, Ref
from kg.extract.entities import new_candidate
from kg.extract.lexicon import words
from kg.extract.roles.triggers import NOT_CURRENT, TITLE_WORDS

ALLIANCE_NOUNS = words("roles", "alliance_nouns")
COMMITTEE_NOUNS = words("roles", "committee_nouns")
RESEARCH_HEADS = words("roles", "research_heads")


def _expert_affiliation(zone: Span, org: Ref) -> bool:
    """"X, a senior vice president at Some Advisory Group, said": how news introduces a
    quoted expert, who is not annotated (ruling 1); officers of a firm the text is about
    are written "X's CEO", "CEO of X". Only for firms the gazetteer does not know."""
    if org.candidate.known:
        return False
    if org.candidate.label.lower().split()[-1] in RESEARCH_HEADS:
        return True
    words_ = [t.lower_ for t in zone]
    return bool(words_) and words_[0] in ("a", "an") and "at" in words_


def _zone_organisation(ctx: ArticleContext, zone: Span, portfolio: set[int]) -> Ref | None:
    """The first company, body or alliance the zone names (not a country: that is a
    nationality, not a portfolio name)."""
    for token in zone:
        mention = ctx.mention_at(token)
        if mention is None or token.i in portfolio or mention.agent is None:
            continue
        if mention.place is None and mention.agent.type in ("Company", "Government", "Alliance"):
            longer = _longer_body(ctx, zone, mention)
            return longer or Ref(mention.agent, mention.surface, mention.confidence)
    if (pronoun := _possessive_pronoun(zone)) is not None:
        return _company_before(ctx, pronoun)
    return _alliance_referred_to(ctx, zone)


def _alliance_referred_to(ctx: ArticleContext, zone: Span) -> Ref | None:
    """"Chris Lee, the forum's executive director": "the forum" refers back to the alliance
    named in this or the two sentences before (roleIn points to the organisation the title
    names, DESIGN.md "Structure")."""
    noun = next((t for t in zone if t.dep_ == "poss" and t.lower_ in ALLIANCE_NOUNS
                 and ctx.mention_at(t) is None
                 and any(c.lower_ == "the" for c in t.children)), None)
    if noun is None:
        return None
    first = noun.sent.start
    for _ in range(2):
        if first > 0:
            first = ctx.doc[first - 1].sent.start
    for mention in sorted(ctx.mentions, key=lambda m: -m.start):
        if first <= mention.start < noun.i and mention.agent is not None and \
                mention.agent.type == "Alliance" and mention.place is None:
            return Ref(mention.agent, mention.surface, min(mention.confidence, 0.8))
    return None


def _longer_body(ctx: ArticleContext, zone: Span, mention: Mention) -> Ref | None:
    """"chairman of the House select committee on China": a name the model cut short
    ("House") that lower-case words continue up to a committee noun names that committee."""
    doc = ctx.doc
    end = mention.end
    while end < zone.end and doc[end].is_lower and doc[end].lower_ not in COMMITTEE_NOUNS \
            and doc[end].pos_ in ("ADJ", "NOUN", "VERB") and end - mention.end < 3:
        end += 1
    if end >= zone.end or doc[end].lower_ not in COMMITTEE_NOUNS:
        return None
    noun = doc[end]
    last = noun.i
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in ("on", "for") and prep.i == noun.i + 1:
            last = min(prep.right_edge.i, zone.end - 1)
    name = doc[mention.start:last + 1].text
    return Ref(new_candidate("Government", name), name, 0.6)


def _company_of(ctx: ArticleContext, mention: Mention, zone: Span, title: Token,
                before_name: bool) -> Ref | None:
    """The company of a corporate title that names none: the capitalised name before the
    title the model missed ("Tesla CEO"), else the one company of this sentence, else of the
    previous one ("Chief executive Jensen Huang" after a sentence about Nvidia)."""
    if before_name and (unknown := _unknown_company(zone, title)) is not None:
        return unknown
    sent = ctx.doc[mention.start].sent
    previous = ctx.doc[sent.start - 1].sent if sent.start > 0 else None
    window = ctx.doc[previous.start - 1].sent.start if previous and previous.start > 0 else 0
    for scope in (sent, previous, ctx.doc[window:sent.start]):
        if scope is None:
            continue
        companies = {m.agent.id: m for m in ctx.mentions
                     if scope.start <= m.start < scope.end and m.agent is not None
                     and m.agent.type == "Company" and not _past_post(ctx, m)}
        if len(companies) == 1:
            found = next(iter(companies.values()))
            assert found.agent is not None
            return Ref(found.agent, found.surface, min(found.confidence, 0.7))
        if companies:
            return None
    return None


def _past_post(ctx: ArticleContext, mention: Mention) -> bool:
    """"a former researcher at Google": a company named in a past post is nobody's current
    employer (DESIGN.md: current roles only)."""
    token = ctx.doc[mention.start:mention.end].root
    for _ in range(3):
        if token.dep_ not in ("pobj", "prep", "compound", "poss") or token.head.i == token.i:
            return False
        token = token.head
        if any(c.lower_ in NOT_CURRENT for c in token.children):
            return True
    return False


def _unknown_company(zone: Span, title: Token) -> Ref | None:
    """"Tesla CEO Elon Musk" where the model missed "Tesla": the proper names before a
    corporate title."""
    doc = zone.doc
    end = title.i
    start = end
    while start > zone.start and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title \
            and doc[start - 1].lower_ not in TITLE_WORDS and doc[start - 1].ent_type_ != "NORP":
        start -= 1
    if start == end:
        return None
    name = doc[start:end].text
    return Ref(new_candidate("Company", name), name, 0.6)


def _possessive_pronoun(zone: Span) -> Token | None:
    return next((t for t in zone if t.lower_ == "its" and t.dep_ == "poss"), None)


def _company_before(ctx: ArticleContext, token: Token) -> Ref | None:
    """"Walmart said its chief executive, X": "its" is the company named before in the
    sentence."""
    sent = token.sent
    for mention in sorted(ctx.mentions, key=lambda m: -m.start):
        if sent.start <= mention.start < token.i and mention.agent is not None and \
                mention.agent.type == "Company":
            return Ref(mention.agent, mention.surface, mention.confidence)
    return _previous_subject(ctx, token)


def _previous_subject(ctx: ArticleContext, token: Token) -> Ref | None:
    """"SMIC counts the Big Fund among its shareholders. Its co-chief executive, X, said":
    a sentence that opens with "its" speaks of the company the sentence before is about (its
    main subject), however many companies that sentence names."""
    sent = token.sent
    if token.i != sent.start or sent.start == 0:
        return None
    previous = ctx.doc[sent.start - 1].sent
    subject = next((t for t in previous if t.dep_ in ("nsubj", "nsubjpass")
                    and t.head.dep_ == "ROOT"), None)
    mention = ctx.mention_at(subject) if subject is not None else None
    if mention is None or mention.agent is None or mention.agent.type not in (
            "Company", "Government", "Alliance") or mention.place is not None:
        return None  # a body ("The committee ... Its chairman, X"), not a country's name
    return Ref(mention.agent, mention.surface, mention.confidence)
