// stream-client.mjs: a third-party client of the exporter's /events, run by LiveStreamClientTest.
//
// It follows /events (status, traffic, alerts) with the npm `eventsource` package through a small TCP proxy of its
// own, which it cuts at the given seconds (the library then reconnects by itself, with Last-Event-ID), applies every
// status-patch with fast-json-patch's validation, and after each reconnect (and every few seconds) compares its
// document with a fresh snapshot read on a second connection. The Java test restarts the exporter meanwhile and says
// so on stdin ("restarted"). At the end it prints one line `VERDICT {json}` and exits.
//
// usage: node stream-client.mjs --url http://127.0.0.1:PORT --seconds 55 --cuts 6,12,18,40,47
import net from 'node:net';
import readline from 'node:readline';
import { EventSource } from 'eventsource';
import jsonpatch from 'fast-json-patch';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) =>
  (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const target = new URL(args.url);
const seconds = Number(args.seconds || 55);
const cuts = (args.cuts || '').split(',').filter((s) => s).map(Number);
const TOPICS = 'status,traffic,alerts';
const SETTLE_MS = 3000;
const started = Date.now();
const elapsed = () => ((Date.now() - started) / 1000).toFixed(1);
const log = (...parts) => process.stderr.write(`[${elapsed()}s] ${parts.join(' ')}\n`);

const verdict = {
  events: 0, trafficEvents: 0, patchesApplied: 0, patchFailures: [], snapshots: 0, opens: 0, cutsDone: 0,
  resumedWithLastEventId: 0, idRegressions: [], checks: 0, checksAfterRestart: 0, skippedChecks: 0, mismatches: [],
  errors: [], alerts: [], nodes: [], restartSeen: false,
};

// ---- the proxy the stream goes through, so that the test can cut it ----

const sockets = new Set();
const proxy = net.createServer((client) => {
  const upstream = net.connect(Number(target.port), target.hostname);
  sockets.add(client);
  sockets.add(upstream);
  client.once('data', (head) => {
    if (/^last-event-id:/im.test(head.toString('latin1'))) verdict.resumedWithLastEventId++;
    upstream.write(head);
    client.pipe(upstream);
  });
  upstream.pipe(client);
  const end = () => { client.destroy(); upstream.destroy(); sockets.delete(client); sockets.delete(upstream); };
  client.on('error', end).on('close', end);
  upstream.on('error', end).on('close', end);
});
await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));

function cut() {
  verdict.cutsDone++;
  log(`cutting ${sockets.size / 2} connection(s)`);
  for (const s of sockets) s.destroy();
}

// ---- the followed document: every node's status document and the firing alerts ----

const emptyDoc = () => ({ status: {}, alerts: {} });
let doc = emptyDoc();
let lastId = null; // the highest numeric id seen (a BigInt)
const history = []; // {id, doc} after each event with a numeric id, or {id, snapshot: true} where a snapshot began
const numeric = (id) => (/^[0-9]+$/.test(id) ? BigInt(id) : null);

function noteId(event) {
  const id = event.lastEventId;
  const n = numeric(id);
  if (n === null) return;
  if (lastId !== null && n <= lastId) verdict.idRegressions.push({ before: String(lastId), id, event: event.type });
  lastId = n;
  history.push({ id: n, doc: jsonpatch.deepClone(doc) });
  if (history.length > 2000) history.splice(0, history.length - 2000);
}

const applyTo = (target, type, data) => {
  if (type === 'status') target.status[data.node] = data.doc;
  if (type === 'alert') {
    if (data.status === 'resolved') delete target.alerts[data.fingerprint];
    else target.alerts[data.fingerprint] = data;
  }
};

function handle(type, event) {
  verdict.events++;
  const data = JSON.parse(event.data);
  if (type === 'snapshot') {
    verdict.snapshots++;
    const position = BigInt(data.position);
    // a snapshot's last event carries the latest id, which the stream may have sent already: not a repeat
    if (lastId !== null && position < lastId) verdict.idRegressions.push({ before: String(lastId), snapshotAt: data.position });
    lastId = position > 0n ? position - 1n : null;
    history.push({ id: position, snapshot: true });
    for (const topic of data.topics) {
      if (topic === 'status') doc.status = {};
      if (topic === 'alerts') doc.alerts = {};
    }
  } else if (type === 'status-patch') {
    const before = doc.status[data.node];
    if (before === undefined) {
      verdict.patchFailures.push({ id: event.lastEventId, node: data.node, error: 'a patch for a node without a document' });
    } else {
      try {
        doc.status[data.node] = jsonpatch.applyPatch(before, data.patch, true, false).newDocument;
        verdict.patchesApplied++;
      } catch (e) {
        verdict.patchFailures.push({ id: event.lastEventId, node: data.node, error: `${e.name}: ${e.message}`.slice(0, 200) });
      }
    }
  } else if (type === 'traffic') {
    verdict.trafficEvents++;
    if (!Number.isInteger(data.ts)) verdict.errors.push(`traffic event without ts: ${event.data.slice(0, 80)}`);
  } else {
    applyTo(doc, type, data);
  }
  noteId(event);
}

