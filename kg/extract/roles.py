"""roleIn: a person's current title in an organisation, written before or after the name.

"Microsoft President Brad Smith", "China's Minister of Commerce Wang Wentao" (-> the Ministry
of Commerce), "Chinese Premier Li Qiang" (-> the national government), "Seth Center, State
Department deputy envoy for ...", "X, the president of Y".
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.context import ArticleContext, Candidate, Mention, Ref
from kg.extract.entities import POSSESSIVE, candidate_of, nationality, new_candidate
from kg.extract.lexicon import table, words

TITLE_WORDS = frozenset(w for title in words("roles", "titles") for w in title.split())
NATIONAL_TITLES = words("roles", "national_titles")
NOT_CURRENT = words("roles", "not_current")
CORPORATE_TITLES = words("roles", "corporate_titles")
MINISTRY_OF = table("roles", "ministry_of")
PORTFOLIO_NAMES = table("roles", "portfolio_names")
#: Longest apposition (in tokens) read as a title after a name.
MAX_APPOSITION = 16


def extract_roles(ctx: ArticleContext) -> None:
    for mention in list(ctx.mentions):
        if mention.agent is None or mention.agent.type != "Person":
            continue
        zone = _pre_name_zone(ctx, mention)
        if zone is None or not _find_role(ctx, mention, zone, before_name=True):
            segment = _apposition(ctx, mention)
            if segment is not None:
                _find_role(ctx, mention, segment, before_name=False)


def _zone_token_ok(ctx: ArticleContext, token: Token) -> bool:
    if token.text in POSSESSIVE or token.lower_ in ("of", "and", "&", "-"):
        return True
    mention = ctx.mention_at(token)
    if mention is not None and mention.agent is not None and mention.agent.type == "Person":
        return False
    if mention is not None or token.ent_type_ in ("NORP", "GPE", "ORG"):
        return True
    return token.lower_ in TITLE_WORDS or (token.is_title and token.pos_ == "PROPN")


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
    return segment


def _find_role(ctx: ArticleContext, mention: Mention, zone: Span, *, before_name: bool) -> bool:
    before = [zone.doc[zone.start - 1]] if zone.start > 0 else []
    if any(t.lower_ in NOT_CURRENT for t in [*before, *zone]) or _elect(ctx, mention):
        return False
    titles = [t for t in zone if t.lower_ in TITLE_WORDS and ctx.mention_at(t) is None
              and not (t.is_title and t.ent_type_ in ("ORG", "GPE") and not before_name)]
    if not titles:
        return False
    org, country = _zone_organisation(ctx, zone)
    title = _title_text(ctx, zone, titles)
    if org is None and before_name and title.lower() in CORPORATE_TITLES:
        org = _unknown_company(zone, titles[0])
    person = Ref(mention.agent, mention.surface, mention.confidence)  # type: ignore[arg-type]
    sent = ctx.doc[mention.start].sent
    if org is not None:
        ctx.add_fact(person, "roleIn", org, sent, 0.9 if before_name else 0.8, title=title)
        return True
    ministry = _ministry_from_title(ctx, title, country)
    if ministry is not None:
        ctx.add_fact(person, "roleIn", ministry, sent, 0.8, title=title)
        if country is not None:
            ctx.add_fact(ministry, "partOf", Ref(country[0], country[0].label, 0.8), sent, 0.8)
        return True
    if country is not None and _is_national_title(zone, titles, title):
        government = Ref(country[0], country[1].label, 0.9)
        ctx.add_fact(person, "roleIn", government, sent, 0.85, title=title)
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


def _elect(ctx: ArticleContext, mention: Mention) -> bool:
    doc = ctx.doc
    return mention.start >= 2 and doc[mention.start - 1].lower_.endswith("elect")


def _zone_organisation(
    ctx: ArticleContext, zone: Span
) -> tuple[Ref | None, tuple[Candidate, Candidate] | None]:
    """The organisation a title belongs to, and the nationality named in the zone."""
    org: Ref | None = None
    country = None
    for token in zone:
        mention = ctx.mention_at(token)
        if mention is not None and mention.agent is not None and mention.place is None:
            if org is None and mention.agent.type in ("Company", "Government", "Alliance"):
                org = Ref(mention.agent, mention.surface, mention.confidence)
        elif country is None and (readings := nationality(ctx, token)):
            country = readings
    return org, country


def _title_text(ctx: ArticleContext, zone: Span, titles: list[Token]) -> str:
    """The title words: from the first title word, stopping before "at/of <organisation>"."""
    start = titles[0].i
    while start > zone.start and zone.doc[start - 1].is_title and \
            ctx.mention_at(zone.doc[start - 1]) is None and \
            zone.doc[start - 1].ent_type_ not in ("NORP", "GPE"):
        start -= 1  # "Commerce Secretary"
    end = zone.end
    for token in zone.doc[start:zone.end]:
        if token.lower_ in ("at", "of", "in") and token.i + 1 < zone.end:
            following = zone.doc[token.i + 1:zone.end]
            if any(ctx.mention_at(t) for t in following) and token.lower_ != "of":
                end = token.i
                break
        if ctx.mention_at(token) is not None and token.i > start:
            end = token.i
            break
    words_ = zone.doc[start:end].text.strip(" ,").split()
    while words_ and words_[-1].lower() in ("of", "at", "in", "for", "and"):
        words_.pop()
    return " ".join(words_)


def _ministry_from_title(
    ctx: ArticleContext, title: str, country: tuple[Candidate, Candidate] | None
) -> Ref | None:
    """"Minister of Commerce" -> Ministry of Commerce; "Commerce Secretary" -> Department.

    The portfolio is looked up under its usual name forms ("Foreign Minister" -> "Foreign
    Ministry", "Ministry of Foreign Affairs"), so a known body is found however it is titled.
    """
    names = _portfolio_names(title.split())
    if not names:
        return None
    for name in names:
        for entry in ctx.gazetteer.lookup(name, type="Government"):
            if country is None or entry.part_of == country[0].id:
                return Ref(candidate_of(entry), name, 0.85)
    if country is None:
        return None
    return Ref(new_candidate("Government", f"{names[0]} of {country[1].label}"), names[0], 0.7)


def _portfolio_names(parts: list[str]) -> list[str]:
    """Name forms of the body a portfolio title belongs to, most literal first."""
    if len(parts) < 2:
        return []
    head, last = parts[0].lower(), parts[-1].lower()
    if head in MINISTRY_OF and len(parts) >= 3 and parts[1].lower() == "of":
        body, portfolio = MINISTRY_OF[head], " ".join(parts[2:])
    elif last in MINISTRY_OF and parts[-2][0].isupper():
        body, portfolio = MINISTRY_OF[last], parts[-2]
    else:
        return []
    full = PORTFOLIO_NAMES.get(portfolio.lower(), portfolio)
    return list(dict.fromkeys([f"{body} of {full}", f"{body} of {portfolio}",
                               f"{portfolio} {body}", f"{body} of the {portfolio}", portfolio]))


def _is_national_title(zone: Span, titles: list[Token], title: str) -> bool:
    text = " ".join(t.lower_ for t in titles)
    if text in NATIONAL_TITLES or title.lower() in NATIONAL_TITLES:
        return True
    return any(t.lower_ in NATIONAL_TITLES for t in titles[:1]) and not any(
        t.lower_ in ("spokesperson", "spokesman", "spokeswoman") for t in zone)
