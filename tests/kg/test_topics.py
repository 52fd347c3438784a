"""Topics are found by any SKOS label, case- and number-insensitively (kg.topics)."""

from __future__ import annotations

import doctest

import pytest

import kg.topics
from kg.errors import InputError
from kg.topics import UnknownTopicError, normalise_label, resolve_topic, topic_scheme

TOPIC = "https://w3id.org/aikg/topic/"


@pytest.mark.parametrize(("label", "slug"), [
    ("AI", "ai"),
    ("ai", "ai"),
    ("artificial intelligence", "ai"),          # a hidden label
    ("Artificial  Intelligence", "ai"),
    ("chips", "semiconductors"),
    ("chip", "semiconductors"),
    ("Semiconductor", "semiconductors"),          # singular of the preferred label
    ("export control", "export-controls"),
    ("Export-Controls", "export-controls"),
    ("covid-19", "covid-19"),
    ("COVID 19", "covid-19"),
    ("tariff", "tariffs"),
    ("AI safety", "ai-safety"),                   # narrower concept, not its broader one
])
def test_any_label_finds_its_topic(label: str, slug: str) -> None:
    assert resolve_topic(label) == TOPIC + slug


def test_an_unknown_topic_names_the_close_ones() -> None:
    with pytest.raises(UnknownTopicError) as caught:
        resolve_topic("chipz")
    assert caught.value.suggestions == ["semiconductors"]
    assert str(caught.value) == "unknown topic 'chipz'; did you mean 'semiconductors'?"
    assert isinstance(caught.value, InputError)


def test_a_misspelt_label_suggests_every_topic_it_is_close_to() -> None:
    with pytest.raises(UnknownTopicError) as caught:
        resolve_topic("securty")
    assert set(caught.value.suggestions) == {"AI safety", "cybersecurity", "data privacy",
                                             "national security"}


def test_nothing_close_says_where_the_list_is() -> None:
    with pytest.raises(UnknownTopicError) as caught:
        resolve_topic("huawei")
    assert caught.value.suggestions == []
    assert "kg topics" in str(caught.value)


@pytest.mark.parametrize(("label", "key"), [
    ("Export-Controls ", "export control"),
    ("analysis", "analysis"), ("status", "status"), ("access", "access"),
    ("technologies", "technology"), ("5G", "5g"),
])
def test_normalise_label(label: str, key: str) -> None:
    assert normalise_label(label) == key


def test_the_scheme_has_each_concept_once_with_its_broader_concepts() -> None:
    scheme = topic_scheme()
    assert len({t.iri for t in scheme}) == len(scheme) > 20
    safety = next(t for t in scheme if t.slug == "ai-safety")
    assert safety.label == "AI safety" and safety.broader == (TOPIC + "ai",)


def test_module_examples() -> None:
    assert doctest.testmod(kg.topics).failed == 0
