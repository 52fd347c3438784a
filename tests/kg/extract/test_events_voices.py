"""Events worded in voices the dev articles do not use (wire, ministry release, tech press),
written for these tests: each case gives the exact Meeting / Cooperation participant sets or
statement tuples, negatives included (DESIGN.md rulings 3, 5, 7, 18).
"""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from kg.extract import extract_article
from kg.models import Article, Extraction

US = "Government of the United States"
CN = "Government of China"
NL = "Government of Netherlands"  # derived from the fixture gazetteer's country


def run(nlp: Language, text: str) -> Extraction:
    return extract_article(Article(id="v", title="", text=text, date=dt.date(2024, 6, 3)),
                           nlp=nlp)


def pairs(nlp: Language, text: str, event_type: str) -> set[frozenset[str]]:
    """The participant sets (by label) of the events of one type."""
    extraction = run(nlp, text)
    labels = {e.id: e.label for e in extraction.entities}
    return {frozenset(labels[p] for p in e.participants)
            for e in extraction.events if e.type == event_type}


# --- Cooperation -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    # the partner hangs inside the agreement's "of" name
    ("Baidu signed a memorandum of understanding with Nvidia on Tuesday.",
     {frozenset({"Baidu", "Nvidia"})}),
    ("Tencent inked an agreement of strategic cooperation with Samsung.",
     {frozenset({"Tencent", "Samsung Electronics"})}),
    # agreements counted, entered into, coordinated with another noun
    ("Google and Samsung signed a series of cooperation agreements in Seoul.",
     {frozenset({"Google", "Samsung Electronics"})}),
    ("Amazon has entered into a partnership with Anthropic.",
     {frozenset({"Amazon", "Anthropic"})}),
    ("Google and Anthropic announced a $2 billion investment and partnership.",
     {frozenset({"Google", "Anthropic"})}),
    # a government named by its country on a noun
    ("Tencent signed an agreement with the government of the Netherlands.",
     {frozenset({"Tencent", NL})}),
    ("SenseTime has agreed to work with the Netherlands' government on chips.",
     {frozenset({"SenseTime", NL})}),
    # "Baidu partnered with X": the small model reads the sentence as one noun phrase
    ("Baidu partnered with Samsung to deploy AI chips.",
     {frozenset({"Baidu", "Samsung Electronics"})}),
    # stated willingness, the party named as the speaker of the frame
    ("Google said it was ready to work with Samsung on chips.",
     {frozenset({"Google", "Samsung Electronics"})}),
    # a decision confirmed or announced is an arrangement made; "the giant" is the company
    ("Samsung chairman Lee Jae-yong confirmed on Thursday that the South Korean giant will "
     "partner with Google on AI phones.", {frozenset({"Samsung Electronics", "Google"})}),
    ("Tencent said it would work with Samsung on chips.", set()),
    ("Tencent confirmed that it may work with Samsung on chips.", set()),
    # negatives: sought, planned or only counted deals
    ("Baidu sought a memorandum of understanding with Nvidia.", set()),
    ("Amazon may enter into a partnership with Anthropic.", set()),
    ("A series of deals was discussed.", set()),
])
def test_cooperation_wordings(nlp: Language, text: str, expected: set[frozenset[str]]) -> None:
    assert pairs(nlp, text, "Cooperation") == expected


def test_the_two_leaders_after_one_met_the_other(nlp: Language) -> None:
    """"A met B. The two leaders agreed ...": the persons who met (ruling 18)."""
    text = ("Gina Raimondo met Xi Jinping in Beijing on Monday. "
            "The two leaders agreed to resume talks on export controls.")
    assert pairs(nlp, text, "Cooperation") == {frozenset({"Gina Raimondo", "Xi Jinping"})}


def test_the_two_leaders_after_the_a_and_b_meeting(nlp: Language) -> None:
    """"During the Raimondo and Xi meeting, the two leaders affirmed ...": the parser reads
    "Xi" as a modifier of "meeting"; the pair is still the two persons."""
    text = ("Gina Raimondo and Xi Jinping met in Beijing on Monday. During the Raimondo and Xi "
            "meeting, the two leaders affirmed the need to keep channels open.")
    assert pairs(nlp, text, "Cooperation") == {frozenset({"Gina Raimondo", "Xi Jinping"})}


def test_a_surname_he_after_a_title_is_the_person(nlp: Language) -> None:
    """"Vice Premier He" is He Lifeng, not the pronoun "he" (the last person named)."""
    text = ("Gina Raimondo held talks with Vice Premier He Lifeng in Guangzhou. At the close of "
            "those talks, Secretary Raimondo and Vice Premier He announced two new initiatives.")
    assert pairs(nlp, text, "Cooperation") == {frozenset({"Gina Raimondo", "He Lifeng"})}


