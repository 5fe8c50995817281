#!/usr/bin/env python3
"""Helpers of scripts/check-bundle-live.sh (a demo exporter scraped by a real Prometheus).

    scripts/live-bundle.py traffic EXPORTER_URL SECONDS  # post the http-log fixtures, plus 3xx/5xx
                                                         # variants of one entry, every 2 s
    scripts/live-bundle.py queries PROMETHEUS_URL        # run every dashboard query and recording rule

`queries` fails when a query is rejected, or returns nothing without being on the EXPECTED_EMPTY list.
"""
import copy
import glob
import json
import os
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.environ.get("KONG_FIXTURES", os.path.join(ROOT, "..", "shared", "kong-fixtures"))

# Grafana variables -> what a user selecting "All" gets.
VARIABLES = {"$__rate_interval": "1m", "$topn": "10"}
ALL = re.compile(r"\$(job|workspace|service|route|consumer|node|instance)\b")

# Queries that legitimately return nothing against the demo, with the reason.
EXPECTED_EMPTY = {
    "kong_exporter_sse_clients": "announced metric, not exported yet",
    "kong_exporter_sse_dropped_clients_total": "announced metric, not exported yet",
    "kong_exporter_config_reload_failures_total": "announced metric, not exported yet",
    "node:kong_nginx_connections_in_flight:ratio": "demo nodes have fewer than 100 connections",
}


def post(url, body):
    req = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=5) as r:
        r.read()


def synthetic_entries():
    """3xx, upstream 5xx and Kong 5xx variants of a proxied 3.9 entry (the fixtures have none)."""
    with open(os.path.join(FIXTURES, "http-log", "entry-3.9-proxied-200-consumer.json")) as f:
        base = json.load(f)
    redirect = copy.deepcopy(base)
    redirect["response"]["status"] = 301
    upstream_503 = copy.deepcopy(base)
    upstream_503["response"]["status"] = 503
    upstream_503["upstream_status"] = "503"
    kong_502 = copy.deepcopy(base)
    kong_502["response"]["status"] = 502
    kong_502["source"] = "kong"
    kong_502["upstream_status"] = "502"
    kong_502["latencies"]["proxy"] = -1
    return [redirect, upstream_503, kong_502]


def traffic(exporter, seconds):
    bodies = []
    for path in sorted(glob.glob(os.path.join(FIXTURES, "http-log", "*.json"))):
        with open(path) as f:
            bodies.append(json.load(f))
    bodies.append(synthetic_entries())
    end = time.time() + seconds
    rounds = 0
    while time.time() < end:
        for body in bodies:
            post(exporter.rstrip("/") + "/logs", body)
        rounds += 1
        time.sleep(2)
    print(f"live-bundle: posted {rounds} rounds of {len(bodies)} bodies")


def walk_panels(panels):
    for p in panels:
        yield p
        yield from walk_panels(p.get("panels", []))


def queries_to_run():
    for path in sorted(glob.glob(os.path.join(ROOT, "grafana-dashboards", "*.json"))):
        with open(path) as f:
            dash = json.load(f)
        name = os.path.basename(path)
        for v in dash["templating"]["list"]:
            if v["type"] == "query":
                m = re.match(r"label_values\((.*),\s*(\w+)\)$", v["definition"])
                yield f'{name} variable "{v["name"]}"', f"count by ({m.group(2)}) ({m.group(1)})"
        for p in walk_panels(dash["panels"]):
            for t in p.get("targets", []):
                yield f'{name} panel "{p["title"]}" {t["refId"]}', t["expr"]
    with open(os.path.join(ROOT, "alert-rules", "kong.rules.yml")) as f:
        for g in yaml.safe_load(f)["groups"]:
            for r in g["rules"]:
                if "record" in r:
                    yield f"recording rule {r['record']}", r["record"]


def run(prometheus, expr):
    for k, v in VARIABLES.items():
        expr = expr.replace(k, v)
    expr = ALL.sub(".*", expr)
    url = prometheus.rstrip("/") + "/api/v1/query?" + urllib.parse.urlencode({"query": expr})
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return json.load(r)
    except urllib.error.HTTPError as e:
        return json.load(e)


def queries(prometheus):
    failures, notes, ok = [], [], 0
    for where, expr in queries_to_run():
        result = run(prometheus, expr)
        if result.get("status") != "success":
            failures.append(f"{where}: rejected: {result.get('error')}")
        elif result["data"]["result"]:
            ok += 1
        else:
            reason = next((why for key, why in EXPECTED_EMPTY.items() if key in expr), None)
            if reason:
                notes.append(f"{where}: empty ({reason})")
            else:
                failures.append(f"{where}: no data")
    for n in notes:
        print(f"live-bundle: note: {n}")
    for f in failures:
        print(f"live-bundle: {f}")
    print(f"live-bundle: {ok} queries with data, {len(notes)} expected empty, {len(failures)} failing")
    return 1 if failures else 0


def main(argv):
    if len(argv) == 3 and argv[0] == "traffic":
        traffic(argv[1], float(argv[2]))
        return 0
    if len(argv) == 2 and argv[0] == "queries":
        return queries(argv[1])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
