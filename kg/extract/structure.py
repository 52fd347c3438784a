"""partOf: a ministry, agency or council belongs to its national government or parent body.

DESIGN.md "Structure": only where nationality or possession is explicit. The readings:
- a nationality inside or right before the name: "China's Foreign Ministry", "the US
  Department of Commerce", "the Cyberspace Administration of China", "Chinese regulator";
- possession or subordination: "the Commerce Department's Bureau of Industry and Security",
  "the Customs Tariff Commission under China's State Council" -> partOf that body;
- a nationality shared over a coordination or a list: "China's Ministry of Commerce and
  Ministry of Science and Technology", "its General Administration of Customs", "six other
  Chinese agencies: the NDRC, the Ministry of Education, ...".
A body the gazetteer places under a parent department is partOf that department only where
the text names it as the possessor; a nationality alone then says nothing new.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.extract.context import ArticleContext, Candidate, Mention, Ref
from kg.extract.entities import POSSESSIVE, candidate_of, nationality
from kg.extract.lexicon import words

#: How many tokens before a name may carry its nationality ("China 's", "the Chinese").
PREFIX_TOKENS = 2
#: How far up a list ("agencies: A, B, C and D") a nationality may be looked for.
MAX_LIST_STEPS = 8
#: Words that refer back to a country named before in the sentence ("the country's").
COUNTRY_ANAPHORS = words("roles", "part_of_anaphors")
SUBORDINATION = words("roles", "part_of_subordination")
#: "part of", "an arm of": a body placed in another right after its name.
PART_NOUNS = words("roles", "part_of_nouns")
#: Bare nouns for a body that possess another ("the department's bureau").
BODY_NOUNS = words("roles", "part_of_possessors")
#: Prepositions of place: "groups in Washington" states where they are, not a body's nation.
LOCATIVE_PREPS = frozenset({"in", "at", "inside", "outside", "near"})
#: "agencies including X", "bodies such as X".
EXAMPLE_PREPS = words("roles", "part_of_examples")


def extract_part_of(ctx: ArticleContext) -> None:
    for mention in ctx.mentions:
        agent = mention.agent
        if agent is None or agent.type != "Government" or mention.place is not None:
            continue
        if not _looks_like_body(agent):
            continue
        sent = ctx.doc[mention.start].sent
        parent = _stated_parent(ctx, mention)
        if parent is not None:
            _add(ctx, mention, parent, sent, 0.8)
            continue
        entry = ctx.gazetteer.get(agent.id)
        known_parent = ctx.gazetteer.get(entry.part_of) if entry and entry.part_of else None
        if entry is not None and known_parent is None:
            continue  # a national government, or a body the gazetteer places nowhere
        country = _prefix_nationality(ctx, mention) or _shared_nationality(ctx, mention)
        if country is None and known_parent is not None:
            country = _earlier_nationality(ctx, mention, known_parent.id)
        if country is None or country.id == agent.id:
            continue
        if known_parent is not None and known_parent.id != country.id:
            continue  # a department's bureau: its nationality alone does not name the parent
        _add(ctx, mention, country, sent, 0.8 if known_parent else 0.75)


def _add(ctx: ArticleContext, mention: Mention, parent: Ref | Candidate, sent: Span,
         confidence: float) -> None:
    assert mention.agent is not None
    ref = parent if isinstance(parent, Ref) else Ref(parent, parent.label, 1.0)
    ctx.add_fact(Ref(mention.agent, mention.surface, mention.confidence), "partOf", ref, sent,
                 confidence)


def _looks_like_body(agent: Candidate) -> bool:
    return not agent.label.lower().startswith("government of")


# --- possession and subordination ---------------------------------------------------------

def _stated_parent(ctx: ArticleContext, mention: Mention) -> Ref | None:
    """The body the text names as this one's possessor or superior: "the Commerce
    Department's BIS", "the commission under the State Council"; also a possessor written
    inside a known name ("Commerce Department's Bureau of Industry and Security")."""
    doc = ctx.doc
    if mention.start >= 2 and doc[mention.start - 1].text in POSSESSIVE:
        possessor = doc[mention.start - 2]
        if (ref := _body_ref(ctx.mention_at(possessor))) is not None:
            return ref
        if possessor.lower_ in BODY_NOUNS and ctx.mention_at(possessor) is None:
            return _body_named_before(ctx, mention, possessor.lower_)
    root = doc[mention.start:mention.end].root
    for prep in root.children:
        if prep.dep_ == "prep" and prep.lower_ in SUBORDINATION:
            for obj in prep.children:
                if obj.dep_ == "pobj" and (ref := _body_ref(ctx.mention_at(obj))) is not None:
                    return ref
    return _possessor_inside(ctx, mention) or _parent_after_of(ctx, mention) or \
        _part_of_phrase(ctx, mention)


def _parent_after_of(ctx: ArticleContext, mention: Mention) -> Ref | None:
    """A known body whose name ends in its parent's name after "of"/"under" ("the Customs
    Tariff Commission of the State Council"): the name itself states the parent, as a
    possessor would (DESIGN.md "Structure": partOf where possession is explicit)."""
    doc = ctx.doc
    assert mention.agent is not None
    entry = ctx.gazetteer.get(mention.agent.id)
    parent = ctx.gazetteer.get(entry.part_of) if entry and entry.part_of else None
    if parent is None:
        return None
    forms = {f.casefold() for f in parent.surface_forms}
    for token in doc[mention.start + 1:mention.end - 1]:
        if token.lower_ not in ("of", "under"):
            continue
        start = token.i + 1 + (doc[token.i + 1].lower_ == "the")
        name = doc[start:mention.end].text
        if name.casefold() in forms:
            return Ref(candidate_of(parent), name, mention.confidence)
    return None


def _part_of_phrase(ctx: ArticleContext, mention: Mention) -> Ref | None:
    """"BIS, which is part of the Commerce Department", "the CAC, an arm of the State
    Council": the body such a phrase right after the name places it in."""
    doc = ctx.doc
    sent_end = doc[mention.start].sent.end
    for token in doc[mention.end:min(mention.end + 5, sent_end - 2)]:
        if ctx.mention_at(token) is not None:
            return None  # another name comes first: "the department's Bureau of ..."
        if token.lower_ in PART_NOUNS and token.nbor(1).lower_ == "of":
            after = token.i + 2
            if after < sent_end and doc[after].lower_ == "the":
                after += 1
            body = _body_ref(ctx.mention_at(doc[after])) if after < sent_end else None
            if body is not None and body.candidate.id != (mention.agent.id if mention.agent
                                                          else None):
                return body
    return None


