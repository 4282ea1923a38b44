// The review pages' one script, inlined into each page (no network, no library).
// Tables sort by a click on a column header; the documents index filters by a text box; the incidents
// page filters by type, group, province, country and a date range, draws its map, and keeps the
// filter in the URL query (incidents.html?type=ATTACK&from=2023-01-01) so a view can be bookmarked.
"use strict";

const SVG = "http://www.w3.org/2000/svg";

window.addEventListener("error", (event) => {
  // A failing script says so on the page instead of leaving a half-drawn one.
  const box = document.getElementById("js-error") || document.body.appendChild(document.createElement("pre"));
  box.id = "js-error";
  box.textContent = "script error: " + event.message;
});

function readJSON(id) {
  const node = document.getElementById(id);
  return node ? JSON.parse(node.textContent) : null;
}

function make(tag, attrs, ...children) {
  const node = tag.startsWith("svg:") ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value !== null && value !== undefined && value !== false) node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

// -- sorting ---------------------------------------------------------------------------------------

function compareValues(a, b) {
  // Empty values last; numbers as numbers; the rest (ISO dates included) as text.
  if (a === "" || b === "") return (a === "") - (b === "");
  const x = Number(a), y = Number(b);
  if (!Number.isNaN(x) && !Number.isNaN(y)) return x - y;
  return a.localeCompare(b);
}

function sortBy(parent, items, valueOf, key, dir) {
  const sign = dir === "desc" ? -1 : 1;
  const order = (p, q) => (p[0] === "" || q[0] === "" ? compareValues(p[0], q[0]) : sign * compareValues(p[0], q[0]));
  const sorted = items.map((item, i) => [valueOf(item, key), i, item]).sort((p, q) => order(p, q) || p[1] - q[1]);
  for (const [, , item] of sorted) parent.appendChild(item);
}

function makeSortable(table, itemsOf, valueOf, onSort) {
  // A click on a header with data-key sorts by it; a second click reverses the order.
  for (const th of table.querySelectorAll("thead th[data-key]")) {
    th.classList.add("sortable");
    th.addEventListener("click", () => {
      const dir = th.getAttribute("aria-sort") === "ascending" ? "desc" : "asc";
      applySort(table, itemsOf, valueOf, th.dataset.key, dir);
      if (onSort) onSort(th.dataset.key, dir);
    });
  }
}

function applySort(table, itemsOf, valueOf, key, dir) {
  const th = table.querySelector(`thead th[data-key="${CSS.escape(key)}"]`);
  if (!th) return;
  for (const other of table.querySelectorAll("thead th[aria-sort]")) other.removeAttribute("aria-sort");
  th.setAttribute("aria-sort", dir === "desc" ? "descending" : "ascending");
  const [parent, items] = itemsOf();
  sortBy(parent, items, valueOf, key, dir);
}

// -- the URL query ---------------------------------------------------------------------------------

function readQuery(names) {
  const query = new URLSearchParams(window.location.search);
  return Object.fromEntries(names.map((name) => [name, query.get(name) || ""]));
}

function writeQuery(state) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(state)) if (value) query.set(name, value);
  const search = query.toString();
  try {
    history.replaceState(null, "", search ? "?" + search : window.location.pathname);
  } catch (err) {
    // some browsers refuse to change a file:// URL; the filter still applies
  }
}

// -- the documents index ---------------------------------------------------------------------------

function initIndex() {
  const table = document.querySelector("#documents table");
  if (!table) return;
  const body = table.tBodies[0];
  const rows = [...body.rows];
  const box = document.getElementById("filter");
  const count = document.getElementById("count");
  const state = readQuery(["q", "sort", "dir"]);
  const apply = () => {
    const words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const row of rows) {
      const text = row.textContent.toLowerCase();
      row.hidden = !words.every((w) => text.includes(w));
      shown += !row.hidden;
    }
    count.textContent = `${shown} of ${rows.length} documents`;
    state.q = box.value;
    writeQuery(state);
  };
  const cellValue = (row, key) => row.cells[Number(key)].dataset.value ?? row.cells[Number(key)].textContent.trim();
  makeSortable(table, () => [body, [...body.rows]], cellValue, (key, dir) => { state.sort = key; state.dir = dir; writeQuery(state); });
  if (state.sort) applySort(table, () => [body, [...body.rows]], cellValue, state.sort, state.dir);
  box.value = state.q;
  box.addEventListener("input", apply);
  apply();
  document.body.dataset.ready = "1";
}

