"""Policy phrases: which noun heads a policy, its kind, and the phrases left out.

A head word from the lexicon or a verb's policy noun; hedged, negated, "possible", cited-only
("in violation of WTO rules") and framed phrases are not policies (DESIGN.md ruling 5).
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.context import ArticleContext, Mention
from kg.extract.lexicon import table, words
from kg.extract.policy.triggers import DOCUMENT_HEADS, ISSUE_VERBS, LISTING_VERBS, SIGN_VERBS

HEADS = words("policy", "heads")
GENERIC_HEADS = words("policy", "generic_heads")
POLICY_MODIFIERS = words("policy", "policy_modifiers")
TITLE_HEADS = words("policy", "title_heads")
STRICT_HEADS = words("policy", "strict_heads")
SPONSOR_VERBS = words("policy", "sponsor_verbs")
IRREALIS_MODIFIERS = words("policy", "irrealis_modifiers")
IMPOSING_VERBS = words("policy", "imposing_verbs")
CITING_VERBS = words("policy", "citing_verbs")
CITING_PREPS = words("policy", "citing_preps")
HEDGES = words("policy", "hedges")
REQUEST_VERBS = words("policy", "request_verbs")
REQUESTED_ACTS = words("policy", "requested_acts")
UNDO_VERBS = words("policy", "undo_verbs")
HEAD_KINDS = table("policy", "head_kinds")
LISTED = frozenset({"company", "entity", "firm", "organization", "organisation", "individual",
                    "person", "supplier", "contractor"})


def _kind_of(lemma: str) -> str:
    return HEAD_KINDS.get(lemma, lemma)


def _kind(head: Token) -> str:
    """What sort of measure a head word names: "curbs", "restrictions" and "rules" are one
    sort, "probe" and "investigation" another (policy.toml head_kinds)."""
    lemma = _head_lemma(head)
    return HEAD_KINDS.get(lemma, HEAD_KINDS.get(head.lower_, lemma))


def _is_title_of(ctx: ArticleContext, token: Token, mention: Mention) -> bool:
    """"The Frontier AI Safety Commitments" taken for an organisation's name: a capitalised
    name ending in a policy word is the title of a document."""
    return mention.agent is not None and mention.agent.type in ("Company", "Alliance") and \
        token.i == mention.end - 1 and token.i == ctx.doc[mention.start:mention.end].root.i \
        and mention.end - mention.start > 1 and token.is_title and \
        (token.lower_ in TITLE_HEADS or token.lower_ in DOCUMENT_HEADS)


def _is_head_word(token: Token) -> bool:
    """A policy noun heading its phrase ("export controls", not "control" in "control list"),
    or the capitalised last word of a document's title ("the Seoul Ministerial Statement")."""
    if token.pos_ not in ("NOUN", "PROPN") or token.dep_ == "compound":
        return False
    if token.lower_ in HEADS or token.lemma_.lower() in HEADS:
        return True
    if token.lower_ in TITLE_HEADS and any(  # "the ministerial statement adopted by ..."
            verb.lemma_.lower() in SIGN_VERBS | {"adopt"}
            and any(a.dep_ == "agent" for a in verb.children)
            for verb in (*(c for c in token.children if c.dep_ == "acl"),
                         *([token.head] if token.dep_ == "nsubjpass" else []))):
        return True
    return token.lower_ in TITLE_HEADS and token.is_title and token.i > token.sent.start and \
        any(t.dep_ == "compound" and t.is_title for t in token.lefts)


def _head_lemma(head: Token) -> str:
    lemma = head.lemma_.lower()
    return lemma if lemma in HEADS else head.lower_


def _framed_policy(ctx: ArticleContext, head: Token) -> Token | None:
    """"The ministry issued rules for an unreliable entity list": rules that frame another
    policy are that policy's text; its issuers pass to the policy they set up."""
    if _head_lemma(head) not in GENERIC_HEADS or ctx.mention_at(head) is not None:
        return None
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "for":
            for pobj in prep.children:
                mention = ctx.mention_at(pobj)
                named = mention is not None and mention.agent is not None and \
                    mention.agent.type == "Policy"
                if pobj.dep_ == "pobj" and (named or (mention is None and _is_head_word(pobj))):
                    return ctx.doc[mention.start:mention.end].root if named and mention \
                        else pobj
    return None


