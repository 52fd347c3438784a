"""roleIn: a person's current title in an organisation, written before or after the name.

Where the title is read (DESIGN.md "Structure", rulings 1, 10 and 17):
- before the name: "Microsoft President Brad Smith", "China's Minister of Commerce Wang Wentao",
  "Chinese Premier Li Qiang", also across a comma when the name is the title's apposition
  ("Tower's chief executive, Russell Ellwanger", "the Chinese ambassador to the UK, Zhang Wei");
- after the name: "Mao Ning, the spokesperson", "X, the president of Y";
- "X, who heads the bureau as under secretary ..." (the body the person leads).

Which organisation: the most specific one the title names. An organisation named in the title;
for a national title (President, Premier, National Security Adviser) or a diplomat's title the
national government; for a portfolio ("Commerce Secretary", "Minister of Science and ICT") the
department or ministry; for an office named after its head ("Trade Representative") that
office; for a bare "ministry" or a spokesperson the body named before; for a corporate title
the company the sentence is about. A title without nationality takes the nationality the
article states for the same person elsewhere, or the one the gazetteer's description gives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kg.extract.context import ArticleContext, Candidate, Mention, Ref
from kg.extract.entities import (
    POSSESSIVE,
    candidate_of,
    country_readings,
    nationality,
    new_candidate,
)
from kg.extract.lexicon import table, words
from kg.gazetteer import Gazetteer, GazetteerEntry

TITLE_WORDS = frozenset(w for title in words("roles", "titles") for w in title.split())
NATIONAL_TITLES = words("roles", "national_titles")
SINGLE_TITLES = frozenset(t for t in words("roles", "titles") if " " not in t)
#: Words a portfolio name never is: one-word posts and their qualifiers.
NOT_PORTFOLIO = SINGLE_TITLES | words("roles", "title_modifiers")
ENVOY_TITLES = words("roles", "envoy_titles")
NOT_CURRENT = words("roles", "not_current")
ALLIANCE_NOUNS = words("roles", "alliance_nouns")
CORPORATE_TITLES = words("roles", "corporate_titles")
PORTFOLIO_HEADS = words("roles", "portfolio_heads")
SPOKESPERSON = words("roles", "spokesperson_titles")
BODY_NOUNS = words("roles", "body_nouns")
COMMITTEE_NOUNS = words("roles", "committee_nouns")
PARTY_WORDS = words("roles", "party_words")
PARTY_PHRASES = words("roles", "party_phrases")
LEAD_VERBS = words("roles", "lead_verbs")
APPOINT_VERBS = words("roles", "appoint_verbs")
BOARD_NOUNS = words("roles", "board_nouns")
RESEARCH_HEADS = words("roles", "research_heads")
MINISTRY_OF = table("roles", "ministry_of")
PORTFOLIO_NAMES = table("roles", "portfolio_names")
CHAMBER_TITLES = table("roles", "chamber_titles")
#: Longest apposition (in tokens) read as a title after a name.
MAX_APPOSITION = 16
#: Longest title phrase (in tokens) before a name and its appositive comma.
MAX_TITLE_HEAD = 12
#: Words that end a portfolio name after "of" ("Secretary of Commerce for Industry ...").
PORTFOLIO_STOPS = frozenset({"for", "to", "at", "in", "on", ",", "(", "and/or", "who"})
#: Prepositions whose object is what a body deals with ("committee on the CCP").
TOPIC_PREPS = frozenset({"on", "about", "against", "toward", "towards", "concerning"})
#: Prepositions whose object is where a title points, not its nationality ("envoy to China").
NOT_NATIONALITY_PREPS = frozenset({"to", "for", "on", "with", "against", "toward", "towards"})

Country = tuple[Candidate, Candidate]  # (national Government, Country)


@dataclass(frozen=True)
class Zone:
    """Words around a name that may carry the person's title."""

    span: Span
    before_name: bool
    org: Ref | None = None  # the body a relative clause says the person leads
    by_board: bool = False  # a post given by a company's board or shareholders


