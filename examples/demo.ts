// npm start: a tour of effect-stoat against an embedded fake Stoat (no token, no network).
// With STOAT_TOKEN set, `npm start -- <invite code>` runs the read-only part against the real instance.
import { NodeRuntime } from "@effect/platform-node"
import { live, tour } from "./tour.js"

const main = process.env["STOAT_TOKEN"] === undefined ? tour : live(process.argv[2] ?? "")

main.pipe(NodeRuntime.runMain)
