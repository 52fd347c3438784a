"""Within-article linking: short names and definite descriptions to the entity named before.

"Smith" -> "Brad Smith", "Li" -> "Li Qiang", "the ministry" -> the last ministry named,
"the company" / "the Chinese giant" -> the last company. Conservative: a short name links only
to a full name of the same article, and a description only to a mention in the last few
sentences.
"""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Token

from kg.extract.context import ArticleContext, Candidate, Mention
from kg.extract.entities import COMPANY_HEADS, POSSESSIVE, candidate_of, nationality
from kg.extract.lexicon import table, words
from kg.gazetteer import Gazetteer, GazetteerEntry

DEFINITE_COMPANY = words("entities", "definite_company")
DEFINITE_GOVERNMENT = words("entities", "definite_government")
#: Body nouns a description may use instead of a name -> the noun gazetteer descriptions use.
AGENCY_DESCRIPTIONS = table("entities", "agency_descriptions")
#: Words that rank a body without saying which it is ("China's top internet regulator").
RANK_WORDS = frozenset({"top", "chief", "main", "leading", "powerful", "new", "national"})
#: How far back (in sentences) a definite description may look for its entity.
DESCRIPTION_WINDOW = 3


def link_mentions(ctx: ArticleContext) -> None:
    """Add mentions for short person names and definite descriptions."""
    _link_partial_person_names(ctx)
    _link_short_names(ctx)
    _link_company_forms(ctx)
    _link_agency_descriptions(ctx)
    _link_descriptions(ctx)


def _link_partial_person_names(ctx: ArticleContext) -> None:
    """"Rozman Kendler" after "Thea D. Rozman Kendler": a multi-word name that ends another
    person's full name is that person (never a new one)."""
    people = [m for m in ctx.mentions if m.agent is not None and m.agent.type == "Person"]
    full = {tuple(m.agent.label.split()): m for m in people
            if m.agent and (m.agent.known or len(m.agent.label.split()) >= 3)}
    if not full:
        return
    for mention in people:
        assert mention.agent is not None
        words_ = tuple(mention.agent.label.split())
        if mention.agent.known or len(words_) < 2:
            continue
        for key, other in full.items():
            if len(key) > len(words_) and key[-len(words_):] == words_:
                mention.agent = other.agent
                break


def _link_company_forms(ctx: ArticleContext) -> None:
    """One company under a full and a short name in the same article ("Mellanox
    Technologies" ... "Mellanox", "Tower Semiconductor" ... "Tower"): the short form is the
    entity of the full one. Only when the words the short form lacks are company words, so
    "BGI" and "BGI Research" stay two companies."""
    companies = [m for m in ctx.mentions if m.agent is not None and m.agent.type == "Company"]
    by_words: dict[tuple[str, ...], Mention] = {}
    labels = {id(m): m.agent.label.lower().split() for m in companies if m.agent}
    for mention in companies:
        by_words.setdefault(tuple(labels[id(mention)]), mention)
    for mention in companies:
        assert mention.agent is not None
        words_ = labels[id(mention)]
        if mention.agent.known:
            continue  # the gazetteer already gives a known name its entity
        for key, full in by_words.items():
            if len(key) > len(words_) and list(key[:len(words_)]) == words_ and all(
                    w in COMPANY_HEADS for w in key[len(words_):]):
                mention.agent = full.agent
                break
    short_forms = {key[0]: m for key, m in by_words.items()
                   if len(key) >= 2 and all(w in COMPANY_HEADS for w in key[1:])}
    if not short_forms:
        return
    for token in ctx.tokens:  # "Mellanox" alone, which the statistical NER left out
        if token.pos_ != "PROPN" or ctx.mention_at(token) or not token.is_title:
            continue
        full = short_forms.get(token.lower_)
        if full is not None and full.agent is not None:
            ctx.add_mention(Mention(token.i, token.i + 1, token.text, full.agent,
                                    confidence=min(0.7, full.confidence)))


#: Full-name parts ("Smith", "Brad") -> [(start of the full name, its mention)], by start.
NameParts = dict[str, list[tuple[int, Mention]]]


def _name_parts(ctx: ArticleContext) -> NameParts:
    parts: NameParts = {}
    for mention in ctx.mentions:
        if mention.agent is None or mention.agent.type != "Person":
            continue
        names = mention.agent.label.split()
        if len(names) >= 2:
            for name in {names[0], names[-1]}:
                parts.setdefault(name, []).append((mention.start, mention))
    for found in parts.values():
        found.sort(key=lambda x: x[0])  # stable: equal starts keep the mentions' order
    return parts


