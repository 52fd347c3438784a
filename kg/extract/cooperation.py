"""Cooperation: agreements, deals, joint statements and stated willingness to cooperate.

Participants are the sides of the agreement (DESIGN.md, ruling 7): the subjects of the agreeing
verb and the "with/between" objects of the cooperation word. When one party agrees with another
("A and B agreed to pay C"), each subject is paired with the other party, not with each other.
Only agreements that were made count (ruling 5): negated, modal, expected or "proposed" ones
give nothing; and complying, cooperating with a probe or settling a penalty are no agreement
(ruling 13), which the rules never read as one because they need two sides of an agreement.

The shapes read over the parse:
  - agreeing without a cooperation noun: "A and B agreed that/to ...", "A agreed with B";
  - a cooperation noun as object or subject: "A struck a deal with B", "the consensus that A
    and B reached", "the agreement between A and B allows ...", "the US-China deal";
  - cooperating and stated willingness: "A works with B", "A is ready to work with B";
  - signatories of one text: "A, B and C signed the pledge", "the endorsers include A, B";
  - nominal cooperation: "A's partnership with B", "in partnership with B".
Group subjects stand for agents named before: "the two (leaders)" for the persons (also after
"A met B"), "the two sides/countries" for their national governments (ruling 18); "it" for the
organisation that speaks the frame, "the giant" for the company just named. An arrangement
confirmed or announced ("confirmed that A will partner with B") was made; one promoted between
two others ("committed to promoting cooperation between B and C") has the promoter as no side.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from kg.extract.context import ArticleContext, Candidate, Ref, group_count, group_types
from kg.extract.dates import date_in
from kg.extract.entities import candidate_of, country_readings, nationality
from kg.extract.factuality import (
    is_denied,
    is_factual,
    is_hortative,
    is_negated,
    is_question,
    is_requested,
    is_supposed,
)
from kg.extract.lexicon import matches, word_forms, words
from kg.extract.statements.speakers import _transcript_speakers
from kg.extract.topics import topics_for

COOPERATE = words("cooperation", "verbs")
COOPERATION_NOUNS = words("cooperation", "nouns")
JOINT_NOUNS = words("cooperation", "joint_nouns")
JOINT_WORDS = words("cooperation", "joint_words")
COMMITMENT = words("cooperation", "commitment")
AGREEMENT_VERBS = words("cooperation", "agreement_verbs")
JOINED_NOUNS = words("cooperation", "joined_nouns")
OBTAIN_VERBS = words("cooperation", "obtain_verbs")
AGREEMENT_PARTS = words("cooperation", "agreement_parts")
PRESUPPOSING = words("cooperation", "presupposing_parts")
AGREE = words("cooperation", "agree")
DISAGREE = words("cooperation", "disagree")
SIGN = words("cooperation", "sign")
SIGN_POLICY = frozenset({"sign", "endorse", "ratify"})
SIGNATORY_NOUNS = words("cooperation", "signatory_nouns")
#: Texts that parties put their names to: only their backers are signatories.
TEXT_NOUNS = words("cooperation", "text_nouns")
PAIR_NOUNS = words("cooperation", "pair_nouns")
MEETING_NOUNS = words("cooperation", "meeting_nouns")
MEETING_PREPS = frozenset({"at", "during", "in"})
#: Prepositions of place: their object is where, not who ("in Lima, Peru").
LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside"})
#: Words that count a group as a pair: "the two sides", "the 2 leaders", "both".
PAIR_WORDS = frozenset({"two", "2", "both"})
TOPIC_PREPS = frozenset({"on", "for", "toward", "towards", "about", "over", "of"})
JOINT_ACTS = words("cooperation", "joint_acts")
JOINT_AFFIRM = words("cooperation", "joint_affirm")
OWN_POSITIONS = words("cooperation", "own_positions")
TOGETHER = words("cooperation", "together")
MEMBERS_PREPS = words("cooperation", "members_preps")
SIDE_NOUNS = words("cooperation", "side_nouns")
UNREAL = words("cooperation", "unreal_modifiers")
OFFICIAL_NOUNS = words("cooperation", "official_nouns")
NOMINAL_NOUNS = words("cooperation", "nominal_nouns")
#: Governing verbs under which an agreement noun is only sought ("sought a deal with B").
IRREALIS = words("factuality", "irrealis")
MODALS = words("factuality", "modals")
NEGATIONS = words("factuality", "negations")
#: Modals of a "that" clause that make agreeing an accord: "agreed that humans must decide".
ACCORD_MODALS = words("cooperation", "accord_modals")
AGENT_TYPES = ("Person", "Company", "Government", "Alliance")
#: Sentences back that "the two sides" / "they" may look for the agents they stand for.
GROUP_WINDOW = 3
ROLE_WINDOW = 6
#: How many tokens after its noun a list of members may run.
MAX_LIST = 40
PERSON_GROUPS = words("cooperation", "person_groups")
COMPANY_GROUPS = words("cooperation", "company_groups")
HEAD_GROUPS = words("cooperation", "head_groups")
PENALTY_NOUNS = words("cooperation", "penalty_nouns")
QUANTITY_NOUNS = words("cooperation", "quantity_nouns")
#: Words by which coordinated subjects act each on their own ("A and B separately signed").
DISTRIBUTIVE_ADVERBS = words("cooperation", "distributive_adverbs")
DISTRIBUTIVE_ADJECTIVES = words("cooperation", "distributive_adjectives")
#: Unnamed partners of a "with" phrase ("with regulators", "with the investigation").
PARTY_NOUNS = words("cooperation", "party_nouns") | words("entities", "definite_company") | \
    words("entities", "definite_government")
WITH_NONPARTIES = words("cooperation", "with_nonparties")
#: What subjects accept or owe without an accord among themselves ("agreed to the rules").
COMPLIANCE_NOUNS = words("cooperation", "compliance_nouns")
PAYMENT_VERBS = words("cooperation", "payment_verbs")
#: What an agreement that was never made does: "the deal fell through / collapsed".
FAILURES = words("cooperation", "failures")
COMPANY_NOUNS = words("entities", "definite_company")
#: Verbs that state a decision made: "confirmed that A will partner with B".
ANNOUNCE = words("cooperation", "announce_verbs")
#: Verbs whose subject and object met: "A met B. The two leaders agreed ..." (the pair).
MEETING_VERBS = words("meetings", "meet_verbs") | words("meetings", "receive_verbs") | \
    words("meetings", "phone_verbs")
#: "Entered into a partnership with B": prepositions through which a verb takes its agreement.
ENTRY_PREPS = words("cooperation", "entry_preps")
TRADE_VERBS = words("cooperation", "trade_verbs")
TRADE_PREPS = tuple(words("cooperation", "trade_preps"))
#: Willingness words are irrealis for meetings ("ready to meet" is no meeting), but a stated
#: willingness to cooperate is itself a Cooperation (DESIGN.md, "What goes into the graph").
WILLINGNESS = frozenset({"willing", "ready", "eager"})


def extract_cooperation(ctx: ArticleContext) -> None:
    for token in ctx.tokens:
        pos = token.pos_
        if pos not in ("VERB", "AUX", "NOUN", "ADJ", "PROPN"):
            continue
        forms = word_forms(token)
        verb = pos == "VERB"
        if (verb and not forms.isdisjoint(COOPERATE)) or (
                pos != "PROPN" and not forms.isdisjoint(COMMITMENT)):
            _cooperation(ctx, token)
        if verb and (not forms.isdisjoint(AGREEMENT_VERBS) or any(
                c.dep_ == "dobj" and c.lower_ in PRESUPPOSING for c in token.children)):
            _agreement(ctx, token)
        if verb and not forms.isdisjoint(AGREE):
            _agree(ctx, token)
        if verb and not forms.isdisjoint(SIGN):
            _signing(ctx, token)
        if verb and not forms.isdisjoint(JOINT_AFFIRM):
            _joint_affirmation(ctx, token)
        if verb and token.lemma_.lower() == "join":
            _join_in(ctx, token)
        if verb and token.lemma_.lower() == "include":
            _signatories(ctx, token)
        if pos == "NOUN" and (token.lower_ in NOMINAL_NOUNS or _is_agreement_noun(token)):
            _nominal(ctx, token)


# --- parties -------------------------------------------------------------------------------

def _agents(refs: Iterable[Ref]) -> list[Ref]:
    return [r for r in refs if r.candidate.type in AGENT_TYPES]


def _subjects(ctx: ArticleContext, verb: Token) -> list[Ref]:
    """The subject and its conjuncts, climbing from "agreed to cooperate" to "agreed"; a group
    subject ("the two", "the two sides", "they") stands for the agents named before it."""
    token = verb
    for _ in range(3):
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "agent")]
        subjects += _headline_pair(token, subjects)
        refs: list[Ref] = []
        for subject in subjects:
            if subject.dep_ == "agent":
                refs += [r for c in subject.children if c.dep_ == "pobj" for r in _party(ctx, c)]
            else:
                refs += _party(ctx, subject)
        if not refs and _verbless_subject(token):
            refs = _party(ctx, token.head)  # "Huawei partnered with B" parsed as a noun phrase
        if refs or token.dep_ not in ("xcomp", "acomp", "conj", "pcomp", "prep", "advcl"):
            return _agents(refs)
        if token.dep_ in ("conj", "advcl") and any(s.dep_ == "nsubj" for s in subjects):
            return []  # "both companies welcomed it and the two sides agreed": its own subject
        token = token.head
    return []


def _verbless_subject(verb: Token) -> bool:
    """"Huawei partnered with B to ...": the small model reads a sentence that opens with a
    name and a past form as one noun phrase (the name its root, the verb a modifier); a
    name that is the root of its sentence, with nothing before it, is the verb's subject."""
    head = verb.head
    return verb.dep_ == "acl" and head.dep_ == "ROOT" and head.pos_ in ("PROPN", "NOUN") and \
        head.left_edge.i == head.sent.start and verb.tag_ in ("VBD", "VBN") and \
        all(t.i >= verb.i or t.dep_ in ("compound", "det", "amod", "poss", "case", "punct")
            or t.i == head.i for t in head.sent if t.i < verb.i)