def extract_roles(ctx: ArticleContext) -> None:
    """roleIn facts (and the partOf of a ministry a portfolio title names) for every person
    mentioned; each person's zones are read in order until one settles the role."""
    _link_titled_surnames(ctx)
    people = [m for m in ctx.mentions if m.agent is not None and m.agent.type == "Person"]
    zones = {m.start: _zones(ctx, m) for m in people}
    stated = _stated_countries(ctx, people, zones)
    held: set[str] = set()
    for mention in people:
        for zone in zones[mention.start]:
            if _find_role(ctx, mention, zone, stated, held):
                break


# --- where titles are written ------------------------------------------------------------

def _zones(ctx: ArticleContext, mention: Mention) -> list[Zone]:
    found = [
        Zone(span, before) for span, before in (
            (_pre_name_zone(ctx, mention), True),
            (_appositive_head(ctx, mention), True),
            (_shared_title(ctx, mention), True),
            (_apposition(ctx, mention), False),
        ) if span is not None
    ]
    if (led := _led_body(ctx, mention)) is not None:
        found.append(led)
    if (post := _appointed_as(ctx, mention)) is not None:
        found.append(Zone(post, False, by_board=_appointed_by_board(ctx, mention)))
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
    if not segment or segment[0].pos_ in ("VERB", "AUX", "ADP", "PRON", "SCONJ"):
        return None
    if not any(t.lower_ in TITLE_WORDS for t in segment[:6]):
        return None
    if any(_is_person(ctx, t) for t in segment):
        return None  # "A, Commerce Minister B and C": a list of people, not an apposition
    return segment


def _led_body(ctx: ArticleContext, mention: Mention) -> Zone | None:
    """"Alan Smith, who leads the bureau as under secretary": roleIn the body led."""
    root = ctx.doc[mention.start:mention.end].root
    for clause in root.children:
        if clause.dep_ != "relcl" or clause.lemma_.lower() not in LEAD_VERBS:
            continue
        objects = [c for c in clause.children if c.dep_ == "dobj"]
        body = ctx.ref(objects[0]) if objects else None
        if body is None or body.candidate.type not in ("Government", "Company", "Alliance"):
            continue
        for prep in clause.children:
            if prep.dep_ == "prep" and prep.lower_ == "as":
                phrase = ctx.doc[prep.i + 1:prep.right_edge.i + 1]
                if phrase:
                    return Zone(phrase, False, body)
    return None


def _is_title_word(token: Token) -> bool:
    """A word of a title, also in the plural ("Presidents Biden and Xi")."""
    return token.lower_ in TITLE_WORDS or (
        token.tag_ in ("NNS", "NNPS") and token.lemma_.lower() in TITLE_WORDS)


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


# --- what a zone says --------------------------------------------------------------------

