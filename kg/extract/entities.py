"""Entity typing: gazetteer names first, then the statistical NER typed by general cues.

Country names get two readings (the national Government when they act, the Country as a
place); the rules pick one by role through ArticleContext.ref(token, role=...).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.context import ArticleContext, Candidate, Mention
from kg.extract.lexicon import words
from kg.gazetteer import Gazetteer, GazetteerEntry
from kg.models import entity_key

GOVERNMENT_HEADS = words("entities", "government_heads")
ALLIANCE_HEADS = words("entities", "alliance_heads")
COMPANY_NOUNS = words("entities", "company_nouns")
COMPANY_HEADS = words("entities", "company_heads")
POLICY_HEADS = words("entities", "policy_heads")
LEGAL_FORMS = words("entities", "legal_forms")
#: Company words that also end topic phrases ("Artificial Intelligence", "Responsible AI"):
#: not enough on their own to make a company of a name the statistical NER did not tag.
TOPIC_ENDINGS = frozenset({"ai", "intelligence", "international", "computing", "materials"})
UNIT_HEADS = words("entities", "unit_heads")
COMPANY_SUFFIXES = tuple(words("entities", "company_suffixes"))
NOT_AGENT_WORDS = words("entities", "not_agent_words")
NOT_NAMES = words("entities", "not_names")
TITLES = words("roles", "titles")
TITLE_MODIFIERS = words("roles", "title_modifiers")
EVENT_HEADS = words("gatherings", "event_heads")
PORTFOLIO_TITLES = frozenset({"secretary", "minister", "ministry", "department"})
#: Posts of persons in government ("Adviser", "Representative"): a name right before or after
#: one is a portfolio or a title, never an organisation of its own.
PERSON_POSTS = words("roles", "portfolio_heads")
POSSESSIVE = ("'s", "’s", "'", "’")


def candidate_of(entry: GazetteerEntry) -> Candidate:
    return Candidate(entry.id, entry.label, entry.type, entry.wikidata, known=True)


def new_candidate(entity_type: str, label: str) -> Candidate:
    """An entity the gazetteer does not know: its id is derived from type and label."""
    return Candidate(entity_key(entity_type, label), label, entity_type)


def country_readings(gazetteer: Gazetteer, name: str) -> tuple[Candidate, Candidate] | None:
    """(national Government, Country) for a country-like name, known or not."""
    country = next(iter(gazetteer.lookup(name, type="Country")), None)
    government = None
    for entry in gazetteer.lookup(name, type="Government"):
        if entry.part_of is None:
            government = entry
            country = country or gazetteer.country_of_government(entry)
    if country is not None and government is None:
        government = gazetteer.national_government(country)
    if country is None and government is None:
        if gazetteer.lookup(name) or not gazetteer.is_country_name(name):
            return None  # a city or region ("Hangzhou", "Silicon Valley") is no actor
        return new_candidate("Government", f"Government of {name}"), new_candidate("Country", name)
    place = candidate_of(country) if country else new_candidate("Country", name)
    agent = (candidate_of(government) if government
             else new_candidate("Government", f"Government of {place.label}"))
    return agent, place


def nationality(ctx: ArticleContext, token: Token) -> tuple[Candidate, Candidate] | None:
    """(national Government, Country) a nationality word or country name stands for."""
    mention = ctx.mention_at(token)
    if mention is not None and mention.place is not None and mention.agent is not None:
        return mention.agent, mention.place
    inside_name = mention is not None and (token.is_title or token.is_upper)
    if token.ent_type_ in ("NORP", "GPE") or token.lower_ in ("us", "u.s.") or (
        inside_name and token.pos_ in ("ADJ", "PROPN")
    ):
        country = ctx.gazetteer.country_of_demonym(token.text)
        if country is not None:
            return country_readings(ctx.gazetteer, country.label)
    return None


def org_type(span: Span) -> str | None:
    """Government, Alliance or Company from the words of an organisation name; None if it is
    media, academia or another non-agent."""
    lowered = span.text.lower()
    tokens = [t.lower_ for t in span]
    if any(word in tokens or (" " in word and word in lowered) for word in NOT_AGENT_WORDS):
        return None
    if any(t in GOVERNMENT_HEADS for t in tokens) or lowered in GOVERNMENT_HEADS:
        return "Government"
    if any(t in ALLIANCE_HEADS for t in tokens):
        return "Alliance"
    return "Company"


def clean_span(span: Span) -> Span | None:
    """Trim determiners, titles, possessive endings and non-name words around a name."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in TITLES or doc[start].is_lower
                           or doc[start].pos_ in ("DET", "VERB") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct):
        end -= 1
    return doc[start:end] if end > start else None


