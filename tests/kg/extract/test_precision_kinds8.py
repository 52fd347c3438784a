"""Precision kinds found on heldout5 and on probe sentences of our own (wire, op-ed, investor
note, readout, press release): parties listed together, or acting each on their own, are not
sides of one Cooperation (DESIGN.md ruling 7); a group word ("the two companies", "the three
countries") stands for earlier agents of its own kind and number. Every sentence is written
for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from tests.kg.extract.extraction_samples import extract

CN = "Government of China"
US = "Government of the United States"


def event_sets(nlp: Language, text: str, event_type: str) -> set[frozenset[str]]:
    """The participant sets (or actor and target) of the events of one type, by label."""
    extraction = extract(nlp, text)
    labels = {e.id: e.label for e in extraction.entities}
    return {frozenset(labels[i] for i in (*e.participants, e.actor, e.target, e.proposed) if i)
            for e in extraction.events if e.type == event_type}


# --- 1. listed together is not cooperating ------------------------------------------------

@pytest.mark.parametrize("text", [
    # investor note: a company's backers are its investors, not signatories of one text
    "The robotics start-up, whose backers include Baidu, Tencent and Amazon, plans to list "
    "shares in Hong Kong next year.",
    "SenseTime raised fresh money in March. Its backers include Baidu, Tencent and Google.",
    "Anthropic's supporters include Google and Amazon, which together hold large stakes.",
])
def test_the_backers_of_a_company_are_no_sides_of_one_agreement(nlp: Language,
                                                                text: str) -> None:
    assert event_sets(nlp, text, "Cooperation") == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("The backers of the pledge include Baidu, Tencent and Google.",
     {frozenset({"Baidu", "Tencent", "Google"})}),
    ("The accord was opened for signature in May. Its supporters include Baidu and Tencent.",
     {frozenset({"Baidu", "Tencent"})}),
])
def test_the_backers_of_a_text_still_sign_it(nlp: Language, text: str,
                                             expected: set[frozenset[str]]) -> None:
    assert event_sets(nlp, text, "Cooperation") == expected


@pytest.mark.parametrize("text", [
    # wire: each side made its own deal, with a partner the text does not name
    "Baidu and Tencent separately announced partnerships on Monday.",
    "Baidu and Tencent have both struck deals in the Middle East this year.",
    "Baidu, Tencent and Google each reached agreements with regulators last month.",
    "Baidu and Google, rivals in search, have each signed agreements with carmakers.",
    # press release / court filing: cooperating with a probe (ruling 13), an unnamed partner
    "Baidu and Tencent both agreed to cooperate with the investigation.",
    "Samsung and Nvidia, which were both fined in Europe, have cooperated with local "
    "carriers for years.",
    # op-ed: accepting a rule or owing a payment is no accord among those who accept it
    "Baidu, Tencent and SenseTime agreed to the new rules on generative AI in July.",
    "Google, Amazon and Anthropic agreed to pay more tax in Europe.",
])
def test_sides_acting_each_on_their_own_make_no_cooperation(nlp: Language,
                                                            text: str) -> None:
    assert event_sets(nlp, text, "Cooperation") == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("Baidu and Tencent signed separate agreements with Nvidia.",
     {frozenset({"Baidu", "Nvidia"}), frozenset({"Tencent", "Nvidia"})}),
    ("Baidu and Tencent signed agreements with Nvidia and Samsung, respectively.",
     {frozenset({"Baidu", "Nvidia"}), frozenset({"Tencent", "Samsung Electronics"})}),
    # one text stays one agreement of all its signatories, however they signed it
    ("Baidu and Tencent each signed the pledge on AI safety.",
     {frozenset({"Baidu", "Tencent"})}),
    # and an accord the two subjects make with each other stays
    ("Baidu and Tencent agreed to work with each other on cloud chips.",
     {frozenset({"Baidu", "Tencent"})}),
    ("China and the United States agreed to a 90-day truce in Geneva.", {frozenset({CN, US})}),
    ("Separately, Baidu and Tencent announced a partnership on cloud chips.",
     {frozenset({"Baidu", "Tencent"})}),
])
def test_the_sides_of_each_agreement(nlp: Language, text: str,
                                     expected: set[frozenset[str]]) -> None:
    assert event_sets(nlp, text, "Cooperation") == expected


# --- 2. a group word stands for agents of its kind and number ------------------------------

@pytest.mark.parametrize(("text", "event_type", "expected"), [
    # wire: two persons met, two companies spoke in between; "the two ministers" are persons
    ("Gina Raimondo met Wang Wentao in Beijing on Monday. Baidu and Tencent welcomed the "
     "talks. The two ministers agreed to set up a working group on chips.", "Cooperation",
     {frozenset({"Gina Raimondo", "Wang Wentao"})}),
    # analysis: two persons named after two companies; "the two companies" are the companies
    ("Baidu and Tencent reported strong cloud sales. Xi Jinping spoke with Joe Biden on "
     "Tuesday. The two companies agreed to share chip designs.", "Cooperation",
     {frozenset({"Baidu", "Tencent"})}),
    # op-ed: "the two governments" are no pair of companies named nearer
    ("The United States and China have traded accusations for months, and Nvidia and Samsung "
     "are at the centre of the fight. The two governments met in Geneva on Monday.",
     "Meeting", {frozenset({CN, US})}),
    # readout: a list of three is not "the two countries"; the pair named before it is
    ("Beijing and Washington traded barbs over chips in May. The Netherlands, South Korea and "
     "the United States restrict chip tools. The two countries agreed to a truce on Friday.",
     "Cooperation", {frozenset({CN, US})}),
    # and "the three countries" are the three
    ("The Netherlands, South Korea and the United States restrict chip tools. The three "
     "countries agreed to align their export controls.", "Cooperation",
     {frozenset({"Government of Netherlands", "Government of South Korea", US})}),
    # press release: the partner hangs on the object of the act agreed
    ("Nvidia and Samsung shares rose on Monday. Both companies agreed to share revenue with "
     "the US government.", "Cooperation",
     {frozenset({"Nvidia", US}), frozenset({"Samsung Electronics", US})}),
])
def test_a_group_word_takes_agents_of_its_kind_and_number(
        nlp: Language, text: str, event_type: str, expected: set[frozenset[str]]) -> None:
    assert event_sets(nlp, text, event_type) == expected


def test_the_two_companies_are_no_list_of_three(nlp: Language) -> None:
    text = ("Google, Amazon and Nvidia bid for the start-up in 2023. The two U.S. companies "
            "later invested in SenseTime.")
    extraction = extract(nlp, text)
    assert not [f for f in extraction.facts if f.predicate == "investsIn"]


# --- 3. what did not happen (ruling 5) and what was called false ---------------------------

@pytest.mark.parametrize("text", [
    # op-ed: conditionals by inversion and suppositions
    "Had Xi Jinping met Joe Biden in June, the tariffs might have been avoided.",
    "Were China to criticise the United States over the rules, markets would fall.",
    "A deal between Baidu and Nvidia, were it to happen, would reshape the market.",
    "Assuming the United States and China agree on a truce, chip exports will resume.",
    "Imagine a world in which Baidu and Nvidia cooperate on AI safety.",
    # wire: a negated subject, an act refrained from
    "Neither Baidu nor Tencent has signed a deal with Nvidia.",
    "China refrained from criticising the United States over the rules.",
    "Beijing has so far avoided criticising Washington directly.",
    # planned, or an agreement that failed before it was made
    "A meeting between Xi Jinping and Joe Biden has been tentatively pencilled in for "
    "November.",
    "The deal between Baidu and Nvidia fell through in March.",
    # fact check: reports and posts called untrue
    "The White House said reports of a meeting between Joe Biden and Xi Jinping were "
    "\"simply not true\".",
    "There is no truth to claims that Baidu cooperated with Nvidia, the company said.",
    "Social media posts claiming that Xi Jinping met Joe Biden in secret were false.",
])
def test_what_did_not_happen_is_no_event(nlp: Language, text: str) -> None:
    assert extract(nlp, text).events == ()


@pytest.mark.parametrize(("text", "event_type", "expected"), [
    # twins: the same events asserted
    ("Xi Jinping met Joe Biden in June, and the tariffs were avoided.", "Meeting",
     {frozenset({"Xi Jinping", "Joe Biden"})}),
    ("China criticised the United States over the rules.", "Criticism", {frozenset({CN, US})}),
    ("Baidu has signed a deal with Nvidia, and Tencent has too.", "Cooperation",
     {frozenset({"Baidu", "Nvidia"})}),
    ("The deal between Baidu and Nvidia took effect in March.", "Cooperation",
     {frozenset({"Baidu", "Nvidia"})}),
    ("The White House said reports of a meeting between Joe Biden and Xi Jinping were true.",
     "Meeting", {frozenset({"Joe Biden", "Xi Jinping"})}),
    ("Should I ask? Baidu signed a deal with Nvidia in March.", "Cooperation",
     {frozenset({"Baidu", "Nvidia"})}),
])
def test_the_same_events_asserted_stay(nlp: Language, text: str, event_type: str,
                                       expected: set[frozenset[str]]) -> None:
    assert event_sets(nlp, text, event_type) == expected


@pytest.mark.parametrize("text", [
    # op-ed: what should happen
    "It is time for China and the United States to cooperate on AI safety.",
    "China and the United States ought to hold talks on AI.",
    # spokesperson: a conditional's future main clause, a hope of one's own
    "If Washington adds more firms to the list, Beijing will condemn it.",
    "China hopes to meet the United States halfway.",
    # wire: not yet, not quite
    "Baidu and Nvidia have yet to sign an agreement.",
    "Baidu and Nvidia nearly signed an agreement last year.",
    "Baidu and Nvidia almost reached a deal in 2023.",
])
def test_what_should_or_would_happen_is_no_event(nlp: Language, text: str) -> None:
    assert extract(nlp, text).events == ()


@pytest.mark.parametrize(("text", "event_type", "expected"), [
    ("Beijing condemned Washington after it added more firms to the list.", "Criticism",
     {frozenset({CN, US})}),
    ("Baidu and Nvidia signed an agreement last year.", "Cooperation",
     {frozenset({"Baidu", "Nvidia"})}),
    ("Nearly 30 countries, including China and the United States, signed the declaration.",
     "Cooperation", {frozenset({CN, US})}),
    # joining another in signing deals with a third: each is a side with the third
    ("Baidu joined Tencent in signing deals with Nvidia.", "Cooperation",
     {frozenset({"Baidu", "Nvidia"}), frozenset({"Tencent", "Nvidia"})}),
])
def test_what_happened_stays(nlp: Language, text: str, event_type: str,
                             expected: set[frozenset[str]]) -> None:
    assert event_sets(nlp, text, event_type) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # wire: the sentence leaves its own source unconfirmed
    ("Baidu and Nvidia signed a deal, according to a report that Reuters could not verify.",
     set()),
    ("Baidu and Nvidia reportedly signed a deal, according to a report that neither company "
     "confirmed.", set()),
    # twin: a confirmed source
    ("Baidu and Nvidia signed a deal, according to a report that both companies confirmed.",
     {frozenset({"Baidu", "Nvidia"})}),
])
def test_an_unconfirmed_source_reports_no_event(nlp: Language, text: str,
                                                expected: set[frozenset[str]]) -> None:
    assert event_sets(nlp, text, "Cooperation") == expected


def test_a_conjunct_clause_with_its_own_subject_keeps_it(nlp: Language) -> None:
    # readout: "the two sides" of the second clause are not "both companies" of the first
    text = ("Samsung and Nvidia have been hit by the rules. Gina Raimondo held talks with Wang "
            "Wentao on Friday. Both companies welcomed the meeting and the two sides agreed to "
            "keep talking.")
    assert frozenset({"Samsung Electronics", "Nvidia"}) not in event_sets(
        nlp, text, "Cooperation")


@pytest.mark.parametrize(("text", "expected"), [
    # readout: a bloc named with a country is one of "the two sides" (ruling 18)
    ("The United Nations and China held talks in Beijing. The two sides agreed to strengthen "
     "cooperation on AI capacity-building.",
     {frozenset({"United Nations", CN})}),
    # twin: a bloc only named as the place is no side
    ("Gina Raimondo met Wang Wentao on the sidelines of the United Nations. The two sides "
     "agreed to keep talking.", set()),
])
def test_a_bloc_named_with_a_country_is_a_side(nlp: Language, text: str,
                                               expected: set[frozenset[str]]) -> None:
    assert event_sets(nlp, text, "Cooperation") == expected
