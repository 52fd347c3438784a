"""Kinds of false and missed events found on the blind set tests/gold/heldout6 (an op-ed, a
live blog, a CEO interview, a ministry transcript, a hearing, an exclusive, a trade show, a
readout, a newsletter and a fact check), each with sentences of our own (DESIGN.md rulings 1,
2, 5, 7 and 18)."""

from __future__ import annotations

import pytest
from extraction_samples import events_by_label, extract
from spacy.language import Language

MOFCOM = "Ministry of Commerce of China"
CHINA = "Government of China"
US = "Government of the United States"


@pytest.mark.parametrize(("text", "expected"), [
    # a second statement joined by "and" is no trailing frame of the first (ruling 2)
    ("The Ministry of Commerce accused the US of bullying on Monday, and Gina Raimondo "
     "responded in a speech.",
     [("Criticism", [MOFCOM, US])]),
    ("China's Ministry of Commerce condemned the US rules, and Xi Jinping warned in a speech.",
     [("Criticism", [MOFCOM, US])]),
    ("China's Ministry of Commerce accused Washington on Monday of turning supply chains into "
     "weapons, and Vice Premier Ding Xuexiang told visiting American executives that China's "
     "doors would stay open.",
     [("Criticism", [MOFCOM, US])]),
    # twin: a trailing frame without "and" is the speaker's
    ("China condemned the US chip rules, the Ministry of Commerce said.",
     [("Criticism", [MOFCOM, US])]),
])
def test_a_coordinated_clause_is_not_a_speech_frame(
        nlp: Language, text: str, expected: list[tuple[str, list[str]]]) -> None:
    assert events_by_label(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a news outlet that says what a side thinks is the outermost speaker, and never acts
    ("China's state broadcaster CCTV says the Chinese side firmly opposes the new US chip "
     "rules.", []),
    ("State media said China firmly opposes the US chip rules.", []),
    ("The Global Times said Beijing strongly condemns the US export controls.", []),
    # twins: an outlet that reports an act relays news; a named person inside still speaks;
    # a ministry is no outlet
    ("Reuters reported that Beijing condemned the US chip rules.",
     [("Criticism", [CHINA, US])]),
    ("Xi Jinping warned that the US should not cross China's red lines, state media said.",
     [("Demand", ["Xi Jinping", US])]),
    ("The Ministry of Commerce said China firmly opposes the US chip rules.",
     [("Criticism", [MOFCOM, US])]),
])
def test_what_an_outlet_says_a_side_thinks_is_no_event(
        nlp: Language, text: str, expected: list[tuple[str, list[str]]]) -> None:
    assert events_by_label(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a closing "..., which X denied" answers the whole statement before it (ruling 5)
    ("A person briefed on the talks said Gina Raimondo had asked Nvidia to report its sales "
     "to Chinese labs, which the company denied.", []),
    ("Sources said Xi Jinping met Gina Raimondo in Beijing, which the ministry has denied.", []),
    ("People familiar with the matter said Baidu signed an agreement with Samsung, which "
     "Samsung denied.", []),
    # twins: a denied charge leaves the accusation standing; a relative clause of no denial
    ("Gina Raimondo accused Nvidia of selling chips to Chinese labs, which the company denied.",
     [("Criticism", ["Gina Raimondo", "Nvidia"])]),
    ("Gina Raimondo urged Nvidia to report its sales to Chinese labs, which the company later "
     "did.", [("Demand", ["Gina Raimondo", "Nvidia"])]),
])
def test_a_closing_denial_denies_the_statement(
        nlp: Language, text: str, expected: list[tuple[str, list[str]]]) -> None:
    assert events_by_label(nlp, text) == expected


INTERVIEW = """Tencent is on a Pentagon list. Its chief executive, Ma Huateng, spoke to us in \
Shenzhen.

Q: How has the listing affected you?

A: We firmly oppose the US decision to put us on the list.

Q: What about Nvidia?

A: Nvidia should stop lobbying Washington against us."""