def _gazetteer_mention(ctx: ArticleContext, ent: Span) -> Mention | None:
    entry = ctx.gazetteer.get(ent.ent_id_)
    if entry is None:
        return None
    after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if after is not None and after.lower_ in NOT_AGENT_WORDS and not after.is_lower:
        return None  # "Washington Post", "Beijing University": part of a longer name
        # (not "the US-China summit", where a common noun follows the pair)
    if entry.type in ("Country", "Government") and (
        entry.type == "Country" or entry.part_of is None
    ):
        readings = country_readings(ctx.gazetteer, ent.text)
        if readings:
            return Mention(ent.start, ent.end, ent.text, readings[0], readings[1], 1.0)
    if entry.type == "Company" and (unit := _unit_name(ent)) is not None:
        return Mention(unit.start, unit.end, unit.text, new_candidate("Company", unit.text),
                       confidence=0.7)
    end = ent.end
    while entry.type == "Company" and end < len(ent.doc) and ent.doc[end].lower_ in \
            LEGAL_FORMS and ent.doc[end].is_title and not ent.doc[end].ent_id_:
        end += 1  # "Naura Technology", "Baidu Inc.": the name as the text writes it
    span = ent.doc[ent.start:end]
    return Mention(span.start, span.end, span.text, candidate_of(entry), None, 1.0)


def _unit_name(ent: Span) -> Span | None:
    """"BGI Research", "BGI Tech Solutions (Hongkong)": a known company's name followed by
    capitalised words ending in a company word names another company (a subsidiary), unless
    the words are only a legal form ("Huawei Technologies", "Baidu Inc." are the company)."""
    doc = ent.doc
    end = ent.end
    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title and \
            not doc[end].ent_id_ and "\n" not in doc[end - 1].whitespace_:
        end += 1
    if end == ent.end or not doc[ent.end - 1].whitespace_:
        return None
    added = [t.lower_ for t in doc[ent.end:end]]
    if all(w in LEGAL_FORMS for w in added) or not (
            added[-1] in COMPANY_HEADS or added[-1] in UNIT_HEADS):
        return None
    whole = doc[ent.start:end]
    return _with_place_suffix(whole) or whole


def _ner_mention(ctx: ArticleContext, ent: Span) -> Mention | None:
    span = clean_span(ent)
    if span is not None and ent.label_ == "PERSON":
        span = _without_verbs(span)  # "Yellen Meets" in a title-case headline
    if span is None:
        return None
    label = ent.label_
    if len(span) >= 2 and has_company_head(span) and all(
            t.is_title or t.is_upper or t.like_num or t.is_punct for t in span) and \
            ctx.gazetteer.country_of_demonym(span[0].text) is None and (  # not "American AI"
            label == "ORG" or (label in ("PERSON", "GPE", "NORP", "FAC", "LOC")
                               and span[-1].lower_ not in TOPIC_ENDINGS)):
        return Mention(span.start, span.end, span.text, new_candidate("Company", span.text),
                       confidence=0.7)  # "Beta Semiconductor" is no person, whatever NER says
    if label == "PERSON" and len(span) >= 2 and _name_words(span):
        span = _whole_person_name(span)
        return Mention(span.start, span.end, span.text, new_candidate("Person", span.text),
                       confidence=0.75)
    if len(span) == 1 and span.text.lower() in NOT_NAMES:
        return None  # "GPU", "AI": technology words the model tags as organisations
    if label == "ORG" and len(span) == 1 and _portfolio_word(span):
        return None  # "Commerce Secretary", "Secretary of State": resolved by the roles rule
    if label == "ORG" and _title_words(span):
        return None  # "National Security Adviser", "Permanent Representative": titles
    if label in ("ORG", "LAW") and len(span) >= 2 and span[-1].lower_ in POLICY_HEADS:
        return Mention(span.start, span.end, span.text, new_candidate("Policy", span.text),
                       confidence=0.6)  # "Frontier AI Safety Commitments", or a bill the
        # model tags as a law ("the Chip Security Act"): a document
    if label == "ORG" and (entity_type := org_type(span)):
        if span.text.lower() in GOVERNMENT_HEADS:
            return None  # a bare "Commission" or "government" is resolved by linking
        if entity_type == "Company" and (whole := _with_place_suffix(span)) is not None:
            span = whole
        return Mention(span.start, span.end, span.text, new_candidate(entity_type, span.text),
                       confidence=0.7)
    if label == "GPE" and (readings := country_readings(ctx.gazetteer, span.text)):
        if _company_context(span):
            return Mention(span.start, span.end, span.text,
                           new_candidate("Company", span.text), confidence=0.6)
        return Mention(span.start, span.end, span.text, readings[0], readings[1], 0.7)
    return None