def _frames_the_act(head: Token) -> bool:
    """"Washington added firms to its list in a new crackdown": an unnamed "in a <measure>"
    on an issuing verb describes the act that verb states, not a second policy."""
    prep = head.head
    return head.dep_ == "pobj" and prep.lower_ == "in" and prep.dep_ == "prep" and \
        prep.head.pos_ == "VERB" and prep.head.lemma_.lower() in ISSUE_VERBS and \
        any(c.dep_ in ("dobj", "nsubjpass") for c in prep.head.children)


def _hedged(head: Token) -> bool:
    """"He would impose a tariff": a hypothetical act (DESIGN.md ruling 5), while "will"
    states a decided measure and stays."""
    verb = _governing_verb(head)
    return verb is not None and (any(c.dep_ == "aux" and c.lower_ in HEDGES
                                     for c in verb.children) or _requested(verb))


def _standing_under_request(head: Token) -> bool:
    """"urged Washington to lift its sanctions on China": asking to undo a measure speaks of
    one that stands, whatever the mood of the request (only the undoing is unrealised)."""
    verb = _governing_verb(head)
    if verb is None or verb.lemma_.lower() not in UNDO_VERBS or head.dep_ != "dobj":
        return False
    while verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i:
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in REQUEST_VERBS:
            return True
        verb = verb.head
    return False


def _requested(verb: Token) -> bool:
    """"The committee urged the department to add DeepSeek to the Entity List": a listing or
    measure someone asks to be made is not one made (ruling 5: proposed, not held); "urged
    Washington to lift its sanctions" speaks of sanctions that stand."""
    if verb.lemma_.lower() not in REQUESTED_ACTS:
        return False
    while verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i:
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in REQUEST_VERBS:
            return True
        verb = verb.head
    return False


def _comma_twin(head: Token, *, after: bool = True) -> Token | None:
    """"The rulebook, the Interim Measures ..., was published": an apposition the parser
    made a second subject (or object) of the same verb, the two phrases joined by a comma
    alone; the one after the head (or before it)."""
    for sibling in head.head.children:
        if sibling.dep_ != head.dep_ or sibling.i == head.i or (sibling.i > head.i) != after:
            continue
        first, second = (head, sibling) if after else (sibling, head)
        gap = head.doc[first.right_edge.i + 1:second.left_edge.i]
        if len(gap) == 1 and gap[0].text == ",":
            return sibling
    return None


def _named_apposition(ctx: ArticleContext, head: Token) -> Mention | None:
    """The named policy the phrase is in apposition with ("the rulebook, the Interim ...",
    "X, a rule that ..."), if any."""
    twin = _comma_twin(head)
    for token in (*(c for c in head.children if c.dep_ == "appos"), head.head,
                  *([twin] if twin is not None else [])):
        mention = ctx.mention_at(token)
        if mention is not None and mention.agent is not None and \
                mention.agent.type == "Policy":
            return mention  # "the rulebook, X", "X, the rulebook" or "the rulebook of X"
    return None


def _cited(head: Token) -> bool:
    """A generic rule cited, not issued: "in violation of WTO rules", "broke the law"; an act
    by a named body that a party is under ("under investigation by the directorate") is no
    citation."""
    if head.dep_ == "pobj" and head.head.lower_ in CITING_PREPS:
        return not (head.head.lower_ == "under" and any(
            c.dep_ == "prep" and c.lower_ == "by" for c in head.children))
    return head.dep_ == "dobj" and head.head.lemma_.lower() in CITING_VERBS


