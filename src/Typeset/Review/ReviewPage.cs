using System.Net;
using System.Text.Json;

namespace Typeset.Review;

/// <summary>
/// output/review/index.html: one self-contained file (styles, script and data inline) so it opens from file:// as well
/// as from <c>typeset review</c>. Served over http it posts decisions to the server; from a file it collects them for
/// download. The script renders from the embedded JSON, so the page stays small for thousands of edits.
/// </summary>
public static class ReviewPage
{
    public static string Render(ReviewData data)
    {
        // "</" inside the JSON would end the script element early; "<\/" is the same JSON string.
        var json = JsonSerializer.Serialize(data, DecisionsFile.Options).Replace("</", "<\\/", StringComparison.Ordinal);
        return Template
            .Replace("{{TITLE}}", WebUtility.HtmlEncode(data.Title), StringComparison.Ordinal)
            .Replace("{{DATA}}", json, StringComparison.Ordinal);
    }

    private const string Template = """
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Review — {{TITLE}}</title>
<style>
:root { --del: #ffd7d5; --ins: #d2f5d6; --line: #d0d7de; --muted: #57606a; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 "PT Sans", system-ui, sans-serif; color: #1f2328; background: #f6f8fa; }
header { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid var(--line); padding: .5rem 1rem; }
header h1 { font-size: 1.1rem; margin: 0 0 .3rem; }
#filters { display: flex; flex-wrap: wrap; gap: .6rem; align-items: center; font-size: .9rem; }
#filters label { display: flex; gap: .3rem; align-items: center; }
#filters input[type=number] { width: 4.5rem; }
#anywhere { font-size: .9rem; margin-top: .3rem; }
#summary, #mode { color: var(--muted); font-size: .85rem; margin-top: .3rem; }
#mode a { margin-left: .5rem; }
main { padding: 1rem; max-width: 1400px; margin: auto; }
.group { background: #fff; border: 1px solid var(--line); border-radius: 6px; margin-bottom: 1rem; padding: .6rem .8rem;
         content-visibility: auto; contain-intrinsic-size: auto 320px; }
.group > h2 { font-size: .8rem; font-weight: normal; color: var(--muted); margin: 0 0 .4rem; }
.sbs { display: grid; grid-template-columns: 1fr 1fr; gap: .8rem; }
.sbs > div { font-family: "PT Serif", Georgia, serif; white-space: pre-wrap; overflow-wrap: anywhere; border: 1px solid #eaeef2;
             border-radius: 4px; padding: .4rem .6rem; max-height: 22rem; overflow: auto; }
.sbs > div::before { display: block; font: .75rem "PT Sans", sans-serif; color: var(--muted); }
.sbs .raw::before { content: "raw OCR"; }
.sbs .final::before { content: "final"; }
del { background: var(--del); text-decoration: line-through; }
ins { background: var(--ins); text-decoration: none; }
.crops { margin-top: .5rem; display: flex; gap: .5rem; flex-wrap: wrap; }
.crop { overflow: hidden; border: 1px solid var(--line); }
.crop > div { transform-origin: 0 0; background-repeat: no-repeat; }
.crop img { display: block; max-width: 560px; }
ol.edits { list-style: none; margin: .6rem 0 0; padding: 0; }
.edit { border-left: 4px solid var(--line); padding: .3rem .6rem; margin: .3rem 0; }
.edit[data-status=applied] { border-left-color: #2da44e; }
.edit[data-status=suggested] { border-left-color: #d4a72c; }
.edit[data-status=rejected], .edit[data-status=conflict] { border-left-color: #cf222e; }
.edit.current { outline: 2px solid #0969da; background: #ddf4ff; }
.edit .change { font-family: "PT Serif", Georgia, serif; }
.edit .meta, .edit .reason { font-size: .85rem; color: var(--muted); }
.edit .verdict { font-size: .8rem; font-weight: bold; margin-left: .5rem; }
.edit[data-verdict=accept] .verdict::after { content: "accepted by the editor"; color: #1a7f37; }
.edit[data-verdict=reject] .verdict::after { content: "rejected by the editor"; color: #cf222e; }
.actions { margin-top: .2rem; display: flex; flex-wrap: wrap; gap: .3rem; }
.actions button { font-size: .8rem; padding: .1rem .45rem; }
[hidden] { display: none !important; }
#unmatched { font-size: .85rem; color: #cf222e; margin-top: .3rem; }
#unmatched li { color: #1f2328; }
#toast { position: fixed; bottom: 1rem; right: 1rem; background: #1f2328; color: #fff; padding: .4rem .8rem; border-radius: 4px; font-size: .85rem; }
</style>
</head>
<body>
<header>
  <h1>Review — {{TITLE}}</h1>
  <div id="filters">
    <label>stage <select id="f-stage"><option value="">all</option></select></label>
    <label>rule <select id="f-rule"><option value="">all</option></select></label>
    <label>status <select id="f-status"><option value="">all</option><option>applied</option><option>suggested</option><option>rejected</option><option>conflict</option></select></label>
    <label>decision <select id="f-verdict"><option value="">all</option><option value="none">undecided</option><option value="accept">accepted</option><option value="reject">rejected</option></select></label>
    <label>confidence <input id="f-min" type="number" min="0" max="1" step="0.05" value="0"> – <input id="f-max" type="number" min="0" max="1" step="0.05" value="1"></label>
    <span>keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous, <kbd>a</kbd> accept, <kbd>r</kbd> reject</span>
  </div>
  <form id="anywhere" onsubmit="return false">
    change <input id="pair-before" placeholder="word X" size="14"> to <input id="pair-after" placeholder="word Y" size="14">
    <button type="button" data-pair="always">always</button><button type="button" data-pair="never">never</button>
    · dictionary word <input id="new-word" size="14"> <button type="button" id="add-word">add</button>
  </form>
  <div id="summary"></div>
  <details id="unmatched" hidden><summary></summary><ul></ul></details>
  <div id="mode"></div>
</header>
<main id="groups"></main>
<div id="toast" hidden></div>
<script type="application/json" id="review-data">{{DATA}}</script>
<script>
"use strict";
const DATA = JSON.parse(document.getElementById("review-data").textContent);
const served = location.protocol === "http:" || location.protocol === "https:";
const edits = DATA.edits.map(e => Object.assign({ group: e.group, verdict: e.verdict === true ? "accept" : e.verdict === false ? "reject" : "" }, e.record));
const byId = new Map(edits.map(e => [e.id, e]));
const pending = [];
let current = -1;
let shown = [];

const esc = s => String(s).replace(/[&<>"]/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
// Line breaks and no-break spaces are shown, and so are plain spaces in a change that is only white space: a join's
// "↵↵ → ␣" or typography's "␣ → ⍽" is otherwise invisible.
const visibleBreaks = s => {
  const shown = esc(s).replace(/\n/g, "↵").replace(/[\u00A0\u202F]/g, "⍽");
  return /^\s*$/.test(s) ? shown.replace(/ /g, "␣") : shown;
};

function segmentsHtml(segments, side) {
  let html = "";
  for (const s of segments) {
    const kind = s[0], text = esc(s.slice(1));
    if (kind === "=") html += text;
    else if (kind === "-" && side === "raw") html += "<del>" + (/^\s+$/.test(text) ? text.replace(/\n/g, "↵\n") : text) + "</del>";
    else if (kind === "+" && side === "final") html += "<ins>" + text + "</ins>";
  }
  return html;
}

function cropHtml(c) {
  const url = DATA.scans[String(c.page)];
  if (!url) return "";
  if (served) {
    return `<div class="crop"><img loading="lazy" alt="scan of page ${c.page}" src="/scan/${c.page}/crop?x=${c.x}&y=${c.y}&w=${c.width}&h=${c.height}"></div>`;
  }
  const m = 24, x = Math.max(0, c.x - m), y = Math.max(0, c.y - m), w = c.width + 2 * m, h = c.height + 2 * m;
  const s = Math.min(1, 560 / w);
  return `<div class="crop" style="width:${Math.round(w * s)}px;height:${Math.round(h * s)}px"><div style="width:${w}px;height:${h}px;` +
    `background-image:url('${esc(url)}');background-position:-${x}px -${y}px;transform:scale(${s})"></div></div>`;
}

function editHtml(e) {
  const confidence = Number(e.confidence).toFixed(2);
  return `<li class="edit" id="e-${e.id}" data-edit-id="${e.id}" data-stage="${esc(e.stage)}" data-rule="${esc(e.rule)}" ` +
    `data-status="${e.status}" data-confidence="${confidence}" data-before="${esc(e.before)}" data-after="${esc(e.after)}" data-verdict="${e.verdict}">` +
    `<div class="change"><del>${visibleBreaks(e.before)}</del> → <ins>${visibleBreaks(e.after)}</ins><span class="verdict"></span></div>` +
    `<div class="meta">${esc(e.rule)} · confidence ${confidence} · ${e.status}${e.page != null ? " · page " + e.page : ""} · ${esc(e.block)}</div>` +
    `<div class="reason">${esc(e.reason)}</div>` +
    `<div class="actions"><button data-act="accept">accept (a)</button><button data-act="reject">reject (r)</button>` +
    `<button data-act="acceptRule">accept all ${esc(e.rule)}</button><button data-act="rejectRule">reject all ${esc(e.rule)}</button>` +
    `<button data-act="always">always this change</button><button data-act="never">never this change</button>` +
    `<button data-act="addWord">add word to dictionary…</button></div></li>`;
}

function render() {
  const groups = new Map(DATA.blocks.map(b => [b.id, { block: b, edits: [] }]));
  for (const e of edits) {
    if (!groups.has(e.group)) groups.set(e.group, { block: { id: e.group, page: e.page, segments: [], crops: [] }, edits: [] });
    groups.get(e.group).edits.push(e);
  }
  const parts = [];
  for (const { block, edits: list } of groups.values()) {
    if (list.length === 0) continue;
    parts.push(`<section class="group" data-block="${esc(block.id)}"><h2>${esc(block.id)}${block.page != null ? " · page " + block.page : ""}</h2>` +
      `<div class="sbs"><div class="raw">${segmentsHtml(block.segments, "raw")}</div><div class="final">${segmentsHtml(block.segments, "final")}</div></div>` +
      `<div class="crops">${block.crops.map(cropHtml).join("")}</div><ol class="edits">${list.map(editHtml).join("")}</ol></section>`);
  }
  document.getElementById("groups").innerHTML = parts.join("");
  for (const e of edits) e.el = document.getElementById("e-" + e.id);
}

function fillFilters() {
  for (const [id, key] of [["f-stage", "stage"], ["f-rule", "rule"]]) {
    const select = document.getElementById(id);
    for (const value of [...new Set(edits.map(e => e[key]))].sort()) select.add(new Option(value, value));
  }
}

function applyFilters() {
  const stage = document.getElementById("f-stage").value, rule = document.getElementById("f-rule").value;
  const status = document.getElementById("f-status").value, verdict = document.getElementById("f-verdict").value;
  const min = parseFloat(document.getElementById("f-min").value) || 0;
  const maxValue = parseFloat(document.getElementById("f-max").value);
  const max = Number.isNaN(maxValue) ? 1 : maxValue;
  shown = [];
  for (const e of edits) {
    const match = (!stage || e.stage === stage) && (!rule || e.rule === rule) && (!status || e.status === status) &&
      (!verdict || (verdict === "none" ? !e.verdict : e.verdict === verdict)) && e.confidence >= min && e.confidence <= max;
    e.el.hidden = !match;
    if (match) shown.push(e);
  }
  for (const section of document.querySelectorAll(".group")) {
    section.hidden = !section.querySelector(".edit:not([hidden])");
  }
  current = Math.min(current, shown.length - 1);
  summarize();
}

function summarize() {
  const count = s => edits.filter(e => e.status === s).length;
  const decided = edits.filter(e => e.verdict).length;
  document.getElementById("summary").textContent =
    `${edits.length} edits: ${count("applied")} applied, ${count("suggested")} suggested, ${count("rejected")} rejected, ` +
    `${count("conflict")} conflicting · ${decided} decided by the editor · ${shown.length} shown`;
}

function select(index) {
  if (shown.length === 0) return;
  if (current >= 0 && shown[current]) shown[current].el.classList.remove("current");
  current = Math.max(0, Math.min(index, shown.length - 1));
  const el = shown[current].el;
  el.classList.add("current");
  el.scrollIntoView({ block: "center" });
}

function setVerdicts(verdicts) {
  for (const e of edits) {
    const v = verdicts[e.id];
    e.verdict = v === true ? "accept" : v === false ? "reject" : "";
    e.el.dataset.verdict = e.verdict;
  }
  summarize();
}

// From file:// there is no server: decide here with the server's precedence (the edit, then the change, then the rule).
function localVerdicts() {
  const norm = s => s.replace(/-\s+|\s+/g, m => m[0] === "-" ? "-" : " ");
  const onEdit = new Map(), onChange = new Map(), onRule = new Map();
  for (const d of pending) {
    if (d.kind === "accept" || d.kind === "reject") onEdit.set(d.editId, d.kind === "accept");
    if (d.kind === "acceptRule" || d.kind === "rejectRule") onRule.set(d.rule, d.kind === "acceptRule");
    if (d.kind === "always" || d.kind === "never") onChange.set(norm(d.before) + "\u0001" + norm(d.after), d.kind === "always");
  }
  const verdicts = {};
  for (const e of DATA.edits) {
    const r = e.record, key = norm(r.before) + "\u0001" + norm(r.after);
    const v = onEdit.has(r.id) ? onEdit.get(r.id) : onChange.has(key) ? onChange.get(key) : onRule.has(r.rule) ? onRule.get(r.rule) : e.verdict;
    if (v === true || v === false) verdicts[r.id] = v;
  }
  return verdicts;
}

function toast(text) {
  const el = document.getElementById("toast");
  el.textContent = text;
  el.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { el.hidden = true; }, 2500);
}

async function decide(kind, e) {
  const decision = { kind };
  if (kind === "accept" || kind === "reject") { decision.editId = e.id; decision.seen = e.verdict; }
  if (kind === "acceptRule" || kind === "rejectRule") decision.rule = e.rule;
  if (kind === "always" || kind === "never") { decision.before = e.before; decision.after = e.after; }
  if (kind === "addWord") {
    const word = e.word ?? prompt("Add this word to the project dictionary:", /^\S+$/.test(e.after) ? e.after : "");
    if (!word) return;
    decision.word = word.trim();
  }
  await send(decision);
}

async function send(decision) {
  const kind = decision.kind;
  if (!served) {
    const e = decision.editId ? byId.get(decision.editId) : null;
    const line = Object.assign({ at: new Date().toISOString() }, decision);
    delete line.seen;
    // The anchor lets the next run find the edit even where its id changed (as the server writes it).
    if (e) line.anchor = { rule: e.rule, block: e.block, before: e.before, after: e.after, contextBefore: e.contextBefore || "",
      contextAfter: e.contextAfter || "", occurrence: e.occurrence || 0, joinedBlock: e.joinedBlock };
    pending.push(line);
    setVerdicts(localVerdicts());
    updateDownload();
    return;
  }
  const started = performance.now();
  try {
    const response = await fetch("/api/decisions", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(decision) });
    const body = await response.json();
    if (response.status === 409) { setVerdicts(body.verdicts); toast("already decided in another tab: its decision is shown, decide again to change it"); return; }
    if (!response.ok) { toast("not saved: " + (body.error || response.status)); return; }
    setVerdicts(body.verdicts);
    document.body.dataset.lastRoundTripMs = String(Math.round(performance.now() - started));
    toast(`saved: ${kind}`);
  } catch (error) {
    toast("not saved: " + error);
  }
}

function updateDownload() {
  const blob = new Blob([pending.map(d => JSON.stringify(d)).join("\n") + "\n"], { type: "application/x-ndjson" });
  const link = document.getElementById("download");
  if (link.href) URL.revokeObjectURL(link.href);
  link.href = URL.createObjectURL(blob);
  link.textContent = `download ${pending.length} decision(s)`;
}

document.getElementById("groups").addEventListener("click", event => {
  const button = event.target.closest("button[data-act]");
  if (!button) return;
  const e = byId.get(button.closest(".edit").dataset.editId);
  const index = shown.indexOf(e);
  if (index >= 0) select(index);
  decide(button.dataset.act, e);
});

document.addEventListener("keydown", event => {
  if (event.ctrlKey || event.metaKey || event.altKey || /^(INPUT|SELECT|TEXTAREA)$/.test(event.target.tagName)) return;
  if (event.key === "j") select(current + 1);
  else if (event.key === "k") select(current - 1);
  else if ((event.key === "a" || event.key === "r") && shown[current]) decide(event.key === "a" ? "accept" : "reject", shown[current]);
  else return;
  event.preventDefault();
});

// Decisions not tied to one edit: a change X → Y anywhere, a word for the dictionary.
for (const button of document.querySelectorAll("button[data-pair]")) {
  button.addEventListener("click", () => {
    const before = document.getElementById("pair-before").value.trim(), after = document.getElementById("pair-after").value.trim();
    if (before && after && before !== after) decide(button.dataset.pair, { before, after });
    else toast("give two different words");
  });
}
document.getElementById("add-word").addEventListener("click", () => {
  const word = document.getElementById("new-word").value.trim();
  if (word) decide("addWord", { word });
});

for (const id of ["f-stage", "f-rule", "f-status", "f-verdict", "f-min", "f-max"]) {
  document.getElementById(id).addEventListener("input", applyFilters);
}

// Decisions of earlier runs that found no edit in this one: shown, never dropped.
if (DATA.unmatched.length > 0) {
  const box = document.getElementById("unmatched");
  box.hidden = false;
  box.querySelector("summary").textContent = `${DATA.unmatched.length} of your decisions match no edit of this run`;
  box.querySelector("ul").innerHTML = DATA.unmatched.map(u => {
    const d = u.decision, a = d.anchor;
    const change = a ? `${esc(a.contextBefore)} <del>${visibleBreaks(a.before)}</del> → <ins>${visibleBreaks(a.after)}</ins> ${esc(a.contextAfter)}` : esc(d.editId || "");
    return `<li>${esc(d.kind)} ${a ? esc(a.rule) + " · " + esc(a.block) + ": " : ""}${change} — ${esc(u.reason)}</li>`;
  }).join("");
}
render();
fillFilters();
applyFilters();
const mode = document.getElementById("mode");
if (served) {
  mode.textContent = "Decisions are saved as you make them; the next `typeset run` honours them.";
  fetch("/api/verdicts").then(r => r.json()).then(body => setVerdicts(body.verdicts)).catch(() => {});
} else {
  mode.innerHTML = "Opened as a file: decisions are kept in this page. Append them to the decisions file, or run <code>typeset review</code> to save them as you go." +
    '<a id="download" download="review-decisions.jsonl">download 0 decision(s)</a>';
  updateDownload();
}
// Milliseconds from navigation start to a rendered, filterable page: what the load-time test reads.
document.body.dataset.readyMs = String(Math.round(performance.now()));
document.body.dataset.ready = "true";
</script>
</body>
</html>
""";
}