def _without_verbs(span: Span) -> Span | None:
    """A name holds no verb: cut a person span at the first one the tagger saw."""
    for token in span:
        if token.pos_ in ("VERB", "AUX") and token.i > span.start:
            return span.doc[span.start:token.i]
    return span if span[0].pos_ not in ("VERB", "AUX") else None


def _name_words(span: Span) -> bool:
    """Capitalised words (also "McMillon", "DeSantis"), hyphens and the lower-case part of a
    hyphenated given name ("Linda Thomas-Greenfield", "Lee Jong-ho")."""
    doc = span.doc
    return all(t.text[:1].isupper() or t.text in ("-", "‐", ".") or (
        t.i > 0 and doc[t.i - 1].text in ("-", "‐") and not doc[t.i - 1].whitespace_)
        for t in span)


def _whole_person_name(span: Span) -> Span:
    """A person's name the statistical NER cut short ("Thea D. Rozman" + "Kendler"): the
    capitalised proper nouns right after it that are no title or organisation word."""
    doc = span.doc
    end = span.end
    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title and \
            not doc[end].ent_type_ and "\n" not in doc[end - 1].whitespace_ and \
            doc[end - 1].whitespace_ and doc[end].lower_ not in TITLES and \
            doc[end].lower_ not in GOVERNMENT_HEADS and doc[end].lower_ not in COMPANY_HEADS \
            and doc[end].lower_ not in TITLE_MODIFIERS and not _title_case_line(span.sent):
        end += 1
    return doc[span.start:end]


def has_company_head(span: Span) -> bool:
    """Whether a name ends in a company word ("Alpha Microsystems", "Nebula Robotics Inc.")."""
    last = span[-1].lower_
    return last in COMPANY_HEADS or (len(last) > 8 and last.endswith(COMPANY_SUFFIXES))


def _portfolio_word(span: Span) -> bool:
    doc = span.doc
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    before = doc[span.start - 2:span.start]
    return after in PORTFOLIO_TITLES or (
        len(before) == 2 and before[1].lower_ == "of" and before[0].lower_ in PORTFOLIO_TITLES)


def _with_place_suffix(span: Span) -> Span | None:
    """"BGI Tech Solutions (Hongkong)": a subsidiary's legal name ends in its place in
    brackets; an all-capitals word in brackets is an acronym instead ("... Corp. (SMIC)")."""
    doc = span.doc
    if span.end + 2 >= len(doc) or doc[span.end].text != "(" or doc[span.end + 2].text != ")":
        return None
    inside = doc[span.end + 1]
    if not inside.is_title or inside.is_upper:
        return None
    return doc[span.start:span.end + 3]


def _title_words(span: Span) -> bool:
    """A name that is part of a person's title (issue: titles must not become organisations):
    it ends in a post ("Permanent Representative"), a post follows it ("National Security
    Adviser"), or it follows "<post> of" ("Secretary of State for Arms Control")."""
    doc = span.doc
    before = doc[span.start - 2:span.start]
    if len(before) == 2 and before[1].lower_ == "of" and before[0].lower_ in PERSON_POSTS:
        return True  # "Assistant Secretary of Commerce for Export Administration"
    if any(t.lower_ in GOVERNMENT_HEADS for t in span):
        return False  # "Office of the Trade Representative" is a body
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    return span[-1].lower_ in PERSON_POSTS or after in PERSON_POSTS


def _company_context(span: Span) -> bool:
    """A GPE-tagged name right after "chipmaker", "startup", ... is a company (NER error)."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is not None and before.lower_ in COMPANY_NOUNS


def _government_nouns(ctx: ArticleContext) -> None:
    """"the Chinese government", "China's government" -> the national Government; "the Biden
    and Trump administrations" -> the government each "<name> administration" names."""
    for token in ctx.tokens:
        if token.lower_ == "administrations" and not ctx.mention_at(token):
            _administrations(ctx, token)
            continue
        if token.lower_ not in ("government", "administration") or ctx.mention_at(token):
            continue
        for child in token.children:
            if child.dep_ in ("amod", "compound", "poss", "nmod") and (
                readings := nationality(ctx, child)
            ):
                start = min(child.i, token.i)
                ctx.add_mention(Mention(start, token.i + 1, ctx.doc[start:token.i + 1].text,
                                        readings[0], readings[1], 0.9))
                break


