"""Is a trigger asserted as fact? Negated, hypothetical, expected, hoped-for and questioned
statements are not extracted (precision over recall)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.lexicon import matches, words
from kg.nlp import doc_text

MODALS = words("factuality", "modals")
IRREALIS = words("factuality", "irrealis")
NEGATIONS = words("factuality", "negations")
#: Governing verbs whose "to" complement did not happen or is only threatened.
UNREALISED = words("factuality", "refusals") | words("factuality", "threats")
#: Governing words whose gerund did not happen: "refrained from criticising", "avoided
#: meeting", "stopped short of condemning".
ABSTENTIONS = words("factuality", "abstentions")
#: Auxiliaries that open a conditional by inversion: "Had Xi met Biden, ...", "Were China to
#: criticise ...", "Should the two sides agree, ...".
INVERTED = words("factuality", "inverted_conditionals")
#: Verbs and openers of a supposition: "Imagine a world in which A and B cooperate",
#: "Assuming the US and China agree on a truce, ...".
SUPPOSITIONS = words("factuality", "suppositions")
CONDITIONAL_MARKS = words("factuality", "conditional_marks")
#: Predicates that call a claim true, so that their negation calls it false ("not true").
TRUTH = words("factuality", "truth")
#: Subjects that negate their verb: "Neither A nor B has signed", "none of them met B".
NEGATIVE_SUBJECTS = words("factuality", "negative_subjects")
#: Adverbs of an act that did not quite happen: "nearly signed", "almost reached a deal".
NEAR_MISSES = words("factuality", "near_misses")
#: Auxiliaries of a future main clause: "If X happens, Beijing will condemn it".
FUTURE = frozenset({"will", "would", "'ll", "shall"})
REQUESTS = words("factuality", "requests")
#: Clausal links through which the governing verb's mood carries over to the trigger.
CLAUSAL = frozenset({"xcomp", "ccomp", "advcl", "conj", "pcomp", "acl", "relcl", "dobj", "pobj",
                     "acomp", "prep", "attr", "nsubj", "nsubjpass"})


def is_question(sent: Span) -> bool:
    """Does the sentence end with a question mark (before closing quotes)?

    Slices the doc's text, joined once (kg.nlp.doc_text): Span.text would build a Token for
    every word, and this is asked for every trigger (Span.text is the same slice).
    """
    text = doc_text(sent.doc)[sent.start_char:sent.end_char]
    return text.rstrip().rstrip("”\"'’").endswith("?")


#: Verbs that deny what their clause says: "X denied (reports) that A had partnered with B".
DENIALS = words("factuality", "denials")
REJECTIONS = words("factuality", "rejections")
FALSITY_ADVERBS = words("factuality", "falsity_adverbs")
MISSTATEMENTS = words("factuality", "misstatements")
CLAIM_NOUNS = words("factuality", "claim_nouns")
FALSITY = words("factuality", "falsity")
CHARGES = words("factuality", "charges")
ASSERTING_MARKS = words("factuality", "asserting_marks")
UNVERIFIED = words("factuality", "unverified")
VERIFY_VERBS = words("factuality", "verify_verbs")
#: Arguments whose determiner "no" negates the verb: "no agreement was reached", "reached no deal".
_NEGATABLE = frozenset({"nsubj", "nsubjpass", "dobj"})


def is_negated(token: Token) -> bool:
    """"did not meet", "never signed", and a verb whose subject or object is under "no":
    "no agreement was reached", "reached no deal"."""
    for child in token.children:
        if child.dep_ == "neg" or child.lower_ in ("never", "not", "n't"):
            return True
        if token.pos_ in ("VERB", "AUX") and child.dep_ in _NEGATABLE and _under_no(child):
            return True
        if token.pos_ in ("VERB", "AUX") and child.dep_ in ("nsubj", "nsubjpass") and (
                child.lower_ in NEGATIVE_SUBJECTS or any(
                    g.dep_ == "preconj" and g.lower_ in NEGATIVE_SUBJECTS
                    for g in child.children)):
            return True  # "Neither A nor B has signed a deal", "none of them met B"
    return False


def _under_no(noun: Token) -> bool:
    """"no agreement", "no deal": the noun's determiner is "no". Only the trigger noun itself
    and a verb's arguments are negated so: in "no retreat on the controls" the controls stand."""
    return any(g.dep_ == "det" and g.lower_ in ("no", "neither") for g in noun.children)


