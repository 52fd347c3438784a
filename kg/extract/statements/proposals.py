"""Proposal frames: an agent proposes, launches or establishes an initiative.

DESIGN.md rulings 1 and 15: the proposer acts in office; the proposed initiative is an entity
already named in the article, a quoted title, or a new candidate from the noun phrase.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.context import ArticleContext, Ref
from kg.extract.dates import date_in
from kg.extract.entities import new_candidate
from kg.extract.factuality import is_factual
from kg.extract.lexicon import word_forms, words
from kg.extract.statements.agents import _agent
from kg.extract.statements.speakers import _actor, _Article, _can_act, _co_actors
from kg.extract.statements.triggers import LAUNCH, PROPOSAL
from kg.extract.topics import topics_for

INITIATIVE_NOUNS = words("statements", "initiative_nouns")
ESTABLISHMENT = words("statements", "establishment")
LEGISLATION_NOUNS = words("statements", "legislation_nouns")
CREATE_VERBS = words("statements", "create_verbs")
ALLIANCE_WORDS = frozenset({"organization", "organisation", "alliance", "body", "forum",
                            "partnership", "coalition", "institution", "agency", "group"})
POLICY_WORDS = frozenset({"framework", "treaty", "agreement", "rules", "code", "plan",
                          "initiative", "regulation", "ban", "standard", "standards",
                          "convention", "pact", "mechanism", "declaration", "resolution",
                          "rule"}) | LEGISLATION_NOUNS
#: Restrictions, which a proposal names by what they restrict.
MEASURE_WORDS = frozenset({"control", "controls", "restriction", "restrictions", "curb",
                           "curbs", "tariff", "tariffs", "sanction", "sanctions", "limit",
                           "limits"})
#: Modifiers that say a proposed measure is not yet in force ("proposed possible export
#: controls"): natural in a proposal, they are no part of its name.
PENDING_MODIFIERS = frozenset(words("policy", "irrealis_modifiers"))


# --- Proposal ------------------------------------------------------------------------------------

def _proposal(art: _Article, verb: Token, lemma: str) -> None:
    """"proposed a rule", "called for the creation of an alliance", "put forward a plan",
    "launched its initiative" (only initiatives and drafts: announcing a rule issues it)."""
    forms = word_forms(verb)
    launch = forms.isdisjoint(PROPOSAL) and not forms.isdisjoint(LAUNCH)
    if lemma == "call" and not any(c.lower_ == "for" for c in verb.children):
        return
    if lemma == "put" and not any(c.lower_ == "forward" for c in verb.children):
        return
    described = verb.dep_ == "acl" and verb.tag_ == "VBN" and any(
        c.dep_ == "agent" for c in verb.children)
    # "The act, introduced by X, would require ...": a participle with its agent states an
    # act done, whatever the mood of the clause its noun stands in
    if not is_factual(verb, stop=verb.head if described else None):
        return
    ctx = art.ctx
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if verb.dep_ == "relcl":  # "the resolution, which was proposed by China"
        objects = [verb.head if o.lower_ in ("which", "that") else o for o in objects]
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and any(
            c.dep_ == "agent" for c in verb.children) and (
            initiative := _initiative_above(ctx, verb.head)) is not None:
        # "adopted a resolution proposed by China"; "rules proposed by the Treasury" are the
        # regulator's own draft rules, which it issues (as gold annotates them)
        objects.append(initiative)
    objects += [o for c in verb.children if c.dep_ in ("xcomp", "ccomp", "dobj", "pcomp")
                and c.pos_ == "VERB" and c.lemma_.lower() in CREATE_VERBS
                for o in c.children if o.dep_ == "dobj"]  # "proposed establishing a body"
    objects += [p for c in verb.children if c.lower_ == "for" for p in c.children
                if p.dep_ == "pobj"]
    actor = _actor(art, verb)
    for obj in objects:
        if obj.lemma_.lower() in ESTABLISHMENT:
            obj = next((p for c in obj.children if c.lower_ == "of" for p in c.children
                        if p.dep_ == "pobj"), obj)
        if launch and (not _is_initiative(ctx, obj) or ctx.ref(obj) is None):
            continue
        proposed = _proposed_entity(ctx, obj)
        if proposed is None or actor is None:
            continue
        if ctx.in_headline(verb.sent) and ctx.ref(obj) is None and \
                _already_named(ctx, obj) is None:
            continue  # "Li calls for global AI cooperation body": the body names it
        for one in [actor, *_co_actors(art, verb, actor)]:
            ctx.add_event("Proposal", verb.sent, 0.75, actor=one, proposed=proposed,
                          topics=topics_for(ctx, verb.sent), date=date_in(ctx, verb.sent))


def _nominal_proposal(art: _Article, noun: Token) -> None:
    """"Singapore welcomed China's proposal to set up a World AI Cooperation Organization":
    a proposal noun whose owner is an agent and whose "to" clause creates a body or measure
    states that the owner proposed it (the proposal was made; ruling 5 keeps out "a possible
    proposal", a negated or hypothetical sentence)."""
    ctx = art.ctx
    if any(c.dep_ == "amod" and c.lower_ in PENDING_MODIFIERS for c in noun.children) or \
            not is_factual(noun):
        return
    owners = [c for c in noun.children if c.dep_ == "poss"]
    actor = _agent(ctx, owners[0]) if owners else None
    if actor is None or not _can_act(art, actor):
        return
    objects = [o for c in noun.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"
               and c.lemma_.lower() in CREATE_VERBS and any(
                   a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
               for o in c.children if o.dep_ == "dobj"]
    for obj in objects:
        if (proposed := _proposed_entity(ctx, obj)) is not None:
            ctx.add_event("Proposal", noun.sent, 0.7, actor=actor, proposed=proposed,
                          topics=topics_for(ctx, noun.sent), date=date_in(ctx, noun.sent))


def _initiative_above(ctx: ArticleContext, noun: Token) -> Token | None:
    """The initiative a participle describes: its head, or the initiative whose "on"/"for"
    phrase the small model hung it on ("a resolution on AI capacity-building introduced by
    China": the participle attaches to "building")."""
    for _ in range(3):
        if _is_initiative(ctx, noun) or _is_legislation(ctx, noun):
            return noun
        if noun.dep_ != "pobj" or noun.head.dep_ != "prep" or noun.head.lower_ not in (
                "on", "for", "about", "concerning"):
            return None
        noun = noun.head.head
    return None


def _is_legislation(ctx: ArticleContext, noun: Token) -> bool:
    """A bill or an act ("The Chip Security Act, introduced by Senator X"): a draft its
    sponsor proposes (ruling 15)."""
    ref = ctx.ref(noun)
    last = ref.surface.lower().split()[-1:] if ref is not None else []
    return noun.lemma_.lower() in LEGISLATION_NOUNS or any(w in LEGISLATION_NOUNS for w in last)


def _is_initiative(ctx: ArticleContext, noun: Token) -> bool:
    ref = ctx.ref(noun)  # follows "which" to the named initiative
    words_ = ref.surface.lower().split() if ref is not None else [noun.lower_]
    return any(w in INITIATIVE_NOUNS for w in words_) or noun.lemma_.lower() in INITIATIVE_NOUNS


def _compound_proposal(art: _Article, adjective: Token) -> None:
    """"the China-proposed resolution": the name before the hyphen proposed the noun."""
    ctx = art.ctx
    before = [t for t in ctx.doc[adjective.head.left_edge.i:adjective.i] if ctx.mention_at(t)]
    if not before or adjective.i < 2 or ctx.doc[adjective.i - 1].text not in ("-", "–"):
        return
    actor = _agent(ctx, before[-1])
    proposed = _proposed_entity(ctx, adjective.head)
    if actor and proposed and _can_act(art, actor):
        ctx.add_event("Proposal", adjective.sent, 0.7, actor=actor, proposed=proposed,
                      topics=topics_for(ctx, adjective.sent),
                      date=date_in(ctx, adjective.sent))


def _quoted_title(ctx: ArticleContext, noun: Token) -> str | None:
    """The title in quotes right after a noun: the resolution "Enhancing ..."."""
    after = noun.i + 1
    if after >= len(ctx.doc) or ctx.doc[after].text not in ('"', "“"):
        return None
    for end in range(after + 1, min(after + 30, len(ctx.doc))):
        if ctx.doc[end].text in ('"', "”"):
            return ctx.doc[after + 1:end].text or None
    return None


def _already_named(ctx: ArticleContext, noun: Token) -> Ref | None:
    """A Policy or Alliance of earlier rules that has the noun phrase (or a shorter part of
    it, down to the head noun) among its aliases."""
    lefts = [t for t in noun.lefts if t.dep_ not in ("det", "poss", "predet")]
    phrases = [ctx.doc[t.i:noun.i + 1].text for t in lefts]
    right = [t for t in noun.rights if t.dep_ == "prep"]
    if right:
        start = lefts[0].i if lefts else noun.i
        phrases.insert(0, ctx.doc[start:right[0].right_edge.i + 1].text)
    for phrase in [*phrases, noun.text]:
        for entity_type in ("Policy", "Alliance"):
            if candidate := ctx.with_alias(phrase, entity_type):
                return Ref(candidate, phrase, 0.7)
    return None


def _proposed_entity(ctx: ArticleContext, noun: Token) -> Ref | None:
    """The Alliance or Policy proposed: a named one, one the policy rules already found under
    the same words ("proposed a rule" -> that rule), or a new one named by its modifiers."""
    known = ctx.ref(noun)
    if known is not None and known.candidate.type in ("Alliance", "Policy"):
        return known
    if known is not None:
        return None
    if found := _already_named(ctx, noun):
        return found
    lemma = noun.lemma_.lower()
    entity_type = "Alliance" if lemma in ALLIANCE_WORDS else "Policy" if (
        lemma in POLICY_WORDS or lemma in MEASURE_WORDS) else None
    if entity_type is None:
        return None
    words_before = [t for t in noun.lefts if t.dep_ in ("amod", "compound", "nmod")
                    and not (t.dep_ == "amod" and (t.lemma_.lower() in PROPOSAL
                                                   or t.lower_ in PENDING_MODIFIERS))]
    if not words_before:  # "the rules": nothing to name it by, unless a title follows
        title = _quoted_title(ctx, noun)
        if title is None and lemma in (INITIATIVE_NOUNS | LEGISLATION_NOUNS) - {"draft",
                                                                               "proposal"}:
            title = noun.text  # "the resolution", "the declaration": named by its kind
        return Ref(new_candidate(entity_type, title), title, 0.6) if title else None
    start = min([t.left_edge.i for t in words_before] + [noun.i])
    label = ctx.doc[start:noun.i + 1].text
    if lemma in MEASURE_WORDS and (on := next((c for c in noun.children if c.dep_ == "prep"
                                               and c.lower_ == "on"), None)) is not None:
        label = ctx.doc[start:on.right_edge.i + 1].text  # "export controls on emerging tech"
    return Ref(new_candidate(entity_type, label), label, 0.7)
