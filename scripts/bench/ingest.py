#!/usr/bin/env python3
"""`scripts/bench.sh ingest`: http-log ingest measured with wrk, so the load generator does not
measure itself (a benchmark that prints numbers; not a test).

For every run and batch size (1, 10, 100, 1000 by default) a fresh exporter jar is started in its own
JVM on a free loopback port, with de-duplication on (default window) and the default caps, and wrk
posts the bodies of ingest_bodies.py through ingest.lua (every request.id unique). After a warm-up,
one measured window; per window:

- entries/s: the exporter's own kong_exporter_log_entries_total{result="accepted"} difference
  (`duplicate`, `invalid` and `dropped` must not move, and wrk must see no error);
- exporter CPU per entry (the primary figure): utime+stime of /proc/<pid>/stat over the window,
  divided by the entries;
- bytes allocated per entry: heap used at the end - heap used at the start + what every GC of the
  window freed. Heap used comes from `jcmd <pid> GC.heap_info` (G1's used bytes including the
  regions being allocated into, so exact to a TLAB; `jstat -gc` is not used because G1 updates its
  eden counter only at a GC), what a GC freed from the exporter's GC log (-Xlog:gc,
  "Pause Young ... 180M->12M(512M)": before - after, truncated to whole MiB by the JVM, so at most
  1 MiB off per GC, against tens to hundreds of MiB allocated between two GCs). The log is cut at its
  byte length when the window starts and ends (read before and after jcmd; retried if a GC falls in
  between). This counts everything allocated, in a TLAB or not, without JFR's sampling and without JMX
  in the exporter; the attach costs the exporter a few ms outside the CPU window.
  Resolution: the TLABs handed out but not yet filled (a few MiB at most), under 1 B per entry over
  a full window at the rates measured; a short window at a low rate can read 0.
- wrk's own CPU (utime+stime from /proc, all its threads) and how busy the whole machine was
  (/proc/stat), so a reader sees who was the limit.

The two /metrics scrapes (filtered with name[], so they are small) happen outside the CPU and heap
windows: scrape, then heap and CPU at the start; CPU and heap, then scrape at the end. Rates are
per second of their own interval, so the few ms between the samples do not skew the ratios.
"""
import argparse
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TICKS = os.sysconf("SC_CLK_TCK")
COUNTERS = ["kong_exporter_log_entries_total", "kong_exporter_log_requests_total", "kong_exporter_series",
            "kong_exporter_series_overflow_total", "kong_exporter_dedupe_unremembered_total"]
GC_FREED = re.compile(r"(\d+)M->(\d+)M\(")


def cpu_seconds(pid):
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2:].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def compiler_cpu_seconds(pid):
    """utime+stime of the JVM's JIT compiler threads (C1/C2 CompilerThread*), from /proc/<pid>/task."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            if "CompilerThre" not in (task / "comm").read_text():
                continue
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (FileNotFoundError, ProcessLookupError):
            pass
    return total / os.sysconf("SC_CLK_TCK")


def machine_ticks():
    """(busy, total) jiffies of all CPUs, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def scrape(port):
    query = "&".join("name%5B%5D=" + name for name in COUNTERS)
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics?{query}", timeout=30) as r:
        text = r.read().decode()
    samples = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            key, value = line.rsplit(" ", 1)
            samples[key] = float(value)
    return samples


HEAP_USED = re.compile(r"^\s*(?:garbage-first heap|PSYoungGen|ParOldGen|def new generation|tenured generation)\s+total \d+K, used (\d+)K", re.M)


def heap_used_bytes(pid):
    out = subprocess.run(["jcmd", str(pid), "GC.heap_info"], capture_output=True, text=True, check=True).stdout
    return sum(int(used) for used in HEAP_USED.findall(out)) * 1024


def heap_and_gc_offset(pid, gc_log):
    for _ in range(5):
        before = gc_log.stat().st_size
        used = heap_used_bytes(pid)
        if gc_log.stat().st_size == before:
            return used, before
    return used, gc_log.stat().st_size


def freed_by_gcs(gc_log, start, end):
    with open(gc_log, "rb") as f:
        f.seek(start)
        text = f.read(end - start).decode(errors="replace")
    return sum((int(b) - int(a)) * 1048576 for b, a in GC_FREED.findall(text)), len(GC_FREED.findall(text))


