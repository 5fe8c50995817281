#!/usr/bin/env python3
"""Structural checks of the monitoring bundle that promtool, amtool and docker-compose do not make.

Run by scripts/check-bundle.sh; usable alone:

    scripts/lint-bundle.py dashboards          # JSON, datasource variable, no __inputs, $__rate_interval, uids
    scripts/lint-bundle.py rules               # alert labels/annotations, runbook anchors, test coverage,
                                               # non-firing cases evaluated past the alert's `for:`
    scripts/lint-bundle.py prometheus-config   # the Prometheus 3 keys an older promtool cannot check
    scripts/lint-bundle.py alertmanager        # one outage's alerts through a real Alertmanager (Debian:
                                               # prometheus-alertmanager): inhibition and paging groups
    scripts/lint-bundle.py metrics [--scrape FILE_OR_URL] [--list]
                                               # every metric name used exists (README table or a live scrape)

Exits 1 and prints one line per problem when a check fails. Needs python3 and PyYAML (Debian:
python3-yaml).
"""
import glob
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DASHBOARDS = sorted(glob.glob(os.path.join(ROOT, "grafana-dashboards", "*.json")))
RULES = os.path.join(ROOT, "alert-rules", "kong.rules.yml")
BUNDLE_CONFIG = os.path.join(ROOT, "alert-rules", "config.yml")
RULE_TESTS = sorted(glob.glob(os.path.join(ROOT, "alert-rules", "tests", "*.yml")))
RUNBOOK = os.path.join(ROOT, "alert-rules", "RUNBOOK.md")
README = os.path.join(ROOT, "README.md")
PROMETHEUS_CONFIG = os.path.join(ROOT, "compose", "prometheus", "prometheus.yml")
ALERTMANAGER_CONFIG = os.path.join(ROOT, "compose", "alertmanager", "alertmanager.yml")

DATASOURCE = {"type": "prometheus", "uid": "${datasource}"}
SEVERITIES = {"critical", "warning", "info"}
# Panels that query no Prometheus (the alert list reads Grafana's alerting API).
NO_DATASOURCE_PANELS = {"alertlist", "text"}
# Alerts that cannot have a non-firing case, with the reason.
ALWAYS_FIRING = {"Watchdog": "expr: vector(1)"}
# Metrics announced for the exporter but not yet in the README's metric table. Used by the
# dashboards and rules already; a scrape without them is reported, not failed.
ANNOUNCED = set()
# Produced by Prometheus itself, not by the exporter.
PROMETHEUS_OWN = {"up"}
PROMETHEUS3_PROTOCOLS = {"PrometheusProto", "OpenMetricsText0.0.1", "OpenMetricsText1.0.0",
                         "PrometheusText0.0.4", "PrometheusText1.0.0"}

problems = []


def problem(msg):
    problems.append(msg)


def rel(path):
    return os.path.relpath(path, ROOT)


# ---------------------------------------------------------------------------------------------------
# Dashboards

def walk_panels(panels):
    for p in panels:
        yield p
        yield from walk_panels(p.get("panels", []))


def dashboard_exprs(dash, instant_flag=False):
    """(where, expr) for every panel target and every query variable; with instant_flag, (where, expr,
    True when the target is an instant query of a panel whose targets are all instant)."""
    for p in walk_panels(dash.get("panels", [])):
        targets = p.get("targets", [])
        all_instant = bool(targets) and all(t.get("instant") and not t.get("range") for t in targets)
        for t in targets:
            if "expr" in t:
                where = f'panel "{p.get("title")}" {t.get("refId")}'
                yield (where, t["expr"], all_instant) if instant_flag else (where, t["expr"])
    for v in dash.get("templating", {}).get("list", []):
        if v.get("type") == "query":
            q = v.get("query")
            expr = q.get("query") if isinstance(q, dict) else q
            yield (f'variable "{v.get("name")}"', expr, False) if instant_flag else (f'variable "{v.get("name")}"', expr)


