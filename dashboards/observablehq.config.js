// Observable Framework project: the relations dashboards, built by `make dashboard` from the published
// copy of the warehouse (data loaders in src/data/ run the SQL of queries/ with DuckDB's Node client).
export default {
  title: "Relations between states",
  root: "src",
  // Built into dist/; `make dashboard` then puts it in <published dir>/dashboard, beside the copy it shows.
  output: "dist",
  pages: [
    {name: "Pair overview", path: "/index"},
    {name: "Monthly timeline by level", path: "/timeline"},
    {name: "Who met whom", path: "/meetings"},
    {name: "Figures", path: "/figures"},
    {name: "Milestones", path: "/milestones"},
    {name: "Evidence", path: "/evidence"}
  ],
  // Plain .html links, so any static file server (python -m http.server) serves the build.
  preserveExtension: true,
  preserveIndex: true,
  // Nothing from other hosts: the default theme's web font comes from Google Fonts, and a browser asks
  // for /favicon.ico unless the page names an icon. System fonts and no icon instead.
  globalStylesheets: [],
  head: '<link rel="icon" href="data:,">',
  search: false,
  toc: false,
  footer: "Built from the published copy of the relations warehouse; every number links to its evidence."
};
