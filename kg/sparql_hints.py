"""Messages for the SPARQL syntax errors a reader of our own output makes.

The engine's (pyoxigraph's) message for an undeclared prefix lists two lines of Unicode
ranges, and for `id:person/li-qiang`, as the tables print IRIs, names some later character:
`syntax_hint` says instead what was wrong and how to write it. `kg query` and the `/sparql`
endpoint (queries and updates) both use it, so a reader gets the same message either way.
"""

from __future__ import annotations

import re

from kg.namespaces import QUERY_PREFIXES
from kg.store.serialize import EXPORT_PREFIXES

#: Texts longer than this get the engine's own message (a hint is for a query a person typed).
MAX_HINTED_CHARS = 1_000_000
#: Characters a prefixed name may hold besides \w (SPARQL's PN_CHARS): no name starts right
#: after one, which also keeps the search linear on runs like `a.a.a.a`.
_NAME_CHARS = r"\w.\-\u00B7\u0300-\u036F\u203F-\u2040"
#: A prefixed name (PNAME_NS / PNAME_LN, loosely; escapes kept), slashes included so that
#: `id:person/li-qiang` is one token. Run on text whose IRIs, strings and comments are blanked.
_PREFIXED_NAME = re.compile(
    rf"(?<![{_NAME_CHARS}?$:\\])((?:[^\W\d_][{_NAME_CHARS}]*)?):"
    r"((?:[\w.%/-]|\\[_~.\-!$&'()*+,;=/?#@%])*)(?<!\.)")
#: Strings (long ones first; unterminated ones to the line's or the text's end, so that no
#: start is tried twice) and comments, to blank; IRIs and escapes outside strings, to keep
#: (`<a#b>`, `\#` start no comment).
_STRINGS_AND_COMMENTS = re.compile(
    r'"""[^"\\]*(?:(?:\\[\s\S]|""?(?!"))[^"\\]*)*(?:"""|\Z)'
    r"|'''[^'\\]*(?:(?:\\[\s\S]|''?(?!'))[^'\\]*)*(?:'''|\Z)"
    r'|"[^"\\\n]*(?:\\.[^"\\\n]*)*"?'
    r"|'[^'\\\n]*(?:\\.[^'\\\n]*)*'?"
    r'|(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)|(?P<escape>\\.)|#[^\n]*')
_IRI = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_DECLARED = re.compile(rf"(?i)(?<![\w?$:])PREFIX\s+((?:[^\W\d_][{_NAME_CHARS}]*)?):\s*(<[^<>]*>)?")
_ABSOLUTE = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_POSITION = re.compile(r"error at (\d+):(\d+)")


def _blank(match: re.Match[str]) -> str:
    if match.lastgroup in ("iri", "escape"):
        return match[0]
    return "".join(char if char == "\n" else " " for char in match[0])


def _shown(name: str) -> str:
    return name if len(name) <= 60 else name[:59] + "…"


def syntax_hint(sparql: str, message: str) -> str | None:
    """A clearer message for the two syntax errors a reader of our own output makes, else None.

    - A prefix no query has: pyoxigraph says "expected one of Prefix not found, [...]" with
      two lines of Unicode ranges. Say which prefix and how to declare it (the exports'
      own, `person:`, `company:` ..., are pre-bound: kg.namespaces.ENTITY_TYPE_PREFIXES).
    - `id:person/li-qiang`, as the tables print IRIs: in SPARQL a `/` there starts a property
      path, so the engine's error names some later character. Say how to write it.

    The name is the one at the engine's position (pyoxigraph reports the end of the name, or
    the space after it); when none is found there the engine's message stands.
    """
    if "syntax error" not in message.lower() or len(sparql) > MAX_HINTED_CHARS:
        return None
    position = _POSITION.search(message)
    at = f" at {position[1]}:{position[2]}" if position else ""
    text = _STRINGS_AND_COMMENTS.sub(_blank, sparql)
    namespaces = dict(QUERY_PREFIXES)
    for prefix, iri in _DECLARED.findall(text):
        namespaces[prefix] = iri[1:-1] if iri else ""
    lines = _IRI.sub(lambda m: " " * len(m[0]), text).split("\n")
    names = [(number, match) for number, line in enumerate(lines, 1)
             for match in _PREFIXED_NAME.finditer(line)]

    def near(number: int, match: re.Match[str]) -> bool:
        """The name is the one the engine's position points at (at its end, or past blanks
        after it, for a missing prefix; anywhere in it for a path)."""
        if position is None:
            return True
        if int(position[1]) != number:
            return False
        column = int(position[2]) - 1
        return (match.start() <= column <= match.end()
                or (not match.string[match.end():column].strip(" \t\r")
                and match.start() <= column))

    if "Prefix not found" in message:
        unknown = next((m for number, m in names
                        if m[1] not in namespaces and near(number, m)), None)
        if unknown is None:
            return None
        prefix, namespace = unknown[1], EXPORT_PREFIXES.get(unknown[1])
        how = f"PREFIX {prefix}: <{namespace}>" if namespace else f"PREFIX {prefix}: <...>"
        return (f"SPARQL syntax error{at}: unknown prefix '{_shown(prefix)}:' in "
                f"{_shown(unknown[0])}; declare it ({_shown(how)}) or use one every query "
                f"has: {', '.join(sorted(QUERY_PREFIXES))}")
    for number, match in names:
        local = match[2]
        steps = local.split("/")[1:]
        # `aikg:topic/skos:broader` is a path of two names; `id:person/li-qiang` is one IRI.
        if "/" not in local or all(":" in step or step in ("", "a") for step in steps):
            continue
        namespace = namespaces.get(match[1])
        if near(number, match) and namespace is not None:
            escaped = re.sub(r"(?<!\\)/", r"\\/", local)
            full = (f" or <{namespace}{local}>" if _ABSOLUTE.match(namespace)
                    and "\\" not in local else "")
            return (f"SPARQL syntax error{at}: {_shown(match[0])} is not one name in SPARQL "
                    f"(a '/' there starts a property path); write "
                    f"{_shown(f'{match[1]}:{escaped}')}{_shown(full)}")
    return None
