"""The pipeline (model present and absent) and the gazetteer loader."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from kg import nlp as nlp_module
from kg.gazetteer import Gazetteer
from kg.nlp import RULER_NAME, build_pipeline


def test_gazetteer_records(gazetteer: Gazetteer) -> None:
    baidu = gazetteer.get("company/baidu")
    assert baidu is not None and (baidu.type, baidu.wikidata) == ("Company", "Q14772")
    ministry = gazetteer.get("government/ministry-of-commerce-of-china")
    assert ministry is not None and ministry.part_of == "government/government-of-china"
    china = gazetteer.country_of_demonym("Chinese")
    assert china is not None and china.id == "country/china"
    assert gazetteer.national_government(china).id == "government/government-of-china"  # type: ignore[union-attr]
    assert {t.label for t in gazetteer.topics} >= {"AI", "semiconductors"}


def test_pipeline_components(nlp: Language) -> None:
    assert RULER_NAME in nlp.pipe_names
    assert "aikg_line_sentences" in nlp.pipe_names


def test_known_names_carry_gazetteer_ids(nlp: Language) -> None:
    doc = nlp("Baidu and the Chinese Foreign Ministry spoke.")
    assert {e.text: e.ent_id_ for e in doc.ents if e.ent_id_} == {
        "Baidu": "company/baidu",
        "Chinese Foreign Ministry": "government/ministry-of-foreign-affairs-of-china",
    }


@pytest.mark.parametrize("text", [
    "Chips and AI\nNvidia said on Monday that sales rose.",
    "Chips and AI\n\nNvidia said on Monday that sales rose.",
])
def test_headline_is_its_own_sentence(nlp: Language, text: str) -> None:
    sentences = [s.text.strip() for s in nlp(text).sents]
    assert sentences == ["Chips and AI", "Nvidia said on Monday that sales rose."]


def test_ai_is_not_an_entity(nlp: Language) -> None:
    doc = nlp("AI is changing how the US and China compete.")
    assert "AI" not in {e.text for e in doc.ents}


def test_without_model_gazetteer_still_finds_names(
    monkeypatch: pytest.MonkeyPatch, gazetteer: Gazetteer
) -> None:
    def missing(name: str, *args: object, **kwargs: object) -> Language:
        raise OSError(f"[E050] Can't find model {name!r}")

    monkeypatch.setattr(spacy, "load", missing)
    with pytest.warns(RuntimeWarning, match="statistical spaCy model"):
        blank = nlp_module.load_model()
    pipeline = build_pipeline(blank, gazetteer)
    doc = pipeline("Baidu left the Partnership on AI.\nTencent stayed.")
    assert {e.ent_id_ for e in doc.ents} == {"company/baidu", "alliance/partnership-on-ai",
                                             "company/tencent"}
    assert len(list(doc.sents)) == 2


@pytest.mark.parametrize(("text", "abbreviation"), [
    ("Sens. Marco Rubio and Chris Coons wrote to the agency.", "Sens."),
    ("The bill was introduced by Reps. John Moolenaar and Raja Krishnamoorthi.", "Reps."),
    ("Amb. Nicholas Burns met Wang Yi in Beijing.", "Amb."),
])
def test_a_title_abbreviation_stays_with_its_name(nlp: Language, text: str,
                                                  abbreviation: str) -> None:
    """Before: "Sens." was "Sens" + "." and could end the sentence there, so the title was
    cut from the names it belongs to (kg/data/tokenizer.toml)."""
    doc = nlp(text)
    assert abbreviation in [token.text for token in doc]
    assert len(list(doc.sents)) == 1
