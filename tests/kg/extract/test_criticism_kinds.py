"""Criticism kinds missed or over-read on news the rules were not tuned for (held-out set 2):
a definite policy word refers back to the policy named before ("opposed the rules"), people
named by their organisation speak for it ("leaders of the EU"), a phrasal verb criticises only
whom it is aimed at, and a criticising verb that completes a noun names conduct, not an
accusation (DESIGN.md: Criticism = accuses, condemns, opposes; rulings 2 and 3). Sentences
written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from kg.extract import extract_article
from kg.gazetteer import load_gazetteer
from kg.models import Article
from kg.nlp import build_pipeline, load_model
from tests.conftest import ENTITIES_TTL, TOPICS_TTL

CN, US, JP, EU = ("Government of China", "Government of the United States",
                  "Government of Japan", "European Union")


def criticisms(nlp: Language, text: str) -> set[tuple[str, str]]:
    extraction = extract_article(Article(id="t", title="", text=text, date=dt.date(2024, 6, 3)),
                                 nlp=nlp)
    labels = {e.id: e.label for e in extraction.entities}
    return {(labels[e.actor or ""], labels[e.target or ""])
            for e in extraction.events if e.type == "Criticism"}


@pytest.mark.parametrize(("text", "expected"), [
    ("The US Commerce Department on Monday issued new export rules on advanced chips bound for "
     "China. China's Ministry of Commerce said on Tuesday that it firmly opposed the rules.",
     {("Ministry of Commerce of China", "US Department of Commerce")}),
    # a measure of another sort was named before: "the rules" refer to nothing known
    ("Beijing announced tariffs on American soybeans. The European Union said it opposed the "
     "rules.", set()),
])
def test_a_definite_policy_word_refers_back_to_the_policy_of_its_sort(
        nlp: Language, text: str, expected: set[tuple[str, str]]) -> None:
    assert criticisms(nlp, text) == expected


def test_people_named_by_their_organisation_speak_for_it(nlp: Language) -> None:
    text = "Officials of the European Union condemned the tariffs imposed by Washington."
    assert criticisms(nlp, text) == {(EU, US)}


@pytest.mark.parametrize(("text", "expected"), [
    ("Japan hit back at China over the export curbs.", {(JP, CN)}),
    ("China tightens rare earth exports; Tokyo hits back", set()),
])
def test_a_phrasal_verb_criticises_only_whom_it_is_aimed_at(
        nlp: Language, text: str, expected: set[tuple[str, str]]) -> None:
    assert criticisms(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Japan opposes China's campaign of vilifying the European Union.", {(JP, CN)}),
    ("Japan opposes efforts to vilify the European Union by China.", set()),
])
def test_the_victim_of_criticised_conduct_is_not_its_target(
        nlp: Language, text: str, expected: set[tuple[str, str]]) -> None:
    assert criticisms(nlp, text) == expected


def meetings(nlp: Language, text: str) -> set[tuple[str, ...]]:
    extraction = extract_article(Article(id="t", title="", text=text, date=dt.date(2024, 6, 3)),
                                 nlp=nlp)
    labels = {e.id: e.label for e in extraction.entities}
    return {tuple(sorted(labels[p] for p in e.participants))
            for e in extraction.events if e.type == "Meeting"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Gina Raimondo and Xi met in Beijing on Monday.", {("Gina Raimondo", "Xi Jinping")}),
    ("Gina Raimondo flew to Beijing for a Raimondo-Xi meeting. Xi met her on Monday.",
     {("Gina Raimondo", "Xi Jinping")}),
    # a lone name with no named person beside it stays unlinked
    ("Xi met the delegation in Beijing on Monday.", set()),
])
def test_a_lone_known_name_paired_with_a_person_is_that_person(
        nlp: Language, text: str, expected: set[tuple[str, ...]]) -> None:
    assert meetings(nlp, text) == expected


def test_the_decision_criticised_is_the_act_reported_just_before(nlp: Language) -> None:
    text = ("In December the Commerce Department added three Chinese chipmakers to its list. "
            "China's Foreign Ministry criticised the decision as an abuse of state power.")
    assert criticisms(nlp, text) == {("Ministry of Foreign Affairs of China",
                                      "US Department of Commerce")}


@pytest.mark.parametrize(("text", "expected"), [
    ("The Chinese side said it opposed the politicisation of trade issues and urged the "
     "United States to lift its restrictions.", {(CN, US)}),
    # an opposition named with nobody beside it stays without a target
    ("The Chinese side said it opposed the politicisation of trade issues.", set()),
])
def test_an_opposition_beside_a_demand_is_aimed_at_its_addressee(
        nlp: Language, text: str, expected: set[tuple[str, str]]) -> None:
    assert criticisms(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Beijing said it opposed the politicisation of technology after the US Navy banned "
     "Chinese apps.", {(CN, US)}),
    # "after" a time, not an act: nobody to aim at
    ("Beijing said it opposed the politicisation of technology after a long review.", set()),
])
def test_an_opposition_after_an_act_is_aimed_at_its_doer(
        nlp: Language, text: str, expected: set[tuple[str, str]]) -> None:
    assert criticisms(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The Ministry of Commerce said the United States should drop its discriminatory rules on "
     "chips.", {("Ministry of Commerce of China", US)}),
    ("Nvidia said Washington's excessive controls had cost it billions.", {("Nvidia", US)}),
    # inside a demand, the demand alone is the event
    ("The Ministry of Commerce urged the United States to drop its discriminatory rules on "
     "chips.", set()),
    # an epithet in the narrative, with no speaker, accuses nobody
    ("Washington's excessive controls hurt Nvidia's sales last year.", set()),
])
def test_a_damning_epithet_on_a_partys_measure_said_by_a_speaker_criticises_it(
        nlp: Language, text: str, expected: set[tuple[str, str]]) -> None:
    assert criticisms(nlp, text) == expected


def test_he_continues_the_spokesperson_named_in_apposition_to_the_subject(
        nlp: Language) -> None:
    text = ("Senator Tom Barrow accused Beijing of stealing chip designs.\n\n"
            "China's foreign ministry spokesperson Wang Wenbin said Beijing would take measures "
            "to protect its companies. He said the United States had abused state power to "
            "suppress Chinese firms.")
    assert criticisms(nlp, text) == {("Tom Barrow", CN), ("Wang Wenbin", US)}


def proposals(nlp: Language, text: str) -> set[tuple[str, str]]:
    extraction = extract_article(Article(id="t", title="", text=text, date=dt.date(2024, 6, 3)),
                                 nlp=nlp)
    labels = {e.id: e.label for e in extraction.entities}
    return {(labels[e.actor or ""], labels[e.proposed or ""])
            for e in extraction.events if e.type == "Proposal"}


@pytest.mark.parametrize(("text", "expected"), [
    ("The United Nations on Monday adopted a resolution proposed by China on AI safety.",
     {(CN, "United Nations resolution")}),
    # a regulator's proposed rules are its own measure, not a proposal to others
    ("Investors studied rules proposed by the Commerce Department on chip exports.", set()),
])
def test_an_initiative_proposed_by_a_party_is_its_proposal(
        nlp: Language, text: str, expected: set[tuple[str, str]]) -> None:
    assert proposals(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Beijing called Washington's decision unacceptable.", {(CN, US)}),
    ("The Ministry of Commerce said the US decision was deeply regrettable.",
     {("Ministry of Commerce of China", US)}),
    # a plain-word verdict on no party's measure accuses nobody
    ("Beijing said the forecast was wrong.", set()),
])
def test_common_words_of_condemnation_are_damning(
        nlp: Language, text: str, expected: set[tuple[str, str]]) -> None:
    assert criticisms(nlp, text) == expected


def demands(nlp: Language, text: str) -> set[tuple[str, str]]:
    extraction = extract_article(Article(id="t", title="", text=text, date=dt.date(2024, 6, 3)),
                                 nlp=nlp)
    labels = {e.id: e.label for e in extraction.entities}
    return {(labels[e.actor or ""], labels[e.target or ""])
            for e in extraction.events if e.type == "Demand"}


@pytest.mark.parametrize(("text", "expected"), [
    ("China's Foreign Minister Wang Yi said the United States should respect China's "
     "interests.", {("Wang Yi", US)}),
    # both sides together, the speaker's own among them: an exhortation, no demand on the other
    ("China's Foreign Minister Wang Yi said China and the United States should respect each "
     "other.", set()),
])
def test_should_said_of_both_sides_is_no_demand_on_the_other(
        nlp: Language, text: str, expected: set[tuple[str, str]]) -> None:
    assert demands(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The Ministry of Commerce regards the US rules as discriminatory.",
     {("Ministry of Commerce of China", US)}),
    ("China barred Nvidia chips from state data centres on Sunday. Commerce Secretary "
     "Gina Raimondo told reporters that the United States saw the move as economic coercion.",
     {("Gina Raimondo", CN)}),
    # a label that damns nothing
    ("Beijing views Washington as a partner in climate talks.", set()),
])
def test_seeing_a_partys_measure_as_damning_criticises_the_party(
        nlp: Language, text: str, expected: set[tuple[str, str]]) -> None:
    assert criticisms(nlp, text) == expected


def test_a_repeated_she_in_one_sentence_is_one_person(nlp: Language) -> None:
    text = ("During Gina Raimondo's talks with Xi Jinping in Beijing on Monday, she raised "
            "concerns with him about chip curbs, she told reporters afterwards.")
    assert criticisms(nlp, text) == {("Gina Raimondo", "Xi Jinping")}


@pytest.mark.parametrize(("text", "expected"), [
    ("The Commerce Department added Tencent to a trade blacklist on Monday. Tencent said it "
     "firmly opposed the decision.", {("Tencent", "US Department of Commerce")}),
    # the act before was the company's own: nobody to aim at
    ("Tencent cut its prices on Monday. Baidu said it firmly opposed the decision.", set()),
])
def test_a_company_opposing_the_decision_answers_the_government_that_made_it(
        nlp: Language, text: str, expected: set[tuple[str, str]]) -> None:
    assert criticisms(nlp, text) == expected


@pytest.fixture(scope="module")
def administration_nlp(tmp_path_factory: pytest.TempPathFactory) -> Language:
    """The session gazetteer with the US government also known as "Biden administration"."""
    directory = tmp_path_factory.mktemp("administration")
    (directory / "entities.ttl").write_text(
        ENTITIES_TTL + 'government:government-of-the-united-states skos:altLabel '
                       '"Biden administration" .\n', encoding="utf-8")
    (directory / "topics.ttl").write_text(TOPICS_TTL, encoding="utf-8")
    return build_pipeline(load_model(), load_gazetteer(directory / "entities.ttl",
                                                       directory / "topics.ttl"))


@pytest.mark.parametrize(("text", "expected"), [
    ("The Biden administration released new chip rules on Monday. Nvidia criticised the "
     "administration for rushing them out.", {("Nvidia", US)}),
    # no administration named before: which one is not said
    ("The Commerce Department released new chip rules on Monday. Nvidia criticised the "
     "administration for rushing them out.", set()),
])
def test_the_administration_is_the_one_named_so_just_before(
        administration_nlp: Language, text: str, expected: set[tuple[str, str]]) -> None:
    assert criticisms(administration_nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Gina Raimondo called the incident a sign of Beijing's contempt.",
     {("Gina Raimondo", CN)}),
    ("Gina Raimondo called the visit a sign of Beijing's goodwill.", set()),
])
def test_a_label_naming_a_partys_damning_attitude_criticises_the_party(
        nlp: Language, text: str, expected: set[tuple[str, str]]) -> None:
    assert criticisms(nlp, text) == expected