RELEASE = """A spokesperson for China's Ministry of Commerce answered a question on the US rules.

Question: The US Commerce Department issued new rules on Monday. What is your comment?

Answer: China firmly opposes the US rules."""


def test_an_interviews_answers_are_its_guests(nlp: Language) -> None:
    """The "A:" lines of an interview are spoken by the guest its introduction names (ruling
    2: a transcript line's speaker), not by the body named last."""
    assert events_by_label(nlp, INTERVIEW) == [
        ("Criticism", ["Ma Huateng", US]), ("Demand", ["Ma Huateng", "Nvidia"])]


def test_a_release_without_a_named_guest_answers_for_its_body(nlp: Language) -> None:
    assert events_by_label(nlp, RELEASE) == [("Criticism", [MOFCOM, US])]


SPOKEN_INTRO = """Gina Raimondo said on Monday that the chip rules would stay.

Q: Will you ease them?

A: China must stop dumping cheap chips in our market."""

SPOKESPERSON_AFTER = """Gina Raimondo said on Monday that the chip rules would stay. A \
spokesperson for China's Ministry of Commerce answered questions the next day.

Question: What is your comment on the rules?

Answer: The US must stop abusing export controls."""


@pytest.mark.parametrize(("text", "expected"), [
    (SPOKEN_INTRO, [("Demand", ["Gina Raimondo", CHINA])]),
    # a spokesperson spoken of after the person answers for the ministry
    (SPOKESPERSON_AFTER, [("Demand", [MOFCOM, US])]),
])
def test_a_speaker_introduced_before_the_answers_speaks_them(
        nlp: Language, text: str, expected: list[tuple[str, list[str]]]) -> None:
    assert events_by_label(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "the two companies" after two executives met are their companies (ruling 7)
    ("Samsung chairman Lee Jae-yong met Baidu chief executive Robin Li in Seoul on Monday. The "
     "two companies agreed to develop AI chips together.",
     [("Meeting", ["Lee Jae-yong", "Robin Li"]),
      ("Cooperation", ["Baidu", "Samsung Electronics"])]),
    # "the two heads of state" are not the two ministers named before: the sides (ruling 18)
    ("Commerce Secretary Gina Raimondo held a phone call with China's Commerce Minister Wang "
     "Wentao on Tuesday. Wang said the two heads of state had reached an important consensus "
     "on trade.",
     [("Meeting", ["Gina Raimondo", "Wang Wentao"]), ("Cooperation", [CHINA, US])]),
    # twin: two presidents named before are the two presidents
    ("Xi Jinping held a call with President Joe Biden on Tuesday. The two presidents agreed to "
     "keep talking about AI.",
     [("Meeting", ["Xi Jinping", "Joe Biden"]), ("Cooperation", ["Xi Jinping", "Joe Biden"])]),
])
def test_a_group_noun_takes_members_of_its_kind(
        nlp: Language, text: str, expected: list[tuple[str, list[str]]]) -> None:
    assert events_by_label(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a negated main clause does not negate a clause the sentence asserts (ruling 5 is about
    # the negated event only)
    ("Nvidia is not part of the talks, though its chief executive Jensen Huang has urged "
     "Washington for months to lift the chip rules.",
     [("Demand", ["Jensen Huang", US])]),
    ("Xi Jinping did not attend, although Li Qiang met Gina Raimondo in Lima.",
     [("Meeting", ["Li Qiang", "Gina Raimondo"])]),
    # twins: the negated event itself, and a negation of its own
    ("Gina Raimondo did not meet Wang Wentao after the talks.", []),
    ("Nvidia is not part of the talks, and Jensen Huang has not urged Washington to lift the "
     "rules.", []),
])
def test_a_negation_stops_at_an_asserted_clause(
        nlp: Language, text: str, expected: list[tuple[str, list[str]]]) -> None:
    assert events_by_label(nlp, text) == expected


BLOG = """Gina Raimondo arrived in Beijing on Monday.

16:20 - Raimondo: "China must stop dumping cheap chips."
"""

BLOG_NEXT_ENTRY = """Gina Raimondo arrived in Beijing on Monday.

16:20 - Raimondo: "We are here to listen."

17:05 - Nvidia must stop selling chips to Chinese labs, critics say.
"""