def _headline_pair(verb: Token, subjects: list[Token]) -> list[Token]:
    """"China, US agree to ...": headlines coordinate subjects with a bare comma, which the
    small model parses as a modifier of the verb just before the subject. "Secretary A and
    Vice Premier He signed": with the surname "He" read as a pronoun, the first name hangs
    on the verb the same way, coordinated with the second one's title."""
    if len(subjects) != 1:
        return []
    subject = subjects[0]
    return [c for c in verb.children if c.dep_ in ("npadvmod", "nmod", "dep")
            and c.pos_ == "PROPN" and ((c.i + 2 == subject.left_edge.i
                                        and c.doc[c.i + 1].text == ",")
                                       or (c.i < subject.i and any(
                                           t.dep_ == "cc" for t in c.children)
                                           and subject.lower_ in ("he", "she")))]


def _party(ctx: ArticleContext, token: Token) -> list[Ref]:
    """The agents a noun phrase names: itself and its conjuncts, the members a plural noun
    lists ("developers, among them A and B"), or the group a "two"/"they" refers back to."""
    if _is_side_noun(token):
        return _national_sides(ctx, token)
    if token.lower_ == "we":
        return _speakers_organisation(ctx, token)
    members = _members(ctx, token)
    if members:
        return members
    refs = [r for t in [token, *token.conjuncts] if (r := ctx.named_person(t) or ctx.ref(t))
            and r.candidate.type != "Policy"]
    if not refs and (speaker := ctx.subject_antecedent(token)) is not None:
        return [speaker]  # "China said it was ready to work with B"
    if not refs and token.lower_ in COMPANY_NOUNS and any(
            c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        # "the Chinese e-commerce giant will partner with B": the company named just before
        mention = ctx.last_mention(token.i, "Company", same_or_previous_sentence=True)
        if mention is not None and mention.agent is not None:
            return [Ref(mention.agent, mention.surface, mention.confidence * 0.9)]
    return refs or _group(ctx, token) or _officials(ctx, token)


def _speakers_organisation(ctx: ArticleContext, token: Token) -> list[Ref]:
    """"Archer: We signed an agreement with Samsung": in a transcript line, "we" is the
    company the speaker holds a role in (its chief speaks for it). An official's "we" may be
    his ministry or his country, which the line does not say."""
    speaker = _transcript_speakers(ctx).get(token.sent.start)
    if speaker is None:
        return []
    return [Ref(org, token.text, 0.7) for org in ctx.objects_of(speaker.candidate.id, "roleIn")
            if org.type == "Company"][:1]


def _officials(ctx: ArticleContext, noun: Token) -> list[Ref]:
    """"Chinese diplomats", "U.S. officials": unnamed officials act for their government."""
    if noun.lower_ not in OFFICIAL_NOUNS:
        return []
    found: dict[str, Ref] = {}
    # "US and Chinese officials": each nationality is a side; "Saudi Arabia's government",
    # "the government of Saudi Arabia": the country named on the noun
    modifiers = [c for c in noun.children if c.dep_ in ("amod", "compound", "nmod", "poss")]
    modifiers += [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                  for p in c.children if p.dep_ == "pobj"]
    for child in modifiers:
        for word in [child, *child.conjuncts]:
            if (readings := nationality(ctx, word)) is not None:
                # the label, not "Chinese": a demonym is no alias of a government
                found.setdefault(readings[0].id, Ref(readings[0], readings[0].label, 0.8))
    return list(found.values())


def _members(ctx: ArticleContext, noun: Token) -> list[Ref]:
    """"Sixteen developers, among them A, South Korea's B and C, signed": the agents listed
    right after a plural noun. The small model attaches such lists anywhere, so the list is
    read along the surface: names, commas, "and" and describing words, up to the next verb,
    preposition or infinitive; a possessor ("South Korea's") is not on the list."""
    if noun.tag_ not in ("NNS", "NNPS"):
        return []
    doc = ctx.doc
    i = None
    for j in range(noun.i + 1, min(noun.i + 6, noun.sent.end)):  # "dozens of countries, incl."
        if doc[j].lower_ in MEMBERS_PREPS:
            i = j
            break
        if doc[j].pos_ not in ("PUNCT", "ADP", "NOUN", "NUM", "ADJ", "DET"):
            return []
    if i is None:
        return []
    i += 2 if i + 1 < len(doc) and doc[i + 1].lower_ in ("them", "as") else 1
    refs: list[Ref] = []
    while i < noun.sent.end and i < noun.i + MAX_LIST:
        token = doc[i]
        mention = ctx.mention_at(token)
        if mention is not None:
            end = max(mention.end, i + 1)
            if not (end < len(doc) and doc[end].lower_ in ("'s", "’s")):
                refs += [r for r in [ctx.ref(token)] if r is not None]
            i = end
            continue
        if _ends_list(token):
            break
        i += 1
    return _agents(refs)


def _ends_list(token: Token) -> bool:
    if token.pos_ in ("VERB", "AUX"):
        return token.dep_ not in ("amod", "compound")  # "Chinese start-up Zhipu"
    if token.pos_ == "ADP":
        return token.dep_ != "prt"
    return token.pos_ in ("SCONJ", "PART") and token.lower_ not in ("'s", "’s")


def _group(ctx: ArticleContext, token: Token) -> list[Ref]:
    """"The two", "both", "they", "the two leaders": the latest two or more agents named
    together within the last sentences; "the two sides/countries" are their governments; a
    group noun of companies or of heads of state takes only members of that kind."""
    members = _group_members(ctx, token)
    word = token.lower_
    if word in COMPANY_GROUPS:
        # "Huang met Foxconn chairman Liu. The two companies agreed ...": their companies
        companies = {r.candidate.id: r for r in (_company_of(ctx, m) for m in members) if r}
        return list(companies.values()) if len(companies) >= 2 else []
    if word in HEAD_GROUPS and _of_state(token) and any(
            _heads_no_country(ctx, m) for m in members):
        # "the two heads of state" after two foreign ministers are the sides, unnamed (ruling 18)
        return _national_sides(ctx, token)
    return members


def _company_of(ctx: ArticleContext, ref: Ref) -> Ref | None:
    if ref.candidate.type == "Company":
        return ref
    if ref.candidate.type != "Person":
        return None
    companies = [o for o in ctx.objects_of(ref.candidate.id, "roleIn") if o.type == "Company"]
    return Ref(companies[0], companies[0].label, ref.confidence) if companies else None


def _of_state(token: Token) -> bool:
    """"presidents", "premiers", or "heads of state / government" (not "heads of delegation")."""
    if token.lower_ != "heads":
        return True
    return any(p.lower_ == "of" and any(o.lower_ in ("state", "government") for o in p.children)
               for p in token.children)


def _heads_no_country(ctx: ArticleContext, ref: Ref) -> bool:
    """A person known to hold office only in a ministry or agency ("Foreign Minister Wang Yi"),
    not in a national government itself: no head of state or government."""
    if ref.candidate.type != "Person" or not (offices := _offices(ctx, ref)):
        return False
    return not any((n := _national(ctx, Ref(o, o.label, 1.0))) is not None
                   and n.candidate.id == o.id for o in offices)


def _group_members(ctx: ArticleContext, token: Token) -> list[Ref]:
    word = token.lower_
    size = 2 if word in PAIR_WORDS else group_count(token)
    if word not in ("they", "two", "both") and not (size and token.tag_ == "NNS"):
        return []
    if _is_side_noun(token):
        return _national_sides(ctx, token)
    members = ctx.group_members(token)
    if members:
        return members
    # "they" looks back only within its own sentence: further back it is too often someone else
    # A role noun ("the two presidents") may look further back, for persons only.
    persons = token.lower_ in PERSON_GROUPS
    first = token.sent.start if word == "they" else \
        _window_start(ctx, token, ROLE_WINDOW if persons else GROUP_WINDOW)
    if word == "they" and (found := _previous_subject_group(ctx, token)):
        return found
    for candidate in reversed(ctx.doc[first:token.i]):
        if candidate.dep_ == "conj" or candidate.dep_ == "poss":
            continue
        group = [r for t in [candidate, *candidate.conjuncts] for r in _named_in(ctx, t)]
        if len(group) < 2:
            group += [r for t in _with_pair(candidate) if (r := ctx.ref(t))]
        group = [r for r in _agents(group) if not persons or r.candidate.type == "Person"]
        named = len({r.candidate.id for r in group})
        if named >= 2 and (size is None or named == size):  # "the two" are no group of three
            return group
        if word == "they" and candidate.lower_ in PAIR_WORDS and \
                (found := _group(ctx, candidate.head if candidate.dep_ == "nummod"
                                 else candidate)):
            return found  # "they" after "the two presidents"
    return []


def _named_in(ctx: ArticleContext, token: Token) -> list[Ref]:
    """The agent a token names, or for a noun that names none, the one its name modifier
    names: "the Biden and Xi meeting" parses as "Biden" and "[Xi] meeting"."""
    ref = ctx.ref(token)
    if ref is not None:
        return [ref]
    if token.pos_ != "NOUN":
        return []
    return [r for c in token.children if c.dep_ == "compound" and (r := ctx.ref(c))][:1]


def _previous_subject_group(ctx: ArticleContext, token: Token) -> list[Ref]:
    """"The two heads of state had talks. They agreed to ...": a sentence-initial "they" carries
    on the subject of the sentence before when that subject is a pair ("A and B", "the two
    leaders"); further back, or from an object, "they" is too often someone else."""
    if token.dep_ != "nsubj" or token.head.dep_ != "ROOT" or token.i != token.sent.start or \
            token.sent.start == 0:
        return []
    previous = ctx.doc[token.sent.start - 1].sent
    for subject in (c for c in previous.root.children if c.dep_ == "nsubj"):
        if subject.lower_ == "they":
            continue
        group = _party(ctx, subject)
        if len({r.candidate.id for r in group}) >= 2:
            return group
    return []


def _with_pair(token: Token) -> list[Token]:
    """The other party of "A met with B", "A held talks with B", "A's call with B", "A met
    B", "A received B", from B."""
    prep = token.head
    if token.dep_ == "dobj" and matches(prep, MEETING_VERBS):
        subjects = [c for c in prep.children if c.dep_ == "nsubj"]
        return [subjects[0], token] if subjects else []
    if token.dep_ != "pobj" or prep.lower_ != "with":
        return []
    owners = [c for c in prep.head.children if c.dep_ == "poss"]
    if owners:
        return owners
    verb = prep.head
    for _ in range(4):  # "A held four hours of talks with B": up to the verb
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    return [c for c in verb.children if c.dep_ == "nsubj"][:1]


def _is_side_noun(token: Token) -> bool:
    return token.lower_ in SIDE_NOUNS and group_count(token) is not None


def _window_start(ctx: ArticleContext, token: Token, window: int = GROUP_WINDOW) -> int:
    first = token.sent.start
    for _ in range(window - 1):
        first = ctx.doc[first - 1].sent.start if first > 0 else first
    return first


def _national_sides(ctx: ArticleContext, token: Token) -> list[Ref]:
    """"The two sides", "the three countries": the national governments of the agents named
    together last in that number ("Japan, the Netherlands and the US"), else the ones named
    last (their agencies and officials count for them), so a person-level meeting gives a
    Cooperation of governments (ruling 18). A person whose government is unknown may be one
    of the sides: then nothing is guessed."""
    if _unnamed_partner_before(ctx, token):
        return []
    count = group_count(token) or 2
    # a bloc named with a country in one phrase is a side ("The EU and China held a summit")
    grouped = {n.candidate.id: n for r in ctx.group_members(token)
               if (n := r if r.candidate.type == "Alliance" else _national(ctx, r)) is not None}
    if len(grouped) == count and group_types(token) != ("Person",):
        # not "the two heads of state" after two ministers: they are not the persons named
        return list(grouped.values())
    found = _national_sides_within(ctx, token, GROUP_WINDOW, count)
    if len(found) < count:  # a spokesperson's answer may sit several lines after the meeting
        found = _national_sides_within(ctx, token, ROLE_WINDOW, count)
    return found if len(found) == count else []


def _unnamed_partner_before(ctx: ArticleContext, token: Token) -> bool:
    """"A met with ministers from 12 African countries. The two sides agreed ...": the sides
    are those of the meeting just told, one of which the text does not name, so no national
    government named earlier stands in for it."""
    if token.sent.start == 0:
        return False
    previous = ctx.doc[token.sent.start - 1].sent
    for verb in previous:
        if verb.pos_ != "VERB" or not matches(verb, MEETING_VERBS):
            continue
        partners = [c for c in verb.children if c.dep_ == "dobj"] + [
            p for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"
            for p in c.children if p.dep_ == "pobj"]
        if partners and not any(ctx.ref(t) for p in partners for t in p.subtree):
            return True
    return False


def _locative(token: Token) -> bool:
    """"In Lima, Peru", "at the port in Chancay": a place where something happened names no
    side of an agreement."""
    while token.dep_ in ("appos", "conj", "compound") and token.head.i != token.i:
        token = token.head
    return token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS


def _national_sides_within(ctx: ArticleContext, token: Token, window: int,
                           count: int = 2) -> list[Ref]:
    first = _window_start(ctx, token, window)
    found: dict[str, Ref] = {}
    order = [*reversed(ctx.doc[first:token.i]), *token.sent[token.i - token.sent.start + 1:]]
    for candidate in order:
        mention = ctx.mention_at(candidate)
        if mention is None or candidate.i != mention.start or _locative(candidate):
            continue
        ref = ctx.ref(candidate)
        if ref is None:
            continue
        if ref.candidate.type == "Person" and not _offices(ctx, ref) and \
                _meets_another_person(ctx, candidate, ref):
            return []
        government = _national(ctx, ref)
        if government is not None and government.candidate.id not in found:
            found[government.candidate.id] = government
            if len(found) == count:
                return list(found.values())
    return list(found.values())


def _meets_another_person(ctx: ArticleContext, token: Token, person: Ref) -> bool:
    """Is the person named beside another person ("Wang Yi met Sergey Lavrov")? Then he may
    be one of the sides; a lone speaker ("..., the spokesman said") is not."""
    for other in ctx.doc[token.sent.start:token.sent.end]:
        mention = ctx.mention_at(other)
        if mention is not None and other.i == mention.start and mention.agent is not None \
                and mention.agent.type == "Person" and mention.agent.id != person.candidate.id:
            return True
    return False


def _offices(ctx: ArticleContext, person: Ref) -> list[Candidate]:
    """The government bodies a person holds office in, as earlier rules found them."""
    offices = ctx.objects_of(person.candidate.id, "roleIn")
    return [o for o in offices if o.type == "Government"]


def _national(ctx: ArticleContext, ref: Ref) -> Ref | None:
    """The national government an agency, official or metonym acts for, if known."""
    candidate = ref.candidate
    if candidate.type == "Person":
        offices = _offices(ctx, ref)
        if not offices:
            return None
        candidate = offices[0]
        ref = Ref(candidate, candidate.label, ref.confidence)
    if candidate.type != "Government":
        return None
    entry = ctx.gazetteer.get(candidate.id)
    seen = 0
    while entry is not None and entry.part_of and seen < 5:
        entry = ctx.gazetteer.get(entry.part_of)
        seen += 1
    if entry is None:
        return _national_of_label(ctx, ref)
    if ctx.gazetteer.country_of_government(entry) is None:
        return None  # a party or other body that governs no country is no side
    if entry.id != candidate.id:
        return Ref(candidate_of(entry), entry.label, ref.confidence)
    return ref


def _national_of_label(ctx: ArticleContext, ref: Ref) -> Ref | None:
    """An unknown body named "... of <country>" acts for that country's government."""
    label = ref.candidate.label
    if label.startswith("Government of"):
        return ref
    if " of " not in label:
        return None
    readings = country_readings(ctx.gazetteer, label.rsplit(" of ", 1)[1])
    return Ref(readings[0], readings[0].label, ref.confidence) if readings else None


def _objects(ctx: ArticleContext, token: Token, preps: tuple[str, ...] = ("with", "between")
             ) -> list[Ref]:
    """Agents in the "with/between" phrases of a word (and of "out" in "worked out with")."""
    refs: list[Ref] = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                refs += _party(ctx, pobj)
        elif child.dep_ == "prt":
            refs += _objects(ctx, child, preps)
    return _agents(refs)


def _record(ctx: ArticleContext, sent: Span, confidence: float, sides: list[Ref],
            others: list[Ref], trigger: Token | None = None,
            nouns: Iterable[Token] = ()) -> None:
    """One Cooperation of all sides when no other party is named; else each side with the
    others ("A and B agreed to pay C" is A-C and B-C, ruling 7). Sides that act each on
    their own ("A and B separately signed deals", "each reached agreements with regulators",
    "cooperated with Russian carriers") are no sides of one another: with no other party
    named, nothing; "respectively" pairs the sides with the others in order."""
    nouns = list(nouns)
    if trigger is not None and len(_unique_ids(sides)) >= 2:
        if others and _respectively(trigger) and \
                len(_unique_ids(sides)) == len(_unique_ids(others)):
            for side, other in zip(_unique(sides), _unique(others), strict=True):
                _record(ctx, sent, confidence, [side], [other])
            return
        if not others and (_distributive(trigger, nouns) or
                           _unnamed_partner(ctx, trigger, nouns)):
            return
    topics = topics_for(ctx, sent)
    date = date_in(ctx, sent)
    groups = [sides + others] if not others or len(sides) < 2 else \
        [[side, *others] for side in sides]
    for group in groups:
        ctx.add_event("Cooperation", sent, confidence, participants=group, topics=topics,
                      date=date)


def _unique_ids(refs: list[Ref]) -> set[str]:
    return {r.candidate.id for r in refs}


def _unique(refs: list[Ref]) -> list[Ref]:
    found: dict[str, Ref] = {}
    for ref in refs:
        found.setdefault(ref.candidate.id, ref)
    return list(found.values())


def _respectively(trigger: Token) -> bool:
    return any(t.lower_ == "respectively" for t in trigger.subtree)


def _distributive(trigger: Token, nouns: list[Token]) -> bool:
    """"A and B separately / each / independently signed deals", "signed separate
    agreements", "their own deals": each side acted on its own. An adverb or a floating
    "each"/"both" makes plural agreements separate ones ("A and B each signed the pledge" is
    still one text, ruling 7); with no agreement noun, agreeing or cooperating "separately"
    is each side's own act. A sentence-initial "Separately," only opens a new item."""
    if any(c.lower_ in DISTRIBUTIVE_ADJECTIVES for n in nouns for c in n.children
           if c.dep_ in ("amod", "poss", "nmod")):
        return True
    heads = [trigger, *(a for a in trigger.ancestors if a.dep_ != "ROOT"),
             *(a for a in trigger.ancestors if a.dep_ == "ROOT")][:4]
    subjects = [c for h in heads for c in h.children if c.dep_ in ("nsubj", "nsubjpass")]
    words_ = [c for h in heads for c in h.children if c.dep_ in ("advmod", "det", "dep",
                                                                 "nsubj", "npadvmod", "appos")]
    words_ += [c for s in subjects for c in s.children if c.dep_ in ("appos", "det", "dep")]
    start = trigger.sent.start
    marked = [w for w in words_ if w.lower_ in DISTRIBUTIVE_ADVERBS and not (
        w.i == start and w.i + 1 < len(w.doc) and w.doc[w.i + 1].text == ",")]
    if not marked:
        return False
    if not nouns:
        return not all(w.lower_ in ("both", "all") for w in marked)
    return any(n.tag_ in ("NNS", "NNPS") for n in nouns)


def _unnamed_partner(ctx: ArticleContext, trigger: Token, nouns: list[Token]) -> bool:
    """"Huawei and ZTE have cooperated with Russian carriers", "each reached agreements with
    regulators", "agreed to cooperate with the investigation": the partner is someone the
    text does not name, so the subjects are no partners of each other. Not "with each other",
    nor a phrase that names no party ("a venture with a capital of $1bn")."""
    heads = [trigger, *nouns, *(c for c in trigger.children if c.dep_ in ("xcomp", "dobj"))]
    for head in heads:
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "with"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                if pobj.lower_ in ("other", "another") or _party(ctx, pobj):
                    continue
                if pobj.lower_ in WITH_NONPARTIES or pobj.lemma_.lower() in WITH_NONPARTIES:
                    continue
                if pobj.pos_ == "PROPN" or pobj.tag_ in ("NNS", "NNPS") or \
                        pobj.lemma_.lower() in PARTY_NOUNS or pobj.lower_ in PARTY_NOUNS:
                    return True
    return False


def _under_irrealis(token: Token) -> bool:
    """"China hopes the US will work with China": a governing verb of hoping or planning, by
    any of its forms (the small model lemmatises "hopes" as "hop", which is_factual misses)."""
    for _ in range(4):
        if token.dep_ not in ("xcomp", "ccomp", "advcl", "conj") or token.head.i == token.i:
            return False
        token = token.head
        if token.pos_ in ("VERB", "AUX") and matches(token, IRREALIS):
            return True
    return False


def _refused(token: Token) -> bool:
    """"Failed to agree", "refused to sign", "declined to cooperate": a governing verb of
    refusal negates the agreement (ruling 5)."""
    for _ in range(3):
        if token.dep_ not in ("xcomp", "ccomp", "conj") or token.head.i == token.i:
            return False
        token = token.head
        if token.lemma_.lower() in NEGATIONS:
            return True
    return False


def _factual(token: Token) -> bool:
    """Is the trigger asserted? A relative clause has its own mood: "the deal that A signed
    with B" happened even inside "Under the deal ..., B could ...". A decision confirmed or
    announced ("confirmed that A will partner with B") is made, though carried out later."""
    if _refused(token) or _under_irrealis(token) or is_denied(token) or is_requested(token) \
            or is_supposed(token):
        return False
    if _announced(token):
        return True
    if token.dep_ not in ("relcl", "acl"):
        return is_factual(token)
    if is_question(token.sent) or is_negated(token) or is_hortative(token):
        return False
    return not any(c.dep_ == "aux" and c.lower_ in MODALS for c in token.children) and \
        token.lemma_.lower() not in IRREALIS


# --- rules ---------------------------------------------------------------------------------

def _agreement(ctx: ArticleContext, verb: Token) -> None:
    """"A and B announced a partnership", "A struck a deal with B", "the consensus that A and
    B reached", "A secured pledges from B", "A and B announced an extension of their deal":
    a cooperation noun as the object; the parties are the subjects and the noun's
    "with/between" objects."""
    nouns = [n for c in verb.children if c.dep_ in ("dobj", "nsubjpass")
             for n in _agreement_objects(c, verb)]
    nouns += [p for c in verb.children if c.dep_ == "prep" and c.lower_ in ENTRY_PREPS
              for p in c.children if p.dep_ == "pobj" and _is_agreement_noun(p)]
    if verb.dep_ in ("relcl", "acl") and _is_agreement_noun(verb.head) and not any(
            c.dep_ == "dobj" and c.lower_ not in ("which", "that") for c in verb.children):
        nouns.append(verb.head)
    nouns = [n for n in nouns if not _unreal(n)]
    if not nouns or not _factual(verb) or _settles_penalty([verb, *nouns]):
        return
    sides = _subjects(ctx, verb) if not _is_passive(verb) else []
    others = _objects(ctx, verb)
    others += _agents(r for c in verb.children if c.dep_ == "dative" for r in _party(ctx, c))
    for noun in nouns:
        others += _objects(ctx, noun) + _named_objects(ctx, noun)
        if verb.lemma_.lower() in OBTAIN_VERBS:
            others += _objects(ctx, noun, ("from",)) + _objects(ctx, verb, ("from",))
    if _is_passive(verb):
        sides, others = _agents(_objects(ctx, verb, ("by",))) + others, []
    if verb.lemma_.lower() in OBTAIN_VERBS and len(sides) == 1:
        for other in others:  # pledges secured from several firms: one agreement with each
            _record(ctx, verb.sent, 0.75, sides, [other])
        return
    if not sides and not others:
        sides = _meeting_sides(ctx, verb)
    _record(ctx, verb.sent, 0.75, sides, others, verb, nouns)


def _meeting_sides(ctx: ArticleContext, verb: Token) -> list[Ref]:
    """"The consensus reached at the China-US trade talks", "the deal reached at the summit
    between A and B": an agreement without a subject is made by the sides of its meeting."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in MEETING_PREPS):
        for noun in (c for c in prep.children if c.dep_ == "pobj" and
                     (c.lower_ in MEETING_NOUNS or c.lemma_.lower() in MEETING_NOUNS)):
            sides = _objects(ctx, noun, ("between",))
            if len(sides) < 2:
                sides = _dash_pair(ctx, noun)
            if len({r.candidate.id for r in sides}) >= 2:
                return sides
    return []


def _named_objects(ctx: ArticleContext, noun: Token) -> list[Ref]:
    """"A memorandum of understanding with B", "an agreement of strategic cooperation with
    B": the parser hangs the partner on the noun inside the agreement's "of" name."""
    return [r for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.children if p.dep_ == "pobj" for r in _objects(ctx, p)]


def _agreement_objects(obj: Token, verb: Token) -> list[Token]:
    """The cooperation nouns an object stands for: itself, or the agreement it is part of
    ("the implementation of the framework" with any verb, "details of a deal" with an
    agreement verb); "work" only as "worked out a deal"."""
    if verb.lemma_.lower() == "work" and not any(c.dep_ == "prt" for c in verb.children):
        return []
    if obj.lower_ in QUANTITY_NOUNS:  # "signed a series of cooperation agreements"
        return [p for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                for p in c.children if p.dep_ == "pobj" and _is_agreement_noun(p)]
    found = [o for o in (obj, *obj.conjuncts) if _is_agreement_noun(o)]
    if found:  # "announced an investment and partnership": each agreement noun coordinated
        return found
    if obj.lower_ in AGREEMENT_PARTS and (obj.lower_ in PRESUPPOSING or
                                          verb.lemma_.lower() in AGREEMENT_VERBS):
        return [p for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                for p in c.children if p.dep_ == "pobj" and _is_agreement_noun(p)]
    return []


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ == "nsubjpass" for c in verb.children)


