"""The `kg` command used wrongly, as a demanding user would: conflicting options, formats that
do not fit the result, an update or a federated query given to `kg query`, a directory where
a file goes, nothing to ingest, broken gold files, a bad port. Each is one line on stderr and
a non-zero exit (1, or argparse's 2), never a traceback, and the store is unchanged.

`kg.cli.main` runs in-process on a store on disk: the same code as the `kg` script, without
a Python start-up per case.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import pytest
from hardening_support import seed

from kg.cli import main
from kg.store import EmbeddedStore

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"

CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 2"


def kg(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of `kg ARGS`."""
    try:
        code = main(list(args))
    except SystemExit as stop:  # argparse's usage errors
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def refused(capsys: pytest.CaptureFixture[str], *args: str, code: int = 1) -> str:
    """The one stderr line of a command that must fail with `code`."""
    exit_code, out, err = kg(capsys, *args)
    assert exit_code == code, (out, err)
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines and "Traceback" not in err, err
    return lines[-1]


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli-misuse") / "store"
    store = EmbeddedStore(path)
    seed(store)
    store.close()
    return path


def quads(store_dir: Path) -> list[str]:
    store = EmbeddedStore(store_dir)
    try:
        return sorted(str(quad) for quad in store.scan_quads())
    finally:
        store.close()


def test_a_query_given_twice_is_refused(capsys: pytest.CaptureFixture[str], store_dir: Path,
                                        tmp_path: Path) -> None:
    """Before: --file silently won over the argument."""
    query = tmp_path / "q.rq"
    query.write_text("SELECT * WHERE { ?s ?p ?o } LIMIT 1", encoding="utf-8")
    line = refused(capsys, "--store", str(store_dir), "query", "ASK {}", "--file", str(query))
    assert line == "kg: error: give the query as an argument or with --file, not both"


GRAPH_RESULT = ("is for SELECT and ASK results; a CONSTRUCT or DESCRIBE gives a graph, printed "
                "as Turtle without --format (or use `kg export`)")


@pytest.mark.parametrize(("query", "fmt", "message"), [
    (CONSTRUCT, "json", f"--format json {GRAPH_RESULT}"),
    (CONSTRUCT, "csv", f"--format csv {GRAPH_RESULT}"),
    ("DESCRIBE <https://w3id.org/aikg/id/person/brad-smith>", "json",
     f"--format json {GRAPH_RESULT}"),
    ("ASK { ?s ?p ?o }", "csv", "--format csv is for SELECT results; an ASK gives true or "
     "false (use --format table or json)"),
])
def test_a_format_that_does_not_fit_the_result_is_one_line(
        capsys: pytest.CaptureFixture[str], store_dir: Path, query: str, fmt: str,
        message: str) -> None:
    """Before: a traceback ending in rdflib's PluginException / "CSVSerializer can only ..."."""
    line = refused(capsys, "--store", str(store_dir), "query", query, "--format", fmt)
    assert line == f"kg: error: {message}"


def test_the_formats_that_fit_still_work(capsys: pytest.CaptureFixture[str],
                                         store_dir: Path) -> None:
    code, out, _ = kg(capsys, "--store", str(store_dir), "query", "ASK { ?s ?p ?o }",
                      "--format", "json")
    assert (code, out) == (0, '{"head": {}, "boolean": true}\n')  # before: no newline
    code, out, _ = kg(capsys, "--store", str(store_dir), "query", CONSTRUCT)
    assert code == 0 and out.startswith("@prefix")


def test_an_update_given_to_kg_query_says_what_it_is(capsys: pytest.CaptureFixture[str],
                                                     store_dir: Path) -> None:
    """Before: "SPARQL syntax error: error at 1:...: expected CONSTRUCT"."""
    before = quads(store_dir)
    line = refused(capsys, "--store", str(store_dir), "query",
                   "PREFIX ex: <http://example.org/> DELETE WHERE { ?s ?p ?o }")
    assert line == ("kg: error: this is a SPARQL Update; `kg query` only reads (SELECT, ASK, "
                    "CONSTRUCT, DESCRIBE); `kg serve` takes updates at /sparql/update")
    assert quads(store_dir) == before


