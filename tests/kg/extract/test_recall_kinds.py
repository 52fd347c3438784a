"""Kinds of event that news the rules were not tuned for states and the rules missed (found on
the misses of the dev, heldout2 and heldout3 sets, fixed by general rules): each with the
sentence that failed or its twin, a differently worded twin, and negative twins that must stay
empty (DESIGN.md: Criticism = accuses, condemns, opposes; rulings 1-3, 16). Sentences written
for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from tests.kg.extract.extraction_samples import events_by_label, extract, sides

LISTED_TENCENT = "The Commerce Department added Tencent to its Entity List on Monday."
US_CONTROLS = "Washington imposed new controls on chip exports in April."


@pytest.mark.parametrize(("text", "expected"), [
    (f'{LISTED_TENCENT} Tencent said the listing was "clearly a mistake".',
     [("Tencent", "US Department of Commerce")]),
    ("The Commerce Department placed Baidu on a blacklist last week. Baidu said on Friday "
     "that the decision was unjustified.", [("Baidu", "US Department of Commerce")]),
    # a company has no side of its own: the one government that acted before issued them
    (f"{US_CONTROLS} Nvidia chief executive Jensen Huang said the controls were a failure.",
     [("Jensen Huang", "Government of the United States")]),
    (f"{LISTED_TENCENT} Analysts said the listing was a mistake.", []),  # ruling 1
    (f"{LISTED_TENCENT} Tencent said the listing was expected.", []),  # nothing damning
    # China is where the controls apply, not who issued them
    ("New controls on chip exports to China took effect in April. Nvidia said the controls "
     "were a failure.", []),
    (f"{US_CONTROLS} Nvidia said the controls were not a failure.", []),
])
def test_a_damning_label_of_an_act_reported_before_criticises_its_doer(
        nlp: Language, text: str, expected: list[tuple[str, str]]) -> None:
    assert sides(nlp, text, "Criticism") == expected


FCC = "The Federal Communications Commission"


@pytest.mark.parametrize(("text", "expected"), [
    ('The Ministry of Commerce said Micron\'s products posed "relatively serious network '
     'security risks" that threatened national security.',
     [("Ministry of Commerce of China", "Micron")]),
    (f"{FCC} said Huawei's equipment presented an unacceptable threat to national security.",
     [("Federal Communications Commission", "Huawei")]),
    (f"{FCC} said Huawei's equipment posed no threat to national security.", []),
    ("Analysts said Huawei's equipment posed a threat to national security.", []),  # ruling 1
    (f"{FCC} said Huawei's equipment could pose a threat to national security.", []),
])
def test_a_threat_said_of_what_a_party_owns_accuses_the_owner(
        nlp: Language, text: str, expected: list[tuple[str, str]]) -> None:
    assert sides(nlp, text, "Criticism") == expected


def policy_facts(nlp: Language, text: str) -> set[tuple[str, str, str]]:
    """(policy label, predicate, object label) of every issuedBy and targets fact."""
    extraction = extract(nlp, text)
    labels = {e.id: e.label for e in extraction.entities}
    return {(labels[f.subject], f.predicate, labels[f.object]) for f in extraction.facts
            if f.predicate in ("issuedBy", "targets")}


DOC = "US Department of Commerce"


@pytest.mark.parametrize(("text", "expected"), [
    ("The Commerce Department banned American companies from selling components to Tencent "
     "for seven years.", {(f"{DOC} ban on Tencent", "issuedBy", DOC),
                          (f"{DOC} ban on Tencent", "targets", "Tencent")}),
    ("The Ministry of Commerce barred operators of critical infrastructure from buying Nvidia "
     "chips.", {("Ministry of Commerce of China ban on Nvidia", "issuedBy",
                 "Ministry of Commerce of China"),
                ("Ministry of Commerce of China ban on Nvidia", "targets", "Nvidia")}),
    # the destination of banned sales hung on the verb
    ("The Ministry of Commerce banned exports of gallium to the United States.",
     {("Ministry of Commerce of China ban on United States", "issuedBy",
       "Ministry of Commerce of China"),
      ("Ministry of Commerce of China ban on United States", "targets", "United States")}),
    ("The Commerce Department blocked Tencent from the American market.",
     {(f"{DOC} ban on Tencent", "issuedBy", DOC), (f"{DOC} ban on Tencent", "targets",
                                                   "Tencent")}),
    ("Google banned its employees from using Baidu.", set()),  # a company's house rule
    ("The Commerce Department did not ban American companies from selling chips to Tencent.",
     set()),
    ("Beijing blocked the deal.", set()),
])
def test_a_ban_on_doing_business_with_a_party_targets_that_party(
        nlp: Language, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert policy_facts(nlp, text) == expected


def meetings(nlp: Language, text: str) -> list[list[str]]:
    return [labels for kind, labels in events_by_label(nlp, text) if kind == "Meeting"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Xi Jinping spoke with Gina Raimondo on Tuesday about export controls.",
     [["Xi Jinping", "Gina Raimondo"]]),
    ("Gina Raimondo spoke with Xi Jinping.", [["Gina Raimondo", "Xi Jinping"]]),
    # the other side names no person: reporters, a broadcaster, an audience
    ("Gina Raimondo spoke with reporters after the talks.", []),
    ("Gina Raimondo spoke with Baidu on Tuesday.", []),
    ("Gina Raimondo spoke at a conference with Xi Jinping in the audience.", []),
    ("Gina Raimondo will speak with Xi Jinping on Friday.", []),
    ("Gina Raimondo did not speak with Xi Jinping.", []),
])
def test_a_named_person_who_spoke_with_another_met_him(
        nlp: Language, text: str, expected: list[list[str]]) -> None:
    assert meetings(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Xi Jinping led talks with Gina Raimondo in Beijing.", [["Xi Jinping", "Gina Raimondo"]]),
    ("Gina Raimondo headed talks with Xi Jinping on Saturday.",
     [["Gina Raimondo", "Xi Jinping"]]),
    ("Gina Raimondo led the push for talks with Xi Jinping.", []),
])
def test_leading_talks_with_a_party_is_a_meeting_with_it(
        nlp: Language, text: str, expected: list[list[str]]) -> None:
    assert meetings(nlp, text) == expected


CN, US, JP = "Government of China", "Government of the United States", "Government of Japan"
MOFCOM = "Ministry of Commerce of China"


@pytest.mark.parametrize(("text", "expected"), [
    ("Washington was urged by Beijing to lift the sanctions.", [(CN, US)]),
    ("The United States was called on by China to lift the sanctions.", [(CN, US)]),
    ("Japan was pressed by the United States to tighten its controls.", [(US, JP)]),
    ("Tencent was summoned by the Ministry of Commerce over security risks.",
     [(MOFCOM, "Tencent")]),
    ("Washington was urged to lift the sanctions.", []),  # by no one named
    ("Washington was urged by analysts to lift the sanctions.", []),  # ruling 1
    ("Washington has not been urged by Beijing to lift the sanctions.", []),
    ("Tencent was asked by Beijing about its chips.", []),  # a question, nothing asked of it
])
def test_a_passive_demand_is_made_by_its_by_party(
        nlp: Language, text: str, expected: list[tuple[str, str]]) -> None:
    assert sides(nlp, text, "Demand") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("China's Ministry of Commerce issued a statement condemning the U.S. decision.",
     [(MOFCOM, US)]),
    ("In a statement condemning the U.S. decision, China's Ministry of Commerce said it would "
     "take countermeasures.", [(MOFCOM, US)]),
    ("China's Ministry of Commerce issued a statement about the U.S. decision.", []),
    # conduct named, not said: whoever launched it is not the one who speaks
    ("China's Ministry of Commerce launched a campaign opposing the U.S. decision.", []),
    ("China's Ministry of Commerce did not issue a statement condemning the U.S. decision.",
     []),
])
def test_a_statement_condemning_a_party_is_its_authors_criticism(
        nlp: Language, text: str, expected: list[tuple[str, str]]) -> None:
    assert sides(nlp, text, "Criticism") == expected


def investments(nlp: Language, text: str) -> set[tuple[str, str]]:
    extraction = extract(nlp, text)
    labels = {e.id: e.label for e in extraction.entities}
    return {(labels[f.subject], labels[f.object]) for f in extraction.facts
            if f.predicate == "investsIn"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Anthropic raised $4 billion from investors including Amazon and Google.",
     {("Amazon", "Anthropic"), ("Google", "Anthropic")}),
    ("SenseTime raised 1.5 billion yuan from Tencent and Baidu in March.",
     {("Tencent", "SenseTime"), ("Baidu", "SenseTime")}),
    ("Anthropic raised $600 million in a round led by Google.", {("Google", "Anthropic")}),
    ("Anthropic raised $4 billion from investors.", set()),  # no one named
    ("Anthropic is seeking to raise $4 billion from Amazon.", set()),  # not yet raised
    ("Anthropic did not raise money from Amazon.", set()),
    ("Anthropic raised concerns with Amazon.", set()),  # no money
])
def test_the_named_sources_of_money_raised_invest_in_the_raiser(
        nlp: Language, text: str, expected: set[tuple[str, str]]) -> None:
    assert investments(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The Commerce Department ordered Tencent to halt shipments to China.",
     {(f"{DOC} order on Tencent", "issuedBy", DOC), (f"{DOC} order on Tencent", "targets",
                                                     "Tencent")}),
    ("The Commerce Department banned several Chinese firms, including Tencent and Baidu, from "
     "buying U.S. chips.", {(f"{DOC} ban on Tencent", "issuedBy", DOC),
                            (f"{DOC} ban on Tencent", "targets", "Tencent"),
                            (f"{DOC} ban on Tencent", "targets", "Baidu")}),
    # a government body ordered by its president is told what to do, not regulated
    ("The president ordered the Commerce Department to review the rules.", set()),
    ("Tencent ordered 10,000 chips from Nvidia.", set()),
    ("The Commerce Department did not order Tencent to halt shipments.", set()),
])
def test_an_order_to_a_company_and_a_ban_on_listed_parties_are_policies(
        nlp: Language, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert policy_facts(nlp, text) == expected


def proposals(nlp: Language, text: str) -> list[list[str]]:
    extraction = extract(nlp, text)
    labels = {e.id: e.label for e in extraction.entities}
    return [[labels[e.actor or ""], labels[e.proposed or ""]] for e in extraction.events
            if e.type == "Proposal"]


@pytest.mark.parametrize(("text", "expected"), [
    ("In November, the Commerce Department proposed possible export controls on emerging "
     "technologies.", [[DOC, "export controls"]]),
    ("The Ministry of Commerce proposed new tariffs on American soybeans.",
     [[MOFCOM, f"{MOFCOM} tariffs"]]),
    ("The Commerce Department considered possible export controls on emerging technologies.",
     []),
    ("The Commerce Department did not propose export controls on emerging technologies.", []),
])
def test_a_proposed_restriction_not_yet_in_force_is_a_proposal(
        nlp: Language, text: str, expected: list[list[str]]) -> None:
    assert proposals(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The talks that Gina Raimondo held with Xi Jinping in Beijing lasted an hour.",
     [["Gina Raimondo", "Xi Jinping"]]),
    ("The meeting that Xi Jinping and Gina Raimondo held in Beijing produced few results.",
     [["Xi Jinping", "Gina Raimondo"]]),
    ("The talks that Gina Raimondo hoped to hold with Xi Jinping never took place.", []),
    ("The talks that Gina Raimondo will hold with Xi Jinping are expected to be difficult.",
     []),
    ("The talks that Gina Raimondo did not hold with Xi Jinping were cancelled.", []),
])
def test_talks_a_relative_clause_says_were_held_are_a_meeting(
        nlp: Language, text: str, expected: list[list[str]]) -> None:
    assert meetings(nlp, text) == expected


def cooperations(nlp: Language, text: str) -> list[list[str]]:
    return [labels for kind, labels in events_by_label(nlp, text) if kind == "Cooperation"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Baidu agreed to supply its AI models to Samsung Electronics.",
     [["Baidu", "Samsung Electronics"]]),
    ("Nvidia agreed to sell 18,000 chips to Tencent.", [["Nvidia", "Tencent"]]),
    ("Samsung Electronics agreed to buy chips from Nvidia.", [["Samsung Electronics", "Nvidia"]]),
    ("Baidu will supply its AI models to Samsung Electronics.", []),  # no agreement stated
    ("Baidu declined to supply its AI models to Samsung Electronics.", []),
    ("Baidu agreed to sell its stake to investors.", []),  # no one named
    # a takeover agreed: ruling 13 counts it by whether it was completed, not here
    ("Nvidia agreed to buy Tencent for $7 billion.", []),
])
def test_a_trade_agreed_with_a_named_party_is_a_cooperation(
        nlp: Language, text: str, expected: list[list[str]]) -> None:
    assert cooperations(nlp, text) == expected


INTERVIEW = "Nvidia's chief executive, Jensen Huang, spoke with us in Taipei.\n\n"


@pytest.mark.parametrize(("text", "expected"), [
    (INTERVIEW + "Q: What came out of your trip?\n\nHuang: We signed an agreement with Tencent "
     "to supply AI servers.", [["Nvidia", "Tencent"]]),
    (INTERVIEW + "Huang: We have agreed to supply chips to Baidu.", [["Nvidia", "Baidu"]]),
    (INTERVIEW + "Q: We signed an agreement with Tencent. Did you?", []),  # the interviewer
    ("We signed an agreement with Tencent to supply AI servers.", []),  # no speaker named
])
def test_we_in_a_transcript_line_is_the_speakers_company(
        nlp: Language, text: str, expected: list[list[str]]) -> None:
    assert cooperations(nlp, text) == expected


FOUND = "The Commerce Department found that Tencent had violated U.S. sanctions."


@pytest.mark.parametrize(("text", "expected"), [
    (f"{FOUND} Tencent said it disagreed with the findings.",
     [(DOC, "Tencent"), ("Tencent", DOC)]),
    ("The Commerce Department added Tencent to the Entity List. Tencent objected to the "
     "decision.", [("Tencent", DOC)]),
    (f"{FOUND} Tencent said it agreed with the findings.", [(DOC, "Tencent")]),
    (f"{FOUND} Analysts disagreed with the findings.", [(DOC, "Tencent")]),  # ruling 1
])
def test_disagreeing_with_a_finding_reported_before_criticises_its_maker(
        nlp: Language, text: str, expected: list[tuple[str, str]]) -> None:
    assert sides(nlp, text, "Criticism") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Xi Jinping said Taiwan was the most dangerous issue in relations.", []),
    ("Xi Jinping said Washington was the most dangerous threat to peace.", [("Xi Jinping", US)]),
])
def test_a_party_called_a_dangerous_issue_is_not_accused(
        nlp: Language, text: str, expected: list[tuple[str, str]]) -> None:
    assert sides(nlp, text, "Criticism") == expected