def _is_agreement_noun(token: Token) -> bool:
    word = token.lower_
    if word in COOPERATION_NOUNS or token.lemma_.lower() in COOPERATION_NOUNS:
        return True
    return word in JOINT_NOUNS and any(c.lower_ in JOINT_WORDS for c in token.children)


def _unreal(noun: Token) -> bool:
    """"A proposed deal", "a potential partnership": not an agreement that was made."""
    return any(c.lower_ in UNREAL for c in noun.children)


def _agree(ctx: ArticleContext, verb: Token) -> None:
    """"Biden and Xi agreed that ...", "the two agreed to set up ...", "A agreed with B on ...",
    "A and B agreed to pay C": agreeing needs no cooperation noun, only two sides. Agreeing in
    opinion ("A and B agreed that demand would fall") is no accord: a "that" clause must say
    what is to be done ("must", "should", "will"); "agreed to disagree" is none either."""
    if not _factual(verb) or _opinion(verb) or _settles_penalty([verb]) or any(
            c.dep_ == "xcomp" and c.lemma_.lower() in DISAGREE for c in verb.children):
        return
    sides = _subjects(ctx, verb)
    others = _objects(ctx, verb)
    nouns = []
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "on")):
        for noun in (c for c in prep.children if c.dep_ == "pobj" and _is_agreement_noun(c)):
            others += _objects(ctx, noun)  # "A agreed to a deal with B"
            nouns.append(noun)
    for xcomp in (c for c in verb.children if c.dep_ == "xcomp"):
        others += _objects(ctx, xcomp)
        # "agreed to share revenue with the US": the partner on the object of the act agreed
        others += [r for o in xcomp.children if o.dep_ == "dobj"
                   for r in _objects(ctx, o, ("with",))]
        others += _agents(r for c in xcomp.children if c.dep_ == "dative"
                          for r in _party(ctx, c))
        if xcomp.lemma_.lower() in TRADE_VERBS:  # "agreed to supply its models to B"
            # not "agreed to buy B": a takeover, which ruling 13 counts by its completion
            others += _objects(ctx, xcomp, TRADE_PREPS)
    if not others and _accepts_terms(ctx, verb):
        return
    _record(ctx, verb.sent, 0.75, sides, others, verb, nouns)


