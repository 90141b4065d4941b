// The review page: what needs the editor first, each decision one key, the state kept across reloads. The list is
// virtualised (only the rows on screen exist in the document), so a book of 10,000 edits answers a key as fast as a
// chapter. Served by `typeset review` decisions are saved as they are made; opened from disk they are kept in
// the browser and offered as a download. A module script: it runs once the page is read, and may await the data.

performance.mark("review:script");
// The data comes gzipped in base64 (ReviewPage.Pack): a fifth of the bytes for the browser to read before this runs.
async function unpack(id) {
  const text = document.getElementById(id).textContent;
  let bytes;
  if (Uint8Array.fromBase64) bytes = Uint8Array.fromBase64(text);
  else {
    const binary = atob(text);
    bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  }
  // One write of the whole buffer: fewer hops between the page and the inflater than a blob's stream of chunks.
  const inflater = new DecompressionStream("gzip");
  const writer = inflater.writable.getWriter();
  writer.write(bytes);
  writer.close();
  return new Response(inflater.readable).text();
}
const json = await unpack("review-data");
performance.mark("review:inflated");
const DATA = JSON.parse(json);
performance.mark("review:parsed");
const served = location.protocol === "http:" || location.protocol === "https:";
const STORE = "typeset-review:" + DATA.title;
// Rows have a fixed height by kind (room for the scan crop when the book came from scans), so a row's place is a sum.
const HEIGHT = { header: 46, item: Object.keys(DATA.scans).length > 0 ? 136 : 108, unmatched: 84 };
const LOW = DATA.lowConfidence;

// ---- the edits, and the rows an editor decides (an edit, a name cluster, a rule's routine edits)

const verdictName = v => v === true ? "accept" : v === false ? "reject" : "";
// Edits come as rows of values (DATA.columns), their repeated strings as numbers into DATA.strings: see ReviewPage.Payload.
const S = DATA.strings;
const edits = DATA.edits.map((v, index) => ({
  index, id: v[0], stage: S[v[1]], rule: S[v[2]], block: S[v[3]], page: v[4], start: v[5], before: v[6], after: v[7], confidence: v[8],
  reason: S[v[9]], status: S[v[10]], joinedBlock: v[11] === null ? null : S[v[11]], scope: S[v[12]], contextBefore: v[13], contextAfter: v[14],
  occurrence: v[15], group: S[v[16]], verdict: verdictName(v[17]), impact: S[v[18]], tier: S[v[19]], repeats: v[20] === 1, word: v[21],
  cluster: v[22], crop: v[23] && { page: v[23][0], x: v[23][1], y: v[23][2], width: v[23][3], height: v[23][4],
    marks: v[23][5].map(m => ({ x: m[0], y: m[1], width: m[2], height: m[3] })) }, decisionKey: v[24],
}));
const byId = new Map(edits.map(e => [e.id, e]));
// The changed paragraphs (raw beside now) are only needed when the editor opens one: unpacked after the first rows.
let blockMap = null;
const blocks = () => blockMap;
const IMPACT = ["structure", "join", "word", "shape", "typography"];
const size = e => e.before.length + e.after.length;

// A rule's confident content changes, when it made several, are one row too (expandable): the individual rows are
// kept for what is unsure, so the list stays short for a whole book.
const GROUP_CONFIDENT = 3;

function makeItems() {
  const items = [];
  const clusters = new Map();
  const groups = new Map();
  const confident = e => e.tier === "content" && e.cluster == null && e.confidence >= LOW;
  const confidentPerRule = new Map();
  for (const e of edits) if (confident(e)) confidentPerRule.set(e.rule, (confidentPerRule.get(e.rule) || 0) + 1);
  for (const e of edits) {
    if (e.cluster != null && e.tier !== "routine") {
      if (!clusters.has(e.cluster)) {
        const item = { kind: "cluster", key: "name:" + DATA.clusters[e.cluster].chosen, cluster: DATA.clusters[e.cluster], edits: [] };
        clusters.set(e.cluster, item);
        items.push(item);
      }
      clusters.get(e.cluster).edits.push(e);
    } else if (e.tier === "routine" || (confident(e) && confidentPerRule.get(e.rule) >= GROUP_CONFIDENT)) {
      const key = (e.tier === "routine" ? "rule:" : "rule-content:") + e.rule;
      if (!groups.has(key)) {
        const item = { kind: "group", key, rule: e.rule, edits: [] };
        groups.set(key, item);
        items.push(item);
      }
      groups.get(key).edits.push(e);
    } else {
      items.push({ kind: "edit", key: e.id, edits: [e] });
    }
  }
  for (const item of items) {
    let suggestion = false, confidence = 1, highest = 0, impact = IMPACT.length;
    for (const e of item.edits) {
      e.item = item;
      suggestion = suggestion || e.tier === "suggestion";
      confidence = Math.min(confidence, e.confidence);
      highest = Math.max(highest, e.confidence);
      impact = Math.min(impact, IMPACT.indexOf(e.impact));
    }
    item.tier = suggestion ? "suggestion" : item.edits[0].tier;
    item.confidence = confidence;
    item.highest = highest;
    item.impact = impact;
    item.first = item.edits[0].index;
  }
  return items;
}

