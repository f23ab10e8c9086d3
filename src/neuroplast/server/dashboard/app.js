// The dashboard: polls /v1/dashboard/data (the session cookie proves who asks) and draws
// it. Text goes in with textContent only, never as HTML: a tool call can hold anything.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
let pollMs = 3000;

function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = String(text);
  return node;
}

function svg(tag, attrs = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

function pct(x) { return x === null || x === undefined ? "—" : (100 * x).toFixed(1) + "%"; }

function replace(id, ...children) {
  const node = document.getElementById(id);
  node.replaceChildren(...children);
  return node;
}

function drawSubsystems(subsystems) {
  replace("subsystems", ...Object.keys(subsystems).sort().map(
    (name) => el("span", { class: "pill on", "data-subsystem": name }, name)));
}

function drawKpis(stats) {
  const items = [
    ["decisions", stats.decisions], ["ask rate", pct(stats.ask_rate)],
    ["agreement", pct(stats.agreement)], ["your answers", stats.feedback],
    ["converged", stats.converged ? "yes" : "not yet"], ["model version", stats.model_version],
  ];
  replace("kpis", ...items.map(([label, value]) => {
    const card = el("div", { class: "kpi", "data-kpi": label });
    card.append(el("div", { class: "value" }, value), el("div", { class: "label" }, label));
    return card;
  }));
}

function drawChart(series, window) {
  document.getElementById("window").textContent =
    `One point per ${window} decisions.`;
  const W = 800, H = 240, L = 40, R = 10, T = 10, B = 28;
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: "none" });
  for (const y of [0, 0.25, 0.5, 0.75, 1]) {
    const py = T + (1 - y) * (H - T - B);
    root.append(svg("line", { class: "axis", x1: L, x2: W - R, y1: py, y2: py }));
    const label = svg("text", { x: 4, y: py + 4 });
    label.textContent = `${Math.round(y * 100)}%`;
    root.append(label);
  }
  // a last window of a few decisions is noise (one ask reads as 100%): drawn once it is
  // half full
  if (series.length > 1) {
    const tail = series[series.length - 1].end - series[series.length - 2].end;
    if (tail < window / 2) series = series.slice(0, -1);
  }
  const last = series.length ? series[series.length - 1].end : 1;
  const x = (end) => L + (end / Math.max(last, 1)) * (W - L - R);
  const y = (v) => T + (1 - v) * (H - T - B);
  for (const [key, cls] of [["ask_rate", "ask"], ["agreement", "agree"]]) {
    const points = series.filter((p) => p[key] !== null)
      .map((p) => `${x(p.end).toFixed(1)},${y(p[key]).toFixed(1)}`);
    if (points.length) {
      root.append(svg("polyline", { class: cls, points: points.join(" "),
                                    "data-series": key, "data-points": points.length }));
    }
  }
  const axis = svg("text", { x: W - R - 150, y: H - 6 });
  axis.textContent = `${last} decisions`;
  root.append(axis);
  replace("chart", root);
}

function drawConfusion(c, stats) {
  const table = replace("confusion");
  const head = el("tr");
  head.append(el("th"), el("th", {}, "you approved"), el("th", {}, "you refused"));
  const allow = el("tr");
  allow.append(el("th", {}, "gate allowed"),
    el("td", { class: "good", "data-cell": "true_allow" }, c.true_allow),
    el("td", { class: "bad", "data-cell": "false_allow" }, c.false_allow));
  const deny = el("tr");
  deny.append(el("th", {}, "gate denied"),
    el("td", { class: "bad", "data-cell": "false_deny" }, c.false_deny),
    el("td", { class: "good", "data-cell": "true_deny" }, c.true_deny));
  const asked = el("tr");
  asked.append(el("th", {}, "gate asked"), el("td", { colspan: 2, "data-cell": "asked" },
    stats.asked));
  table.append(head, allow, deny, asked);
}

function drawRules(rows) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  replace("rules", ...rows.map((r) => {
    const bar = el("div", { class: "bar", "data-rule": r.rule });
    const label = el("span");
    label.append(el("span", { class: `decision ${r.decision}` }, r.decision), " ",
                 el("span", {}, r.rule));
    const track = el("div", { class: "track" });
    track.append(el("div", { class: `fill ${r.decision}`,
                             style: `width:${(100 * r.count / max).toFixed(1)}%` }));
    bar.append(label, track, el("span", {}, r.count));
    return bar;
  }));
}

