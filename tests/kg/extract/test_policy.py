"""Policy rules (issue 11): issuedBy and targets on wording nobody tuned them for.

Each case is a small sentence in its own words; the expectations follow DESIGN.md
("Policies" conventions, rulings 5, 8 and 15).
"""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from kg.extract import extract_article
from kg.models import Article, Extraction

US = "government/government-of-the-united-states"
CHINA = "government/government-of-china"
COMMERCE = "government/us-department-of-commerce"
MOFCOM = "government/ministry-of-commerce-of-china"


def run(nlp: Language, text: str, *, title: str = "") -> Extraction:
    article = Article(id="p", title=title, text=text, date=dt.date(2024, 6, 3))
    return extract_article(article, nlp=nlp)


def policy_facts(extraction: Extraction) -> set[tuple[str, str]]:
    """(predicate, object) of every issuedBy/targets fact, whatever the policy's id."""
    return {(f.predicate, f.object) for f in extraction.facts
            if f.predicate in ("issuedBy", "targets")}


def policies(extraction: Extraction) -> list[tuple[str, tuple[str, ...]]]:
    return [(e.label, e.aliases) for e in extraction.entities if e.type == "Policy"]


# --- kind 3: policies outside the trigger list or without a policy modifier -------------
@pytest.mark.parametrize(("sentence", "expected"), [
    # a ban stated by its verb alone (ruling 8)
    ("The Ministry of Commerce banned Tencent and Baidu from buying Nvidia processors.",
     {("issuedBy", MOFCOM), ("targets", "company/tencent"), ("targets", "company/baidu")}),
    # a probe opened by a regulator
    ("On Monday the Ministry of Commerce opened an investigation into Nvidia.",
     {("issuedBy", MOFCOM), ("targets", "company/nvidia")}),
    # the speaker of "said it had opened" is the issuer
    ("The Ministry of Commerce said it had opened a probe into Google over a merger.",
     {("issuedBy", MOFCOM), ("targets", "company/google")}),
    # the target hangs on the verb, not on the policy noun
    ("The Commerce Department imposed new export controls on Samsung Electronics.",
     {("issuedBy", COMMERCE), ("targets", "company/samsung")}),
    # guidance and its issuer in a participle clause
    ("Guidance issued by the Commerce Department warned firms against using SenseTime "
     "software.", {("issuedBy", COMMERCE)}),
])
def test_policies_without_a_listed_trigger(nlp: Language, sentence: str,
                                           expected: set[tuple[str, str]]) -> None:
    assert policy_facts(run(nlp, sentence)) == expected


# --- kind 10: lists of targets ------------------------------------------------------------
def test_every_company_of_an_included_list_is_a_target(nlp: Language) -> None:
    extraction = run(nlp, "The Commerce Department added 30 companies, including Baidu, "
                          "SenseTime and Tencent, to the Entity List.")
    assert policy_facts(extraction) == {
        ("issuedBy", COMMERCE), ("targets", "company/baidu"),
        ("targets", "company/sensetime"), ("targets", "company/tencent")}


def test_a_nationality_on_listed_parties_is_no_target_country(nlp: Language) -> None:
    extraction = run(nlp, "The Commerce Department added 12 Chinese entities, among them "
                          "SenseTime, to the Entity List.")
    assert ("targets", "country/china") not in policy_facts(extraction)
    assert ("targets", "company/sensetime") in policy_facts(extraction)


def test_parties_listed_without_naming_the_list_go_on_the_last_list(nlp: Language) -> None:
    text = ("The Commerce Department added Baidu to the Entity List on Monday. "
            "Two of its affiliates, Tencent and SenseTime, were also listed.")
    targets = {o for p, o in policy_facts(run(nlp, text)) if p == "targets"}
    assert targets == {"company/baidu", "company/tencent", "company/sensetime"}