const items = makeItems();
performance.mark("review:items");
const SECTIONS = [
  { tier: "unmatched", title: "Your decisions that match no edit of this run", note: "shown, never dropped: forget one once you have decided its edit again" },
  { tier: "suggestion", title: "Suggestions — not applied, your decision", note: "most consequential first" },
  { tier: "content", title: "Changes of content — applied", note: "lowest confidence first; a rule's confident changes together" },
  { tier: "routine", title: "Routine changes — by rule", note: "accept or reject a rule's edits together; Enter shows them" },
];
const order = {
  suggestion: (a, b) => a.impact - b.impact || size(b.edits[0]) - size(a.edits[0]) || a.confidence - b.confidence || a.first - b.first,
  content: (a, b) => a.confidence - b.confidence || a.impact - b.impact || a.first - b.first,
  routine: (a, b) => b.edits.length - a.edits.length || a.rule.localeCompare(b.rule),
};
const unmatchedItems = DATA.unmatched.map((u, i) => ({ kind: "unmatched", key: "unmatched:" + i, tier: "unmatched", unmatched: u, edits: [] }));

// ---- state: verdicts, the current row, the open groups, the filter, undo — kept across reloads

const saved = (() => { try { return JSON.parse(localStorage.getItem(STORE)) || {}; } catch { return {}; } })();
const sameRun = saved.run === DATA.run;
const state = {
  needsMe: !!saved.needsMe,
  rule: sameRun ? saved.rule || "" : "",
  open: new Set(sameRun ? saved.open || [] : []),
  currentKey: saved.currentKey || null,
  undo: sameRun ? saved.undo || [] : [],
  forgotten: new Set(sameRun ? saved.forgotten || [] : []),
};
const pending = [];
if (!served && sameRun && Array.isArray(saved.pending)) pending.push(...saved.pending);

function persist() {
  try {
    localStorage.setItem(STORE, JSON.stringify({
      run: DATA.run, needsMe: state.needsMe, rule: state.rule, open: [...state.open], currentKey: rows[current]?.key || state.currentKey,
      // Undo survives a reload, but not the bulk of a whole section's decisions.
      undo: state.undo.slice(-10).filter(u => (u.changes || []).length <= 500), forgotten: [...state.forgotten], pending: served ? undefined : pending,
    }));
  } catch { /* private mode or full: the page still works, it only forgets */ }
}

const decided = item => item.edits.length > 0 && item.edits.every(e => e.verdict);
function itemState(item) {
  if (item.kind === "unmatched") return state.forgotten.has(item.key) ? "accept" : "";
  const verdicts = new Set(item.edits.map(e => e.verdict));
  if (verdicts.size === 1) return [...verdicts][0];
  return verdicts.has("") ? "partly" : "mixed";
}

const needsMe = item => item.kind === "unmatched" ? !state.forgotten.has(item.key)
  : !decided(item) && (item.tier === "suggestion" || (item.tier === "content" && item.confidence < LOW));

// ---- rows: headers, items, and the edits of open groups; heights are fixed per kind, so positions are sums

let rows = [];
let tops = [];
let current = -1;

function buildRows() {
  rows = [];
  const visible = item => (!state.needsMe || needsMe(item)) && (!state.rule || item.edits.some(e => e.rule === state.rule));
  for (const section of SECTIONS) {
    const list = (section.tier === "unmatched" ? unmatchedItems : items.filter(i => i.tier === section.tier)).filter(visible);
    if (section.tier !== "unmatched") list.sort(order[section.tier]);
    if (list.length === 0) continue;
    const count = list.reduce((n, i) => n + Math.max(1, i.edits.length), 0);
    rows.push({ type: "header", key: "section:" + section.tier, section, count, items: list });
    for (const item of list) {
      rows.push({ type: item.kind === "unmatched" ? "unmatched" : "item", key: item.key, item, section });
      if (item.kind === "group" && state.open.has(item.key)) {
        for (const e of item.edits) {
          if (!state.rule || e.rule === state.rule) rows.push({ type: "item", key: e.id, item: { kind: "edit", key: e.id, edits: [e], tier: item.tier, child: true }, section, child: true });
        }
      }
    }
  }
  tops = new Array(rows.length + 1);
  tops[0] = 0;
  for (let i = 0; i < rows.length; i++) tops[i + 1] = tops[i] + HEIGHT[rows[i].type] + (rows[i].type === "header" ? 0 : 8);
  spacer.style.height = tops[rows.length] + "px";
  current = rows.findIndex(r => r.key === state.currentKey);
  if (current < 0) current = rows.findIndex(r => r.type !== "header");
}