def _accepts_terms(ctx: ArticleContext, verb: Token) -> bool:
    """"A, B and C agreed to the new rules", "agreed to pay more tax": with no other party
    named, the subjects accept what someone else set or owe someone unnamed; they make no
    accord with one another (ruling 13: complying with a rule is no Cooperation). "Agreed to
    a truce", "agreed to terms" are accords and stay."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"):
        for noun in (c for c in prep.children if c.dep_ == "pobj"):
            mention = ctx.mention_at(noun)
            if (mention is not None and mention.agent is not None and
                    mention.agent.type == "Policy") or noun.lemma_.lower() in COMPLIANCE_NOUNS \
                    or noun.lower_ in COMPLIANCE_NOUNS:
                return True
    return any(c.dep_ == "xcomp" and c.lemma_.lower() in PAYMENT_VERBS for c in verb.children)


def _settles_penalty(heads: list[Token]) -> bool:
    """"ZTE reached an agreement with the Commerce Department to pay a $1 billion penalty",
    "agreed to pay a fine": what is agreed is a penalty's settlement, no Cooperation (ruling
    13). Read in the "to" clauses of the verb or of the agreement noun."""
    clauses = [c for h in heads for c in h.children if c.dep_ in ("xcomp", "acl", "relcl")]
    return any(t.dep_ in ("dobj", "pobj") and t.lemma_.lower() in PENALTY_NOUNS
               for c in clauses for t in c.subtree)


def _joint_affirmation(ctx: ArticleContext, verb: Token) -> None:
    """"The two leaders affirmed the need to keep humans in control": two sides affirming one
    thing together is the substance of a joint statement (ruling 7); each side restating its
    own position ("both reaffirmed their positions") is not."""
    if not _factual(verb) or any(c.dep_ == "dobj" and c.lemma_.lower() in OWN_POSITIONS
                                 for c in verb.children):
        return
    sides = _subjects(ctx, verb)
    if len({r.candidate.id for r in sides}) >= 2:
        _record(ctx, verb.sent, 0.7, sides, [], verb)


def _opinion(verb: Token) -> bool:
    """A shared view, not an accord: "agreed that the rules were harmful / would hurt"."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    if not clauses or any(c.dep_ == "xcomp" for c in verb.children):
        return False
    return not any(a.dep_ in ("aux", "auxpass") and a.lower_ in ACCORD_MODALS
                   for clause in clauses for a in clause.children)


