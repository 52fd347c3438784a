"""Load time and query latency at N synthetic articles, side by side in one run.

    .venv/bin/python -m bench.query_speed --sizes 1000 10000 [--repeat 30] [--rdflib-max 10000]

For each size the same N-Quads (bench.dataset: synthetic articles mapped by kg.rdf) are
loaded into (1) our embedded store, served by `kg serve` (its /sparql and domain REST
routes), (2) the Oxigraph server from PyPI (`oxigraph load` + `oxigraph serve`), and
(3) rdflib's default in-memory store with rdflib's own SPARQL engine (up to --rdflib-max).
Four questions are asked of each, in SPARQL to all three and through our REST routes:
meetings about AI, an entity's neighbourhood, a count per type, a 2-hop path. Both HTTP
servers are queried over loopback on one kept-alive connection; median and p95 are printed.
The REST routes are measured twice: computed for every request (`Cache-Control: no-cache`:
the answer comes from the query index, the cold case after a write) and from the response
cache (a repeated question). Measuring starts once `kg serve` reports its index ready.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import tempfile
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path

from bench.api_server import ApiServer
from bench.dataset import reference_nquads, synthetic_nquads
from bench.http_client import Client
from bench.oxigraph_server import OxigraphServer, oxigraph_binary
from kg.store import EmbeddedStore

PREFIXES = """PREFIX aikg: <https://w3id.org/aikg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
PREFIX topic: <https://w3id.org/aikg/topic/>
"""
CENTER = "company/huawei"
ID = "https://w3id.org/aikg/id/"
FACTS = ("aikg:memberOf|aikg:withdrewFrom|aikg:roleIn|aikg:partOf|aikg:basedIn|aikg:issuedBy"
         "|aikg:targets|aikg:investsIn")
LINK = f"({FACTS}|^({FACTS}))"
QUERIES = {
    "meetings about AI": """
SELECT ?meeting (GROUP_CONCAT(DISTINCT ?name; SEPARATOR=" & ") AS ?participants)
       ?date ?location ?sentence ?title
WHERE {
  ?meeting a aikg:Meeting ; aikg:topic/skos:broader* topic:ai ; aikg:participant ?who ;
           aikg:evidence ?evidence ; prov:wasDerivedFrom ?article .
  ?who rdfs:label ?name . ?evidence rdf:value ?sentence . ?article schema:headline ?title .
  OPTIONAL { ?meeting aikg:date ?date } OPTIONAL { ?meeting aikg:location ?location }
}
GROUP BY ?meeting ?date ?location ?sentence ?title ORDER BY ?date ?meeting LIMIT 50""",
    "entity neighbourhood": f"""
SELECT DISTINCT ?other ?label WHERE {{
  VALUES ?x {{ <{ID}{CENTER}> }}
  {{ ?x {LINK} ?other }} UNION
  {{ ?event aikg:participant|aikg:actor|aikg:target|aikg:proposed ?x ;
            aikg:participant|aikg:actor|aikg:target|aikg:proposed ?other }}
  ?other rdfs:label ?label . FILTER(?other != ?x)
}} ORDER BY ?other""",
    "count per type": """
SELECT ?type (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?type } GROUP BY ?type ORDER BY ?type""",
    "2-hop path": f"""
