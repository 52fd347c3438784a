"""roleIn and partOf on short sentences of our own: each failure kind of issue 11, both ways.

Expected statements are exact sets of (subject, predicate, object) for the two relations.
"""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from kg.extract import extract_article
from kg.models import Article

US = "government/government-of-the-united-states"
CN = "government/government-of-china"
MOFCOM = "government/ministry-of-commerce-of-china"
MFA = "government/ministry-of-foreign-affairs-of-china"
DOC = "government/us-department-of-commerce"


def structure(nlp: Language, text: str) -> set[tuple[str, str, str]]:
    article = Article(id="r", title="", text=text, date=dt.date(2024, 3, 15))
    extraction = extract_article(article, nlp=nlp)
    return {(f.subject, f.predicate, f.object) for f in extraction.facts
            if f.predicate in ("roleIn", "partOf")}


@pytest.mark.parametrize(("text", "expected"), [
    # a title word the model tagged as an organisation: the national government, no company
    ("U.S. National Security Adviser Tom Harlow briefed reporters on Monday.",
     {("person/tom-harlow", "roleIn", US)}),
    # the title before the name across a comma; the posting is not the employer (ruling 17)
    ("The Chinese ambassador to the United Nations, Zhang Wei, told reporters the vote "
     "was unfair.",
     {("person/zhang-wei", "roleIn", CN)}),
    ("Linda Hale, the U.S. ambassador to the UN, presented the draft.",
     {("person/linda-hale", "roleIn", US)}),
    # a surname alone after a title: the one known person of that name
    ("Commerce Secretary Raimondo toured a chip plant in Ohio.",
     {("person/gina-raimondo", "roleIn", DOC)}),
    # a nationality stated once in the article holds for the bare title later
    ("Chinese President Xi Jinping spoke first. Later, President Xi Jinping left the hall.",
     {("person/xi-jinping", "roleIn", CN)}),
    # a portfolio title with the nationality before it, lower-case and across a comma
    ("He met China's commerce minister, Wang Bo, in Beijing.",
     {("person/wang-bo", "roleIn", MOFCOM), (MOFCOM, "partOf", CN)}),
    # a spokesperson of the body named just before ("spokesperson -> that ministry")
    ("China's Foreign Ministry held its weekly briefing. Its spokesperson, Lin Yue, said "
     "the rules were unfair.",
     {("person/lin-yue", "roleIn", MFA), (MFA, "partOf", CN)}),
    # a corporate title with the company in the sentence before
    ("Nvidia reported record sales on Wednesday. Chief executive Jensen Huang said demand "
     "for its chips was strong.",
     {("person/jensen-huang", "roleIn", "company/nvidia")}),
    ("Baidu's chief executive, Robin Li, said the model would be free.",
     {("person/robin-li", "roleIn", "company/baidu")}),
    # a lower-case body name before a spokesperson's title
    ("Foreign ministry spokesperson Lin Yue said the rules were unfair.",
     {("person/lin-yue", "roleIn", MFA)}),
    # a post just given, with the company of the sentence before
    ("Baidu held its annual meeting on Monday. Shareholders elected Robert Chang as "
     "chairman.",
     {("person/robert-chang", "roleIn", "company/baidu")}),
    # a state committee about the party is no party post
    ("Rep. Dana Cole, chair of the House Select Committee on the CCP, wrote to Nvidia.",
     {("person/dana-cole", "roleIn", "government/house-select-committee")}),
    # a plural title before coordinated names is each one's title
    # (Xi Jinping's nation from the gazetteer's description; Tom Reed's is nowhere stated)
    ("Presidents Tom Reed and Xi Jinping met in California.",
     {("person/xi-jinping", "roleIn", CN)}),
    # a known surname alone, with its title in the apposition
    ("Xi, the Chinese president, said the talks went well.",
     {("person/xi-jinping", "roleIn", CN)}),
    # a post a board gives is the company's, even "president"; the company named two
    # sentences before ("It" in between)
    ("Tencent paid the fine in May. It then replaced its board. The new board appointed "
     "Robert Chang as president.",
     {("person/robert-chang", "roleIn", "company/tencent")}),
    # a body's name the model cut short, continued by lower-case words up to "committee"
    ("Dana Cole, the chairman of the House select committee on China, wrote to Nvidia.",
     {("person/dana-cole", "roleIn", "government/house-select-committee-on-china")}),
    # a bare post of a known person: the portfolio from the gazetteer's description
    ("Secretary Gina Raimondo toured the plant.",
     {("person/gina-raimondo", "roleIn", DOC)}),
    # a neighbour's nationality yields to what is known of the person
    ("Dutch Prime Minister Mark Vos and President Xi Jinping met in Beijing.",
     {("person/mark-vos", "roleIn", "government/government-of-netherlands"),
      ("person/xi-jinping", "roleIn", CN)}),
])
def test_roles(nlp: Language, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert structure(nlp, text) == expected


@pytest.mark.parametrize("text", [
    # ruling 1: former officials hold no current role
    "Former Commerce Secretary Gina Raimondo spoke at the forum.",
    # ruling 10: party posts are not annotated
    "Chen Hao, Secretary of the CPC Shanghai Municipal Committee, met the delegation.",
    "Zhao Lei, director of the Office of the Central Science Commission, met the envoy.",
    # a nation named after a body does not place it
    "According to the Commerce Department, the U.S. will act soon.",
    # ruling 1: a quoted expert's affiliation is no role
    "Paul Hart, a senior vice president at Crane Advisory Group, said the rules would hurt.",
    "Mia Ford, director of the Strategic Technology Center, said the controls worked.",
])
def test_no_structure(nlp: Language, text: str) -> None:
    assert structure(nlp, text) == set()


def test_appointed_head_of_state_is_no_company_post(nlp: Language) -> None:
    """A post given by someone other than a board reads as the title alone."""
    facts = structure(nlp, "Tencent paid the fine. Parliament elected Robert Chang as "
                           "president.")
    assert facts == set()


def test_spokesperson_of_another_nation(nlp: Language) -> None:
    """A spokesperson of one nation is not the spokesperson of another nation's body."""
    facts = structure(nlp, "The U.S. Commerce Department added the firms to a list. Chinese "
                           "spokesperson Wu Lan called the move bullying.")
    assert facts == {(DOC, "partOf", US)}


def test_prime_minister_is_no_ministry(nlp: Language) -> None:
    facts = structure(nlp, "Dutch Prime Minister Mark Vos opened the summit in The Hague.")
    assert {(s, p) for s, p, _ in facts} == {("person/mark-vos", "roleIn")}
    assert not any("ministry" in o for _, _, o in facts)


@pytest.mark.parametrize(("text", "expected"), [
    # a nationality shared over a coordination
    ("China's Ministry of Commerce and Ministry of Science and Technology added the items "
     "to the list.",
     {(MOFCOM, "partOf", CN),
      ("government/ministry-of-science-and-technology", "partOf", CN)}),
    # a nationality on the noun a list of bodies explains
    ("The rules were issued with three Chinese agencies: the Ministry of Education, the "
     "Ministry of Public Security and the Ministry of Culture.",
     {("government/ministry-of-education", "partOf", CN),
      ("government/ministry-of-public-security", "partOf", CN),
      ("government/ministry-of-culture", "partOf", CN)}),
    # possession names the parent body
    ("The U.S. Commerce Department tightened the rules. The department's Office of Export "
     "Enforcement will police them.",
     {(DOC, "partOf", US), ("government/office-of-export-enforcement", "partOf", DOC)}),
    # a nationality on the noun that explains the body
    ("The Ministry of Commerce, China's trade regulator, said Nvidia broke the law.",
     {(MOFCOM, "partOf", CN)}),
    # a nationality on the plural noun a body exemplifies
    ("Several Chinese regulators, including the Ministry of Culture, issued the rules.",
     {("government/ministry-of-culture", "partOf", CN)}),
    # "part of" right after the name
    ("The Office of Export Enforcement, which is part of the Commerce Department, fined "
     "the firm.",
     {("government/office-of-export-enforcement", "partOf", DOC)}),
])
def test_part_of(nlp: Language, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert structure(nlp, text) == expected


# --- facts helper (fa): partOf stated inside a name, founders and leavers ------------------
def test_fa_parent_named_after_of(nlp: Language) -> None:
    """"The Ministry of Commerce of China": the name states its parent (partOf)."""
    assert (MOFCOM, "partOf", CN) in structure(
        nlp, "The Ministry of Commerce of China issued new rules on Friday.")


def membership(nlp: Language, text: str) -> set[tuple[str, str, str]]:
    article = Article(id="m", title="", text=text, date=dt.date(2024, 5, 20))
    extraction = extract_article(article, nlp=nlp)
    return {(f.subject, f.predicate, f.object) for f in extraction.facts
            if f.predicate in ("memberOf", "withdrewFrom")}


def test_fa_founders_are_members(nlp: Language) -> None:
    assert membership(nlp, "The Partnership on AI was founded in 2016 by Google and Amazon.") \
        == {("company/google", "memberOf", "alliance/partnership-on-ai"),
            ("company/amazon", "memberOf", "alliance/partnership-on-ai")}


def test_fa_quit_that_group_after_apposition(nlp: Language) -> None:
    """The name before a comma-set description acts; "that group" is the alliance."""
    assert membership(nlp, "Baidu, then the only Chinese member of the Partnership on AI, "
                           "quit that group in 2020.") == {
        ("company/baidu", "withdrewFrom", "alliance/partnership-on-ai")}


def test_fa_no_founding_when_negated(nlp: Language) -> None:
    assert membership(nlp, "The Partnership on AI was not founded by Baidu.") == set()


def test_fa_portfolio_after_for_is_no_organisation(nlp: Language) -> None:
    """"Assistant Secretary for Investment Security": the words after "<post> for" are the
    post's portfolio, never an organisation of their own (ruling 10)."""
    facts = structure(nlp, "\"The rule protects us,\" said Paul Rosen, Assistant Secretary "
                           "for Investment Security.")
    assert not any("investment-security" in obj for _, _, obj in facts)


def test_fa_the_forums_director(nlp: Language) -> None:
    """"The alliance's executive director": the alliance named just before (roleIn)."""
    facts = structure(nlp, "Amazon has joined the Partnership on AI. Mary Stone, the "
                           "alliance's executive director, welcomed the new member.")
    assert ("person/mary-stone", "roleIn", "alliance/partnership-on-ai") in facts


@pytest.mark.parametrize(("text", "expected"), [
    # the company of a past post is no employer: the title's company stays unknown
    ("Orion founder Yang Lei, a former researcher at Google, did not respond.", set()),
    ("Chief executive Yang Lei said on Monday that Google would comply.",
     {("person/yang-lei", "roleIn", "company/google")}),
])
def test_a_company_of_a_former_post_is_no_employer(
        nlp: Language, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert structure(nlp, text) == expected
