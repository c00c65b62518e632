import { NodeHttpClient } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber, Layer, Redacted, Schema } from "effect"
import { NotFound, StoatClient, StoatConfig, withRequestOptions } from "effect-stoat"
import { createServer } from "node:http"
import { declare } from "../src/errors/Declared.js"

/** A loopback server that answers every request at once. */
const prompt = Effect.acquireRelease(
  Effect.promise(() =>
    new Promise<ReturnType<typeof createServer>>((resolve) => {
      const server = createServer((_request, response) => {
        response.writeHead(200, { "content-type": "application/json" })
        response.end(JSON.stringify({ pong: 1 }))
      })
      server.listen(0, "127.0.0.1", () => resolve(server))
    })
  ),
  (server) => Effect.promise(() => new Promise((resolve) => server.close(resolve)))
)

const busyWait = (millis: number) => {
  const end = Date.now() + millis
  while (Date.now() < end) {
    // Stands for other requests' synchronous decoding holding the event loop.
  }
}

describe("the request timeout counts wire time", () => {
  it.live("an answer that arrived while the event loop was busy elsewhere is not a timeout", () =>
    Effect.gen(function*() {
      const server = yield* prompt
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      const layer = StoatClient.layer.pipe(
        Layer.provide(NodeHttpClient.layerUndici),
        Layer.provide(StoatConfig.layer({ token: Redacted.make("t"), tokenKind: "bot", baseUrl: `http://127.0.0.1:${port}`, timeout: "1 second" }))
      )
      const ping = Effect.flatMap(StoatClient, (client) =>
        client.request({ method: "GET", path: ["ping"] }, Schema.Struct({ pong: Schema.Number }), declare(NotFound)))
      const result = yield* Effect.gen(function*() {
        const fiber = yield* Effect.fork(withRequestOptions(ping, { retries: 0 }))
        yield* Effect.sleep("20 millis")
        // The loop is held longer than the whole timeout; a wall-clock timeout would fire first when it frees.
        busyWait(1500)
        return yield* Fiber.join(fiber)
      }).pipe(Effect.provide(layer))
      assert.deepStrictEqual(result, { pong: 1 })
    }).pipe(Effect.scoped), 30_000)
})