// ---- rendering the rows on screen

const list = document.getElementById("list");
const spacer = document.getElementById("spacer");
const esc = s => String(s ?? "").replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
// Spaces and line breaks are shown where they are the change: "␣ → ⍽" or "↵↵ → ␣" would otherwise be invisible.
const shown = s => {
  const text = esc(s).replace(/\n/g, "↵").replace(/[\u00A0\u202F]/g, "⍽");
  return /^\s*$/.test(s) ? text.replace(/ /g, "␣") || "∅" : text;
};
const around = s => esc(s).replace(/\n/g, " ");
const change = e => `<span class="around">${e.contextBefore ? "…" + around(e.contextBefore) : ""}</span><del>${shown(e.before)}</del><ins>${shown(e.after)}</ins><span class="around">${e.contextAfter ? around(e.contextAfter) + "…" : ""}</span>`;
const stateLabel = { accept: "accepted", reject: "rejected", mixed: "mixed", partly: "partly decided", "": "" };

function scanHtml(e) {
  if (e.crop) {
    const c = e.crop, s = Math.min(380 / c.width, 110 / c.height, 1);
    const w = Math.round(c.width * s), h = Math.round(c.height * s);
    const marks = c.marks.map(m => `<div class="mark" style="left:${Math.round((m.x - c.x) * s) - 2}px;top:${Math.round((m.y - c.y) * s) - 2}px;` +
      `width:${Math.round(m.width * s) + 4}px;height:${Math.round(m.height * s) + 4}px"></div>`).join("");
    const url = DATA.scans[String(c.page)];
    if (!url) return `no scan for page ${c.page}`;
    const image = served
      ? `<img alt="scan of page ${c.page}" width="${w}" height="${h}" src="/scan/${c.page}/crop?x=${c.x}&y=${c.y}&w=${c.width}&h=${c.height}&m=0" style="width:${w}px;height:${h}px">`
      : `<div class="page" style="width:${c.width}px;height:${c.height}px;background-image:url('${esc(url)}');background-position:-${c.x}px -${c.y}px;transform:scale(${s})"></div>`;
    return `<div class="crop" title="page ${c.page}" style="width:${w}px;height:${h}px">${image}${marks}</div>`;
  }
  if (e.page != null && Object.keys(DATA.scans).length > 0 && !DATA.scans[String(e.page)]) return `no scan for page ${e.page}`;
  return "";
}

function buttons(item, e) {
  const applied = e ? e.status === "applied" : true;
  let html = `<button data-act="accept">${applied ? "Keep" : "Apply"} <kbd>a</kbd></button><button data-act="reject">${applied ? "Undo" : "Dismiss"} <kbd>r</kbd></button>`;
  if (e && e.repeats) html += `<button data-act="always" title="make this change wherever a rule proposes it">always</button><button data-act="never" title="never make this change">never</button>`;
  if (e && e.word) html += `<button data-act="addWord" title="the word is right: add it to the project dictionary">add «${esc(e.word)}» to dictionary</button>`;
  if (e) html += `<button data-act="detail" title="the whole paragraph (Enter)">paragraph</button>`;
  return html;
}

function itemHtml(row, index) {
  const item = row.item, st = itemState(item);
  const cls = `row item${row.child ? " child" : ""}${index === current ? " current" : ""}`;
  const top = tops[index];
  const attrs = `class="${cls}" style="top:${top}px;height:${HEIGHT.item}px" data-index="${index}" data-key="${esc(item.key)}" data-kind="${item.kind}" data-tier="${item.tier}" data-state="${st}"`;
  const status = `<span class="state ${st}">${stateLabel[st]}</span>`;
  if (item.kind === "group") {
    const e = item.edits[0], n = item.edits.length, done = item.edits.filter(x => x.verdict).length;
    return `<div ${attrs}><div class="text"><div class="meta"><span class="badge">${esc(e.impact)}</span> <b>${esc(item.rule)}</b> · ${n} edit${n === 1 ? "" : "s"} · ${done} decided · confidence ${item.confidence.toFixed(2)}–${item.highest.toFixed(2)}${status}</div>` +
      `<div class="ctx">${change(e)}</div><div class="reason">e.g. ${esc(e.reason)}</div>` +
      `<div class="actions"><button data-act="accept">Keep all ${n} <kbd>a</kbd></button><button data-act="reject">Undo all ${n} <kbd>r</kbd></button>` +
      `<button data-act="open">${state.open.has(item.key) ? "hide the edits" : "show the edits"} <kbd>Enter</kbd></button></div></div><div class="scan">${scanHtml(e)}</div></div>`;
  }
  if (item.kind === "cluster") {
    const c = item.cluster, e = item.edits[0];
    const total = c.forms.reduce((n, f) => n + f.count, 0);
    const forms = c.forms.map((f, i) => `<label><input type="radio" name="spell-${esc(item.key)}" value="${i}"${f.stem === c.chosen ? " checked" : ""}> ${esc(f.word)} <span class="meta">(${f.count})</span></label>`).join("");
    return `<div ${attrs}><div class="text"><div class="meta"><span class="badge">name</span> one spelling for «${esc(c.chosen)}…» · ${item.edits.length} occurrence${item.edits.length === 1 ? "" : "s"} rewritten of ${total} · confidence ${item.confidence.toFixed(2)} · ${esc(e.rule)}${status}</div>` +
      `<div class="forms">spelling: ${forms}</div><div class="ctx">${change(e)}</div>` +
      `<div class="actions"><button data-act="accept">Keep «${esc(c.chosen)}…» <kbd>a</kbd></button><button data-act="reject">Undo all <kbd>r</kbd></button>` +
      `<button data-act="spell">use the chosen spelling</button></div></div><div class="scan">${scanHtml(e)}</div></div>`;
  }
  const e = item.edits[0];
  return `<div ${attrs}><div class="text"><div class="meta"><span class="badge">${esc(e.impact)}</span> ${esc(e.rule)} · confidence ${Number(e.confidence).toFixed(2)} · ${e.status}` +
    `${e.page != null ? " · page " + e.page : ""} · ${esc(e.block)}${status}</div><div class="ctx">${change(e)}</div><div class="reason">${esc(e.reason)}</div>` +
    `<div class="actions">${buttons(item, e)}</div></div><div class="scan">${scanHtml(e)}</div></div>`;
}

