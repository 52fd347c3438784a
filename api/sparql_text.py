"""What a SPARQL request says about its dataset and services, read from its syntax.

`read_query` finds a real `SERVICE` clause and a `FROM` / `FROM NAMED` dataset clause with
rdflib's SPARQL parser (the parse tree, so `?service`, `sd:Service` or a `SERVICE` inside a
string never count). The parser runs only when a lexer finds the keyword at all, so most
queries pay nothing. `with_using` applies the Protocol's `using-graph-uri` /
`using-named-graph-uri` to an update, as the `USING` clauses they stand for.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urljoin

from pyparsing import ParseBaseException, ParseResults
from rdflib.plugins.sparql.parser import parseQuery

from api.errors import QueryTooComplexError
from kg.errors import InputError

#: Longer queries are judged by their tokens alone: rdflib's parser takes seconds on megabytes.
MAX_PARSED_CHARS = 200_000
# Strings, IRIs and comments: blanked (same length) before looking for keywords, so that
# positions in the blanked text are positions in the original.
_OPAQUE = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"'
                     r"|'(?:[^'\\\n]|\\.)*'|<[^<>\"{}|^`\\\s]*>|#[^\n]*")
# A keyword token: not part of a variable (?service), prefixed name (sd:Service), blank node
# label or longer word.
_KEYWORD = r"(?<![\w?$:.\-]){}(?![\w:\-])"
_SERVICE = re.compile(_KEYWORD.format("SERVICE") + r"\s+(?:SILENT\s+)?(?:<|[?$]|[\w\-]*:)",
                      re.IGNORECASE)
_FROM = re.compile(_KEYWORD.format("FROM") + r"\s+(?:NAMED\s+)?(?:<|[\w\-]*:)", re.IGNORECASE)
#: Deepest bracket nesting and most operators and pattern separators a query may have
#: (check_complexity): a tenth of what overflowed the engine's stack.
MAX_DEPTH = 300
MAX_OPERATORS = 1000
# Names that may hold operator characters: variables, prefixed names (a-b:c.d), numbers,
# language tags, and keywords, blanked before operators are counted.
_NAME = re.compile(r"[?$]\w+|[\w\-.]*:[\w\-.:%\\]*|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|@[\w\-]+"
                   r"|[A-Za-z_]\w*(?:-\w+)*")
# A VALUES block's rows: flat data, however many.
_VALUES_BLOCK = re.compile(r"(?i:VALUES)\s*(?:[?$]\w+|\([^()]*\))\s*\{[^{}]*\}")
_BRACKET = re.compile(r"[{}()\[\]]")
# Pattern separators, path and expression operators, and the group operators by keyword.
_OPERATOR = re.compile(r"&&|\|\||!=|<=|>=|[.;,!^|/+*=]|-")
_GROUP_KEYWORD = re.compile(_KEYWORD.format("(?:UNION|OPTIONAL|MINUS)"), re.IGNORECASE)
_QUERY_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
# The prologue (blanked IRIs and all), then the operation's first keyword.
_FIRST_KEYWORD = re.compile(
    r"\s*(?:(?:PREFIX\s+[^\s:]*:\s*|BASE\s+)<\s*>\s*)*"
    r"(SELECT|ASK|CONSTRUCT|DESCRIBE|INSERT|DELETE|WITH|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD)"
    r"(?![\w:])", re.IGNORECASE)
_USING_OR_WITH = re.compile(_KEYWORD.format("(?:USING|WITH)"), re.IGNORECASE)
_WHERE_OR_BRACE = re.compile(_KEYWORD.format("(?:WHERE|DELETE)") + r"|[{}]", re.IGNORECASE)


@dataclass(frozen=True)
class QueryFeatures:
    """What the query's own text asks for beyond its pattern."""

    #: A SERVICE clause (a federated query), refused by this endpoint.
    service: bool = False
    #: FROM or FROM NAMED: the query names its own dataset.
    dataset: bool = False
    #: The IRIs of its FROM and FROM NAMED clauses, when the parser could read them.
    from_graphs: tuple[str, ...] = ()
    from_named_graphs: tuple[str, ...] = ()


