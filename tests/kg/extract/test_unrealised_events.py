"""Precision traps found by the blind set tests/gold/heldout3: refused and threatened acts,
meetings one only has a reason or a chance to hold, a meeting described as what is needed,
a forum taken for a side, and "the two sides" of a meeting with an unnamed party (DESIGN.md
ruling 5: only what happened; ruling 6: participants). Sentences written for these tests."""

from __future__ import annotations

import pytest
from extraction_samples import extract
from spacy.language import Language


def events(nlp: Language, text: str, event_type: str) -> set[tuple[str, ...]]:
    extraction = extract(nlp, text)
    labels = {e.id: e.label for e in extraction.entities}
    return {tuple(sorted(labels[p] for p in e.participants))
            for e in extraction.events if e.type == event_type}


def policy_facts(nlp: Language, text: str) -> set[tuple[str, str]]:
    """(predicate, object label) of every issuedBy and targets fact."""
    extraction = extract(nlp, text)
    labels = {e.id: e.label for e in extraction.entities}
    return {(f.predicate, labels[f.object]) for f in extraction.facts
            if f.predicate in ("issuedBy", "targets")}


@pytest.mark.parametrize("text", [
    "The United States and China declined to sign the declaration on AI safety.",
    "The United States refused to sign the joint statement on military AI.",
])
def test_a_refused_signature_issues_nothing(nlp: Language, text: str) -> None:
    assert policy_facts(nlp, text) == set()


def test_a_signature_issues_the_text(nlp: Language) -> None:
    text = "The United States and China signed the declaration on AI safety."
    assert policy_facts(nlp, text) == {("issuedBy", "Government of the United States"),
                                       ("issuedBy", "Government of China")}


def test_a_threatened_tariff_is_no_policy(nlp: Language) -> None:
    text = "Washington threatened to impose a 50% tariff on Chinese goods on Friday."
    assert policy_facts(nlp, text) == set()


def test_an_imposed_tariff_is_a_policy(nlp: Language) -> None:
    text = "Washington imposed a 50% tariff on Chinese goods on Friday."
    assert policy_facts(nlp, text) == {("issuedBy", "Government of the United States"),
                                       ("targets", "China")}


@pytest.mark.parametrize("text", [
    "Raimondo said there was no reason to meet Xi Jinping at the UN summit next year.",
    "Raimondo said she had no chance to hold talks with Xi Jinping at the UN summit.",
])
def test_a_reason_or_a_chance_to_meet_is_no_meeting(nlp: Language, text: str) -> None:
    assert events(nlp, text, "Meeting") == set()


def test_a_meeting_that_took_place_still_counts(nlp: Language) -> None:
    text = "Gina Raimondo met Xi Jinping in Beijing on Monday."
    assert events(nlp, text, "Meeting") == {("Gina Raimondo", "Xi Jinping")}


def test_a_forum_before_a_meeting_noun_is_no_side(nlp: Language) -> None:
    text = "At the UN summit in New York, Xi Jinping spoke about AI governance."
    assert events(nlp, text, "Meeting") == set()


@pytest.mark.parametrize("text", [
    "The best way forward is a dialogue between Washington and Beijing on military AI.",
    "What both capitals need is a summit between Washington and Beijing on chips.",
])
def test_a_meeting_described_as_what_is_needed_is_no_meeting(nlp: Language, text: str) -> None:
    assert events(nlp, text, "Meeting") == set()


def test_a_dialogue_that_was_held_is_a_meeting(nlp: Language) -> None:
    text = "A dialogue between Washington and Beijing on military AI was held in Geneva."
    assert events(nlp, text, "Meeting") == {
        ("Government of China", "Government of the United States")}


def test_the_two_sides_of_a_meeting_with_an_unnamed_party_are_not_guessed(
        nlp: Language) -> None:
    text = ("Washington urged Beijing to stop. Chinese Foreign Minister Wang Yi met with "
            "ministers from 12 African countries on Monday. The two sides agreed to "
            "strengthen cooperation on AI.")
    assert events(nlp, text, "Cooperation") == set()


def test_the_two_sides_of_a_named_meeting_are_their_governments(nlp: Language) -> None:
    text = ("Chinese Foreign Minister Wang Yi met US Secretary of State Antony Blinken in "
            "Beijing on Monday. The two sides agreed to strengthen cooperation on AI.")
    assert events(nlp, text, "Cooperation") == {
        ("Government of China", "Government of the United States")}


def test_agreeing_to_disagree_is_no_cooperation(nlp: Language) -> None:
    text = "The United States and China agreed to disagree on the status of the chip rules."
    assert events(nlp, text, "Cooperation") == set()


def test_agreeing_to_act_is_a_cooperation(nlp: Language) -> None:
    text = "The United States and China agreed to resume talks on the chip rules."
    assert events(nlp, text, "Cooperation") == {
        ("Government of China", "Government of the United States")}


def demands(nlp: Language, text: str) -> set[tuple[str, str]]:
    extraction = extract(nlp, text)
    labels = {e.id: e.label for e in extraction.entities}
    return {(labels[e.actor or ""], labels[e.target or ""])
            for e in extraction.events if e.type == "Demand"}


@pytest.mark.parametrize("text", [
    "China and the United States should respect each other, Zhao Lei said.",
    "China and the United States should work together on AI safety, Zhao Lei said.",
])
def test_a_joint_exhortation_is_no_demand_on_either_side(nlp: Language, text: str) -> None:
    assert demands(nlp, text) == set()


def test_an_exhortation_to_one_named_party_is_a_demand(nlp: Language) -> None:
    text = "The United States should work harder to lift its tariffs, Zhao Lei said."
    assert demands(nlp, text) == {("Zhao Lei", "Government of the United States")}


def test_talks_agreed_to_with_a_phrase_between_are_no_meeting(nlp: Language) -> None:
    text = "Joe Biden and Xi Jinping agreed in 2023 to resume military talks."
    assert events(nlp, text, "Meeting") == set()
    assert events(nlp, text, "Cooperation") == {("Joe Biden", "Xi Jinping")}


def test_a_meeting_held_to_some_end_still_counts(nlp: Language) -> None:
    text = "Joe Biden met Xi Jinping in Woodside in November to ease tensions."
    assert events(nlp, text, "Meeting") == {("Joe Biden", "Xi Jinping")}


def test_another_meeting_after_since_adds_no_partner(nlp: Language) -> None:
    text = ("Joe Biden spoke with Xi Jinping by phone on Tuesday, his first call since the "
            "meeting with Gina Raimondo.")
    assert events(nlp, text, "Meeting") == {("Joe Biden", "Xi Jinping")}


def test_a_call_with_two_partners_has_both(nlp: Language) -> None:
    text = "Joe Biden spoke with Xi Jinping and Gina Raimondo by phone on Tuesday."
    assert events(nlp, text, "Meeting") == {("Gina Raimondo", "Joe Biden", "Xi Jinping")}


def test_talks_with_two_partners_framing_a_clause_include_its_subject(nlp: Language) -> None:
    text = ("Gina Raimondo met Wang Wentao in Beijing, following talks with Li Qiang and "
            "He Lifeng.")
    assert events(nlp, text, "Meeting") == {("Gina Raimondo", "Wang Wentao"),
                                            ("Gina Raimondo", "He Lifeng", "Li Qiang")}


def test_talks_between_two_sides_stay_theirs(nlp: Language) -> None:
    text = "Gina Raimondo spoke to reporters after talks between Li Qiang and He Lifeng."
    assert events(nlp, text, "Meeting") == {("He Lifeng", "Li Qiang")}
