"""Cooperation events and membership facts on small inputs (DESIGN.md rulings 5, 7, 13, 18)."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from kg.extract import extract_article
from kg.models import Article, Extraction


def run(nlp: Language, text: str) -> Extraction:
    article = Article(id="c", title="", text=text, date=dt.date(2024, 6, 3))
    return extract_article(article, nlp=nlp)


def cooperations(nlp: Language, text: str) -> set[frozenset[str]]:
    """The participant sets of the Cooperation events, by label."""
    extraction = run(nlp, text)
    labels = {e.id: e.label for e in extraction.entities}
    return {frozenset(labels[p] for p in e.participants)
            for e in extraction.events if e.type == "Cooperation"}


US = "Government of the United States"
CN = "Government of China"


# --- agreements without a cooperation noun (issue kind 2) ----------------------------------

def test_two_leaders_agreeing_that_is_a_cooperation(nlp: Language) -> None:
    text = ("Joe Biden and Xi Jinping agreed on Wednesday that people, not algorithms, "
            "must control any decision to launch nuclear weapons.")
    assert cooperations(nlp, text) == {frozenset({"Joe Biden", "Xi Jinping"})}


def test_a_negated_agreement_is_nothing(nlp: Language) -> None:
    text = "Joe Biden and Xi Jinping did not agree on rules for military drones."
    assert cooperations(nlp, text) == set()


def test_a_hoped_for_agreement_is_nothing(nlp: Language) -> None:
    text = "Google and Samsung hope to agree on a chip supply deal next year."
    assert cooperations(nlp, text) == set()


def test_one_party_agreeing_alone_is_nothing(nlp: Language) -> None:
    assert cooperations(nlp, "Nvidia agreed that demand for its chips was slowing.") == set()


def test_the_two_after_a_meeting_are_the_persons_who_met(nlp: Language) -> None:
    text = ("Gina Raimondo held long talks with Xi Jinping in Beijing on Monday. "
            "The two agreed to open a channel on export controls.")
    assert frozenset({"Gina Raimondo", "Xi Jinping"}) in cooperations(nlp, text)


def test_the_two_sides_are_the_governments(nlp: Language) -> None:
    text = ("Trade officials of China and the United States met in Geneva on Sunday. "
            "The two sides reached a consensus on lowering tariffs.")
    assert cooperations(nlp, text) == {frozenset({US, CN})}


def test_an_agreement_named_in_a_relative_clause(nlp: Language) -> None:
    text = "The consensus that Xi Jinping and Joe Biden reached last year covers AI risks."
    assert cooperations(nlp, text) == {frozenset({"Xi Jinping", "Joe Biden"})}


# --- agreements with a cooperation noun ----------------------------------------------------

def test_a_deal_struck_with_a_partner(nlp: Language) -> None:
    text = "Amazon struck a cloud deal with Anthropic on Thursday."
    assert cooperations(nlp, text) == {frozenset({"Amazon", "Anthropic"})}


def test_a_proposed_deal_is_nothing(nlp: Language) -> None:
    text = "Tencent and Baidu announced a proposed partnership on cloud gaming."
    assert cooperations(nlp, text) == set()


def test_pledges_secured_from_several_firms_pair_each_firm_with_the_government(
        nlp: Language) -> None:
    text = ("The US government secured voluntary commitments from three companies, among them "
            "Google, Amazon and Anthropic, to test new models before release.")
    assert cooperations(nlp, text) == {frozenset({US, "Google"}), frozenset({US, "Amazon"}),
                                       frozenset({US, "Anthropic"})}


def test_the_signatories_of_one_pledge_are_its_sides(nlp: Language) -> None:
    text = ("Twelve AI developers, among them Google, Baidu and SenseTime, signed a voluntary "
            "pledge on model safety on Tuesday.")
    assert cooperations(nlp, text) == {frozenset({"Google", "Baidu", "SenseTime"})}


def test_an_owner_and_partner_of_a_partnership(nlp: Language) -> None:
    text = "Amazon said the new rules would not affect its partnership with Anthropic."
    assert cooperations(nlp, text) == {frozenset({"Amazon", "Anthropic"})}


# --- willingness, acting together ----------------------------------------------------------

def test_stated_readiness_to_work_with_a_party(nlp: Language) -> None:
    text = '"China is ready to work with the United States on AI safety," the minister said.'
    assert cooperations(nlp, text) == {frozenset({CN, US})}


def test_readiness_denied_is_nothing(nlp: Language) -> None:
    text = "China is not ready to work with the United States on chips."
    assert cooperations(nlp, text) == set()


def test_joining_another_party_in_endorsing_a_text(nlp: Language) -> None:
    text = ("Chinese diplomats joined dozens of countries, including the United States, in "
            "endorsing a call for responsible military AI.")
    assert cooperations(nlp, text) == {frozenset({CN, US})}


def test_cooperating_with_a_probe_is_no_cooperation(nlp: Language) -> None:
    text = "Nvidia said it cooperated fully with the investigation."
    assert cooperations(nlp, text) == set()


# --- membership ----------------------------------------------------------------------------

def test_joining_an_alliance_is_membership_not_cooperation(nlp: Language) -> None:
    extraction = run(nlp, "Baidu joined the Partnership on AI in 2018.")
    assert {(f.subject, f.predicate, f.object) for f in extraction.facts} >= {
        ("company/baidu", "memberOf", "alliance/partnership-on-ai")}
    assert not [e for e in extraction.events if e.type == "Cooperation"]


def test_leaving_an_alliance(nlp: Language) -> None:
    extraction = run(nlp, "Baidu withdrew from the Partnership on AI in June 2020.")
    assert ("company/baidu", "withdrewFrom", "alliance/partnership-on-ai") in {
        (f.subject, f.predicate, f.object) for f in extraction.facts}


def test_a_planned_exit_is_not_a_withdrawal(nlp: Language) -> None:
    extraction = run(nlp, "Baidu could leave the Partnership on AI next year.")
    assert not [f for f in extraction.facts if f.predicate == "withdrewFrom"]


def test_the_two_sides_after_officials_met_are_their_governments(nlp: Language) -> None:
    text = ("Chinese President Xi Jinping held talks with US Commerce Secretary Gina Raimondo "
            "on Friday. The two sides agreed to cooperate on AI safety.")
    assert cooperations(nlp, text) == {frozenset({US, CN})}


def test_the_two_sides_without_known_governments_is_nothing(nlp: Language) -> None:
    text = ("Xi Jinping held talks with Gina Raimondo on Friday. The two sides agreed to "
            "cooperate on AI safety.")
    assert cooperations(nlp, text) == set()


def test_the_signatories_listed_with_include(nlp: Language) -> None:
    text = ("The signatories include China, the United States and Baidu, along with a few "
            "smaller states.")
    assert cooperations(nlp, text) == {frozenset({CN, US, "Baidu"})}


def test_joining_another_party_in_condemning_is_no_agreement(nlp: Language) -> None:
    assert cooperations(nlp, "China joined the United States in condemning the attack.") == set()


def test_failing_to_agree_is_nothing(nlp: Language) -> None:
    text = "China and the United States failed to agree on a joint statement."
    assert cooperations(nlp, text) == set()


def test_a_partnership_not_renewed_is_nothing(nlp: Language) -> None:
    text = "Amazon said it would not renew its partnership with Anthropic."
    assert cooperations(nlp, text) == set()


def test_the_members_an_alliance_includes(nlp: Language) -> None:
    extraction = run(nlp, "The Partnership on AI was founded in 2016. Its members include "
                          "Google, Amazon and Baidu.")
    assert {(f.subject, f.predicate) for f in extraction.facts
            if f.object == "alliance/partnership-on-ai"} == {
        ("company/google", "memberOf"), ("company/amazon", "memberOf"),
        ("company/baidu", "memberOf")}


def test_an_agreement_named_by_its_two_sides(nlp: Language) -> None:
    text = "The US-China trade deal signed in January did not cover chips."
    assert cooperations(nlp, text) == {frozenset({US, CN})}


def test_a_deal_that_is_only_the_topic_of_talks_is_nothing(nlp: Language) -> None:
    text = "Negotiators resumed talks on a US-China trade deal in Geneva."
    assert cooperations(nlp, text) == set()


def test_officials_of_two_nationalities_are_their_governments(nlp: Language) -> None:
    text = "US and Chinese officials agreed to extend the tariff truce by 90 days."
    assert cooperations(nlp, text) == {frozenset({US, CN})}


def test_made_in_partnership_with_a_company(nlp: Language) -> None:
    text = "Baidu developed the chip in partnership with Samsung."
    assert cooperations(nlp, text) == {frozenset({"Baidu", "Samsung Electronics"})}


def test_hoping_another_party_will_cooperate_is_no_cooperation(nlp: Language) -> None:
    text = "China hopes the United States will work with China to implement the consensus."
    assert cooperations(nlp, text) == set()


def test_an_agreement_between_two_parties_that_acts(nlp: Language) -> None:
    text = "The agreement between Nvidia and the Commerce Department allows some chip sales."
    assert cooperations(nlp, text) == {frozenset({"Nvidia", "US Department of Commerce"})}


def test_a_withdrawal_named_as_a_noun(nlp: Language) -> None:
    extraction = run(nlp, "Baidu's departure from the Partnership on AI surprised its peers.")
    assert ("company/baidu", "withdrewFrom", "alliance/partnership-on-ai") in {
        (f.subject, f.predicate, f.object) for f in extraction.facts}


def test_a_proposed_withdrawal_is_none(nlp: Language) -> None:
    extraction = run(nlp, "The proposed US withdrawal from the United Nations worried China.")
    assert not [f for f in extraction.facts if f.predicate == "withdrewFrom"]


def test_an_agreement_reached_at_talks_is_made_by_their_sides(nlp: Language) -> None:
    text = ("China said the move undermined the consensus reached at the China-US trade talks "
            "in Geneva.")
    assert cooperations(nlp, text) == {frozenset({CN, US})}


def test_negotiating_a_deal_is_no_agreement_yet(nlp: Language) -> None:
    text = "Nvidia is negotiating a deal with the Commerce Department over chip sales."
    assert cooperations(nlp, text) == set()


def test_a_declaration_signed_by_several_governments(nlp: Language) -> None:
    text = ("The declaration, signed by 28 countries including the United States and China, "
            "called for cooperation on AI risks.")
    assert cooperations(nlp, text) == {frozenset({US, CN})}


def test_the_two_sides_are_not_guessed_past_an_unplaced_person(nlp: Language) -> None:
    text = ("The United States imposed new chip controls last week. Xi Jinping met a visiting "
            "minister, Sergey Lavrov, in Beijing on Monday. The two sides agreed to deepen "
            "coordination on AI.")
    assert cooperations(nlp, text) == set()


def test_a_contract_won_from_a_customer(nlp: Language) -> None:
    text = "Huawei won a contract from Tencent to build data centres."
    assert cooperations(nlp, text) == {frozenset({"Huawei", "Tencent"})}


def test_a_deal_only_offered_is_nothing(nlp: Language) -> None:
    assert cooperations(nlp, "Nvidia offered Tencent a deal on older chips.") == set()


def test_a_lone_speaker_without_an_office_does_not_block_the_sides(nlp: Language) -> None:
    text = ("Officials of China and the United States met in Geneva on Sunday. "
            "Sergey Lavrov commented on the talks. The two sides reached a consensus on tariffs.")
    assert cooperations(nlp, text) == {frozenset({US, CN})}


def test_agreeing_in_opinion_is_no_accord(nlp: Language) -> None:
    text = "Both Google and Samsung agreed that the new rules were harmful."
    assert cooperations(nlp, text) == set()


def test_a_headline_pair_joined_by_a_comma(nlp: Language) -> None:
    assert cooperations(nlp, "China, US agree to extend tariff truce by 90 days") == {
        frozenset({CN, US})}


def test_a_group_counted_with_a_digit(nlp: Language) -> None:
    text = ("Joe Biden and Xi Jinping met in Woodside. The 2 leaders agreed to restore "
            "military talks.")
    assert cooperations(nlp, text) == {frozenset({"Joe Biden", "Xi Jinping"})}


# --- generalisation: "the two sides" (held-out mini-set, ev_) ----------------------------------

def test_two_sides_skip_the_place_of_the_meeting(nlp: Language) -> None:
    """Ruling 18: the sides are the governments of the meeting, not the country it was held in."""
    text = ("U.S. Commerce Secretary Gina Raimondo met Chinese President Xi Jinping in Seoul, "
            "South Korea, on Monday. "
            "The two sides agreed to resume talks on export controls.")
    assert cooperations(nlp, text) == {frozenset({US, CN})}


def test_two_sides_reach_back_past_a_spokesperson_answer(nlp: Language) -> None:
    """A transcript answer puts several sentences between the meeting and 'the two sides'."""
    text = ("Q: U.S. Commerce Secretary Gina Raimondo and Chinese President Xi Jinping met in "
            "Geneva yesterday. What came of it? "
            "A: The talks were candid. They were long. They were useful. "
            "The two sides also agreed to resume military communication.")
    assert cooperations(nlp, text) == {frozenset({US, CN})}


def test_they_carries_on_the_pair_subject_of_the_sentence_before(nlp: Language) -> None:
    text = ("The two presidents, Xi Jinping and Gina Raimondo, met on Monday. "
            "The two presidents had a long exchange of views. "
            "They agreed to set up talks on AI safety.")
    assert cooperations(nlp, text) == {frozenset({"Xi Jinping", "Gina Raimondo"})}


def test_they_after_a_single_subject_sentence_is_nothing(nlp: Language) -> None:
    text = ("Xi Jinping met Gina Raimondo on Monday. Analysts expect little. "
            "They agreed that the talks would be hard.")
    assert cooperations(nlp, text) == set()


def test_two_leaders_affirming_one_thing_is_a_cooperation(nlp: Language) -> None:
    """Ruling 7: a joint affirmation is the substance of a joint statement."""
    text = ("Xi Jinping and Gina Raimondo affirmed the need to keep humans in control of "
            "decisions on nuclear weapons.")
    assert cooperations(nlp, text) == {frozenset({"Xi Jinping", "Gina Raimondo"})}


def test_each_side_reaffirming_its_position_is_nothing(nlp: Language) -> None:
    text = "Xi Jinping and Gina Raimondo reaffirmed their positions on export controls."
    assert cooperations(nlp, text) == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("Tencent joined forces with Baidu on autonomous driving.",
     {frozenset({"Tencent", "Baidu"})}),
    ("Nvidia joined hands with Samsung Electronics to develop memory chips.",
     {frozenset({"Nvidia", "Samsung Electronics"})}),
    # "joined" something else is no partnership
    ("Baidu joined the Partnership on AI in 2018.", set()),
])
def test_joining_forces_with_a_party_is_a_cooperation(
        nlp: Language, text: str, expected: set[frozenset[str]]) -> None:
    assert cooperations(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The US-China trade deal was signed in January.", {frozenset({US, CN})}),
    # a pair deal spoken of under a modal was not made
    ("Analysis: why a US-China chip deal may be harder than it looks", set()),
    ("A US-China deal could lift tariffs on chips.", set()),
])
def test_a_pair_named_deal_under_a_modal_is_nothing(
        nlp: Language, text: str, expected: set[frozenset[str]]) -> None:
    assert cooperations(nlp, text) == expected