def read_query(text: str, *, base_iri: str | None = None,
               prefixes: Mapping[str, str] | None = None) -> QueryFeatures:
    """The features of a query, its FROM IRIs resolved with its prologue, `prefixes` (the
    pre-bound ones) and `base_iri`. A query rdflib cannot parse (it is stricter than Oxigraph
    in a few corners) is judged by its tokens; the engine reports real syntax errors."""
    blank = blank_opaque(text)
    service, dataset = bool(_SERVICE.search(blank)), bool(_FROM.search(blank))
    if not (service or dataset):
        return QueryFeatures()
    if len(text) > MAX_PARSED_CHARS:
        return QueryFeatures(service=service, dataset=dataset)
    try:
        tree = parseQuery(text)
    except (ParseBaseException, ValueError, TypeError, RecursionError):
        # RecursionError: pyparsing recurses per nesting level, and 50 nested groups with a
        # FROM or SERVICE exhausted Python's recursion limit (a 500 before).
        return QueryFeatures(service=service, dataset=dataset)
    names = set(_names(tree))
    # CompValue.get answers the key itself for a missing key: test membership instead.
    clauses = tree[1]["datasetClause"] if len(tree) > 1 and "datasetClause" in tree[1] else []
    try:
        resolve = _resolver(tree[0], base_iri, prefixes or {})
        graphs = [(kind, resolve(clause[kind])) for clause in clauses
                  for kind in ("default", "named") if kind in clause]
    except KeyError:  # an undeclared prefix: the engine will say so
        return QueryFeatures(service="ServiceGraphPattern" in names, dataset=bool(clauses))
    return QueryFeatures(
        service="ServiceGraphPattern" in names, dataset=bool(clauses),
        from_graphs=tuple(iri for kind, iri in graphs if kind == "default"),
        from_named_graphs=tuple(iri for kind, iri in graphs if kind == "named"))


def check_complexity(text: str, *, max_depth: int = MAX_DEPTH,
                     max_operators: int = MAX_OPERATORS) -> None:
    """Refuse a query nested or chained past what the engine can parse and evaluate.

    pyoxigraph parses and evaluates by recursion on the thread's stack, and a deep query
    overflows it: the whole server dies (SIGSEGV, no log line) on 3,000 nested `{}`, 10,000
    chained `!`, `&&`, `+`, UNIONs or OPTIONALs, or a basic graph pattern of 10,000 triple
    patterns (measured on 8 MiB thread stacks; every shape passed at 1,000). The limits keep
    every shape below 1,000; real queries use a few dozen. VALUES rows and IRIs, strings,
    names and numbers do not count.

    Raises:
        QueryTooComplexError: naming the depth or count and the limit.
    """
    opaque = _VALUES_BLOCK.sub(" ", blank_opaque(text))
    keywords = len(_GROUP_KEYWORD.findall(opaque))
    blank = _NAME.sub(" ", opaque)
    depth = deepest = 0
    for bracket in _BRACKET.findall(blank):
        depth = depth + 1 if bracket in "{([" else max(0, depth - 1)
        deepest = max(deepest, depth)
    if deepest > max_depth:
        raise QueryTooComplexError(f"the query nests brackets {deepest} deep, more than the "
                                   f"{max_depth} this endpoint evaluates; flatten it")
    operators = keywords + len(_OPERATOR.findall(blank))
    if operators > max_operators:
        raise QueryTooComplexError(f"the query has {operators} triple patterns and operators, "
                                   f"more than the {max_operators} this endpoint evaluates; "
                                   "split it into several queries")


