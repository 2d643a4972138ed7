#include "io/html.h"

#include <string_view>

#include "io/json.h"

namespace chronicle {
namespace {

// The page is fixed text around the JSON; everything the reader sees is
// built by the script from that JSON (the same code path a server's page
// would use), so the C++ side never has to HTML-escape document text.

constexpr std::string_view kHead = R"html(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Chronicle">
<title>Chronicle</title>
<style>
:root { --date: #bfdcff; --time: #ffd59e; --duration: #c6ecb8; --set: #efc8f2; --other: #dedede;
        --event: #c0392b; --signal: #7f8c8d; --ink: #1d2330; --muted: #5f6b7a; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: var(--ink); background: #fafbfc; }
header { padding: 14px 24px; background: #24324a; color: #fff; }
header h1 { margin: 0; font-size: 20px; font-weight: 600; word-break: break-all; }
header .meta { margin: 2px 0 0; color: #c9d3e3; font-size: 14px; }
main { max-width: 960px; margin: 0 auto; padding: 16px 24px 40px; }
h2 { font-size: 16px; margin: 28px 0 8px; color: var(--muted); text-transform: uppercase;
     letter-spacing: .05em; }
.legend { display: flex; flex-wrap: wrap; gap: 8px 16px; margin: 4px 0 14px; font-size: 14px;
          color: var(--muted); }
.legend span.key { display: inline-flex; align-items: center; gap: 6px; }
.legend mark { padding: 0 6px; }
.text { white-space: pre-wrap; overflow-wrap: break-word; background: #fff; padding: 18px 22px;
        border: 1px solid #e3e7ee; border-radius: 6px; line-height: 2.1; font-size: 17px; }
mark { color: inherit; background: transparent; border-radius: 3px; padding: 1px 0; }
mark.tx { background: var(--other); }
mark.tx-date { background: var(--date); }
mark.tx-time { background: var(--time); }
mark.tx-duration { background: var(--duration); }
mark.tx-set { background: var(--set); }
mark.ev { border-bottom: 2px solid var(--event); }
mark.sg { border-bottom: 2px dotted var(--signal); }
mark.tx.last::after, mark.ev.last::after { content: attr(data-label); font-size: 10px;
  font-weight: 600; vertical-align: super; line-height: 1; margin-left: 2px; padding: 0 2px;
  border-radius: 2px; white-space: nowrap; }
mark.tx.last::after { color: #24324a; background: rgba(255,255,255,.65); }
mark.ev.last::after { color: var(--event); }
mark.flash { outline: 3px solid #f1c40f; }
mark:hover { filter: brightness(.93); cursor: help; }
.tip { position: fixed; z-index: 10; max-width: 360px; padding: 8px 10px; border-radius: 6px;
       background: #24324a; color: #fff; font-size: 13px; line-height: 1.4;
       box-shadow: 0 4px 14px rgba(0,0,0,.25); pointer-events: none; }
.tip .row + .row { margin-top: 6px; padding-top: 6px; border-top: 1px solid #3c4d6b; }
.tip b { color: #ffd59e; font-weight: 600; }
table { width: 100%; border-collapse: collapse; font-size: 14px; background: #fff;
        border: 1px solid #e3e7ee; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #edf0f4; vertical-align: top; }
th { background: #f1f4f8; font-weight: 600; color: var(--muted); }
tbody tr { cursor: pointer; }
tbody tr:hover { background: #f7f9fc; }
td.num { font-variant-numeric: tabular-nums; color: var(--muted); white-space: nowrap; }
.empty { color: var(--muted); font-style: italic; }
noscript { display: block; padding: 12px 24px; background: #fff3cd; }
</style>
</head>
<body>
<header><h1 id="doc-id">Chronicle</h1><p class="meta" id="doc-meta"></p></header>
<noscript>This page renders its annotations with JavaScript; the data is in the
chronicle-data script block as JSON.</noscript>
<main>
<div class="legend" id="legend"></div>
<div class="text" id="text"></div>
<h2>Expressions</h2>
<table id="expressions"><thead><tr><th>Id</th><th>Kind</th><th>Text</th><th>Offsets</th>
<th>Type / class</th><th>Value / attributes</th></tr></thead><tbody></tbody></table>
<h2>Temporal links</h2>
<table id="links"><thead><tr><th>Id</th><th>Relation</th><th>Source</th><th>Target</th></tr></thead>
<tbody></tbody></table>
</main>
<div class="tip" id="tip" hidden></div>
<script type="application/json" id="chronicle-data">)html";

constexpr std::string_view kTail = R"html(</script>
<script>
(function () {
  'use strict';
  var doc = JSON.parse(document.getElementById('chronicle-data').textContent);
  var chars = Array.from(typeof doc.text === 'string' ? doc.text : '');
  function slice(a, b) { return chars.slice(a, b).join(''); }
  function str(v) { return v === undefined || v === null ? '' : String(v); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function list(name) { return Array.isArray(doc[name]) ? doc[name] : []; }

  // Header.
  var id = str(doc.id) || '(no id)';
  document.getElementById('doc-id').textContent = id;
  document.title = 'Chronicle: ' + id;
  document.getElementById('doc-meta').textContent =
      'DCT ' + (str(doc.dct) || 'none') + ' \u00b7 ' + list('timexes').length + ' TIMEX3, ' +
      list('events').length + ' EVENT, ' + list('tlinks').length + ' TLINK';

  // Annotations as items with code point offsets.
  var KNOWN = ['DATE', 'TIME', 'DURATION', 'SET'];
  function timexClass(type) {
    var t = str(type).toUpperCase();
    return KNOWN.indexOf(t) >= 0 ? 'tx-' + t.toLowerCase() : 'tx-other';
  }
  function timexTitle(t) {
    var s = str(t.type) + ' ' + str(t.value);
    if (t.mod) s += ' (' + str(t.mod) + ')';
    return s;
  }
  function eventTitle(e) {
    var s = str(e['class']) + ', tense ' + (str(e.tense) || '-') + ', aspect ' + (str(e.aspect) || '-');
    if (e.polarity === 'NEG') s += ', negated';
    if (e.modality) s += ', modality ' + str(e.modality);
    return s;
  }
  var items = [];
  var RANK = { timex: 0, event: 1, signal: 2 };
  function add(kind, x, cls, title, label) {
    var a = x.start, b = x.end;
    if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b > chars.length || a >= b) return;
    items.push({ kind: kind, x: x, start: a, end: b, cls: cls, title: title, label: label,
                 id: str(x.id), els: [] });
  }
  list('timexes').forEach(function (t) {
    add('timex', t, 'tx ' + timexClass(t.type), timexTitle(t), str(t.value));
  });
  list('events').forEach(function (e) {
    add('event', e, 'ev', eventTitle(e), str(e['class']));
  });
  list('signals').forEach(function (s) { add('signal', s, 'sg', 'SIGNAL', ''); });
  // Outer spans first: by start, then longer first, then timex, event, signal.
  items.sort(function (p, q) {
    return p.start - q.start || q.end - p.end || RANK[p.kind] - RANK[q.kind] ||
        (p.id < q.id ? -1 : p.id > q.id ? 1 : 0);
  });

  // Sweep over the boundaries. `open` holds the items covering the current
  // segment in sorted order, which is also their nesting order; the DOM stack
  // keeps what it shares with `open` and closes / reopens the rest, so spans
  // that cross are split into fragments instead of breaking the markup.
  var text = document.getElementById('text');
  var cuts = [0, chars.length];
  items.forEach(function (it) { cuts.push(it.start, it.end); });
  cuts.sort(function (p, q) { return p - q; });
  var stack = [{ node: text, item: null }];
  var open = [];
  var next = 0;
  for (var i = 0; i + 1 < cuts.length; ++i) {
    var a = cuts[i], b = cuts[i + 1];
    if (a === b) continue;
    open = open.filter(function (it) { return it.end > a; });
    while (next < items.length && items[next].start <= a) open.push(items[next++]);
    var k = 0;
    while (k < open.length && k + 1 < stack.length && stack[k + 1].item === open[k]) ++k;
    stack.length = k + 1;
    for (var j = k; j < open.length; ++j) {
      var it = open[j];
      var m = el('mark', it.cls);
      m.setAttribute('data-id', it.id);
      m.setAttribute('data-kind', it.kind);
      m.title = it.title;
      stack[stack.length - 1].node.appendChild(m);
      stack.push({ node: m, item: it });
      it.els.push(m);
    }
    stack[stack.length - 1].node.appendChild(document.createTextNode(slice(a, b)));
  }
  items.forEach(function (it) {
    if (!it.els.length) return;
    var last = it.els[it.els.length - 1];
    last.classList.add('last');
    if (it.label) last.setAttribute('data-label', it.label);
  });

  // Legend with counts.
  var legend = document.getElementById('legend');
  function key(cls, name, count) {
    var k = el('span', 'key');
    var sample = el('mark', cls, name);
    k.appendChild(sample);
    k.appendChild(document.createTextNode(String(count)));
    legend.appendChild(k);
  }
  var counts = {};
  list('timexes').forEach(function (t) {
    var c = timexClass(t.type);
    counts[c] = (counts[c] || 0) + 1;
  });
  KNOWN.forEach(function (t) { key('tx tx-' + t.toLowerCase(), t, counts['tx-' + t.toLowerCase()] || 0); });
  if (counts['tx-other']) key('tx tx-other', 'other TIMEX3', counts['tx-other']);
  key('ev', 'EVENT', list('events').length);
  if (list('signals').length) key('sg', 'SIGNAL', list('signals').length);

  // Hover details: every annotation around the pointer, innermost first.
  var tip = document.getElementById('tip');
  var byId = {};
  items.forEach(function (it) { byId[it.kind + ':' + it.id] = it; });
  function describe(it) {
    var row = el('div', 'row');
    var x = it.x;
    row.appendChild(el('b', '', (it.kind === 'timex' ? 'TIMEX3 ' : it.kind === 'event' ? 'EVENT ' : 'SIGNAL ') + it.id));
    row.appendChild(document.createTextNode(' \u201c' + slice(it.start, it.end) + '\u201d'));
    row.appendChild(el('br'));
    var lines = [it.title];
    if (it.kind === 'timex') {
      ['temporalFunction', 'anchorTimeID', 'beginPoint', 'endPoint', 'quant', 'freq'].forEach(function (k) {
        if (x[k]) lines.push(k + ' ' + str(x[k]));
      });
    } else if (it.kind === 'event') {
      if (x.instance) lines.push('instance ' + str(x.instance) + (x.pos ? ', ' + str(x.pos) : ''));
    }
    row.appendChild(document.createTextNode(lines.join('; ')));
    return row;
  }
  text.addEventListener('mousemove', function (ev) {
    var seen = {};
    var rows = [];
    for (var n = ev.target; n && n !== text; n = n.parentNode) {
      if (n.nodeName !== 'MARK') continue;
      var key = n.getAttribute('data-kind') + ':' + n.getAttribute('data-id');
      if (seen[key] || !byId[key]) continue;
      seen[key] = true;
      rows.push(describe(byId[key]));
    }
    if (!rows.length) { tip.hidden = true; return; }
    tip.textContent = '';
    rows.forEach(function (r) { tip.appendChild(r); });
    tip.hidden = false;
    var x = Math.min(ev.clientX + 14, window.innerWidth - tip.offsetWidth - 8);
    var y = ev.clientY + 18;
    if (y + tip.offsetHeight > window.innerHeight - 8) y = ev.clientY - tip.offsetHeight - 12;
    tip.style.left = Math.max(8, x) + 'px';
    tip.style.top = Math.max(8, y) + 'px';
  });
  text.addEventListener('mouseleave', function () { tip.hidden = true; });

  // Tables.
  function flash(it) {
    if (!it.els.length) return;
    it.els[0].scrollIntoView({ block: 'center' });
    it.els.forEach(function (m) { m.classList.add('flash'); });
    setTimeout(function () { it.els.forEach(function (m) { m.classList.remove('flash'); }); }, 1200);
  }
  function row(tbody, cells) {
    var tr = el('tr');
    cells.forEach(function (c) { tr.appendChild(el('td', c[1] || '', c[0])); });
    tbody.appendChild(tr);
    return tr;
  }
  var ex = document.querySelector('#expressions tbody');
  items.forEach(function (it) {
    var x = it.x, kind, type, value;
    if (it.kind === 'timex') {
      kind = 'TIMEX3'; type = str(x.type); value = str(x.value) + (x.mod ? ' (' + str(x.mod) + ')' : '');
    } else if (it.kind === 'event') {
      kind = 'EVENT'; type = str(x['class']);
      value = ['tense', 'aspect', 'polarity', 'modality', 'pos'].filter(function (k) { return x[k]; })
          .map(function (k) { return k + ' ' + str(x[k]); }).join(', ');
    } else {
      kind = 'SIGNAL'; type = ''; value = '';
    }
    var tr = row(ex, [[it.id], [kind], [slice(it.start, it.end)], [it.start + '\u2013' + it.end, 'num'],
                      [type], [value]]);
    tr.addEventListener('click', function () { flash(it); });
  });
  if (!items.length) row(ex, [['no annotations', 'empty']]).firstChild.colSpan = 6;

  // Link ends by id: times (t0 is the DCT) and event instances.
  var names = {};
  if (doc.dct) names['timex:t0'] = 'DCT ' + str(doc.dct);
  if (doc.dctTimex && doc.dctTimex.id) names['timex:' + str(doc.dctTimex.id)] = 'DCT ' + str(doc.dct);
  list('timexes').forEach(function (t) { names['timex:' + str(t.id)] = slice(t.start, t.end); });
  list('events').forEach(function (e) {
    var name = slice(e.start, e.end);
    if (e.instance) names['event:' + str(e.instance)] = name;
    (Array.isArray(e.instances) ? e.instances : []).forEach(function (i) {
      names['event:' + str(i.instance)] = name;
    });
  });
  function end(idv, type) {
    var n = names[(type === 'timex' ? 'timex:' : 'event:') + str(idv)];
    return str(idv) + (n !== undefined ? ' \u201c' + n + '\u201d' : '');
  }
  var lt = document.querySelector('#links tbody');
  list('tlinks').forEach(function (l) {
    row(lt, [[str(l.id)], [str(l.relType)], [end(l.source, l.sourceType)], [end(l.target, l.targetType)]]);
  });
  if (!list('tlinks').length) row(lt, [['no links', 'empty']]).firstChild.colSpan = 4;
  document.body.setAttribute('data-rendered', 'true');
})();
</script>
</body>
</html>
)html";

}  // namespace

std::string WriteHtml(const Document& doc) {
  std::string json = WriteJson(doc, /*pretty=*/false);
  std::string out;
  out.reserve(kHead.size() + kTail.size() + json.size() + json.size() / 16);
  out.append(kHead);
  // '<', '>' and '&' occur only inside JSON strings, where \u escapes mean
  // the same characters; escaping them keeps "</script>" and "<!--" out of
  // the block. U+2028 / U+2029 are escaped too for older script parsers.
  for (size_t i = 0; i < json.size(); ++i) {
    char c = json[i];
    switch (c) {
      case '<': out.append("\\u003c"); break;
      case '>': out.append("\\u003e"); break;
      case '&': out.append("\\u0026"); break;
      case '\xE2':
        if (i + 2 < json.size() && json[i + 1] == '\x80' &&
            (json[i + 2] == '\xA8' || json[i + 2] == '\xA9')) {
          out.append(json[i + 2] == '\xA8' ? "\\u2028" : "\\u2029");
          i += 2;
          break;
        }
        out.push_back(c);
        break;
      default: out.push_back(c);
    }
  }
  out.append(kTail);
  return out;
}

}  // namespace chronicle