// ---- the stream, through the proxy ----

let settleTimer = null;
const stream = new EventSource(`http://127.0.0.1:${proxy.address().port}/events?topics=${TOPICS}`);
for (const type of ['snapshot', 'status', 'status-patch', 'traffic', 'alert']) {
  stream.addEventListener(type, (event) => {
    try {
      handle(type, event);
    } catch (e) {
      verdict.errors.push(`${type} ${event.lastEventId}: ${e.message}`);
    }
  });
}
stream.addEventListener('open', () => {
  verdict.opens++;
  if (verdict.opens === 1) process.stdout.write('READY\n');
  clearTimeout(settleTimer);
  settleTimer = setTimeout(() => check('after a reconnect'), SETTLE_MS);
});
stream.addEventListener('error', (e) => {
  if (stream.readyState === EventSource.CLOSED) verdict.errors.push(`the stream closed for good: ${e.message} (${e.code})`);
});

// ---- fresh snapshots, on a connection of their own ----

function freshSnapshot() {
  return new Promise((resolve, reject) => {
    const fresh = emptyDoc();
    let position = null;
    const source = new EventSource(`${target.origin}/events?topics=${TOPICS}`);
    const timer = setTimeout(() => { source.close(); reject(new Error('no complete snapshot within 10 s')); }, 10000);
    const done = (event) => {
      if (position !== null && event.lastEventId === position) {
        clearTimeout(timer);
        source.close();
        resolve({ position: BigInt(position), doc: fresh });
      }
    };
    source.addEventListener('snapshot', (event) => { position = JSON.parse(event.data).position; done(event); });
    for (const type of ['status', 'alert']) {
      source.addEventListener(type, (event) => { applyTo(fresh, type, JSON.parse(event.data)); done(event); });
    }
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED) { clearTimeout(timer); reject(new Error('snapshot connection refused')); }
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
let checking = Promise.resolve();

/** Compares the followed document, as it was at the fresh snapshot's position, with the snapshot. */
function check(why) {
  checking = checking.then(async () => {
    let snapshot;
    try {
      snapshot = await freshSnapshot();
    } catch (e) {
      verdict.skippedChecks++;
      log(`check ${why} skipped: ${e.message}`);
      return;
    }
    const deadline = Date.now() + 10000;
    while ((lastId === null || lastId < snapshot.position) && Date.now() < deadline) await sleep(50);
    const at = history.findLastIndex((h) => h.id <= snapshot.position);
    const next = history[at + 1];
    if (at < 0 || lastId === null || lastId < snapshot.position || history[at].snapshot || (next && next.snapshot)) {
      verdict.skippedChecks++; // the stream was away at that position (or got a snapshot after it): nothing to compare
      log(`check ${why} skipped: the stream has no state at ${snapshot.position}`);
      return;
    }
    verdict.checks++;
    if (verdict.restartSeen) verdict.checksAfterRestart++;
    const difference = jsonpatch.compare(history[at].doc, snapshot.doc);
    if (difference.length > 0) {
      verdict.mismatches.push({ why, position: String(snapshot.position), difference: difference.slice(0, 5) });
    }
    log(`check ${why} at ${snapshot.position}: ${difference.length === 0 ? 'equal' : `${difference.length} difference(s)`}`);
  });
  return checking;
}

// ---- the schedule ----

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === 'restarted') { verdict.restartSeen = true; log('the exporter restarted'); }
});
for (const at of cuts) setTimeout(cut, at * 1000);
const periodic = setInterval(() => check('periodic'), 9000);

setTimeout(async () => {
  clearInterval(periodic);
  clearTimeout(settleTimer);
  await check('at the end');
  await checking;
  stream.close();
  proxy.close();
  verdict.alerts = Object.keys(doc.alerts).sort();
  verdict.nodes = Object.keys(doc.status).sort();
  process.stdout.write(`VERDICT ${JSON.stringify(verdict)}\n`);
  process.exit(0);
}, seconds * 1000);
