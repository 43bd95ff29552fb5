// Shared by the pages: the chosen pair (?pair=AAA-BBB), links to the evidence behind a
// number, and tables whose cells carry their column name (data-col) and row key (data-key).
import {html} from "htl";

export function chosenPair(pairs) {
  const asked = new URLSearchParams(location.search).get("pair");
  return pairs.find((pair) => pair.dyad === asked) ?? pairs[0] ?? null;
}

export function pairName(pair) {
  return pair ? `${pair.country_a_name ?? pair.country_a} – ${pair.country_b_name ?? pair.country_b}` : "no pair";
}

export function evidenceHref(params) {
  return `./evidence.html?${new URLSearchParams(params)}`;
}

export function evidenceLink(params, value) {
  return html`<a href=${evidenceHref(params)} data-evidence>${value}</a>`;
}

export function pairMenu(pairs, current, page) {
  return html`<nav class="pairs" aria-label="country pairs">${pairs.map((pair) => html`<a
    href=${`./${page}.html?pair=${pair.dyad}`} class=${pair.dyad === current?.dyad ? "current" : ""}>${pair.dyad}</a> `)}</nav>`;
}

// columns: [{name, label, value(row) -> node|string, numeric}]
export function table(columns, rows, key, id) {
  if (!rows.length) return html`<p class="empty" id=${id}>None.</p>`;
  return html`<table id=${id}>
    <thead><tr>${columns.map((column) => html`<th>${column.label}</th>`)}</tr></thead>
    <tbody>${rows.map((row) => html`<tr data-row data-key=${key(row)}>${columns.map((column) => html`<td
      data-col=${column.name} class=${column.numeric ? "num" : ""}>${column.value(row)}</td>`)}</tr>`)}</tbody>
  </table>`;
}

export function share(value) {
  return `${Math.round((value ?? 0) * 100)} %`;
}

export function number(value, digits = 2) {
  return Number(value ?? 0).toFixed(digits);
}
