import {emit} from "../../lib/warehouse.js";

await emit("pairs");
