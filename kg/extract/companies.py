"""Company facts: basedIn where a nationality is stated, investsIn from investment wording.

basedIn (DESIGN.md: "basedIn only where nationality is stated, never inferred from a city";
ruling 10: a country possessive states nationality) is read from every nationality word and
the noun it modifies: "Chinese telecommunications giant Huawei", "Huawei, the Chinese
giant", "American chip designers such as Nvidia and AMD", "China's biggest contract chipmaker",
"China-based Huawei", "Nvidia Corporation of the United States", "two Chinese makers, DJI
and Autel". A city ("a Beijing startup", "Beijing-based") or a listing place ("Hong
Kong-listed") states no nationality.

investsIn (ruling 9: investors, backers, stakes, acquisitions and parent companies):
"X invested in Y", "Y, backed by X", "X's stake in Y", "X acquired Y", "X's acquisition of Y",
"Y, a subsidiary of X", "X's unit Y", "Y, X's parent" (inverse), "Y's backers include X".
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.extract.context import ArticleContext, Mention, Ref
from kg.extract.entities import COMPANY_NOUNS, candidate_of, nationality
from kg.extract.factuality import is_factual, is_negated
from kg.extract.lexicon import words

INVEST_VERBS = words("investment", "verbs")
#: Verbs of a takeover: only a completed one is investsIn (ruling 13), so they must head
#: their own clause ("agreed to acquire", "its bid to buy" are not acquisitions).
TAKEOVER_VERBS = words("investment", "takeover_verbs")
#: Nouns of the investor's act: the possessor invests ("X's stake in Y").
ACT_NOUNS = words("investment", "nouns")
#: Nouns naming the investor: the noun describes the investor, the possessor or "of"/"in"
#: object is the investee ("X, a backer of Y", "Y's parent X").
INVESTOR_NOUNS = words("investment", "investor_nouns")
#: Nouns naming the investee: the noun describes the investee, the possessor or "of" object is
#: the investor ("Y, a subsidiary of X", "X's chip unit Y").
HOLDING_NOUNS = words("investment", "holding_nouns")
UNREALISED = words("investment", "unrealised")
DEAL_ENDERS = words("investment", "deal_enders")
PENDING_VERBS = words("investment", "pending_verbs")
DEAL_NOUNS = words("investment", "deal_nouns")
RAISE_VERBS = words("investment", "raise_verbs")
FUNDING_NOUNS = words("investment", "funding_nouns")
GROUP_NOUNS = words("investment", "group_nouns")
COUNT_VERBS = words("investment", "count_verbs")
JOIN_VERBS = words("investment", "join_verbs")
ROUND_NOUNS = words("investment", "round_nouns")
PARTICIPATION_NOUNS = words("investment", "participation_nouns")
ALONG_PREPS = words("investment", "along_preps")
LIST_WORDS = frozenset({",", "and", "or", "like", "such", "as", "including", "from", "to", "—",
                        "–", "-", "notably", "especially", "the", "among", "them", "both",
                        "namely", "of", "'s", "’s", "its", "their", "a", "an"})
#: How far a list of names may run after the noun that states their nationality.
LIST_WINDOW = 40
SCAN_POS = frozenset({"NOUN", "ADJ", "NUM", "DET", "ADV", "CCONJ", "PUNCT"})
CLAUSE_STOPS = frozenset({";", ":", "(", ")", "which", "who", "that", "while", "but"})
LIST_PREPS = frozenset({"as", "like", "including", "among", "especially", "notably"})
LISTED_COMPANY_NOUNS = words("entities", "listed_company_nouns")


# --- basedIn ------------------------------------------------------------------------------
def extract_based_in(ctx: ArticleContext) -> None:
    """basedIn for every company a stated nationality describes."""
    for token in ctx.tokens:
        if not _may_state_nationality(ctx, token):
            continue
        country = _country_named(ctx, token)
        if country is None:
            continue
        for company, anchor in _described(ctx, token):
            if not _denied(anchor):
                ctx.add_fact(company, "basedIn", country, token.sent, 0.85)
    _based_in_of_country(ctx)


def _denied(anchor: Token) -> bool:
    """"X is not a Chinese company". Nationality is a standing attribute, so the mood of the
    clause around it ("whether drones from two Chinese makers, A and B, pose a risk") does not
    matter, only its negation."""
    return is_negated(anchor) or (anchor.dep_ == "attr" and is_negated(anchor.head))


def _may_state_nationality(ctx: ArticleContext, token: Token) -> bool:
    """The cheap test first: a demonym, a country name or "US". Coordinated nationalities
    ("Dutch and Japanese suppliers such as A and B") do not say which company is which."""
    if token.ent_type_ not in ("NORP", "GPE") and token.lower_ not in ("us", "u.s."):
        mention = ctx.mention_at(token)
        if mention is None or mention.place is None:
            return False
    partners = [c for c in token.children if c.dep_ == "conj"]
    if token.dep_ == "conj":
        partners.append(token.head)
    if token.i + 2 < len(token.doc) and token.nbor().lower_ in ("and", "or"):
        partners.append(token.nbor(2))
    if any(p.ent_type_ in ("NORP", "GPE") and p.i > token.i - 3 for p in partners):
        return False
    # The last word of a multi-word name stands for it ("South Korean", "United States").
    following = token.nbor() if token.i + 1 < len(token.doc) else None
    return following is None or following.ent_iob_ != "I" or following.ent_type_ != \
        token.ent_type_


def _country_named(ctx: ArticleContext, token: Token) -> Ref | None:
    """The Country a demonym or country name states; a capital city ("a Beijing startup")
    states a location, not a nationality, so it gives None."""
    name = _name_span_text(token)
    mention = ctx.mention_at(token)
    if mention is not None and mention.place is None and \
            token.doc[mention.start:mention.end].root.pos_ == "PROPN":
        return None  # a word inside a company's or ministry's own name ("China Mobile")
    country = ctx.gazetteer.country_of_demonym(name)
    if country is None and mention is not None and mention.place is not None:
        surface = mention.surface.removesuffix("’s").removesuffix("'s")
        if ctx.gazetteer.lookup(surface, type="Country") or (
            mention.place.label.casefold() == surface.casefold()
        ):
            return Ref(mention.place, surface, 0.9)
        return None
    if country is None:
        return None
    readings = nationality(ctx, token)
    place = readings[1] if readings else None
    if place is None or place.label != country.label:
        place = candidate_of(country)
    return Ref(place, country.label, 0.9)


def _name_span_text(token: Token) -> str:
    """The whole entity span a token ends ("South Korean"), or the token itself."""
    if token.ent_iob_ not in ("B", "I"):
        return token.text
    start = token.i
    while start > 0 and token.doc[start].ent_iob_ == "I":
        start -= 1
    return token.doc[start:token.i + 1].text


def _described(ctx: ArticleContext, nat: Token) -> Iterator[tuple[Ref, Token]]:
    """(company, anchor token) pairs for the companies a nationality word describes."""
    seen: set[str] = set()
    for ref, anchor in (*_described_by_parse(ctx, nat), *_described_in_sequence(ctx, nat)):
        if ref.candidate.type == "Company" and ref.candidate.id not in seen:
            seen.add(ref.candidate.id)
            yield ref, anchor


def _described_by_parse(ctx: ArticleContext, nat: Token) -> list[tuple[Ref, Token]]:
    head = _modified_noun(ctx, nat)
    if head is None:
        return []
    if head.pos_ == "NOUN" and (apposed := _comma_apposed(ctx, head)) is not None:
        # "from X Corp. (XC), the Taiwanese foundry": the name the description stands beside,
        # before any link of the description back to the sentence's subject
        return [(apposed, head)]
    company = _company_mention(ctx, head)
    if company is not None:
        return [(company, head)]
    if not any(_is_company_noun(n) for n in (head, *head.conjuncts)):
        return []  # "the Chinese telecoms and smartphone group": any conjunct may say it
    if head.dep_ == "appos" and head.tag_ in ("NNS", "NNPS") and \
            len(holders := _plural_holders(ctx, head)) > 1:
        return [(r, head) for r in holders]  # "A and B, two Chinese makers"
    if head.dep_ == "appos" and (holder := _company_mention(ctx, appos_holder(head))):
        return [(holder, head)]  # "NXP, the Dutch chipmaker": the name it stands beside
    if (own := ctx.mention_at(head)) is not None and own.agent is not None:
        ref = ctx.ref(head)  # "the U.S. chipmaker", linked back to the company named before
        return [(ref, head)] if ref else []
    plural = head.tag_ in ("NNS", "NNPS")
    refs = _nouns_names(ctx, head, plural) or _one(_comma_apposed(ctx, head))
    return [(r, head) for r in refs]


def _plural_holders(ctx: ArticleContext, noun: Token) -> list[Ref]:
    """"Naura and Piotech, two Chinese makers": a plural appositive describes all the
    coordinated names before it."""
    head = noun.head
    names = [t for t in (head, *head.conjuncts) if t.i < noun.left_edge.i]
    return [r for t in names if (r := _company_mention(ctx, t)) is not None]


def _comma_apposed(ctx: ArticleContext, noun: Token) -> Ref | None:
    """"... Corp. (SMIC), China's biggest contract chipmaker, using ...": an appositive set off
    by commas right after a company name, which the parser attached elsewhere."""
    doc = ctx.doc
    start = noun.left_edge.i
    after = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
    if start < 2 or doc[start - 1].text != "," or (after is not None and after.text not in
                                                    (",", ".", ";", "—", "–")):
        return None
    i = start - 2
    if doc[i].text == ")":  # "Corp. (SMIC),": the acronym in brackets
        while i > 0 and doc[i].text != "(":
            i -= 1
        i -= 1
    return _company_mention(ctx, doc[i]) if i >= 0 else None


def _modified_noun(ctx: ArticleContext, nat: Token) -> Token | None:
    """The noun a nationality word modifies, through "-based" and noun compounds."""
    head = nat.head
    if nat.dep_ in ("npadvmod", "compound", "amod", "nmod") and head.lower_ == "based":
        head = head.head  # "China-based Huawei"
    elif nat.dep_ not in ("amod", "compound", "nmod", "poss"):
        return None
    if head.i == nat.i or head.pos_ not in ("NOUN", "PROPN"):
        return None
    for _ in range(4):  # "U.S. chip giant Nvidia": through the describing words to the name
        if ctx.mention_at(head) is not None or _is_company_noun(head) or \
                head.dep_ not in ("compound", "amod") or head.head.pos_ not in ("NOUN", "PROPN"):
            break
        head = head.head
    return head


def appos_holder(noun: Token) -> Token:
    """The name an appositive describes: the nearest conjunct before it ("A and B, the
    Taiwanese giant": B), which the parser often misses by attaching it to A."""
    head = noun.head
    before = [t for t in (head, *head.conjuncts) if t.i < noun.left_edge.i]
    return max(before, key=lambda t: t.i) if before else head


def _nouns_names(ctx: ArticleContext, noun: Token, plural: bool) -> list[Ref]:
    """The names a company noun describes: by compound, apposition, a list preposition, as a
    predicate of its subject, or in "one of the Chinese companies"."""
    found: list[Ref] = []
    for child in noun.children:
        if child.dep_ == "appos":
            found.extend(ctx.refs(child) if plural else _one(ctx.ref(child)))
        elif child.dep_ == "prep" and child.lower_ in LIST_PREPS:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found.extend(ctx.refs(pobj))
    if found:
        return found
    if noun.dep_ in ("compound", "amod") and (company := _company_mention(ctx, noun.head)):
        return [company, *(ctx.refs(noun.head)[1:] if plural else [])]
    if noun.dep_ == "appos" or (noun.dep_ == "conj" and noun.head.dep_ == "appos"):
        holder = appos_holder(noun) if noun.dep_ == "appos" else appos_holder(noun.head)
        return _one(ctx.ref(holder))
    if noun.dep_ == "attr" or (noun.dep_ == "pobj" and noun.head.lower_ == "of"
                               and noun.head.head.lower_ in ("one", "some", "among")):
        predicate = noun if noun.dep_ == "attr" else noun.head.head
        if predicate.dep_ == "appos":  # "Zhipu AI, one of China's biggest AI startups, ..."
            return _one(ctx.ref(appos_holder(predicate)))
        return [r for s in _subjects(predicate) if (r := ctx.ref(s))]
    if plural:
        return ctx.group_members(noun)  # "the two U.S. companies" after "Oracle and Walmart"
    return []


def _subjects(predicate: Token) -> list[Token]:
    """Subjects of the verb a predicate noun belongs to, climbing participle clauses
    ("Baidu ..., becoming one of the first Chinese companies")."""
    if predicate.dep_ not in ("attr", "dobj", "appos"):
        return []
    verb = predicate.head
    for _ in range(3):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return subjects
        if verb.dep_ not in ("advcl", "xcomp", "conj") or verb.head.i == verb.i:
            return []
        verb = verb.head
    return []


def _described_in_sequence(ctx: ArticleContext, nat: Token) -> list[tuple[Ref, Token]]:
    """Surface reading, robust to misparses: a nationality, describing words, then the name
    ("Chinese start-up Zhipu AI", "China's Geely", "U.S. entities, including A and B")."""
    doc = ctx.doc
    if nat.i + 1 < len(doc) and doc[nat.i + 1].text in ("-", "–"):
        return _based_on_hyphen(ctx, nat)
    described: list[tuple[Ref, Token]] = []
    noun: Token | None = None
    i = nat.i + 1
    limit = min(nat.sent.end, nat.i + LIST_WINDOW)
    while i < limit:
        token = doc[i]
        mention = ctx.mention_at(token)
        if mention is not None and mention.start >= nat.i + 1 and _passed_over(ctx, mention):
            i = mention.end  # "to its Entity List, among them ...", "Beijing-based X"
            continue
        if mention is not None and mention.start >= nat.i + 1:
            root = doc[mention.start:mention.end].root
            if described and root.dep_ in ("nsubj", "nsubjpass", "csubj", "ROOT"):
                break  # "such as Qualcomm, ZTE said": the next name starts a clause
            ref = ctx.ref(token)
            if ref is not None and ref.candidate.type == "Company":
                described.append((ref, noun or token))
            elif mention.place is not None or (ref and ref.candidate.type != "Company"):
                break  # another country or an agency: the list is over
            if noun is None or noun.tag_ not in ("NNS", "NNPS"):
                break  # a singular noun describes one name
            i = mention.end
            continue
        if token.pos_ in ("NOUN", "ADJ", "ADP", "VERB") and (
                _is_company_noun(token) or _listing_noun(token)):
            noun = token
        elif not (token.lower_ in LIST_WORDS or (token.pos_ in SCAN_POS and token.is_lower)
                  or token.pos_ in ("PUNCT", "NUM") or _in_hyphenated_word(token)
                  or (described and token.ent_type_ == "GPE" and doc[i - 1].lower_ == "of")) \
                or token.lower_ in CLAUSE_STOPS:
            break  # ("Biren Technology of Shanghai and ...": a city after a name is passed)
        i += 1
    if noun is None and not (_possessive_at(nat) and described
                             and (first := ctx.mention_at(described[0][1])) is not None
                             and first.start == nat.i + 2):
        return []  # without a company noun only "China's Geely" (the name right after) counts
    return described


def _listing_noun(token: Token) -> bool:
    """"Chinese customers such as A and B": a noun of buyers or partners that a list of names
    follows ("such as", "including", "like")."""
    if token.lower_ not in LISTED_COMPANY_NOUNS:
        return False
    after = [t.lower_ for t in token.doc[token.i + 1:token.i + 3]]
    return bool(after) and (after[0] in ("including", "like") or after[:2] == ["such", "as"]
                            or (after[0] == "," and after[1:2] == ["including"]))


def _passed_over(ctx: ArticleContext, mention: Mention) -> bool:
    """Mentions a list of names runs past: a policy ("to its Entity List, among them ...")
    and a place glued to "-based" ("Beijing-based Moore Threads")."""
    doc = ctx.doc
    if mention.agent is not None and mention.agent.type == "Policy" and mention.place is None:
        return True
    return mention.end + 1 < len(doc) and doc[mention.end].text in ("-", "–") and \
        doc[mention.end + 1].lower_ in BASED_WORDS


def _in_hyphenated_word(token: Token) -> bool:
    """"start-up", "state-backed": a part of a hyphenated word, whatever its tag."""
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return token.is_lower and (
        (after is not None and after.text == "-" and not token.whitespace_)
        or (before is not None and before.text == "-" and not before.whitespace_))


def _possessive_at(nat: Token) -> bool:
    return nat.i + 1 < len(nat.doc) and nat.doc[nat.i + 1].lower_ in ("'s", "’s")


def _based_on_hyphen(ctx: ArticleContext, nat: Token) -> list[tuple[Ref, Token]]:
    """"China-based Huawei": the Country, a hyphen, "based", then the company."""
    doc = ctx.doc
    if nat.i + 3 >= len(doc) or doc[nat.i + 2].lower_ not in BASED_WORDS:
        return []
    ref = ctx.ref(doc[nat.i + 3])
    return [(ref, doc[nat.i + 2])] if ref else []


def _is_company_noun(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if token.i >= 2 and token.doc[token.i - 1].text == "-":  # "start-ups", "chip-maker"
        joined = f"{token.doc[token.i - 2].lower_}-{token.lower_}"
        if joined in COMPANY_NOUNS or joined.removesuffix("s") in COMPANY_NOUNS:
            return True
    return token.lower_ in COMPANY_NOUNS or lemma in COMPANY_NOUNS or lemma.endswith("maker")


def _company_mention(ctx: ArticleContext, token: Token) -> Ref | None:
    ref = ctx.ref(token) if ctx.mention_at(token) else None
    return ref if ref is not None and ref.candidate.type == "Company" else None


def _one(ref: Ref | None) -> list[Ref]:
    return [ref] if ref is not None else []


BASED_WORDS = frozenset({"based", "headquartered"})


def _based_in_named_country(ctx: ArticleContext, verb: Token) -> None:
    """"Nvidia, based in the United States", "ASML is headquartered in the Netherlands": a
    Country (never a city) after "based in" states where the company is based."""
    country = None
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            mention = ctx.mention_at(objects[0]) if objects else None
            if mention is not None and mention.place is not None and \
                    ctx.gazetteer.lookup(mention.surface, type="Country"):
                country = Ref(mention.place, mention.surface, 0.9)
    if country is None:
        return
    if verb.dep_ in ("acl", "amod", "advcl"):
        holder = appos_holder(verb.head) if verb.head.dep_ == "appos" else verb.head
        companies = [holder, verb.head]
    else:
        companies = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    for token in companies:
        if (company := _company_mention(ctx, token)) is not None:
            ctx.add_fact(company, "basedIn", country, verb.sent, 0.8)
            return


def _based_in_of_country(ctx: ArticleContext) -> None:
    """"Nvidia Corporation of the United States": a company followed by "of" a Country."""
    for token in ctx.tokens:
        if token.lower_ in BASED_WORDS and not is_negated(token):
            _based_in_named_country(ctx, token)
            continue
        if token.lower_ != "of" or token.i == 0:
            continue
        company = _company_mention(ctx, token.doc[token.i - 1])
        if company is None:
            continue
        objects = [c for c in token.children if c.dep_ == "pobj"]
        if not objects or (mention := ctx.mention_at(objects[0])) is None:
            continue
        if mention.place is not None and mention.place.type == "Country" and \
                ctx.gazetteer.lookup(mention.surface, type="Country"):
            ctx.add_fact(company, "basedIn", Ref(mention.place, mention.surface, 0.9),
                         token.sent, 0.8)


# --- investsIn ----------------------------------------------------------------------------
def extract_investments(ctx: ArticleContext) -> None:
    for token in ctx.tokens:
        lemma = token.lemma_.lower()
        if lemma in INVEST_VERBS and token.pos_ == "VERB":
            pair = _verb_investment(ctx, token)
        elif lemma in RAISE_VERBS and token.pos_ == "VERB":
            pair = _raised_from(ctx, token)
        elif lemma in JOIN_VERBS and token.pos_ == "VERB":
            pair = _joined_round(ctx, token)
        elif token.pos_ not in ("NOUN", "PROPN"):
            continue
        elif token.lower_ in ACT_NOUNS or lemma in ACT_NOUNS:
            pair = _noun_investment(ctx, token)
        elif lemma in INVESTOR_NOUNS or token.lower_ in INVESTOR_NOUNS:
            pair = _investor_noun(ctx, token)
        elif lemma in HOLDING_NOUNS or token.lower_ in HOLDING_NOUNS:
            pair = _holding_noun(ctx, token)
        else:
            continue
        if pair is None or not is_factual(token, allow_modal=False) or _unrealised(token):
            continue
        investors, investees = pair
        for investor in investors:
            for investee in investees:
                if investor.candidate.type == "Company" and \
                        investee.candidate.type == "Company":
                    ctx.add_fact(investor, "investsIn", investee, token.sent, 0.8)


def _unrealised(trigger: Token) -> bool:
    """A planned, failed or terminated deal ("its planned takeover of NXP", "cleared the
    purchase, only for the buyer to terminate the agreement") is no investment (ruling 5
    and 13: only what happened, a completed acquisition)."""
    if any(c.lower_ in UNREALISED or c.lemma_.lower() in UNREALISED for c in trigger.children
           if c.dep_ in ("amod", "compound", "advmod")):
        return True
    if trigger.dep_ in ("dobj", "pobj") and trigger.pos_ == "NOUN":
        verb = trigger.head.head if trigger.dep_ == "pobj" else trigger.head
        if verb.lemma_.lower() in PENDING_VERBS:
            return True  # "had been reviewing Intel's purchase of Tower": still open
    return any(_ends_deal(t, trigger) for t in trigger.sent)


def _ends_deal(verb: Token, trigger: Token) -> bool:
    """A verb that ends the deal: it governs the trigger ("walked away from its takeover")
    or ends a deal named as its object ("only for X to terminate the agreement")."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in DEAL_ENDERS:
        return False
    if verb.is_ancestor(trigger):  # through its object, not its subject
        branch = next(c for c in verb.children if c.i == trigger.i or c.is_ancestor(trigger))
        # "its takeover was blocked" ends the deal; "the likes of X's parent Y were
        # blocked there" speaks of the companies, not of a deal
        return branch.dep_ not in ("nsubj", "nsubjpass", "csubj") or \
            branch.lemma_.lower() in DEAL_NOUNS
    return any(c.dep_ in ("dobj", "nsubjpass", "nsubj") and c.lemma_.lower() in DEAL_NOUNS
               for c in verb.children)


def _verb_investment(ctx: ArticleContext, verb: Token) -> tuple[list[Ref], list[Ref]] | None:
    lemma = verb.lemma_.lower()
    if lemma in TAKEOVER_VERBS and verb.dep_ in ("xcomp", "acl", "pcomp", "advcl", "csubj"):
        return None  # "agreed to acquire", "a bid to buy": not a completed acquisition
    investors: list[Ref] = []
    investee = None
    for child in verb.children:
        if child.dep_ == "nsubj":
            investors = ctx.refs(child)
        elif child.dep_ == "nsubjpass":
            investee = _company_at(ctx, child)
        elif child.dep_ in ("npadvmod", "compound", "nmod") and child.i < verb.i and (
                company := _company_mention(ctx, child)):
            investors = [company]  # "ByteDance-owned TikTok", "Alibaba-backed Zhipu"
        elif child.dep_ == "agent":
            investors = [r for c in child.children if c.dep_ == "pobj"
                         for r in _refs_or_company(ctx, c)]
        elif child.dep_ == "dobj" and lemma != "invest":
            investee = _antecedent(ctx, child)
        elif child.dep_ == "prep" and child.lower_ in ("in", "into"):
            investee = _object_of(ctx, child) or investee  # not "acquired X in 2020"
        if child.dep_ == "dobj" and investee is None:  # "invested billions in X"
            for prep in child.children:  # "owns about 90% of Arm"
                if prep.dep_ == "prep" and (prep.lower_ in ("in", "into") or (
                        prep.lower_ == "of" and lemma != "invest")):
                    investee = _object_of(ctx, prep)
    if verb.dep_ in ("acl", "amod") and verb.tag_ == "VBN" and investee is None:
        investee = _described_name(ctx, verb.head) or _definite_subject(ctx, verb.head)
    return (investors, [investee]) if investors and investee else None


def _definite_subject(ctx: ArticleContext, noun: Token) -> Ref | None:
    """"Zhipu was listed in January. The Beijing start-up, backed by Tencent, ...": a definite
    company description that opens its sentence as the subject is the company named last in
    that or the sentence before ("OpenAI, backed by Microsoft" is read by _described_name)."""
    if noun.dep_ not in ("nsubj", "nsubjpass") or not _is_company_noun(noun) or \
            ctx.mention_at(noun) is not None or noun.left_edge.i != noun.sent.start or \
            not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
        return None
    mention = ctx.last_mention(noun.i, "Company", same_or_previous_sentence=True)
    return ctx.ref(ctx.doc[mention.start]) if mention is not None else None


def _antecedent(ctx: ArticleContext, token: Token) -> Ref | None:
    """The entity a relative pronoun stands for, through an appositive description:
    "Polestar, the Swedish maker that Geely controls"."""
    ref = ctx.ref(token)
    if ref is not None or token.lower_ not in ("that", "which", "whom", "who"):
        return ref
    clause = token.head
    if clause.dep_ != "relcl":
        return None
    return _described_name(ctx, clause.head)


def _described_name(ctx: ArticleContext, noun: Token) -> Ref | None:
    """The name a noun stands for: its own mention or the name it is in apposition to
    ("Zhipu, a startup backed by Alibaba")."""
    ref = ctx.ref(noun)
    if ref is None and noun.dep_ == "appos":
        ref = ctx.ref(appos_holder(noun))
    return ref


def _refs_or_company(ctx: ArticleContext, token: Token) -> list[Ref]:
    """ctx.refs, unless a country possessive stands before a company ("by China's Geely")."""
    company = _company_at(ctx, token)
    mention = ctx.mention_at(token)
    if company is not None and company.candidate.type == "Company" and \
            mention is not None and mention.place is not None:
        return [company]
    return ctx.refs(token)


def _company_at(ctx: ArticleContext, token: Token) -> Ref | None:
    """The entity a token names; "it" is the company named last (this or the previous
    sentence); a country possessive before a company ("by China's Geely", misparsed) gives
    the company."""
    if token.lower_ == "it" and ctx.mention_at(token) is None:
        mention = ctx.last_mention(token.i, "Company", same_or_previous_sentence=True)
        return ctx.ref(ctx.doc[mention.start]) if mention is not None else None
    ref = ctx.ref(token)
    mention = ctx.mention_at(token)
    if mention is not None and mention.place is not None and mention.end + 1 < len(ctx.doc):
        after = ctx.doc[mention.end]
        if after.lower_ in ("'s", "’s") and (company := _company_mention(
                ctx, ctx.doc[mention.end + 1])):
            return company
    return ref


def _noun_investment(ctx: ArticleContext, noun: Token) -> tuple[list[Ref], list[Ref]] | None:
    investor = investee = None
    for child in noun.children:
        if child.dep_ == "poss":
            investor = _possessor(ctx, child)
        elif child.dep_ == "prep" and child.lower_ in ("in", "of", "into"):
            investee = _object_of(ctx, child)
    if investor is None and noun.dep_ in ("dobj", "attr"):
        subjects = [c for c in noun.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        investor = ctx.ref(subjects[0]) if subjects else None
    if investor is None and noun.dep_ == "appos":
        investor = ctx.ref(appos_holder(noun))
    if investee is None and noun.dep_ == "dobj":
        investee = _relative_in(ctx, noun.head)
    return ([investor], [investee]) if investor and investee else None


def _relative_in(ctx: ArticleContext, verb: Token) -> Ref | None:
    """"Arm China, in which Arm Holdings retains a stake": the company the relative clause
    describes is where the stake is."""
    if verb.dep_ != "relcl":
        return None
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "into") and any(
                c.dep_ == "pobj" and c.lower_ == "which" for c in prep.children):
            return _described_name(ctx, verb.head)
    return None


def _raised_from(ctx: ArticleContext, verb: Token) -> tuple[list[Ref], list[Ref]] | None:
    """"X raised $1 billion from A and B", "X secured funding from investors including A",
    "X raised $600 million in a round led by A": the named sources of the money invest in
    X (ruling 9); money from unnamed investors names no one."""
    money = [c for c in verb.children if c.dep_ == "dobj" and (
        c.lemma_.lower() in FUNDING_NOUNS or c.ent_type_ == "MONEY"
        or any(t.ent_type_ == "MONEY" for t in c.subtree))]
    if not money:
        return None
    investee = next((r for c in verb.children if c.dep_ == "nsubj"
                     if (r := _company_at(ctx, c)) is not None), None)
    if investee is None:
        return None
    sources = [p for h in (verb, *money) for c in h.children
               if c.dep_ == "prep" and c.lower_ == "from"
               for p in c.children if p.dep_ == "pobj"]
    investors = [r for p in sources for r in _members(ctx, p)]
    investors += [r for p in sources for r in _listed_before(ctx, p)]
    investors += [r for t in verb.subtree if t.lemma_.lower() == "lead" and t.tag_ == "VBN"
                  for a in t.children if a.dep_ == "agent"  # "a round led by A"
                  for p in a.children if p.dep_ == "pobj" for r in _members(ctx, p)]
    investors += [r for t in verb.subtree if t.lemma_.lower() in PARTICIPATION_NOUNS
                  for c in t.children if c.dep_ == "prep" and c.lower_ == "from"
                  for p in c.children if p.dep_ == "pobj"  # "with participation from A"
                  for r in _members(ctx, p)]
    return (investors, [investee]) if investors else None


def _joined_round(ctx: ArticleContext, verb: Token) -> tuple[list[Ref], list[Ref]] | None:
    """"Moonshot raised $700 million ... Alibaba also joined the round, along with B", "A and B
    participated in the financing": the subjects (and those "along with" them) invest in the
    company whose round it is, the raiser named in this or the two sentences before."""
    rounds = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in ROUND_NOUNS]
    rounds += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"
               for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() in ROUND_NOUNS]
    if verb.lemma_.lower() == "take":  # "took part in the round"
        if not any(c.dep_ == "dobj" and c.lower_ == "part" for c in verb.children):
            return None
        rounds = [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"
                  for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() in ROUND_NOUNS]
    if not rounds:
        return None
    investee = next((r for n in rounds for c in n.children if c.dep_ == "poss"
                     if (r := _company_at(ctx, c)) is not None), None) or _raiser_before(ctx, verb)
    if investee is None:
        return None
    investors = [r for c in verb.children if c.dep_ == "nsubj" for r in ctx.refs(c)]
    for prep in (c for c in verb.children if c.dep_ in ("prep", "advmod")):
        inner = [prep, *(c for c in prep.children if c.dep_ == "prep")]  # "along" + "with"
        phrase = " ".join(t.lower_ for t in inner)
        if phrase in ALONG_PREPS or (prep.lower_ == "with" and prep.i > 0 and ctx.doc[
                prep.i - 1].lower_ in ("along", "together")):
            investors += [r for t in inner for p in t.children if p.dep_ == "pobj"
                          for n in (p, *(a for a in p.children if a.dep_ == "appos"))
                          for r in ctx.refs(n)]  # "with the venture firm HongShan"
    investors = [r for r in investors if r.candidate.id != investee.candidate.id]
    return (investors, [investee]) if investors else None


def _raiser_before(ctx: ArticleContext, verb: Token) -> Ref | None:
    """The company that raised money in this sentence or the two before: the subject of a
    raise verb ("X raised $1 billion", "X has raised about $700 million")."""
    sent = verb.sent
    start = sent.start
    for _ in range(2):
        if start > 0:
            start = ctx.doc[start - 1].sent.start
    for token in ctx.doc[start:verb.i]:
        if token.lemma_.lower() in RAISE_VERBS and token.pos_ == "VERB":
            found = next((r for c in token.children if c.dep_ == "nsubj"
                          if (r := _company_at(ctx, c)) is not None), None)
            if found is not None:
                return found
    return None


def _listed_before(ctx: ArticleContext, noun: Token) -> list[Ref]:
    """"from A, B and C's venture arm D": the parser hangs the list before a possessive phrase
    on its last name (A as its nmod, B and C as A's conjuncts); the possessor C owns D and is
    not a source itself."""
    listed = [t for c in noun.children if c.dep_ == "nmod" and c.i < noun.i
              for t in (c, *c.conjuncts)]
    return [r for t in listed if not any(c.dep_ == "case" for c in t.children)
            if (r := _company_mention(ctx, t)) is not None]


def _members(ctx: ArticleContext, noun: Token) -> list[Ref]:
    """The companies a noun names: itself and its conjuncts, or for a group word the members
    "including" / "such as" lists ("investors including A and B")."""
    if noun.lemma_.lower() in GROUP_NOUNS or noun.lower_ in GROUP_NOUNS:
        return [r for c in noun.children if c.dep_ == "prep" and c.lower_ in ("including",
                                                                             "like", "as")
                for p in c.children if p.dep_ == "pobj" for t in (p, *p.conjuncts)
                if (r := _company_at(ctx, t)) is not None]
    return [r for t in (noun, *noun.conjuncts) if (r := _company_at(ctx, t)) is not None]


def _investor_noun(ctx: ArticleContext, noun: Token) -> tuple[list[Ref], list[Ref]] | None:
    """"X, a backer of Y", "Y's parent, X", "Y's backers include X and Z", "Y counts X among
    its shareholders"."""
    if (counted := _counted_investors(ctx, noun)) is not None:
        return counted
    investee = None
    if noun.dep_ == "compound" and noun.head.lemma_.lower() in ("company", "firm", "group") \
            and ctx.mention_at(noun.head) is None:
        noun = noun.head  # "TikTok's Chinese parent company": the phrase's head noun
    for child in noun.children:
        if child.dep_ == "poss":
            investee = _possessor(ctx, child)
        elif child.dep_ == "prep" and child.lower_ in ("in", "of"):
            investee = _object_of(ctx, child)
        elif child.dep_ == "compound" and child.i < noun.i:
            investee = _company_mention(ctx, child) or investee  # "Google parent Alphabet"
    if investee is None:
        return None
    return (_named_by(ctx, noun), [investee]) if _named_by(ctx, noun) else None


def _counted_investors(ctx: ArticleContext, noun: Token) -> tuple[list[Ref], list[Ref]] | None:
    """"Y counts X as its largest investor", "Y counts X and Z among its shareholders": the
    counting verb's object invests in its subject (the owner of "its")."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("as", "among") or \
            prep.head.lemma_.lower() not in COUNT_VERBS:
        return None
    verb = prep.head
    investees = [r for c in verb.children if c.dep_ == "nsubj" if (r := _company_at(ctx, c))]
    investors = [r for c in verb.children if c.dep_ == "dobj" for r in ctx.refs(c)]
    return (investors, investees) if investors and investees else ([], [])


def _holding_noun(ctx: ArticleContext, noun: Token) -> tuple[list[Ref], list[Ref]] | None:
    """"Y, a subsidiary of X", "X's chip-design arm Y", "Y, X's self-driving unit"."""
    investor = None
    owners = [*noun.children, *(noun.head.children if noun.dep_ == "compound" else ())]
    owned = _compound_name(ctx, noun)
    for child in owners:  # "its chip-design arm HiSilicon": "its" hangs on the name
        if child.dep_ == "poss":
            investor = _possessor(ctx, child)
        elif child.dep_ == "compound" and child.head.i == noun.i and owned is None:
            investor = _company_mention(ctx, child) or investor  # "Alphabet unit Waymo"
        elif child.dep_ == "prep" and child.lower_ == "of" and child.head.i == noun.i:
            investor = _object_of(ctx, child)
            named = _counted_list(ctx, noun, child)
            if investor is not None and named:
                return [investor], named
    if investor is None:
        return None
    named = [owned] if owned is not None else _next_name(ctx, noun) or _named_by(ctx, noun)
    return ([investor], named) if named else None


def _next_name(ctx: ArticleContext, noun: Token) -> list[Ref]:
    """"Baidu's chip unit Kunlunxin and Cambricon ...": a singular holding noun names the one
    company right after it, whatever the parser makes of the words that follow."""
    if noun.tag_ != "NN" or noun.i + 1 >= len(noun.doc):
        return []
    return _one(_company_mention(ctx, noun.doc[noun.i + 1]))


def _compound_name(ctx: ArticleContext, noun: Token) -> Ref | None:
    """"Huawei's HiSilicon unit": with an owner in the possessive, a company name compounded
    before the holding noun is the unit itself, not a second owner."""
    if not any(c.dep_ == "poss" for c in noun.children):
        return None
    return next((r for c in noun.children if c.dep_ == "compound" and c.i < noun.i
                 if (r := _company_mention(ctx, c)) is not None), None)


def _counted_list(ctx: ArticleContext, noun: Token, prep: Token) -> list[Ref]:
    """"Two subsidiaries of BGI, BGI Research and BGI Tech": the parser coordinates all three
    names; the number on the noun says the last two are the subsidiaries."""
    count = next((c for c in noun.children if c.dep_ == "nummod"), None)
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    if count is None or not objects:
        return []
    owner = objects[0]
    conjuncts = [c for c in owner.conjuncts if c.i > owner.i]
    number = _number(count)
    if number is None or number != len(conjuncts) or not conjuncts:
        return []
    mention = ctx.mention_at(owner)
    after = ctx.doc[mention.end] if mention is not None and mention.end < len(ctx.doc) else None
    if after is None or after.text != ",":
        return []
    return [r for c in conjuncts if (r := ctx.ref(c))]


NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _number(token: Token) -> int | None:
    if token.is_digit:
        return int(token.text)
    return NUMBER_WORDS.get(token.lower_)


def _named_by(ctx: ArticleContext, noun: Token) -> list[Ref]:
    """The names a describing noun stands for: the name it is appositive to or compounded
    with, its appositive names, the subject it is predicated of, or the objects of
    "include" when it is that verb's subject."""
    if noun.dep_ == "appos" and (ref := ctx.ref(appos_holder(noun))):
        return [ref]
    if noun.dep_ == "compound" and (ref := ctx.ref(noun.head)):
        return [ref]
    # "Alibaba's chip unit T-Head and Huawei": a singular noun names one company, and the
    # parser hangs the next subject on its appositive as a conjunct
    appositives = [r for c in noun.children if c.dep_ == "appos"
                   for r in (ctx.refs(c) if noun.tag_ in ("NNS", "NNPS") else _one(ctx.ref(c)))]
    if appositives:
        return appositives
    if noun.dep_ == "attr":
        return [r for s in _subjects(noun) if (r := ctx.ref(s))]
    if noun.dep_ == "nsubj" and noun.head.lemma_ in ("include", "be"):
        objects = [c for c in noun.head.children if c.dep_ in ("dobj", "attr")]
        return [r for o in objects for r in _refs_through_noun(ctx, o)]
    return []


def _refs_through_noun(ctx: ArticleContext, token: Token) -> list[Ref]:
    """Names of a token and its conjuncts, or of a describing noun's compound head
    ("Chinese tech groups Alibaba, Tencent and Xiaomi")."""
    if ctx.mention_at(token) is None:
        named = [r for c in token.children if c.dep_ == "appos" for r in ctx.refs(c)]
        if named:
            return named
    return ctx.refs(token)


def _object_of(ctx: ArticleContext, prep: Token) -> Ref | None:
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return _company_at(ctx, objects[0]) if objects else None


def _possessor(ctx: ArticleContext, token: Token) -> Ref | None:
    """"its" -> the closest company named before it in the sentence; "whose" -> the company
    the relative clause describes."""
    if token.lower_ == "whose":
        return _whose(ctx, token)
    if token.lower_ not in ("its", "their"):
        return _company_at(ctx, token)
    for i in range(token.i - 1, token.sent.start - 1, -1):
        mention = ctx.mention_at(ctx.doc[i])
        if mention and mention.agent and mention.agent.type == "Company":
            return ctx.ref(ctx.doc[i])
    return _previous_subject(ctx, token)


def _previous_subject(ctx: ArticleContext, token: Token) -> Ref | None:
    """"G42 is a holding group. Its shareholders include ...": a sentence that opens with
    "its" speaks of the company the sentence before is about (its subject)."""
    sent = token.sent
    if token.i != sent.start or sent.start == 0:
        return None
    previous = ctx.doc[sent.start - 1].sent
    subject = next((t for t in previous if t.dep_ in ("nsubj", "nsubjpass")
                    and t.head.dep_ == "ROOT"), None)
    ref = _company_mention(ctx, subject) if subject is not None else None
    return ref


def _whose(ctx: ArticleContext, whose: Token) -> Ref | None:
    """"The Beijing-based maker of the GLM models, whose backers include ...": the relative
    clause describes the head of the "of" chain (the parser often hangs it on the last noun);
    a definite company description there refers to the company named just before."""
    clause = whose.head.head
    if clause.dep_ != "relcl":
        return None
    noun = clause.head
    for _ in range(4):
        if ctx.mention_at(noun) or noun.dep_ != "pobj" or noun.head.lower_ != "of":
            break
        noun = noun.head.head
    ref = _described_name(ctx, noun)
    if ref is None and _is_company_noun(noun) and any(c.lower_ == "the" for c in noun.children):
        mention = ctx.last_mention(noun.i, "Company", same_or_previous_sentence=True)
        ref = ctx.ref(ctx.doc[mention.start]) if mention is not None else None
    return ref if ref is not None and ref.candidate.type == "Company" else None
