// Opens each page of a built dashboard in headless Chromium (playwright-core driving the system's
// Chromium; no browser is downloaded) and prints, as JSON, what a person would see: the charts and how
// many marks they drew, every table row with its cells and links, the evidence pages the numbers link
// to with the count they show, and every console error, page error and failed request.
//
// Usage: node tests/check-pages.mjs <base url> <page>... [--screenshots <folder>]
import {chromium} from "playwright-core";

const args = process.argv.slice(2);
const shotsAt = args.indexOf("--screenshots");
const screenshots = shotsAt >= 0 ? args.splice(shotsAt, 2)[1] : null;
const [base, ...pages] = args;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
});

async function visit(path, screenshot) {
  const page = await browser.newPage({viewport: {width: 1300, height: 1200}});
  const errors = [];
  page.on("console", (message) => { if (message.type() === "error") errors.push(`console: ${message.text()}`); });
  page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) => errors.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
  page.on("response", (response) => { if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.url()}`); });
  await page.goto(new URL(path, base).href, {waitUntil: "networkidle"});
  await page.waitForSelector("table[id], p.empty, #evidence-count", {timeout: 30000}).catch(() => errors.push("nothing rendered"));
  const seen = await page.evaluate(() => ({
    title: document.title,
    pair: document.querySelector("#pair-name")?.textContent.trim() ?? null,
    charts: Object.fromEntries([...document.querySelectorAll("figure[id]")].map((figure) => [figure.id, {
      svgs: figure.querySelectorAll("svg").length,
      marks: figure.querySelectorAll('g[aria-label="bar"] rect, g[aria-label="dot"] circle, g[aria-label="cell"] rect').length
    }])),
    tables: Object.fromEntries([...document.querySelectorAll("table[id]")].map((table) => [table.id,
      [...table.querySelectorAll("tr[data-row]")].map((row) => ({
        key: row.dataset.key,
        cells: Object.fromEntries([...row.querySelectorAll("td[data-col]")].map((cell) => [cell.dataset.col, {
          text: cell.textContent.trim(), href: cell.querySelector("a")?.getAttribute("href") ?? null
        }]))
      }))])),
    evidence: document.querySelector("#evidence-count") ? {
      count: Number(document.querySelector("#evidence-count").dataset.count),
      items: [...document.querySelectorAll("[data-evidence-item]")].map((item) => item.dataset.key)
    } : null,
    evidenceLinks: [...document.querySelectorAll("a[data-evidence]")].map((link) => link.getAttribute("href"))
  }));
  if (screenshot) await page.screenshot({path: screenshot, fullPage: true});
  await page.close();
  return {...seen, errors};
}

const result = {pages: {}, evidence: {}};
for (const path of pages) {
  result.pages[path] = await visit(path, screenshots && `${screenshots}/dashboard-${path.replace(/\W+/g, "_")}.png`);
}
const links = new Set(Object.values(result.pages).flatMap((page) => page.evidenceLinks));
for (const link of links) result.evidence[link] = await visit(link, null);
await browser.close();
process.stdout.write(JSON.stringify(result));