@pytest.mark.parametrize(("text", "expected"), [
    # a live blog's "time - Name: ..." line is the named person's (ruling 2)
    (BLOG, [("Demand", ["Gina Raimondo", CHINA])]),
    # twin: the next time-stamped entry is no longer hers
    (BLOG_NEXT_ENTRY, []),
])
def test_a_live_blog_line_is_its_speakers(
        nlp: Language, text: str, expected: list[tuple[str, list[str]]]) -> None:
    assert events_by_label(nlp, text) == expected


def test_a_pronoun_under_a_named_subjects_clause_is_that_person(nlp: Language) -> None:
    """"X has not visited China since 2023, when she met Y": "she" is the subject of the
    clause above hers, not the person the passage names most (Xi Jinping here)."""
    text = ("A viral claim that Gina Raimondo met Xi Jinping in Beijing is false. Xi Jinping was "
            "in Moscow, and Xi stayed there all week. Raimondo has not visited China since "
            "August 2023, when she met Wang Wentao.")
    assert events_by_label(nlp, text) == [("Meeting", ["Gina Raimondo", "Wang Wentao"])]


@pytest.mark.parametrize(("text", "expected"), [
    # what a post, a rumour or a video says happened is a claim only (ruling 5)
    ("A viral post says Xi Jinping and Gina Raimondo signed a treaty on AI.", []),
    ("Social media posts claimed that Nvidia had signed a deal with Samsung.", []),
    ("Rumours on Weibo said Gina Raimondo met Wang Wentao in Beijing last week.", []),
    # twin: a ministry's statement reports what happened
    ("The ministry's statement said Wang Wentao met Gina Raimondo in Beijing on Monday.",
     [("Meeting", ["Wang Wentao", "Gina Raimondo"])]),
])
def test_what_a_post_or_rumour_says_is_a_claim(
        nlp: Language, text: str, expected: list[tuple[str, list[str]]]) -> None:
    assert events_by_label(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # an act only asked for has not happened; the request is the Demand (ruling 5)
    ("Xi Jinping hosted Gina Raimondo in Beijing. Raimondo urged Xi to press Samsung on chip "
     "exports.",
     [("Meeting", ["Xi Jinping", "Gina Raimondo"]), ("Demand", ["Gina Raimondo", "Xi Jinping"])]),
    ("Gina Raimondo urged Wang Wentao to cooperate with Nvidia on chip security.",
     [("Demand", ["Gina Raimondo", "Wang Wentao"])]),
    # twin: an act agreed to is a Cooperation
    ("Wang Wentao agreed to cooperate with Nvidia on chip security.",
     [("Cooperation", ["Wang Wentao", "Nvidia"])]),
])
def test_an_act_only_asked_for_is_no_event(
        nlp: Language, text: str, expected: list[tuple[str, list[str]]]) -> None:
    assert events_by_label(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # an agreement to pay a penalty settles it: no Cooperation (ruling 13)
    ("Samsung said it had reached an agreement with the Commerce Department in 2018 to pay a "
     "$1 billion penalty.", []),
    ("Baidu agreed with the Commerce Department to pay a fine of $1 billion.", []),
    # twin: an agreement to do business
    ("Nvidia reached an agreement with the Commerce Department to resume sales of its chips.",
     [("Cooperation", ["Nvidia", "US Department of Commerce"])]),
])
def test_an_agreement_to_pay_a_penalty_is_no_cooperation(
        nlp: Language, text: str, expected: list[tuple[str, list[str]]]) -> None:
    assert events_by_label(nlp, text) == expected


QUESTION_YOU = """Baidu's chief executive, Robin Li, spoke with us in Beijing.

Q: You met Gina Raimondo in Washington last month. What came out of it?

Li: We talked about chips."""