def _signing(ctx: ArticleContext, verb: Token) -> None:
    """"A, B and C signed the pledge", "ten countries, among them A and B, endorsed the
    declaration": the signatories of one text are sides of one agreement."""
    texts = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if verb.dep_ == "relcl" and any(c.dep_ == "dobj" and c.lower_ in ("which", "that")
                                    for c in verb.children):
        texts.append(verb.head)
    if verb.dep_ == "acl" and any(c.dep_ == "agent" for c in verb.children):
        texts.append(verb.head)  # "the declaration signed by A and B"
    texts = [t for t in texts if _is_text(ctx, t, verb)]
    if not texts or not _factual(verb):
        return
    # "A and B signed separate agreements with C": the partner hangs on the agreement
    others = _objects(ctx, verb) + [r for t in texts if t.i != verb.head.i
                                    for r in _objects(ctx, t)]
    _record(ctx, verb.sent, 0.7, _subjects(ctx, verb), others, verb,
            [t for t in texts if t.i != verb.head.i])


def _is_text(ctx: ArticleContext, token: Token, verb: Token) -> bool:
    """An agreement word, or a named policy that is signed or endorsed (not one "backed" or
    "adopted" by its own makers): something several parties put their names to."""
    mention = ctx.mention_at(token)
    if mention is not None and mention.agent is not None and mention.agent.type == "Policy":
        return verb.lemma_.lower() in SIGN_POLICY
    return _is_agreement_noun(token) and not _unreal(token)


