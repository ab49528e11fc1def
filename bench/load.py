"""A small load generator: threads, one keep-alive `http.client` connection each.

Each page is warmed (three requests), then requested BENCH_REQUESTS times one after another
(concurrency 1), then by 8 threads at once (BENCH_REQUESTS requests each... divided so the total
is 2 x BENCH_REQUESTS). Every response must be 200; its X-Query-Count header (see
partnership/middleware_query_count.py) is recorded.
"""

import http.client
import os
import statistics
import threading
import time

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "10"))
COLD_REQUESTS = int(os.environ.get("BENCH_COLD_REQUESTS", "5"))
CONCURRENCY = 8


def wait_until_up(port: int, server, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}; see its log in the work directory")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", "/accessibility/")
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("gunicorn did not answer in time")


class Client:
    def __init__(self, port: int, cookie: str):
        self.port, self.cookie = port, cookie
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def get(self, path: str) -> tuple[float, int, int | None]:
        """(seconds, status, queries) for one GET, reconnecting once if the server closed."""
        for attempt in (1, 2):
            try:
                started = time.perf_counter()
                self.conn.request("GET", path, headers={"Cookie": self.cookie, "Host": "127.0.0.1"})
                response = self.conn.getresponse()
                response.read()
                elapsed = time.perf_counter() - started
                queries = response.getheader("X-Query-Count")
                return elapsed, response.status, int(queries) if queries else None
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
                if attempt == 2:
                    raise
        raise AssertionError


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def _run(port: int, target: dict, concurrency: int, total: int) -> tuple[list[float], set, list]:
    times: list[float] = []
    statuses: set = set()
    queries: list = []
    lock = threading.Lock()
    per_thread = max(1, total // concurrency)

    def worker():
        client = Client(port, target["cookie"])
        for _ in range(per_thread):
            elapsed, status, count = client.get(target["path"])
            with lock:
                times.append(elapsed)
                statuses.add(status)
                queries.append(count)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times, statuses, queries


def cold(port: int, target: dict, invalidate) -> tuple[list[float], list]:
    """COLD_REQUESTS requests one after another, each after `invalidate()` has moved the data
    version on (as any write does), so that no cached fragment is used: the page's cost just
    after someone changed something."""
    client = Client(port, target["cookie"])
    times, queries = [], []
    for _ in range(COLD_REQUESTS):
        invalidate()
        elapsed, _status, count = client.get(target["path"])
        times.append(elapsed)
        queries.append(count)
    return times, queries


def measure_pages(port: int, targets: list[dict], invalidate=None) -> list[dict]:
    """Each page warm (its cached fragments in use: the figures of the goals) at concurrency 1
    and 8, then cold (`cold`) when `invalidate` is given."""
    rows = []
    for target in targets:
        warm = Client(port, target["cookie"])
        for _ in range(3):
            _elapsed, status, _q = warm.get(target["path"])
        print(f"  {target['name']}: {target['path']} (warm-up status {status})", flush=True)
        one, statuses1, queries = _run(port, target, 1, REQUESTS)
        eight, statuses8, _ = _run(port, target, CONCURRENCY, 2 * REQUESTS)
        known = [q for q in queries if q is not None]
        cold_times, cold_queries = cold(port, target, invalidate) if invalidate else ([], [])
        cold_known = [q for q in cold_queries if q is not None]
        rows.append(
            {
                "name": target["name"],
                "path": target["path"],
                "floor": target.get("floor", False),
                "statuses": sorted(statuses1 | statuses8),
                "c1_median_ms": statistics.median(one) * 1000,
                "c1_p95_ms": percentile(one, 95) * 1000,
                "c8_median_ms": statistics.median(eight) * 1000,
                "c8_p95_ms": percentile(eight, 95) * 1000,
                "queries": max(known) if known else None,
                "cold_median_ms": statistics.median(cold_times) * 1000 if cold_times else None,
                "cold_queries": max(cold_known) if cold_known else None,
            }
        )
    return rows


def query_counts(port: int, targets: list[dict], invalidate=None) -> dict:
    """Per page: (queries warm, queries cold) at this data size."""
    counts = {}
    for target in targets:
        client = Client(port, target["cookie"])
        client.get(target["path"])
        _elapsed, status, queries = client.get(target["path"])
        if status != 200:
            counts[target["name"]] = (f"HTTP {status}", None)
            continue
        _times, cold_queries = cold(port, target, invalidate) if invalidate else ([], [None])
        counts[target["name"]] = (queries, max(cold_queries, default=None))
    return counts
