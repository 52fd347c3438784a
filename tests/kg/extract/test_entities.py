"""Entity typing and linking, and the company facts basedIn / investsIn (DESIGN.md rulings 9,
10 and 13), on small sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from kg.extract import extract_article
from kg.models import Article, Extraction

US = "country/united-states"
CN = "country/china"


def run(nlp: Language, text: str) -> Extraction:
    article = Article(id="t", title="", text=text, date=dt.date(2024, 5, 2))
    return extract_article(article, nlp=nlp)


def facts(extraction: Extraction, predicate: str) -> set[tuple[str, str]]:
    return {(f.subject, f.object) for f in extraction.facts if f.predicate == predicate}


@pytest.mark.parametrize(("text", "expected"), [
    # a list after "such as" / "including"
    ("American chip designers such as Nvidia and Google expanded their sales.",
     {("company/nvidia", US), ("company/google", US)}),
    ("Chinese rivals including Baidu, Tencent and Orion Robotics cut their prices.",
     {("company/baidu", CN), ("company/tencent", CN), ("company/orion-robotics", CN)}),
    # an apposition with a country possessive (ruling 10)
    ("Baidu, China's best-known search company, released a new model.",
     {("company/baidu", CN)}),
    ("Tencent, the Chinese internet and gaming group, opened an office.",
     {("company/tencent", CN)}),
    ("China's biggest technology companies, Baidu and Tencent, cut their prices.",
     {("company/baidu", CN), ("company/tencent", CN)}),
    # "-based", a descriptive noun before the name, "of" a country
    ("China-based Tencent opened an office in Paris.", {("company/tencent", CN)}),
    ("The Dutch lithography champion Vega Photonics hired engineers.",
     {("company/vega-photonics", "country/netherlands")}),
    ("Regulators met Lumen Systems Corporation of the United States on Monday.",
     {("company/lumen-systems-corporation", US)}),
    # the names after the list, and only them
    ("Unable to buy parts from American suppliers such as Nvidia, Baidu said its work stopped.",
     {("company/nvidia", US)}),
    ("Two Chinese makers, Baidu and SenseTime, were named on Tuesday.",
     {("company/baidu", CN), ("company/sensetime", CN)}),
])
def test_based_in_where_nationality_is_stated(
    nlp: Language, text: str, expected: set[tuple[str, str]]
) -> None:
    assert facts(run(nlp, text), "basedIn") == expected


@pytest.mark.parametrize("text", [
    "SenseTime, a Beijing startup, cut prices.",  # a city states no nationality
    "Hong Kong-listed SenseTime launched a chatbot.",  # nor does a listing place
    "Chinese customers bought many chips from Nvidia last year.",
    "The US ban on Tencent took effect on Friday.",
])
def test_no_based_in_without_a_stated_nationality(nlp: Language, text: str) -> None:
    assert facts(run(nlp, text), "basedIn") == set()


def test_a_group_word_states_the_nationality_of_the_pair_named_before(nlp: Language) -> None:
    text = "Google and Amazon signed the deal on Monday. The two U.S. companies each paid $1bn."
    assert facts(run(nlp, text), "basedIn") == {("company/google", US), ("company/amazon", US)}


@pytest.mark.parametrize(("text", "expected"), [
    ("Anthropic, a subsidiary of Amazon, released a model.",
     {("company/amazon", "company/anthropic")}),
    ("Google's stake in Anthropic grew last year.", {("company/google", "company/anthropic")}),
    ("Baidu acquired Orion Robotics in 2021.", {("company/baidu", "company/orion-robotics")}),
    ("Tencent, SenseTime's parent, reported profits.",
     {("company/tencent", "company/sensetime")}),
    ("Anthropic, Amazon's research unit, released a model.",
     {("company/amazon", "company/anthropic")}),
    ("Amazon completed its acquisition of Orion Robotics on Friday.",
     {("company/amazon", "company/orion-robotics")}),
    # ruling 13: only a completed acquisition is investsIn
    ("Baidu agreed to acquire Orion Robotics.", set()),
    ("Google walked away from its planned takeover of Vega Photonics.", set()),
    ("Regulators cleared Baidu's purchase of Orion Robotics, only for Baidu to terminate the "
     "deal.", set()),
])
def test_invests_in(nlp: Language, text: str, expected: set[tuple[str, str]]) -> None:
    assert facts(run(nlp, text), "investsIn") == expected


def test_unknown_names_ending_in_a_company_word_are_companies(nlp: Language) -> None:
    extraction = run(nlp, "The Commerce Department added Alpha Microsystems, Beta Semiconductor "
                          "and Gamma Photonics to the Entity List.")
    targets = {o for s, o in facts(extraction, "targets")}
    assert targets == {"company/alpha-microsystems", "company/beta-semiconductor",
                       "company/gamma-photonics"}
    assert {e.type for e in extraction.entities if e.id in targets} == {"Company"}


def test_a_short_form_of_a_company_name_is_the_same_company(nlp: Language) -> None:
    text = ("Baidu acquired Orion Robotics in 2021.\n"
            "Orion, a Dutch maker of factory arms, was founded in 2015.\n")
    extraction = run(nlp, text)
    assert facts(extraction, "basedIn") == {("company/orion-robotics", "country/netherlands")}
    assert facts(extraction, "investsIn") == {("company/baidu", "company/orion-robotics")}


@pytest.mark.parametrize(("text", "expected"), [
    ("Tencent and its cloud arm Lumen Systems signed the deal.",
     {("company/tencent", "company/lumen-systems")}),
    ("Three units of Chinese group Tencent, Tencent Research, Orion Robotics and Vega Photonics, "
     "were listed.",
     {("company/tencent", "company/tencent-research"),
      ("company/tencent", "company/orion-robotics"),
      ("company/tencent", "company/vega-photonics")}),
])
def test_units_and_subsidiaries(nlp: Language, text: str, expected: set[tuple[str, str]]) -> None:
    assert facts(run(nlp, text), "investsIn") == expected


def test_a_hyphenated_descriptor_keeps_the_nationality(nlp: Language) -> None:
    extraction = run(nlp, "Chinese start-up Orion Robotics and US-sanctioned Baidu were named.")
    assert facts(extraction, "basedIn") == {("company/orion-robotics", CN)}


@pytest.mark.parametrize("text", [
    "National Security Adviser Jane Doe met Li Qiang in Beijing on Monday.",
    "Zhang Wei, China's Permanent Representative to the United Nations, met Jane Doe on Monday.",
])
def test_titles_are_not_organisations(nlp: Language, text: str) -> None:
    extraction = run(nlp, text)
    assert not [e for e in extraction.entities if e.type in ("Company", "Alliance")
                and any(w in e.label for w in ("Security", "Representative"))]


def test_a_document_name_is_no_company(nlp: Language) -> None:
    extraction = run(nlp, "Baidu and Tencent signed the Frontier Model Safety Commitments.")
    assert not [e for e in extraction.entities if e.type == "Company" and "Commitments" in e.label]


@pytest.mark.parametrize(("text", "expected"), [
    ("Baidu-owned Orion Robotics faces a ban.", {("company/baidu", "company/orion-robotics")}),
    ("Google-backed Anthropic raised money.", {("company/google", "company/anthropic")}),
    ("The likes of Amazon parent Vega Holdings Group were blocked there.",
     {("company/vega-holdings-group", "company/amazon")}),
])
def test_hyphenated_owners_and_parents(
    nlp: Language, text: str, expected: set[tuple[str, str]]
) -> None:
    assert facts(run(nlp, text), "investsIn") == expected


def test_describing_words_between_the_nationality_and_the_name(nlp: Language) -> None:
    extraction = run(nlp, "U.S. chip giant Nvidia cut prices, but US chip export rules on "
                          "SenseTime stayed.")
    assert facts(extraction, "basedIn") == {("company/nvidia", US)}


def test_a_definite_description_with_a_nationality_refers_back(nlp: Language) -> None:
    text = ("Regulators opened a probe into Nvidia, saying they suspected the U.S. chipmaker of "
            "breaking the law.")
    assert facts(run(nlp, text), "basedIn") == {("company/nvidia", US)}


def test_an_appositive_after_a_coordination_describes_the_nearest_name(nlp: Language) -> None:
    text = "South Korea's Samsung Electronics and Baidu, China's search giant, grew."
    assert facts(run(nlp, text), "basedIn") == {("company/samsung", "country/south-korea"),
                                                ("company/baidu", CN)}


def test_a_title_case_headline_names_no_unknown_company(nlp: Language) -> None:
    extraction = run(nlp, "Shares Fall As Beijing Probes Chip Systems\n"
                          "The Commerce Department added Delta Systems to the Entity List.\n")
    assert {o for _, o in facts(extraction, "targets")} == {"company/delta-systems"}
    assert not [e for e in extraction.entities if "Probes" in e.label]


@pytest.mark.parametrize(("text", "person"), [
    ("Ambassador Linda Thomas-Greenfield met Xi Jinping in Beijing on Monday.",
     "person/linda-thomas-greenfield"),
    ("Minister Lee Jong-ho met Xi Jinping in Seoul on Monday.", "person/lee-jong-ho"),
])
def test_hyphenated_person_names(nlp: Language, text: str, person: str) -> None:
    [meeting] = run(nlp, text).events
    assert set(meeting.participants) == {person, "person/xi-jinping"}


def test_a_verb_is_never_part_of_a_name(nlp: Language) -> None:
    extraction = run(nlp, "Secretary Raimondo Meets Vice Premier Xi Jinping\n\n"
                          "Gina Raimondo met Xi Jinping in Beijing on Monday.\n")
    assert not [e for e in extraction.entities if "Meets" in e.label]


@pytest.mark.parametrize(("text", "expected"), [
    ("Nvidia, based in the United States, cut prices.", {("company/nvidia", US)}),
    ("Baidu is headquartered in China.", {("company/baidu", CN)}),
    ("Tencent, a company based in China, cut prices.", {("company/tencent", CN)}),
    ("SenseTime, based in Shanghai, cut prices.", set()),  # a city states no nationality
])
def test_based_in_a_named_country(
    nlp: Language, text: str, expected: set[tuple[str, str]]
) -> None:
    assert facts(run(nlp, text), "basedIn") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The phone runs on a chip made by Orion Semiconductor Corp. (OSC), China's biggest "
     "contract chipmaker, using its newest process.",
     {("company/orion-semiconductor-corp", CN)}),
    ("The department added 12 Chinese entities to its Entity List, among them two of the "
     "country's best-known chip designers, Vega Systems of Shanghai and Beijing-based Lumen "
     "Robotics, together with their units.",
     {("company/vega-systems", CN), ("company/lumen-robotics", CN)}),
])
def test_appositives_and_lists_the_parser_misattaches(
    nlp: Language, text: str, expected: set[tuple[str, str]]
) -> None:
    assert facts(run(nlp, text), "basedIn") == expected


def test_whose_backers_include(nlp: Language) -> None:
    text = ("The company that stood out was Anthropic. The San Francisco-based maker of the "
            "Claude family of models, whose backers include American tech groups Google and "
            "Amazon, signed the pledge.")
    extraction = run(nlp, text)
    assert facts(extraction, "investsIn") == {("company/google", "company/anthropic"),
                                              ("company/amazon", "company/anthropic")}
    assert facts(extraction, "basedIn") == {("company/google", US), ("company/amazon", US)}


def test_coordinated_nationalities_say_nothing_about_each_company(nlp: Language) -> None:
    text = "Officials pressed Dutch and American suppliers such as Samsung and Nvidia to stop."
    assert facts(run(nlp, text), "basedIn") == set()


def test_owning_a_share_of_a_company(nlp: Language) -> None:
    text = "Amazon, which owns about 30% of Anthropic, rose."
    assert facts(run(nlp, text), "investsIn") == {("company/amazon", "company/anthropic")}


def test_a_description_with_a_describing_noun_refers_back(nlp: Language) -> None:
    text = ("Regulators opened a probe into Nvidia, suspecting the U.S. chip designer of "
            "breaking the law.")
    assert facts(run(nlp, text), "basedIn") == {("company/nvidia", US)}


def test_a_country_possessive_describes_only_the_name_right_after_it(nlp: Language) -> None:
    extraction = run(nlp, "China's internet watchdog summons Nvidia over security fears.")
    assert facts(extraction, "basedIn") == set()


def test_a_known_company_keeps_the_legal_form_the_text_writes(nlp: Language) -> None:
    extraction = run(nlp, "The Chinese company Tencent Holdings Inc. cut prices.")
    assert facts(extraction, "basedIn") == {("company/tencent", CN)}
    [tencent] = [e for e in extraction.entities if e.id == "company/tencent"]
    assert "Tencent Holdings Inc." in tencent.aliases


def test_a_parent_company_phrase(nlp: Language) -> None:
    text = "A bill requires Tencent, SenseTime's Chinese parent company, to sell the unit."
    extraction = run(nlp, text)
    assert facts(extraction, "investsIn") == {("company/tencent", "company/sensetime")}
    assert facts(extraction, "basedIn") == {("company/tencent", CN)}


@pytest.mark.parametrize(("text", "named"), [
    # a hyphenated pair before a common noun names both sides
    ("The US-China summit ended on Friday in Geneva.",
     {"government/government-of-china", "government/government-of-the-united-states"}),
    # a capitalised word after the name makes it part of a longer name
    ("Reporters from the China Times asked Baidu about its chips.", set()),
])
def test_a_country_before_a_lower_case_noun_is_still_named(
    nlp: Language, text: str, named: set[str]
) -> None:
    found = {e.id for e in run(nlp, text).entities if e.type == "Government"}
    assert found == named


@pytest.mark.parametrize(("text", "person"), [
    ("Google said its chief executive, Tom McMillan, would visit Beijing.", "Tom McMillan"),
    ("Amazon named Ana DeLuca as its president on Monday.", "Ana DeLuca"),
])
def test_a_name_with_an_inner_capital_is_a_person(nlp: Language, text: str,
                                                  person: str) -> None:
    assert person in {e.label for e in run(nlp, text).entities if e.type == "Person"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Regulators turned to SenseTime. They fined the Chinese software maker on Monday.",
     {("company/sensetime", CN)}),
    ("Tencent bought servers in May. The Chinese cloud provider said it had paid in cash.",
     {("company/tencent", CN)}),
])
def test_a_maker_or_provider_described_by_nationality_refers_back(
        nlp: Language, text: str, expected: set[tuple[str, str]]) -> None:
    assert facts(run(nlp, text), "basedIn") == expected