def _join_in(ctx: ArticleContext, verb: Token) -> None:
    """"A joined B in endorsing the call": A and B act together on one text."""
    gerunds = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"
               for g in c.children if g.dep_ in ("pcomp", "pobj") and g.tag_ == "VBG"
               and matches(g, JOINT_ACTS)]  # joining B in condemning C is no agreement
    if not gerunds or not _factual(verb):
        return
    others = _agents(r for c in verb.children if c.dep_ == "dobj" for r in _party(ctx, c))
    # "A joined B in signing deals with C": A and B are each a side of an agreement with C
    texts = [t for g in gerunds for t in g.children if t.dep_ == "dobj"]
    partners = [r for h in [*gerunds, *texts] for r in _objects(ctx, h, ("with",))]
    if partners:
        _record(ctx, verb.sent, 0.7, _subjects(ctx, verb) + others, partners, verb, texts)
        return
    _record(ctx, verb.sent, 0.7, _subjects(ctx, verb), others, verb)


def _signatories(ctx: ArticleContext, verb: Token) -> None:
    """"The endorsers include A, B, C and D": the signatories of one text are its sides."""
    nouns = [c for c in verb.children if c.dep_ == "nsubj" and c.lower_ in SIGNATORY_NOUNS]
    if not nouns or not _factual(verb) or any(_owned_by_agent(ctx, n) for n in nouns):
        return
    listed = _agents(r for c in verb.children if c.dep_ == "dobj"
                     for t in [c, *c.conjuncts] if (r := ctx.ref(t)))
    _record(ctx, verb.sent, 0.7, listed, [])


