"""Kinds of fact that news in voices the rules were not written for states and the rules missed
(found on the misses of heldout5, the dev set and heldout..heldout3, fixed by general rules):
each a sentence written for these tests, a differently worded twin, and negative twins that must
stay empty (DESIGN.md relation inventory; rulings 1, 9 and 10). The real gazetteer
(ontology/entities.ttl) names the companies, as it does in `kg eval`."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.gazetteer import load_gazetteer
from kg.nlp import build_pipeline, load_model
from tests.kg.extract.extraction_samples import extract


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline(load_model(), load_gazetteer())


def facts(nlp: Language, text: str, predicate: str) -> list[tuple[str, str]]:
    """(subject label, object label) of each fact of `predicate`, sorted."""
    extraction = extract(nlp, text)
    labels = {e.id: e.label for e in extraction.entities}
    return sorted((labels[f.subject], labels[f.object]) for f in extraction.facts
                  if f.predicate == predicate)


# --- investsIn (ruling 9: investors, backers, stakes, parent companies) -------------------

@pytest.mark.parametrize(("text", "expected"), [
    # the unit's name compounded before the holding noun, its owner in the possessive
    ("Sales rose at Baidu's Kunlunxin unit last quarter.", [("Baidu", "Kunlunxin")]),
    # a singular unit names one company, not the next subject the parser coordinates with it
    ("Baidu's chip unit Kunlunxin and Cambricon Technologies compete for the same buyers.",
     [("Baidu", "Kunlunxin")]),
    # the counting verb: its object invests in its subject
    ("Enflame counts Tencent among its biggest shareholders.", [("Tencent", "Enflame")]),
    ("MetaX counts Alibaba as its largest outside investor.", [("Alibaba Group", "MetaX")]),
    ("Enflame counts Tencent among its biggest customers.", []),
    # a stake held "in which" the relative clause's company
    ("Enflame, in which Tencent holds a 20% stake, filed for a listing.",
     [("Tencent", "Enflame")]),
    ("Enflame, in which Tencent sees a rival, filed for a listing.", []),
    # a sentence that opens with "its" speaks of the company the sentence before is about
    ("Mistral AI is a French start-up. Its shareholders include Microsoft and Nvidia.",
     [("Microsoft", "Mistral AI"), ("Nvidia", "Mistral AI")]),
    ("Analysts expect more deals. Its shareholders include Microsoft.", []),
    # a list of sources whose last item is a possessive phrase: the possessor is not a source
    ("Moonshot AI raised $1 billion from Meituan, Tencent and Saudi Aramco's venture arm "
     "Prosperity7.",
     [("Meituan", "Moonshot AI"), ("Prosperity7 Ventures", "Moonshot AI"),
      ("Tencent", "Moonshot AI")]),
    # a definite description opening the sentence refers to the company named just before
    ("The Commerce Department listed MetaX in January. The Shanghai start-up, backed by "
     "Tencent, said the listing was unjust.", [("Tencent", "MetaX")]),
    ("The Shanghai start-up, backed by Tencent, said the listing was unjust.", []),
])
def test_investments_in_news_syntax(nlp: Language, text: str,
                                    expected: list[tuple[str, str]]) -> None:
    assert facts(nlp, text, "investsIn") == expected


# --- roleIn (DESIGN.md "Structure": current roles only, the most specific organisation) ----

HOUSE = "United States House of Representatives"
COMMITTEE = "House Select Committee on the Chinese Communist Party"


@pytest.mark.parametrize(("text", "expected"), [
    # ", its chief executive," after the name: "its" is the company the text is about
    ("Lenovo said profits rose. Yang Yuanqing, its chief executive, said demand was strong.",
     [("Yang Yuanqing", "Lenovo")]),
    ("Lenovo said profits rose. Yang Yuanqing, its former chief executive, said demand was "
     "strong.", []),
    # a title predicated of the person, in a main or a relative clause
    ("Baidu released a new model. Robin Li is its chief executive.", [("Robin Li", "Baidu")]),
    ("Baidu released a new model. Robin Li is no longer its chief executive.", []),
    ("The model was built by a team led by Liang Wenfeng, who is also DeepSeek's chief "
     "executive.", [("Liang Wenfeng", "DeepSeek")]),
    # a lawmaker's committee post besides his seat: "who chairs the committee", "the
    # committee's ranking member"
    (f"Representative Mike Gallagher, the Wisconsin Republican who chairs the {COMMITTEE}, "
     "said the rules were weak.",
     [("Mike Gallagher", COMMITTEE), ("Mike Gallagher", HOUSE)]),
    (f"The {COMMITTEE} met on Tuesday. The committee's ranking member, Representative Raja "
     "Krishnamoorthi, asked for a vote.",
     [("Raja Krishnamoorthi", COMMITTEE), ("Raja Krishnamoorthi", HOUSE)]),
    # "then-President": a past post (ruling 1)
    ("The order was signed by then-President Donald Trump in 2020.", []),
])
def test_roles_in_news_syntax(nlp: Language, text: str,
                              expected: list[tuple[str, str]]) -> None:
    assert facts(nlp, text, "roleIn") == expected


# --- basedIn (DESIGN.md: only where nationality is stated; ruling 10) -----------------------

@pytest.mark.parametrize(("text", "expected"), [
    # a plural appositive describes every coordinated name before it
    ("The department added Hikvision and Dahua, two Chinese makers of cameras, to the list.",
     [("Dahua Technology", "China"), ("Hikvision", "China")]),
    ("The department added Hikvision and Dahua, two makers of cameras, to the list.", []),
    # the description beside a bracketed acronym is that company's, not the subject's
    ("Tata Electronics will build the plant with Powerchip Semiconductor Manufacturing Corp. "
     "(PSMC), the Taiwanese foundry.",
     [("Powerchip Semiconductor Manufacturing Corp.", "Taiwan")]),
    # a fund is a company noun: "a Chinese hedge fund"
    ("DeepSeek is owned by High-Flyer, a Chinese hedge fund.", [("High-Flyer", "China")]),
    ("DeepSeek is owned by High-Flyer, a Hangzhou hedge fund.", []),
])
def test_nationality_in_news_syntax(nlp: Language, text: str,
                                    expected: list[tuple[str, str]]) -> None:
    assert facts(nlp, text, "basedIn") == expected


# --- targets (ruling 5: only what happened; the listed party, not its description) ---------

@pytest.mark.parametrize(("text", "expected"), [
    # a listing someone asks for lists no one
    ("Senators urged the Commerce Department to add CXMT to the Entity List.", []),
    ("Lawmakers pressed the department to put Unitree on the Entity List.", []),
    ("The Commerce Department added CXMT to the Entity List on Monday.",
     [("Entity List", "ChangXin Memory Technologies")]),
    # the relative pronoun is the party the clause describes
    ("Analysts asked about Zhipu AI, which the Commerce Department added to its Entity List "
     "in January.", [("Entity List", "Zhipu AI")]),
    # the clause describing a listed party names no further party
    ("Biren Technology, founded by a former Alibaba executive, was put on the Entity List in "
     "2023.", [("Entity List", "Biren Technology")]),
])
def test_listed_parties(nlp: Language, text: str, expected: list[tuple[str, str]]) -> None:
    assert facts(nlp, text, "targets") == expected


def test_asking_to_lift_sanctions_keeps_them(nlp: Language) -> None:
    """"urged Washington to lift its sanctions on China": the sanctions stand."""
    text = "Beijing urged Washington to lift its unilateral sanctions on China."
    assert ("Government of the United States" in
            [o for _, o in facts(nlp, text, "issuedBy")])


@pytest.mark.parametrize(("text", "expected"), [
    # "founded by": the founder keeps the title, whatever his later or former posts
    ("Biren Technology, founded by a former Alibaba executive, Zhang Wen, was listed in 2023.",
     [("Zhang Wen", "Biren Technology")]),
    ("Zhipu AI, a start-up founded by Tang Jie, was listed in January.",
     [("Tang Jie", "Zhipu AI")]),
    ("Robin Li founded Baidu in 2000.", [("Robin Li", "Baidu")]),
    ("Robin Li did not found Tencent.", []),
    ("Baidu was founded in 2000.", []),
])
def test_founders(nlp: Language, text: str, expected: list[tuple[str, str]]) -> None:
    assert facts(nlp, text, "roleIn") == expected


# --- memberOf and withdrewFrom ----------------------------------------------------------------

FORUM = "Frontier Model Forum"


@pytest.mark.parametrize(("text", "expected"), [
    (f"The {FORUM} admitted Amazon and Meta as members last year.",
     [("Amazon", FORUM), ("Meta Platforms", FORUM)]),
    (f"Analysts admitted the {FORUM} had few members.", []),
    (f"Amazon joined the board of the {FORUM} this year.", [("Amazon", FORUM)]),
    (f"The {FORUM} grew. Amazon joined the group's board this year.", [("Amazon", FORUM)]),
    (f"Microsoft is among the founding members of the {FORUM}.", [("Microsoft", FORUM)]),
    (f"Microsoft is not among the founding members of the {FORUM}.", []),
    # the relative clause's "it" is the main clause's subject
    ("Baidu withdrew from the Partnership on AI, which it had joined in 2018.",
     [("Baidu", "Partnership on AI")]),
])
def test_memberships(nlp: Language, text: str, expected: list[tuple[str, str]]) -> None:
    assert facts(nlp, text, "memberOf") == expected


def test_that_list_is_the_list_named_before(nlp: Language) -> None:
    """"which administers the unreliable entity list, ... added X to that list": one policy,
    the named list, which takes the issuer the later clause states."""
    text = ("China's Ministry of Commerce, which administers the country's own unreliable "
            "entity list, said it had added Skydio to that list.")
    assert facts(nlp, text, "targets") == [("Unreliable Entity List", "Skydio")]
    assert facts(nlp, text, "issuedBy") == [("Unreliable Entity List",
                                             "Ministry of Commerce of China")]


@pytest.mark.parametrize(("text", "expected"), [
    # the parser hangs the name on the last noun of the title's phrase
    ("A spokesperson for China's Taiwan Affairs Office, Chen Binhua, said the visit was a "
     "provocation.", [("Chen Binhua", "Taiwan Affairs Office")]),
    ("The founder of Unitree Robotics, Wang Xingxing, showed the robots.",
     [("Wang Xingxing", "Unitree")]),
    ("A critic of the Taiwan Affairs Office, Chen Binhua, said the visit was a provocation.",
     []),
    # a portfolio title names the ministry the gazetteer knows by that name
    ("Minister of Economic Affairs Kuo Jyh-huei told lawmakers the list would grow.",
     [("Kuo Jyh-huei", "Ministry of Economic Affairs of Taiwan")]),
])
def test_titles_before_a_comma_name(nlp: Language, text: str,
                                    expected: list[tuple[str, str]]) -> None:
    assert facts(nlp, text, "roleIn") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a sentence opening with "its" speaks of the previous sentence's subject, however many
    # companies that sentence names
    ("Lenovo counts Legend Holdings among its biggest shareholders. Its chief executive, "
     "Yang Yuanqing, said demand was strong.", [("Yang Yuanqing", "Lenovo")]),
    ("Analysts expect more deals. Its chief executive, Yang Yuanqing, said demand was strong.",
     []),
    # the company that gives the post is the title's organisation
    ("Xiaomi named Lu Weibing as president on Monday.", [("Lu Weibing", "Xiaomi")]),
])
def test_company_of_a_title(nlp: Language, text: str,
                            expected: list[tuple[str, str]]) -> None:
    assert facts(nlp, text, "roleIn") == expected


def test_a_court_is_no_company(nlp: Language) -> None:
    """"the U.S. District Court" is a body of the US government, not a US company."""
    text = ("Judge Amy Berman Jackson of the U.S. District Court for the District of Columbia "
            "blocked the designation on Friday.")
    assert facts(nlp, text, "basedIn") == []


@pytest.mark.parametrize(("text", "expected"), [
    # a party under an act by a named body is that act's target (ruling 8)
    ("Vivo has been under investigation by India's Enforcement Directorate since 2022.",
     [("Enforcement Directorate investigation", "Vivo")]),
    ("Huawei remains under US sanctions.", [("US sanctions", "Huawei")]),
    ("Vivo is not under investigation by the Enforcement Directorate.", []),
    ("Vivo acted under rules set by the ministry.", []),  # a rule cited, not a target
])
def test_parties_under_an_act(nlp: Language, text: str,
                              expected: list[tuple[str, str]]) -> None:
    assert facts(nlp, text, "targets") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # licences and permits a body requires are its policy; a single licence is none
    ("Malaysia's trade ministry said it now requires permits for exports of US-made AI chips.",
     [("Ministry of Investment, Trade and Industry of Malaysia permits",
       "Ministry of Investment, Trade and Industry of Malaysia")]),
    ("Huawei can no longer obtain chips without a U.S. licence.", []),
    ("Nvidia applied for a licence last year.", []),
])
def test_required_licences(nlp: Language, text: str,
                           expected: list[tuple[str, str]]) -> None:
    assert facts(nlp, text, "issuedBy") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the post taken over is the subject's; the predecessor gets nothing
    ("At Alibaba, Eddie Wu, who succeeded Daniel Zhang as chief executive in 2023, spoke.",
     [("Eddie Wu", "Alibaba Group")]),
    ("At Alibaba, Eddie Wu, who did not succeed Daniel Zhang as chief executive, spoke.", []),
])
def test_succeeded_as(nlp: Language, text: str, expected: list[tuple[str, str]]) -> None:
    assert facts(nlp, text, "roleIn") == expected
