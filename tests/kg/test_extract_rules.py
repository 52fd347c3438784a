"""Rule families on new general sentences: (sentence, expected statements), negatives included."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from kg.extract import extract_article
from kg.models import Article, Extraction

PUBLISHED = dt.date(2024, 3, 15)  # a Friday


def run(nlp: Language, text: str) -> Extraction:
    return extract_article(Article(id="t", title="", text=text, date=PUBLISHED), nlp=nlp)


def facts(extraction: Extraction) -> set[tuple[str, str, str]]:
    return {(f.subject, f.predicate, f.object) for f in extraction.facts}


def events(extraction: Extraction) -> set[tuple[object, ...]]:
    out: set[tuple[object, ...]] = set()
    for e in extraction.events:
        other = e.proposed or e.target
        out.add((e.type, frozenset(e.participants)) if e.participants else (e.type, e.actor, other))
    return out


US = "government/government-of-the-united-states"
CN = "government/government-of-china"


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Nvidia CEO Jensen Huang praised the new rules.",
     {("person/jensen-huang", "roleIn", "company/nvidia")}),
    ("Gina Raimondo, the US Commerce Secretary, visited Seoul.",
     {("person/gina-raimondo", "roleIn", "government/us-department-of-commerce"),
      ("government/us-department-of-commerce", "partOf", US)}),
    ("Chinese Foreign Ministry spokesperson Mao Ning spoke on Friday.",
     {("person/mao-ning", "roleIn", "government/ministry-of-foreign-affairs-of-china"),
      ("government/ministry-of-foreign-affairs-of-china", "partOf", CN)}),
    ("Former Google chief Eric Schmidt spoke on Friday.", set()),
])
def test_roles(nlp: Language, sentence: str, expected: set[tuple[str, str, str]]) -> None:
    assert facts(run(nlp, sentence)) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Google joined the Partnership on AI in 2016.",
     {("company/google", "memberOf", "alliance/partnership-on-ai")}),
    ("Anthropic withdrew from the Partnership on AI last month.",
     {("company/anthropic", "withdrewFrom", "alliance/partnership-on-ai")}),
    ("Tencent said it would not leave the Partnership on AI.", set()),
    ("Tencent did not leave the Partnership on AI.", set()),
    ("SenseTime could quit the Partnership on AI.", set()),
    ("Did Tencent leave the Partnership on AI?", set()),
])
def test_membership(nlp: Language, sentence: str, expected: set[tuple[str, str, str]]) -> None:
    assert facts(run(nlp, sentence)) == expected


def test_withdrawal_is_dated(nlp: Language) -> None:
    extraction = run(nlp, "Anthropic withdrew from the Partnership on AI last month.")
    assert [f.date for f in extraction.facts] == ["2024-02"]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The United States imposed export controls on Samsung Electronics.",
     {("policy/united-states-export-controls", "issuedBy", US),
      ("policy/united-states-export-controls", "targets", "company/samsung")}),
    ("The Commerce Department added SenseTime to the Entity List.",
     {("policy/entity-list", "issuedBy", "government/us-department-of-commerce"),
      ("policy/entity-list", "targets", "company/sensetime")}),
    ("Amazon invested in Anthropic.", {("company/amazon", "investsIn", "company/anthropic")}),
    ("Anthropic, backed by Google, released a model.",
     {("company/google", "investsIn", "company/anthropic")}),
    ("Amazon might invest in Anthropic.", set()),
])
def test_policies_and_investment(
    nlp: Language, sentence: str, expected: set[tuple[str, str, str]]
) -> None:
    assert facts(run(nlp, sentence)) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Xi Jinping met with Gina Raimondo in Beijing on Tuesday.",
     {("Meeting", frozenset({"person/xi-jinping", "person/gina-raimondo"}))}),
    ("Xi Jinping and Gina Raimondo held talks in Washington.",
     {("Meeting", frozenset({"person/xi-jinping", "person/gina-raimondo"}))}),
    ("Officials from China and the US could meet next year.", set()),
    ("Xi Jinping is expected to meet Gina Raimondo.", set()),
    ("Chinese Foreign Ministry spokesperson Mao Ning criticised the US.",
     {("Criticism", "person/mao-ning", US)}),
    ("China urged the United States to stop suppressing Chinese firms.",
     {("Demand", CN, US)}),
    ("The US did not urge China to drop its tariffs.", set()),
    ("Xi Jinping proposed the establishment of a global AI governance alliance.",
     {("Proposal", "person/xi-jinping", "alliance/global-ai-governance-alliance")}),
    ("Tencent agreed to cooperate with Samsung Electronics on chips.",
     {("Cooperation", frozenset({"company/tencent", "company/samsung"}))}),
    ("Tencent might cooperate with Samsung Electronics on chips.", set()),
])
def test_events(nlp: Language, sentence: str, expected: set[tuple[object, ...]]) -> None:
    assert events(run(nlp, sentence)) == expected


def test_meeting_date_and_place(nlp: Language) -> None:
    (meeting,) = run(nlp, "Xi Jinping met with Gina Raimondo in Beijing on Tuesday.").events
    assert (meeting.date, meeting.location) == ("2024-03-12", "Beijing")


def test_short_names_link_to_full_names(nlp: Language) -> None:
    text = "Gina Raimondo arrived on Monday.\nRaimondo met with Xi Jinping in Beijing."
    (meeting,) = run(nlp, text).events
    assert set(meeting.participants) == {"person/gina-raimondo", "person/xi-jinping"}


def test_evidence_offsets_and_json_shape(nlp: Language) -> None:
    text = "Chip curbs\n\nAmazon invested in Anthropic.  Xi Jinping met Gina Raimondo."
    extraction = run(nlp, text)
    data = extraction.to_json()
    assert set(data) == {"article", "entities", "facts", "events"}
    for statement in [*data["facts"], *data["events"]]:
        assert text[statement["start"]:statement["end"]] == statement["evidence"]
        assert 0.0 <= statement["confidence"] <= 1.0
    ids = {e["id"] for e in data["entities"]}
    assert {"company/amazon", "company/anthropic", "person/xi-jinping"} <= ids
    assert all(set(e) >= {"id", "label", "type", "aliases"} for e in data["entities"])


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Tencent may be willing to work with Baidu.", set()),
    ("The US and China agreed to cooperate on AI safety.",
     {("Cooperation", frozenset({US, CN}))}),
    ("China has never criticised Nvidia.", set()),
    ("Xi Jinping told reporters that the US must not suppress China, state media said.",
     {("Demand", "person/xi-jinping", US)}),
    ("Chinese Foreign Ministry spokesperson Mao Ning said Beijing firmly opposes the US move.",
     {("Criticism", "person/mao-ning", US)}),  # ruling 2: the outermost named speaker
    ("Huawei denied that it had joined the alliance.", set()),
])
def test_statement_mood_and_coordination(
    nlp: Language, sentence: str, expected: set[tuple[object, ...]]
) -> None:
    assert events(run(nlp, sentence)) == expected


def test_conference_participants_form_one_meeting(nlp: Language) -> None:
    text = ("Speaking at the annual Global Chip Summit (GCS) in Seoul, Xi Jinping praised trade.\n"
            "The event featured speakers including Gina Raimondo.\n"
            "Companies, including Tencent and Baidu, also participated.")
    (meeting,) = run(nlp, text).events
    # Ruling 6: companies listed as taking part are not participants (no talks stated).
    assert set(meeting.participants) == {"person/xi-jinping", "person/gina-raimondo"}
    assert meeting.location == "Seoul"
