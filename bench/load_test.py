"""The API under a bounded load from a separate process on loopback (benchmark (d)).

    .venv/bin/python -m bench.load_test [--articles 200] [--seconds 30] [--clients 4] [--fresh]

Bulk-loads N synthetic articles into a fresh on-disk store, starts `kg serve` on it in its own
process, and drives it from this process with `--clients` threads, each with one kept-alive
connection, for `--seconds`, over a mix of the domain routes and /sparql (with `--fresh`, every
domain answer is computed rather than served from the response cache). Prints requests/s,
p50/p99 latency per route and overall, errors (any status other than 200), and the server's
RSS (from /proc) sampled every second: memory must stay flat.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from bench.api_server import ApiServer
from bench.dataset import synthetic_nquads
from bench.http_client import Client
from bench.query_speed import FRESH, PREFIXES, QUERIES, percentile, wait_for_index
from kg.store import EmbeddedStore

#: (path, SPARQL body to POST or None for a GET).
ROUTES = [
    ("/health", None),
    ("/stats", None),
    ("/meetings?topic=AI&limit=10", None),
    ("/entities?q=hua&limit=10", None),
    ("/facts?predicate=memberOf&limit=10", None),
    ("/sparql", PREFIXES + QUERIES["count per type"]),
    ("/sparql?" + urllib.parse.urlencode({"query": PREFIXES + QUERIES["2-hop path"]}), None),
]


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def drive(url: str, seconds: float, clients: int, *, fresh: bool = False
          ) -> dict[str, list[float]]:
    """Run the route mix from `clients` threads; latencies per route, errors under 'errors'."""
    results: dict[str, list[float]] = {path.split("?")[0]: [] for path, _ in ROUTES}
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client_loop(offset: int) -> None:
        client = Client(url, timeout=60)
        for path, body in itertools.islice(itertools.cycle(ROUTES), offset, None):
            if time.monotonic() > deadline:
                break
            try:
                if body is None:
                    status, data, elapsed = client.get(path, headers=FRESH if fresh else None)
                else:
                    status, data, elapsed = client.sparql(path, body)
            except OSError as error:
                with lock:
                    errors.append(f"{path}: {error}")
                continue
            with lock:
                if status == 200:
                    results[path.split("?")[0]].append(elapsed)
                else:
                    errors.append(f"{path}: {status} {data[:120]!r}")
        client.close()

    threads = [threading.Thread(target=client_loop, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results["errors"] = [float(len(errors))]
    for error in errors[:5]:
        print("  error:", error)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--fresh", action="store_true",
                        help="send Cache-Control: no-cache: every answer computed, none cached")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="aikg-load-") as tmp:
        store_path = Path(tmp) / "store"
        with EmbeddedStore(store_path) as store:
            store.bulk_load(synthetic_nquads(args.articles))
        with ApiServer(store_path) as server:
            assert server.process is not None
            pid = server.process.pid
            index_seconds = wait_for_index(server.url)
            drive(server.url, 3, 1)  # warm-up: first queries, imports, caches
            memory = [rss_mib(pid)]
            sampler_stop = threading.Event()

            def sample() -> None:
                while not sampler_stop.wait(1.0):
                    memory.append(rss_mib(pid))

            sampler = threading.Thread(target=sample)
            sampler.start()
            started = time.perf_counter()
            results = drive(server.url, args.seconds, args.clients, fresh=args.fresh)
            elapsed = time.perf_counter() - started
            sampler_stop.set()
            sampler.join()
    errors = int(results.pop("errors")[0])
    every = [t for times in results.values() for t in times]
    print(f"query index ready after {index_seconds:.1f} s; answers "
          f"{'computed for every request (no-cache)' if args.fresh else 'cached when repeated'}")
    print(f"{args.articles} articles, {args.clients} clients, {elapsed:.1f}s: "
          f"{len(every) / elapsed:.1f} requests/s, p50 {statistics.median(every) * 1000:.1f} ms, "
          f"p99 {percentile(every, 0.99) * 1000:.1f} ms, errors {errors}")
    for path, times in results.items():
        if times:
            median = statistics.median(times) * 1000
            print(f"  {path:<12} {len(times):6d} requests  p50 {median:8.1f} ms"
                  f"  p99 {percentile(times, 0.99) * 1000:8.1f} ms")
    quarter = max(1, len(memory) // 4)
    print(f"server RSS MiB: start {memory[0]:.1f}, first quarter max "
          f"{max(memory[:quarter]):.1f}, last quarter max {max(memory[-quarter:]):.1f}, "
          f"end {memory[-1]:.1f}")


if __name__ == "__main__":
    main()