def _link_short_names(ctx: ArticleContext) -> None:
    parts = _name_parts(ctx)
    if not parts:
        return
    for token in ctx.tokens:
        if ctx.mention_at(token) or not (token.pos_ == "PROPN" or token.ent_type_):
            continue
        if not token.is_title:
            continue
        mention = _closest_full_name(parts, token)
        if mention is None or (token.i + 1 < len(ctx.doc) and ctx.doc[token.i + 1].is_title
                               and ctx.doc[token.i + 1].pos_ == "PROPN"):
            continue  # "Wang Yi" is another person than "Wang Wentao"
        assert mention.agent is not None
        ctx.add_mention(Mention(token.i, token.i + 1, token.text, mention.agent,
                                confidence=min(0.8, mention.confidence)))


def _closest_full_name(parts: NameParts, token: Token) -> Mention | None:
    """The latest full name before the token that has this part, else the first after it.

    A binary search in the part's own list: a scan of every part per token made linking
    quadratic in the article's length (tests/hardening/test_large_input.py).
    """
    text = token.text
    for ending in POSSESSIVE:
        text = text.removesuffix(ending)
    matching = parts.get(text)
    if not matching:
        return None
    at = bisect.bisect_left(matching, token.i, key=lambda x: x[0])
    if at == 0:
        return matching[0][1]
    latest = matching[at - 1][0]
    first_latest = bisect.bisect_left(matching, latest, key=lambda x: x[0])
    return matching[first_latest][1]  # max() kept the first of equal starts


def _link_agency_descriptions(ctx: ArticleContext) -> None:
    """"China's market regulator", "the Chinese internet watchdog": a nation and words that
    describe one of its bodies instead of naming it are the known body whose gazetteer
    description (rdfs:comment, "China's market and antitrust regulator") has the noun and
    every describing word, when exactly one body of that nation does."""
    for token in ctx.tokens:
        noun = AGENCY_DESCRIPTIONS.get(token.lemma_.lower())
        # the tagger takes a lower-case "ministry" after a possessive for a proper noun
        common = token.pos_ == "NOUN" or (token.pos_ == "PROPN" and token.is_lower)
        if noun is None or not common or ctx.mention_at(token) or token.tag_ == "NNS":
            continue
        nation: Candidate | None = None
        described: list[Token] = []
        for child in token.lefts:
            readings = nationality(ctx, child) if child.dep_ in (
                "poss", "amod", "compound", "nmod") else None
            if readings is not None and nation is None:
                nation = readings[0]
            elif child.dep_ in ("amod", "compound") and child.is_lower and child.is_alpha:
                described.append(child)
        if nation is None:
            continue
        described = [t for t in described if t.lower_ not in RANK_WORDS]
        entry = _described_body(ctx.gazetteer, nation.id, noun, {t.lower_ for t in described})
        if entry is None:
            continue
        start = min([t.i for t in described] + [token.i])
        ctx.add_mention(Mention(start, token.i + 1, ctx.doc[start:token.i + 1].text,
                                candidate_of(entry), confidence=0.7))


def _described_body(gazetteer: Gazetteer, nation_id: str, noun: str,
                    described: set[str]) -> GazetteerEntry | None:
    """The one Government part of the nation whose description's first clause (or label)
    holds the noun's words and the describing words; None when none or several do."""
    found = []
    for entry in gazetteer.entries:
        if entry.type != "Government" or not entry.part_of or not entry.description:
            continue
        clause = re.split(r",|;|\bwhich\b|\bwhose\b|\bthat\b", entry.description)[0]
        clause_words = set(re.findall(r"[\w-]+", clause.lower()))
        if not set(noun.split()) <= clause_words or not described <= clause_words | set(
                re.findall(r"[\w-]+", entry.label.lower())):
            continue
        if national_root(gazetteer, entry) == nation_id:
            found.append(entry)
    return found[0] if len(found) == 1 else None


def national_root(gazetteer: Gazetteer, entry: GazetteerEntry) -> str:
    """The national government a body belongs to, through its parents (part_of)."""
    seen = {entry.id}
    while entry.part_of and (parent := gazetteer.get(entry.part_of)) and parent.id not in seen:
        seen.add(parent.id)
        entry = parent
    return entry.id