def _body_named_before(ctx: ArticleContext, mention: Mention, noun: str) -> Ref | None:
    """"the department's Bureau of ...": the body's known parent when it is such a
    department, else the latest body of that kind named before."""
    assert mention.agent is not None
    entry = ctx.gazetteer.get(mention.agent.id)
    parent = ctx.gazetteer.get(entry.part_of) if entry and entry.part_of else None
    if parent is not None and noun in parent.label.lower():
        return Ref(candidate_of(parent), parent.label, 0.8)
    for other in sorted(ctx.mentions, key=lambda m: -m.start):
        if other.start < mention.start and other.place is None and \
                (ref := _body_ref(other)) is not None and noun in ref.candidate.label.lower():
            return ref
    return None


def _body_ref(mention: Mention | None) -> Ref | None:
    if mention is None or mention.agent is None or mention.agent.type != "Government":
        return None
    return Ref(mention.agent, mention.surface, mention.confidence)


def _possessor_inside(ctx: ArticleContext, mention: Mention) -> Ref | None:
    """A known body whose name form carries its parent ("Commerce Department's Bureau of
    Industry and Security"): partOf that parent, and the parent partOf the nationality
    written before the whole name ("the U.S. Commerce Department's ...")."""
    doc = ctx.doc
    assert mention.agent is not None
    entry = ctx.gazetteer.get(mention.agent.id)
    if entry is None or entry.part_of is None:
        return None
    for token in doc[mention.start + 1:mention.end - 1]:
        if token.text not in POSSESSIVE:
            continue
        name = doc[mention.start:token.i].text
        parent = ctx.gazetteer.get(entry.part_of)
        if parent is None or name.casefold() not in {f.casefold() for f in parent.surface_forms}:
            continue
        parent_ref = Ref(candidate_of(parent), name, mention.confidence)
        country = _prefix_nationality(ctx, mention, inside=False)
        if country is not None and country.id != parent.id:
            ctx.add_fact(parent_ref, "partOf", Ref(country, country.label, 1.0),
                         doc[mention.start].sent, 0.8)
        return parent_ref
    return None


# --- nationality ----------------------------------------------------------------------------

def _prefix_nationality(ctx: ArticleContext, mention: Mention, *,
                        inside: bool = True) -> Candidate | None:
    """The national government a nationality right before (or inside) the name stands for."""
    doc = ctx.doc
    end = mention.end if inside else mention.start
    first = max(doc[mention.start].sent.start, mention.start - PREFIX_TOKENS)
    for token in doc[first:end]:
        readings = nationality(ctx, token)
        if readings is not None:
            return readings[0]
    return _suffix_nationality(ctx, mention) if inside else None