// -- document pages: the event that a link points at -----------------------------------------------

function initDocument() {
  const mark = () => {
    const id = decodeURIComponent(window.location.hash.replace(/^#event-/, ""));
    for (const node of document.querySelectorAll(".evidence.current")) node.classList.remove("current");
    if (!id || id === window.location.hash) return;
    for (const node of document.querySelectorAll(".evidence[data-events]")) {
      if (node.dataset.events.split(" ").includes(id)) node.classList.add("current");
    }
  };
  window.addEventListener("hashchange", mark);
  mark();
  document.body.dataset.ready = "1";
}

// -- the incidents page ----------------------------------------------------------------------------

const FILTERS = ["type", "group", "province", "country", "from", "to"];

function incidentMatches(incident, f) {
  if (f.type && incident.type !== f.type) return false;
  if (f.group && !incident.groups.includes(f.group)) return false;
  if (f.province && incident.province !== f.province) return false;
  if (f.country && incident.country !== f.country) return false;
  if ((f.from || f.to) && !incident.start) return false;
  if (f.from && (incident.end || incident.start) < f.from) return false;
  if (f.to && incident.start > f.to) return false;
  return true;
}

function eventRows(incident) {
  const head = make("tr", {}, ...["document", "type", "date", "location", "killed", "wounded", "groups", "evidence"]
    .map((name) => make("th", {}, name)));
  const rows = incident.events.map((e) => make("tr", {class: "event"},
    make("td", {}, make("a", {href: e.href}, e.title), make("div", {class: "meta"}, e.published || "")),
    make("td", {}, e.type), make("td", {}, e.date || ""), make("td", {}, e.location || ""),
    make("td", {class: "num"}, e.killed ?? ""), make("td", {class: "num"}, e.wounded ?? ""),
    make("td", {}, e.actors.join(", ")), make("td", {class: "evidence"}, e.evidence || "")));
  return make("tr", {class: "events"}, make("td", {colspan: 9}, make("table", {class: "events"}, make("tbody", {}, head, ...rows))));
}

function incidentBody(incident, colours) {
  const swatch = make("span", {class: "swatch", style: `background:${colours[incident.type] || colours[""]}`});
  const dates = incident.start && incident.end && incident.end !== incident.start ? `${incident.start} to ${incident.end}` : incident.start || "";
  const row = make("tr", {class: "incident"},
    make("td", {}, dates), make("td", {}, swatch, incident.type), make("td", {}, incident.location || ""),
    make("td", {}, incident.province || ""), make("td", {}, incident.country || ""), make("td", {}, incident.actors.join(", ")),
    make("td", {class: "num"}, incident.killed_text), make("td", {class: "num"}, incident.wounded_text),
    make("td", {class: "num"}, incident.events.length));
  const keys = {date: incident.start || "", type: incident.type, location: incident.location || "", province: incident.province || "",
    country: incident.country || "", groups: incident.actors.join(", "), killed: incident.killed ?? "", wounded: incident.wounded ?? "",
    documents: incident.documents};
  const body = make("tbody", {class: "incident", id: "incident-" + incident.id, "data-type": incident.type}, row, eventRows(incident));
  for (const [key, value] of Object.entries(keys)) body.dataset["sort" + key] = value;
  return body;
}

function setControls(form, state) {
  for (const name of FILTERS) {
    const control = form.elements[name];
    if (control.tagName === "SELECT" && state[name] && ![...control.options].some((o) => o.value === state[name])) {
      control.append(make("option", {value: state[name]}, state[name]));  // a bookmarked value these tables lack
    }
    control.value = state[name];
  }
}

function initIncidents() {
  const data = readJSON("incident-data");
  const outlines = readJSON("boundary-data");
  const table = document.getElementById("incidents");
  const form = document.getElementById("filters");
  const count = document.getElementById("count");
  const bodies = data.incidents.map((incident) => incidentBody(incident, data.colours));
  table.append(...bodies);
  const state = readQuery([...FILTERS, "sort", "dir"]);
  setControls(form, state);
  const map = makeMap(document.getElementById("map"), outlines, data.colours);
  const apply = () => {
    for (const name of FILTERS) state[name] = form.elements[name].value;
    const shown = data.incidents.filter((incident, i) => !(bodies[i].hidden = !incidentMatches(incident, state)));
    count.textContent = `${shown.length} of ${data.incidents.length} incidents`;
    map.draw(shown);
    writeQuery(state);
  };
  const itemsOf = () => [table, [...table.tBodies]];
  const sortValue = (body, key) => body.dataset["sort" + key] ?? "";
  makeSortable(table, itemsOf, sortValue, (key, dir) => { state.sort = key; state.dir = dir; writeQuery(state); });
  applySort(table, itemsOf, sortValue, state.sort || "date", state.dir || "asc");
  form.addEventListener("change", apply);
  form.addEventListener("reset", () => setTimeout(apply));
  apply();
  document.body.dataset.ready = "1";
}

// -- the map: outlines and circles in an SVG, projected to fit the incidents shown ------------------

const DEFAULT_BOX = [60, 23, 78, 38];  // lon/lat of Afghanistan and Pakistan, when nothing has coordinates
const MIN_SPAN = 2;  // degrees: one incident alone still shows the country around it

function ringBox(ring) {
  const xs = ring.map((p) => p[0]), ys = ring.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

function viewBox(points) {
  if (!points.length) return DEFAULT_BOX;
  let [x0, y0, x1, y1] = ringBox(points);
  const padX = Math.max(MIN_SPAN - (x1 - x0), 0) / 2 + Math.max(0.15 * (x1 - x0), 0.3);
  const padY = Math.max(MIN_SPAN - (y1 - y0), 0) / 2 + Math.max(0.15 * (y1 - y0), 0.3);
  return [x0 - padX, Math.max(y0 - padY, -85), x1 + padX, Math.min(y1 + padY, 85)];
}

function projection(box, width, height) {
  // Equirectangular, longitudes shrunk by the cosine of the middle latitude; the box fits, centred.
  const k = Math.cos(((box[1] + box[3]) / 2) * Math.PI / 180);
  const scale = Math.min(width / ((box[2] - box[0]) * k), height / (box[3] - box[1]));
  const dx = (width - (box[2] - box[0]) * k * scale) / 2, dy = (height - (box[3] - box[1]) * scale) / 2;
  return (lon, lat) => [dx + (lon - box[0]) * k * scale, dy + (box[3] - lat) * scale];
}

function radius(killed) {
  return killed ? Math.min(4 + 2 * Math.sqrt(killed), 30) : 4;
}

function makeMap(svg, outlines, colours) {
  const width = Number(svg.getAttribute("width")), height = Number(svg.getAttribute("height"));
  const layers = {countries: outlines.countries, provinces: outlines.provinces};
  for (const shapes of Object.values(layers)) for (const shape of shapes) shape.boxes = shape.rings.map(ringBox);
  const note = document.getElementById("map-note");
  const draw = (shown) => {
    const placed = shown.filter((i) => i.lat !== null && i.lon !== null);
    const box = viewBox(placed.map((i) => [i.lon, i.lat]));
    const project = projection(box, width, height);
    svg.replaceChildren(make("svg:rect", {width, height, class: "sea"}));
    for (const [layer, shapes] of Object.entries(layers)) {
      const group = svg.appendChild(make("svg:g", {class: layer}));
      for (const shape of shapes) {
        const rings = shape.rings.filter((ring, i) => shape.boxes[i][2] >= box[0] && shape.boxes[i][0] <= box[2]
          && shape.boxes[i][3] >= box[1] && shape.boxes[i][1] <= box[3]);
        if (!rings.length) continue;
        const d = rings.map((ring) => "M" + ring.map((p) => project(p[0], p[1]).map((v) => v.toFixed(1)).join(",")).join("L") + "Z").join("");
        group.append(make("svg:path", {d}, make("svg:title", {}, shape.name)));
      }
    }
    const dots = svg.appendChild(make("svg:g", {class: "dots"}));
    for (const incident of [...placed].sort((a, b) => (b.killed || 0) - (a.killed || 0))) {
      const [cx, cy] = project(incident.lon, incident.lat);
      const circle = make("svg:circle", {cx: cx.toFixed(1), cy: cy.toFixed(1), r: radius(incident.killed).toFixed(1),
        fill: colours[incident.type] || colours[""], "data-type": incident.type},
        make("svg:title", {}, `${incident.type} ${incident.start || "undated"} ${incident.location || ""}`
          + (incident.killed_text ? `, killed ${incident.killed_text}` : "")));
      circle.addEventListener("click", () => { window.location.hash = "incident-" + incident.id; });
      dots.append(circle);
    }
    note.textContent = `${placed.length} of ${shown.length} incidents shown have coordinates`;
  };
  return {draw};
}