RANGE = re.compile(r"\[[^\]]*\]")
RATE_CALL = re.compile(r"\b(rate|irate|increase)\s*\(")


def check_dashboards():
    if not DASHBOARDS:
        problem("grafana-dashboards/: no *.json dashboards")
    uids = {}
    for path in DASHBOARDS:
        name = rel(path)
        try:
            with open(path) as f:
                dash = json.load(f)
        except ValueError as e:
            problem(f"{name}: not valid JSON: {e}")
            continue
        if "__inputs" in dash or "${DS_" in json.dumps(dash):
            problem(f"{name}: has __inputs / ${{DS_...}} (export for sharing externally is off); use the datasource variable")
        uid = dash.get("uid")
        if not uid:
            problem(f"{name}: no uid")
        elif uid in uids:
            problem(f"{name}: uid {uid} also used by {uids[uid]}")
        else:
            uids[uid] = name
        if not isinstance(dash.get("schemaVersion"), int) or dash["schemaVersion"] < 39:
            problem(f"{name}: schemaVersion {dash.get('schemaVersion')} (need 39 or later)")
        if "kong" not in dash.get("tags", []):
            problem(f"{name}: tags {dash.get('tags')} lack 'kong'")
        variables = dash.get("templating", {}).get("list", [])
        if not any(v.get("type") == "datasource" and v.get("query") == "prometheus"
                   and v.get("name") == "datasource" for v in variables):
            problem(f"{name}: no datasource variable (name datasource, type datasource, query prometheus)")
        ids = set()
        for p in walk_panels(dash.get("panels", [])):
            title = p.get("title")
            if p.get("id") in ids:
                problem(f'{name}: panel "{title}": duplicate id {p.get("id")}')
            ids.add(p.get("id"))
            if p.get("type") == "row" or (p.get("type") in NO_DATASOURCE_PANELS and not p.get("targets")):
                continue
            if p.get("datasource") != DATASOURCE:
                problem(f'{name}: panel "{title}": datasource {p.get("datasource")} is not {DATASOURCE}')
            for t in p.get("targets", []):
                if t.get("datasource", DATASOURCE) != DATASOURCE:
                    problem(f'{name}: panel "{title}" {t.get("refId")}: datasource {t.get("datasource")} '
                            f"is not {DATASOURCE}")
        for where, expr, instant in dashboard_exprs(dash, instant_flag=True):
            ranges = RANGE.findall(expr)
            for r in ranges:
                # Instant tables average over the dashboard's time range; graphs rate per step.
                if r == "[$__range]" and instant:
                    continue
                if r != "[$__rate_interval]":
                    problem(f"{name}: {where}: range {r} (use [$__rate_interval], or [$__range] in an instant-only panel)")
            calls = RATE_CALL.findall(expr)
            if "irate" in calls:
                problem(f"{name}: {where}: irate() (use rate() over $__rate_interval)")
            if len(calls) > len(ranges):
                problem(f"{name}: {where}: a rate/increase without [$__rate_interval]")


# ---------------------------------------------------------------------------------------------------
# Rules

def load_rules():
    with open(RULES) as f:
        return yaml.safe_load(f)


def runbook_anchors():
    with open(RUNBOOK) as f:
        return {re.sub(r"[^a-z0-9 -]", "", m.group(1).strip().lower()).replace(" ", "-")
                for m in re.finditer(r"^#+\s+(.+)$", f.read(), re.M)}


DURATION = re.compile(r"(\d+)(ms|s|m|h|d|w|y)")
UNIT_SECONDS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800, "y": 31536000}


def duration_seconds(text):
    """Prometheus duration (1h30m, 5m, 0s) in seconds."""
    text = str(text or "0s")
    parts = DURATION.findall(text)
    if "".join(n + u for n, u in parts) != text:
        raise ValueError(f"not a duration: {text!r}")
    return sum(int(n) * UNIT_SECONDS[u] for n, u in parts)