def operation_kind(text: str) -> Literal["query", "update"] | None:
    """Whether `text` reads as a query or an update by its first keyword after the prologue
    (PREFIX / BASE), or None when it starts with neither. Asked only once the engine has
    refused the text, to say "this is an update" rather than "expected CONSTRUCT".

    >>> operation_kind("PREFIX a: <urn:a#> INSERT DATA { a:s a:p a:o }")
    'update'
    """
    found = _FIRST_KEYWORD.match(blank_opaque(text))
    if found is None:
        return None
    return "query" if found[1].upper() in _QUERY_FORMS else "update"


def with_using(update: str, default_graphs: list[str], named_graphs: list[str]) -> str:
    """`update` with USING / USING NAMED clauses for the Protocol's using-graph-uri and
    using-named-graph-uri, on every operation that has a WHERE clause.

    Raises InputError when the update has USING or WITH of its own (the Protocol forbids both
    at once). `DELETE WHERE { P }` becomes `DELETE { P } USING … WHERE { P }`, its long form.
    """
    if not (default_graphs or named_graphs):
        return update
    blank = blank_opaque(update)
    if _USING_OR_WITH.search(blank):
        raise InputError("using-graph-uri / using-named-graph-uri cannot be given with an "
                         "update that has USING or WITH clauses of its own")
    using = "".join(f"USING <{iri}> " for iri in default_graphs)
    using += "".join(f"USING NAMED <{iri}> " for iri in named_graphs)
    pieces, done, depth, last = [], 0, 0, ""
    for match in _WHERE_OR_BRACE.finditer(blank):
        token = match.group().upper()
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        elif depth == 0 and token == "WHERE":
            pieces.append(update[done:match.start()])
            if last == "DELETE":  # DELETE WHERE { P }: the template is the pattern
                pattern = _group_after(update, blank, match.end())
                pieces.append(f"{pattern} ")
            pieces.append(using)
            done = match.start()
        if depth == 0 or token in "{}":  # keywords of subqueries do not count
            last = token
    return "".join(pieces) + update[done:]


def _resolver(prologue: Any, base_iri: str | None, prefixes: Mapping[str, str]
              ) -> Callable[[Any], str]:
    """A function from a parsed IRI or prefixed name to an absolute IRI string."""
    declared = dict(prefixes)
    base = base_iri
    for declaration in prologue:
        if declaration.name == "Base":
            base = urljoin(base or "", str(declaration["iri"]))
        elif declaration.name == "PrefixDecl":
            declared[declaration["prefix"] or ""] = urljoin(base or "", str(declaration["iri"]))

    def resolve(term: Any) -> str:
        if getattr(term, "name", None) == "pname":
            return declared[term["prefix"] or ""] + (term["localname"] or "")
        return urljoin(base or "", str(term))

    return resolve


def blank_opaque(text: str) -> str:
    """`text` with strings and comments blanked and IRIs reduced to `<   >`, lengths kept."""
    def blank(match: re.Match[str]) -> str:
        found = match.group()
        if found.startswith("<"):
            return "<" + " " * (len(found) - 2) + ">"
        return " " * len(found)

    return _OPAQUE.sub(blank, text)


def _group_after(text: str, blank: str, start: int) -> str:
    """The `{ … }` group that starts after `start` (positions found in the blanked text)."""
    opening = blank.index("{", start)
    depth = 0
    for position in range(opening, len(blank)):
        if blank[position] == "{":
            depth += 1
        elif blank[position] == "}":
            depth -= 1
            if depth == 0:
                return text[opening:position + 1]
    raise InputError("the update's DELETE WHERE pattern is not closed")


def _names(tree: object) -> Iterator[str]:
    """The names of every parse-tree node (rdflib's CompValue is a named ParseResults)."""
    if isinstance(tree, ParseResults):
        name = getattr(tree, "name", None)
        if name:
            yield name
        for child in tree:
            yield from _names(child)
        for child in tree.values() if hasattr(tree, "values") else ():
            yield from _names(child)
    elif isinstance(tree, dict):
        name = getattr(tree, "name", None)
        if name:
            yield name
        for child in tree.values():
            yield from _names(child)
    elif isinstance(tree, list | tuple):
        for child in tree:
            yield from _names(child)
