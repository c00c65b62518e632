/** The `effect-stoat` command on Node: the CLI with Node's files, terminal and HTTP client, its exit code set. */
import { NodeContext, NodeHttpClient, NodeRuntime } from "@effect/platform-node"
import { Effect, Layer } from "effect"
import { run } from "./app.js"

run(process.argv.slice(2)).pipe(
  Effect.flatMap((code) => Effect.sync(() => (process.exitCode = code))),
  Effect.provide(Layer.merge(NodeContext.layer, NodeHttpClient.layerUndici)),
  NodeRuntime.runMain({ disableErrorReporting: true })
)