def test_promoting_others_cooperation_is_no_side(nlp: Language) -> None:
    """A party committed to promoting cooperation between two others takes part in none."""
    text = "Nvidia stays committed to promoting trade cooperation between China and the U.S."
    assert pairs(nlp, text, "Cooperation") == set()


# --- Meetings ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    # a titled name hung inside the title of the next one
    ("Xi Jinping held talks with Commerce Secretary Gina Raimondo and Trade Representative "
     "Katherine Tai in Beijing.",
     {frozenset({"Xi Jinping", "Gina Raimondo", "Katherine Tai"})}),
    # officials of two nationalities on one noun: the two governments
    ("U.S. and Chinese officials held a first round of talks on AI in Geneva.",
     {frozenset({US, CN})}),
    # one nationality gives no second side
    ("Chinese officials held talks in Geneva.", set()),
    # a trip made for talks reports them held; a trip to come or a call for talks does not
    ("Gina Raimondo travelled to Beijing in August for talks with Xi Jinping.",
     {frozenset({"Gina Raimondo", "Xi Jinping"})}),
    ("Gina Raimondo will travel to Beijing for talks with Xi Jinping.", set()),
    ("Gina Raimondo called for talks with Xi Jinping.", set()),
    # a negotiation under way is no meeting reported
    ("Tencent is in talks with Samsung about a chip supply deal.", set()),
    # a group's named members
    ("Gina Raimondo wrapped up three days of meetings with Chinese officials, including "
     "Premier Li Qiang and Vice Premier Ding Xuexiang.",
     {frozenset({"Gina Raimondo", "Li Qiang", "Ding Xuexiang"})}),
    # the persons who announce the outcome of talks they held, not the countries that agreed
    ("Commerce Secretary Gina Raimondo announced that the United States and China have "
     "agreed to cut tariffs, following two days of talks with a Chinese delegation led by "
     "Vice Premier Liu He.",
     {frozenset({"Gina Raimondo", "Liu He"})}),
])
def test_meeting_wordings(nlp: Language, text: str, expected: set[frozenset[str]]) -> None:
    assert pairs(nlp, text, "Meeting") == expected


# --- Criticism ---------------------------------------------------------------------------------

MOC = "Ministry of Commerce of China"
DOC = "US Department of Commerce"


def statements(nlp: Language, text: str) -> set[tuple[str, str, str]]:
    """(type, actor, target) of the Criticism and Demand events, by label."""
    extraction = run(nlp, text)
    labels = {e.id: e.label for e in extraction.entities}
    return {(e.type, labels[e.actor or ""], labels[e.target or ""])
            for e in extraction.events if e.type in ("Criticism", "Demand")}


@pytest.mark.parametrize(("text", "expected"), [
    # ministry wordings of a wrong said of a named party
    ("The Ministry of Commerce said the U.S. has been overstretching the concept of national "
     "security.", {("Criticism", MOC, US)}),
    ("The Ministry of Commerce said the US chip rules amounted to economic coercion.",
     {("Criticism", MOC, US)}),
    ("The Ministry of Commerce said the US restrictions constituted a serious violation of "
     "trade rules.", {("Criticism", MOC, US)}),
    # a listing's standard accusation and a threat posed
    ("The Commerce Department said Tencent had acted contrary to U.S. national security "
     "interests.", {("Criticism", DOC, "Tencent")}),
    ("The Commerce Department said Tencent posed a threat to national security.",
     {("Criticism", DOC, "Tencent")}),
    # a rejection with a damning label; a quoted label after the object
    ('China rejected the US accusations as "groundless".', {("Criticism", CN, US)}),
    ('The Commerce Department called China\'s actions "dangerous and destabilizing".',
     {("Criticism", DOC, CN)}),
    ("The Ministry of Commerce said the US practice runs counter to the principles of fair "
     "competition.", {("Criticism", MOC, US)}),
    ("According to a statement from the Ministry of Commerce, the US rules violate trade "
     "principles.", {("Criticism", MOC, US)}),
    ('Xi Jinping criticized what he called U.S. "unilateral bullying".',
     {("Criticism", "Xi Jinping", US)}),
    ("Nvidia CEO Jensen Huang said US export controls had been a failure.",
     {("Criticism", "Jensen Huang", US)}),
    ("Gina Raimondo warned that China is using AI to threaten national security.",
     {("Criticism", "Gina Raimondo", CN)}),
    ("Nvidia complained that China had been stealing its designs.",
     {("Criticism", "Nvidia", CN)}),
    ("Tencent took the Commerce Department to court over its designation.",
     {("Criticism", "Tencent", DOC)}),
    ("Anthropic said it had found evidence that Tencent used its models in breach of its "
     "terms of service.", {("Criticism", "Anthropic", "Tencent")}),
    # the owner of the conduct criticised
    ("Nvidia criticized China's approach to chip subsidies.", {("Criticism", "Nvidia", CN)}),
    # negatives: no threat, a mild label, a bare rejection, one's own government
    ("The Commerce Department said Tencent posed no threat.", set()),
    ("The Commerce Department called the measure a prudent step.", set()),
    ("Nvidia rejected the claims.", set()),
    ("According to analysts, Tencent violated the rules.", set()),
    ("Tencent took a stake in Baidu.", set()),
    # "it" standing for a clause, an ambiguous verb of content
    ("Tencent released a phone. Gina Raimondo said it was a mistake to underestimate China.",
     set()),
    ("Nvidia said the US rules contain exemptions.", set()),
    ("The Commerce Department warned that Tencent could exploit the loophole.", set()),
    ("The Ministry of Commerce said China has been overstretching its budget.", set()),
])
def test_criticism_wordings(nlp: Language, text: str, expected: set[tuple[str, str, str]]
                            ) -> None:
    assert statements(nlp, text) == expected