def _find_role(ctx: ArticleContext, mention: Mention, zone: Zone,
               stated: dict[str, Country], held: set[str]) -> bool:
    """Record the person's role from one zone; True when the zone settles it (a role found,
    or ruled out: a former official, a President-elect, a party post).

    `held` are the people with a role already: a later bare rank ("Ambassador Greer" after
    "Trade Representative Jamieson Greer") restates that role, it adds no national one."""
    span = zone.span
    before = [span.doc[span.start - 1]] if span.start > 0 else []
    if any(t.lower_ in NOT_CURRENT for t in [*before, *span]) or _elect(ctx, mention):
        return True  # ruling 1: former officials have no roleIn
    portfolio = _portfolio_mentions(ctx, span)
    titles = [t for t in span if _is_title_word(t)
              and (ctx.mention_at(t) is None or t.i in portfolio)
              and not (t.is_title and t.ent_type_ in ("ORG", "GPE") and not zone.before_name
                       and t.i not in portfolio)]
    if not titles and zone.before_name and _office_named_by_title(ctx, span):
        titles = [span[-1]]
    if not titles:
        return False
    if _party_post(ctx, span, portfolio):
        return True  # ruling 10: party posts are not annotated
    title = _title_text(ctx, span, titles, portfolio)
    own_country = _zone_country(ctx, span)
    assert mention.agent is not None
    # a neighbour's nationality comes last: "Chinese President Xi and President Trump"
    country = own_country or stated.get(mention.agent.id) or \
        _described_country(ctx, mention.agent) or _coordinated_country(ctx, span, stated)
    person = Ref(mention.agent, mention.surface, mention.confidence)
    sent = ctx.doc[mention.start].sent
    envoy = any(phrase in title.lower() for phrase in ENVOY_TITLES)
    org = zone.org or _zone_organisation(ctx, _before_posting(span) if envoy else span,
                                         portfolio)
    if org is not None and _expert_affiliation(span, org):
        return True
    if org is not None:
        ctx.add_fact(person, "roleIn", org, sent, 0.9 if zone.before_name else 0.8, title=title)
        held.add(mention.agent.id)
        return True
    if country is not None and (envoy or _is_national_title(span, titles, title)):
        if mention.agent.id in held and own_country is None:
            return True
        held.add(mention.agent.id)
        government = Ref(country[0], country[1].label, 0.9)
        ctx.add_fact(person, "roleIn", government, sent, 0.85, title=title)
        return True
    body = _ministry_from_title(ctx, title, country) or _office_of_title(ctx, title, country) \
        or _chamber_of_title(ctx, title, country) \
        or _described_portfolio(ctx, mention.agent, title, country)
    if body is not None:
        ctx.add_fact(person, "roleIn", body, sent, 0.8, title=title)
        held.add(mention.agent.id)
        known = ctx.gazetteer.get(body.candidate.id)
        if own_country is not None and (known is None or known.part_of in (
                None, own_country[0].id)):  # the Senate is part of Congress, not the nation
            ctx.add_fact(body, "partOf", Ref(own_country[0], own_country[0].label, 0.8), sent,
                         0.8)
        return True
    body = _body_named_before(ctx, mention, span, title, country)
    if body is None and (_is_corporate(title) or zone.by_board):
        body = _company_of(ctx, mention, span, titles[0], zone.before_name)
    if body is not None:
        ctx.add_fact(person, "roleIn", body, sent, 0.7, title=title)
        held.add(mention.agent.id)
        return True
    return False


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


def _office_named_by_title(ctx: ArticleContext, zone: Span) -> bool:
    """"U.S. Trade Representative Jamieson Greer": a known office named after its head,
    written right before the name, is both the title and the organisation."""
    mention = ctx.mention_at(zone[-1])
    return mention is not None and mention.end == zone.end and mention.agent is not None \
        and mention.agent.type == "Government" and mention.place is None \
        and zone[-1].lower_ in TITLE_WORDS


def _portfolio_mentions(ctx: ArticleContext, zone: Span) -> set[int]:
    """Tokens of names the model found inside a government title: "National Security" in
    "National Security Adviser", "Commerce for Export Enforcement" in "Assistant Secretary of
    Commerce for Export Enforcement". A company has no secretaries, ministers or advisers, so
    an unknown name right before such a post, or right after "<post> of", is its portfolio."""
    doc = ctx.doc
    found: set[int] = set()
    for token in zone:
        mention = ctx.mention_at(token)
        if mention is None or mention.start != token.i or mention.agent is None:
            continue
        if mention.agent.known or mention.place is not None:
            continue
        after = doc[mention.end] if mention.end < len(doc) else None
        if (after is not None and after.lower_ in PORTFOLIO_HEADS) or \
                _after_post_of(doc, mention.start):
            found.update(range(mention.start, mention.end))
    return found


def _after_post_of(doc: Doc, start: int) -> bool:
    """Whether a name continues a portfolio after "<post> of/for": "Minister of Science and
    ICT", "Secretary of Commerce for Export Enforcement", "Assistant Secretary for Investment
    Security" (a portfolio, not an organisation: DESIGN.md ruling 10)."""
    i = start - 1
    while i > 0 and start - i <= 6 and (doc[i].is_title or doc[i].lower_ in ("and", "&", ",")):
        i -= 1
    return i > 0 and doc[i].lower_ in ("of", "for") and doc[i - 1].lower_ in PORTFOLIO_HEADS


