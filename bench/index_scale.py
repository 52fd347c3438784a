"""The persisted query index at 10k, 100k and 1M articles: build, restart, crash, memory, speed.

    .venv/bin/python -m bench.index_scale --sizes 10000 100000 [--repeat 20] [--work DIR]
        [--keep-index] [--sparql-timeout S] [--json FILE]

For each size, a store of synthetic articles (bench.big_store: bench.dataset's N-Quads, the
file every query benchmark loads) is served by `kg serve` in its own process, and measured:
1. first start, no index file: seconds until /health reports the index ready (the build),
   and the server's peak resident memory (VmHWM) meanwhile;
2. the REST routes computed for every request (`Cache-Control: no-cache`: answered by the
   index) and the same questions on /sparql (bench.query_speed), median and p95 over
   `--repeat` runs after a warm-up, then the server's resident memory (VmRSS) at rest;
3. a restart: seconds from process start until /health reports the index ready, and RSS;
4. a crash mid-ingest: a child process writes CRASH_ARTICLES articles through kg and dies
   (os._exit) as the last write ends, before the index applies them; then a start as in 3,
   which replays them from the index's pending list;
5. the index file's size on disk (with its write-ahead log);
6. opening the built index in process, side by side (OPEN_ROUNDS rounds, alternating): as
   `kg serve` opens it (answering once the pending list is replayed, the comparison of its
   graphs with the store's on a thread) and as the command line does (the comparison before
   answering, which is how every start worked before 2026-12-01).
Targets (issue 15, at 100k): RSS <= 1 GB, ready <= 5 s, each REST answer <= 20 ms and never
slower than the same question on /sparql. Figures print as a Markdown table per size.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

from bench.api_server import ApiServer
from bench.big_store import load_store
from bench.http_client import Client
from bench.query_speed import FRESH, PREFIXES, QUERIES, http_run, measure, percentile, routes
from kg.index import open_index
from kg.store import EmbeddedStore

#: Articles the crash run writes before dying (one ingest batch of a feed poll or so).
CRASH_ARTICLES = 200
#: Rounds of each way of opening the index in step 6.
OPEN_ROUNDS = 3
#: The server's query timeout, seconds (bench.api_server's default).
SPARQL_TIMEOUT = 900.0
INDEX_SUFFIX = ".index.sqlite"

_CRASH = """
import os, sys
from pathlib import Path
from bench.dataset import article_nquads
from kg.index import GraphIndex, open_index
from kg.index import open_index
from kg.store import EmbeddedStore
from rdflib import URIRef

location, first, count = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
store = EmbeddedStore(location)
open_index(store, background=False)
ends = GraphIndex.after_write
calls = []
def dying(self, graphs):
    calls.append(1)
    ends(self, graphs)
    if len(calls) == count:  # the last store write is committed; its index update never runs
        os._exit(0)
GraphIndex.after_write = dying
for i in range(first, first + count):
    lines = article_nquads(i, seed=1).splitlines()
    graph = lines[0].rsplit(" ", 2)[-2].strip("<>")
    triples = [line.rsplit(" ", 2)[0] + " ." for line in lines]
    store.put_graph(URIRef(graph), triples)
os._exit(1)
"""


def rss_kib(pid: int, field: str = "VmRSS") -> int:
    """A /proc/<pid>/status memory field (VmRSS now, VmHWM peak), in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def until_ready(api: ApiServer, started: float, *, timeout: float = 4 * 3600
                ) -> tuple[float, int]:
    """(seconds from `started` until /health says the index is ready, peak RSS in KiB)."""
    client = Client(api.url)
    peak = 0
    try:
        while time.perf_counter() - started < timeout:
            assert api.process is not None
            peak = max(peak, rss_kib(api.process.pid, "VmHWM"))
            _, body, _ = client.get("/health")
            if json.loads(body).get("index") == "ready":
                return time.perf_counter() - started, peak
            time.sleep(0.05)
    finally:
        client.close()
    raise RuntimeError(f"index not ready after {timeout} s")


def file_mib(store: Path) -> float:
    base = store.with_name(store.name + INDEX_SUFFIX)
    return sum(p.stat().st_size for p in (base, base.with_name(base.name + "-wal"))
               if p.exists()) / 2**20


def path_end(location: Path) -> str:
    """The IRI the 2-hop path question ends at: the first its SPARQL query finds, asked of
    the store in this process before the server holds it (no server timeout applies)."""
    with EmbeddedStore(location) as store:
        solutions = store.query_native(PREFIXES + QUERIES["2-hop path"])
        return str(next(iter(solutions))["end"].value)  # type: ignore[arg-type]


def sparql_measure(run: Callable[[], object], *, repeat: int, budget: float
                   ) -> list[float]:
    """`measure` for a /sparql question; [] when the server gave up at its query timeout
    (a 503: at 1M articles a union-graph join can run past any budget worth waiting for)."""
    try:
        return measure(run, repeat=repeat, budget=budget)
    except RuntimeError as error:
        if " answered 503" not in str(error):
            raise
        return []