function unmatchedHtml(row, index) {
  const u = row.item.unmatched, d = u.decision, a = d.anchor;
  const text = a ? change({ contextBefore: a.contextBefore, before: a.before, after: a.after, contextAfter: a.contextAfter }) : `edit ${esc(d.editId)}`;
  const forgotten = state.forgotten.has(row.item.key);
  return `<div class="row item unmatched${index === current ? " current" : ""}" style="top:${tops[index]}px;height:${HEIGHT.unmatched}px" data-index="${index}" data-key="${esc(row.item.key)}" data-kind="unmatched" data-state="${forgotten ? "accept" : ""}">` +
    `<div class="text"><div class="meta">${esc(d.kind)}${a ? " · " + esc(a.rule) + " · " + esc(a.block) : ""} — ${esc(u.reason)}</div><div class="ctx">${text}</div>` +
    `<div class="actions">${forgotten ? "<span class=\"state accept\">forgotten</span>" : "<button data-act=\"forget\">forget this decision</button>"}</div></div></div>`;
}

function headerHtml(row, index) {
  const undecided = row.items.filter(i => i.kind !== "unmatched" && !decided(i)).length;
  return `<div class="row header" style="top:${tops[index]}px;height:${HEIGHT.header}px" data-index="${index}" data-section="${row.section.tier}">` +
    `${esc(row.section.title)}<span class="count">${row.items.length} row${row.items.length === 1 ? "" : "s"}, ${row.count} edit${row.count === 1 ? "" : "s"}` +
    `${row.section.tier === "unmatched" ? "" : ", " + undecided + " undecided"} · ${esc(row.section.note)}</span></div>`;
}

let drawn = "";
function render(force) {
  const from = Math.max(0, lowerBound(list.scrollTop) - 3);
  let to = from;
  const bottom = list.scrollTop + list.clientHeight;
  while (to < rows.length && tops[to] < bottom) to++;
  to = Math.min(rows.length, to + 3);
  const range = from + ":" + to + ":" + current;
  if (!force && range === drawn) return;
  drawn = range;
  let html = "";
  for (let i = from; i < to; i++) {
    const row = rows[i];
    html += row.type === "header" ? headerHtml(row, i) : row.type === "unmatched" ? unmatchedHtml(row, i) : itemHtml(row, i);
  }
  spacer.innerHTML = html;
}

function lowerBound(y) {
  let lo = 0, hi = rows.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (tops[mid + 1] <= y) lo = mid + 1; else hi = mid; }
  return lo;
}

list.addEventListener("scroll", () => requestAnimationFrame(() => render(false)), { passive: true });
window.addEventListener("resize", () => render(true));

// ---- progress and what a re-run will change