def _party_post(ctx: ArticleContext, zone: Span, portfolio: set[int]) -> bool:
    """"Secretary of the CPC Shanghai Municipal Committee", "Politburo member": a party post."""
    lowered = zone.text.lower()
    if any(phrase in lowered for phrase in PARTY_PHRASES):
        return True
    for token in zone:
        if any(t.dep_ == "pobj" and t.head.lower_ in TOPIC_PREPS for t in (token, token.head)):
            continue  # "committee on the CCP": the party is the subject, not the employer
        mention = ctx.mention_at(token)
        if mention is not None and mention.agent is not None and token.i not in portfolio:
            if _party_body(mention.agent.label):
                return True
        elif token.lower_ in PARTY_WORDS:
            return True
    return False


def _party_body(label: str) -> bool:
    """A party or one of its organs ("CPC Shanghai Municipal Committee"), not a state body
    about the party ("House Select Committee on the Chinese Communist Party")."""
    name = label.lower().split(" on ")[0].split(" for ")[0]
    return bool(PARTY_WORDS & set(name.split()))


def _elect(ctx: ArticleContext, mention: Mention) -> bool:
    doc = ctx.doc
    return mention.start >= 2 and doc[mention.start - 1].lower_.endswith("elect")


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


def _before_posting(zone: Span) -> Span:
    """A diplomat's title up to the envoy word: "State Department deputy envoy" names the
    department, while "ambassador to the UN" names the posting, not the employer (ruling
    17: the national government)."""
    for token in zone:
        if token.lower_ in ("ambassador", "envoy", "representative"):
            return zone.doc[zone.start:token.i]
    return zone


def _zone_country(ctx: ArticleContext, zone: Span) -> Country | None:
    """The nationality the zone states: "Chinese", "China's", "U.S."; not the place a title
    points at ("ambassador to China", "envoy for Asia")."""
    for token in zone:
        if token.dep_ == "pobj" and token.head.lower_ in NOT_NATIONALITY_PREPS:
            continue
        mention = ctx.mention_at(token)
        if mention is not None and mention.place is None and mention.start != token.i:
            continue
        if readings := _nationality(ctx, token):
            return readings
    return None


def _nationality(ctx: ArticleContext, token: Token) -> Country | None:
    """A nationality word, also where the model took it into an organisation name it then
    dropped ("British Technology Secretary")."""
    if (readings := nationality(ctx, token)) is not None:
        return readings
    if ctx.mention_at(token) is None and token.is_title and token.pos_ in ("ADJ", "PROPN") \
            and (country := ctx.gazetteer.country_of_demonym(token.text)) is not None:
        return country_readings(ctx.gazetteer, country.label)
    return None


def _coordinated_country(ctx: ArticleContext, zone: Span,
                         stated: dict[str, Country]) -> Country | None:
    """"Swiss President A and Vice President B": B shares A's nationality."""
    doc = ctx.doc
    if zone.start < 2 or doc[zone.start - 1].lower_ not in ("and", ","):
        return None
    previous = ctx.mention_at(doc[zone.start - 2])
    if previous is None or previous.agent is None or previous.agent.type != "Person":
        return None
    zone_of_previous = _pre_name_zone(ctx, previous)
    return _zone_country(ctx, zone_of_previous) if zone_of_previous is not None else None


def _stated_countries(ctx: ArticleContext, people: list[Mention],
                      zones: dict[int, list[Zone]]) -> dict[str, Country]:
    """The nationality each person's title carries somewhere in the article ("Chinese
    President Xi Jinping"), so a later bare "President Xi Jinping" reads the same."""
    stated: dict[str, Country] = {}
    for mention in people:
        assert mention.agent is not None
        if mention.agent.id in stated:
            continue
        for zone in zones[mention.start]:
            if any(_is_title_word(t) for t in zone.span) and (
                country := _zone_country(ctx, zone.span)
            ):
                stated[mention.agent.id] = country
                break
    return stated


