"""Which named graphs a SPARQL Update writes, read from its text, or None when that is unknown.

A write that names its graphs is applied graph by graph by whatever follows the store (the
query index re-reads those graphs; the consolidated events refresh their articles'); one that
does not makes them re-read everything, which at 100k articles is minutes. So the two forms
another `kg` (kg.store.remote) and most clients send are read exactly, at any size, by a
tokenizer: `DROP | CLEAR | CREATE [SILENT] GRAPH <iri>` and `INSERT DATA | DELETE DATA`
whose quads all sit in `GRAPH <iri> { ... }` blocks. Anything else up to MAX_PARSED_CHARS is
read by rdflib's SPARQL Update parser and algebra (`DELETE/INSERT ... WHERE` with constant
graph templates, `WITH`, `LOAD ... INTO GRAPH`, `COPY`, `MOVE`, `ADD`); past it, or when a
graph is a variable or the default graph is written (`DROP ALL`, triples outside `GRAPH`),
the answer is None. Never a guess: a graph left out would leave the index silently stale.

The tokenizer reads every character as the engine does (a comment ends at CR or LF, a long
string may end in escaped quotes, a backslash outside strings is an escaped local name it
leaves to the parser). None also for texts two engines may read differently: a \\u escape
that stands for a quote, a bracket or a line break (SPARQL 1.1 lets an engine decode them
before parsing), `BASE` or a relative PREFIX (rdflib resolves relative IRIs otherwise than
Oxigraph, whose resolver is used for the rest), and a relative graph IRI with no `base_iri`
(a remote server resolves it against a base of its own).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from rdflib import URIRef

#: Longer updates that are not of the two plain forms are not parsed: rdflib's parser reads
#: about 100 kB a second (a full re-read is then the cheaper answer on small stores).
MAX_PARSED_CHARS = 50_000

#: One lexeme as the engine reads it: whitespace is space, tab, CR and LF only; a comment ends
#: at CR or LF; long strings may hold escaped and doubled quotes. A string is read atomically
#: to its closing quote or, unterminated, to the line's (the text's) end, so the scan stays
#: linear (`"\"\"\"...` with no closing quote tried again at every quote was quadratic); an
#: unterminated string, or a character that starts no lexeme, makes the text not one of the
#: plain forms. Every character of the text falls in exactly one lexeme.
_LEXEME = re.compile(
    r"(?P<ws>[ \t\r\n]+)"
    r"|(?P<comment>#[^\r\n]*)"
    r'|(?P<string>"""(?>[^"\\]*+(?:(?:\\[\s\S]|""?+(?!"))[^"\\]*+)*+)(?P<closed1>""")?'
    r"|'''(?>[^'\\]*+(?:(?:\\[\s\S]|''?+(?!'))[^'\\]*+)*+)(?P<closed2>''')?"
    r'|"(?>[^"\\\r\n]*+(?:\\[^\r\n][^"\\\r\n]*+)*+)(?P<closed3>")?'
    r"|'(?>[^'\\\r\n]*+(?:\\[^\r\n][^'\\\r\n]*+)*+)(?P<closed4>')?)"
    r'|(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)'
    r"|(?P<punct>[{};])"
    r"|(?P<word>[^ \t\r\n{};\"'<>#\\]+)"
    r"|(?P<other>[\s\S])")
_ABSOLUTE = re.compile(r"<[A-Za-z][A-Za-z0-9+.\-]*:[^<>\"{}|^`\\\s]*>")
_PNAME = re.compile(r"((?:[A-Za-z][\w.-]*)?):(\S*)")
#: \u and \U escapes: SPARQL 1.1 (19.2) lets an engine decode them anywhere before parsing
#: (Jena does; Oxigraph only inside IRIs and strings), so one that stands for a quote, a
#: bracket, a backslash, a `#` or a line break may end a string or a block for one engine and
#: not for another. A text with such an escape is not read here.
_CODEPOINT_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _closed(string: re.Match[str]) -> bool:
    return any(string[group] is not None for group in ("closed1", "closed2", "closed3",
                                                       "closed4"))


class _Unknown(Exception):
    """The text is not of the plain forms: ask the parser."""


def graphs_written(update: str, prefixes: Mapping[str, str] | None = None,
                   base_iri: str | None = None) -> frozenset[str] | None:
    """The IRIs of the named graphs `update` may change (`prefixes` pre-bound, relative IRIs
    against `base_iri`), or None when it may change the default graph, a graph named by a
    variable, or anything (`DROP ALL`), or when it cannot be read here (a syntax error is the
    engine's to report). An empty set means it changes nothing."""
    for escape in _CODEPOINT_ESCAPE.finditer(update):
        char = chr(min(int(escape[1] or escape[2], 16), 0x10FFFF))
        if char.isascii() and not char.isalnum():
            return None
    code = [("other" if match.lastgroup == "string" and not _closed(match) else match.lastgroup,
             match[0]) for match in _LEXEME.finditer(update)]
    code = [(kind, text) for kind, text in code if kind not in ("ws", "comment", "string")]
    try:
        if any(kind == "other" or "\\" in text for kind, text in code):
            raise _Unknown  # an escaped local name, `<<`, an unterminated string...
        return _plain_forms([text for _, text in code], dict(prefixes or {}))
    except _Unknown:
        pass
    if len(update) > MAX_PARSED_CHARS or any("\\" in text for _, text in code):
        return None  # rdflib keeps the backslash of `id:person\/x` in the IRI it makes
    if re.search(r"\r(?!\n)", update):
        return None  # rdflib ends a comment at LF only, the engine at CR too
    words = [text.upper() for _, text in code]
    if "BASE" in words or any(
            word == "PREFIX" and at + 2 < len(code) and not _ABSOLUTE.fullmatch(code[at + 2][1])
            for at, word in enumerate(words)):
        return None  # rdflib resolves relative IRIs otherwise than the engine (RFC 3986)
    return _parsed(update, prefixes or {}, base_iri)


