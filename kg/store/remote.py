"""A remote SPARQL 1.1 server (Oxigraph server, Fuseki, GraphDB, Virtuoso, Neptune) as the store.

Speaks the SPARQL 1.1 Protocol (query, update) and the Graph Store Protocol (export, bulk
load) over plain HTTP with the standard library, so no client dependency is added. Query
results come back as rdflib Results (`query`) or pyoxigraph results (`query_native`), like the
embedded store's. An article is replaced by one update request (DROP SILENT GRAPH + INSERT
DATA), which a transactional server such as Oxigraph applies atomically.

The server must answer queries over the union of its named graphs by default
(`oxigraph serve --union-default-graph`; Fuseki: `tdb2:unionDefaultGraph true`): that is
checked when the store is opened.

Credentials, for a server behind authentication, go with every request and never into a
message: a user and password in the URL (`https://user:secret@host/ds`, HTTP Basic, as
SPARQLWrapper's setCredentials and curl take them) or a bearer token (`Credentials.token`,
AIKG_STORE_TOKEN).
"""

from __future__ import annotations

import base64
import http.client
import io
import json
import re
import shutil
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox
from rdflib import Graph
from rdflib.query import Result

from kg.errors import QueryError, StoreError
from kg.namespaces import ONTOLOGY_GRAPH, QUERY_PREFIXES
from kg.settings import redact_url
from kg.store.common import VERSION, ExportFormat, NativeResult, Store, solutions
from kg.store.serialize import EXPORT_PREFIXES
from kg.store.update_graphs import graphs_written

#: Solutions as SPARQL JSON, graphs as N-Triples: the server picks by the query form.
_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"
_SOLUTIONS = "application/sparql-results+json"
_CHUNK = 1 << 16
_POSITION = re.compile(r"\b(at |line )(\d+):(\d+)")


@dataclass(frozen=True)
class Endpoints:
    """Where the server listens; `from_base` gives Oxigraph server's layout."""

    query: str
    update: str
    store: str  # Graph Store Protocol

    @classmethod
    def from_base(cls, base: str, *, query: str | None = None, update: str | None = None,
                  store: str | None = None) -> Endpoints:
        """Oxigraph server layout (/query, /update, /store) unless an endpoint is given."""
        root = base.rstrip("/")
        return cls(query=query or f"{root}/query", update=update or f"{root}/update",
                   store=store or f"{root}/store")


@dataclass(frozen=True)
class Credentials:
    """How to authenticate to the server: HTTP Basic or a bearer token (not both)."""

    user: str | None = None
    password: str = field(default="", repr=False)
    token: str | None = field(default=None, repr=False)

    def header(self) -> dict[str, str]:
        """The Authorization header, or none."""
        if self.token is not None:
            return {"Authorization": f"Bearer {self.token}"}
        if self.user is not None:
            pair = f"{self.user}:{self.password}".encode()
            return {"Authorization": f"Basic {base64.b64encode(pair).decode('ascii')}"}
        return {}


def split_credentials(url: str) -> tuple[str, Credentials]:
    """`url` without its user information (`user:password@`, percent-decoded), and them.

    Raises:
        StoreError: the URL has a user but its host is missing, an '@' outside its user
            information (a '/', '?' or '#' in a password not percent-encoded, which would put
            part of it in the host or the path), or no valid host or port. The message never
            shows the user information.
    """
    authority = re.match(r"[A-Za-z][A-Za-z0-9+.\-]*://([^/?#]*)", url)
    if authority is not None and "@" in url[authority.end():]:
        raise StoreError("a store URL has an '@' after its host: percent-encode '/', '?', '#' "
                         "and '@' in a user or password (%2F, %3F, %23, %40)")
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 -- raises ValueError for a port that is not a number
    except ValueError:
        raise StoreError(f"the store URL {redact_url(url)}"
                         " has no valid host and port") from None
    if parts.username is None and parts.password is None:
        return url, Credentials()
    if not parts.hostname:
        raise StoreError("a store URL with a user needs a host: http://user:password@host/...")
    netloc = parts.netloc.rpartition("@")[2]
    clean = urllib.parse.urlunsplit(parts._replace(netloc=netloc))
    user = urllib.parse.unquote(parts.username or "")
    return clean, Credentials(user=user, password=urllib.parse.unquote(parts.password or ""))