def _title_text(ctx: ArticleContext, zone: Span, titles: list[Token],
                portfolio: set[int]) -> str:
    """The title words: from the first title word, stopping before "at/of <organisation>"."""
    doc = zone.doc

    def named(token: Token) -> bool:
        return ctx.mention_at(token) is not None and token.i not in portfolio

    start = titles[0].i
    while start > zone.start and not named(doc[start - 1]) and \
            doc[start - 1].pos_ not in ("PRON", "DET") and (
        _modifies_title(doc[start - 1], start) or (
            doc[start - 1].is_title and doc[start - 1].ent_type_ not in ("NORP", "GPE")
            and _nationality(ctx, doc[start - 1]) is None)
    ):
        start -= 1  # "Commerce Secretary", "commerce minister", not "British"
    end = zone.end
    for token in doc[start:zone.end]:
        if token.lower_ in ("at", "in") and token.i + 1 < zone.end and \
                any(named(t) for t in doc[token.i + 1:zone.end]):
            end = token.i
            break
        if named(token) and token.i > start:
            end = token.i
            break
    words_ = doc[start:end].text.strip(" ,").split()
    while words_ and words_[-1].lower() in ("of", "at", "in", "for", "and", "the", "to"):
        words_.pop()
    if words_ and words_[-1].lower().endswith("s") and words_[-1].lower()[:-1] in TITLE_WORDS:
        words_[-1] = words_[-1][:-1]  # "Presidents Biden and Xi": each one's title
    return " ".join(words_)


def _modifies_title(token: Token, start: int) -> bool:
    """A lower-case word compounded into the title ("commerce minister")."""
    return token.is_lower and token.dep_ in ("compound", "amod") and token.head.i >= start \
        and token.pos_ in ("NOUN", "ADJ", "PROPN")


def _is_national_title(zone: Span, titles: list[Token], title: str) -> bool:
    text = " ".join(t.lemma_.lower() if t.tag_ in ("NNS", "NNPS") else t.lower_ for t in titles)
    if text in NATIONAL_TITLES or title.lower() in NATIONAL_TITLES:
        return True
    return any(t.lower_ in NATIONAL_TITLES for t in titles[:1]) and not any(
        t.lower_ in SPOKESPERSON or t.lower_ in MINISTRY_OF for t in zone)


def _is_corporate(title: str) -> bool:
    lowered = title.lower()
    return any(lowered == t or lowered.endswith(" " + t) for t in CORPORATE_TITLES)


# --- portfolio titles: "Commerce Secretary", "Minister of Science and ICT" -----------------

def _ministry_from_title(ctx: ArticleContext, title: str, country: Country | None) -> Ref | None:
    """"Minister of Commerce" -> Ministry of Commerce; "Commerce Secretary" -> Department.

    The portfolio is looked up under its usual name forms ("Foreign Minister" -> "Foreign
    Ministry", "Ministry of Foreign Affairs"), so a known body is found however it is titled;
    a body the gazetteer does not know is named "<Ministry of X> of <country>".
    """
    found = _portfolio(title.split())
    if found is None:
        return None
    body, portfolio = found
    names = _body_names(body, portfolio)
    for name in names:
        entries = ctx.gazetteer.lookup(name, type="Government")
        for entry in entries:
            if country is None or _national_root(ctx.gazetteer, entry) == country[0].id:
                return Ref(candidate_of(entry), name, 0.85)
    if country is None:
        return None
    if (entry := _body_with_word(ctx.gazetteer, body, portfolio, country)) is not None:
        return Ref(candidate_of(entry), entry.label, 0.75)
    return Ref(new_candidate("Government", f"{names[0]} of {country[1].label}"), names[0], 0.7)