SELECT DISTINCT ?middle ?end WHERE {{
  <{ID}{CENTER}> {LINK} ?middle . ?middle {LINK} ?end . FILTER(?end != <{ID}{CENTER}>)
}} ORDER BY ?middle ?end""",
}


def routes(end: str) -> dict[str, str]:
    """The REST route answering each question (the path's end comes from the data)."""
    query = urllib.parse.urlencode({"from": CENTER, "to": end, "max_hops": 2})
    return {"meetings about AI": "/meetings?topic=AI",
            "entity neighbourhood": f"/entities/{CENTER}/neighbors",
            "count per type": "/stats",
            "2-hop path": f"/path?{query}"}


#: REST answers computed for every request (by the query index), not served from the cache.
FRESH = {"Cache-Control": "no-cache"}


def wait_for_index(url: str, *, timeout: float = 3600.0) -> float:
    """Seconds until `kg serve` reports its query index ready (it answers with SPARQL before)."""
    client, started = Client(url), time.perf_counter()
    try:
        while time.perf_counter() - started < timeout:
            _, body, _ = client.get("/health")
            if json.loads(body).get("index") == "ready":
                return time.perf_counter() - started
            time.sleep(0.5)
    finally:
        client.close()
    raise RuntimeError(f"the query index of {url} was not ready after {timeout} s")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(run: Callable[[], object], *, repeat: int, budget: float) -> list[float]:
    """Latencies of `repeat` runs after one warm-up, stopping early past `budget` seconds."""
    started = time.perf_counter()
    run()
    first = time.perf_counter() - started
    if first > budget:
        return [first]
    times = []
    while len(times) < repeat and time.perf_counter() - started < budget:
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    return times


def http_run(client: Client, method: str, path: str, query: str | None = None, *,
             headers: dict[str, str] | None = None) -> Callable[[], int]:
    def run() -> int:
        if query is None:
            status, body, _ = client.get(path, headers=headers)
        else:
            status, body, _ = client.sparql(path, query)
        if status != 200:
            raise RuntimeError(f"{method} {path} answered {status}: {body[:300]!r}")
        return len(body)
    return run


def rows_of(body: bytes) -> int:
    return len(json.loads(body)["results"]["bindings"])


def bench_size(size: int, *, repeat: int, rdflib_max: int, budget: float) -> dict[str, object]:
    data, reference = synthetic_nquads(size), reference_nquads()
    out: dict[str, object] = {"articles": size}
    with tempfile.TemporaryDirectory(prefix="aikg-q-") as tmp:
        ours_dir, server_dir = Path(tmp) / "ours", Path(tmp) / "oxigraph"
        started = time.perf_counter()
        with EmbeddedStore(ours_dir) as store:  # loads the reference graphs itself
            store.bulk_load(data)
            quads = len(store)
            end = next(iter(store.query_native(PREFIXES + QUERIES["2-hop path"])))["end"].value  # type: ignore[index,call-overload,arg-type]
        out["quads"] = quads
        load = {"ours (embedded, bulk)": time.perf_counter() - started}
        started = time.perf_counter()
        subprocess.run([oxigraph_binary() or "oxigraph", "load", "--location", str(server_dir),
                        "--file", str(reference), str(data)], check=True, capture_output=True)
        load["oxigraph server (oxigraph load)"] = time.perf_counter() - started
        dataset = None
        if size <= rdflib_max:
            from rdflib import Dataset

            started = time.perf_counter()
            dataset = Dataset(default_union=True)
            dataset.parse(reference, format="nquads")
            dataset.parse(data, format="nquads")
            load["rdflib in-memory (parse)"] = time.perf_counter() - started
        out["load_seconds"] = load
        end_id = end.removeprefix(ID)
        results: dict[str, dict[str, object]] = {}
        with ApiServer(ours_dir) as api, OxigraphServer(location=server_dir,
                                                        timeout_s=900) as oxigraph:
            load["ours: query index built by kg serve"] = wait_for_index(api.url)
            ours, peer = Client(api.url), Client(oxigraph.url)
            for name, query in QUERIES.items():
                text = PREFIXES + query
                row: dict[str, object] = {}
                _, body, _ = ours.sparql("/sparql", text)
                _, peer_body, _ = peer.sparql("/query", text)
                row["rows"] = rows_of(body)
                if rows_of(peer_body) != row["rows"]:
                    raise RuntimeError(f"{name}: {rows_of(peer_body)} rows from Oxigraph "
                                       f"server, {row['rows']} from ours")
                row["ours /sparql"] = measure(http_run(ours, "POST", "/sparql", text),
                                              repeat=repeat, budget=budget)
                row["oxigraph server"] = measure(http_run(peer, "POST", "/query", text),
                                                 repeat=repeat, budget=budget)
                if dataset is not None:
                    count = len(list(dataset.query(text)))
                    if count != row["rows"]:
                        raise RuntimeError(f"{name}: {count} rows from rdflib, {row['rows']}")
                    row["rdflib in-memory"] = measure(lambda t=text: list(dataset.query(t)),
                                                      repeat=repeat, budget=budget)
                results[name] = row
            # The REST routes last, each call capped: a route that runs away keeps a core busy
            # until the server stops, which would skew every measurement after it.
            rest = Client(api.url, timeout=budget)
            for name, route in routes(end_id).items():
                for label, headers in ((f"ours REST {route} (computed)", FRESH),
                                       (f"ours REST {route} (cached)", None)):
                    try:
                        results[name][label] = measure(http_run(rest, "GET", route,
                                                                headers=headers),
                                                       repeat=repeat, budget=budget)
                    except TimeoutError:
                        results[name][label] = [float("inf")]
                        break  # the server is still busy with it: later routes would wait
            ours.close()
            peer.close()
    out["queries"] = results
    return out


def report(result: dict[str, object]) -> str:
    lines = [f"## {result['articles']} articles, {result['quads']} quads", "",
             "| load | seconds |", "|---|---:|"]
    for name, seconds in result["load_seconds"].items():  # type: ignore[attr-defined]
        lines.append(f"| {name} | {seconds:.1f} |")
    lines += ["", "| question | engine | median ms | p95 ms | runs | vs ours /sparql "
              "| rdflib ÷ this |", "|---|---|---:|---:|---:|---:|---:|"]
    for name, row in result["queries"].items():  # type: ignore[attr-defined]
        base = statistics.median(row["ours /sparql"])
        rdflib = statistics.median(row["rdflib in-memory"]) if "rdflib in-memory" in row else None
        for engine, times in row.items():
            if engine == "rows":
                continue
            median = statistics.median(times)
            if median == float("inf"):
                lines.append(f"| {name} ({row['rows']} rows) | {engine} | > budget (timed "
                             "out; later routes not measured) | | 0 | |")
                continue
            speedup = f"{rdflib / median:.0f}×" if rdflib is not None else ""
            lines.append(f"| {name} ({row['rows']} rows) | {engine} | {median * 1000:.1f} | "
                         f"{percentile(times, 0.95) * 1000:.1f} | {len(times)} | "
                         f"{median / base:.2f}× | {speedup} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--rdflib-max", type=int, default=10000,
                        help="largest size also loaded into rdflib's in-memory store")
    parser.add_argument("--budget", type=float, default=60.0,
                        help="seconds at most per engine and question")
    parser.add_argument("--json", type=Path, help="also write the raw timings here")
    args = parser.parse_args()
    results = []
    for size in args.sizes:
        result = bench_size(size, repeat=args.repeat, rdflib_max=args.rdflib_max,
                            budget=args.budget)
        print(report(result), flush=True)
        print(flush=True)
        results.append(result)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
