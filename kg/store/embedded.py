"""Oxigraph embedded in the process (on disk or in memory), reached through rdflib (oxrdflib).

Writes that must be all-or-nothing go through a single SPARQL Update, which Oxigraph applies
in one transaction (oxrdflib's commit() is a no-op). Hot paths use pyoxigraph directly.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox
from rdflib import Dataset
from rdflib.query import Result

from kg.errors import QueryError, StoreError, StoreLockedError
from kg.namespaces import QUERY_PREFIXES
from kg.store.common import ExportFormat, NativeResult, Store
from kg.store.serialize import EXPORT_PREFIXES
from kg.store.update_graphs import graphs_written


class EmbeddedStore(Store):
    """Oxigraph on disk (or in memory when `path` is None), reached through rdflib."""

    sole_writer = True  # the process holds the store's lock: every write goes through here
    separate_default_graph = True
    scans = True
    _counted: tuple[int, int] | None = None  # (generation, quads)

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self.dataset = Dataset(store="Oxigraph", default_union=True)
        if self.path is not None:
            self._open_on_disk(self.path)
        for prefix, namespace in QUERY_PREFIXES.items():
            self.dataset.bind(prefix, namespace)  # prefixes live only in memory in oxrdflib
        self.ox: ox.Store = self.dataset.store._inner  # type: ignore[attr-defined]
        self.ensure_reference_graphs()

    def _open_on_disk(self, path: Path) -> None:
        # mkdir's own answers ("File exists", "Not a directory") do not say that the path,
        # or a directory above it, is a file.
        file = next((p for p in (path, *path.parents) if p.exists() and not p.is_dir()), None)
        if file is not None:
            what = ("it is a file, not a store directory" if file == path
                    else f"{file} is a file, not a directory")
            raise StoreError(f"cannot open store at {path}: {what}; give a directory (a new "
                             "or empty one, or one `kg` made) or an http(s) URL")
        if path.is_dir() and not (path / "CURRENT").exists():
            # Every RocksDB directory (Oxigraph's on-disk format) has CURRENT from its first
            # write. A directory of other files is a mistake (`--store seeds/`) that Oxigraph
            # would silently turn into a store, its files scattered among the articles.
            others = sorted(p.name for p in path.iterdir() if not p.name.startswith("."))
            if others:
                listed = ", ".join(others[:3]) + (", ..." if len(others) > 3 else "")
                raise StoreError(f"cannot open store at {path}: it is a directory of other "
                                 f"files ({listed}), not a store; give a directory (a new or "
                                 "empty one, or one `kg` made) or an http(s) URL")
        try:
            path.mkdir(parents=True, exist_ok=True)
            self.dataset.open(str(path))
        except OSError as error:
            if "lock" in str(error).lower():
                raise StoreLockedError(
                    f"store at {path} is locked by another process (a running `kg serve` or "
                    f"`kg ingest`?); stop it or set AIKG_STORE to another directory") from None
            raise StoreError(f"cannot open store at {path}: {error.strerror or error}") from None

    # -- writing -------------------------------------------------------------------------

    def _apply_update(self, sparql: str) -> None:
        self.ox.update(sparql)

    def bulk_load(self, source: BinaryIO | Path, *, fmt: ExportFormat = ExportFormat.nquads
                  ) -> None:
        """Load a large file fast, without a transaction (benchmarks, restores): not atomic."""
        with self.writing():
            if isinstance(source, Path):
                self.ox.bulk_load(path=str(source), format=fmt.rdf_format)
            else:
                self.ox.bulk_load(source, fmt.rdf_format)
            self.flush()

    def scan_quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """Quads in the engine's graph-first index order: grouped by graph."""
        return iter(self.ox.quads_for_pattern(
            None, None, None, ox.NamedNode(graph) if graph else
            (ox.DefaultGraph() if graph == "" else None)))

    def named_graphs(self) -> list[str]:
        """The IRIs of every named graph, sorted, from Oxigraph's graph table (no scan)."""
        return sorted(graph.value for graph in self.ox.named_graphs()
                      if isinstance(graph, ox.NamedNode))

    def flush(self) -> None:
        if self.path is not None:
            self.ox.flush()

    # -- reading -------------------------------------------------------------------------

    def query(self, sparql: str) -> Result:
        """SELECT/ASK/CONSTRUCT/DESCRIBE over the union of all graphs (prefixes pre-bound)."""
        try:
            return self.dataset.query(sparql)
        except SyntaxError as error:
            raise QueryError(f"SPARQL syntax error: {error}") from None
        except (OSError, RuntimeError, ValueError) as error:
            raise QueryError(f"SPARQL query failed: {error}") from None

    def query_native(self, sparql: str, **options: Any) -> NativeResult:
        """pyoxigraph's Store.query (same options); the default graph is the union of graphs
        unless `default_graph` is given. Engine errors (SyntaxError, OSError) propagate."""
        if "default_graph" not in options:
            options.setdefault("use_default_graph_as_union", True)
        return self.ox.query(sparql, **options)

    def update(self, sparql: str, *, base_iri: str | None = None) -> frozenset[str] | None:
        """Apply a SPARQL Update (prefixes pre-bound; relative IRIs against `base_iri`); the
        graphs it wrote, None when unknown (Store.update)."""
        graphs = graphs_written(sparql, QUERY_PREFIXES, base_iri)
        try:
            with self.writing(*graphs or ()):
                self.ox.update(sparql, prefixes=QUERY_PREFIXES, base_iri=base_iri)
        except SyntaxError as error:
            raise QueryError(f"SPARQL syntax error: {error}") from None
        except (OSError, RuntimeError, ValueError) as error:
            raise QueryError(f"SPARQL update failed: {error}") from None
        return graphs

    def _write_export(self, output: BinaryIO, fmt: ExportFormat, *, graph: str | None = None
                      ) -> None:
        """Stream the dataset (or one graph) to `output` with Oxigraph's serializers."""
        rdf_format = fmt.rdf_format
        if graph is not None:
            graph_node = ox.NamedNode(graph)
            if not any(True for _ in self.ox.quads_for_pattern(None, None, None, graph_node)):
                raise StoreError(f"no graph <{graph}> in the store")
            if rdf_format.supports_datasets:
                ox.serialize(self.ox.quads_for_pattern(None, None, None, graph_node), output,
                             rdf_format, prefixes=EXPORT_PREFIXES)
            else:
                self.ox.dump(output, rdf_format, from_graph=graph_node, prefixes=EXPORT_PREFIXES)
        elif rdf_format.supports_datasets:
            self.ox.dump(output, rdf_format, prefixes=EXPORT_PREFIXES)
        else:
            union = self.ox.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
            ox.serialize(union, output, rdf_format,  # type: ignore[arg-type]
                         prefixes=EXPORT_PREFIXES)

    def __len__(self) -> int:
        """Quads in the store. Oxigraph counts by scanning (70 ms at 10k articles, holding the
        GIL), so the count is kept per generation: every write here bumps it."""
        counted = self._counted
        if counted is None or counted[0] != self.generation:
            counted = self._counted = (self.generation, len(self.ox))
        return counted[1]

    def close(self) -> None:
        """Flush and release the on-disk lock (every reference to the Oxigraph store must go)."""
        if getattr(self, "ox", None) is None:
            return
        self.flush()
        self.dataset.close()
        self.ox = None  # type: ignore[assignment]
