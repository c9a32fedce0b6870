"""A small HTTP load generator, run in its own processes: `python bench/load.py URL --seconds 10 --concurrency 8`.

Prints one JSON line: requests, errors, requests per second, p50 and p99 latency in milliseconds.
Each worker process keeps one HTTP/1.1 connection per thread alive, as a browser would.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import statistics
import threading
import time
from urllib.parse import urlsplit


def _thread_loop(url: str, deadline: float, latencies: list[float], errors: list[int]) -> None:
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=30)
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers={"Accept-Language": "en"})
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                errors.append(response.status)
        except (OSError, http.client.HTTPException):
            errors.append(0)
            connection.close()
            connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=30)
            continue
        latencies.append(time.perf_counter() - started)
    connection.close()


def _process(url: str, seconds: float, threads: int, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    deadline = time.perf_counter() + seconds
    latencies: list[float] = []
    errors: list[int] = []
    workers = [threading.Thread(target=_thread_loop, args=(url, deadline, latencies, errors)) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    queue.put((latencies, errors))


def run(url: str, *, seconds: float, concurrency: int, processes: int = 2) -> dict[str, float]:
    queue: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    per_process = max(1, concurrency // processes)
    started = time.perf_counter()
    children = [
        multiprocessing.Process(target=_process, args=(url, seconds, per_process, queue)) for _ in range(processes)
    ]
    for child in children:
        child.start()
    latencies: list[float] = []
    errors: list[int] = []
    for _ in children:
        got_latencies, got_errors = queue.get()
        latencies += got_latencies
        errors += got_errors
    for child in children:
        child.join()
    elapsed = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return {
        "requests": len(latencies),
        "errors": len(errors),
        "rps": len(latencies) / elapsed,
        "p50_ms": cuts[49] * 1000,
        "p99_ms": cuts[98] * 1000,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=8)
    arguments = parser.parse_args()
    print(json.dumps(run(arguments.url, seconds=arguments.seconds, concurrency=arguments.concurrency)))
