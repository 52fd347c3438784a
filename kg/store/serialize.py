"""RDF documents the store writes (exports, CONSTRUCT results, Graph Store reads), readable by
every RDF tool: the project's prefixes, and only prefixed names other parsers read back.

- Turtle and TriG use `EXPORT_PREFIXES`: one prefix per entity type (`company:baidu`, not
  `id:company\\/baidu`) and none for namespaces whose local names would need escapes. A local
  name that ends with an escaped dot (`x:a\\.`, valid Turtle that rdflib 7.6 cannot read) is
  written as a full IRI instead.
- JSON-LD carries an `@context` with the same prefixes (pyoxigraph writes none).
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO

import pyoxigraph as ox

from kg.namespaces import ARTICLE, ENTITY_TYPE_PREFIXES, PREFIXES, TOPIC

#: The prefixes of written documents. Entity IRIs get one prefix per type (their local names
#: are slugs); `id:` and `graph:` are left out, since their local names hold slashes.
EXPORT_PREFIXES: dict[str, str] = {
    **{name: value for name, value in PREFIXES.items() if name not in ("id", "graph")},
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    **ENTITY_TYPE_PREFIXES,
    "topic": str(TOPIC), "article": str(ARTICLE),
}
# A prefixed name whose local part ends in an escaped dot ("\."), outside strings (where
# pyoxigraph never writes "\."; an odd run of backslashes is required before the dot).
_TRAILING_DOT = re.compile(
    rb"(?<![\w\-.:\\])([A-Za-z][\w\-.]*)?:((?:[^\s\\\"'<>;,()\[\]{}]|\\\S)*?(?<!\\)(?:\\\\)*\\\.)"
    rb"(?=[\s;,)\]}]|\.\s|\.$)")
_ESCAPE = re.compile(rb"\\(.)")


@contextmanager
def rdf_document(output: BinaryIO, fmt: ox.RdfFormat) -> Iterator[BinaryIO]:
    """A file to hand pyoxigraph's serializer (with `prefixes=EXPORT_PREFIXES`) that turns its
    output into a document for `output`: names rdflib reads for Turtle and TriG, an
    @context for JSON-LD, anything else unchanged."""
    if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG):
        writer = _PlainNames(output)
        yield writer  # type: ignore[misc]
        writer.finish()
    elif fmt is ox.RdfFormat.JSON_LD:
        body = _InContext(output)
        yield body  # type: ignore[misc]
        if not body.started:
            body.write(b"[]")
        output.write(b"}\n")
    else:
        yield output


class _InContext(io.RawIOBase):
    """A JSON-LD document's body as the "@graph" of an object with our @context; the head is
    written with the first byte, so an error before it leaves `output` untouched."""

    HEAD = (json.dumps({"@context": EXPORT_PREFIXES}, ensure_ascii=False)[:-1]
            + ', "@graph": ').encode("utf-8")

    def __init__(self, output: BinaryIO) -> None:
        self._output = output
        self.started = False

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        if data and not self.started:
            self.started = True
            self._output.write(self.HEAD)
        self._output.write(bytes(data))
        return len(data)


class _PlainNames(io.RawIOBase):
    """Rewrites prefixed names ending in "\\." as full IRIs, a whole line at a time (pyoxigraph
    escapes newlines inside literals, so a line never splits a term)."""

    def __init__(self, output: BinaryIO) -> None:
        self._output = output
        self._pending = b""

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        text = self._pending + bytes(data)
        cut = text.rfind(b"\n") + 1
        self._pending = text[cut:]
        if cut:
            self._output.write(self._rewrite(text[:cut]))
        return len(data)

    def finish(self) -> None:
        if self._pending:
            self._output.write(self._rewrite(self._pending))
            self._pending = b""

    @staticmethod
    def _rewrite(lines: bytes) -> bytes:
        if b"\\." not in lines:
            return lines

        def full_iri(match: re.Match[bytes]) -> bytes:
            prefix = (match.group(1) or b"").decode("ascii")
            namespace = EXPORT_PREFIXES.get(prefix)
            if namespace is None:
                return match.group()
            local = _ESCAPE.sub(rb"\1", match.group(2))
            return b"<" + namespace.encode("utf-8") + local + b">"

        return _TRAILING_DOT.sub(full_iri, lines)