class _SameOriginRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects keep the Authorization header only to the same scheme, host and port:
    urllib's own handler sends it wherever a server redirects (another host, or https to
    http), handing the credentials to whoever is there."""

    def redirect_request(self, req: urllib.request.Request, fp: Any, code: int, msg: str,
                         headers: Any, newurl: str) -> urllib.request.Request | None:
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and _origin(new.full_url) != _origin(req.full_url):
            for name in [n for n in new.headers if n.lower() == "authorization"]:
                del new.headers[name]
            new.unredirected_hdrs.pop("Authorization", None)
        return new


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urllib.parse.urlsplit(url)
    try:
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    except ValueError:
        port = -1
    return parts.scheme, (parts.hostname or "").lower(), port


_OPENER = urllib.request.build_opener(_SameOriginRedirects)


class RemoteStore(Store):
    """A SPARQL 1.1 Query/Update + Graph Store Protocol server, used like the embedded store."""

    path: Path | None = None

    def __init__(self, endpoints: Endpoints, *, timeout: float = 300.0,
                 credentials: Credentials | None = None) -> None:
        self.endpoints = endpoints
        self.timeout = timeout
        credentials = credentials or Credentials()
        self._authorization = credentials.header()
        # What a server's error page may echo back (a debugging proxy shows the request's
        # headers): the password, the token, the Basic value; blanked in every message.
        secrets = {credentials.password, credentials.token or "",
                   urllib.parse.quote(credentials.password, safe=""),
                   self._authorization.get("Authorization", "").partition(" ")[2]}
        self._secrets = sorted((x for x in secrets if len(x) >= 4), key=len, reverse=True)
        self._closed = False
        self.ensure_reference_graphs()
        self._check_union_default_graph()

    @property
    def url(self) -> str:
        return self.endpoints.query

    def _check_union_default_graph(self) -> None:
        probe = f"ASK {{ <{ONTOLOGY_GRAPH}> <{VERSION}> ?version }}"
        if not bool(self.query_native(probe)):
            raise StoreError(
                f"the SPARQL server at {self.endpoints.query} does not query the union of its "
                "named graphs by default; start it with `oxigraph serve --union-default-graph` "
                "(Fuseki: unionDefaultGraph true)")

    # -- HTTP ----------------------------------------------------------------------------

    def _send(self, url: str, *, data: bytes | BinaryIO | None = None,
              headers: Mapping[str, str], method: str = "POST") -> Any:
        """The open response; HTTP and connection errors become QueryError / StoreError."""
        if self._closed:
            raise StoreError("the store is closed")
        request = urllib.request.Request(url, data=data, method=method,
                                         headers={**headers, **self._authorization})
        try:
            return _OPENER.open(request, timeout=self.timeout)
        except urllib.error.HTTPError as error:
            message, is_problem = _error_text(error)
            error.close()
            for secret in self._secrets:
                message = message.replace(secret, "***")
            if error.code == 400:
                # A problem's title already says what was wrong ("Malformed query").
                raise QueryError(message if is_problem else
                                 f"SPARQL syntax error or bad request: {message}") from None
            if error.code == 404 and url.split("?")[0] == self.endpoints.query:
                # A query endpoint always exists: the server has another layout than assumed.
                raise StoreError(
                    f"no SPARQL query endpoint at {self.endpoints.query} ({message}); "
                    "AIKG_STORE alone assumes Oxigraph server's /query, /update and /store: "
                    "name other endpoints with AIKG_STORE_QUERY, AIKG_STORE_UPDATE and "
                    "AIKG_STORE_GSP (a `kg serve` answers at /sparql, /sparql/update and "
                    "/store)") from None
            if error.code == 404:
                raise StoreError(f"not found at {url.split('?')[0]}: {message}") from None
            if error.code in (401, 403):
                sent = ("the credentials sent were refused" if self._authorization else
                        "none were sent")
                raise StoreError(
                    f"the SPARQL server refused the request ({error.code}: {message}); {sent}: "
                    "give a bearer token in AIKG_STORE_TOKEN (a `kg serve`: its "
                    "AIKG_UPDATE_TOKEN) or a user and password in the URL "
                    "(https://user:password@host/...)") from None
            raise StoreError(f"the SPARQL server answered {error.code}: {message}") from None
        except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as error:
            reason = getattr(error, "reason", error)
            raise StoreError(f"cannot reach the SPARQL server at "
                             f"{redact_url(url.split('?')[0])}: {reason}") from None

    def _open_query(self, sparql: str, *, prefixes: Mapping[str, str] | None,
                    default_graphs: Iterable[str] = (), named_graphs: Iterable[str] = (),
                    accept: str = _ACCEPT, base_iri: str | None = None) -> Any:
        """The open response to a query; the caller reads (and closes) it."""
        params = [("query", _with_prefixes(sparql, prefixes, base_iri))]
        params += [("default-graph-uri", g) for g in default_graphs]
        params += [("named-graph-uri", g) for g in named_graphs]
        body = urllib.parse.urlencode(params).encode("utf-8")
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept}
        try:
            return self._send(self.endpoints.query, data=body, headers=headers)
        except QueryError as error:
            added = len(prefixes or ()) + (base_iri is not None)
            raise QueryError(_unshift_lines(str(error), added)) from None

    def _apply_update(self, sparql: str, *, using_graphs: Sequence[str] = (),
                      using_named_graphs: Sequence[str] = ()) -> None:
        if using_graphs or using_named_graphs:
            params = [("update", sparql)] + [("using-graph-uri", g) for g in using_graphs]
            params += [("using-named-graph-uri", g) for g in using_named_graphs]
            body = urllib.parse.urlencode(params).encode("utf-8")
            headers = {"Content-Type": "application/x-www-form-urlencoded"}
        else:
            body = sparql.encode("utf-8")
            headers = {"Content-Type": "application/sparql-update; charset=utf-8"}
        with self._send(self.endpoints.update, data=body, headers=headers):
            pass

    # -- writing -------------------------------------------------------------------------

    def update(self, sparql: str, *, base_iri: str | None = None,
               using_graphs: Sequence[str] = (), using_named_graphs: Sequence[str] = ()
               ) -> frozenset[str] | None:
        """Apply a SPARQL Update (prefixes pre-bound; relative IRIs against `base_iri`);
        `using_*` are sent as the Protocol's using-graph-uri / using-named-graph-uri (they
        choose what is read, never what is written). The graphs it wrote, None when unknown
        (Store.update)."""
        graphs = graphs_written(sparql, QUERY_PREFIXES, base_iri)
        try:
            with self.writing(*graphs or ()):
                self._apply_update(_with_prefixes(sparql, QUERY_PREFIXES, base_iri),
                                   using_graphs=using_graphs,
                                   using_named_graphs=using_named_graphs)
        except QueryError as error:
            added = len(QUERY_PREFIXES) + (base_iri is not None)
            raise QueryError(_unshift_lines(str(error), added)) from None
        except StoreError as error:
            raise QueryError(f"SPARQL update failed: {error}") from None
        return graphs

    def bulk_load(self, source: BinaryIO | Path, *, fmt: ExportFormat = ExportFormat.nquads
                  ) -> None:
        """POST a dataset file to the Graph Store endpoint (fast, not one transaction)."""
        headers = {"Content-Type": fmt.media_type}
        with self.writing():
            if isinstance(source, Path):
                headers["Content-Length"] = str(source.stat().st_size)
                with source.open("rb") as handle, self._send(
                        self.endpoints.store, data=handle, headers=headers):
                    return
            with self._send(self.endpoints.store, data=source.read(), headers=headers):
                return

    def flush(self) -> None:
        """Nothing to do: the server persists its own writes."""

    # -- reading -------------------------------------------------------------------------

    def query(self, sparql: str) -> Result:
        """SELECT/ASK/CONSTRUCT/DESCRIBE over the union of all graphs, as an rdflib Result."""
        with self._open_query(sparql, prefixes=QUERY_PREFIXES) as response:
            body, media_type = response.read(), response.headers.get_content_type()
        if media_type == _SOLUTIONS:
            return Result.parse(io.BytesIO(body), format="json")
        result = Result("CONSTRUCT")
        result.graph = Graph().parse(data=body, format="nt")
        return result

    def query_native(self, sparql: str, **options: Any) -> NativeResult:
        """Like pyoxigraph's Store.query: `prefixes`, `default_graph` and `named_graphs` are
        honoured; the union default graph is the server's. Errors as pyoxigraph raises them.

        Like the embedded store's, the result is a lazy iterator: it reads the server's answer
        as it is consumed, and dropping it closes the connection, so a caller that stops early
        (a size limit, a timeout) never downloads the rest of a huge result."""
        default = options.get("default_graph") or []
        if not isinstance(default, list):
            default = [default]
        named = [node.value for node in options.get("named_graphs") or []]
        if "default_graph" in options and not default and not named:
            raise QueryError("an empty dataset cannot be asked of a SPARQL server")
        response = self._open_query(
            sparql, prefixes=options.get("prefixes"), base_iri=options.get("base_iri"),
            default_graphs=[node.value for node in default], named_graphs=named)
        if response.headers.get_content_type() == _SOLUTIONS:
            return ox.parse_query_results(response, ox.QueryResultsFormat.JSON)
        return ox.parse(response, ox.RdfFormat.N_TRIPLES)

    def _write_export(self, output: BinaryIO, fmt: ExportFormat, *, graph: str | None = None
                      ) -> None:
        """Stream the dataset (or one graph) from the Graph Store endpoint to `output`."""
        rdf_format = fmt.rdf_format
        if graph is not None:
            url = f"{self.endpoints.store}?{urllib.parse.urlencode({'graph': graph})}"
            try:
                response = self._send(url, headers={"Accept": "application/n-triples"},
                                      method="GET")
            except StoreError as error:
                if "not found" in str(error):
                    raise StoreError(f"no graph <{graph}> in the store") from None
                raise
            with response:
                triples = ox.parse(response, ox.RdfFormat.N_TRIPLES)
                if rdf_format.supports_datasets:
                    node = ox.NamedNode(graph)
                    quads: Iterator[ox.Quad] = (
                        ox.Quad(t.subject, t.predicate, t.object, node) for t in triples)
                    ox.serialize(quads, output, rdf_format, prefixes=EXPORT_PREFIXES)
                else:
                    ox.serialize(triples, output, rdf_format, prefixes=EXPORT_PREFIXES)
            return
        if rdf_format.supports_datasets:
            with self._send(self.endpoints.store, headers={"Accept": "application/n-quads"},
                            method="GET") as response:
                if fmt is ExportFormat.nquads:
                    shutil.copyfileobj(response, output, _CHUNK)
                else:
                    ox.serialize(ox.parse(response, ox.RdfFormat.N_QUADS), output, rdf_format,
                                 prefixes=EXPORT_PREFIXES)
            return
        union = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
        params = urllib.parse.urlencode({"query": union}).encode("utf-8")
        headers = {"Content-Type": "application/x-www-form-urlencoded",
                   "Accept": "application/n-triples"}
        with self._send(self.endpoints.query, data=params, headers=headers) as response:
            ox.serialize(ox.parse(response, ox.RdfFormat.N_TRIPLES), output, rdf_format,
                         prefixes=EXPORT_PREFIXES)

    def __len__(self) -> int:
        rows = solutions(self.query_native(
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))
        return int(getattr(next(iter(rows))["n"], "value", 0))

    def close(self) -> None:
        """Forget the server; later calls raise StoreError (there is no connection to keep)."""
        self._closed = True


def _error_text(error: urllib.error.HTTPError) -> tuple[str, bool]:
    """The server's reason for an error status, and whether it came as a problem document.

    `kg serve` (and other RFC 9457 servers) answer `application/problem+json`: its title and
    detail are the reason, as one line ("Malformed query: SPARQL syntax error: ..."), not the
    JSON text. Any other body is the reason as the server wrote it, cut at 2,000 characters.
    """
    text = error.read(1 << 20).decode("utf-8", "replace").strip()
    media_type = error.headers.get_content_type() if error.headers else ""
    if media_type in ("application/problem+json", "application/json"):
        try:
            problem = json.loads(text)
        except ValueError:
            problem = None
        if isinstance(problem, dict):
            parts = [str(problem[key]).strip() for key in ("title", "detail")
                     if isinstance(problem.get(key), str | int) and str(problem[key]).strip()]
            if parts:
                return ": ".join(parts)[:2000], True
    return text[:2000], False


def _with_prefixes(sparql: str, prefixes: Mapping[str, str] | None,
                   base_iri: str | None = None) -> str:
    """`sparql` after a prologue of PREFIX lines (and a BASE line), one declaration a line."""
    header = f"BASE <{base_iri}>\n" if base_iri else ""
    header += "".join(f"PREFIX {prefix}: <{namespace}>\n"
                      for prefix, namespace in (prefixes or {}).items())
    return header + sparql


def _unshift_lines(message: str, added: int) -> str:
    """The server's "error at LINE:COLUMN" counted in the caller's text, not ours with PREFIXes."""
    def shift(match: re.Match[str]) -> str:
        line = int(match.group(2)) - added
        return f"{match.group(1)}{line}:{match.group(3)}" if line >= 1 else match.group(0)

    return _POSITION.sub(shift, message) if added else message
