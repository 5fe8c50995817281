#!/usr/bin/env python3
"""`scripts/bench.sh scrape`: what the worst-case scrape costs (issue 14 item 4). A benchmark, not a test.

The exporter jar starts in its own JVM with the default caps (or the flags given after --); 20,000 entries of
distinct (service, route, code, consumer) are posted (10 routes a service, codes over 200-599), the shape that made a
62 MB scrape before `metrics.max_samples`. Then /metrics is scraped N times as text and N times with gzip, each on a
fresh connection, and the script prints per scrape: size, lines (samples), wall time, and the exporter's CPU time
(utime+stime of the process from /proc, so the client's own work is not counted); min/median/max over the scrapes.
Then ingest keeps going (batches of 100 on one connection) while a scrape runs every 5 s, and the entries/s with and
without scrapes are printed.

Usage: scrape.py [--scrapes 10] [--entries 20000] [-- exporter flags...]
"""
import argparse
import gzip
import http.client
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from ingest import Exporter, cpu_seconds, ROOT  # noqa: E402


def bodies(entries, batch=1000):
    for start in range(0, entries, batch):
        items = []
        for i in range(start, min(entries, start + batch)):
            items.append({"service": {"name": f"svc-{i // 10}"}, "route": {"name": f"route-{i}"},
                          "consumer": {"username": f"c-{i}"}, "request": {"size": 10, "id": f"scrape-bench-{i}"},
                          "response": {"status": 200 + i % 400, "size": 100},
                          "latencies": {"kong": 1 + i % 7, "proxy": 2 + i % 300, "request": 3 + i % 300}})
        yield json.dumps(items).encode()


def post(port, body):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("POST", "/logs", body, {"Content-Type": "application/json"})
    r = conn.getresponse()
    r.read()
    conn.close()
    if r.status != 200:
        raise SystemExit(f"POST /logs answered {r.status}")


def scrape_once(port, pid, gzipped):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Accept-Encoding": "gzip"} if gzipped else {}
    cpu0, t0 = cpu_seconds(pid), time.monotonic()
    conn.request("GET", "/metrics", headers=headers)
    r = conn.getresponse()
    raw = r.read()
    wall, cpu = time.monotonic() - t0, cpu_seconds(pid) - cpu0
    conn.close()
    text = gzip.decompress(raw) if gzipped else raw
    lines = sum(1 for line in text.split(b"\n") if line and not line.startswith(b"#"))
    return dict(bytes=len(raw), text_bytes=len(text), lines=lines, wall=wall, cpu=cpu)


def spread(values, fmt):
    values = sorted(values)
    return f"{fmt(statistics.median(values))} ({fmt(values[0])}–{fmt(values[-1])})"


def ingest_rate(port, seconds, scrape_every=None, pid=None):
    """Entries/s posted in batches of 100 (each a fresh id range) for `seconds`, optionally scraping every `scrape_every` s."""
    stop = time.monotonic() + seconds
    done = [0]
    scrapes = []

    def scraper():
        while time.monotonic() < stop:
            time.sleep(scrape_every)
            if time.monotonic() < stop:
                scrapes.append(scrape_once(port, pid, False))

    if scrape_every:
        t = threading.Thread(target=scraper, daemon=True)
        t.start()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    n = 0
    while time.monotonic() < stop:
        items = [{"service": {"name": f"svc-{(n + k) % 50}"}, "route": {"name": f"route-{(n + k) % 200}"},
                  "request": {"id": f"rate-{scrape_every}-{n + k}"}, "response": {"status": 200},
                  "latencies": {"kong": 1, "proxy": 20, "request": 21}} for k in range(100)]
        conn.request("POST", "/logs", json.dumps(items).encode(), {"Content-Type": "application/json"})
        r = conn.getresponse()
        r.read()
        n += 100
    conn.close()
    return n / seconds, scrapes


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--scrapes", type=int, default=10)
    p.add_argument("--entries", type=int, default=20_000)
    p.add_argument("--jar", default=str(ROOT / "exporter/target/kong-exporter.jar"))
    p.add_argument("flags", nargs="*", help="exporter flags (after --)")
    args = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="kong-exporter-scrape-") as tmp:
        exporter = Exporter(Path(args.jar), ["-Xms512m", "-Xmx512m"], Path(tmp), None)
        try:
            if args.flags:
                print("note: exporter flags are read from the environment in this script; flags ignored:", args.flags)
            pid = exporter.process.pid
            for body in bodies(args.entries):
                post(exporter.port, body)
            for _ in range(3):  # JIT warm-up of the scrape path
                scrape_once(exporter.port, pid, False)
                scrape_once(exporter.port, pid, True)
            for gzipped in (False, True):
                rs = [scrape_once(exporter.port, pid, gzipped) for _ in range(args.scrapes)]
                kind = "gzip" if gzipped else "text"
                print(f"{kind:4} scrape after {args.entries:,} distinct (service, route, code, consumer): "
                      f"{rs[0]['bytes'] / 1e6:.1f} MB on the wire ({rs[0]['text_bytes'] / 1e6:.1f} MB of text), {rs[0]['lines']:,} samples; "
                      f"exporter CPU {spread([r['cpu'] * 1000 for r in rs], lambda v: f'{v:.0f} ms')}, "
                      f"wall {spread([r['wall'] * 1000 for r in rs], lambda v: f'{v:.0f} ms')} over {args.scrapes} scrapes")
            quiet, _ = ingest_rate(exporter.port, 15)
            busy, scrapes = ingest_rate(exporter.port, 15, 5, pid)
            print(f"ingest from one client (batches of 100): {quiet:,.0f} entries/s without scrapes, {busy:,.0f} entries/s "
                  f"with a full text scrape every 5 s ({len(scrapes)} scrapes, wall "
                  f"{spread([s['wall'] * 1000 for s in scrapes], lambda v: f'{v:.0f} ms') if scrapes else '-'})")
        finally:
            exporter.close()


if __name__ == "__main__":
    main()