def test_a_federated_query_is_refused_without_calling_out(
        capsys: pytest.CaptureFixture[str], store_dir: Path) -> None:
    """Before: the engine called the SERVICE, and its failure was an OSError traceback."""
    line = refused(capsys, "--store", str(store_dir), "query",
                   "SELECT * WHERE { SERVICE <http://192.0.2.1/sparql> { ?s ?p ?o } }")
    assert line == ("kg: error: federated queries are not run: remove the SERVICE clause "
                    "(query the other endpoint directly)")


def test_a_syntax_error_is_one_line(capsys: pytest.CaptureFixture[str], store_dir: Path) -> None:
    """Before: the engine's message spanned four lines."""
    code, _, err = kg(capsys, "--store", str(store_dir), "query", "SELECT * WHERE {")
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("kg: error: SPARQL syntax error: error at 1:17")


def test_extract_of_a_directory_says_it_is_one(capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path) -> None:
    """Before: "DIR: no such file"."""
    line = refused(capsys, "extract", str(tmp_path))
    assert line == (f"kg: error: {tmp_path}: is a directory; give one article file "
                    "(`kg ingest` reads directories)")


@pytest.mark.parametrize("files", [[], ["notes.pdf", "photo.png"]])
def test_a_directory_with_nothing_to_ingest_is_an_error(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, files: list[str]) -> None:
    """Before: exit 0, "ingested 0 article(s)"."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in files:
        (inputs / name).write_bytes(b"x")
    store = tmp_path / "store"
    line = refused(capsys, "--store", str(store), "ingest", "--no-progress", str(inputs))
    assert line == f"kg: error: nothing to ingest: no .txt, .html, .htm, .jsonl files in {inputs}"
    assert not store.exists()


def test_a_url_of_another_scheme_is_named_as_one(capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path) -> None:
    """Before: "no such file or directory: ftp:/example.org/a.txt" (a path, one slash gone)."""
    line = refused(capsys, "--store", str(tmp_path / "store"), "ingest",
                   "ftp://example.org/a.txt")
    assert line == "kg: error: ftp://example.org/a.txt: only http(s) URLs are fetched"


@pytest.mark.parametrize(("name", "content", "message"), [
    (None, None, "{dir}: no gold files (*.json) to score against"),
    ("a.json", "{bad", "{dir}/a.json: not a readable JSON gold file (Expecting property name "
     "enclosed in double quotes: line 1 column 2 (char 1))"),
    ("a.json", "[1, 2]", "{dir}/a.json: a gold file is a JSON object in the DESIGN.md format, "
     "not a list"),
    ("zz-none.json", '{"article": {"id": "zz"}, "entities": [], "facts": [], "events": []}',
     "no article for gold file 'zz-none.json'; looked in {dir}/zz-none.txt, "
     "{dir}/zz-none.html, {dir}/zz-none.htm, {dir}/zz-none.jsonl"),
])
def test_eval_of_missing_or_broken_gold_files_is_one_line(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str | None,
        content: str | None, message: str) -> None:
    """Before: an empty directory scored 1.00 with exit 0; the others were tracebacks."""
    if name is not None and content is not None:
        (tmp_path / name).write_text(content, encoding="utf-8")
    line = refused(capsys, "eval", str(tmp_path), str(tmp_path))
    assert line == "kg: error: " + message.format(dir=tmp_path)


@pytest.mark.parametrize(("port", "message"), [
    ("70000", "70000 is not a port number (0 to 65535)"), ("-1", "-1 is not a port number "
                                                           "(0 to 65535)"),
    ("http", "'http' is not a port number"),
])
def test_serve_on_an_impossible_port_is_a_usage_error(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, port: str, message: str) -> None:
    """Before: 70000 was a traceback ending in OverflowError from asyncio."""
    line = refused(capsys, "--store", str(tmp_path / "s"), "serve", "--port", port, code=2)
    assert line == f"kg serve: error: argument --port: {message}"


def test_serve_on_a_port_in_use_is_one_line_before_the_store_opens(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Before: uvicorn started the app, logged the bind error, and exited 3."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        line = refused(capsys, "--store", str(tmp_path / "s"), "serve", "--port", str(port))
    assert line == (f"kg: error: cannot serve on 127.0.0.1:{port}: Address already in use; "
                    "choose another with --port (`make run PORT=8001`)")
    assert not (tmp_path / "s").exists()


def test_an_empty_store_option_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: `--store ""` (an unset shell variable) meant ./data/store, created silently."""
    monkeypatch.chdir(tmp_path)
    line = refused(capsys, "--store", "", "articles", code=2)
    assert line == "kg: error: argument --store: give a store directory or http(s) URL, not ''"
    assert not (tmp_path / "data").exists()