def _suffix_nationality(ctx: ArticleContext, mention: Mention) -> Candidate | None:
    """"Ministry of Commerce of the People's Republic of China": the country after "of"."""
    doc = ctx.doc
    i = mention.end
    if i + 1 >= len(doc) or doc[i].lower_ != "of":
        return None
    i += 2 if doc[i + 1].lower_ == "the" else 1
    country = ctx.mention_at(doc[i]) if i < len(doc) else None
    if country is None or country.place is None or country.start != i:
        return None
    return country.agent


def _shared_nationality(ctx: ArticleContext, mention: Mention) -> Candidate | None:
    """A nationality stated once for several bodies: the first conjunct's ("China's A and B"),
    a country named before in the sentence ("its B", "the country's B"), or the one on the
    noun a list of bodies explains ("Chinese agencies: A, B and C")."""
    doc = ctx.doc
    root = doc[mention.start:mention.end].root
    first = root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    other = ctx.mention_at(first) if first.i != root.i else None
    if other is not None and other.agent is not None and other.agent.type == "Government" \
            and (country := _prefix_nationality(ctx, other)) is not None:
        return country
    if _country_anaphor(doc, mention.start):
        return _first_nationality(ctx, doc[doc[mention.start].sent.start:mention.start])
    return _appositive_nationality(ctx, mention) or _list_nationality(ctx, root)


def _appositive_nationality(ctx: ArticleContext, mention: Mention) -> Candidate | None:
    """"the SAMR, China's market regulator,": the nationality of the noun that explains it."""
    children = (c for t in ctx.doc[mention.start:mention.end] for c in t.children)
    for child in children:
        if child.dep_ == "appos" and child.i >= mention.end and ctx.mention_at(child) is None:
            for modifier in child.children:
                if modifier.dep_ in ("amod", "compound", "poss", "nmod") and \
                        modifier.i < child.i and (readings := nationality(ctx, modifier)):
                    return readings[0]
    return None


def _country_anaphor(doc: Doc | Span, start: int) -> bool:
    """"its B" / "the country's B" right before a name."""
    before = doc[max(0, start - 3):start]
    words_ = [t.lower_ for t in before]
    return bool(words_) and (words_[-1] in COUNTRY_ANAPHORS or (
        len(words_) >= 2 and words_[-2] == "country" and words_[-1] in POSSESSIVE))


def _earlier_nationality(ctx: ArticleContext, mention: Mention,
                         parent_id: str) -> Candidate | None:
    """A known body's own nation named earlier in its sentence: "the US delegation will be
    led by ... the State Department", "China will be represented by ... the NDRC". A nation
    named only after the body ("According to the White House, the U.S. ...") or inside a
    company name ("DuPont China") does not place it."""
    doc = ctx.doc
    clause = _clause_of(doc[mention.start:mention.end].root)
    for token in doc[doc[mention.start].sent.start:mention.start]:
        named = ctx.mention_at(token)
        if named is not None and named.agent is not None and named.agent.type == "Company":
            continue
        if _clause_of(token).i != clause.i or _locative(token):
            continue  # "Judge X of the U.S. court ruled that the department ...", "groups in
            # Washington called on the department": neither nation is the department's
        readings = nationality(ctx, token)
        if readings is not None and readings[0].id == parent_id:
            return readings[0]
    return None


def _clause_of(token: Token) -> Token:
    """The verb of the clause a token stands in (the sentence root at most)."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def _locative(token: Token) -> bool:
    """"in Washington", "at the Beijing talks": a place where someone is or acts."""
    while token.dep_ in ("compound", "amod", "poss") and token.head.i != token.i:
        token = token.head
    return token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS


def _first_nationality(ctx: ArticleContext, span: Span) -> Candidate | None:
    for token in span:
        readings = nationality(ctx, token)
        if readings is not None:
            return readings[0]
    return None


def _gives_examples(prep: Token) -> bool:
    """"including X", "such as X"."""
    return prep.lower_ in EXAMPLE_PREPS or (
        prep.lower_ == "as" and prep.i > 0 and prep.nbor(-1).lower_ == "such")


def _list_nationality(ctx: ArticleContext, root: Token) -> Candidate | None:
    """"six other Chinese agencies: the NDRC, the Ministry of Education, ...", "Chinese
    regulators, including the NDRC and ...": the nationality on the noun a list of bodies
    explains."""
    token = root
    for _ in range(MAX_LIST_STEPS):
        if token.dep_ == "pobj" and _gives_examples(token.head) and \
                token.head.head.i != token.head.i:
            token = token.head  # "including X": X exemplifies the noun "including" hangs on
        elif token.dep_ not in ("conj", "appos") or token.head.i == token.i:
            return None
        token = token.head
        if ctx.mention_at(token) is not None:
            continue
        for child in token.children:
            if child.dep_ in ("amod", "compound", "poss", "nmod") and \
                    (readings := nationality(ctx, child)):
                return readings[0]
    return None