def is_denied(token: Token) -> bool:
    """A denial verb governs the trigger within its sentence: "denied reports that it had
    partnered", "dismissed claims that they met" (the statement is reported only to be
    denied, DESIGN.md: only what happened)."""
    if any(a.lemma_.lower() in DENIALS for a in token.ancestors):
        return True
    child = token
    for head in token.ancestors:  # "rejected suggestions that she had pressed X"
        if head.lemma_.lower() in REJECTIONS and child.pos_ == "NOUN" and child.dep_ == "dobj" \
                and child.i < token.i and any(c.dep_ in ("acl", "ccomp") for c in child.children):
            return True
        if head.lemma_.lower() in REJECTIONS and child.dep_ == "dobj" and child.i < token.i \
                and child.lemma_.lower() in CLAIM_NOUNS \
                and any(c.dep_ == "relcl" for c in child.children):
            return True  # "disputed the account that Wang had pressed X" (parsed relative)
        child = head
    return is_falsified(token) or _denied_after(token) or _unverified(token)


def _denied_after(token: Token) -> bool:
    """"A source said Lutnick had asked Nvidia to report its sales, which the company denied":
    a clause of denial that closes a report answers the statement reported. Only in a report
    (a content clause): the writer's own "A met B, which B denied" is left as told. Not after
    a charge ("accused X of spying, which X denied"): the denial answers what the charge says,
    and the accusation itself was made. Source: DESIGN.md ruling 5."""
    if token.lemma_.lower() in CHARGES or not any(
            a.dep_ == "ccomp" for a in (token, *token.ancestors)):
        return False  # only a report ("sources said A met B, which B denied") is so answered
    for verb in token.sent[token.i - token.sent.start + 1:]:
        if verb.dep_ not in ("relcl", "advcl") or verb.lemma_.lower() not in DENIALS or \
                verb.doc[verb.left_edge.i - 1].text != ",":
            continue
        if any(c.lower_ == "which" and c.dep_ in ("dobj", "nsubjpass", "nsubj")
               for c in verb.children) and not any(
                a.lemma_.lower() in CHARGES for a in token.ancestors):
            return True
    return False