def _is_policy(head: Token, direct: bool) -> bool:
    """Generic heads ("rules", "measures", "plan") are policies only with a policy word
    before them, an issuing verb, a list of organisations, or a named issuer before them
    (ruling 15: "Washington's rules"); a plan to do something is an intention, and a
    "possible" or "threatened" measure none yet (ruling 5)."""
    lemma = _head_lemma(head)
    if any(t.lower_ in IRREALIS_MODIFIERS for t in head.lefts):
        return False
    if lemma in DOCUMENT_HEADS and any(c.dep_ in ("acl", "xcomp") and
                                       any(g.lower_ == "to" for g in c.children)
                                       for c in head.children):
        return False
    if lemma not in GENERIC_HEADS:
        return True
    if _cited(head):
        return False
    if any(t.lower_ in POLICY_MODIFIERS for t in head.lefts) or _list_of_entities(head):
        return True
    verb = _governing_verb(head)
    if verb is not None and verb.lemma_.lower() in ISSUE_VERBS | SIGN_VERBS:
        return True
    # "Chinese law allows ...", "U.S. business conditions": a nation's law or conditions in
    # general, not a measure it issued
    return direct and lemma not in STRICT_HEADS


def _list_of_entities(head: Token) -> Token | None:
    """"its list of companies ...": a list whose members are organisations is a policy."""
    if head.lower_ != "list":
        return None
    return next((p for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                 for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() in LISTED), None)


def _own_clauses(ctx: ArticleContext, head: Token) -> list[Token]:
    """Issuing participles and relative clauses of the phrase: "guidance issued by X", and
    "controls on chips bound for China, which the department imposed", where the parser
    hangs the clause on the last name before it rather than on the policy."""
    verbs = ISSUE_VERBS | SIGN_VERBS
    if _head_lemma(head) in DOCUMENT_HEADS:
        verbs = verbs - SPONSOR_VERBS  # "a resolution proposed by China": China proposed it
    clauses = [c for c in head.children if c.dep_ in ("acl", "relcl")
               and c.lemma_.lower() in verbs]
    for token in head.subtree:
        if token.dep_ not in ("relcl", "acl") or token.head.i == head.i or \
                token.lemma_.lower() not in verbs:
            continue
        if (ctx.mention_at(token.head) or token.lemma_.lower() in IMPOSING_VERBS) and any(
                c.dep_ in ("dobj", "nsubjpass") and c.lower_ in ("which", "that")
                for c in token.children):
            clauses.append(token)  # "controls on chips [for China], which/that X imposed"
        elif token.dep_ == "acl" and token.i > token.head.i + 1 and any(
                c.dep_ == "agent" for c in token.children) and any(
                t.is_punct for t in head.doc[token.head.i:token.i]):
            clauses.append(token)  # "the Statement on ... in Geneva, issued by A and B"
    return clauses


def _governing_verb(head: Token) -> Token | None:
    """The verb whose object the phrase is: "imposed restrictions", "added X to its list",
    "put X under export licensing", "were published by ..."; through coordination."""
    token = head
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ == "pobj" and token.head.dep_ == "prep":
        # "added X to its list", not "signed the bill into law"; the parser may hang "to
        # the list" on the last listed name ("added 30 firms, including A and B, to ...")
        ancestor = token.head.head
        for _ in range(4):
            if ancestor.pos_ in ("VERB", "AUX") and ancestor.lemma_.lower() in LISTING_VERBS:
                return ancestor
            if ancestor.dep_ not in ("pobj", "prep", "conj", "dobj", "appos") or \
                    ancestor.head.i == ancestor.i:
                return None
            ancestor = ancestor.head
        return None
    if token.dep_ in ("dobj", "nsubjpass", "prep", "dative", "oprd") and \
            token.head.pos_ in ("VERB", "AUX"):
        return token.head
    if token.dep_ == "appos" and token.head.dep_ in ("dobj", "nsubjpass"):
        return token.head.head if token.head.head.pos_ in ("VERB", "AUX") else None
    return None


def _describes(ctx: ArticleContext, mention: Mention) -> bool:
    """Is a country-like mention a modifier of a noun ("Chinese entities", "China's largest
    chipmaker") rather than a party itself?"""
    root = ctx.doc[mention.start:mention.end].root
    return root.dep_ not in ("dobj", "pobj", "nsubjpass", "nsubj", "conj", "appos") or \
        root.pos_ == "ADJ" or root.head.lower_ in ("of", "in", "from")