def _portfolio(parts: list[str]) -> tuple[str, str] | None:
    """(body noun, portfolio) of a title: "Secretary of the Treasury" -> (Department,
    the Treasury); "vice minister of commerce" -> (Ministry, commerce); "Technology
    Secretary" -> (Department, Technology)."""
    lowered = [p.lower() for p in parts]
    for i, word in enumerate(lowered):
        if word not in MINISTRY_OF:
            continue
        body = MINISTRY_OF[word]
        if i + 2 < len(parts) and lowered[i + 1] == "of":
            end = i + 2
            while end < len(parts) and lowered[end] not in PORTFOLIO_STOPS:
                end += 1
            if end > i + 2:
                return body, " ".join(parts[i + 2:end])
        j = i
        while j > 0 and lowered[j - 1] not in NOT_PORTFOLIO and lowered[j - 1] not in (
            "and", "of", "the", "a", "an"
        ) and (parts[j - 1][0].isupper() or j == i):
            j -= 1
        if j < i:
            return body, " ".join(parts[j:i])
    return None


def _body_names(body: str, portfolio: str) -> list[str]:
    """Name forms of the body a portfolio belongs to, most literal first."""
    bare = portfolio[4:] if portfolio.lower().startswith("the ") else portfolio
    full = PORTFOLIO_NAMES.get(bare.lower(), bare)
    return list(dict.fromkeys([
        f"{body} of {full}", f"{body} of {bare}", f"{body} of the {bare}", f"{bare} {body}",
        f"{body} for {full}", bare,
    ]))


def _body_with_word(gazetteer: Gazetteer, body: str, portfolio: str,
                    country: Country) -> GazetteerEntry | None:
    """A known body of that country whose name is "<body> ... <portfolio word>":
    "Technology Secretary" -> the Department for Science, Innovation and Technology."""
    wanted = {w.lower() for w in re.findall(r"\w+", portfolio)}
    matches = [
        entry for entry in gazetteer.entries
        if entry.type == "Government" and entry.label.lower().startswith(body.lower())
        and wanted <= {w.lower() for w in re.findall(r"\w+", entry.label)}
        and _national_root(gazetteer, entry) == country[0].id
    ]
    return matches[0] if len(matches) == 1 else None


def _office_of_title(ctx: ArticleContext, title: str, country: Country | None) -> Ref | None:
    """An office named after its head's title: "Trade Representative" -> the Office of the
    United States Trade Representative (of the title's country)."""
    parts = title.split()
    if len(parts) < 2 or country is None:
        return None
    ending = " " + " ".join(parts[-2:]).lower()
    for entry in ctx.gazetteer.entries:
        if entry.type == "Government" and entry.label.lower().startswith("office of") and \
                entry.label.lower().endswith(ending) and \
                _national_root(ctx.gazetteer, entry) == country[0].id:
            return Ref(candidate_of(entry), title, 0.8)
    return None


def _chamber_of_title(ctx: ArticleContext, title: str, country: Country | None) -> Ref | None:
    """"Senator", "U.S. Senator", "Congresswoman": the legislative chamber the title names,
    of the title's nation, or the only known chamber of that name when no nation is stated."""
    words_ = title.lower().split()
    chamber = CHAMBER_TITLES.get(words_[-1]) if words_ else None
    if chamber is None:
        return None
    entries = ctx.gazetteer.lookup(chamber, type="Government")
    if country is not None:
        entries = tuple(e for e in entries if _national_root(ctx.gazetteer, e) == country[0].id)
    return Ref(candidate_of(entries[0]), entries[0].label, 0.8) if len(entries) == 1 else None


def _national_root(gazetteer: Gazetteer, entry: GazetteerEntry) -> str:
    """The national government a body belongs to, through its parents."""
    seen = {entry.id}
    while entry.part_of and (parent := gazetteer.get(entry.part_of)) and parent.id not in seen:
        seen.add(parent.id)
        entry = parent
    return entry.id


# --- bodies and companies named elsewhere -----------------------------------------------