def _unverified(token: Token) -> bool:
    """"A viral post says A and B signed a treaty", "rumours on Weibo said A met B": what a
    post, a rumour or a video says happened is a claim only, not a reported event; so is what
    the writer "could not verify" (DESIGN.md ruling 5). Words in factuality.toml."""
    if _unconfirmed_source(token):
        return True
    child = token
    for head in token.ancestors:
        if head.lemma_.lower() in VERIFY_VERBS and is_negated(head):
            return True  # "could not independently verify the report that A met B"
        if child.dep_ == "ccomp" and head.pos_ == "VERB":
            for subject in (c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")):
                if subject.lemma_.lower() in UNVERIFIED or subject.lower_ in UNVERIFIED or any(
                        c.dep_ == "amod" and c.lower_ in UNVERIFIED for c in subject.children):
                    return True
        child = head
    return False


def is_supposed(trigger: Token) -> bool:
    """"Imagine a world in which A and B cooperate", "suppose China criticised X": a clause
    under a verb of supposing; "Assuming / Provided the US and China agree on a truce, ...":
    the opening clause of a supposition, up to its comma (the small model often hangs it on
    the main verb). Words in factuality.toml."""
    if any(a.lemma_.lower() in SUPPOSITIONS and a.pos_ == "VERB" and a.tag_ != "VBD"
           and a.i < trigger.i for a in trigger.ancestors):
        return True
    sent = trigger.sent
    opener = sent[0] if sent[0].is_alpha or len(sent) < 2 else sent[1]
    if opener.lower_ not in SUPPOSITIONS and opener.lower_ not in CONDITIONAL_MARKS:
        return False
    comma = next((t.i for t in sent if t.text == "," and t.i > opener.i), sent.end)
    return opener.i < trigger.i < comma


def _unconfirmed_source(token: Token) -> bool:
    """"A and B signed a deal, according to a report that neither company confirmed / that
    Reuters could not verify": the clause's source is a claim its own sentence leaves
    unconfirmed (ruling 5)."""
    clause = token
    while clause.dep_ not in ("ROOT", "ccomp") and clause.head.i != clause.i:
        clause = clause.head
    for according in (c for c in clause.children if c.lower_ == "according"):
        for source in (p for to in according.children if to.lower_ == "to"
                       for p in to.children if p.dep_ == "pobj"):
            if any(c.dep_ == "relcl" and c.lemma_.lower() in VERIFY_VERBS and is_negated(c)
                   for c in source.children):
                return True
    return False


def is_falsified(token: Token) -> bool:
    """The sentence calls the clause holding the trigger false: a report or speech verb above it
    under "falsely", "incorrectly", "erroneously" ("an earlier version incorrectly said A met
    B"), a misstatement verb ("misstated that A signed a deal with B"), or a claim noun whose
    clause holds it and whose predicate is a falsity ("reports that A partnered with B were
    inaccurate", "rumours that A agreed ... proved false", "false reports that ...").

    Only strict ancestors count: in "X falsely accused Y" the accusation itself was made.
    Source: DESIGN.md ruling 5 (denied events are not events); words in factuality.toml.
    """
    child = token
    for head in token.ancestors:
        if head.lemma_.lower() in MISSTATEMENTS or any(
                c.dep_ == "advmod" and c.lower_ in FALSITY_ADVERBS for c in head.children):
            return True
        if head.lemma_.lower() in CLAIM_NOUNS | UNVERIFIED and child.dep_ in (
                "acl", "ccomp", "relcl", "prep") and _called_false(head):
            return True  # also "reports of a meeting ...", "posts claiming that ..."
        child = head
    return False


def _called_false(noun: Token) -> bool:
    """"false reports", "the claim ... is untrue", "rumours ... proved false", "the report was
    a fabrication": the claim noun's own modifier or its copular predicate is a falsity."""
    if any(c.dep_ == "amod" and c.lemma_.lower() in FALSITY for c in noun.children):
        return True
    if noun.dep_ == "pobj" and noun.head.lower_ == "to" and noun.head.head.lemma_.lower() in \
            TRUTH and _under_no(noun.head.head):
        return True  # "there is no truth to claims that ..."
    if noun.dep_ not in ("nsubj", "nsubjpass"):
        return False
    predicates = [c for c in noun.head.children if c.dep_ in ("acomp", "attr", "oprd")]
    return any(c.lemma_.lower() in FALSITY for c in predicates) or any(
        c.lemma_.lower() in TRUTH and (is_negated(noun.head) or is_negated(c))
        for c in predicates)


def _inverted(token: Token) -> bool:
    """"Had Xi met Biden, ...", "Were China to criticise X, ...", "a deal, were it to happen,
    ...": an auxiliary before its clause's subject, opening the sentence or a comma's clause
    (a question is left to is_question)."""
    auxes = [token] if token.lower_ in INVERTED and token.pos_ == "AUX" else []
    auxes += [c for c in token.children if c.dep_ in ("aux", "auxpass") and
              c.lower_ in INVERTED]
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    doc = token.doc
    return any(a.i < s.i and (a.i == a.sent.start or doc[a.i - 1].text in (",", "—", "–", "("))
               for a in auxes for s in subjects)


def is_hortative(token: Token) -> bool:
    """"It is time for China and the US to cooperate", "the way for A and B to meet": an
    infinitive with a "for" subject says what should happen, not what did."""
    return any(c.dep_ == "mark" and c.lower_ == "for" for c in token.children) and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _irrealis_here(token: Token, *, allow_modal: bool) -> bool:
    if _inverted(token) or is_hortative(token):
        return True
    if token.pos_ in ("VERB", "AUX") and matches(token, IRREALIS):
        return True  # "hopes to meet": the small model lemmatises "hopes" as "hop"
    # a conditional's future main clause is a mood like a modal's: a measure named in it
    # ("X will be placed on the FCC's Covered List") still exists for allow_modal callers
    future = not allow_modal and any(c.dep_ == "aux" and c.lower_ in FUTURE
                                     for c in token.children)
    for child in token.children:
        if future and child.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in CONDITIONAL_MARKS for m in child.children):
            return True  # "If Washington adds X to the list, Beijing will condemn it"
        if child.dep_ == "advmod" and child.lower_ in NEAR_MISSES:
            return True  # "nearly signed", "almost reached a deal"
        if child.dep_ == "aux" and child.lower_ in MODALS and not allow_modal:
            return True
        if child.dep_ == "mark" and child.lower_ in CONDITIONAL_MARKS:
            return True
        if child.dep_ == "acomp" and child.lemma_.lower() in IRREALIS:
            return True  # "the dialogue is due / likely to begin": the copula's complement
    return token.lemma_.lower() in IRREALIS or token.lower_ in IRREALIS