def _owned_by_agent(ctx: ArticleContext, noun: Token) -> bool:
    """"MiniMax, whose backers include A, B and C", "the startup's supporters", "its backers"
    after a company: the backers of an agent are its investors or allies, listed together
    without acting together; only a text's backers ("the pledge's backers", "its endorsers"
    after a declaration) are its signatories. A noun with no owner is left as it reads."""
    owners = [c for c in noun.children if c.dep_ == "poss"]
    owners += [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
               for p in c.children if p.dep_ == "pobj"]
    for owner in owners:
        if owner.lower_ == "whose":  # the relative clause's antecedent
            clause = next((a for a in owner.ancestors if a.dep_ == "relcl"), None)
            if clause is None:
                continue
            owner = clause.head
        elif owner.lower_ in ("its", "their"):
            found = _nearest_owner(ctx, owner)
            if found is None:
                continue
            owner = found
        if not _names_text(ctx, owner):
            return True
    return False


def _nearest_owner(ctx: ArticleContext, pronoun: Token) -> Token | None:
    """What "its" / "their" most likely stands for: the closest text (an agreement word or a
    named policy) or named agent before it, within this sentence and the one before."""
    first = _window_start(ctx, pronoun, 2)
    for token in reversed(ctx.doc[first:pronoun.i]):
        if _names_text(ctx, token):
            return token
        ref = ctx.ref(token) if ctx.mention_at(token) is not None else None
        if ref is not None and ref.candidate.type in AGENT_TYPES:
            return token
    return None


def _names_text(ctx: ArticleContext, token: Token) -> bool:
    mention = ctx.mention_at(token)
    if mention is not None and mention.agent is not None:
        return mention.agent.type == "Policy"
    return token.lemma_.lower() in TEXT_NOUNS or token.lower_ in TEXT_NOUNS


def _nominal(ctx: ArticleContext, noun: Token) -> None:
    """"Its work with Zeekr", "A's partnership with B", "Intel's Tower deal": a cooperation
    noun whose owner and partner are both named."""
    head = noun.head
    if _unreal(noun) or head.lemma_.lower() in IRREALIS or (
            matches(head, AGREEMENT_VERBS) and not _factual(head)):
        # "sought a deal with B", "would not renew its partnership with B"; but a verb that
        # presupposes the partnership keeps it ("would not affect its partnership with B")
        return
    if _hyphen_pair(ctx, noun) or _between_pair(ctx, noun):
        return
    owners = [r for c in noun.children if c.dep_ == "poss" for r in _owner(ctx, c)]
    if not owners and head.dep_ == "prep" and head.lower_ == "in" and \
            head.head.pos_ == "VERB" and _factual(head.head):
        owners = _subjects(ctx, head.head)  # "A built it in partnership with B"
    if not owners:
        return
    partners = _objects(ctx, noun, ("with",))
    if not partners and noun.lower_ in ("deal", "merger", "partnership", "alliance"):
        partners = _agents(r for c in noun.children if c.dep_ == "compound"
                           if (r := ctx.ref(c)) and r.candidate.type == "Company")
    if partners:
        _record(ctx, noun.sent, 0.65, _agents(owners), partners)