def _body_named_before(ctx: ArticleContext, mention: Mention, zone: Span,
                       title: str, country: Country | None) -> Ref | None:
    """"ministry spokesman X" -> the ministry named before; a spokesperson without a body ->
    the body named in this or the previous sentence ("spokesperson -> that ministry"), of
    the title's nation where that is known ("Chinese spokesperson" is no US department's)."""
    free = [t for t in zone if t.lower_ in BODY_NOUNS and ctx.mention_at(t) is None]
    nouns = [t.lower_ for t in free]
    spokesperson = any(w in SPOKESPERSON for w in title.lower().split())
    if not nouns and not spokesperson:
        return None
    if free and (named := _named_body(ctx, free[0])) is not None:
        return named
    sent = ctx.doc[mention.start].sent
    limit = 0 if nouns else (ctx.doc[sent.start - 1].sent.start if sent.start > 0 else 0)
    for other in sorted(ctx.mentions, key=lambda m: -m.start):
        if other.start >= mention.start or other.start < limit or other.agent is None:
            continue
        agent = other.agent
        if agent.type != "Government" or other.place is not None:
            continue
        if agent.label.lower().startswith("government of"):
            continue
        if nouns and nouns[0] not in agent.label.lower():
            continue
        if country is not None and not _of_country(ctx.gazetteer, agent, country):
            continue
        return Ref(agent, other.surface, min(other.confidence, 0.8))
    return None


def _of_country(gazetteer: Gazetteer, body: Candidate, country: Country) -> bool:
    entry = gazetteer.get(body.id)
    if entry is not None:
        return _national_root(gazetteer, entry) == country[0].id
    return body.label.endswith(f" of {country[1].label}")


def _named_body(ctx: ArticleContext, noun: Token) -> Ref | None:
    """"Foreign ministry spokesperson": the known body the words before the noun name, in
    whatever case the text writes them."""
    start = noun.i
    while start > noun.sent.start and start > noun.i - 3 and \
            noun.doc[start - 1].pos_ in ("PROPN", "NOUN", "ADJ") and \
            noun.doc[start - 1].lower_ not in TITLE_WORDS and \
            _nationality(ctx, noun.doc[start - 1]) is None:
        start -= 1
    phrase = noun.doc[start:noun.i + 1].text
    entries = ctx.gazetteer.lookup(phrase, type="Government") if start < noun.i else ()
    return Ref(candidate_of(entries[0]), phrase, 0.8) if len(entries) == 1 else None


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
                     and m.agent.type == "Company"}
        if len(companies) == 1:
            found = next(iter(companies.values()))
            assert found.agent is not None
            return Ref(found.agent, found.surface, min(found.confidence, 0.7))
        if companies:
            return None
    return None


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
    return None


# --- who a title's nationality is, when the text does not say ----------------------------

def _described_country(ctx: ArticleContext, person: Candidate) -> Country | None:
    """The country the gazetteer's description of a known person names ("Vice Premier of
    China"): world knowledge for "President Xi Jinping", whose nationality news leaves
    implicit."""
    key = (id(ctx.gazetteer), person.id)
    if key not in _COUNTRY_OF_PERSON:
        _COUNTRY_OF_PERSON[key] = _country_described(ctx.gazetteer, person) \
            if person.known else None
    return _COUNTRY_OF_PERSON[key]


_COUNTRY_OF_PERSON: dict[tuple[int, str], Country | None] = {}


def _described_spokesperson_body(ctx: ArticleContext, person: Candidate) -> Ref | None:
    """"Mao Ning, the spokesperson": the known body the description names around its
    "spokesperson" ("Foreign Ministry spokesperson", "Spokesperson of China's Ministry of
    Commerce")."""
    for chunk in re.split(r"[;(]", _description(ctx.gazetteer, person.id)):
        match = re.search(r"(?i)(.*?)\bspokes(?:person|man|woman)\b(?: of| for)?(.*)", chunk)
        if match is None:
            continue
        for name in (match.group(1), match.group(2)):
            name = name.strip(" .,")
            entries = ctx.gazetteer.lookup(name, type="Government") if name else ()
            if len(entries) == 1:
                return Ref(candidate_of(entries[0]), entries[0].label, 0.7)
    return None