def test_extract_of_a_device_is_not_called_missing(capsys: pytest.CaptureFixture[str]) -> None:
    """Before: "/dev/null: no such file"."""
    line = refused(capsys, "extract", "/dev/null")
    assert line == ("kg: error: /dev/null: not a regular file (a device, socket or pipe); give "
                    "an article file")


def test_a_batch_of_only_refused_files_never_opens_the_store(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Every file refused: the refusals and exit 1, with no store created and no pipeline
    loaded (before: the store was opened and spaCy loaded to store nothing)."""
    empty, binary = tmp_path / "empty.txt", tmp_path / "binary.txt"
    empty.write_bytes(b"")
    binary.write_bytes(b"\x00\x01\x02 not text")
    store = tmp_path / "store"
    code, out, err = kg(capsys, "--store", str(store), "ingest", "--no-progress", str(empty),
                        str(binary))
    assert code == 1
    assert err.splitlines() == [f"kg: refused: {empty}: file is empty (0 bytes)",
                                f"kg: refused: {binary}: looks binary (NUL bytes), not a text "
                                "article"]
    assert out == ("ingested 0 article(s): 0 triples, 0 entities, 0 facts, 0 events in 0.0s; "
                   "2 refused\n")
    assert not store.exists()


@pytest.mark.parametrize("every", ["0", "721h", "99999999999999999999h", "soon"])
def test_watch_with_an_impossible_interval_is_one_line(capsys: pytest.CaptureFixture[str],
                                                       tmp_path: Path, every: str) -> None:
    """Before: 99999999999999999999h passed, and the sleep after the first poll was a
    traceback (OverflowError: timestamp out of range for platform time_t)."""
    line = refused(capsys, "--store", str(tmp_path / "s"), "watch", "http://127.0.0.1:9/feed",
                   "--every", every)
    assert line == (f"kg: error: --every {every!r}: give a duration such as 90s, 15m or 2h "
                    "(at most 720h)")


def test_a_query_deep_enough_to_overflow_the_engine_is_one_line(
        capsys: pytest.CaptureFixture[str], store_dir: Path) -> None:
    """Before: `kg query` died of a segmentation fault in pyoxigraph's recursive parser."""
    deep = "SELECT * WHERE { " + "{" * 3000 + "}" * 3000 + " }"
    line = refused(capsys, "--store", str(store_dir), "query", deep)
    assert line == ("kg: error: the query nests brackets 3001 deep, more than the 300 this "
                    "endpoint evaluates; flatten it")


@pytest.mark.parametrize("below", ["", "x/y"])
def test_a_file_given_as_the_store_is_called_a_file(capsys: pytest.CaptureFixture[str],
                                                    tmp_path: Path, below: str) -> None:
    """Before: `--store /etc/passwd` said "File exists" (as if a store were there), and
    `--store /etc/passwd/x/y` "Not a directory"."""
    file = tmp_path / "passwd"
    file.write_text("root:x:0:0\n", encoding="utf-8")
    store = file / below if below else file
    line = refused(capsys, "--store", str(store), "articles")
    what = ("it is a file, not a store directory" if not below
            else f"{file} is a file, not a directory")
    assert line == (f"kg: error: cannot open store at {store}: {what}; give a directory (a new "
                    "or empty one, or one `kg` made) or an http(s) URL")
    assert file.read_text(encoding="utf-8") == "root:x:0:0\n"


@pytest.mark.parametrize(("command", "why"), [
    ("ingest", "extraction is CPU-bound, so more processes only wait for a CPU, each holding "
     "its own spaCy pipeline (~240 MiB)"),
    ("serve", "each process holds its own store connection and caches, and more only compete "
     "for the CPUs"),
])
@pytest.mark.parametrize("workers", ["5", "100000"])
def test_workers_beyond_twice_the_cpus_are_refused(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        command: str, why: str, workers: str) -> None:
    """Before: `kg ingest --workers 100000` started forking extraction processes, each
    loading spaCy, until memory ran out. The bound is twice the CPUs the process may use."""
    monkeypatch.setattr("kg.cli.usable_cpus", lambda: 2)
    store = tmp_path / "store"
    args = [str(SEEDS_DIR)] if command == "ingest" else []
    line = refused(capsys, "--store", str(store), command, "--workers", workers, *args)
    assert line == (f"kg: error: --workers {workers}: at most 4, twice the 2 CPU(s) this "
                    f"process may use (os.sched_getaffinity): {why}")
    assert not store.exists()


def test_the_workers_bound_is_the_cpus_this_process_may_use() -> None:
    from kg.cli import usable_cpus

    assert usable_cpus() == len(os.sched_getaffinity(0))


#: The prefixes every query has, as the message lists them.
EVERY_PREFIX = ("aikg, alliance, article, company, country, dcterms, government, graph, id, owl, "
                "person, policy, prov, rdf, rdfs, schema, sh, skos, topic, wd, xsd")


@pytest.mark.parametrize(("query", "message"), [
    ("SELECT ?s WHERE {\n  ?s a ex:Thing }",
     "SPARQL syntax error at 2:16: unknown prefix 'ex:' in ex:Thing; declare it (PREFIX "
     f"ex: <...>) or use one every query has: {EVERY_PREFIX}"),
    ("SELECT ?s WHERE { ?s aikg:participant id:person/brad-smith }",
     "SPARQL syntax error at 1:56: id:person/brad-smith is not one name in SPARQL (a '/' "
     "there starts a property path); write id:person\\/brad-smith or "
     "<https://w3id.org/aikg/id/person/brad-smith>"),
])
def test_names_copied_from_our_own_output_get_a_message_that_says_how_to_write_them(
        capsys: pytest.CaptureFixture[str], store_dir: Path, query: str, message: str) -> None:
    """Before: pyoxigraph's "expected one of Prefix not found, ['%'], ['-' | '0' ..= '9' ...",
    two lines of Unicode ranges, for the `person:` the Turtle export uses; and "expected
    OPTIONAL" for `id:person/brad-smith` as the query tables print it."""
    assert refused(capsys, "--store", str(store_dir), "query", query) == f"kg: error: {message}"


def test_the_exports_entity_prefixes_can_be_pasted_into_a_query(
        capsys: pytest.CaptureFixture[str], store_dir: Path) -> None:
    """Before: `person:brad-smith`, as the Turtle export writes it, was 'Prefix not found'."""
    code, out, err = kg(capsys, "--store", str(store_dir), "query",
                        "SELECT ?e WHERE { ?e aikg:participant person:brad-smith }",
                        "--format", "csv")
    assert code == 0, err
    assert len(out.splitlines()) >= 2


def test_paths_and_escaped_names_are_not_taken_for_mistakes(
        capsys: pytest.CaptureFixture[str], store_dir: Path) -> None:
    code, out, err = kg(capsys, "--store", str(store_dir), "query",
                        "SELECT ?m WHERE { ?m aikg:topic/skos:broader* topic:ai ; "
                        "aikg:participant id:person\\/brad-smith }", "--format", "csv")
    assert code == 0, err
    assert len(out.splitlines()) == 2


@pytest.fixture(scope="module")
def served_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A seeded store held by a real `kg serve`, so reading commands go through its /sparql."""
    from bench.api_server import ApiServer

    path = tmp_path_factory.mktemp("cli-served") / "store"
    store = EmbeddedStore(path)
    seed(store)
    store.close()
    with ApiServer(path):
        yield path


@pytest.mark.slow
@pytest.mark.parametrize(("query", "message"), [
    ("SELECT * WHERE { ?s ?p }", "Malformed query: SPARQL syntax error: error at 1:25: "
     "expected one of LATERAL, SERVICE, [_]"),
    ("SELECT ?s WHERE { ?s a ex:Thing }", "Malformed query: SPARQL syntax error at 1:32: "
     f"unknown prefix 'ex:' in ex:Thing; declare it (PREFIX ex: <...>) or use one every query has: "
     f"{EVERY_PREFIX}"),
])
def test_an_error_from_a_remote_kg_serve_is_its_title_and_detail_on_one_line(
        capsys: pytest.CaptureFixture[str], served_store: Path, query: str,
        message: str) -> None:
    """Before: `kg: error: SPARQL syntax error or bad request: {"type":"about:blank",
    "title":"Malformed query","status":400,...}`, the server's problem+json body as text."""
    line = refused(capsys, "--store", str(served_store), "query", query)
    assert line == f"kg: error: {message}"


@pytest.mark.slow
def test_a_remote_store_reads_a_problem_document_as_one_line(served_store: Path) -> None:
    """The same through the store API: RemoteStore against `kg serve`'s /sparql."""
    from kg.errors import QueryError
    from kg.serving import find_server
    from kg.store import Endpoints, RemoteStore

    server = find_server(str(served_store))
    assert server is not None
    remote = RemoteStore(Endpoints(query=f"{server.url}/sparql",
                                   update=f"{server.url}/sparql/update",
                                   store=f"{server.url}/store"))
    with pytest.raises(QueryError) as raised:
        remote.query("SELECT * WHERE { ?s ?p }")
    assert str(raised.value) == ("Malformed query: SPARQL syntax error: error at 1:25: "
                                 "expected one of LATERAL, SERVICE, [_]")
    with pytest.raises(QueryError) as raised:
        remote.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")  # no token
    assert str(raised.value).startswith(
        "SPARQL update failed: the SPARQL server refused the request (403: Forbidden: ")
    assert "none were sent: give a bearer token in AIKG_STORE_TOKEN" in str(raised.value)
    assert "{" not in str(raised.value)


@pytest.mark.slow
def test_a_remote_store_sends_its_token_so_kg_writes_through_a_kg_serve(
        capsys: pytest.CaptureFixture[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: RemoteStore sent no credentials, so a `kg serve` (or any server behind
    authentication) as AIKG_STORE refused every write with a bare 403."""
    from bench.api_server import ApiServer

    path = tmp_path / "store"
    EmbeddedStore(path).close()
    with ApiServer(path, env={"AIKG_UPDATE_TOKEN": "s3cret-token"}) as server:
        for name, endpoint in (("QUERY", "sparql"), ("UPDATE", "sparql/update"),
                               ("GSP", "store")):
            monkeypatch.setenv(f"AIKG_STORE_{name}", f"{server.url}/{endpoint}")
        article = next(SEEDS_DIR.glob("*.txt"))
        line = refused(capsys, "--store", server.url, "ingest", str(article))
        assert "refused the request (403" in line and "AIKG_STORE_TOKEN" in line, line
        monkeypatch.setenv("AIKG_STORE_TOKEN", "wrong")
        line = refused(capsys, "--store", server.url, "ingest", str(article))
        assert "the credentials sent were refused" in line and "wrong" not in line, line
        monkeypatch.setenv("AIKG_STORE_TOKEN", "s3cret-token")
        code, out, err = kg(capsys, "--store", server.url, "ingest", str(article))
        assert code == 0, err
        code, out, err = kg(capsys, "--store", server.url, "articles")
        assert code == 0 and article.stem.split("_")[0] in out, (out, err)


def test_events_take_a_participant_by_name_as_by_id(capsys: pytest.CaptureFixture[str],
                                                   store_dir: Path) -> None:
    """Before: no command answered "who criticised whom" (only /events or SPARQL), and the
    REST filter takes ids only."""
    code, by_id, err = kg(capsys, "--store", str(store_dir), "events", "--participant",
                          "person/brad-smith")
    assert code == 0, err
    assert by_id.splitlines()[:2] == ["1 event(s):", "- Meeting: Brad Smith & Wang Wentao on "
                                      "2023-12-06 in Beijing [AI, trade], 1 source"]
    for name in ("Brad Smith", "brad smith"):
        assert kg(capsys, "--store", str(store_dir), "events", "--participant", name,
                  "--type", "meeting")[1] == by_id.replace("event(s)", "Meeting event(s)")


@pytest.mark.parametrize(("name", "message"), [
    ("china", "several entities are called so (country/china, government/government-of-china)"),
    ("Zorgon", "no entity is called so"),
])
def test_events_of_an_ambiguous_or_unknown_name_are_one_line(
        capsys: pytest.CaptureFixture[str], store_dir: Path, name: str, message: str) -> None:
    line = refused(capsys, "--store", str(store_dir), "events", "--participant", name)
    assert line == (f"kg: error: --participant {name!r}: {message}; give an entity id "
                    "(TYPE/SLUG, e.g. person/xi-jinping)")


def test_events_of_an_unknown_type_name_the_types(capsys: pytest.CaptureFixture[str],
                                                  store_dir: Path) -> None:
    line = refused(capsys, "--store", str(store_dir), "events", "--type", "fight", code=2)
    assert line == ("kg events: error: argument --type: invalid choice: 'Fight' (choose from "
                    "'Meeting', 'Criticism', 'Demand', 'Proposal', 'Cooperation')")


@pytest.mark.slow
def test_a_store_url_of_another_layout_says_how_to_name_the_endpoints(
        capsys: pytest.CaptureFixture[str], served_store: Path) -> None:
    """Before: `--store http://host:8000` (a `kg serve`) said "not found at .../query: Not
    found: Not Found", and nothing about the layout AIKG_STORE alone assumes."""
    from kg.serving import find_server

    server = find_server(str(served_store))
    assert server is not None
    line = refused(capsys, "--store", server.url, "articles")
    assert line == (f"kg: error: no SPARQL query endpoint at {server.url}/query (Not found: "
                    "Not Found); AIKG_STORE alone assumes Oxigraph server's /query, /update "
                    "and /store: name other endpoints with AIKG_STORE_QUERY, AIKG_STORE_UPDATE "
                    "and AIKG_STORE_GSP (a `kg serve` answers at /sparql, /sparql/update and "
                    "/store)")


def test_a_directory_of_other_files_is_not_made_a_store(capsys: pytest.CaptureFixture[str],
                                                         tmp_path: Path) -> None:
    """Before: `kg --store seeds/ articles` (the articles' directory given as the store) made
    it an Oxigraph store, RocksDB files scattered among the articles, and answered 0 rows.
    An empty directory, or one holding only hidden files (.gitkeep), still becomes a store."""
    articles = tmp_path / "seeds"
    articles.mkdir()
    for name in ("a.txt", "b.txt", "c.txt", "d.txt"):
        (articles / name).write_text("Brad Smith met Wang Wentao.\n", encoding="utf-8")
    line = refused(capsys, "--store", str(articles), "articles")
    assert line == (f"kg: error: cannot open store at {articles}: it is a directory of other "
                    "files (a.txt, b.txt, c.txt, ...), not a store; give a directory (a new or "
                    "empty one, or one `kg` made) or an http(s) URL")
    assert sorted(p.name for p in articles.iterdir()) == ["a.txt", "b.txt", "c.txt", "d.txt"]
    kept = tmp_path / "kept"
    kept.mkdir()
    (kept / ".gitkeep").touch()
    assert kg(capsys, "--store", str(kept), "articles")[0] == 0
    assert (kept / "CURRENT").exists()


def test_extract_says_who_did_it_to_whom(capsys: pytest.CaptureFixture[str],
                                         tmp_path: Path) -> None:
    """Before: "Criticism: Government of the United States, Huawei", the roles in an order
    the reader had to know; now as `kg events` prints them."""
    article = tmp_path / "a.txt"
    article.write_text("US criticises Huawei\n\nThe United States government criticised Huawei "
                       "on Monday.\n", encoding="utf-8")
    code, out, err = kg(capsys, "extract", str(article))
    assert code == 0, err
    assert "Criticism: Government of the United States -> Huawei" in out.splitlines()


@pytest.mark.slow
def test_ctrl_c_stops_a_runaway_query_at_once(store_dir: Path, tmp_path: Path) -> None:
    """Before: pyoxigraph computed the cartesian product on, ignoring Ctrl-C (it evaluates
    without looking at signals) for hours; now the command exits 130 within a second or two,
    and the store opens afterwards."""
    import shutil
    import signal
    import subprocess
    import sys
    import time

    store = tmp_path / "store"
    shutil.copytree(store_dir, store)
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "--store", str(store), "query",
                                runaway], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    time.sleep(5)  # started, and deep in the product
    assert process.poll() is None
    sent = time.monotonic()
    process.send_signal(signal.SIGINT)
    try:
        _, err = process.communicate(timeout=10)
    finally:
        process.kill()
    assert time.monotonic() - sent < 5
    assert (process.returncode, err) == (130, "kg: interrupted\n")
    assert len(quads(store)) == len(quads(store_dir))


def test_a_table_cell_cut_to_fit_says_so(capsys: pytest.CaptureFixture[str],
                                         store_dir: Path) -> None:
    """Before: a sentence was cut at 60 characters without a mark, so it read as whole."""
    code, out, err = kg(capsys, "--store", str(store_dir), "query",
                        "SELECT ?s WHERE { ?e aikg:evidence/rdf:value ?s } ORDER BY ?s LIMIT 1")
    assert code == 0, err
    answer = json.loads(kg(capsys, "--store", str(store_dir), "query", "SELECT ?s WHERE { ?e "
                           "aikg:evidence/rdf:value ?s } ORDER BY ?s LIMIT 1", "--format",
                           "json")[1])
    full = answer["results"]["bindings"][0]["s"]["value"]
    cell = out.splitlines()[2].rstrip()
    assert len(full) > 60
    assert len(cell) == 60 and cell == full[:59] + "…"


def test_an_export_that_fails_midway_leaves_no_truncated_file(
        capsys: pytest.CaptureFixture[str], store_dir: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: `kg export -o FILE` wrote into FILE as it went, so a failure midway (the
    served store's server gone) left a truncated file that looked like an export, in place
    of the earlier one."""
    from kg.errors import StoreError

    def fails_midway(self: EmbeddedStore, output: BinaryIO, fmt: object, *,
                     graph: str | None = None) -> None:
        output.write(b"@prefix aikg: <https://w3id.org/aikg/ontology#> .\n")
        raise StoreError("cannot reach the SPARQL server at http://127.0.0.1:9/store")

    earlier = tmp_path / "graph.ttl"
    earlier.write_text("an earlier export\n", encoding="utf-8")
    with monkeypatch.context() as patched:
        patched.setattr(EmbeddedStore, "_write_export", fails_midway)
        line = refused(capsys, "--store", str(store_dir), "export", "--format", "turtle",
                       "-o", str(earlier))
    assert line == "kg: error: cannot reach the SPARQL server at http://127.0.0.1:9/store"
    assert earlier.read_text(encoding="utf-8") == "an earlier export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"]
    code, _, err = kg(capsys, "--store", str(store_dir), "export", "--format", "turtle", "-o",
                      str(earlier))
    assert code == 0, err
    assert err == f"turtle: {earlier.stat().st_size:,} bytes -> {earlier}\n"
    assert earlier.read_text(encoding="utf-8").startswith("@prefix")


@pytest.mark.parametrize("command", [["articles"], ["meetings"], ["events"], ["stats"],
                                     ["query", "ASK { ?s ?p ?o }"], ["export"], ["validate"],
                                     ["graph"], ["consolidate"], ["index", "status"]])
def test_a_command_on_a_missing_store_creates_none_and_says_so(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, command: list[str]) -> None:
    """Before: `kg --store data/stroe meetings` (a typo) created an empty store and its index
    file there, and answered "0 meeting(s)" as if the graph had none, without a word. Only
    ingest, watch and serve create a store; the others answer from an empty one in memory
    and end with a note."""
    store = tmp_path / "data" / "stroe"
    code, _, err = kg(capsys, "--store", str(store), *command)
    assert code == 0, err
    assert err.splitlines()[-1] == (
        f"kg: note: there is no store at {store}, so the answer is an empty store's (nothing "
        "was created there); check the path (--store, AIKG_STORE), or build it with `kg "
        "ingest` (`make run` builds ./data/store from seeds/)")
    assert not (tmp_path / "data").exists()


def test_an_error_on_a_missing_store_stays_one_line(capsys: pytest.CaptureFixture[str],
                                                    tmp_path: Path) -> None:
    store = tmp_path / "data" / "stroe"
    line = refused(capsys, "--store", str(store), "delete", "000_4a79ae427b05caa0")
    assert line.startswith("kg: error: no single article matches '000_4a79ae427b05caa0'")
    assert not (tmp_path / "data").exists()