function summarize() {
  const total = edits.length, done = edits.filter(e => e.verdict).length;
  const decidable = items.length, rowsDone = items.filter(decided).length;
  const waiting = items.filter(needsMe).length + unmatchedItems.filter(needsMe).length;
  const progress = document.getElementById("progress");
  progress.querySelector(".meter > div").style.width = (total ? 100 * done / total : 100) + "%";
  progress.querySelector("span").textContent = `${done} of ${total} edits decided (${rowsDone} of ${decidable} rows) · ${waiting} need${waiting === 1 ? "s" : ""} you`;
  document.body.dataset.decided = String(done);
  document.body.dataset.needsMe = String(waiting);

  const apply = edits.filter(e => e.verdict === "accept" && e.status !== "applied").length;
  const undo = edits.filter(e => e.verdict === "reject" && e.status === "applied").length;
  const stays = edits.filter(e => e.verdict === "reject" && e.status === "rejected").length;
  const parts = [];
  if (apply) parts.push(`${apply} edit${apply === 1 ? "" : "s"} applied that ${apply === 1 ? "is" : "are"} not now`);
  if (undo) parts.push(`${undo} applied edit${undo === 1 ? "" : "s"} undone`);
  if (session.spellings) parts.push(`${session.spellings} name${session.spellings === 1 ? "" : "s"} respelled`);
  if (session.words) parts.push(`${session.words} word${session.words === 1 ? "" : "s"} added to the dictionary (no longer corrected)`);
  const still = edits.filter(e => e.status === "suggested" && !e.verdict).length;
  document.getElementById("rerun-summary").textContent = "On re-run: " + (parts.length ? parts.join(" · ") : "nothing changes") +
    (stays ? ` · ${stays} rejected edit${stays === 1 ? "" : "s"} stay${stays === 1 ? "s" : ""} out` : "") +
    (still ? ` · ${still} suggestion${still === 1 ? "" : "s"} left undecided stay${still === 1 ? "s" : ""} unapplied` : "") +
    (DATA.unmatched.length ? ` · ${DATA.unmatched.length} of your decisions match nothing (listed first)` : "");
}
const session = { spellings: 0, words: 0 };

// ---- moving

function select(index, scroll = true) {
  if (rows.length === 0) return;
  index = Math.max(0, Math.min(index, rows.length - 1));
  current = index;
  state.currentKey = rows[index].key;
  if (scroll) {
    const top = tops[index], bottom = tops[index + 1];
    if (top < list.scrollTop + 60) list.scrollTop = Math.max(0, top - 60);
    else if (bottom > list.scrollTop + list.clientHeight) list.scrollTop = bottom - list.clientHeight + 8;
  }
  render(true);
  persist();
}

function step(delta) {
  let i = current;
  do { i += delta; } while (i >= 0 && i < rows.length && rows[i].type === "header");
  if (i >= 0 && i < rows.length) select(i);
}

const undecidedRow = i => rows[i].type !== "header" && (rows[i].type === "unmatched" ? needsMe(rows[i].item) : !decided(rows[i].item));
function nextUndecided(delta = 1, from = current) {
  for (let i = from + delta; i >= 0 && i < rows.length; i += delta) {
    if (undecidedRow(i)) { select(i); return true; }
  }
  return false;
}

// ---- deciding: optimistic in the page, then saved (or kept for download from a file)

const started = { at: 0 };
function decideItem(row, kind, advance) {
  const item = row.item;
  if (item.kind === "unmatched") return;
  const index = current;
  const targets = item.edits.filter(e => !state.rule || e.rule === state.rule);
  const changes = targets.filter(e => e.verdict !== kind).map(e => ({ id: e.id, prev: e.verdict, next: kind }));
  if (changes.length) apply(changes, "decide");
  if (!advance) return;
  // With "needs me" on, the decided row has left the list and the next one stands where it was.
  const from = rows[index]?.key === row.key ? index : index - 1;
  if (!nextUndecided(1, from)) select(Math.min(Math.max(index, 0), rows.length - 1));
}

function decideSection(kind) {
  const row = rows[current];
  if (!row) return;
  const section = row.section;
  const changes = [];
  for (const r of rows) {
    if (r.section !== section || r.type !== "item" || r.child) continue;
    for (const e of r.item.edits) if (!e.verdict && (!state.rule || e.rule === state.rule)) changes.push({ id: e.id, prev: "", next: kind });
  }
  if (changes.length === 0) { toast("nothing left to decide in this section"); return; }
  apply(changes, "section");
  if (!nextUndecided(1, -1)) render(true);
}

function apply(changes, label) {
  started.at = performance.now();
  for (const c of changes) byId.get(c.id).verdict = c.next;
  state.undo.push({ label, changes });
  refresh();
  document.body.dataset.lastDecisionMs = (performance.now() - started.at).toFixed(1);
  send(changes.map(c => decisionFor(c.id, c.next, c.prev)));
}

function undo() {
  const last = state.undo.pop();
  if (!last) { toast("nothing to undo"); return; }
  if (last.spell) {
    send([last.spell]);
    session.spellings = Math.max(0, session.spellings - 1);
  }
  const changes = (last.changes || []).map(c => ({ id: c.id, prev: c.next, next: c.prev }));
  for (const c of changes) byId.get(c.id).verdict = c.next;
  refresh();
  if (changes.length) send(changes.map(c => decisionFor(c.id, c.next, c.prev)));
  toast("undone");
}

const decisionFor = (id, next, seen) => ({ kind: next === "" ? "clear" : next, editId: id, seen });