def _link_descriptions(ctx: ArticleContext) -> None:
    # Mentions by start, kept sorted as descriptions add theirs: each look-back is a binary
    # search of its window, not a sort of every mention (which was quadratic).
    ordered = sorted(ctx.mentions, key=lambda m: m.start)
    for token in ctx.tokens:
        if ctx.mention_at(token) or token.pos_ != "NOUN":
            continue
        lemma = token.lemma_.lower()  # the cheap test first: few nouns are descriptions
        if lemma in DEFINITE_GOVERNMENT:
            wanted = "Government"
        elif lemma in DEFINITE_COMPANY:
            wanted = "Company"
        else:
            continue
        if token.tag_ == "NNS" or not any(c.lower_ in ("the", "this", "that")
                                          for c in token.children):
            continue  # "the two U.S. companies" names a group, not the last company
        following = ctx.doc[token.i + 1] if token.i + 1 < len(ctx.doc) else None
        if token.dep_ in ("compound", "appos") or (following is not None
                                                  and following.pos_ == "PROPN"):
            # "the Dutch startup Nebula Robotics": the name follows; "NXP, the Dutch
            # chipmaker": an appositive describes its own head. Neither is anaphora.
            continue
        if any(c.dep_ in ("compound", "prep", "relcl", "acl", "appos") and c.pos_ != "ADJ"
               and not _nationality_word(ctx, c)  # "the U.S. chipmaker" still refers
               and not _gerund_prep(c)  # "suspected the chipmaker of violating the law"
               and not (wanted == "Company" and c.dep_ == "compound" and c.pos_ == "NOUN"
                        and c.i < token.i)  # "the U.S. chip designer" (not "the commerce
                                            # ministry", which names its own ministry)
               for c in token.children if c.i > token.i or c.dep_ == "compound"):
            continue  # "the ministry of X", "the startup Mistral AI" introduce something new
        mention = _recent(ctx, ordered, token, wanted, lemma)
        if mention is not None and mention.agent is not None:
            start = min([c.i for c in token.children if c.i < token.i] + [token.i])
            if any(ctx.mention_at(t) for t in ctx.doc[start:token.i]):
                start = token.i  # "the U.S. chipmaker": "U.S." keeps its own mention
            described = Mention(start, token.i + 1, ctx.doc[start:token.i + 1].text,
                                mention.agent, confidence=0.6)
            if ctx.add_mention(described):
                bisect.insort(ordered, described, key=lambda m: m.start)


def _nationality_word(ctx: ArticleContext, token: Token) -> bool:
    mention = ctx.mention_at(token)
    return token.ent_type_ in ("GPE", "NORP") or (mention is not None
                                                  and mention.place is not None)


def _gerund_prep(token: Token) -> bool:
    """A preposition that opens a clause ("of violating"), not a noun ("of Commerce")."""
    return token.dep_ == "prep" and any(c.dep_ == "pcomp" for c in token.children) and not \
        any(c.dep_ == "pobj" for c in token.children)


def _recent(ctx: ArticleContext, ordered: list[Mention], token: Token, entity_type: str,
            lemma: str) -> Mention | None:
    """The entity a description refers back to: the latest one that was a grammatical
    subject in the window (the topic the text is about), else simply the latest one.

    `ordered` is every mention sorted by start (mentions never overlap, so starts differ).
    """
    window_start = token.sent.start
    for _ in range(DESCRIPTION_WINDOW - 1):
        if window_start > 0:
            window_start = ctx.doc[window_start - 1].sent.start
    low = bisect.bisect_left(ordered, window_start, key=lambda m: m.start)
    high = bisect.bisect_left(ordered, token.i, key=lambda m: m.start)
    candidates = []
    for mention in reversed(ordered[low:high]):
        if mention.agent is None:
            continue
        # "the administration" after "the Biden administration" is that one, though the name
        # reads as a country too
        named_so = lemma in mention.surface.lower().split()
        if mention.agent.type != entity_type or (mention.place is not None and not named_so):
            continue
        if entity_type == "Government" and not named_so and not _described_as(
                ctx.gazetteer, mention.agent, lemma):
            continue
        candidates.append(mention)
    subjects = [m for m in candidates if _is_subject(ctx, m)]
    return (subjects or candidates or [None])[0]


def _described_as(gazetteer: Gazetteer, agent: Candidate, lemma: str) -> bool:
    """Does "the <lemma>" fit the body: its label has the word ("the ministry"), or its
    gazetteer description does ("the regulator" for "China's market regulator")."""
    if lemma in agent.label.lower():
        return True
    entry = gazetteer.get(agent.id)
    noun = AGENCY_DESCRIPTIONS.get(lemma)
    if entry is None or not entry.description or noun is None:
        return False
    clause = re.split(r",|;|\bwhich\b|\bwhose\b|\bthat\b", entry.description)[0].lower()
    return set(noun.split()) <= set(re.findall(r"[\w-]+", clause))


def _is_subject(ctx: ArticleContext, mention: Mention) -> bool:
    root = ctx.doc[mention.start:mention.end].root
    return root.dep_ in ("nsubj", "nsubjpass")
