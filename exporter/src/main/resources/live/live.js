// live.js: the kong-exporter live page. Loads the last five minutes from ../api/history and the firing alerts from
// ../api/alerts, then follows ../events (Server-Sent Events). Every text from the server is set with textContent.
'use strict';

(() => {
  const WINDOW = 300; // seconds shown in the charts
  const ROLLING = 60; // seconds of the rolling figures (percentiles, error ratios)
  const STALE_AFTER_S = 30; // a node's figures older than this are marked stale
  const RANGES = {
    '5m': { seconds: 300, step: 1, live: true },
    '1h': { seconds: 3600, step: 1, resolution: '1s' },
    '24h': { seconds: 86400, step: 60, resolution: '1m' },
  };
  const HISTORY_URL = '../api/history';
  const ALERTS_URL = '../api/alerts';
  const EVENTS_URL = '../events?topics=status,traffic,cluster,alerts';
  // with ?service=, traffic events are that service's seconds (with its own rolling minute) instead of the aggregate
  const eventsUrl = () => EVENTS_URL + (state.service ? `&service=${encodeURIComponent(state.service)}` : '');
  const RETRY_AFTER_REFUSAL_MS = 5000; // EventSource gives up on an HTTP error; we try again after this
  const SEVERITY_ORDER = { critical: 0, warning: 1, info: 2 };
  const ROLE_ORDER = { control_plane: 0, data_plane: 1, traditional: 2 };

  const state = {
    nodes: new Map(), // node name -> status doc
    points: new Map(), // epoch second -> TrafficPoint
    alerts: new Map(), // fingerprint -> alert
    cluster: null,
    lastEventAt: null,
    skew: 0, // server clock minus ours, in seconds, from the newest traffic point
    latencyKind: 'request',
    rolling: null, // the newest traffic event's rolling minute
    rollingTs: 0,
    rates: new Map(), // node name -> {requests, at, rps}
    range: '5m',
    rangePoints: new Map(), // epoch second -> point, for the 1 h and 24 h ranges
    serviceSort: { key: 'rps', descending: true },
    serviceFilter: '',
    service: new URLSearchParams(location.search).get('service') || '', // the one service the page shows, or all
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
  const millis = (v) => (!has(v) ? '–' : v < 10 ? `${+v.toFixed(1)} ms` : v < 10000 ? `${Math.round(v)} ms`
    : `${+(v / 1000).toFixed(v < 100000 ? 1 : 0)} s`);
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
    if (live && point.rolling && point.ts >= state.rollingTs) { state.rolling = point.rolling; state.rollingTs = point.ts; }
    state.points.set(point.ts, point);
    const oldest = lastSecond() - WINDOW - ROLLING;
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

  /** Error ratio of the minute up to ts (one failed request in a quiet second is not 100 %). */
  function rollingRatio(points, ts, cls, span) {
    let requests = 0;
    let errors = 0;
    for (let t = ts - span + 1; t <= ts; t++) {
      const p = points.get(t);
      if (p) { requests += p.requests || 0; errors += (p.byClass && p.byClass[cls]) || 0; }
    }
    return requests > 0 ? (100 * errors) / requests : null;
  }

  // ---- rendering ----

  const charts = {
    rps: new LineChart(document.getElementById('chart-rps'), {
      series: [{ label: 'requests/s', color: '#4ea1ff' }], format: count,
    }),
    errors: new LineChart(document.getElementById('chart-errors'), {
      series: [{ label: '4xx', color: '#e0a020' }, { label: '5xx', color: '#ff5c5c' }], format: percent,
    }),
    latency: new LineChart(document.getElementById('chart-latency'), {
      series: [
        { label: 'p50', color: '#3fcf8e' }, { label: 'p95', color: '#e0a020' }, { label: 'p99', color: '#ff6b9a' },
      ],
      format: millis,
    }),
  };

  function renderCharts() {
    const range = RANGES[state.range];
    const step = range.step;
    const points = range.live ? state.points : state.rangePoints;
    const end = range.live ? lastSecond() : Math.floor(lastSecond() / step) * step;
    const start = end - (range.seconds / step - 1) * step;
    const columns = { rps: [[]], errors: [[], []], latency: [[], [], []] };
    for (let ts = start; ts <= end; ts += step) {
      const p = points.get(ts) || null;
      columns.rps[0].push(p ? p.requests / step : null);
      const span = step === 1 ? ROLLING : 1;
      const errorsAt = (cls) => (step === 1 ? rollingRatio(points, ts, cls, span) : ratio(p, cls));
      columns.errors[0].push(p || step === 1 ? errorsAt('4xx') : null);
      columns.errors[1].push(p || step === 1 ? errorsAt('5xx') : null);
      ['p50', 'p95', 'p99'].forEach((q, i) => columns.latency[i].push(latency(p, q)));
    }
    for (const [name, chart] of Object.entries(charts)) chart.setData(start, columns[name], step);
    // what the requests chart shows, summed, for tests and for a screen reader's summary
    document.getElementById('chart-rps').dataset.sum = String(columns.rps[0].reduce((a, v) => a + (v || 0) * step, 0));
  }

  const serviceName = (name) => (name ? name : '(no service)');

  /** Whose traffic the figures are: the fleet's (with replicas missing marked), or this replica's share only. */
  function renderReplicas(replicas) {
    const badge = $('replicas');
    if (!replicas) { badge.hidden = true; return; }
    badge.hidden = false;
    const missing = replicas.missing || [];
    const seen = (replicas.seen || []).length;
    badge.classList.toggle('missing', missing.length > 0);
    badge.textContent = replicas.scope === 'replica' ? "this replica's share of the traffic"
      : missing.length ? `fleet: ${seen} of ${seen + missing.length} replicas, missing ${missing.join(', ')}`
      : `fleet of ${seen} replica${seen === 1 ? '' : 's'}`;
    badge.title = replicas.scope === 'replica'
      ? 'Several exporters share the Kafka topic; set live.kafka_topic to see the whole fleet here'
      : 'A missing replica sent nothing for this second: its traffic is not in the figures';
  }

  function renderStats() {
    const p = latestPoint();
    const fresh = p && p.ts >= lastSecond() - 2 ? p : null; // older: no traffic now, so no current figure
    const minute = state.rolling && state.rollingTs >= lastSecond() - 5 ? state.rolling : fresh;
    setValue('rps', count(fresh && fresh.requests), fresh && fresh.requests);
    setValue('error-4xx', percent(ratio(minute, '4xx')), ratio(minute, '4xx'));
    setValue('error-5xx', percent(ratio(minute, '5xx')), ratio(minute, '5xx'));
    for (const q of ['p50', 'p95', 'p99']) setValue(`latency-${q}`, millis(latency(minute, q)), latency(minute, q));
    const bandwidth = (fresh && fresh.bandwidth) || {};
    setValue('ingress', bytesPerSecond(bandwidth.ingress), bandwidth.ingress);
    setValue('egress', bytesPerSecond(bandwidth.egress), bandwidth.egress);
    setValue('upgraded', count(fresh && fresh.upgraded && fresh.upgraded.connections), fresh && fresh.upgraded && fresh.upgraded.connections);
    setValue('sessions', count(fresh && fresh.streams && fresh.streams.sessions), fresh && fresh.streams && fresh.streams.sessions);
    $('last-traffic').textContent = !p ? 'no traffic yet'
      : fresh ? `second ${clock(p.ts)}` : `no traffic since ${clock(p.ts)}`;
    renderReplicas(p && p.replicas);

    const services = (p && (p.topServices || (p.service && [{ service: p.service, requests: p.requests }]))) || [];
    const top = Math.max(1, ...services.map((s) => s.requests));
    document.getElementById('services').replaceChildren(...services.map((s) => {
      const bar = el('div');
      bar.style.width = `${(100 * s.requests) / top}%`;
      return el('tr', { 'data-testid': 'service-row' },
        el('td', { 'data-testid': 'service-name', class: s.service ? null : 'unnamed' }, serviceName(s.service)),
        el('td', { class: 'num', 'data-testid': 'service-requests' }, count(s.requests)),
        el('td', { class: 'share' }, bar));
    }));
    $('top-services-time').textContent = p ? `at ${clock(p.ts)}` : '';
    renderServiceTable();
  }

  const SERVICE_COLUMNS = {
    service: (s) => serviceName(s.service).toLowerCase(),
    rps: (s) => s.requests,
    e4xx: (s) => ratio(s, '4xx') ?? -1,
    e5xxKong: (s) => (s.requests ? (s.errors5xx || {}).kong / s.requests : -1),
    e5xxUpstream: (s) => (s.requests ? (s.errors5xx || {}).service / s.requests : -1),
    p95Upstream: (s) => (s.p95 && has(s.p95.upstream) ? s.p95.upstream : -1),
    p95Kong: (s) => (s.p95 && has(s.p95.kong) ? s.p95.kong : -1),
  };

  /** The busiest services of the last minute: sortable by any column, filtered by the filter box. */
  function renderServiceTable() {
    const rolling = state.rolling && state.rollingTs >= lastSecond() - 5 ? state.rolling : null;
    const seconds = (rolling && rolling.seconds) || ROLLING;
    const filter = state.serviceFilter.trim().toLowerCase();
    const key = SERVICE_COLUMNS[state.serviceSort.key];
    const rows = ((rolling && (rolling.services || [serviceRow(state.service, rolling)])) || [])
      .filter((s) => !filter || serviceName(s.service).toLowerCase().includes(filter))
      .sort((a, b) => {
        const x = key(a);
        const y = key(b);
        return (x < y ? -1 : x > y ? 1 : 0) * (state.serviceSort.descending ? -1 : 1);
      });
    const share = (s, n) => (s.requests ? percent((100 * n) / s.requests) : '–');
    document.getElementById('service-table').replaceChildren(...rows.map((s) => el('tr', { 'data-testid': 'svc-row' },
      el('th', { scope: 'row', class: 'name' }, s.service
        ? el('button', { type: 'button', class: 'link', 'data-testid': 'svc-name', 'data-service': s.service,
          title: state.service ? 'show every service' : 'show only this service on the whole page' }, s.service)
        : el('span', { class: 'unnamed', 'data-testid': 'svc-name', title: 'traffic matched by no service: cannot be filtered on' },
          serviceName(s.service))),
      el('td', { class: 'num', 'data-testid': 'svc-rps' }, (s.requests / seconds).toFixed(1)),
      el('td', { class: 'num', 'data-testid': 'svc-4xx' }, share(s, (s.byClass || {})['4xx'] || 0)),
      el('td', { class: 'num', 'data-testid': 'svc-5xx-kong' }, share(s, (s.errors5xx || {}).kong || 0)),
      el('td', { class: 'num', 'data-testid': 'svc-5xx-upstream' }, share(s, (s.errors5xx || {}).service || 0)),
      el('td', { class: 'num', 'data-testid': 'svc-p95-upstream' }, millis(s.p95 && s.p95.upstream)),
      el('td', { class: 'num', 'data-testid': 'svc-p95-kong' }, millis(s.p95 && s.p95.kong)))));
    document.getElementById('service-table-empty').hidden = rows.length > 0;
    for (const th of document.querySelectorAll('[data-sort]')) {
      th.setAttribute('aria-sort', th.dataset.sort === state.serviceSort.key
        ? (state.serviceSort.descending ? 'descending' : 'ascending') : 'none');
    }
  }

  /** A service's rolling minute (from a ?service= stream) as a row of the services table. */
  function serviceRow(service, rolling) {
    const p95 = (kind) => (rolling.latency && rolling.latency[kind] ? rolling.latency[kind].p95 : null);
    return { ...rolling, service, p95: { kong: p95('kong'), upstream: p95('upstream') } };
  }

  /** Requests per second of each node, from the change of its lifetime total between two polls. */
  function noteRate(node, doc) {
    const before = state.rates.get(node);
    const now = { requests: doc.requests, at: doc.lastSeen, rps: before ? before.rps : null };
    if (before && has(doc.requests) && has(before.requests) && doc.lastSeen > before.at) {
      now.rps = Math.max(0, (doc.requests - before.requests) / (doc.lastSeen - before.at));
    }
    if (!before || doc.lastSeen !== before.at) state.rates.set(node, now);
  }

  function bytes(v) {
    if (!has(v)) return '–';
    const units = ['B', 'KiB', 'MiB', 'GiB'];
    let i = 0;
    while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
    return `${v < 10 && i > 0 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
  }

  function fullestDict(doc) {
    let fullest = null;
    for (const [name, d] of Object.entries(doc.sharedDicts || {})) {
      const used = d.capacity > 0 ? (100 * d.allocated) / d.capacity : null;
      if (used !== null && (!fullest || used > fullest.used)) fullest = { name, used };
    }
    return fullest;
  }

  function renderNodes() {
    // control planes first, their data planes listed under them, then traditional nodes
    const roleOrder = (name) => ROLE_ORDER[(state.nodes.get(name) || {}).role] ?? 3;
    const names = [...state.nodes.keys()].sort((a, b) => roleOrder(a) - roleOrder(b) || a.localeCompare(b));
    const hashes = new Map();
    for (const doc of state.nodes.values()) {
      if (doc.up && doc.configHash) hashes.set(doc.configHash, (hashes.get(doc.configHash) || 0) + 1);
    }
    const commonHash = [...hashes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    document.getElementById('nodes-empty').hidden = names.length > 0;
    let live = 0;
    document.getElementById('nodes').replaceChildren(...names.map((name) => {
      const doc = state.nodes.get(name) || {};
      const up = doc.up === true;
      const age = has(doc.lastSeen) ? Date.now() / 1000 - doc.lastSeen : null;
      const stale = !up || age === null || age > STALE_AFTER_S;
      if (up) live++;
      const figures = stale ? { class: 'num stale', title: 'not current: from the last good poll' } : { class: 'num' };
      const version = [doc.version, doc.edition].filter((v) => v).join(' ');
      const rate = state.rates.get(name);
      const dict = fullestDict(doc);
      const drift = doc.configHash && commonHash && doc.configHash !== commonHash;
      return el('tr', { 'data-testid': 'node-row', 'data-node': name, 'data-up': String(up), 'data-stale': String(stale) },
        el('th', { 'data-testid': 'node-name', class: doc.role === 'data_plane' ? 'name data-plane' : 'name', scope: 'row',
          title: doc.hostname }, name),
        el('td', { 'data-testid': 'node-state', class: up ? 'state-up' : 'state-down' }, up ? 'up' : 'down'),
        el('td', { 'data-testid': 'node-role' }, (doc.role || '–').replace('_', ' ')),
        el('td', { 'data-testid': 'node-version' }, version || '–'),
        el('td', { 'data-testid': 'node-last-seen', class: stale ? 'stale-mark' : null },
          age === null ? 'never' : `${duration(age * 1000)} ago${stale ? ' · stale' : ''}`),
        el('td', { ...figures, 'data-testid': 'node-active' }, count(doc.connections && doc.connections.active)),
        el('td', { ...figures, 'data-testid': 'node-rps', title: has(doc.requests) ? `${count(doc.requests)} requests in all` : null },
          rate && has(rate.rps) ? rate.rps.toFixed(1) : '–'),
        el('td', { 'data-testid': 'node-config', class: drift ? 'drift' : null,
          title: drift ? 'differs from the configuration most nodes run' : doc.configHash },
        doc.configHash ? doc.configHash.slice(0, 8) + (drift ? ' · drift' : '') : '–'),
        el('td', { ...figures, 'data-testid': 'node-dict' }, dict ? `${dict.name} ${percent(dict.used)}` : '–'),
        el('td', { ...figures, 'data-testid': 'node-lua', title: doc.luaMemory
          ? `Lua VMs of ${doc.luaMemory.workers} workers; the largest ${bytes(doc.luaMemory.largest)}` : 'not reported by this node' },
        doc.luaMemory ? bytes(doc.luaMemory.allocated) : '–'),
        el('td', { 'data-testid': 'node-database' }, doc.database ?? '–'),
        el('td', { 'data-testid': 'node-breaker', class: `breaker-${doc.breaker}` }, doc.breaker ?? '–'),
        el('td', { 'data-testid': 'node-error', class: 'error' }, doc.error ?? ''));
    }));
    // the header counts the rows it sits above, so the two never disagree
    setValue('cluster-live', count(live), live);
    setValue('cluster-known', count(names.length), names.length);
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
      const links = [];
      if (safeUrl(annotations.runbook_url)) links.push(el('a', { href: annotations.runbook_url, 'data-testid': 'alert-runbook', rel: 'noopener' }, 'runbook'));
      if (safeUrl(a.generatorURL)) links.push(el('a', { href: a.generatorURL, 'data-testid': 'alert-expression', rel: 'noopener' }, 'expression in Prometheus'));
      const attributes = { 'data-testid': 'alert-item', 'data-fingerprint': a.fingerprint };
      return el('li', { ...attributes, class: `severity-${labels.severity}` },
        el('div', {}, el('span', { class: 'title', 'data-testid': 'alert-name' }, labels.alertname ?? 'alert'),
          el('span', { class: 'severity', 'data-testid': 'alert-severity' }, labels.severity ?? '')),
        el('div', { 'data-testid': 'alert-summary' }, annotations.summary ?? ''),
        el('div', { class: 'detail', 'data-testid': 'alert-description' }, annotations.description ?? ''),
        el('div', { class: 'detail', 'data-testid': 'alert-labels' },
          where + (Number.isNaN(since) ? '' : ` · firing for ${duration(Date.now() - since)}`)),
        links.length ? el('div', { class: 'links' }, ...links) : '');
    }));
    $('alert-count').textContent = String(alerts.length);
    $('alerts-empty').hidden = alerts.length > 0;
  }

  /** Only http(s) links from alert payloads become links (never javascript: and the like). */
  function safeUrl(url) {
    try {
      return typeof url === 'string' && ['http:', 'https:'].includes(new URL(url).protocol);
    } catch (e) {
      return false;
    }
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
    renderNodes(); // last-seen ages
    renderAlerts(); // their ages
  }

  // ---- loading and following ----

  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    return response.json();
  }

  async function loadHistory() {
    if (state.service) return; // the history is of all services: a filtered page starts from the stream
    const from = lastSecond() - WINDOW - ROLLING;
    try {
      const body = await getJson(`${HISTORY_URL}?resolution=1s&from=${from}`);
      for (const p of body.points || []) addPoint(p, false);
      render();
    } catch (e) {
      notice(`History unavailable: ${e.message}`);
    }
  }

  async function loadRange() {
    const range = RANGES[state.range];
    if (range.live) return;
    try {
      const from = lastSecond() - range.seconds;
      const body = await getJson(`${HISTORY_URL}?resolution=${range.resolution}&from=${from}`);
      state.rangePoints = new Map((body.points || []).filter((p) => Number.isInteger(p.ts)).map((p) => [p.ts, p]));
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
      noteRate(node, doc);
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
        noteRate(node, state.nodes.get(node));
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
    source = new EventSource(eventsUrl());
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

  for (const input of document.querySelectorAll('input[name=range]')) {
    input.addEventListener('change', () => {
      state.range = input.value;
      state.rangePoints = new Map();
      loadRange();
      render();
    });
  }
  setInterval(loadRange, 30000);

  document.getElementById('service-filter').addEventListener('input', (e) => {
    state.serviceFilter = e.target.value;
    renderServiceTable();
  });
  for (const th of document.querySelectorAll('[data-sort]')) {
    th.querySelector('button').addEventListener('click', () => {
      const key = th.dataset.sort;
      state.serviceSort = { key, descending: state.serviceSort.key === key ? !state.serviceSort.descending : key !== 'service' };
      renderServiceTable();
    });
  }
  document.getElementById('service-table').addEventListener('click', (e) => {
    const button = e.target.closest('button[data-testid=svc-name]');
    if (button) showService(state.service ? '' : button.dataset.service);
  });
  $('service-chip').addEventListener('click', () => showService(''));

  /**
   * Shows one service on the whole page (charts, figures, service tables) or, with '', every service: the stream is
   * opened again with ?service=, the charts start over, and the address keeps the filter for a reload or a link.
   */
  function showService(service) {
    state.service = service;
    history.replaceState(null, '', service ? `?service=${encodeURIComponent(service)}` : location.pathname);
    state.points = new Map();
    state.rolling = null;
    state.rollingTs = 0;
    applyServiceFilter();
    if (source) source.close();
    setConnection('reconnecting');
    connect();
    loadHistory();
    render();
  }

  /** The chip and the controls that only apply to all services (the 1 h and 24 h history, request latency). */
  function applyServiceFilter() {
    const chip = $('service-chip');
    chip.hidden = !state.service;
    $('service-chip-name').textContent = state.service;
    document.body.dataset.service = state.service;
    for (const input of document.querySelectorAll('input[name=range]')) {
      input.disabled = Boolean(state.service) && input.value !== '5m';
      if (state.service && input.value === '5m') input.checked = true;
    }
    if (state.service) { state.range = '5m'; state.rangePoints = new Map(); }
    const kind = document.getElementById('latency-kind');
    kind.querySelector('option[value=request]').disabled = Boolean(state.service);
    if (state.service && kind.value === 'request') kind.value = 'upstream';
    state.latencyKind = kind.value;
  }

  window.KongLive = { applyPatch }; // for tests
  applyServiceFilter();
  loadHistory();
  loadAlerts();
  connect();
  setInterval(renderClock, 1000);
  render();
})();
