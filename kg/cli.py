"""`kg`: the command line, a thin layer over the kg package.

Every failure the user can cause ends in one line on stderr ("kg: error: ...") and a
non-zero exit; nothing already stored is touched by a command that fails.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from kg.errors import InputError, KGError, QueryError, StoreError
from kg.settings import Settings, is_web_url

if TYPE_CHECKING:
    from kg.fetch import Fetcher
    from kg.rows import ConsolidatedRow
    from kg.store import ExportFormat, Store

T = TypeVar("T")
EXIT_ERROR = 1
EXIT_PARTIAL = 3  # a batch landed, but some inputs were refused
#: Longest --timeout and --delay of a fetch (seconds).
MAX_FETCH_SECONDS = 3600
#: Longest wait between two polls of `kg watch` (30 days).
MAX_POLL_SECONDS = 30 * 24 * 3600
#: A URL of any scheme (RFC 3986 §3.1), to tell `ftp://...` from a file name.
_URL_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        code = int(args.handler(args) or 0)
    except KGError as error:
        print(f"kg: error: {one_line(str(error))}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130
    missing = getattr(args, "missing_store", None)
    if missing is not None:  # after the answer: an error stays the one line on stderr
        print(f"kg: note: there is no store at {missing}, so the answer is an empty store's "
              "(nothing was created there); check the path (--store, AIKG_STORE), or build it "
              "with `kg ingest` (`make run` builds ./data/store from seeds/)", file=sys.stderr)
    return code


def one_line(message: str) -> str:
    """`message` on one line: the engine's SPARQL syntax errors span several, and a script
    reading stderr expects one line per error."""
    return " ".join(message.split())


def _store_argument(text: str) -> str:
    """--store: an empty value (`--store "$UNSET"`) would silently mean ./data/store."""
    if not text.strip():
        raise argparse.ArgumentTypeError("give a store directory or http(s) URL, not ''")
    return text


def _event_type(text: str) -> str:
    """--type: an event class in any case ("criticism" is Criticism)."""
    return text.strip().capitalize()


def _port_argument(text: str) -> int:
    """--port: a TCP port number (uvicorn's own error for 70000 is a traceback)."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (0 to 65535)")
    return port


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg", description="Knowledge graph of US-China relations on AI.")
    parser.add_argument("--store", type=_store_argument,
                        help="store directory (default: $AIKG_STORE or ./data/store)")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(name: str, handler: Callable[[argparse.Namespace], int], help: str
                ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.set_defaults(handler=handler, command=name)
        return sub

    sub = command("ingest", cmd_ingest,
                  "read, extract and store articles (files, directories, web pages, feeds)")
    sub.add_argument("paths", nargs="*", metavar="PATH_OR_URL",
                     help="a .txt/.html/.jsonl file, a directory, or an http(s) URL of a page")
    sub.add_argument("--feed", action="append", default=[], metavar="URL",
                     help="ingest every item of this RSS or Atom feed (repeatable)")
    _add_fetch_options(sub)
    sub.add_argument("--no-progress", action="store_true", help="no progress bar")
    sub.add_argument("--workers", type=int, default=1,
                     help="extraction processes (default 1; at most twice the CPUs this "
                          "process may use); the store has one writer")
    sub.add_argument("--dask", metavar="tcp://HOST:PORT",
                     help="extract on this Dask distributed scheduler's workers instead")

    sub = command("watch", cmd_watch, "poll feeds and ingest their new and changed items")
    sub.add_argument("feeds", nargs="+", metavar="FEED", help="URL of an RSS or Atom feed")
    sub.add_argument("--every", default="15m", metavar="DURATION",
                     help="time between polls: 90s, 15m, 2h (default 15m)")
    sub.add_argument("--polls", type=int, default=0, metavar="N",
                     help="stop after N polls (default: poll until interrupted)")
    _add_fetch_options(sub)

    sub = command("extract", cmd_extract, "extract one article without storing it")
    sub.add_argument("file", type=Path, metavar="FILE")
    sub.add_argument("--json", action="store_true", help="print the DESIGN.md JSON format")

    sub = command("query", cmd_query, "run a SPARQL query over all graphs")
    sub.add_argument("sparql", nargs="?", help="the query text")
    sub.add_argument("--file", type=Path, help="read the query from a file")
    sub.add_argument("--format", choices=["table", "json", "csv"], default="table")

    from kg.store import ExportFormat

    sub = command("export", cmd_export, "serialize the dataset or one graph")
    sub.add_argument("--format", choices=[f.value for f in ExportFormat], default="trig")
    sub.add_argument("--graph", help="IRI of one named graph (default: everything)")
    sub.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")

    command("stats", cmd_stats, "triples per graph and counts per type")
    command("validate", cmd_validate, "check the store against the SHACL shapes")
    command("articles", cmd_articles, "list stored articles")

    sub = command("delete", cmd_delete, "remove one article's graph")
    sub.add_argument("article", help="article id, content hash, or graph IRI")

    sub = command("consolidate", cmd_consolidate,
                  "bring the consolidated events (one per real-world event) up to date")
    sub.add_argument("--rebuild", action="store_true",
                     help="recompute every consolidated event and entity merge from scratch")

    sub = command("meetings", cmd_meetings, "who met whom (optionally about a topic)")
    sub.add_argument("--topic", help='any label of a topic, e.g. "AI", "chips", "export control" '
                     "(narrower topics included; `kg topics` lists them)")
    sub.add_argument("--per-report", action="store_true",
                     help="one line per article's report instead of one per meeting")

    from kg.models import EVENT_TYPES

    sub = command("events", cmd_events, "who criticised, demanded of, proposed to, met or "
                  "cooperated with whom (one entry per real-world event)")
    sub.add_argument("--type", action="append", default=[], type=_event_type,
                     choices=EVENT_TYPES, help="only this kind of event (repeatable): "
                     + ", ".join(EVENT_TYPES))
    sub.add_argument("--participant", action="append", default=[], metavar="TYPE/SLUG",
                     help="only events this entity takes part in, in any role, e.g. "
                          "company/huawei (repeatable: all of them)")
    sub.add_argument("--topic", help="any label of a topic, as for `kg meetings`")

    sub = command("index", cmd_index,
                  "the query index beside the store: its status, or rebuild it from the store")
    sub.add_argument("action", choices=["status", "rebuild"])

    command("topics", cmd_topics, "list the topics events are tagged with, and their labels")

    sub = command("graph", cmd_graph, "write a networkx projection for Gephi and other tools")
    sub.add_argument("--projection", default="entities",
                     choices=["entities", "co-meeting", "alliance-membership", "policy-targets",
                              "person-organization"], help="which graph (default: entities)")
    sub.add_argument("--format", choices=["graphml", "gexf", "json"], default="graphml")
    sub.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")

    sub = command("eval", cmd_eval, "score extraction against gold files (DESIGN.md format)")
    sub.add_argument("gold_dir", type=Path, metavar="GOLD_DIR")
    sub.add_argument("articles_dir", type=Path, nargs="?", metavar="ARTICLES_DIR")
    sub.add_argument("--verbose", "-v", action="store_true", help="list misses and false positives")

    sub = command("serve", cmd_serve, "serve the REST API and SPARQL endpoint (uvicorn)")
    sub.add_argument("--host", default="127.0.0.1", help="interface (default: 127.0.0.1)")
    sub.add_argument("--port", type=_port_argument, default=8000,
                     help="TCP port (default: 8000)")
    sub.add_argument("--workers", type=int, default=1,
                     help="processes (default 1; at most twice the CPUs this process may "
                          "use); more than 1 only with a remote store (AIKG_STORE=http://...), "
                          "as the embedded store is opened by one process")
    return parser


def _add_fetch_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--timeout", type=float, default=20.0, metavar="SECONDS",
                     help="longest wait for one whole response (default 20)")
    sub.add_argument("--delay", type=float, default=1.0, metavar="SECONDS",
                     help="pause between requests to one host (default 1; robots.txt's "
                          "Crawl-delay if longer)")


def _fetcher(args: argparse.Namespace, settings: Settings) -> Fetcher:
    from kg.fetch import Fetcher, FetchPolicy

    if not 0 < args.timeout <= MAX_FETCH_SECONDS:
        raise InputError(f"--timeout {args.timeout:g}: give a number of seconds above 0, "
                         f"at most {MAX_FETCH_SECONDS}")
    if not 0 <= args.delay <= MAX_FETCH_SECONDS:
        raise InputError(f"--delay {args.delay:g}: give 0 to {MAX_FETCH_SECONDS} seconds")
    return Fetcher(FetchPolicy(timeout=args.timeout, delay=args.delay,
                               max_bytes=settings.max_article_bytes))


#: A server started without a token (`make run` starts one so) refuses every write with 403.
_TOKEN_NEEDED = (" (the server must have been started with AIKG_UPDATE_TOKEN set, which "
                 "`make run` does not do)")
#: How to make each writing command's change while `kg serve` holds the store ({url}: its URL).
WRITE_THROUGH_SERVER = {
    "ingest": "or send each article to the running server: POST {url}/articles with JSON "
              "{{\"id\": ..., \"text\": ...}} and the header 'Authorization: Bearer "
              "$AIKG_UPDATE_TOKEN'" + _TOKEN_NEEDED,
    "delete": "or delete through the running server: DELETE {url}/store?graph=<the article's "
              "graph IRI, from `kg articles` / GET /articles> with the header "
              "'Authorization: Bearer $AIKG_UPDATE_TOKEN'" + _TOKEN_NEEDED,
    "consolidate": "the running server keeps the consolidated events current itself",
    "index": "the running server keeps its query index current itself (`GET {url}/health` "
             "gives its state)",
}


def _open(args: argparse.Namespace, *, reading: bool = False) -> Store:
    """The store of --store / $AIKG_STORE.

    If `kg serve` holds the embedded store, a reading command asks that server instead
    (kg.serving), and a writing one is refused with a message that says how to write.
    """
    from kg.errors import StoreLockedError
    from kg.index import open_index
    from kg.serving import find_server
    from kg.store import open_store

    settings = Settings.from_env(store=args.store)
    if getattr(args, "command", "") not in STORE_MAKERS and _is_missing(settings.store):
        # Answer from an empty store in memory, and say so once the answer is printed (main).
        args.missing_store = settings.store
        settings = replace(settings, store=":memory:", index=None)
    try:
        store = open_store(settings)
    except StoreLockedError as error:
        server = find_server(settings.store)
        if server is None:
            raise
        if not reading:
            how = WRITE_THROUGH_SERVER.get(getattr(args, "command", ""), "")
            raise StoreLockedError(
                f"the store at {settings.store} is held by `kg serve` (pid {server.pid}, "
                f"{server.url}); stop it to write here" + (f"; {how.format(url=server.url)}"
                                                           if how else "")) from error
        print(f"kg: the store is held by `kg serve` (pid {server.pid}); reading through "
              f"{server.url}", file=sys.stderr)
        return _served_store(server.url)
    try:  # a built index answers at once; a short command never starts a long build
        open_index(store, settings.index, background=False)
    except BaseException:
        store.close()
        raise
    return store


#: The commands that create the store where there is none; the others answer from an empty
#: one in memory, and say that there is no store.
STORE_MAKERS = frozenset({"ingest", "watch", "serve"})


def _is_missing(location: str) -> bool:
    """Whether `location` is a store path where nothing is: on a mistyped one (`--store
    data/stroe`) Oxigraph would create an empty store there, index file and all. A path under
    a file is not missing: opening it says the file is in the way (kg.store.embedded)."""
    if location == ":memory:" or is_web_url(location):
        return False  # as kg.store.open_store tells them apart
    path = Path(os.path.expanduser(location))
    if path.exists():
        return False
    above = next((parent for parent in path.parents if parent.exists()), None)
    return above is None or above.is_dir()


def _served_store(url: str) -> Store:
    """The running server's SPARQL endpoint and Graph Store as a read-only remote store."""
    from kg.store import Endpoints, RemoteStore

    return RemoteStore(Endpoints(query=f"{url}/sparql", update=f"{url}/sparql/update",
                                 store=f"{url}/store"))


def cmd_ingest(args: argparse.Namespace) -> int:
    """Files and directories as before; URLs and --feed items are fetched first, and a page
    is stored only if new or changed (see kg.intake)."""
    from tqdm import tqdm

    from kg.ingest import IngestSummary, extract_on_dask, ingest_articles, start_worker_server
    from kg.intake import Collected, Intake, IntakeCounts
    from kg.read import read_paths
    from kg.urls import is_web_url

    check_workers(args.workers, why="extraction is CPU-bound, so more processes only wait "
                  "for a CPU, each holding its own spaCy pipeline (~240 MiB)")
    if args.dask and args.workers != 1:
        raise InputError("give either --workers or --dask, not both")
    urls = [p for p in args.paths if is_web_url(p)]
    other = [p for p in args.paths if not is_web_url(p) and _URL_SCHEME.match(p)]
    if other:  # Path("ftp://host/x") would be reported as the missing file "ftp:/host/x"
        raise InputError(f"{other[0]}: only http(s) URLs are fetched")
    paths = [Path(p) for p in args.paths if not is_web_url(p)]
    if not paths and not urls and not args.feed:
        raise InputError("give files, directories or URLs to ingest, or --feed URL")
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise InputError(f"no such file or directory: {', '.join(map(str, missing))}")
    if args.workers > 1:
        start_worker_server()  # loads the pipeline while the input is read, the store opened
    settings = Settings.from_env(store=args.store)
    errors: list[InputError] = []
    articles = list(read_paths(paths, max_bytes=settings.max_article_bytes, errors=errors))
    if paths and not articles and not errors and not urls and not args.feed:
        from kg.read import SUPPORTED_SUFFIXES

        # Only directories read as nothing at all (a file is an article or a refusal).
        raise InputError(f"nothing to ingest: no {', '.join(SUPPORTED_SUFFIXES)} files in "
                         f"{', '.join(map(str, paths))}")
    if not articles and not urls and not args.feed:
        # Every file was refused: say so without opening the store or loading the pipeline
        # (half a minute on a busy machine, and refused while `kg serve` holds the store).
        for error in errors:
            print(f"kg: refused: {error}", file=sys.stderr)
        print(IngestSummary(errors=errors).line())
        return EXIT_ERROR
    collected = Collected()
    fetcher = _fetcher(args, settings) if urls or args.feed else None
    if fetcher is not None:
        with fetcher:
            intake = Intake(fetcher)
            collected = intake.collect(urls, args.feed)
    web = IntakeCounts()
    with _open(args) as store:
        bar = tqdm(total=len(articles) + len(collected.pages), unit="article",
                   disable=args.no_progress or None, file=sys.stderr)
        summary = ingest_articles(
            store, articles, on_article=lambda _: bar.update(), workers=args.workers,
            extract=(lambda batch: extract_on_dask(batch, scheduler=args.dask)) if args.dask
            else None)
        if fetcher is not None:
            web = intake.store(store, collected, on_article=lambda _: bar.update())
        bar.close()
        if summary.articles or web.new or web.updated:
            _build_index(store)
    summary.errors = errors + summary.errors
    for error in summary.errors + web.errors:
        print(f"kg: refused: {error}", file=sys.stderr)
    if paths:
        print(summary.line())
    if fetcher is not None:
        print(f"web: {web.line()}")
    refused = len(summary.errors) + web.refused
    if refused and not (summary.articles or web.new or web.updated or web.unchanged):
        return EXIT_ERROR
    return EXIT_PARTIAL if refused else 0


def _build_index(store: Store) -> None:
    """Build the store's query index now if it has never been built (a first ingest), so the
    next `kg serve` or reading command answers from it at once (`kg index status` shows it;
    stderr stays for refusals)."""
    from kg.index import GraphIndex

    index = store.index
    if isinstance(index, GraphIndex) and index.state != "ready":
        index.build()


def cmd_index(args: argparse.Namespace) -> int:
    """`kg index status` (where the file is, whether it is current, its size) or `kg index
    rebuild` (re-read the whole store: after writes made straight to a remote server)."""
    from kg.index import GraphIndex

    with _open(args) as store:
        index = store.index
        if not isinstance(index, GraphIndex):
            raise InputError("this store has no query index (AIKG_INDEX=off, or a remote "
                             "store without AIKG_INDEX naming the index file)")
        if args.action == "rebuild":
            from tqdm import tqdm

            # A million articles take hours to read (BENCHMARKS.md): a bar where a terminal is.
            with tqdm(unit="graph", file=sys.stderr, disable=None) as bar:
                def advance(done: int, total: int) -> None:
                    bar.total = total
                    bar.update(done - bar.n)

                built = index.build(advance)
            if not built:
                raise StoreError("the query index could not be built; see the log above")
            print(f"rebuilt {index.path or 'the in-memory index'} in "
                  f"{index.build_seconds or 0:.1f} s: {index.status_line()}")
            return 0
        print(f"{index.path or 'in memory'}: {index.status_line()}")
    return 0


def cmd_watch(args: argparse.Namespace) -> int:
    """Poll the feeds until interrupted (or --polls): a line per poll, a summary at the end.

    The store is opened for each poll's writes only, so other commands can use it between
    polls; a poll that cannot open it is reported and its items are fetched again next time.
    """
    import time

    from kg.errors import StoreError
    from kg.intake import Intake, IntakeCounts
    from kg.urls import is_web_url

    every = parse_duration(args.every)
    bad = [feed for feed in args.feeds if not is_web_url(feed)]
    if bad:
        raise InputError(f"not an http(s) feed URL: {', '.join(bad)}")
    if args.polls < 0:
        raise InputError(f"--polls {args.polls}: give 0 (no limit) or more")
    settings = Settings.from_env(store=args.store)
    total = IntakeCounts()
    polls = 0
    with _fetcher(args, settings) as fetcher:
        intake = Intake(fetcher)
        try:
            while True:
                polls += 1
                collected = intake.collect(feeds=args.feeds)
                try:
                    with _open(args) as store:
                        counts = intake.store(store, collected)
                except StoreError as failure:
                    print(f"kg: poll {polls}: {failure}; trying again next poll", file=sys.stderr)
                    counts = IntakeCounts(errors=collected.errors)
                for error in counts.errors:
                    print(f"kg: refused: {error}", file=sys.stderr)
                stamp = time.strftime("%Y-%m-%d %H:%M:%SZ", time.gmtime())
                print(f"poll {polls} at {stamp}: {counts.line()}", flush=True)
                total.add(counts)
                if args.polls and polls >= args.polls:
                    break
                time.sleep(every)
        except KeyboardInterrupt:
            print("kg: interrupted", file=sys.stderr)
    print(f"watched {len(args.feeds)} feed(s) in {polls} poll(s): {total.line()}")
    return EXIT_PARTIAL if total.refused else 0


def usable_cpus() -> int:
    """The CPUs this process may run on: its affinity mask (which containers, cgroups' cpusets
    and `taskset` narrow), else every CPU of the machine."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS and Windows have no affinity mask
        return os.cpu_count() or 1


def check_workers(workers: int, *, why: str) -> None:
    """--workers of `kg ingest` and `kg serve`: 1 to twice the usable CPUs (the slack covers
    the parent's writes and I/O waits); before, --workers 100000 forked until memory ran out.

    Raises:
        InputError: naming the bound and where it comes from.
    """
    if workers < 1:
        raise InputError(f"--workers {workers}: give 1 or more")
    cpus = usable_cpus()
    if workers > 2 * cpus:
        raise InputError(f"--workers {workers}: at most {2 * cpus}, twice the {cpus} CPU(s) "
                         f"this process may use (os.sched_getaffinity): {why}")


def parse_duration(text: str) -> float:
    """Seconds in "90", "90s", "15m", "2h", above 0 and at most MAX_POLL_SECONDS.

    Raises:
        InputError: anything else (a longer wait overflowed time.sleep after the first poll).
    """
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*", text, re.IGNORECASE)
    seconds = (float(match[1]) * {"": 1, "s": 1, "m": 60, "h": 3600}[match[2].lower()]
               if match is not None else 0.0)
    if not 0 < seconds <= MAX_POLL_SECONDS:
        raise InputError(f"--every {text!r}: give a duration such as 90s, 15m or 2h (at most "
                         f"{MAX_POLL_SECONDS // 3600}h)")
    return seconds


def cmd_extract(args: argparse.Namespace) -> int:
    if args.file.is_dir():
        raise InputError(f"{args.file}: is a directory; give one article file (`kg ingest` "
                         "reads directories)")
    if not args.file.exists():
        raise InputError(f"{args.file}: no such file")
    if not args.file.is_file():
        raise InputError(f"{args.file}: not a regular file (a device, socket or pipe); give "
                         "an article file")
    from kg.extract import extract_article
    from kg.read import read_path

    settings = Settings.from_env(store=args.store)
    articles = read_path(args.file, max_bytes=settings.max_article_bytes)
    extractions = [extract_article(article) for article in articles]
    if args.json:
        payload = [e.to_json() for e in extractions]
        document = payload[0] if len(payload) == 1 else payload
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return 0
    for extraction in extractions:
        labels = {e.id: e.label for e in extraction.entities}
        print(f"# {extraction.article.title}")
        for fact in extraction.facts:
            print(f"{labels[fact.subject]} {fact.predicate} {labels[fact.object]}")
        for event in extraction.events:
            roles = _roles(event.participants, event.actor, event.target, event.proposed,
                           name=functools.partial(_label, labels))
            print(f"{event.type}: {roles}")
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    if args.file and args.sparql:
        raise InputError("give the query as an argument or with --file, not both")
    if args.file:
        try:
            sparql = args.file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(f"{args.file}: cannot read query ({error})") from None
    elif args.sparql:
        sparql = args.sparql
    else:
        raise InputError("give a SPARQL query as an argument or with --file")
    if not sparql.strip():
        raise InputError("the SPARQL query is empty")
    from api.sparql_text import check_complexity, read_query
    from kg.namespaces import QUERY_PREFIXES

    check_complexity(sparql)  # past it, the engine overflows its stack: a segmentation fault
    if read_query(sparql, prefixes=QUERY_PREFIXES).service:  # as /sparql refuses it
        raise InputError("federated queries are not run: remove the SERVICE clause (query "
                         "the other endpoint directly)")
    with _open(args, reading=True) as store:
        text = _interruptible(lambda: _answer(store, sparql, args.format))
        # rdflib's JSON ends without a newline: the shell prompt would follow on its line.
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def _answer(store: Store, sparql: str, fmt: str) -> str:
    """The query's result as `kg query` prints it."""
    try:
        result = store.query(sparql)
    except QueryError as error:
        raise _query_error(sparql, error) from None
    _check_format(fmt, getattr(result, "type", "SELECT"))
    try:  # results are lazy: the engine's errors arrive while they are read
        return (_format_table(result) + "\n" if fmt == "table"
                else result.serialize(format=fmt).decode("utf-8"))  # type: ignore[union-attr]
    except (OSError, RuntimeError) as error:
        raise StoreError(f"the query failed: {error}") from None


def _interruptible(work: Callable[[], T]) -> T:
    """`work()`, stopped at once by Ctrl-C: it runs in a daemon thread while this one waits.

    pyoxigraph evaluates a query with the GIL released but never looks at signals, so a
    runaway query (a cartesian product, an unbounded path) ignored Ctrl-C until it ended,
    hours later. A reading command can be abandoned: the process exits at once, with
    os._exit, as closing the store under the engine's thread is not safe; the store's lock
    goes with the process, and nothing was written.
    """
    import threading

    outcome: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(work())
        except BaseException as error:  # handed to the waiting thread, which raises it
            failure.append(error)

    worker = threading.Thread(target=run, name="kg-query", daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.2)
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr, flush=True)
        os._exit(130)
    if failure:
        raise failure[0]
    return outcome[0]


def _query_error(sparql: str, error: QueryError) -> KGError:
    """The engine's error, or, for an update given to `kg query`, what it is (the engine
    says "expected CONSTRUCT")."""
    from api.sparql_text import operation_kind

    if operation_kind(sparql) == "update":
        return InputError("this is a SPARQL Update; `kg query` only reads (SELECT, ASK, "
                          "CONSTRUCT, DESCRIBE); `kg serve` takes updates at /sparql/update")
    from kg.sparql_hints import syntax_hint

    hint = syntax_hint(sparql, str(error))
    return QueryError(hint) if hint else error


def _check_format(fmt: str, kind: str) -> None:
    """--format json and csv are SPARQL results formats: SELECT (json, csv) and ASK (json)
    only; a graph (CONSTRUCT, DESCRIBE) is printed as Turtle by the default table format."""
    if kind in ("CONSTRUCT", "DESCRIBE") and fmt != "table":
        raise InputError(f"--format {fmt} is for SELECT and ASK results; a CONSTRUCT or "
                         "DESCRIBE gives a graph, printed as Turtle without --format (or use "
                         "`kg export`)")
    if kind == "ASK" and fmt == "csv":
        raise InputError("--format csv is for SELECT results; an ASK gives true or false "
                         "(use --format table or json)")


def cmd_export(args: argparse.Namespace) -> int:
    from kg.store import ExportFormat

    fmt = ExportFormat(args.format)
    with _open(args, reading=True) as store:
        graph = _graph_of(store, args.graph) if args.graph is not None else None
        if args.output:
            _export_to_file(store, args.output, fmt, graph=graph)
        else:
            store.export(sys.stdout.buffer, fmt, graph=graph)
            sys.stdout.buffer.flush()
    return 0


def _export_to_file(store: Store, output: Path, fmt: ExportFormat, *, graph: str | None
                    ) -> None:
    """Write the export beside `output` and rename it into place once whole, so a failure
    midway (a server gone, a disk full) leaves no truncated file that looks like an export,
    and an earlier file of that name stays as it was. A line on stderr says what was written,
    as `kg graph -o` does."""
    partial = output.with_name(f".{output.name}.partial")
    try:
        try:
            with partial.open("wb") as handle:
                store.export(handle, fmt, graph=graph)
            partial.replace(output)
        except OSError as error:
            raise InputError(f"{output}: cannot write ({error.strerror or error})") from None
    finally:
        partial.unlink(missing_ok=True)
    print(f"{fmt.value}: {output.stat().st_size:,} bytes -> {output}", file=sys.stderr)


def _graph_of(store: Store, ref: str) -> str:
    """The named graph `ref` stands for: what `kg delete` accepts (an article id, content
    hash or unique prefix of 8+ characters, article or graph IRI), or the IRI of any other
    named graph in the store (the gazetteer's, the ontology's)."""
    info = store.find_article(ref)
    if info is not None:
        return info.graph
    if ref.strip() in store.graph_counts():
        return ref.strip()
    raise InputError(f"--graph {ref!r}: no article or named graph matches (an article id, a "
                     "content hash or a prefix of 8+ characters of it, or a graph IRI); "
                     "`kg articles` lists the articles, `kg stats` the other graphs")


def cmd_stats(args: argparse.Namespace) -> int:
    """What the articles say (entities named in a fact or event, statements by kind), apart
    from what the gazetteer lists, so four articles do not show 129 persons."""
    from kg.queries import gazetteer_entity_counts, mentioned_entity_counts

    with _open(args, reading=True) as store:
        counts = store.graph_counts()
        statements = store.query(
            "SELECT ?type (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?type ; prov:wasDerivedFrom ?a "
            "FILTER(STRSTARTS(STR(?type), STR(aikg:))) } GROUP BY ?type ORDER BY DESC(?n)")
        mentioned = mentioned_entity_counts(store)
        listed = gazetteer_entity_counts(store)
        articles = store.articles()
    by_kind = {str(row[0]).split("#")[-1]: int(str(row[1]))  # type: ignore[index]
               for row in statements}
    derived = by_kind.pop("ConsolidatedEvent", 0)
    print(f"articles: {len(articles)}")
    print(f"triples:  {sum(counts.values())} in {len(counts)} graphs")
    for line in _graph_lines(counts):
        print(f"  {line}")
    print("statements in the articles:")
    for name, n in by_kind.items():
        print(f"  {name:<18} {n}")
    print(f"consolidated events (one per real-world event; `kg meetings`): {derived}")
    print("entities the articles name in a fact or event (the gazetteer lists):")
    for name, n in mentioned.items():
        print(f"  {name:<18} {n:<6} ({listed.get(name, 0)})")
    return 0


def _graph_lines(counts: dict[str, int]) -> list[str]:
    """The named graphs: article and consolidated-event graphs counted by kind (there may be
    thousands), every other graph by IRI, which `kg export --graph` takes."""
    from kg.namespaces import GRAPH

    kinds = {str(GRAPH["article/"]): "article graphs",
             str(GRAPH["consolidated/event/"]): "consolidated-event graphs"}
    grouped: dict[str, list[int]] = {kind: [] for kind in kinds.values()}
    lines = []
    for iri, n in sorted(counts.items()):
        kind = next((k for prefix, k in kinds.items() if iri.startswith(prefix)), None)
        if kind is None:
            lines.append(f"<{iri}>  {n} triples")
        else:
            grouped[kind].append(n)
    return [f"{len(sizes)} {kind}, {sum(sizes)} triples" for kind, sizes in grouped.items()
            if sizes] + lines


def cmd_validate(args: argparse.Namespace) -> int:
    from kg.validate import validate_store

    with _open(args, reading=True) as store:
        report = validate_store(store)
    if report.conforms:
        print("the store conforms to the SHACL shapes")
        return 0
    print(report.text)
    print(f"kg: error: {report.violations} SHACL violation(s)", file=sys.stderr)
    return EXIT_ERROR


def cmd_articles(args: argparse.Namespace) -> int:
    """One line per article, tab-separated under a header: the full id and the first 12
    characters of the content hash, which `kg delete` and `kg export --graph` also accept."""
    with _open(args, reading=True) as store:
        articles = store.articles()
    print("\t".join(("ID", "DATE", "TRIPLES", "HASH", "TITLE")))
    for info in articles:
        print(f"{info.id}\t{info.date or '-'}\t{info.triples}\t{info.hash[:12]}\t{info.title}")
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    """Delete the article's graph and recompute the consolidated events it reported."""
    from kg.ingest import delete_articles

    with _open(args) as store:
        info = store.find_article(args.article)
        if info is None:
            raise InputError(f"no single article matches {args.article!r} (an id, a content "
                             "hash or a prefix of 8+ characters of it, an article or graph "
                             "IRI); see `kg articles`")
        summary = delete_articles(store, [info.graph])
    print(f"deleted {info.id} ({info.triples} triples); {summary.line()}")
    return 0


def cmd_consolidate(args: argparse.Namespace) -> int:
    """Bring the consolidated events up to date with the store (after writes made outside
    `kg`, e.g. straight to a remote SPARQL server), or recompute them all with --rebuild."""
    from kg.consolidate import rebuild, refresh

    with _open(args) as store:
        summary = rebuild(store) if args.rebuild else refresh(store)
        store.flush()
    print(summary.line())
    return 0


def cmd_meetings(args: argparse.Namespace) -> int:
    from kg.queries import EVERYTHING, EventFilter, consolidated_events, entities_by_iri, meetings
    from kg.topics import find_topic

    # An unknown topic is an error naming the close ones, before the store is opened.
    topic = find_topic(args.topic).label if args.topic is not None else None
    about = f" about {topic}" if topic else ""
    with _open(args, reading=True) as store:
        if args.per_report:
            rows = meetings(store, topic=topic)
        else:
            _, groups = consolidated_events(store, EventFilter(types=("Meeting",), topic=topic),
                                            limit=EVERYTHING)
            names = {e.iri: e.label for e in entities_by_iri(
                store, sorted({p for group in groups for p in group.participants}))}
    if args.per_report:
        print(f"{len(rows)} meeting(s){about}:")
        for row in rows:
            when = f" on {row.date}" if row.date else ""
            where = f" in {row.location}" if row.location else ""
            print(f"- {' & '.join(row.participants)}{when}{where} [{', '.join(row.topics)}]")
            print(f"    \"{row.evidence}\" ({row.article_title})")
        return 0
    print(f"{len(groups)} meeting(s){about}:")
    _print_events(groups, names)
    return 0


def cmd_events(args: argparse.Namespace) -> int:
    """Every kind of event, one entry per real-world event (as `kg meetings` for meetings):
    who criticised, demanded of, proposed to or cooperated with whom, with the sentences."""
    from kg.queries import EVERYTHING, EventFilter, consolidated_events, entities_by_iri
    from kg.topics import find_topic

    topic = find_topic(args.topic).label if args.topic is not None else None
    with _open(args, reading=True) as store:
        participants = tuple(_entity_id(store, who) for who in args.participant)
        where = EventFilter(types=tuple(args.type), participants=participants, topic=topic)
        _, groups = consolidated_events(store, where, limit=EVERYTHING)
        names = {e.iri: e.label for e in entities_by_iri(store, sorted(
            {iri for group in groups for iri in (*group.participants, group.actor,
                                                 group.target, group.proposed) if iri}))}
    kinds = " or ".join(args.type) + " " if args.type else ""
    about = f" about {topic}" if topic else ""
    print(f"{len(groups)} {kinds}event(s){about}:")
    _print_events(groups, names, with_type=True)
    return 0


def _label(labels: dict[str, str], entity: str) -> str:
    return labels.get(entity, entity)


def _roles(participants: Sequence[str], actor: str | None, target: str | None,
           proposed: str | None, *, name: Callable[[str], str]) -> str:
    """An event's roles for people: "A & B" for participants, "actor -> target" (who did it
    to whom, not left to the order), "(proposed: P)" for what a proposal proposes."""
    roles = " & ".join(name(entity) for entity in participants)
    if actor or target:
        roles = f"{name(actor) if actor else '?'} -> {name(target) if target else '?'}"
    if proposed:
        roles += f" (proposed: {name(proposed)})"
    return roles


def _entity_id(store: Store, text: str) -> str:
    """--participant: an entity id (company/huawei) as it is, or a name or alias that names
    exactly one entity ("Huawei", "华为"), as an analyst types it.

    Raises:
        InputError: no entity, or several, go by that name (naming up to five of them).
    """
    from kg.namespaces import ID
    from kg.queries import search_entities

    if "/" in text:
        return text  # EventFilter checks the id
    _, rows = search_entities(store, text=text, limit=200)
    wanted = text.strip().casefold()
    named = [row for row in rows
             if wanted in {label.casefold() for label in (row.label, *row.aliases)}]
    ids = sorted(row.iri.removeprefix(str(ID)) for row in named)
    if len(ids) == 1:
        return ids[0]
    close = ids or sorted(row.iri.removeprefix(str(ID)) for row in rows)
    listed = ", ".join(close[:5]) + (", ..." if len(close) > 5 else "")
    what = (f"several entities are called so ({listed})" if len(ids) > 1 else
            f"no entity is called so (names containing it: {listed})" if close else
            "no entity is called so")
    raise InputError(f"--participant {text!r}: {what}; give an entity id (TYPE/SLUG, e.g. "
                     "person/xi-jinping)")


def _print_events(groups: Sequence[ConsolidatedRow], names: dict[str, str], *,
                  with_type: bool = False) -> None:
    """One entry per consolidated event: its roles, every reported date and place (reports
    that disagree are not silently resolved), topics, sources, then each report's sentence."""
    def name(iri: str) -> str:
        return names.get(iri) or iri.rsplit("/", 1)[-1]

    for group in groups:
        when = f" on {' | '.join(group.dates)}" if group.dates else ""
        where = f" in {' | '.join(group.locations)}" if group.locations else ""
        disagree = f" (reports disagree on {' and '.join(group.disagreements)})" \
            if group.disagreements else ""
        roles = _roles(sorted(group.participants, key=name), group.actor, group.target,
                       group.proposed, name=name)
        kind = f"{group.type}: " if with_type else ""
        sources = f"{group.source_count} source{'s' if group.source_count != 1 else ''}"
        print(f"- {kind}{roles}{when}{where}{disagree} [{', '.join(group.topics)}], {sources}")
        for report in group.reports:
            print(f"    \"{report.evidence.sentence}\" ({report.evidence.article_title or ''})")


def cmd_topics(args: argparse.Namespace) -> int:
    """The topic scheme as a tree (narrower topics indented under their broader one), each
    with its IRI's slug and the other labels `--topic` accepts."""
    from kg.topics import topic_scheme

    scheme = topic_scheme()
    iris = {topic.iri for topic in scheme}
    children: dict[str, list] = {}
    for topic in scheme:
        parents = [b for b in topic.broader if b in iris] or [""]
        for parent in parents:
            children.setdefault(parent, []).append(topic)

    def show(parent: str, depth: int) -> None:
        for topic in children.get(parent, []):
            others = ", ".join(topic.labels[:6]) + (", ..." if len(topic.labels) > 6 else "")
            print(f"{'  ' * depth}{topic.label}  [{topic.slug}]" + (f"  also: {others}"
                                                                   if others else ""))
            show(topic.iri, depth + 1)

    show("", 0)
    return 0


def cmd_graph(args: argparse.Namespace) -> int:
    from kg.graph import project, write_graph

    with _open(args, reading=True) as store:
        graph = project(store, args.projection)
    if args.output:
        try:
            with args.output.open("wb") as handle:
                write_graph(graph, handle, args.format)
        except OSError as error:
            raise InputError(f"{args.output}: cannot write ({error.strerror})") from None
        print(f"{args.projection}: {graph.number_of_nodes()} nodes, "
              f"{graph.number_of_edges()} edges -> {args.output}", file=sys.stderr)
    else:
        write_graph(graph, sys.stdout.buffer, args.format)
        sys.stdout.buffer.flush()
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    if not args.gold_dir.is_dir():
        raise InputError(f"{args.gold_dir}: not a directory of gold files")
    if args.articles_dir is not None and not args.articles_dir.is_dir():
        raise InputError(f"{args.articles_dir}: not a directory of articles")
    from kg.evaluate import evaluate_dir

    _check_gold_files(args.gold_dir)
    try:
        report = evaluate_dir(args.gold_dir, args.articles_dir)
    except FileNotFoundError as error:  # a gold file whose article is nowhere
        raise InputError(str(error)) from None
    except (KeyError, TypeError, AttributeError) as error:
        raise InputError(f"a gold file in {args.gold_dir} is not in the DESIGN.md format "
                         f"({type(error).__name__}: {error})") from None
    print(report.format(verbose=args.verbose))
    return 0


def _check_listening(host: str, port: int) -> None:
    """Fail in one line if the address cannot be listened on (a port in use, a host name
    that does not resolve), before the store is opened: uvicorn logs it after the app has
    started, and a host it cannot resolve is a traceback.

    Raises:
        InputError: naming the address and the system's reason.
    """
    import errno
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        family, kind, proto, _, address = infos[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
            probe.bind(address)
    except OSError as error:
        # `make run` on a machine where 8000 is taken: say how to pick another port.
        hint = ("; choose another with --port (`make run PORT=8001`)"
                if error.errno == errno.EADDRINUSE else "")
        raise InputError(f"cannot serve on {host}:{port}: {error.strerror or error}{hint}"
                         ) from None


def _check_gold_files(gold_dir: Path) -> None:
    """Each gold file is a JSON object; there is at least one (no files would score 1.00)."""
    paths = sorted(gold_dir.glob("*.json"))
    if not paths:
        raise InputError(f"{gold_dir}: no gold files (*.json) to score against")
    for path in paths:
        try:
            gold = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as error:
            raise InputError(f"{path}: not a readable JSON gold file ({error})") from None
        if not isinstance(gold, dict):
            raise InputError(f"{path}: a gold file is a JSON object in the DESIGN.md format, "
                             f"not a {type(gold).__name__}")


def cmd_serve(args: argparse.Namespace) -> int:
    """The store is $AIKG_STORE or --store; a remote one's endpoints come from AIKG_STORE_QUERY,
    AIKG_STORE_UPDATE and AIKG_STORE_GSP, as for every other command."""
    from contextlib import nullcontext

    import uvicorn

    from api.main import create_app
    from api.protocol import MAX_REQUEST_HEAD_BYTES
    from api.settings import ApiSettings, share_with_workers
    from kg.serving import base_url, serving
    from kg.store import open_store

    settings = ApiSettings.from_env(store=args.store)
    check_workers(args.workers, why="each process holds its own store connection and "
                  "caches, and more only compete for the CPUs")
    if args.workers > 1 and not settings.is_remote:
        raise InputError(f"--workers {args.workers}: the embedded store {settings.store!r} can be "
                         "opened by one process only; use --workers 1 (requests are served by "
                         "threads) or a remote store (AIKG_STORE=http://...)")
    _check_listening(args.host, args.port)
    # Fail here, in one line, if the store is locked, unreachable or cannot be opened.
    open_store(settings.kg_settings()).close()
    if args.workers == 1:
        # Other `kg` commands read through this server while it holds the store (kg.serving).
        note = (nullcontext() if settings.is_remote or settings.store == ":memory:"
                else serving(settings.store, base_url(args.host, args.port)))
        with note:
            uvicorn.run(create_app(settings), host=args.host, port=args.port,
                        h11_max_incomplete_event_size=MAX_REQUEST_HEAD_BYTES)
        return 0
    share_with_workers(settings)  # each worker process builds its app from the environment
    uvicorn.run("api.main:create_app", factory=True, host=args.host, port=args.port,
                workers=args.workers, h11_max_incomplete_event_size=MAX_REQUEST_HEAD_BYTES)
    return 0


def _cell(value: object) -> str:
    """A table cell: IRIs as prefixed names with the project's prefixes (the ones every query
    has pre-bound), longest namespace first; literals as their lexical form; blank for unbound.
    The table is for reading: `--format json` or `csv` give the full IRIs."""
    from rdflib import URIRef

    if value is None:
        return ""
    if isinstance(value, URIRef):
        iri = str(value)
        for prefix, namespace in _display_prefixes():
            if iri.startswith(namespace) and len(iri) > len(namespace) and " " not in iri:
                return f"{prefix}:{iri[len(namespace):]}"
        return f"<{iri}>"
    return str(value)


@functools.cache
def _display_prefixes() -> tuple[tuple[str, str], ...]:
    from rdflib.namespace import RDF

    from kg.namespaces import PREFIXES

    bound = {"rdf": str(RDF), **PREFIXES}
    return tuple(sorted(bound.items(), key=lambda item: -len(item[1])))


def _fit(cell: str, width: int) -> str:
    """`cell` padded to `width`, or cut with "…" where it is longer: a sentence cut silently
    at 60 characters read as the whole of it."""
    return cell.ljust(width) if len(cell) <= width else cell[:width - 1] + "…"


def _format_table(result: object) -> str:
    kind = getattr(result, "type", "SELECT")
    if kind == "ASK":
        return str(result.askAnswer).lower()  # type: ignore[attr-defined]
    if kind in ("CONSTRUCT", "DESCRIBE"):
        return result.serialize(format="turtle").decode("utf-8")  # type: ignore[attr-defined]
    names = [str(v) for v in result.vars]  # type: ignore[attr-defined]
    rows = [[_cell(value) for value in row] for row in result]  # type: ignore[attr-defined]
    widths = [min(60, max([len(n)] + [len(r[i]) for r in rows])) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(_fit(c, w) for c, w in zip(r, widths, strict=True)) for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