function drawOrigins(byOrigin, peers) {
  const table = replace("origins");
  const head = el("tr");
  for (const h of ["origin", "answers", "approved", "trained"]) head.append(el("th", {}, h));
  table.append(head);
  for (const [origin, n] of Object.entries(byOrigin).sort()) {
    const row = el("tr", { "data-origin": origin });
    row.append(el("td", { class: origin.startsWith("peer:") ? "origin-peer" : "" }, origin),
               el("td", {}, n.answers), el("td", {}, n.approved), el("td", {}, n.trained));
    table.append(row);
  }
  const box = replace("peers");
  if (peers) {
    const refused = Object.entries(peers.refused).map(([k, v]) => `${k} ${v}`).join(", ");
    box.append(el("p", { class: "muted" },
      `${peers.peers.length} trusted peer(s); refused: ${refused || "nothing"}.`));
    // weights from peers trusted with them; a peer's newest of a kind counts, if applied
    const newest = {};
    for (const a of peers.adapters_in || []) {
      const key = `${a.peer}/${a.kind}`;
      newest[key] = Math.max(newest[key] || 0, a.version);
    }
    const applied = peers.adapters_applied || {};
    for (const a of peers.adapters_in || []) {
      const counts = newest[`${a.peer}/${a.kind}`] === a.version &&
        (applied[a.kind] || []).includes(a.peer);
      box.append(el("p", { class: "muted", "data-adapter": `${a.peer}/${a.kind}/v${a.version}` },
        `${a.kind} adapter v${a.version} from ${a.peer}, kept at ${a.path}` +
        (counts ? ", counts now" : "")));
    }
  }
}

function drawLatest(rows) {
  const table = replace("latest");
  const head = el("tr");
  for (const h of ["time", "tool", "call", "decision", "rule", "why", "your answer"]) {
    head.append(el("th", {}, h));
  }
  table.append(head);
  for (const d of rows) {
    const row = el("tr", { "data-decision": d.tool_use_id });
    row.append(
      el("td", {}, new Date(d.ts * 1000).toLocaleTimeString()),
      el("td", {}, d.tool),
      el("td", { class: "call" }, d.call),
      el("td", { class: `decision ${d.decision}` }, d.decision),
      el("td", { title: d.rules_evaluated.join(" → ") }, d.rule),
      el("td", {}, d.reason),
      el("td", {}, d.answer ?? "—"));
    table.append(row);
  }
}

// sona: mean quality per window of the trajectory log, each route's share and quality,
// and the pattern bank's largest clusters
function drawSona(sona) {
  document.getElementById("sona").classList.toggle("hidden", !sona);
  if (!sona) return;
  document.getElementById("sona-summary").textContent =
    `${sona.trajectories} trajectories, ${sona.routes.length} routes, ` +
    `${sona.patterns} patterns; one point per ${sona.window} trajectories.`;
  const W = 800, H = 200, L = 40, R = 10, T = 10, B = 24;
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: "none" });
  for (const v of [0, 0.5, 1]) {
    const py = T + (1 - v) * (H - T - B);
    root.append(svg("line", { class: "axis", x1: L, x2: W - R, y1: py, y2: py }));
    const label = svg("text", { x: 4, y: py + 4 });
    label.textContent = v.toFixed(1);
    root.append(label);
  }
  const last = sona.series.length ? sona.series[sona.series.length - 1].end : 1;
  const points = sona.series.map((p) =>
    `${(L + (p.end / Math.max(last, 1)) * (W - L - R)).toFixed(1)},` +
    `${(T + (1 - Math.min(Math.max(p.quality, 0), 1)) * (H - T - B)).toFixed(1)}`);
  if (points.length) {
    root.append(svg("polyline", { class: "agree", points: points.join(" "),
                                  "data-series": "quality", "data-points": points.length }));
  }
  replace("sona-chart", root);
  const max = Math.max(1, ...sona.routes.map((r) => r.trajectories));
  const routes = replace("sona-routes");
  const head = el("tr");
  for (const h of ["route", "trajectories", "", "mean quality"]) head.append(el("th", {}, h));
  routes.append(head);
  for (const r of sona.routes) {
    const row = el("tr", { "data-route": r.route });
    const track = svg("svg", { viewBox: "0 0 100 10", class: "share" });
    track.append(svg("rect", { class: "pos", x: 0, y: 0, height: 10,
                               width: (100 * r.trajectories / max).toFixed(1) }));
    const cell = el("td");
    cell.append(track);
    row.append(el("td", {}, r.route), el("td", {}, r.trajectories), cell,
               el("td", {}, r.quality.toFixed(3)));
    routes.append(row);
  }
  const bank = replace("sona-bank");
  const top = el("tr");
  for (const h of ["pattern", "queries", "mean quality", "best route", "used"]) {
    top.append(el("th", {}, h));
  }
  bank.append(top);
  for (const p of sona.bank) {
    const row = el("tr", { "data-pattern": p.id });
    row.append(el("td", {}, `#${p.id} ${p.type}`), el("td", {}, p.size),
      el("td", {}, p.quality.toFixed(3)),
      el("td", {}, p.best_route === null ? "—" :
        `${p.best_route} (${p.best_quality.toFixed(2)})`),
      el("td", {}, p.uses));
    bank.append(row);
  }
}