class Exporter:
    def __init__(self, jar, jvm_opts, work, token):
        self.port = free_port()
        self.gc_log = work / f"gc-{self.port}.log"
        command = ["java", *jvm_opts, f"-Xlog:gc:file={self.gc_log}", "-jar", str(jar), f"--listen=127.0.0.1:{self.port}"]
        if token:
            command.append(f"--ingest.token={token}")
        self.log = open(work / f"exporter-{self.port}.log", "wb")
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/-/healthy", timeout=5) as r:
                    if r.status == 200:
                        return
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the exporter did not start; see {self.log.name}")
            time.sleep(0.2)

    def close(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def window_start(exporter, wrk):
    s = scrape(exporter.port)
    t_scrape = time.monotonic()
    used, offset = heap_and_gc_offset(exporter.process.pid, exporter.gc_log)
    t_heap = time.monotonic()
    return dict(samples=s, t_scrape=t_scrape, used=used, offset=offset, t_heap=t_heap, t_cpu=time.monotonic(),
                cpu=cpu_seconds(exporter.process.pid), jit=compiler_cpu_seconds(exporter.process.pid), wrk=cpu_seconds(wrk.pid),
                machine=machine_ticks())


def window_end(exporter, wrk):
    end = dict(t_cpu=time.monotonic(), cpu=cpu_seconds(exporter.process.pid), jit=compiler_cpu_seconds(exporter.process.pid),
               wrk=cpu_seconds(wrk.pid), machine=machine_ticks())
    end["used"], end["offset"] = heap_and_gc_offset(exporter.process.pid, exporter.gc_log)
    end["t_heap"] = time.monotonic()
    end["samples"] = scrape(exporter.port)
    end["t_scrape"] = time.monotonic()
    return end


def counter(samples, name, label):
    return samples.get(f'{name}{{{label}}}', 0.0)


def measure(args, jar, bodies, batch, run, work):
    exporter = Exporter(jar, args.jvm_opts.split(), work, args.token)
    try:
        url = f"http://127.0.0.1:{exporter.port}"
        wrk = subprocess.Popen(["wrk", "-t", str(args.threads), "-c", str(args.connections),
                                "-d", f"{args.warmup + args.measure + 3}s", "--timeout", "30s",
                                "-s", str(HERE / "ingest.lua"), url, "--", str(bodies), str(run), "/logs", args.token or ""],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        time.sleep(args.warmup)
        if wrk.poll() is not None:
            raise SystemExit("wrk stopped early:\n" + wrk.stdout.read())
        a = window_start(exporter, wrk)
        time.sleep(args.measure)
        b = window_end(exporter, wrk)
        wrk_out = wrk.communicate()[0]
    finally:
        exporter.close()
    accepted = "kong_exporter_log_entries_total", 'result="accepted"'
    entries = counter(b["samples"], *accepted) - counter(a["samples"], *accepted)
    rate = entries / (b["t_scrape"] - a["t_scrape"])
    cpu_rate = (b["cpu"] - a["cpu"]) / (b["t_cpu"] - a["t_cpu"])
    freed, gcs = freed_by_gcs(exporter.gc_log, a["offset"], b["offset"])
    alloc_rate = (b["used"] - a["used"] + freed) / (b["t_heap"] - a["t_heap"])
    busy = (b["machine"][0] - a["machine"][0]) / max(1, b["machine"][1] - a["machine"][1])
    moved = {r: counter(b["samples"], "kong_exporter_log_entries_total", f'result="{r}"')
             - counter(a["samples"], "kong_exporter_log_entries_total", f'result="{r}"') for r in ("duplicate", "invalid", "dropped")}
    problems = [f"{r} +{v:.0f}" for r, v in moved.items() if v]
    for line in wrk_out.splitlines():
        if "Non-2xx" in line or "Socket errors" in line:
            problems.append("wrk: " + line.strip())
    series = [(m.group(1), v) for k, v in b["samples"].items() if (m := re.match(r'kong_exporter_series\{metric="([^"]+)"', k)) and v]
    return dict(batch=batch, run=run, rate=rate, cpu_us=1e6 * cpu_rate / max(rate, 1e-9), cpu_pct=100 * cpu_rate,
                alloc=alloc_rate / max(rate, 1e-9), gcs=gcs, wrk_pct=100 * (b["wrk"] - a["wrk"]) / (b["t_cpu"] - a["t_cpu"]),
                busy_pct=100 * busy, problems=problems, jit_pct=100 * (b["jit"] - a["jit"]) / max(b["cpu"] - a["cpu"], 1e-9),
                series=", ".join(f"{metric} {v:.0f}" for metric, v in series))


def spread(values, fmt):
    values = sorted(values)
    if len(values) == 1:
        return fmt(values[0])
    return f"{fmt(statistics.median(values))} ({fmt(values[0])}–{fmt(values[-1])})"


def machine_line(args):
    model = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines() if l.startswith("model name")), "?")
    mem = next(l.split()[1] for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal"))
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    wrk = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.splitlines()[0].split(" [")[0]
    return (f"machine: {os.cpu_count()} × {model}, {int(mem) // 1048576} GiB, Linux {platform.release()}, "
            f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} at start; {java}; {wrk}\n"
            f"exporter: {args.jvm_opts}, de-duplication on (default window), default caps; wrk -t{args.threads} "
            f"-c{args.connections}; {args.pool:,} distinct entries (50 services, 200 routes, 500 consumers); "
            f"warm-up {args.warmup} s, measured {args.measure} s, {args.runs} run(s) per batch size, a fresh exporter each")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--warmup", type=int, default=20, help="seconds of load before the measured window")
    p.add_argument("--measure", type=int, default=20, help="seconds of the measured window")
    p.add_argument("--batches", default="1,10,100,1000")
    p.add_argument("--threads", type=int, default=2, help="wrk threads")
    p.add_argument("--connections", type=int, default=4, help="wrk keep-alive connections")
    p.add_argument("--pool", type=int, default=5000, help="distinct entries the bodies cycle through")
    p.add_argument("--jvm-opts", default="-Xms512m -Xmx512m -XX:+AlwaysPreTouch")
    p.add_argument("--token", default=os.environ.get("KONG_EXPORTER_INGEST_TOKEN", ""),
                   help="bearer token set on the exporter and sent by wrk (default: $KONG_EXPORTER_INGEST_TOKEN, none)")
    p.add_argument("--jar", default=str(ROOT / "exporter" / "target" / "kong-exporter.jar"))
    args = p.parse_args()
    for tool in ("wrk", "java", "jcmd"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is missing (Debian: apt-get install wrk / a JDK)")
    batches = [int(b) for b in args.batches.split(",")]
    with tempfile.TemporaryDirectory(prefix="kong-exporter-bench-") as tmp:
        work = Path(tmp)
        subprocess.run([sys.executable, str(HERE / "ingest_bodies.py"), str(ROOT / "kong-fixtures"), str(work),
                        str(args.pool), *map(str, batches)], check=True)
        print(machine_line(args), flush=True)
        results = []
        for run in range(1, args.runs + 1):
            for batch in batches:  # sizes interleaved, so a slow minute of a shared machine hits all of them
                r = measure(args, args.jar, work / f"bodies-{batch}.txt", batch, run * 16 + batches.index(batch), work)
                results.append(r)
                print(f"run {run} batch {batch:>4}: {r['rate']:>9,.0f} entries/s, exporter {r['cpu_us']:6.2f} µs/entry "
                      f"({r['cpu_pct']:.0f} % of a core, JIT compiler {r['jit_pct']:.0f} % of it), {r['alloc']:,.0f} B/entry ({r['gcs']} GCs), wrk {r['wrk_pct']:.0f} %, "
                      f"machine busy {r['busy_pct']:.0f} %; series: {r['series']}"
                      + ("; PROBLEMS: " + "; ".join(r["problems"]) if r["problems"] else ""), flush=True)
        print()
        print("| Batch size | Entries/s | Exporter CPU per entry | Exporter CPU | of it JIT compiler | Allocated per entry | wrk CPU | Machine busy |")
        print("|---|---|---|---|---|---|---|---|")
        for batch in batches:
            rs = [r for r in results if r["batch"] == batch]
            print(f"| {batch:,} | {spread([r['rate'] for r in rs], lambda v: f'{v:,.0f}')} "
                  f"| {spread([r['cpu_us'] for r in rs], lambda v: f'{v:.2f} µs')} "
                  f"| {spread([r['cpu_pct'] for r in rs], lambda v: f'{v:.0f} %')} "
                  f"| {spread([r['jit_pct'] for r in rs], lambda v: f'{v:.0f} %')} "
                  f"| {spread([r['alloc'] for r in rs], lambda v: f'{v:,.0f} B')} "
                  f"| {spread([r['wrk_pct'] for r in rs], lambda v: f'{v:.0f} %')} "
                  f"| {spread([r['busy_pct'] for r in rs], lambda v: f'{v:.0f} %')} |")
        print("\nCells: median (min–max) over the runs. CPU in % of one core; machine busy = all processes on all cores;")
        print("'of it JIT compiler': the share of the exporter's CPU its C1/C2 compiler threads took in the window (a warm-up")
        print("too short for this machine shows here, not as a slower exporter).")
        if any(r["problems"] for r in results):
            print("WARNING: some runs had problems (see PROBLEMS above); their figures are not comparable.")
            sys.exit(1)


if __name__ == "__main__":
    main()
