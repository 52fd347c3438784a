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

#: Outside IRIs, strings and comments (blanked first), a prefixed name as SPARQL 1.1 spells
#: one (PNAME_LN, loosely), slashes included so that `id:person/li-qiang` is one token.
_PREFIXED_NAME = re.compile(r"(?<![\w?$:\\])((?:[A-Za-z][\w.-]*)?):([\w.%/-]*[\w%-])")
_OPAQUE = re.compile(r"<[^<>\s]*>|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|#[^\n]*")
_DECLARED = re.compile(r"(?i)\bPREFIX\s+((?:[A-Za-z][\w.-]*)?):")
_POSITION = re.compile(r"error at (\d+):(\d+)")


def syntax_hint(sparql: str, message: str) -> str | None:
    """A clearer message for the two syntax errors a reader of our own output makes, else None.

    - A prefix no query has: pyoxigraph says "expected one of Prefix not found, [...]" with
      two lines of Unicode ranges. Say which prefix and how to declare it (the exports'
      own, `person:`, `company:` ..., are pre-bound: kg.namespaces.ENTITY_TYPE_PREFIXES).
    - `id:person/li-qiang`, as the tables print IRIs: in SPARQL a `/` there starts a property
      path, so the engine's error names some later character. Say how to write it.
    """
    if "syntax error" not in message.lower():
        return None
    position = _POSITION.search(message)
    at = f" at {position[1]}:{position[2]}" if position else ""
    lines = _OPAQUE.sub(lambda m: " " * len(m[0]), sparql).split("\n")
    declared = set(QUERY_PREFIXES) | set(_DECLARED.findall(sparql))
    names = [(number, match) for number, line in enumerate(lines, 1)
             for match in _PREFIXED_NAME.finditer(line)]
    if "Prefix not found" in message:
        unknown = next((m for _, m in names if m[1] not in declared), None)
        if unknown is None:
            return None
        prefix, namespace = unknown[1], EXPORT_PREFIXES.get(unknown[1])
        how = f"PREFIX {prefix}: <{namespace}>" if namespace else f"PREFIX {prefix}: <...>"
        return (f"SPARQL syntax error{at}: unknown prefix '{prefix}:' in {unknown[0]}; declare "
                f"it ({how}) or use one every query has: {', '.join(sorted(QUERY_PREFIXES))}")
    for number, match in names:
        local = match[2]
        steps = local.split("/")[1:]
        # `aikg:topic/skos:broader` is a path of two names; `id:person/li-qiang` is one IRI.
        if "/" not in local or all(":" in step or step in ("", "a") for step in steps):
            continue
        near = position is None or (int(position[1]) == number
                                    and match.start() <= int(position[2]) - 1 <= match.end())
        namespace = QUERY_PREFIXES.get(match[1])
        if near and namespace is not None:
            escaped = local.replace("/", "\\/")
            return (f"SPARQL syntax error{at}: {match[0]} is not one name in SPARQL (a '/' "
                    f"there starts a property path); write {match[1]}:{escaped} or "
                    f"<{namespace}{local}>")
    return None
