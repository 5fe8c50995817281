// live.js: the kong-exporter live page. Loads the last five minutes from ../api/history and the firing alerts from
// ../api/alerts, then follows ../events (Server-Sent Events). Every text from the server is set with textContent.
'use strict';

(() => {
  const WINDOW = 300; // seconds shown in the charts
  const HISTORY_URL = '../api/history';
  const ALERTS_URL = '../api/alerts';
  const EVENTS_URL = '../events?topics=status,traffic,cluster,alerts';
  const RETRY_AFTER_REFUSAL_MS = 5000; // EventSource gives up on an HTTP error; we try again after this
  const SEVERITY_ORDER = { critical: 0, warning: 1, info: 2 };

  const state = {
    nodes: new Map(), // node name -> status doc
    points: new Map(), // epoch second -> TrafficPoint
    alerts: new Map(), // fingerprint -> alert
    cluster: null,
    lastEventAt: null,
    skew: 0, // server clock minus ours, in seconds, from the newest traffic point
    latencyKind: 'request',
  };

  // ---- JSON Patch (RFC 6902): add, remove and replace on object members and array indices ----

  function pointer(path) {
    if (path === '') return [];
    if (typeof path !== 'string' || path[0] !== '/') throw new Error(`bad JSON pointer: ${path}`);
    return path.slice(1).split('/').map((token) => {
      const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
      if (key === '__proto__') throw new Error('refusing __proto__ in a JSON pointer');
      return key;
    });
  }

  function arrayIndex(token, limit) {
    if (!/^(0|[1-9][0-9]*)$/.test(token) || Number(token) > limit) throw new Error(`bad array index: ${token}`);
    return Number(token);
  }

  function member(parent, key) {
    if (Array.isArray(parent)) return parent[arrayIndex(key, parent.length - 1)];
    if (parent !== null && typeof parent === 'object' && Object.prototype.hasOwnProperty.call(parent, key)) {
      return parent[key];
    }
    throw new Error(`no such member: ${key}`);
  }

  /** Returns the patched copy of doc; throws (leaving doc as it was) when an operation does not apply. */
  function applyPatch(doc, operations) {
    let root = structuredClone(doc);
    for (const { op, path, value } of operations) {
      if (!['add', 'remove', 'replace'].includes(op)) throw new Error(`unsupported patch operation: ${op}`);
      const keys = pointer(path);
      if (keys.length === 0) {
        if (op === 'remove') throw new Error('cannot remove the whole document');
        root = structuredClone(value);
        continue;
      }
      const parent = keys.slice(0, -1).reduce(member, root);
      const last = keys[keys.length - 1];
      if (Array.isArray(parent)) {
        if (op === 'add') parent.splice(last === '-' ? parent.length : arrayIndex(last, parent.length), 0, value);
        else if (op === 'remove') parent.splice(arrayIndex(last, parent.length - 1), 1);
        else parent[arrayIndex(last, parent.length - 1)] = value;
      } else if (parent !== null && typeof parent === 'object') {
        if (op !== 'add') member(parent, last); // remove and replace need the member to exist
        if (op === 'remove') delete parent[last];
        else parent[last] = value;
      } else {
        throw new Error(`not a container at ${path}`);
      }
    }
    return root;
  }

  // ---- formatting ----

  const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
  const has = (v) => v !== null && v !== undefined;
  const count = (v) => (has(v) ? integer.format(v) : '–');
  const percent = (v) => (has(v) ? `${v < 10 ? v.toFixed(1) : v.toFixed(0)} %` : '–');
  const millis = (v) => (has(v) ? `${v < 10 ? +v.toFixed(1) : Math.round(v)} ms` : '–');
  const clock = (epochSeconds) => new Date(epochSeconds * 1000).toLocaleTimeString([], { hour12: false });

  function bytesPerSecond(v) {
    if (!has(v)) return '–';
    const units = ['B/s', 'kB/s', 'MB/s', 'GB/s'];
    let i = 0;
    while (v >= 1000 && i < units.length - 1) { v /= 1000; i++; }
    return `${v < 10 && i > 0 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
  }

  function duration(ms) {
    const s = Math.max(0, Math.round(ms / 1000));
    return s < 90 ? `${s}s` : s < 5400 ? `${Math.round(s / 60)}m` : s < 172800 ? `${Math.round(s / 3600)}h`
      : `${Math.round(s / 86400)}d`;
  }

  /** An element with attributes and children; strings become text nodes, never markup. */
  function el(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (has(value)) element.setAttribute(name, value);
    }
    element.append(...children.map((c) => (c instanceof Node ? c : String(c ?? ''))));
    return element;
  }

  const $ = (testid) => document.querySelector(`[data-testid="${testid}"]`);

  function setValue(testid, text, raw) {
    const element = $(testid);
    element.textContent = text;
    if (has(raw)) element.dataset.value = raw; else delete element.dataset.value;
  }

  function notice(text) {
    const element = $('notice');
    element.textContent = text || '';
    element.hidden = !text;
  }

  // ---- time and traffic points ----

  /** The newest complete second, on the server's clock as far as we can tell. */
  const lastSecond = () => Math.floor(Date.now() / 1000 + state.skew) - 1;

  function addPoint(point, live) {
    if (!point || !Number.isInteger(point.ts)) return;
    if (live && point.ts >= Math.max(...state.points.keys(), 0)) state.skew = point.ts + 1 - Date.now() / 1000;
    state.points.set(point.ts, point);
    const oldest = lastSecond() - WINDOW;
    for (const ts of state.points.keys()) if (ts < oldest) state.points.delete(ts);
  }

  function latestPoint() {
    let latest = null;
    for (const p of state.points.values()) if (!latest || p.ts > latest.ts) latest = p;
    return latest;
  }

  const ratio = (p, cls) => (p && p.requests > 0 ? (100 * ((p.byClass && p.byClass[cls]) || 0)) / p.requests : null);
  const latency = (p, q) => (p && p.latency && p.latency[state.latencyKind]
    ? p.latency[state.latencyKind][q] ?? null : null);

  // ---- rendering ----

  const charts = {
    rps: new LineChart(document.getElementById('chart-rps'), {
      series: [{ label: 'requests/s', color: '#4ea1ff' }], format: count,
    }),
    errors: new LineChart(document.getElementById('chart-errors'), {
      series: [{ label: '4xx', color: '#f5b942' }, { label: '5xx', color: '#ff5c5c' }], format: percent,
    }),
    latency: new LineChart(document.getElementById('chart-latency'), {
      series: [
        { label: 'p50', color: '#3fcf8e' }, { label: 'p95', color: '#f5b942' }, { label: 'p99', color: '#ff6b9a' },
      ],
      format: millis,
    }),
  };

  function renderCharts() {
    const end = lastSecond();
    const start = end - WINDOW + 1;
    const columns = { rps: [[]], errors: [[], []], latency: [[], [], []] };
    for (let ts = start; ts <= end; ts++) {
      const p = state.points.get(ts) || null;
      columns.rps[0].push(p ? p.requests : null);
      columns.errors[0].push(ratio(p, '4xx'));
      columns.errors[1].push(ratio(p, '5xx'));
      ['p50', 'p95', 'p99'].forEach((q, i) => columns.latency[i].push(latency(p, q)));
    }
    for (const [name, chart] of Object.entries(charts)) chart.setData(start, columns[name]);
  }

  function renderStats() {
    const p = latestPoint();
    const fresh = p && p.ts >= lastSecond() - 2 ? p : null; // older: no traffic now, so no current figure
    setValue('rps', count(fresh && fresh.requests), fresh && fresh.requests);
    setValue('error-4xx', percent(ratio(fresh, '4xx')), ratio(fresh, '4xx'));
    setValue('error-5xx', percent(ratio(fresh, '5xx')), ratio(fresh, '5xx'));
    for (const q of ['p50', 'p95', 'p99']) setValue(`latency-${q}`, millis(latency(fresh, q)), latency(fresh, q));
    const bandwidth = (fresh && fresh.bandwidth) || {};
    setValue('ingress', bytesPerSecond(bandwidth.ingress), bandwidth.ingress);
    setValue('egress', bytesPerSecond(bandwidth.egress), bandwidth.egress);
    $('last-traffic').textContent = !p ? 'no traffic yet'
      : fresh ? `second ${clock(p.ts)}` : `no traffic since ${clock(p.ts)}`;

    const services = (p && p.topServices) || [];
    const top = Math.max(1, ...services.map((s) => s.requests));
    document.getElementById('services').replaceChildren(...services.map((s) => {
      const bar = el('div');
      bar.style.width = `${(100 * s.requests) / top}%`;
      return el('tr', { 'data-testid': 'service-row' },
        el('td', { 'data-testid': 'service-name' }, s.service),
        el('td', { class: 'num', 'data-testid': 'service-requests' }, count(s.requests)),
        el('td', { class: 'share' }, bar));
    }));
    $('top-services-time').textContent = p ? `at ${clock(p.ts)}` : '';
  }

  function renderNodes() {
    const names = [...state.nodes.keys()].sort();
    document.getElementById('nodes-empty').hidden = names.length > 0;
    document.getElementById('nodes').replaceChildren(...names.map((name) => {
      const doc = state.nodes.get(name) || {};
      const up = doc.up === true;
      const version = [doc.version, doc.edition].filter(has).join(' ');
      return el('tr', { 'data-testid': 'node-row', 'data-node': name, 'data-up': String(up) },
        el('td', { 'data-testid': 'node-name', class: 'name', title: doc.hostname }, name),
        el('td', { 'data-testid': 'node-state', class: up ? 'state-up' : 'state-down' }, up ? 'up' : 'down'),
        el('td', { 'data-testid': 'node-version' }, version || '–'),
        el('td', { class: 'num', 'data-testid': 'node-active' }, count(doc.connections && doc.connections.active)),
        el('td', { class: 'num', 'data-testid': 'node-requests' }, count(doc.requests)),
        el('td', { 'data-testid': 'node-database' }, doc.database ?? '–'),
        el('td', { 'data-testid': 'node-breaker', class: `breaker-${doc.breaker}` }, doc.breaker ?? '–'),
        el('td', { 'data-testid': 'node-error', class: 'error' }, doc.error ?? ''));
    }));
    const cluster = state.cluster || {};
    setValue('cluster-live', count(cluster.live), cluster.live);
    setValue('cluster-known', count(cluster.known), cluster.known);
  }

  function renderAlerts() {
    const alerts = [...state.alerts.values()].sort((a, b) =>
      (SEVERITY_ORDER[(a.labels || {}).severity] ?? 9) - (SEVERITY_ORDER[(b.labels || {}).severity] ?? 9)
      || String(a.startsAt).localeCompare(String(b.startsAt)));
    document.getElementById('alerts').replaceChildren(...alerts.map((a) => {
      const labels = a.labels || {};
      const annotations = a.annotations || {};
      const since = Date.parse(a.startsAt);
      const where = Object.entries(labels).filter(([k]) => k !== 'alertname' && k !== 'severity')
        .map(([k, v]) => `${k}=${v}`).join(', ');
      const attributes = { 'data-testid': 'alert-item', 'data-fingerprint': a.fingerprint };
      return el('li', { ...attributes, class: `severity-${labels.severity}` },
        el('div', {}, el('span', { class: 'title', 'data-testid': 'alert-name' }, labels.alertname ?? 'alert'),
          el('span', { class: 'severity', 'data-testid': 'alert-severity' }, labels.severity ?? '')),
        el('div', { 'data-testid': 'alert-summary' }, annotations.summary ?? ''),
        el('div', { class: 'detail', 'data-testid': 'alert-labels' },
          where + (Number.isNaN(since) ? '' : ` · firing for ${duration(Date.now() - since)}`)));
    }));
    $('alert-count').textContent = String(alerts.length);
    $('alerts-empty').hidden = alerts.length > 0;
  }

  let renderPending = false;
  function render() {
    if (renderPending) return;
    renderPending = true;
    requestAnimationFrame(() => {
      renderPending = false;
      renderCharts();
      renderStats();
      renderNodes();
      renderAlerts();
    });
  }

  function renderClock() {
    $('last-event').textContent = state.lastEventAt
      ? `last event ${duration(Date.now() - state.lastEventAt)} ago` : 'no events yet';
    renderCharts(); // the window moves on even when nothing arrives
    renderStats();
    renderAlerts(); // their ages
  }

  // ---- loading and following ----

  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    return response.json();
  }

  async function loadHistory() {
    const from = lastSecond() - WINDOW;
    try {
      const body = await getJson(`${HISTORY_URL}?resolution=1s&from=${from}`);
      for (const p of body.points || []) addPoint(p, false);
      render();
    } catch (e) {
      notice(`History unavailable: ${e.message}`);
    }
  }

  async function loadAlerts() {
    try {
      const body = await getJson(ALERTS_URL);
      state.alerts = new Map((body.alerts || []).map((a) => [a.fingerprint, a]));
      render();
    } catch (e) {
      notice(`Alerts unavailable: ${e.message}`);
    }
  }

  const handlers = {
    status({ node, doc }) {
      state.nodes.set(node, doc);
      if (snapshotWait) snapshotWait.delete(node);
    },
    'status-patch'({ node, patch }) {
      if (!state.nodes.has(node)) {
        // a node this page never got a snapshot of (it joined while we were away, or the replay that resumed us
        // began after its snapshot): only a fresh snapshot can show it
        resync(`status-patch for ${node}, which this page has no snapshot of`);
        return;
      }
      try {
        state.nodes.set(node, applyPatch(state.nodes.get(node), patch));
      } catch (e) {
        resync(`status-patch for ${node} did not apply (${e.message})`);
      }
    },
    traffic(point) { addPoint(point, true); },
    cluster(counts) { state.cluster = counts; },
    alert(a) {
      if (a.status === 'resolved') state.alerts.delete(a.fingerprint);
      else state.alerts.set(a.fingerprint, a);
    },
  };

  let source = null;
  let opened = false;
  let lastResync = 0;
  let snapshotWait = null; // the nodes a fresh connection has not re-sent yet

  function setConnection(name) {
    const element = $('connection-state');
    element.textContent = name;
    element.dataset.state = name;
  }

  /**
   * Opens the stream. A new EventSource sends no Last-Event-ID, so the server answers with a snapshot of every node:
   * nodes it does not re-send within 10 s have left the configuration and go. The browser's own reconnects resume
   * with Last-Event-ID and get a replay, which holds no snapshot: then nothing is dropped.
   */
  function connect() {
    source = new EventSource(EVENTS_URL);
    const fresh = { pending: null };
    source.onopen = () => {
      setConnection('live');
      notice('');
      if (opened) { loadHistory(); loadAlerts(); } // catch up on what the gap missed
      opened = true;
      if (fresh.pending) return; // a resumed connection of the same EventSource: a replay, no snapshot
      const pending = fresh.pending = snapshotWait = new Set(state.nodes.keys());
      setTimeout(() => {
        if (snapshotWait !== pending) return; // a newer fresh connection waits for its own snapshot
        snapshotWait = null;
        for (const node of pending) state.nodes.delete(node);
        render();
      }, 10000);
    };
    source.onerror = () => {
      setConnection('reconnecting');
      if (source.readyState === EventSource.CLOSED) setTimeout(connect, RETRY_AFTER_REFUSAL_MS);
    };
    for (const [name, handle] of Object.entries(handlers)) {
      source.addEventListener(name, (event) => {
        state.lastEventAt = Date.now();
        try {
          handle(JSON.parse(event.data));
        } catch (e) {
          console.error(`could not handle ${name} event: ${e.message}`);
        }
        render();
      });
    }
  }

  /** Reconnects without Last-Event-ID, for a fresh snapshot (at most every 10 s). */
  function resync(reason) {
    if (Date.now() - lastResync < 10000) return;
    lastResync = Date.now();
    console.info(`${reason}: reconnecting for a fresh snapshot`);
    source.close();
    setConnection('reconnecting');
    connect();
  }

  document.getElementById('latency-kind').addEventListener('change', (e) => {
    state.latencyKind = e.target.value;
    render();
  });

  window.KongLive = { applyPatch }; // for tests
  loadHistory();
  loadAlerts();
  connect();
  setInterval(renderClock, 1000);
  render();
})();