def _hyphen_pair(ctx: ArticleContext, noun: Token) -> bool:
    """"The US-China trade deal", "the China-U.S. consensus": an agreement named by its two
    sides. Not when it is only the topic of talks or hopes ("talks on a US-China deal")."""
    if noun.lower_ not in PAIR_NOUNS and noun.lemma_.lower() not in PAIR_NOUNS:
        return False
    if noun.head.dep_ == "prep" and noun.head.lower_ in TOPIC_PREPS:
        return False
    head = noun.head
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj") and (head.lemma_.lower() in IRREALIS or any(
            c.dep_ == "aux" and c.lower_ in MODALS for c in head.children) or (
            noun.dep_ == "nsubj" and _fell_through(head))):
        # "a Trump-Xi chip deal may be harder than it looks": none was made (but "the deal
        # did not cover chips" still speaks of one made)
        return False
    sides = _dash_pair(ctx, noun)
    if not sides:
        return False
    _record(ctx, noun.sent, 0.65, sides, [])
    return True


def _between_pair(ctx: ArticleContext, noun: Token) -> bool:
    """"The agreement between A and B allows ...": an agreement that acts or is acted on is
    one that was made; not when it is only a topic ("talks on a deal between A and B")."""
    if noun.lower_ not in PAIR_NOUNS and noun.lemma_.lower() not in PAIR_NOUNS:
        return False
    if noun.dep_ not in ("nsubj", "nsubjpass") or not _factual(noun.head) or \
            _fell_through(noun.head):
        return False
    sides = _objects(ctx, noun, ("between",))
    if len({r.candidate.id for r in sides}) < 2:
        return False
    _record(ctx, noun.sent, 0.65, sides, [])
    return True


def _fell_through(verb: Token) -> bool:
    """"The deal between A and B fell through / collapsed": an agreement that failed before it
    was made (ruling 5); "fall" only with "through" or "apart"."""
    lemma = verb.lemma_.lower()
    if lemma == "fall":
        return any(c.lower_ in ("through", "apart") for c in verb.children)
    return lemma in FAILURES or verb.lower_ in FAILURES


def _dash_pair(ctx: ArticleContext, noun: Token) -> list[Ref]:
    """The two agents of a "China-US" modifier of a noun (other hyphens, "high-level", are
    skipped); empty unless exactly one such pair is found."""
    pairs = []
    for dash in ctx.doc[noun.left_edge.i:noun.i]:
        if dash.text not in ("-", "–", "—") or dash.i == 0:
            continue
        sides = _agents(r for t in (ctx.doc[dash.i - 1], ctx.doc[dash.i + 1])
                        if (r := ctx.ref(t)))
        if len({r.candidate.id for r in sides}) == 2:
            pairs.append(sides)
    return pairs[0] if len(pairs) == 1 else []


def _owner(ctx: ArticleContext, token: Token) -> list[Ref]:
    """A possessive's agent; "its" is the closest company, government or alliance before."""
    if token.lower_ not in ("its", "their"):
        ref = ctx.ref(token)
        return [ref] if ref is not None else []
    found: list[Ref] = []
    for i in range(token.i - 1, token.sent.start - 1, -1):
        mention = ctx.mention_at(ctx.doc[i])
        if mention is None or mention.agent is None or \
                mention.agent.type not in ("Company", "Government", "Alliance"):
            continue
        ref = ctx.ref(ctx.doc[i])
        if ref is not None and ctx.doc[mention.start:mention.end].root.dep_ in (
                "nsubj", "nsubjpass"):
            return [ref]  # the clause's subject owns "its", not a name in an aside
        found += [ref] if ref is not None and not found else []
    return found


def _cooperation(ctx: ArticleContext, token: Token) -> None:
    """"A and B agreed to cooperate", "A cooperates with B", "A and B worked together",
    "A is willing to ... / committed to promoting cooperation between B and C"."""
    if matches(token, COMMITMENT):
        if not _willing_factual(token):
            return
        nouns = [t for t in token.subtree if t.lower_ in COOPERATION_NOUNS or
                 (t.lemma_.lower() in COOPERATE and t.pos_ == "VERB")]
        if not nouns:
            return
        sides = _subjects(ctx, token)
        others: list[Ref] = []
        for noun in nouns:
            between = _objects(ctx, noun, ("between",))
            if len({r.candidate.id for r in between}) >= 2 and not {
                    r.candidate.id for r in sides} & {r.candidate.id for r in between}:
                continue  # "committed to promoting cooperation between B and C": not a side
            others += _objects(ctx, noun)
        if nouns and not others and any(
                len(_objects(ctx, n, ("between",))) >= 2 for n in nouns):
            return
        confidence = 0.7
    else:
        if not _factual(token) or (token.lemma_.lower() == "work" and not any(
            c.lower_ == "with" or c.lower_ in TOGETHER or
            (c.dep_ == "prt" and any(g.lower_ == "with" for g in c.children))
            for c in token.children
        )):
            return
        sides = _subjects(ctx, token)
        others = _objects(ctx, token)
        if not others:  # "joined forces with B", "joined hands with B": the partner on the noun
            others = [r for c in token.children if c.dep_ == "dobj"
                      and c.lemma_.lower() in JOINED_NOUNS for r in _objects(ctx, c, ("with",))]
        if token.lemma_.lower() == "join" and not others:
            return  # "A joined B" is membership; "A joined forces with B" is cooperation
        nouns = [c for c in token.children if c.dep_ == "dobj"
                 and c.lemma_.lower() in JOINED_NOUNS]
        confidence = 0.8
    _record(ctx, token.sent, confidence, sides, others, token, nouns)


def _announced(token: Token) -> bool:
    """"X confirmed / announced that A will partner with B": the will-clause of a factual
    verb of confirming states an arrangement made; "said A would" or "may" does not."""
    head = token.head
    modals = [c.lower_ for c in token.children if c.dep_ == "aux" and c.lower_ in MODALS | {
        "will", "would"}]
    return token.dep_ == "ccomp" and matches(head, ANNOUNCE) and modals in (["will"], [
        "would"]) and not is_negated(token) and is_factual(head)


def _willing_factual(token: Token) -> bool:
    """"China is ready to work with the U.S.": the willingness word is not itself irrealis,
    but its clause must be asserted and not negated."""
    if token.lower_ not in WILLINGNESS and token.lemma_.lower() not in WILLINGNESS:
        return _factual(token)
    copula = token.head
    if is_negated(token) or is_question(token.sent):
        return False
    if copula.i == token.i:
        return True
    if is_negated(copula) or any(c.dep_ == "aux" and c.lower_ in MODALS
                                 for c in copula.children):
        return False
    governor = copula.head
    if governor.i == copula.i:
        return True
    if copula.dep_ == "ccomp":  # "X said China is ready", not "X hopes China is ready"
        return governor.lemma_.lower() not in IRREALIS
    return is_factual(governor)
