#!/usr/bin/env python3
"""Writes the http-log bodies that scripts/bench/ingest.lua posts (a benchmark input; not a test).

A pool of distinct, realistic Kong 3.9 entries is made from the five shapes of the fixture
kong-fixtures/http-log/batch-3.9-five-entries.wire.json (proxied 200 with a consumer, rejected 401,
rate-limited 429 with a consumer, 502-then-200 retries, no-route 404; its first entry is
entry-3.9-proxied-200-consumer.json), spread over 50 services, 200 routes and 500 consumers with
realistic status codes and latencies. Entries are encoded the way Kong puts them on the wire
(compact, `/` escaped as `\\/`).

For every batch size one file is written, `bodies-<size>.txt`, one body a line; every body of every
size cycles through the same pool, so each batch size feeds the same series. Each entry's
`request.id` (and its twin, the `x-kong-request-id` response header) is a template: 16 characters of
MARKER, which the Lua script replaces per request with a run/thread/request counter, then 16 hex
digits of the entry's position in its body. So every id the exporter sees is unique and its
de-duplication (on, default window) counts nothing twice.

Usage: ingest_bodies.py <fixtures dir> <out dir> <pool size> <batch size>...
"""
import json
import random
import sys
import uuid
from pathlib import Path

MARKER = "@" * 16
SERVICES, ROUTES, CONSUMERS = 50, 200, 500
# Status codes an upstream answers with, by weight (a typical JSON API mix).
UPSTREAM_CODES = [(200, 70), (201, 6), (204, 4), (304, 3), (301, 1), (400, 4), (403, 1), (404, 5),
                  (409, 1), (422, 1), (500, 1.5), (502, 1), (503, 1), (504, 0.5)]
NAMESPACE = uuid.UUID("6f1b3c1e-0000-4000-8000-000000000000")


def uid(kind, n):
    return str(uuid.uuid5(NAMESPACE, f"{kind}-{n}"))


def weighted(rng, pairs):
    return rng.choices([v for v, _ in pairs], weights=[w for _, w in pairs])[0]


def route_of(rng):
    """Routes by a Zipf-like popularity: a few busy routes, a long tail."""
    return min(ROUTES - 1, int(rng.paretovariate(1.1)) - 1) if rng.random() < 0.6 else rng.randrange(ROUTES)


def consumer_of(rng, route):
    """Each route is used by ten of the 500 consumers."""
    return (route * 37 + rng.randrange(10) * 53) % CONSUMERS


def entry(rng, shapes, n):
    kind = weighted(rng, [("proxied", 80), ("retried", 4), ("unauthorized", 6), ("limited", 5), ("no_route", 5)])
    shape = {"proxied": 0, "unauthorized": 1, "limited": 2, "retried": 3, "no_route": 4}[kind]
    e = json.loads(json.dumps(shapes[shape]))
    route = route_of(rng)
    service = route % SERVICES
    request_ms = 0
    if "service" in e:
        e["service"].update(name=f"svc-{service:02d}", id=uid("service", service), host=f"svc-{service:02d}.internal")
        e["route"].update(name=f"route-{route:03d}", id=uid("route", route))
        e["route"]["service"]["id"] = e["service"]["id"]
    if "consumer" in e:
        c = consumer_of(rng, route)
        e["consumer"].update(username=f"consumer-{c:03d}", custom_id=f"cust-{c:03d}", id=uid("consumer", c))
    kong_ms = int(rng.expovariate(1 / 2.0))
    receive_ms = int(rng.expovariate(1 / 1.0))
    if kind in ("proxied", "retried"):
        code = weighted(rng, UPSTREAM_CODES) if kind == "proxied" else 200
        proxy_ms = max(1, int(rng.lognormvariate(3.3, 0.9)))  # median ~27 ms, tail into seconds
        e["response"]["status"] = code
        e["upstream_status"] = str(code) if kind == "proxied" else f"502, {code}"
        e["latencies"] = {"kong": kong_ms, "proxy": proxy_ms, "receive": receive_ms, "request": kong_ms + proxy_ms + receive_ms}
    else:
        e["latencies"] = {"kong": kong_ms, "proxy": -1, "receive": 0, "request": kong_ms}
    e["request"]["size"] = rng.randrange(180, 4000)
    e["response"]["size"] = rng.randrange(200, 60000)
    e["client_ip"] = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
    e["started_at"] = 1750156812345 + n * 7
    return e


def encode(e, position):
    rid = f"{MARKER}{position:016x}"
    e["request"]["id"] = rid
    if "x-kong-request-id" in e["response"].get("headers", {}):
        e["response"]["headers"]["x-kong-request-id"] = rid
    return json.dumps(e, separators=(",", ":"), ensure_ascii=False).replace("/", "\\/")


def main(fixtures, out, pool_size, sizes):
    shapes = json.loads((Path(fixtures) / "http-log" / "batch-3.9-five-entries.wire.json").read_text("utf-8"))
    rng = random.Random(14)
    pool = [entry(rng, shapes, n) for n in range(pool_size)]
    Path(out).mkdir(parents=True, exist_ok=True)
    for size in sizes:
        lines = []
        for start in range(0, pool_size, size):
            entries = [encode(pool[(start + i) % pool_size], i) for i in range(size)]
            lines.append(entries[0] if size == 1 else "[" + ",".join(entries) + "]")
        (Path(out) / f"bodies-{size}.txt").write_text("\n".join(lines) + "\n", "utf-8")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), [int(s) for s in sys.argv[4:]])