def test_a_transcript_line_states_a_wrong_without_a_frame(nlp: Language) -> None:
    """"Name: The U.S. has been abusing ..." is the speaker's accusation (ruling 2); a line
    whose wrong has no subject of its own names nobody."""
    text = ("Reuters: What is your comment on the new chip rules?\n\n"
            "Xi Jinping: The US has been abusing state power to suppress Chinese firms.\n\n"
            "Bloomberg: And the drones?\n\n"
            "Xi Jinping: China has always opposed such practices, and undermining trade.")
    assert statements(nlp, text) == {("Criticism", "Xi Jinping", US)}


@pytest.mark.parametrize(("text", "expected"), [
    # "the controls" refers back to the one foreign government's measure (ruling 3)
    ("China announced export controls on gallium on Monday. Washington was not persuaded. "
     "The Commerce Department said it firmly opposed the controls.",
     {("Criticism", DOC, CN)}),
    ("China tightened the export of gallium on Monday. "
     "The Commerce Department said it firmly opposed the restrictions.",
     {("Criticism", DOC, CN)}),
    # the measure last recorded is its own government's: the one just reported is meant
    ("Washington imposed export controls on chips in May. China then restricted exports of "
     "gallium. The U.S. Commerce Department said it firmly opposed the controls.",
     {("Criticism", DOC, CN)}),
    # its own government's rules with no foreign act reported: the target stays
    ("Washington imposed new rules restricting chip exports to China on Monday. "
     "Gina Raimondo said she firmly opposed the rules.", {("Criticism", "Gina Raimondo", US)}),
    # its own government named on the measure: as stated
    ("China restricted exports of gallium on Monday. The U.S. Commerce Department said it "
     "firmly opposed the US controls.", {("Criticism", DOC, US)}),
    # its own government's restrictions: the body is part of it
    ("The United States tightened the export of chips on Monday. "
     "The Commerce Department said it firmly opposed the restrictions.", set()),
    # a foreign country named only as a destination did not issue the restrictions
    ("Tencent was hit by new curbs on chip exports to China on Monday. Gina Raimondo said "
     "she firmly opposed the restrictions.", set()),
    # two foreign governments before: which one is meant is not said
    ("China and the Netherlands tightened the export of chips on Monday. "
     "The Commerce Department firmly opposed the restrictions.", set()),
])
def test_definite_measures_refer_back_to_their_issuer(
        nlp: Language, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert statements(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("China warned the United States to stop interfering in its internal affairs.",
     {("Demand", CN, US)}),
    ("Beijing warned Washington not to cross red lines on chips.", {("Demand", CN, US)}),
    ("Beijing demanded an apology from Washington.", {("Demand", CN, US)}),
    # a warning of consequences, a prediction: no request
    ("China warned of consequences if the U.S. continued.", set()),
    ("China warned that the U.S. would pay a price.", set()),
])
def test_demand_wordings(nlp: Language, text: str, expected: set[tuple[str, str, str]]
                         ) -> None:
    assert statements(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The Commerce Department added Tencent to the Entity List on Monday. "
     "Tencent said it firmly opposed being listed.", {("Criticism", "Tencent", DOC)}),
    ("Tencent objected to being sanctioned by the Commerce Department.",
     {("Criticism", "Tencent", DOC)}),
    # nobody said to have done it
    ("Tencent objected to being listed.", set()),
])
def test_objecting_to_an_act_done_to_oneself(nlp: Language, text: str,
                                             expected: set[tuple[str, str, str]]) -> None:
    """The target is the one who did it (ruling 3: the agent, stated or implied)."""
    assert statements(nlp, text) == expected