def _administrations(ctx: ArticleContext, token: Token) -> None:
    """"The Biden and Trump administrations": names coordinated before the plural that each
    make a known "<name> administration" of one and the same government."""
    names = [c for c in token.children if c.dep_ in ("nmod", "compound", "amod")
             and c.pos_ == "PROPN"]
    names += [c for n in names for c in n.conjuncts]
    entries = {e.id: e for n in names
               for e in ctx.gazetteer.lookup(f"{n.text} administration", type="Government")}
    if len(names) < 2 or len(entries) != 1 or any(
            not ctx.gazetteer.lookup(f"{n.text} administration", type="Government")
            for n in names):
        return
    entry = next(iter(entries.values()))
    start = min(n.i for n in names)
    ctx.add_mention(Mention(start, token.i + 1, ctx.doc[start:token.i + 1].text,
                            candidate_of(entry), None, 0.9))


def detect_mentions(ctx: ArticleContext) -> None:
    """Add every entity mention of the document to the context, gazetteer names first."""
    ents = ctx.ents
    for ent in ents:
        if ent.ent_id_ and (mention := _gazetteer_mention(ctx, ent)):
            ctx.add_mention(mention)
    _government_nouns(ctx)
    people = [e for e in ents if not e.ent_id_ and e.label_ == "PERSON"]
    for ent in people:
        if mention := _ner_mention(ctx, ent):
            ctx.add_mention(mention)
    events = event_names(ents)
    name_parts = {part for m in ctx.mentions if m.agent and m.agent.type == "Person"
                  for part in m.agent.label.split()}
    for ent in ents:
        if ent.ent_id_ or ent.label_ == "PERSON":
            continue
        if len(ent) == 1 and ent.text.removesuffix("’s").removesuffix("'s") in name_parts:
            continue  # a short name of a person named in full: left to linking
        if ent.text in events:
            continue  # "the X Conference (XC)": an event, never an entity
        if mention := _ner_mention(ctx, ent):
            ctx.add_mention(mention)
    _unlabelled_company_names(ctx)


def _unlabelled_company_names(ctx: ArticleContext) -> None:
    """Capitalised names the statistical NER left out that end in a company word ("Beta
    Semiconductor" in a list): Companies. The run must be proper nouns not yet a mention."""
    run: list[Token] = []
    for token in [*ctx.tokens, None]:
        if token is not None and token.pos_ == "PROPN" and (token.is_title or token.is_upper) \
                and ctx.mention_at(token) is None and "\n" not in token.whitespace_ and \
                token.lower_ not in TITLES:
            run.append(token)
            continue
        glued = bool(run) and run[0].i > 0 and ctx.mention_at(ctx.doc[run[0].i - 1]) is not None
        if len(run) >= 2 and not glued and has_company_head(
                span := ctx.doc[run[0].i:run[-1].i + 1]) and not _title_case_line(span.sent) \
                and span[-1].lower_ not in TOPIC_ENDINGS \
                and ctx.gazetteer.country_of_demonym(span[0].text) is None:
            ctx.add_mention(Mention(span.start, span.end, span.text,
                                    new_candidate("Company", span.text), confidence=0.6))
        run = []


def _title_case_line(sent: Span) -> bool:
    """A headline in title case ("Nvidia Shares Fall As Beijing Probes AI"): capitals there
    do not mark names. Prose never capitalises a function word inside a sentence."""
    return any(t.is_stop and t.is_title and t.i > sent.start and not t.ent_type_
               for t in sent)


def is_event_name(ent: Span) -> bool:
    """A conference or summit name (the small model often tags them ORG): an event."""
    if ent.label_ == "EVENT":
        return True
    return ent.label_ in ("ORG", "FAC", "WORK_OF_ART") and ent[-1].lower_ in EVENT_HEADS


def event_names(ents: list[Span]) -> set[str]:
    """Names of the events a text names, with their acronyms: "World X Conference (WXC)"."""
    found = set()
    for ent in ents:
        if not is_event_name(ent):
            continue
        found.add(ent.text)
        after = ent.doc[ent.end:ent.end + 3]
        if len(after) == 3 and after[0].text == "(" and after[2].text == ")":
            found.add(after[1].text)
    return found