def _plain_forms(tokens: list[str], prefixes: dict[str, str]) -> frozenset[str]:
    """The graphs of plain DROP / CLEAR / CREATE GRAPH and INSERT / DELETE DATA operations
    (`tokens`: the update's, strings and comments left out); _Unknown for anything else."""
    found: set[str] = set()
    at = 0

    def take() -> str:
        nonlocal at
        if at >= len(tokens):
            raise _Unknown
        at += 1
        return tokens[at - 1]

    def keyword(token: str) -> str:
        return token.upper() if token.isascii() else token  # 'ınsert'.upper() == 'INSERT'

    def graph_iri(token: str) -> str:
        if _ABSOLUTE.fullmatch(token):
            return token[1:-1]
        name = _PNAME.fullmatch(token)
        if (name is None or name[1] not in prefixes or not token.isascii()
                or not re.fullmatch(r"(?:[\w-][\w.-]*)?(?<!\.)", name[2])):
            raise _Unknown  # a relative IRI, an escaped local name: the parser resolves them
        return prefixes[name[1]] + name[2]

    while at < len(tokens) and keyword(tokens[at]) == "PREFIX":
        take()
        declared, namespace = take(), take()
        if not declared.endswith(":") or not _ABSOLUTE.fullmatch(namespace):
            raise _Unknown
        prefixes[declared[:-1]] = namespace[1:-1]
    while at < len(tokens):
        verb = keyword(take())
        if verb in ("DROP", "CLEAR", "CREATE"):
            word = keyword(take())
            if word == "SILENT":
                word = keyword(take())
            if word != "GRAPH":
                raise _Unknown  # ALL, NAMED, DEFAULT
            found.add(graph_iri(take()))
        elif verb in ("INSERT", "DELETE"):
            if keyword(take()) != "DATA" or take() != "{":
                raise _Unknown
            while (token := take()) != "}":
                if token == ".":
                    continue
                if keyword(token) != "GRAPH":
                    raise _Unknown  # a triple in the default graph
                found.add(graph_iri(take()))
                if take() != "{":
                    raise _Unknown
                while (inner := take()) != "}":
                    if inner == "{":
                        raise _Unknown
        else:
            raise _Unknown
        if at < len(tokens) and take() != ";":
            raise _Unknown
    return frozenset(found)


def _parsed(update: str, prefixes: Mapping[str, str], base_iri: str | None
            ) -> frozenset[str] | None:
    from rdflib.plugins.sparql.algebra import translateUpdate
    from rdflib.plugins.sparql.parser import parseUpdate

    try:  # no base: relative IRIs are resolved below as the engine does
        operations = translateUpdate(parseUpdate(update), initNs=dict(prefixes)).algebra
    except Exception:  # any failure means "unknown": the engine reports the errors
        return None
    found: set[str] = set()
    for operation in operations:
        graphs = _operation_graphs(operation)
        if graphs is None or not all(isinstance(g, URIRef) for g in graphs):
            return None  # the default graph, or a graph named by a variable
        for graph in graphs:
            if _ABSOLUTE.fullmatch(f"<{graph}>"):
                found.add(str(graph))
            elif base_iri is None:
                return None  # a remote server resolves it against a base of its own
            else:
                resolved = _resolve(str(graph), base_iri)
                if resolved is None:
                    return None
                found.add(resolved)
    return frozenset(found)


def _resolve(relative: str, base_iri: str) -> str | None:
    """`relative` resolved against `base_iri` by Oxigraph's own resolver (rdflib's differs:
    `<?>`, `<..//g>`, a `urn:` base); None when either is not a valid IRI."""
    import pyoxigraph as ox

    try:
        quad = next(iter(ox.parse(f"<{relative}> <urn:p> <urn:o> .",
                                  format=ox.RdfFormat.TURTLE, base_iri=base_iri)))
    except (SyntaxError, ValueError, StopIteration):
        return None
    return str(quad.subject.value)


def _operation_graphs(operation: Any) -> list[Any] | None:
    """The graphs one operation of rdflib's update algebra writes; None for the default
    graph or anything not named."""
    def field(node: Any, key: str) -> Any:
        return dict.get(node, key)  # CompValue.get(key) answers the key itself when missing

    name = operation.name
    if name in ("InsertData", "DeleteData", "DeleteWhere"):
        return None if field(operation, "triples") else list(field(operation, "quads") or ())
    if name == "Modify":
        graphs: list[Any] = []
        for clause in (field(operation, "delete"), field(operation, "insert")):
            if clause is None:
                continue
            if field(clause, "triples"):
                if field(operation, "withClause") is None:
                    return None
                graphs.append(field(operation, "withClause"))
            graphs.extend(field(clause, "quads") or ())
        return graphs
    if name in ("Drop", "Clear", "Create", "Load"):
        target = field(operation, "graphiri")  # "ALL", "NAMED", "DEFAULT" are plain strings
        return [target] if isinstance(target, URIRef) else None
    if name in ("Copy", "Move", "Add"):
        source, target = field(operation, "graph")
        if name == "Move":  # the source is emptied
            return [target, source]
        return [target]
    return None
