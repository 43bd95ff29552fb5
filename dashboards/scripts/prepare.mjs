// Run before `observable build` (npm run build):
// 1. Drop the data loaders' cached output, so the pages show the published copy as it is now (Framework
//    reruns a loader only when the loader file changes, not when the warehouse does).
// 2. Answer Framework's version look-ups from its own cache: it resolves the versions of the libraries
//    its standard library can load on demand (React, Leaflet, ECharts, ...; these pages use none of
//    them) by asking the npm registry during every build. An entry `<name>@<version>` in its version
//    cache answers instead, so the build needs no network. The pages' own imports (Plot, htl) are
//    bundled from node_modules, installed by `npm ci` from package-lock.json.
import {mkdirSync, rmSync} from "node:fs";

const root = new URL("../src/.observablehq/cache/", import.meta.url);
rmSync(new URL("data/", root), {recursive: true, force: true});

const ON_DEMAND_LIBRARIES = [
  "@observablehq/plot@0.6.17", "@observablehq/sample-datasets@1.0.1", "apache-arrow@21.2.0",
  "arquero@8.0.3", "d3@7.9.2", "d3-dsv@3.0.2", "echarts@6.1.0", "htl@1.0.0", "leaflet@1.9.4",
  "lodash@4.18.1", "mapbox-gl@3.32.0", "parquet-wasm@0.8.0", "react@19.3.1", "react-dom@19.3.1",
  "topojson-client@3.1.0"
];
for (const library of ON_DEMAND_LIBRARIES) mkdirSync(new URL(`_npm/${library}/`, root), {recursive: true});