def _unrealised(trigger: Token) -> bool:
    """"Declined to sign the declaration", "threatened to impose a tariff": the act a refusal
    or a threat governs did not happen. Only the verb and its object: in "failing to notify
    regulators of its purchase" the purchase stands."""
    verb = trigger.head if trigger.dep_ == "dobj" else trigger
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in UNREALISED:
        return True
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("have", "be", "remain") and any(
            c.dep_ == "advmod" and c.lower_ == "yet" for c in verb.head.children):
        return True  # "have yet to sign", "is yet to meet"
    return _abstained(verb)


def _abstained(verb: Token) -> bool:
    """"Refrained from criticising X", "avoided meeting Y", "stopped short of condemning",
    "shied away from endorsing": a gerund under a word of abstention did not happen."""
    if verb.dep_ not in ("xcomp", "pcomp") or verb.tag_ != "VBG":
        return False
    token = verb
    for _ in range(4):
        if token.dep_ not in ("xcomp", "pcomp", "prep", "advmod", "prt", "acomp") or \
                token.head.i == token.i:
            return False
        token = token.head
        if token.lemma_.lower() in ABSTENTIONS or token.lower_ in ABSTENTIONS:
            return True
    return False


def is_requested(trigger: Token) -> bool:
    """"Urged Xi to press Russia on Ukraine", "urged China to cooperate with the EU", "asked
    Wang to meet executives": an event only asked for has not happened (ruling 5; the request
    is the Demand). For event triggers: a measure named in the request ("urged Washington to
    lift its sanctions") still exists, so this is not part of is_factual."""
    verb = trigger.head if trigger.dep_ == "dobj" else trigger
    for _ in range(3):  # "urged X to work together to build ...": up the "to" chain
        if verb.dep_ != "xcomp":
            return False
        if verb.head.lemma_.lower() in REQUESTS:
            return True
        verb = verb.head
    return False


def is_factual(trigger: Token, *, allow_modal: bool = False, stop: Token | None = None) -> bool:
    """False when the trigger or a verb governing it is negated, modal or irrealis
    ("could meet", "expected to join", "if they withdraw", "did not leave"), refused or
    threatened ("declined to sign", "threatened to impose"), or the sentence is a question.
    `stop` is the speech verb of reported speech, whose mood does not count.
    """
    if is_question(trigger.sent) or is_denied(trigger) or _under_no(trigger) or \
            _unrealised(trigger) or is_supposed(trigger):
        return False
    token = trigger
    asserted = False  # under a clause of its own that the sentence asserts ("though A urged B")
    for _ in range(6):
        if stop is not None and token.i == stop.i:  # spaCy makes a new Token per access
            break
        if (is_negated(token) and not asserted) or \
                _irrealis_here(token, allow_modal=allow_modal):
            return False
        if token.dep_ not in CLAUSAL or token.head.i == token.i:
            break
        if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ASSERTING_MARKS
                                         for c in token.children):
            asserted = True  # "X is not represented, though its chief has urged Y": urged
        if token.dep_ in ("ccomp", "conj", "relcl") and token.pos_ in ("VERB", "AUX"):
            # An embedded statement's own mood decides ("X said Y met Z"), except under
            # "hope", "expect" and the like.
            return token.head.lemma_.lower() not in IRREALIS or token.dep_ != "ccomp"
        token = token.head
    return True