function refresh() {
  if (state.needsMe) {
    const key = rows[current]?.key, index = current;
    buildRows();
    const i = rows.findIndex(r => r.key === key);
    current = i >= 0 ? i : Math.min(index, rows.length - 1);
  }
  summarize();
  render(true);
  persist();
}

async function send(decisions) {
  if (!served) {
    for (const d of decisions) {
      const line = Object.assign({ at: new Date().toISOString() }, d);
      delete line.seen;
      const e = d.editId ? byId.get(d.editId) : null;
      // The anchor lets the next run find the edit even where its id changed (as the server writes it).
      if (e) {
        line.anchor = { rule: e.rule, block: e.block, before: e.before, after: e.after, contextBefore: e.contextBefore || "",
          contextAfter: e.contextAfter || "", occurrence: e.occurrence || 0, joinedBlock: e.joinedBlock };
        if (e.decisionKey && e.decisionKey !== e.id) line.replaces = e.decisionKey;
      }
      pending.push(line);
    }
    updateDownload();
    persist();
    return;
  }
  inflight(1);
  try {
    const response = await fetch("/api/decisions", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify(decisions.length === 1 ? decisions[0] : { decisions }) });
    const body = await response.json();
    if (response.status === 409 || (body.conflicts && body.conflicts.length)) {
      setVerdicts(body.verdicts);
      toast(`${body.conflicts.length} edit${body.conflicts.length === 1 ? " was" : "s were"} decided meanwhile in another tab: that decision is shown; decide again to change it`);
    } else if (!response.ok) {
      toast("not saved: " + (body.error || response.status));
      fetchVerdicts();
      return;
    } else {
      setVerdicts(body.verdicts);
    }
    if (body.run && body.run !== DATA.run) newerRun();
    document.body.dataset.lastRoundTripMs = String(Math.round(performance.now() - started.at));
    document.body.dataset.saved = String(Number(document.body.dataset.saved || 0) + 1);
  } catch (error) {
    toast("not saved: " + error);
  } finally {
    inflight(-1);
  }
}

// How many saves are on their way (tests and the reload wait for none).
function inflight(delta) { document.body.dataset.inflight = String(Number(document.body.dataset.inflight || 0) + delta); }

async function sendOther(decision) {
  if (!served) { pending.push(Object.assign({ at: new Date().toISOString() }, decision)); updateDownload(); persist(); return; }
  inflight(1);
  try {
    const response = await fetch("/api/decisions", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(decision) });
    const body = await response.json();
    if (!response.ok) { toast("not saved: " + (body.error || response.status)); return false; }
    setVerdicts(body.verdicts);
    document.body.dataset.saved = String(Number(document.body.dataset.saved || 0) + 1);
    toast("saved: " + decision.kind);
    return true;
  } catch (error) {
    toast("not saved: " + error);
    return false;
  } finally {
    inflight(-1);
  }
}

function setVerdicts(verdicts) {
  for (const e of edits) e.verdict = verdictName(verdicts[e.id]);
  refresh();
}

async function fetchVerdicts() {
  if (!served) return;
  try {
    const body = await (await fetch("/api/verdicts")).json();
    setVerdicts(body.verdicts);
    if (body.run !== DATA.run) newerRun();
  } catch { /* the server stopped: the page keeps what it shows */ }
}

function newerRun() {
  const banner = document.getElementById("banner");
  banner.hidden = false;
  banner.innerHTML = "A newer run is on the server. <button type=\"button\" onclick=\"location.reload()\">Reload</button> — your place is kept.";
}

// From file:// there is no server: decide here with the server's precedence (the edit, then the change, then the rule).
function localVerdicts() {
  const norm = s => s.replace(/-\s+|\s+/g, m => m[0] === "-" ? "-" : " ");
  const onChange = new Map(), onRule = new Map();
  for (const d of pending) {
    if (d.kind === "acceptRule" || d.kind === "rejectRule") onRule.set(d.rule, d.kind === "acceptRule");
    if (d.kind === "always" || d.kind === "never") onChange.set(norm(d.before) + "\u0001" + norm(d.after), d.kind === "always");
  }
  for (const e of edits) {
    if (e.verdict) continue;
    const key = norm(e.before) + "\u0001" + norm(e.after);
    const v = onChange.has(key) ? onChange.get(key) : onRule.has(e.rule) ? onRule.get(e.rule) : null;
    if (v !== null) e.verdict = verdictName(v);
  }
}

function updateDownload() {
  const link = document.getElementById("download");
  if (!link) return;
  const blob = new Blob([pending.map(d => JSON.stringify(d)).join("\n") + "\n"], { type: "application/x-ndjson" });
  if (link.href) URL.revokeObjectURL(link.href);
  link.href = URL.createObjectURL(blob);
  link.textContent = `download ${pending.length} decision(s)`;
}

// ---- names, words, pairs, the paragraph

