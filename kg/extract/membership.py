"""memberOf and withdrewFrom: joining, belonging to and leaving alliances.

"X joined Y", "X is a member of Y", "X was the only Chinese member" (the alliance in context),
"X will leave / quit / withdraw from / pull out of Y" (an announced exit counts, as in the seed
gold), "Y's members include A, B", "X's withdrawal from Y". Negated or hypothetical wording
gives nothing ("X did not leave", "X could quit", "a proposed withdrawal").
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.context import ArticleContext, Ref
from kg.extract.dates import date_in
from kg.extract.factuality import is_factual
from kg.extract.lexicon import word_forms, words

JOIN = words("membership", "join")
LEAVE = words("membership", "leave")
MEMBER_NOUNS = words("membership", "member_nouns")
LEAVE_NOUNS = words("membership", "leave_nouns")
FOUND = words("membership", "found")
ADMIT = words("membership", "admit")
BODY_PARTS = words("membership", "body_parts")
RELATIVES = frozenset({"which", "that"})
UNREAL = words("cooperation", "unreal_modifiers")
UNNAMED_ALLIANCE = frozenset({"alliance", "partnership", "group", "organization", "organisation",
                              "coalition", "consortium", "body", "initiative", "forum"})
#: How many sentences back "the alliance" or "the only member" may look for the alliance.
CONTEXT_SENTENCES = 3
#: The forms of a non-verb, which no verb lexicon matches.
_NO_FORMS: frozenset[str] = frozenset()


def extract_membership(ctx: ArticleContext) -> None:
    for token in ctx.tokens:
        pos = token.pos_
        forms = word_forms(token) if pos == "VERB" else _NO_FORMS
        if not forms.isdisjoint(JOIN) or not forms.isdisjoint(LEAVE):
            predicate = "memberOf" if not forms.isdisjoint(JOIN) else "withdrewFrom"
            _verb(ctx, token, predicate)
        elif token.lower_ in MEMBER_NOUNS and (token.dep_ in ("attr", "appos") or (
                token.dep_ == "pobj" and token.head.lower_ == "among")):
            _member_noun(ctx, token)
        elif token.lower_ in MEMBER_NOUNS and token.dep_ == "nsubj" and \
                token.head.lemma_.lower() == "include":
            _members_include(ctx, token)
        elif pos == "NOUN" and token.lower_ in LEAVE_NOUNS:
            _leaving_noun(ctx, token)
        if pos == "VERB" and token.lemma_.lower() in FOUND:
            _founded(ctx, token)
        if pos == "VERB" and token.lemma_.lower() in ADMIT:
            _admitted(ctx, token)


def _admitted(ctx: ArticleContext, verb: Token) -> None:
    """"The forum admitted Amazon and Meta (as members)": the alliance that admits is the
    one its objects join (memberOf)."""
    if not is_factual(verb):
        return
    alliance = next((r for c in verb.children if c.dep_ == "nsubj"
                     if (r := _alliance(ctx, c)) is not None), None)
    if alliance is None:
        return
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        for member in ctx.refs(obj):
            if member.candidate.type in ("Company", "Government"):
                ctx.add_fact(member, "memberOf", alliance, verb.sent, 0.75,
                             date=date_in(ctx, verb.sent))


def _founded(ctx: ArticleContext, verb: Token) -> None:
    """"The forum was founded by A, B and C", "A and B set up the alliance": the founders
    are its first members (memberOf). Only companies and governments, only an alliance, only
    what happened (ruling 5)."""
    if not is_factual(verb):
        return
    passive = any(c.dep_ == "nsubjpass" for c in verb.children)
    if passive:
        alliances = [c for c in verb.children if c.dep_ == "nsubjpass"]
        founders = [p for a in verb.children if a.dep_ == "agent"
                    for p in a.children if p.dep_ == "pobj"]
    else:
        alliances = [c for c in verb.children if c.dep_ == "dobj"]
        founders = [c for c in verb.children if c.dep_ == "nsubj"]
    alliance = next((r for a in alliances if (r := _alliance(ctx, a))), None)
    if alliance is None:
        return
    for founder in founders:
        for token in (founder, *founder.conjuncts):
            ref = ctx.ref(token)
            if ref is not None and ref.candidate.type in ("Company", "Government"):
                ctx.add_fact(ref, "memberOf", alliance, verb.sent, 0.75,
                             date=date_in(ctx, verb.sent))


def _subjects(ctx: ArticleContext, verb: Token) -> list[Ref]:
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects and verb.dep_ in ("xcomp", "conj") and verb.head.pos_ in ("VERB", "AUX"):
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    if verb.dep_ == "relcl" and any(s.lower_ in ("it", "they") for s in subjects):
        # "Baidu withdrew from X, which it had joined in 2018": "it" is the main subject
        main = next((a for a in verb.head.ancestors if a.pos_ in ("VERB", "AUX")), None)
        return _subjects(ctx, main) if main is not None else []
    refs = []
    for subject in subjects:
        for token in [subject, *subject.conjuncts]:
            if (ref := ctx.ref(token)) is not None:
                refs.append(ref)
    if not refs and subjects:
        refs = _name_before_apposition(ctx, verb, subjects[0])
    return refs


def _name_before_apposition(ctx: ArticleContext, verb: Token, subject: Token) -> list[Ref]:
    """"Baidu, then the only Chinese member of X, quit the group": the parser may take the
    description for the subject and hang the name on the verb; the name set off by a comma
    before the subject is who acted."""
    for child in verb.lefts:
        if child.i < subject.i and child.dep_ in ("advmod", "npadvmod", "dep", "nsubj") and \
                child.i + 1 < len(ctx.doc) and ctx.doc[child.i + 1].text == "," and \
                (ref := ctx.ref(child)) is not None:
            return [ref]
    return []


def _verb(ctx: ArticleContext, verb: Token, predicate: str) -> None:
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if verb.dep_ == "relcl" and any(o.lower_ in RELATIVES for o in objects):
        objects.append(verb.head)  # "X, which it had joined"
    # "joined the board of X": a seat in the body's organs is a membership of the body
    objects += [p for o in objects if o.lemma_.lower() in BODY_PARTS
                for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
                for p in c.children if p.dep_ == "pobj"]
    objects += [c for o in objects if o.lemma_.lower() in BODY_PARTS
                for c in o.children if c.dep_ == "poss"]  # "joined the group's board"
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("from", "of", "out"):
            objects += [c for c in prep.children if c.dep_ == "pobj"]
        if prep.dep_ == "prt" or (prep.dep_ == "prep" and prep.lower_ == "out"):
            for sub in prep.children:
                objects += [c for c in sub.children if c.dep_ == "pobj"]
                objects += [c for c in prep.children if c.dep_ == "pobj"]
    if verb.lemma_.lower() in ("pull", "drop") and not any(
        c.lower_ == "out" for c in verb.subtree
    ):
        return
    alliance = next((r for o in objects if (r := _alliance(ctx, o))), None)
    if alliance is None or not is_factual(verb):
        return
    for subject in _subjects(ctx, verb):
        if subject.candidate.type in ("Company", "Government", "Alliance"):
            ctx.add_fact(subject, predicate, alliance, verb.sent, 0.85,
                         date=date_in(ctx, verb.sent))


def _alliance(ctx: ArticleContext, token: Token) -> Ref | None:
    ref = ctx.ref(token)
    if (ref is None or ref.candidate.type != "Alliance") and token.lower_ in UNNAMED_ALLIANCE:
        # "quit that group": one joins or leaves an alliance, so "group" is the alliance
        # named just before, even where coreference took it for a company group
        mention = _recent_alliance(ctx, token)
        ref = ctx.ref(ctx.doc[mention]) if mention is not None else None
    return ref if ref is not None and ref.candidate.type == "Alliance" else None


def _recent_alliance(ctx: ArticleContext, token: Token) -> int | None:
    sent = token.sent
    first = sent.start
    for _ in range(CONTEXT_SENTENCES - 1):
        if first == 0:
            break
        first = ctx.doc[first - 1].sent.start
    for i in range(token.i - 1, first - 1, -1):
        mention = ctx.mention_at(ctx.doc[i])
        if mention and mention.agent and mention.agent.type == "Alliance":
            return i
    return None


def _member_noun(ctx: ArticleContext, noun: Token) -> None:
    if not is_factual(noun, allow_modal=False):
        return
    alliance = None
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "in"):
            alliance = next((r for c in prep.children if (r := _alliance(ctx, c))), None)
    if alliance is None:
        position = _recent_alliance(ctx, noun)
        alliance = ctx.ref(ctx.doc[position]) if position is not None else None
        if alliance is not None and alliance.candidate.type != "Alliance":
            alliance = None
    if alliance is None:
        return
    members: list[Ref | None]
    if noun.dep_ == "appos":
        members = [ctx.ref(noun.head)]
    elif noun.dep_ == "pobj":  # "X is among the founding members of Y"
        members = [r for c in noun.head.head.children if c.dep_ == "nsubj" for r in ctx.refs(c)]
    else:
        members = [*_listed_subjects(ctx, noun.head)]
    for member in members:
        if member is not None and member.candidate.type in ("Company", "Government"):
            ctx.add_fact(member, "memberOf", alliance, noun.sent, 0.75)


def _listed_subjects(ctx: ArticleContext, verb: Token) -> list[Ref]:
    """The subject of a verb with the names listed with it, also where the parser misread the
    list "A, B and C": as A with an appositive that carries the rest, or as a modifier A set off
    by a comma before the subject "B and C"."""
    refs: list[Ref] = []
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):
        refs += ctx.refs(subject)
        refs += [r for a in subject.children if a.dep_ == "appos" and any(
            x.dep_ == "cc" for x in a.children) for r in ctx.refs(a)]
        if subject.conjuncts:
            refs += [r for c in verb.children if c.i < subject.i and c.dep_ in (
                "advmod", "npadvmod", "dep") and c.i + 1 < len(ctx.doc)
                and ctx.doc[c.i + 1].text == "," and (r := ctx.ref(c)) is not None]
    return refs


def _members_include(ctx: ArticleContext, noun: Token) -> None:
    """"The alliance's members include A, B and C", "Members of X include A": memberOf for
    each listed company or government; the alliance is the possessor, the "of" object or the
    alliance named just before."""
    verb = noun.head
    if not is_factual(verb, allow_modal=False):
        return
    alliance = None
    for child in noun.children:
        if child.dep_ == "poss":  # the possessive may hang on any word of the name
            alliance = next((r for t in child.subtree if (r := _alliance(ctx, t))), None)
        elif child.dep_ == "prep" and child.lower_ == "of":
            alliance = next((r for c in child.children if (r := _alliance(ctx, c))), None)
    if alliance is None:
        position = _recent_alliance(ctx, noun)
        alliance = ctx.ref(ctx.doc[position]) if position is not None else None
    if alliance is None or alliance.candidate.type != "Alliance":
        return
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        for member in ctx.refs(obj):
            if member.candidate.type in ("Company", "Government"):
                ctx.add_fact(member, "memberOf", alliance, verb.sent, 0.75)


def _leaving_noun(ctx: ArticleContext, noun: Token) -> None:
    """"Washington's withdrawal from the WHO", "the U.S. exit from the alliance": withdrewFrom
    by the possessor or the nationality named on the noun; not a planned or threatened exit
    ("a proposed withdrawal", "threatened a withdrawal": only what happened, ruling 5)."""
    if any(c.lower_ in UNREAL for c in noun.children) or not is_factual(noun):
        return
    alliance = next((r for p in noun.children if p.dep_ == "prep" and p.lower_ in ("from", "of")
                     for c in p.children if c.dep_ == "pobj" and (r := _alliance(ctx, c))),
                    None)
    if alliance is None:
        return
    for child in noun.children:
        if child.dep_ in ("poss", "compound", "amod") and (leaver := ctx.ref(child)) and \
                leaver.candidate.type in ("Company", "Government", "Alliance"):
            ctx.add_fact(leaver, "withdrewFrom", alliance, noun.sent, 0.75,
                         date=date_in(ctx, noun.sent))