def open_figures(store: Path, rounds: int = OPEN_ROUNDS) -> dict[str, float]:
    """Step 6: median milliseconds of each way of opening the built index of `store`."""
    served: list[float] = []
    compared: list[float] = []
    synchronous: list[float] = []
    for _ in range(rounds):
        for background in (True, False):
            with EmbeddedStore(store) as opened:
                started = time.perf_counter()
                index = open_index(opened, background=background)
                answering = time.perf_counter() - started
                assert index is not None and index.state == "ready", "the index is not built"
                index.wait()
                (served if background else synchronous).append(answering)
                if background:
                    compared.append(time.perf_counter() - started)
                index.close()
    return {"open in process, served: answering ms": statistics.median(served) * 1000,
            "open in process, served: graphs compared ms": statistics.median(compared) * 1000,
            "open in process, comparing first: answering ms":
                statistics.median(synchronous) * 1000}


def bench_size(size: int, work: Path, *, repeat: int, budget: float,
               keep_index: bool = False, sparql_timeout: float = SPARQL_TIMEOUT
               ) -> dict[str, object]:
    store = work / str(size) / "store"
    loaded = load_store(size, store)
    first = "first start, index kept" if keep_index else "first start"
    if not keep_index:
        for suffix in ("", "-wal", "-shm"):
            store.with_name(store.name + INDEX_SUFFIX + suffix).unlink(missing_ok=True)
    out: dict[str, object] = {"articles": size, "quads": loaded["quads"],
                              "load seconds": loaded["load_seconds"],
                              "/sparql timeout s": sparql_timeout}
    env = {"AIKG_QUERY_TIMEOUT": str(sparql_timeout)}
    end = path_end(store)
    started = time.perf_counter()
    with ApiServer(store, env=env) as api:
        out[f"{first}: ready s" if keep_index else "first start: index build s"], peak = (
            until_ready(api, started))
        out[f"{first}: peak RSS MiB"] = peak / 1024
        client, rest = Client(api.url), Client(api.url, timeout=budget)
        end_id = end.removeprefix("https://w3id.org/aikg/id/")
        timings: dict[str, dict[str, list[float]]] = {}
        for name, route in routes(end_id).items():
            timings[name] = {
                "REST computed": measure(http_run(rest, "GET", route, headers=FRESH),
                                         repeat=repeat, budget=budget),
                "/sparql": sparql_measure(http_run(client, "POST", "/sparql",
                                                   PREFIXES + QUERIES[name]),
                                          repeat=repeat, budget=budget)}
        client.close()
        rest.close()
        assert api.process is not None
        out["steady RSS MiB"] = rss_kib(api.process.pid) / 1024
        out["timings"] = timings
    out["index file MiB"] = file_mib(store)
    started = time.perf_counter()
    with ApiServer(store) as api:
        out["restart: ready s"], _ = until_ready(api, started)
        assert api.process is not None
        out["restart: RSS MiB"] = rss_kib(api.process.pid) / 1024
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(_CRASH), str(store),
                           str(10 * size + 1), str(CRASH_ARTICLES)], capture_output=True,
                          text=True, timeout=3600)
    if done.returncode != 0:
        raise RuntimeError(f"the crash run did not end as planned: {done.stderr[-2000:]}")
    started = time.perf_counter()
    with ApiServer(store) as api:
        out[f"after a crash ({CRASH_ARTICLES} articles pending): ready s"], _ = until_ready(
            api, started)
        client = Client(api.url)
        client.get("/health")
        client.close()
    out.update(open_figures(store))
    return out


def report(result: dict[str, object]) -> str:
    lines = [f"### {result['articles']} articles, {result['quads']} quads", "",
             "| measure | value |", "|---|---:|"]
    for key, value in result.items():
        if key in ("articles", "quads", "timings"):
            continue
        lines.append(f"| {key} | {value:.1f} |" if isinstance(value, float)
                     else f"| {key} | {value} |")
    lines += ["", "| question | REST computed median / p95 ms | /sparql median / p95 ms "
              "| REST ÷ /sparql |", "|---|---:|---:|---:|"]
    for name, row in result["timings"].items():  # type: ignore[attr-defined]
        rest, sparql = row["REST computed"], row["/sparql"]
        if sparql:
            answered = (f"{statistics.median(sparql) * 1000:.1f} / "
                        f"{percentile(sparql, 0.95) * 1000:.1f} | "
                        f"{statistics.median(rest) / statistics.median(sparql):.2f}")
        else:
            answered = f"past the {result['/sparql timeout s']:g} s timeout (503) | 0.00"
        lines.append(f"| {name} | {statistics.median(rest) * 1000:.1f} / "
                     f"{percentile(rest, 0.95) * 1000:.1f} | {answered} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--budget", type=float, default=120.0,
                        help="seconds at most per route or query")
    parser.add_argument("--work", type=Path, default=Path("/tmp/aikg-scale"),
                        help="where the stores are kept between runs")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument("--sparql-timeout", type=float, default=SPARQL_TIMEOUT,
                        help="the server's query timeout: a /sparql question past it is "
                        "reported as such (its REST twin is still measured)")
    parser.add_argument("--keep-index", action="store_true",
                        help="serve the index file already beside each store (from an earlier "
                        "run or `kg index rebuild`) instead of building it at the first start")
    args = parser.parse_args()
    results = []
    for size in args.sizes:
        result = bench_size(size, args.work, repeat=args.repeat, budget=args.budget,
                            keep_index=args.keep_index, sparql_timeout=args.sparql_timeout)
        print(report(result), flush=True)
        print(flush=True)
        results.append(result)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