async function spell(row) {
  const item = row.item, c = item.cluster;
  const checked = document.querySelector(`.row[data-index="${rows.indexOf(row)}"] input[type=radio]:checked`);
  const form = c.forms[Number(checked ? checked.value : 0)];
  if (form.stem === c.chosen) { decideItem(row, "accept", true); return; }
  const others = c.forms.filter(f => f !== form).map(f => f.word).join(", ");
  if (await sendOther({ kind: "spellName", after: form.word, before: others }) === false) return;
  // The cluster's rewrites go the other way now: they are rejected, and the next run spells the name as chosen.
  // Undo chooses the machine's spelling again (the latest choice wins).
  const back = c.forms.find(f => f.stem === c.chosen);
  const reverse = { kind: "spellName", after: back.word, before: c.forms.filter(f => f !== back).map(f => f.word).join(", ") };
  const changes = item.edits.filter(e => e.verdict !== "reject").map(e => ({ id: e.id, prev: e.verdict, next: "reject" }));
  session.spellings++;
  if (changes.length) apply(changes, "spell"); else state.undo.push({ label: "spell", changes: [] });
  state.undo[state.undo.length - 1].spell = reverse;
  toast(`the next run spells it «${form.word}»`);
  refresh();
}

async function act(row, action) {
  const e = row.item.edits[0];
  if (action === "accept" || action === "reject") decideItem(row, action, true);
  else if (action === "open") toggle(row);
  else if (action === "detail") showDetail(e);
  else if (action === "spell") spell(row);
  else if (action === "forget") forget(row);
  else if (action === "always" || action === "never") await sendOther({ kind: action, before: e.before, after: e.after });
  else if (action === "addWord" && e.word) { if (await sendOther({ kind: "addWord", word: e.word })) { session.words++; summarize(); } }
}

async function forget(row) {
  // Taking back the decision (by the key it is known by) stops it being reported; the edit is decided anew on its card.
  if (await sendOther({ kind: "clear", editId: row.item.unmatched.key }) === false) return;
  state.forgotten.add(row.item.key);
  refresh();
}

function toggle(row) {
  if (row.item.kind !== "group") { showDetail(row.item.edits[0]); return; }
  if (state.open.has(row.item.key)) state.open.delete(row.item.key); else state.open.add(row.item.key);
  const key = row.key;
  buildRows();
  current = rows.findIndex(r => r.key === key);
  render(true);
  persist();
}

function showDetail(e) {
  if (!blocks()) { toast("the paragraphs are still loading"); return; }
  const block = blocks().get(e.group);
  const pane = document.getElementById("detail");
  const side = (segments, which) => segments.map(s => {
    const kind = s[0], text = esc(s.slice(1));
    if (kind === "=") return text;
    if (kind === "-" && which === "raw") return "<del>" + text + "</del>";
    if (kind === "+" && which === "final") return "<ins>" + text + "</ins>";
    return "";
  }).join("");
  pane.innerHTML = block
    ? `<h3>${esc(block.id)}${block.page != null ? " · page " + block.page : ""} — Esc closes</h3><div class="sbs"><div><h3>raw</h3>${side(block.segments, "raw")}</div><div><h3>now</h3>${side(block.segments, "final")}</div></div>`
    : `<h3>block ${esc(e.block)} is no longer in the book — Esc closes</h3>`;
  pane.hidden = false;
}

// ---- events

spacer.addEventListener("click", event => {
  const el = event.target.closest(".row[data-index]");
  if (!el) return;
  const index = Number(el.dataset.index);
  const button = event.target.closest("button[data-act]");
  if (index !== current) { current = index; state.currentKey = rows[index].key; }
  if (button) act(rows[index], button.dataset.act); else if (!event.target.closest("input,label")) select(index, false);
});

// Key to the next painted frame, for the benchmark: the handler's work plus the browser's layout and paint.
document.addEventListener("keydown", () => {
  const pressed = performance.now();
  requestAnimationFrame(() => setTimeout(() => { document.body.dataset.lastKeyFrameMs = (performance.now() - pressed).toFixed(1); }, 0));
}, true);

document.addEventListener("keydown", event => {
  if (event.ctrlKey || event.metaKey || event.altKey || /^(INPUT|SELECT|TEXTAREA)$/.test(event.target.tagName)) return;
  const row = rows[current];
  switch (event.key) {
    case "j": case "ArrowDown": step(1); break;
    case "k": case "ArrowUp": step(-1); break;
    case "n": if (!nextUndecided()) toast("nothing undecided below"); break;
    case "p": if (!nextUndecided(-1)) toast("nothing undecided above"); break;
    case "a": if (row && row.type !== "header") decideItem(row, "accept", true); break;
    case "r": if (row && row.type !== "header") decideItem(row, "reject", true); break;
    case "A": decideSection("accept"); break;
    case "u": undo(); break;
    case "Enter": if (row && row.type === "item") toggle(row); break;
    case "f": toggleNeedsMe(); break;
    case "R": rerun(); break;
    case "?": document.getElementById("help").hidden = !document.getElementById("help").hidden; break;
    case "Escape": document.getElementById("detail").hidden = true; document.getElementById("help").hidden = true; break;
    default: return;
  }
  event.preventDefault();
});