# --- ruling 15: nationality, tariffs, several issuers -------------------------------------
@pytest.mark.parametrize(("sentence", "expected"), [
    ("Beijing condemned the U.S. ban on Tencent.",
     {("issuedBy", US), ("targets", "company/tencent")}),
    # tariffs target the country whose goods are hit
    ("In April the United States raised tariffs on Chinese goods.",
     {("issuedBy", US), ("targets", "country/china")}),
    # conjoined issuers each issue the measure
    ("The Ministry of Commerce and the Commerce Department imposed export controls on "
     "Nvidia.", {("issuedBy", MOFCOM), ("issuedBy", COMMERCE), ("targets", "company/nvidia")}),
    # "urged Washington to lift its curbs": its = Washington, not the ministry that urged
    ("The Ministry of Commerce urged Washington to lift its curbs on Baidu.",
     {("issuedBy", US), ("targets", "company/baidu")}),
])
def test_issuers(nlp: Language, sentence: str, expected: set[tuple[str, str]]) -> None:
    assert policy_facts(run(nlp, sentence)) == expected


# --- aliases and coreference --------------------------------------------------------------
def test_aliases_are_the_surface_strings_without_the_issuer(nlp: Language) -> None:
    extraction = run(nlp, "Washington's sweeping October 2022 restrictions on advanced "
                          "chips hit Tencent.")
    [(_, aliases)] = policies(extraction)
    assert {"October 2022 restrictions", "restrictions"} <= set(aliases)
    assert not any(a.startswith(("Washington", "the ")) for a in aliases)


def test_a_definite_reference_is_the_same_policy(nlp: Language) -> None:
    text = ("The Commerce Department imposed a ban on Baidu in May. "
            "The ban was lifted in July after talks.")
    assert len(policies(run(nlp, text))) == 1


def test_distinct_policies_stay_distinct(nlp: Language) -> None:
    text = ("The Commerce Department imposed export controls on Baidu in May. "
            "In June the Ministry of Commerce imposed export controls on Google.")
    extraction = run(nlp, text)
    assert len(policies(extraction)) == 2
    by_policy: dict[str, set[str]] = {}
    for fact in extraction.facts:
        by_policy.setdefault(fact.subject, set()).add(fact.object)
    assert {frozenset(v) for v in by_policy.values()} == {
        frozenset({COMMERCE, "company/baidu"}), frozenset({MOFCOM, "company/google"})}


# --- precision: only what happened, only policies issued ----------------------------------
@pytest.mark.parametrize("sentence", [
    "The Commerce Department said it would impose export controls on Baidu.",  # ruling 5
    "Tencent denied that it had acted in violation of Chinese rules.",  # a rule cited
    "The Ministry of Commerce did not impose a ban on Nvidia.",  # negated
    "The Commerce Department is weighing possible export controls on Baidu.",  # not yet
])
def test_hypothetical_negated_or_cited_rules_are_no_policies(nlp: Language,
                                                             sentence: str) -> None:
    assert policy_facts(run(nlp, sentence)) == set()


# --- joint texts: signers, titles, sponsors (ruling 15) -----------------------------------
def test_signers_of_a_joint_pledge_issue_it_companies_included(nlp: Language) -> None:
    extraction = run(nlp, "Nine developers, among them Google, Anthropic and Amazon, have "
                          "signed the Responsible Scaling Pledge on Tuesday.")
    assert policy_facts(extraction) == {
        ("issuedBy", "company/google"), ("issuedBy", "company/anthropic"),
        ("issuedBy", "company/amazon")}


def test_a_titled_text_issued_by_two_governments(nlp: Language) -> None:
    extraction = run(nlp, "The Joint Statement of Lima, issued by the Chinese government and "
                          "the US government, commits both sides to new steps.")
    assert policy_facts(extraction) == {("issuedBy", CHINA), ("issuedBy", US)}
    [(_, aliases)] = policies(extraction)
    assert "Joint Statement of Lima" in aliases


def test_the_proposer_of_a_resolution_is_not_its_issuer(nlp: Language) -> None:
    extraction = run(nlp, "The assembly adopted a resolution on AI safety, which was "
                          "proposed by China, on Monday.")
    assert ("issuedBy", CHINA) not in policy_facts(extraction)


@pytest.mark.parametrize("sentence", [
    "Chinese law allows the ministry to fine companies that break merger terms.",
    "The ministry urged Washington to keep business conditions fair for Tencent.",
])
def test_a_nations_law_or_conditions_in_general_are_no_policy(nlp: Language,
                                                            sentence: str) -> None:
    assert policy_facts(run(nlp, sentence)) == set()


