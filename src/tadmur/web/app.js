// tadmur map and timeline. Everything it loads comes from this server.
"use strict";

const COLORS = {
  "Battles": "#e63946",
  "Explosions/Remote violence": "#f77f00",
  "Violence against civilians": "#7b2cbf",
  "Protests": "#2a9d8f",
  "Riots": "#264653",
  "Strategic developments": "#6c757d",
};
const state = { events: [], range: null, selected: null };
const map = L.map("map", { worldCopyJump: true, zoomSnap: 0.5, minZoom: 2, maxZoom: 12 }).setView([30, 30], 3);
const clusters = L.markerClusterGroup({ maxClusterRadius: 40 });
map.addLayer(clusters);

async function json(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

async function baseMap() {
  const world = await json("/static/vendor/world-atlas/countries-110m.json");
  const land = topojson.feature(world, world.objects.countries);
  L.geoJSON(land, { style: { color: "#8d99ae", weight: 0.6, fillColor: "#edf2f4", fillOpacity: 1 } })
    .addTo(map);
}

function filterQuery() {
  const params = new URLSearchParams();
  const type = document.getElementById("f-type").value;
  const actor = document.getElementById("f-actor").value.trim();
  const country = document.getElementById("f-country").value;
  if (type) params.set("type", type);
  if (actor) params.set("actor", actor);
  if (country) params.set("country", country);
  return params;
}

async function load() {
  const events = [];
  let offset = 0;
  for (;;) {
    const params = filterQuery();
    params.set("limit", "500");
    params.set("offset", String(offset));
    const page = await json(`/api/events?${params}`);
    events.push(...page.events);
    offset += page.events.length;
    if (!page.events.length || offset >= page.total) break;
  }
  state.events = events;
  render();
}

function inRange(event) {
  if (!state.range) return true;
  if (!event.date) return false;
  const day = new Date(event.date).getTime();
  return day >= state.range[0] && day <= state.range[1];
}

function render() {
  const visible = state.events.filter(inRange);
  const count = document.getElementById("count");
  count.textContent = `${visible.length} events`;
  count.dataset.count = String(visible.length);
  clusters.clearLayers();
  const bounds = [];
  for (const event of visible) {
    const loc = event.location;
    if (!loc || loc.latitude == null) continue;
    const color = COLORS[event.event_type] || "#333";
    const icon = L.divIcon({ className: "", html: `<div class="event-dot" style="background:${color};width:14px;height:14px"></div>`, iconSize: [14, 14] });
    const marker = L.marker([loc.latitude, loc.longitude], { icon, title: event.sub_event_type });
    marker.on("click", () => select(event.id));
    clusters.addLayer(marker);
    bounds.push([loc.latitude, loc.longitude]);
  }
  if (bounds.length && !state.fitted) { map.fitBounds(bounds, { padding: [30, 30], maxZoom: 7 }); state.fitted = true; }
  renderList(visible);
  drawTimeline();
}

function renderList(visible) {
  const list = document.getElementById("list");
  list.replaceChildren();
  for (const event of visible.slice(0, 300)) {
    const item = document.createElement("div");
    item.className = "item";
    item.dataset.id = event.id;
    const swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = COLORS[event.event_type] || "#333";
    item.append(swatch, `${event.date || "?"} · ${event.sub_event_type} · ${event.location ? event.location.name : "?"}`);
    item.addEventListener("click", () => select(event.id));
    list.append(item);
  }
}

// --- timeline with a brush -------------------------------------------------------------
const svg = document.getElementById("timeline");
let bins = [];
function dayOf(event) { return event.date ? new Date(event.date).getTime() : null; }
function extent() {
  const days = state.events.map(dayOf).filter((d) => d !== null);
  if (!days.length) return null;
  return [Math.min(...days), Math.max(...days) + 86400000];
}
function drawTimeline() {
  const span = extent();
  svg.replaceChildren();
  if (!span) return;
  const width = svg.clientWidth || 800, height = svg.clientHeight || 90, n = 60;
  const step = (span[1] - span[0]) / n;
  bins = Array.from({ length: n }, (_, i) => ({ start: span[0] + i * step, end: span[0] + (i + 1) * step, count: 0 }));
  for (const event of state.events) {
    const day = dayOf(event);
    if (day === null) continue;
    bins[Math.min(n - 1, Math.floor((day - span[0]) / step))].count += 1;
  }
  const top = Math.max(...bins.map((b) => b.count), 1);
  bins.forEach((bin, i) => {
    const rect = document.createElementNS("http://www.w3.org/2000/svg", "rect");
    const h = (bin.count / top) * (height - 4);
    rect.setAttribute("class", "bar");
    rect.setAttribute("x", String((i * width) / n + 0.5));
    rect.setAttribute("y", String(height - h));
    rect.setAttribute("width", String(width / n - 1));
    rect.setAttribute("height", String(h));
    svg.append(rect);
  });
  if (state.range) {
    const x0 = ((state.range[0] - span[0]) / (span[1] - span[0])) * width;
    const x1 = ((state.range[1] - span[0]) / (span[1] - span[0])) * width;
    const brush = document.createElementNS("http://www.w3.org/2000/svg", "rect");
    brush.setAttribute("class", "brush");
    brush.setAttribute("x", String(Math.min(x0, x1)));
    brush.setAttribute("y", "0");
    brush.setAttribute("width", String(Math.abs(x1 - x0)));
    brush.setAttribute("height", String(height));
    svg.append(brush);
    document.getElementById("range").textContent =
      `${new Date(state.range[0]).toISOString().slice(0, 10)} – ${new Date(state.range[1]).toISOString().slice(0, 10)}`;
  } else {
    document.getElementById("range").textContent = "drag on the timeline to select dates";
  }
}
let dragStart = null;
function timeAt(clientX) {
  const span = extent(), box = svg.getBoundingClientRect();
  const f = Math.max(0, Math.min(1, (clientX - box.left) / box.width));
  return span[0] + f * (span[1] - span[0]);
}
svg.addEventListener("mousedown", (e) => { if (extent()) dragStart = timeAt(e.clientX); });
window.addEventListener("mouseup", (e) => {
  if (dragStart === null) return;
  const end = timeAt(e.clientX);
  state.range = Math.abs(end - dragStart) < 3600000 ? null : [Math.min(dragStart, end), Math.max(dragStart, end)];
  dragStart = null;
  render();
});
document.getElementById("f-clear").addEventListener("click", () => { state.range = null; render(); });

// --- the event panel -------------------------------------------------------------------
function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
function marked(text, spans, mergedId) {
  let out = "", at = 0;
  const ordered = spans.filter((s) => s.start >= at).sort((a, b) => a.start - b.start || b.end - a.end);
  for (const span of ordered) {
    if (span.start < at) continue;
    out += escapeHtml(text.slice(at, span.start));
    const cls = span.merged_id === mergedId ? "evidence" : "other";
    out += `<mark class="${cls}" title="${escapeHtml(span.sub_event_type)}">${escapeHtml(text.slice(span.start, span.end))}</mark>`;
    at = span.end;
  }
  return out + escapeHtml(text.slice(at));
}
async function select(id) {
  const event = await json(`/api/events/${encodeURIComponent(id)}`);
  state.selected = id;
  const panel = document.getElementById("panel");
  const loc = event.location || {};
  const rows = [
    ["Type", `${event.event_type} / ${event.sub_event_type}`],
    ["Date", `${event.date || "unknown"}${event.date_end && event.date_end !== event.date ? " – " + event.date_end : ""} (precision ${event.time_precision})`],
    ["Place", `${loc.name || "?"}${loc.admin1 ? ", " + loc.admin1 : ""} ${loc.country_code || ""} (precision ${loc.geo_precision || "?"})`],
    ["Actor 1", event.actor1 || "—"], ["Actor 2", event.actor2 || "—"],
    ["Fatalities", event.fatalities == null ? "—" : String(event.fatalities)],
    ["Sources", event.sources.join(", ") || "—"], ["Reports", String(event.reports)],
  ];
  const dl = rows.map(([k, v]) => `<dt>${k}</dt><dd>${escapeHtml(v)}</dd>`).join("");
  panel.innerHTML = `<h2>${escapeHtml(event.sub_event_type)}</h2><dl>${dl}</dl><div id="control"></div><div class="doc" id="doc"></div>`;
  if (loc.geonameid) showControl(loc.geonameid);
  const first = event.document_ids[0];
  if (first) {
    const doc = await json(`/api/documents/${encodeURIComponent(first)}`);
    document.getElementById("doc").innerHTML = marked(doc.text, doc.spans, id);
    const mark = document.querySelector("#doc mark.evidence");
    if (mark) mark.scrollIntoView({ block: "center" });
  }
}
async function showControl(geonameid) {
  const control = await json(`/api/places/${geonameid}/control`);
  const box = document.getElementById("control");
  if (!control.periods.length) { box.textContent = ""; return; }
  const palette = ["#264653", "#e76f51", "#2a9d8f", "#e9c46a", "#8338ec"];
  const strip = control.periods.map((p, i) =>
    `<div style="background:${palette[i % palette.length]}" title="${escapeHtml(p.controller)}">${escapeHtml(p.controller)}: ${p.from || "?"} → ${p.to || "now"}</div>`).join("");
  box.innerHTML = `<strong>Control of ${escapeHtml(control.name || String(geonameid))}</strong><div class="control-strip">${strip}</div>`;
}

async function start() {
  const stats = await json("/api/stats");
  const types = document.getElementById("f-type"), countries = document.getElementById("f-country");
  for (const t of stats.event_types) types.add(new Option(t, t));
  for (const c of stats.countries) countries.add(new Option(c, c));
  for (const id of ["f-type", "f-country"]) document.getElementById(id).addEventListener("change", load);
  document.getElementById("f-actor").addEventListener("change", load);
  await baseMap();
  await load();
  document.body.dataset.ready = "1";
}
start();