// memory: the memories' weights as horizontal bars from a zero line (a weight can be
// negative: a memory that made the answers less likely), then the candidates to review
function drawMemoryWeights(weights) {
  const row = 22, L = 170, R = 60, W = 800, H = Math.max(row * weights.length, row) + 8;
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, "data-memories": weights.length });
  const low = Math.min(0, ...weights.map((w) => w.weight));
  const high = Math.max(0, ...weights.map((w) => w.weight));
  const span = Math.max(high - low, 1e-9);
  const x = (v) => L + ((v - low) / span) * (W - L - R);
  root.append(svg("line", { class: "axis", x1: x(0), x2: x(0), y1: 0, y2: H }));
  weights.forEach((w, i) => {
    const y = 4 + i * row;
    const label = svg("text", { x: 4, y: y + 14 });
    label.textContent = w.key.length > 24 ? w.key.slice(0, 23) + "…" : w.key;
    const bar = svg("rect", { class: w.weight < 0 ? "neg" : "pos",
                              x: Math.min(x(0), x(w.weight)), y, height: row - 6,
                              width: Math.max(Math.abs(x(w.weight) - x(0)), 1),
                              "data-memory": w.key, "data-weight": w.weight });
    const title = svg("title");
    title.textContent = `${w.key}: weight ${w.weight.toFixed(3)} nats, last score ` +
      `${w.last_score.toFixed(3)}, scored ${w.scores}× (last ` +
      `${new Date(w.scored_at * 1000).toLocaleString()})`;
    bar.append(title);
    const value = svg("text", { x: Math.max(x(0), x(w.weight)) + 4, y: y + 14 });
    value.textContent = w.weight.toFixed(2);
    root.append(label, bar, value);
  });
  replace("memory-weights", root);
}

function drawMemory(memory) {
  document.getElementById("memory").classList.toggle("hidden", !memory);
  if (!memory) return;
  const c = memory.candidates;
  document.getElementById("memory-summary").textContent =
    `${memory.memories} memories scored (the ${memory.weights.length} heaviest shown); ` +
    `candidates: ${c.pending} pending, ${c.approved} approved, ${c.rejected} rejected, ` +
    `${c.trained} trained.`;
  drawMemoryWeights(memory.weights);
  const table = replace("memory-pending");
  const head = el("tr");
  for (const h of ["response", "divergence", "depended on", "without memories"]) {
    head.append(el("th", {}, h));
  }
  table.append(head);
  for (const p of memory.pending) {
    const row = el("tr", { "data-candidate": p.response_ts });
    row.append(el("td", { class: "call" }, p.text), el("td", {}, p.divergence.toFixed(2)),
      el("td", {}, p.memories.map((m) => `${m.key} (${m.divergence.toFixed(2)})`)
        .join(", ") || "—"),
      el("td", { class: "call" }, p.alternative ?? "—"));
    table.append(row);
  }
}

// a status value as words: a list by commas, a table as "key value" pairs
function plain(v) {
  if (Array.isArray(v)) return v.length ? v.map(plain).join(", ") : "none";
  if (v !== null && typeof v === "object") {
    const items = Object.entries(v);
    return items.length ? items.map(([k, x]) => `${k} ${plain(x)}`).join(", ") : "none";
  }
  return String(v);
}

function drawOthers(subsystems) {
  const others = Object.entries(subsystems)
    .filter(([name]) => !["gate", "peers", "dashboard"].includes(name));
  document.getElementById("others").classList.toggle("hidden", others.length === 0);
  replace("other-status", ...others.map(([name, status]) => {
    const p = el("p");
    p.append(el("strong", {}, name + ": "),
             el("span", {}, Object.entries(status).map(([k, v]) => `${k} ${plain(v)}`)
               .join(" · ")));
    return p;
  }));
}

async function refresh() {
  try {
    const answer = await fetch("/v1/dashboard/data", { credentials: "same-origin",
                                                       cache: "no-store" });
    if (!answer.ok) {
      const body = await answer.json().catch(() => ({}));
      throw new Error(body.error ? body.error.message : `HTTP ${answer.status}`);
    }
    const data = await answer.json();
    drawSubsystems(data.subsystems);
    if (data.subsystems.dashboard) pollMs = 1000 * data.subsystems.dashboard.poll_s;
    if (data.gate) {
      drawKpis(data.gate.stats);
      drawChart(data.gate.series, data.gate.window);
      drawConfusion(data.gate.stats.confusion, data.gate.stats);
      drawRules(data.gate.decided_by);
      drawOrigins(data.gate.stats.by_origin || {}, data.peers);
      drawLatest(data.gate.latest);
    }
    drawSona(data.sona);
    drawMemory(data.memory);
    drawOthers(data.subsystems);
    const updated = document.getElementById("updated");
    updated.textContent = `updated ${new Date().toLocaleTimeString()}`;
    document.body.dataset.loaded = "true";
  } catch (err) {
    document.getElementById("updated").textContent = `not updated: ${err.message}`;
  }
  setTimeout(refresh, pollMs);
}

refresh();
