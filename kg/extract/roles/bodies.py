"""Chambers and bodies: the ministry, department, office or chamber a title names.

A portfolio ("Commerce Secretary", "Minister of Science and ICT") -> the department or
ministry; an office named after its head ("Trade Representative") -> that office; a bare
"ministry" or a spokesperson -> the body named before. Party posts are not roles (DESIGN.md
ruling 10).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from kg.extract.context import ArticleContext, Candidate, Mention, Ref
from kg.extract.entities import candidate_of, new_candidate
from kg.extract.lexicon import table, words
from kg.extract.linking import national_root
from kg.extract.roles.countries import Country, _description, _nationality
from kg.extract.roles.triggers import (
    BODY_NOUNS,
    MINISTRY_OF,
    NOT_CURRENT,
    NOT_PORTFOLIO,
    SPOKESPERSON,
    TITLE_WORDS,
)
from kg.gazetteer import Gazetteer, GazetteerEntry

PORTFOLIO_HEADS = words("roles", "portfolio_heads")
PARTY_WORDS = words("roles", "party_words")
PARTY_PHRASES = words("roles", "party_phrases")
PORTFOLIO_NAMES = table("roles", "portfolio_names")
CHAMBER_TITLES = table("roles", "chamber_titles")
HEAD_TITLES = table("roles", "head_titles")
TITLE_MODIFIERS = words("roles", "title_modifiers")
BARE_CHAMBER_TITLES = words("roles", "bare_chamber_titles")
#: Words that end a portfolio name after "of" ("Secretary of Commerce for Industry ...").
PORTFOLIO_STOPS = frozenset({"for", "to", "at", "in", "on", ",", "(", "and/or", "who"})
#: Prepositions whose object is what a body deals with ("committee on the CCP").
TOPIC_PREPS = frozenset({"on", "about", "against", "toward", "towards", "concerning"})


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
            if country is None or national_root(ctx.gazetteer, entry) == country[0].id:
                return Ref(candidate_of(entry), name, 0.85)
    if country is None:
        return None
    if (word_body := _body_with_word(ctx.gazetteer, body, portfolio, country)) is not None:
        return Ref(candidate_of(word_body), word_body.label, 0.75)
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


def _portfolio_body_named_before(ctx: ArticleContext, mention: Mention,
                                 title: str) -> Ref | None:
    """"Trade minister X" with no nationality, after the article named "Japan's Ministry of
    Economy, Trade and Industry": the one body named before whose name is "<body> ...
    <portfolio word>"."""
    found = _portfolio(title.split())
    if found is None:
        return None
    doc = ctx.doc
    i = mention.start - 1
    while i >= 0 and doc[i].dep_ in ("amod", "compound", "nmod") and doc[i].head.i >= i:
        if doc[i].lower_ in NOT_CURRENT:
            return None  # "Former economic affairs minister X"
        i -= 1
    body, portfolio = found
    wanted = {w.lower() for w in re.findall(r"\w+", portfolio)}
    bodies = {m.agent.id: m for m in ctx.mentions
              if m.start < mention.start and m.agent is not None and m.place is None
              and m.agent.type == "Government"
              and m.agent.label.lower().startswith(body.lower())
              and wanted <= {w.lower() for w in re.findall(r"\w+", m.agent.label)}}
    if len(bodies) != 1:
        return None
    named = next(iter(bodies.values()))
    assert named.agent is not None
    return Ref(named.agent, named.surface, 0.75)


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
        and national_root(gazetteer, entry) == country[0].id
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
                national_root(ctx.gazetteer, entry) == country[0].id:
            return Ref(candidate_of(entry), title, 0.8)
    return None


def _body_of_head_title(ctx: ArticleContext, zone: Span, title: str,
                        country: Country | None) -> Ref | None:
    """"Attorney General", "Assistant Attorney General": the body whose head the title's ending
    names, of the title's nation, or the only known body of that name (not a state's: "Texas
    Attorney General")."""
    if any(t.ent_type_ == "GPE" and _nationality(ctx, t) is None for t in zone):
        return None
    lowered = title.lower()
    body = next((name for ending, name in HEAD_TITLES.items()
                 if lowered == ending or (lowered.endswith(" " + ending) and all(
                     w in TITLE_MODIFIERS for w in lowered[:-len(ending)].split()))), None)
    if body is None:
        return None  # "state attorney general", "Texas Attorney General": another body
    entries = ctx.gazetteer.lookup(body, type="Government")
    if country is not None:
        entries = tuple(e for e in entries if national_root(ctx.gazetteer, e) == country[0].id)
    return Ref(candidate_of(entries[0]), entries[0].label, 0.8) if len(entries) == 1 else None


def _chamber_of_title(ctx: ArticleContext, title: str, country: Country | None) -> Ref | None:
    """"Senator", "U.S. Senator", "Congresswoman": the legislative chamber the title names,
    of the title's nation, or the only known chamber of that name when no nation is stated."""
    words_ = title.lower().split()
    chamber = CHAMBER_TITLES.get(words_[-1]) if words_ else None
    if chamber is None:
        return None
    if words_[-1] in BARE_CHAMBER_TITLES and (len(words_) > 1 or not title[:1].isupper()):
        return None  # "a Huawei representative", "Trade Representative": no chamber
    entries = ctx.gazetteer.lookup(chamber, type="Government")
    if country is not None:
        entries = tuple(e for e in entries if national_root(ctx.gazetteer, e) == country[0].id)
    return Ref(candidate_of(entries[0]), entries[0].label, 0.8) if len(entries) == 1 else None


# --- bodies named elsewhere -------------------------------------------------------------

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
        return national_root(gazetteer, entry) == country[0].id
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