function toggleNeedsMe() {
  state.needsMe = !state.needsMe;
  document.getElementById("needs-me").setAttribute("aria-pressed", String(state.needsMe));
  const key = rows[current]?.key;
  buildRows();
  if (key) { const i = rows.findIndex(r => r.key === key); if (i >= 0) current = i; }
  if (current < 0 || rows[current]?.type === "header") current = rows.findIndex(r => r.type !== "header");
  list.scrollTop = 0;
  select(Math.max(0, current));
}

async function rerun() {
  if (!served) { toast("opened as a file: run `typeset run` to apply your decisions"); return; }
  const busy = document.createElement("div");
  busy.id = "busy";
  busy.textContent = "Re-running the pipeline with your decisions…";
  document.body.appendChild(busy);
  try {
    const response = await fetch("/api/rerun", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    const body = await response.json();
    if (!response.ok) { busy.remove(); toast("re-run failed: " + (body.error || response.status)); return; }
    persist();
    location.reload();
  } catch (error) {
    busy.remove();
    toast("re-run failed: " + error);
  }
}

document.getElementById("needs-me").addEventListener("click", toggleNeedsMe);
document.getElementById("rerun").addEventListener("click", rerun);
document.getElementById("help-button").addEventListener("click", () => { document.getElementById("help").hidden = !document.getElementById("help").hidden; });
const ruleSelect = document.getElementById("f-rule");
for (const rule of [...new Set(edits.map(e => e.rule))].sort()) ruleSelect.add(new Option(rule, rule));
ruleSelect.value = state.rule;
ruleSelect.addEventListener("input", () => { state.rule = ruleSelect.value; buildRows(); list.scrollTop = 0; select(Math.max(0, current)); });
for (const button of document.querySelectorAll("button[data-pair]")) {
  button.addEventListener("click", () => {
    const before = document.getElementById("pair-before").value.trim(), after = document.getElementById("pair-after").value.trim();
    if (before && after && before !== after) sendOther({ kind: button.dataset.pair, before, after }).then(() => { if (!served) { localVerdicts(); refresh(); } });
    else toast("give two different words");
  });
}
document.getElementById("add-word").addEventListener("click", async () => {
  const word = document.getElementById("new-word").value.trim();
  if (word && await sendOther({ kind: "addWord", word }) !== false) { session.words++; summarize(); }
});
window.addEventListener("focus", fetchVerdicts);
if (served) setInterval(() => { if (document.visibilityState === "visible") fetchVerdicts(); }, 15000);

function toast(text) {
  const el = document.getElementById("toast");
  el.textContent = text;
  el.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { el.hidden = true; }, 3500);
}

// ---- start

if (!served) {
  // Decisions made from the file before a reload are kept in the browser: shown again, and still in the download.
  for (const d of pending) {
    if ((d.kind === "accept" || d.kind === "reject" || d.kind === "clear") && byId.has(d.editId)) byId.get(d.editId).verdict = d.kind === "clear" ? "" : d.kind;
  }
  localVerdicts();
}
document.getElementById("needs-me").setAttribute("aria-pressed", String(state.needsMe));
buildRows();
summarize();
performance.mark("review:rows");
const mode = document.getElementById("mode");
if (served) {
  mode.textContent = "Decisions are saved as you make them; Re-run (R) applies them and reloads.";
  fetchVerdicts();
} else {
  mode.innerHTML = "Opened as a file: decisions are kept in this browser. Append them to the decisions file, or run <code>typeset review</code> to save them as you go. " +
    '<a id="download" download="review-decisions.jsonl">download 0 decision(s)</a>';
  updateDownload();
}
if (current >= 0) {
  const top = tops[current];
  list.scrollTop = Math.max(0, top - 60);
}
render(true);
list.focus({ preventScroll: true });
setTimeout(() => unpack("review-blocks").then(text => { blockMap = new Map(JSON.parse(text).map(b => [b.id, b])); }), 0);
// For tests and scripts: the rows as the page lists them, which one is current, and an edit as the page holds it.
window.review = {
  edit: id => { const e = byId.get(id); return e && Object.assign({}, e, { item: undefined }); },
  rows: () => rows.map(r => ({ type: r.type, key: r.key, kind: r.item ? r.item.kind : null, tier: r.item ? r.item.tier : r.section.tier,
    child: !!r.child, state: r.item ? itemState(r.item) : "", edits: r.item ? r.item.edits.map(e => e.id) : [] })),
  current: () => current,
  run: DATA.run,
};
// Milliseconds from navigation start to the first rows on screen: what the load-time measurement reads.
document.body.dataset.readyMs = String(Math.round(performance.now()));
document.body.dataset.inflight = document.body.dataset.inflight || "0";
document.body.dataset.ready = "true";
