// npm start: a tour of effect-stoat against an embedded fake Stoat (no token, no network), then the
// moderation bot of examples/bot.ts reacting to a scripted visitor over the fake's events socket.
// With STOAT_TOKEN set, `npm start -- <invite code>` runs the read-only part against the real instance.
import { NodeRuntime } from "@effect/platform-node"
import { Effect } from "effect"
import { demoSeed, stoatFakeWithEvents } from "effect-stoat/testing"
import { botShow } from "./botShow.js"
import { live, tour } from "./tour.js"

const main = process.env["STOAT_TOKEN"] === undefined
  ? Effect.zipRight(tour, Effect.provide(botShow, stoatFakeWithEvents(demoSeed)))
  : live(process.argv[2] ?? "")

main.pipe(NodeRuntime.runMain)