def _described_portfolio(ctx: ArticleContext, person: Candidate, title: str,
                         country: Country | None) -> Ref | None:
    """"Minister Wang Wentao", "Secretary Blinken": a bare post of a known person takes its
    portfolio from the gazetteer's description ("Minister of Commerce of China")."""
    if not person.known:
        return None
    if title.lower() in SPOKESPERSON:
        return _described_spokesperson_body(ctx, person)
    if title.lower() not in MINISTRY_OF:
        return None
    description = re.split(r"[;(,]| and ", _description(ctx.gazetteer, person.id))[0].strip()
    if not any(p.lower() == title.lower() for p in description.split()):
        return None
    country_name = country[1].label if country is not None else ""
    if country_name and description.endswith(f" of {country_name}"):
        description = description[: -len(f" of {country_name}")]  # the nation, not the post
    body = _ministry_from_title(ctx, description, country)
    return body if body is not None and body.candidate.known else None


def _country_described(gazetteer: Gazetteer, person: Candidate) -> Country | None:
    description = _description(gazetteer, person.id)
    if not description:
        return None
    best: tuple[int, GazetteerEntry] | None = None
    for entry in gazetteer.entries:
        if entry.type != "Country":
            continue
        for form in (*entry.surface_forms, *entry.demonyms):
            if not form[:1].isupper():
                continue
            match = re.search(rf"(?<![\w.]){re.escape(form)}(?![\w])", description)
            if match and (best is None or match.start() < best[0]):
                best = (match.start(), entry)
    if best is None:
        return None
    return country_readings(gazetteer, best[1].label)


def _description(gazetteer: Gazetteer, entity_id: str) -> str:
    """The gazetteer's rdfs:comment of a known entity ("" if none)."""
    entry = gazetteer.get(entity_id)
    return entry.description or "" if entry is not None else ""


# --- "Secretary Bessent": a title before a known person's surname --------------------------

def _link_titled_surnames(ctx: ArticleContext) -> None:
    """A capitalised title right before one name of exactly one known person ("Treasury
    Secretary Bessent", "President Xi") names that person, even where the article never
    gives the full name (linking only joins short names to full names of the article)."""
    parts = _person_name_parts(ctx.gazetteer)
    doc = ctx.doc
    for token in ctx.tokens:
        if ctx.mention_at(token) is not None or not token.is_title or token.pos_ != "PROPN":
            continue
        if not (_titled_before(doc, token) or _titled_after(doc, token)):
            continue
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if following is not None and following.is_title and following.pos_ == "PROPN":
            continue
        name = token.text
        for ending in POSSESSIVE:
            name = name.removesuffix(ending)
        entries = parts.get(name, ())
        if len(entries) == 1:
            ctx.add_mention(Mention(token.i, token.i + 1, token.text, candidate_of(entries[0]),
                                    None, 0.8))


def _titled_before(doc: Doc, token: Token) -> bool:
    """"Secretary Bessent": a capitalised title word right before."""
    return token.i > 0 and doc[token.i - 1].lower_ in TITLE_WORDS and doc[token.i - 1].is_title


def _titled_after(doc: Doc, token: Token) -> bool:
    """"Lutnick, the commerce secretary, said": a title in the apposition right after."""
    after = doc[token.i + 1:token.i + 7]
    if len(after) < 3 or after[0].text != "," or after[1].lower_ not in ("the", "a"):
        return False
    for word in after[2:]:
        if word.is_punct:
            return False
        if word.lower_ in TITLE_WORDS and word.lower_ not in NOT_PORTFOLIO - SINGLE_TITLES:
            return True
    return False


_NAME_PARTS: dict[int, dict[str, tuple[GazetteerEntry, ...]]] = {}


def _person_name_parts(gazetteer: Gazetteer) -> dict[str, tuple[GazetteerEntry, ...]]:
    """First and last names of the gazetteer's people (family names come first in Chinese)."""
    if id(gazetteer) not in _NAME_PARTS:
        parts: dict[str, list[GazetteerEntry]] = {}
        for entry in gazetteer.entries:
            if entry.type != "Person":
                continue
            names = entry.label.split()
            if len(names) < 2:
                continue
            for name in {names[0], names[-1]}:
                if entry not in parts.setdefault(name, []):
                    parts[name].append(entry)
        _NAME_PARTS[id(gazetteer)] = {k: tuple(v) for k, v in parts.items()}
    return _NAME_PARTS[id(gazetteer)]