def runbook_base():
    """The base the checked-in rules are generated with: config.yml's runbook_url_base or the generator's default."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("generate_bundle", os.path.join(ROOT, "scripts", "generate-bundle.py"))
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    return generator.load_config(BUNDLE_CONFIG)["runbook_url_base"]


def check_rules():
    groups = load_rules()["groups"]
    anchors = runbook_anchors()
    base = runbook_base()
    alerts = []
    waits = {}      # alert name -> longest `for:` of its rules, in seconds
    variants = {}   # alert name -> list of label dicts (one per rule of that name)
    for g in groups:
        for r in g["rules"]:
            if "record" in r:
                if r["record"].count(":") != 2:
                    problem(f"{rel(RULES)}: recording rule {r['record']}: name is not level:metric:operations")
                continue
            name = r["alert"]
            alerts.append(name)
            labels = r.get("labels", {})
            waits[name] = max(waits.get(name, 0), duration_seconds(r.get("for")))
            variants.setdefault(name, []).append({k: str(v) for k, v in labels.items()})
            ann = r.get("annotations", {})
            sev = labels.get("severity")
            allowed = {"none", "info"} if name in ALWAYS_FIRING else SEVERITIES
            if sev not in allowed:
                problem(f"{rel(RULES)}: {name}: severity {sev!r} not in {sorted(allowed)}")
            for key in ("summary", "description", "runbook_url"):
                if not ann.get(key):
                    problem(f"{rel(RULES)}: {name}: no {key} annotation")
            if "{{" not in ann.get("description", "") and name not in ALWAYS_FIRING:
                problem(f"{rel(RULES)}: {name}: description is not templated")
            url = ann.get("runbook_url", "")
            if url != f"{base}#{name.lower()}":
                problem(f"{rel(RULES)}: {name}: runbook_url {url!r} is not {base}#{name.lower()} "
                        "(runbook_url_base of alert-rules/config.yml, or generate-bundle.py's default)")
            if name.lower() not in anchors:
                problem(f"{rel(RUNBOOK)}: no section '{name}' (anchor #{name.lower()})")
    # One name may stand for several rules (KongErrorBudgetBurn, one per window pair) when their labels
    # tell them apart; each of them needs a firing case showing those labels.
    distinguishing = {}  # alert name -> (label keys, set of value tuples, one per rule)
    for name, label_sets in variants.items():
        if len(label_sets) == 1:
            continue
        keys = tuple(sorted({k for ls in label_sets for k in ls if len({x.get(k) for x in label_sets}) > 1}))
        wanted = [tuple(ls.get(k) for k in keys) for ls in label_sets]
        if not keys or len(set(wanted)) != len(wanted):
            problem(f"{rel(RULES)}: {name}: {len(label_sets)} rules of that name with the same labels")
        distinguishing[name] = (keys, set(wanted))

    firing, quiet = set(), set()
    fired_labels = {}  # alert name -> list of exp_labels dicts of its firing cases
    for path in RULE_TESTS:
        with open(path) as f:
            suite = yaml.safe_load(f)
        for test in suite.get("tests", []):
            for case in test.get("alert_rule_test", []) or []:
                name = case["alertname"]
                if case.get("exp_alerts"):
                    firing.add(name)
                    fired_labels.setdefault(name, []).extend(
                        {k: str(v) for k, v in (a.get("exp_labels") or {}).items()} for a in case["exp_alerts"])
                    continue
                quiet.add(name)
                # An alert cannot fire before its `for:` has elapsed: a quiet case earlier proves nothing.
                at = duration_seconds(case.get("eval_time", "0s"))
                if name in waits and at < waits[name]:
                    problem(f"{rel(path)}: test \"{test.get('name')}\": {name} expected quiet at eval_time "
                            f"{case.get('eval_time', '0s')}, before its for: has elapsed; evaluate it at "
                            f"{waits[name]:g} s or later")
    for name, (keys, wanted) in distinguishing.items():
        got = {tuple(labels.get(k) for k in keys) for labels in fired_labels.get(name, [])}
        for values in sorted(wanted - got, key=str):
            problem(f"alert-rules/tests: {name} has no firing case with {dict(zip(keys, values))}")
    alerts = sorted(set(alerts))
    for name in alerts:
        if name not in firing:
            problem(f"alert-rules/tests: {name} has no firing case")
        if name not in quiet and name not in ALWAYS_FIRING:
            problem(f"alert-rules/tests: {name} has no non-firing case (exp_alerts: [])")
    for name in (firing | quiet) - set(alerts):
        problem(f"alert-rules/tests: tests alert {name}, which kong.rules.yml does not define")


# ---------------------------------------------------------------------------------------------------
# Prometheus config: keys newer than Debian's promtool

def check_prometheus_config():
    with open(PROMETHEUS_CONFIG) as f:
        cfg = yaml.safe_load(f)
    job = next((j for j in cfg.get("scrape_configs", []) if j.get("job_name") == "kong-exporter"), None)
    if job is None:
        problem(f"{rel(PROMETHEUS_CONFIG)}: no scrape job kong-exporter (KongExporterDown matches that name)")
        return
    protocols = job.get("scrape_protocols")
    if not protocols or protocols[0] != "PrometheusProto":
        problem(f"{rel(PROMETHEUS_CONFIG)}: kong-exporter: scrape_protocols must start with PrometheusProto "
                f"(native histograms), got {protocols}")
    for p in protocols or []:
        if p not in PROMETHEUS3_PROTOCOLS:
            problem(f"{rel(PROMETHEUS_CONFIG)}: kong-exporter: unknown scrape protocol {p!r}")
    if job.get("always_scrape_classic_histograms") is not True:
        problem(f"{rel(PROMETHEUS_CONFIG)}: kong-exporter: always_scrape_classic_histograms must be true "
                "(rules and dashboards use the _bucket series)")


# ---------------------------------------------------------------------------------------------------
# Alertmanager: one outage through the shipped routing and inhibit_rules

def outage_alerts():
    """(labels, expected inhibited?) of the alerts one outage of service orders raises."""
    orders = {"job": "kong", "workspace": "default", "service": "orders"}
    return [
        ({"alertname": "KongUpstreamAllTargetsDown", "severity": "critical", "job": "kong",
          "upstream": "orders-upstream"}, False),
        ({"alertname": "KongErrorBudgetBurn", "severity": "critical", "long_window": "1h",
          "short_window": "5m", **orders}, False),
        ({"alertname": "KongErrorBudgetBurn", "severity": "critical", "long_window": "6h",
          "short_window": "30m", **orders}, True),
        ({"alertname": "KongErrorBudgetBurn", "severity": "warning", "long_window": "1d",
          "short_window": "2h", **orders}, True),
        ({"alertname": "KongHigh5xxRatioGateway", "severity": "critical", "source": "kong", **orders}, True),
        # another service of the same cluster, not burning its budget: pages (in the same group)
        ({"alertname": "KongHigh5xxRatioGateway", "severity": "critical", "source": "kong", "job": "kong",
          "workspace": "default", "service": "billing"}, False),
        # a service of the same name in another workspace is another service
        ({"alertname": "KongHigh5xxRatioUpstream", "severity": "warning", "source": "service", "job": "kong",
          "workspace": "team-b", "service": "orders"}, False),
    ] + node_outage_alerts()


def node_outage_alerts():
    """(labels, expected inhibited?) of one Kong node outage: it pages once (KongNodeDown), and what follows
    from it (polls failing, the cluster degraded, the data planes a down control plane no longer lists as
    pinging, a crash loop) is inhibited; a node back without configuration pages once, not also as not ready;
    a data plane that went away is named once (KongDataPlaneStale), not also as a count."""
    cp = {"job": "kong-hybrid", "instance": "kong-exporter:9542"}
    dp = lambda n: {"alertname": "KongDataPlaneStale", "severity": "warning", **cp, "node_id": f"00000000-0000-4000-8000-00000000000{n}",
                    "hostname": f"kong-dp-{n}", "version": "3.9.1", "sync_status": "normal"}
    dbless = {"job": "kong-dbless", "instance": "kong-exporter:9542", "node": "kong-2"}
    lost = {"job": "kong-dp-lost", "instance": "kong-exporter:9542"}
    return [
        # the control plane kong-cp is down
        ({"alertname": "KongNodeDown", "severity": "critical", **cp, "node": "kong-cp"}, False),
        ({"alertname": "KongExporterPollErrors", "severity": "warning", **cp, "node": "kong-cp", "reason": "connect"}, True),
        ({"alertname": "KongNodeRestarting", "severity": "warning", **cp, "node": "kong-cp"}, True),
        ({"alertname": "KongClusterDegraded", "severity": "warning", "job": "kong-hybrid"}, True),
        (dp(1), True),
        (dp(2), True),
        ({"alertname": "KongDataPlaneCountDropped", "severity": "warning", "job": "kong-hybrid"}, True),
        # a DB-less node restarted without configuration: no config, hence not ready
        ({"alertname": "KongNodeWithoutConfig", "severity": "critical", "hash": "00000000000000000000000000000000", **dbless}, False),
        ({"alertname": "KongNodeNotReady", "severity": "critical", **dbless}, True),
        # a data plane gone for good, with every node up
        ({"alertname": "KongDataPlaneStale", "severity": "warning", **lost, "node_id": "00000000-0000-4000-8000-000000000003",
          "hostname": "kong-dp-3", "version": "3.9.1", "sync_status": "normal"}, False),
        ({"alertname": "KongDataPlaneCountDropped", "severity": "warning", "job": "kong-dp-lost"}, True),
    ]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_json(url, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=5) as r:
        text = r.read().decode()
        return json.loads(text) if text else None


def check_alertmanager():
    binary = shutil.which("prometheus-alertmanager") or shutil.which("alertmanager")
    if not binary:
        problem("prometheus-alertmanager not found: install the Debian package 'prometheus-alertmanager'")
        return
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        with open(os.path.join(tmp, "alertmanager.log"), "w") as log:
            proc = subprocess.Popen([binary, f"--config.file={ALERTMANAGER_CONFIG}", f"--storage.path={tmp}",
                                     f"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address="],
                                    stdout=log, stderr=subprocess.STDOUT)
        try:
            check_outage(base, proc, os.path.join(tmp, "alertmanager.log"))
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def check_outage(base, proc, log):
    deadline = time.time() + 20
    while True:
        try:
            urllib.request.urlopen(base + "/-/ready", timeout=1)
            break
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                problem(f"alertmanager did not start: {open(log).read()[-2000:]}")
                return
            time.sleep(0.2)
    expected = outage_alerts()
    http_json(base + "/api/v2/alerts", [{"labels": labels, "annotations": {"summary": "outage"}}
                                        for labels, _ in expected])
    key = lambda labels: tuple(sorted(labels.items()))
    want = {key(labels): inhibited for labels, inhibited in expected}
    got = {}
    deadline = time.time() + 15
    while time.time() < deadline:
        got = {key(a["labels"]): bool(a["status"]["inhibitedBy"]) for a in http_json(base + "/api/v2/alerts")}
        if got == want:
            break
        time.sleep(0.5)
    for labels, inhibited in expected:
        state = got.get(key(labels))
        if state is None:
            problem(f"alertmanager: alert {labels} not received")
        elif state != inhibited:
            problem(f"alertmanager: {labels['alertname']} {labels} is {'' if state else 'not '}inhibited, "
                    f"expected {'' if inhibited else 'not '}inhibited")
    # The pages left (not inhibited, severity critical) of each job must share one notification group.
    all_groups = http_json(base + "/api/v2/alerts/groups?inhibited=false")
    for job in sorted({labels["job"] for labels, _ in expected}):
        pages = {key(labels) for labels, inhibited in expected
                 if not inhibited and labels["severity"] == "critical" and labels["job"] == job}
        if not pages:
            continue
        groups = [g for g in all_groups if any(key(a["labels"]) in pages for a in g["alerts"])]
        if len(groups) != 1 or {key(a["labels"]) for a in groups[0]["alerts"]} != pages:
            problem(f"alertmanager: the pages of job {job} are not one notification group: "
                    + "; ".join(f"{g['labels']}: {[a['labels']['alertname'] for a in g['alerts']]}" for g in groups))


# ---------------------------------------------------------------------------------------------------
# Metric names

NAME = re.compile(r"(?<![\w:$.])((?:kong|jvm|process)_[A-Za-z0-9_]*|up)(?![\w:])")
STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def used_metrics():
    """{metric name: sorted list of files using it}"""
    exprs = []
    for path in DASHBOARDS:
        with open(path) as f:
            dash = json.load(f)
        exprs += [(rel(path), e) for _, e in dashboard_exprs(dash)]
    for g in load_rules()["groups"]:
        exprs += [(rel(RULES), r["expr"]) for r in g["rules"]]
    used = {}
    for where, expr in exprs:
        for name in NAME.findall(STRING.sub('""', str(expr))):
            used.setdefault(name, set()).add(where)
    return {k: sorted(v) for k, v in used.items()}


def readme_metrics():
    with open(README) as f:
        text = f.read()
    m = re.search(r"<!-- metric-table:start.*?-->(.*?)<!-- metric-table:end -->", text, re.S)
    if not m:
        problem("README.md: no metric table between the metric-table markers")
        return set()
    # the Kafka consumer's metrics have a table of their own in the README's Kafka section
    kafka = re.search(r"<!-- kafka-metric-table:start.*?-->(.*?)<!-- kafka-metric-table:end -->", text, re.S)
    names = set()
    for row in re.finditer(r"^\|\s*`([a-z_:]+)`\s*\|\s*(\w+)\s*\|", m.group(1) + (kafka.group(1) if kafka else ""), re.M):
        name, kind = row.groups()
        names.add(name)
        if kind == "histogram":
            names |= {name + "_bucket", name + "_count", name + "_sum"}
    return names


def scrape_names(source):
    if re.match(r"https?://", source):
        with urllib.request.urlopen(source, timeout=10) as r:
            text = r.read().decode()
    else:
        with open(source) as f:
            text = f.read()
    return {re.split(r"[{\s]", line, 1)[0] for line in text.splitlines()
            if line and not line.startswith("#")}


def check_metrics(scrape=None, list_only=False):
    used = used_metrics()
    if list_only:
        for name in sorted(used):
            print(name)
        return
    documented = readme_metrics()
    for name, where in sorted(used.items()):
        if name in PROMETHEUS_OWN or name.startswith(("jvm_", "process_")):
            continue  # not in the README table; checked against a scrape below
        if name not in documented and name not in ANNOUNCED:
            problem(f"{', '.join(where)}: metric {name} is neither in the README metric table nor announced")
    if scrape:
        live = scrape_names(scrape)
        for name, where in sorted(used.items()):
            if name in PROMETHEUS_OWN or name in live:
                continue
            if name in ANNOUNCED:
                print(f"lint-bundle: note: {name} (announced) is not in the scrape yet")
            else:
                problem(f"{', '.join(where)}: metric {name} is not in the scrape {scrape}")
    else:
        unchecked = sorted(n for n in used if n.startswith(("jvm_", "process_")))
        print(f"lint-bundle: note: {len(unchecked)} jvm_/process_ names are only checked with --scrape")


def main(argv):
    if not argv:
        print(__doc__)
        return 2
    what = argv[0]
    if what == "dashboards":
        check_dashboards()
    elif what == "rules":
        check_rules()
    elif what == "prometheus-config":
        check_prometheus_config()
    elif what == "alertmanager":
        check_alertmanager()
    elif what == "metrics":
        scrape = argv[argv.index("--scrape") + 1] if "--scrape" in argv else None
        check_metrics(scrape, "--list" in argv)
    else:
        print(__doc__)
        return 2
    for p in dict.fromkeys(problems):
        print(f"lint-bundle: {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