@pytest.mark.parametrize(("text", "expected"), [
    # "you" in an interview's question is its guest (the one person who answers)
    (QUESTION_YOU, [("Meeting", ["Robin Li", "Gina Raimondo"])]),
    # unnamed executives take part in talks for their company (ruling 6)
    ("Wang Wentao met Nvidia executives in Beijing on Monday.",
     [("Meeting", ["Wang Wentao", "Nvidia"])]),
    ("Wang Wentao met executives from Samsung in Beijing on Monday.",
     [("Meeting", ["Wang Wentao", "Samsung Electronics"])]),
    # twin: a company's own executives meeting is no meeting of two sides
    ("Nvidia executives met in Santa Clara on Monday.", []),
])
def test_interview_and_company_sides_of_a_meeting(
        nlp: Language, text: str, expected: list[tuple[str, list[str]]]) -> None:
    assert events_by_label(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # what the writer could not verify is a claim only (ruling 5)
    ("Reuters could not independently verify the report that Wang Wentao met Nvidia "
     "executives.", []),
    ("The ministry did not confirm that Wang Wentao met Gina Raimondo.", []),
    # twin: confirmed
    ("The ministry confirmed that Wang Wentao met Gina Raimondo.",
     [("Meeting", ["Wang Wentao", "Gina Raimondo"])]),
])
def test_what_could_not_be_verified_is_a_claim(
        nlp: Language, text: str, expected: list[tuple[str, list[str]]]) -> None:
    assert events_by_label(nlp, text) == expected


def _proposals(nlp: Language, text: str) -> list[tuple[str, str]]:
    extraction = extract(nlp, text)
    labels = {e.id: e.label for e in extraction.entities}
    return [(labels[e.actor], labels[e.proposed]) for e in extraction.events
            if e.type == "Proposal" and e.actor and e.proposed]


@pytest.mark.parametrize(("text", "expected"), [
    # a proposal noun owned by an agent, whose "to" clause creates a body, was made by it
    ("Samsung welcomed China's proposal to set up a global AI cooperation organization.",
     [(CHINA, "global AI cooperation organization")]),
    # twin: a proposal no one is said to have made
    ("Samsung welcomed a possible proposal to set up a global AI cooperation organization.", []),
])
def test_an_owners_proposal_to_create_a_body_is_its_proposal(
        nlp: Language, text: str, expected: list[tuple[str, str]]) -> None:
    assert _proposals(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "they" after a plural thing is that thing, not the singular subject before it
    ("Beijing criticised the US chip rules and Xi Jinping said they were unfair.",
     [("Criticism", [CHINA, US])]),
    ("Nvidia criticised the US chip rules, saying they were unfair.",
     [("Criticism", ["Nvidia", US])]),
])
def test_they_after_a_plural_thing_is_no_agent(
        nlp: Language, text: str, expected: list[tuple[str, list[str]]]) -> None:
    assert events_by_label(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the participle of a proposal hangs on the initiative's "on" phrase in the small model
    ("The United Nations adopted a resolution on AI capacity-building introduced by China.",
     [(CHINA, "United Nations resolution")]),
    # twin: no initiative above the participle
    ("The United Nations adopted a resolution on chips made by Samsung.", []),
])
def test_a_proposal_participle_reaches_its_initiative(
        nlp: Language, text: str, expected: list[tuple[str, str]]) -> None:
    assert _proposals(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "the two ministers" are persons, never the governments named just before
    ("Commerce Secretary Gina Raimondo held a call with China's Commerce Minister Wang Wentao. "
     "Raimondo said the US does not seek a conflict with China. The two ministers also "
     "exchanged views on Ukraine.",
     [("Meeting", ["Gina Raimondo", "Wang Wentao"])]),
    # "the two heads of state had a call" after two ministers: the unnamed sides (ruling 18)
    ("Commerce Secretary Gina Raimondo held a call with China's Commerce Minister Wang Wentao. "
     "Wang said the two heads of state had a phone call in June.",
     [("Meeting", ["Gina Raimondo", "Wang Wentao"]), ("Meeting", [CHINA, US])]),
])
def test_a_person_group_in_a_meeting_is_persons_or_the_sides(
        nlp: Language, text: str, expected: list[tuple[str, list[str]]]) -> None:
    assert events_by_label(nlp, text) == expected