def test_it_in_a_reported_clause_is_the_reporting_government(nlp: Language) -> None:
    extraction = run(nlp, "The Commerce Department said the restrictions it has imposed "
                          "since 2019 had hurt Tencent.")
    assert ("issuedBy", COMMERCE) in policy_facts(extraction)


def test_a_policy_that_cuts_a_party_off_targets_the_supplier_too(nlp: Language) -> None:
    extraction = run(nlp, "US export controls imposed last year cut Tencent off from "
                          "Nvidia's fastest processors.")
    assert policy_facts(extraction) == {
        ("issuedBy", US), ("targets", "company/tencent"), ("targets", "company/nvidia")}


def test_it_opening_a_sentence_continues_the_previous_government(nlp: Language) -> None:
    text = ("The Commerce Department tightened its rules on Monday. "
            "It also put Baidu on the Entity List.")
    assert ("issuedBy", COMMERCE) in policy_facts(run(nlp, text))


def test_a_stock_listing_is_not_a_listing_on_the_list(nlp: Language) -> None:
    text = ("The Commerce Department added Baidu to the Entity List on Monday. "
            "Tencent, which is listed in Hong Kong, was not affected.")
    targets = {o for p, o in policy_facts(run(nlp, text)) if p == "targets"}
    assert targets == {"company/baidu"}


def test_a_verb_ban_on_exports_targets_their_destination(nlp: Language) -> None:
    extraction = run(nlp, "The Ministry of Commerce banned exports of gallium to the "
                          "United States on Tuesday.")
    assert policy_facts(extraction) == {("issuedBy", MOFCOM),
                                        ("targets", "country/united-states")}


def test_rules_that_set_up_a_list_are_that_lists_text(nlp: Language) -> None:
    extraction = run(nlp, "The Ministry of Commerce issued rules for a new export control "
                          "list on Friday.")
    [(_, aliases)] = policies(extraction)
    assert "export control list" in aliases and "rules" not in aliases
    assert policy_facts(extraction) == {("issuedBy", MOFCOM)}


# --- facts helper (fa): wording of the held-out mini-set kinds ------------------------------
@pytest.mark.parametrize(("sentence", "expected"), [
    # a rate phrase stands between the tariff and what it hits (ruling 15)
    ("China's Ministry of Commerce announced additional tariffs of 15 percent on coal and "
     "liquefied natural gas from the United States.",
     {("issuedBy", MOFCOM), ("targets", "country/united-states")}),
    # the nation on a taken decision issues the measure its infinitive names (ruling 15)
    ("The ministry said its steps answered the U.S. decision to levy an additional 10 "
     "percent tariff on Chinese goods.",
     {("issuedBy", US), ("targets", "country/china")}),
    # examples of the listed parties hung on the list itself
    ("The Commerce Department on Monday added 140 companies to its Entity List, including "
     "Chinese firms Baidu and Tencent, in a new step.",
     {("issuedBy", COMMERCE), ("targets", "company/baidu"), ("targets", "company/tencent")}),
])
def test_fa_targets_through_rates_decisions_and_examples(
        nlp: Language, sentence: str, expected: set[tuple[str, str]]) -> None:
    assert expected <= policy_facts(run(nlp, sentence))


def test_fa_issuers_own_country_is_no_target(nlp: Language) -> None:
    """"The rule prohibits U.S. persons from investing in China": the issuer regulates its
    own people; the destination is the target ("Policies": targets = destination country)."""
    text = ("The Commerce Department issued a final rule on Monday. The final rule prohibits "
            "U.S. persons from engaging in transactions involving AI systems in China.")
    facts = policy_facts(run(nlp, text))
    assert ("targets", "country/china") in facts
    assert ("targets", "country/united-states") not in facts


def test_fa_in_a_crackdown_is_the_same_act(nlp: Language) -> None:
    """"Added firms to its list in a new crackdown on X": the phrase frames the listing; no
    second policy targeting X."""
    extraction = run(nlp, "The Commerce Department added Baidu to its Entity List in a new "
                          "crackdown on China's chip industry.")
    assert [label for label, _ in policies(extraction)] == ["Entity List"]
    assert ("targets", "country/china") not in policy_facts(extraction)
