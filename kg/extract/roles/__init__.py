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

This module reads each person's zones (zones.py) into a role: the title (titles.py), its nation
(countries.py), the body it names (bodies.py) or organisation (organisations.py); titled
surnames are linked first (surnames.py).
"""

from __future__ import annotations

from spacy.tokens import Span

from kg.extract.context import ArticleContext, Mention, Ref
from kg.extract.lexicon import words
from kg.extract.roles.bodies import (
    _body_named_before,
    _body_of_head_title,
    _chamber_of_title,
    _described_portfolio,
    _ministry_from_title,
    _office_named_by_title,
    _office_of_title,
    _party_post,
    _portfolio_body_named_before,
    _portfolio_mentions,
)
from kg.extract.roles.countries import Country, _described_country, _zone_country
from kg.extract.roles.founders import extract_founders
from kg.extract.roles.organisations import _company_of, _expert_affiliation, _zone_organisation
from kg.extract.roles.surnames import _link_titled_surnames
from kg.extract.roles.titles import (
    _before_posting,
    _elect,
    _is_corporate,
    _is_national_title,
    _is_title_word,
    _title_text,
)
from kg.extract.roles.triggers import NOT_CURRENT
from kg.extract.roles.zones import Zone, _pre_name_zone, _zones

__all__ = ["Zone", "extract_roles"]

ENVOY_TITLES = words("roles", "envoy_titles")
COMMITTEE_NOUNS = words("roles", "committee_nouns")


def extract_roles(ctx: ArticleContext) -> None:
    """roleIn facts (and the partOf of a ministry a portfolio title names) for every person
    mentioned; each person's zones are read in order until one settles the role."""
    _link_titled_surnames(ctx)
    people = [m for m in ctx.mentions if m.agent is not None and m.agent.type == "Person"]
    zones = {m.start: _zones(ctx, m) for m in people}
    stated = _stated_countries(ctx, people, zones)
    held: set[str] = set()
    extract_founders(ctx)
    for mention in people:
        read = 0
        for zone in zones[mention.start]:
            read += 1
            if _find_role(ctx, mention, zone, stated, held):
                break
        assert mention.agent is not None
        if mention.agent.id not in held:
            continue
        # "Representative X, ... who chairs the committee": a lawmaker's committee post is a
        # second current role besides the seat the title before the name gives
        for zone in zones[mention.start][read:]:
            org = zone.org or _zone_organisation(ctx, zone.span, _portfolio_mentions(
                ctx, zone.span))  # "Rep. X, chairman of the House Select Committee"
            if org is not None and _is_committee(org):
                _find_role(ctx, mention, zone, stated, held)


# --- what a zone says --------------------------------------------------------------------

def _find_role(ctx: ArticleContext, mention: Mention, zone: Zone,
               stated: dict[str, Country], held: set[str]) -> bool:
    """Record the person's role from one zone; True when the zone settles it (a role found,
    or ruled out: a former official, a President-elect, a party post).

    `held` are the people with a role already: a later bare rank ("Ambassador Greer" after
    "Trade Representative Jamieson Greer") restates that role, it adds no national one."""
    span = zone.span
    before = [span.doc[span.start - 1]] if span.start > 0 else []
    if before and before[0].text == "-" and span.start > 1:
        before.append(span.doc[span.start - 2])  # "then-President X": a past post
    if any(t.lower_ in NOT_CURRENT for t in [*before, *span]) or _elect(ctx, mention):
        return True  # ruling 1: former officials have no roleIn
    portfolio = _portfolio_mentions(ctx, span)
    titles = [t for t in span if _is_title_word(t)
              and (ctx.mention_at(t) is None or t.i in portfolio)
              and not (t.is_title and t.ent_type_ in ("ORG", "GPE") and not zone.before_name
                       and t.i not in portfolio)]
    if not titles and zone.before_name and _office_named_by_title(ctx, span):
        titles = [span[-1]]
    assert mention.agent is not None
    if not titles and zone.org is not None and len(span) == 1 and span[0].pos_ == "VERB":
        # "X, who chairs the committee": the verb of leading is the title
        person = Ref(mention.agent, mention.surface, mention.confidence)
        ctx.add_fact(person, "roleIn", zone.org, span.sent, 0.8, title=span[0].lemma_.lower())
        held.add(mention.agent.id)
        return True
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
    body = _ministry_from_title(ctx, title, country) or (
        _portfolio_body_named_before(ctx, mention, title) if country is None else None) \
        or _office_of_title(ctx, title, country) \
        or _chamber_of_title(ctx, title, country) \
        or _body_of_head_title(ctx, span, title, country) \
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


def _is_committee(org: Ref) -> bool:
    return any(word in COMMITTEE_NOUNS for word in org.candidate.label.lower().split())


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
