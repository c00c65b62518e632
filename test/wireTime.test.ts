import { HttpClient } from "@effect/platform"
import { NodeHttpClient } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { type Duration, Effect, Fiber, Layer, Option, Redacted, Schema } from "effect"
import { NotFound, StoatClient, StoatConfig, withRequestOptions } from "effect-stoat"
import { layerUndiciHttpClient, makeUndiciHttpClient } from "effect-stoat/node"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import { Agent } from "undici"
import { declare } from "../src/errors/Declared.js"

/** A loopback server answering every request with `answer`. */
const serving = (answer: (request: IncomingMessage, response: ServerResponse) => void) =>
  Effect.acquireRelease(
    Effect.promise(() =>
      new Promise<ReturnType<typeof createServer>>((resolve) => {
        const server = createServer(answer)
        server.listen(0, "127.0.0.1", () => resolve(server))
      })
    ),
    (server) =>
      Effect.promise(() =>
        new Promise((resolve) => {
          server.closeAllConnections()
          server.close(resolve)
        })
      )
  )

const prompt = serving((_request, response) => {
  response.writeHead(200, { "content-type": "application/json" })
  response.end(JSON.stringify({ pong: 1 }))
})
const silent = serving(() => {})
const stallingBody = serving((_request, response) => {
  response.writeHead(200, { "content-type": "application/json", "content-length": "100" })
  response.write("{\"pong\":")
})

const busyWait = (millis: number) => {
  const end = Date.now() + millis
  while (Date.now() < end) {
    // Stands for other requests' synchronous decoding holding the event loop.
  }
}

const ping = Effect.flatMap(StoatClient, (client) =>
  client.request({ method: "GET", path: ["ping"] }, Schema.Struct({ pong: Schema.Number }), declare(NotFound)))

const clientOf = (server: ReturnType<typeof createServer>, http: Layer.Layer<HttpClient.HttpClient>, timeout: Duration.DurationInput) => {
  const address = server.address()
  const port = typeof address === "object" && address !== null ? address.port : 0
  return StoatClient.layer.pipe(
    Layer.provide(http),
    Layer.provide(StoatConfig.layer({ token: Redacted.make("t"), tokenKind: "bot", baseUrl: `http://127.0.0.1:${port}`, timeout }))
  )
}

// The platform's client is cut off by interrupting the attempt; effect-stoat/node's stops the request itself.
const transports = [["NodeHttpClient.layerUndici", NodeHttpClient.layerUndici], ["layerUndiciHttpClient", layerUndiciHttpClient]] as const

describe("the request timeout counts wire time", () => {
  for (const [name, http] of transports) {
    it.live(`${name}: an answer that arrived while the event loop was busy elsewhere is not a timeout`, () =>
      Effect.gen(function*() {
        const layer = clientOf(yield* prompt, http, "1 second")
        const result = yield* Effect.gen(function*() {
          const fiber = yield* Effect.fork(withRequestOptions(ping, { retries: 0 }))
          yield* Effect.sleep("20 millis")
          // The loop is held longer than the whole timeout; a wall-clock timeout would fire first when it frees.
          busyWait(1500)
          return yield* Fiber.join(fiber)
        }).pipe(Effect.provide(layer))
        assert.deepStrictEqual(result, { pong: 1 })
      }).pipe(Effect.scoped), 30_000)

    for (const [stall, server] of [["no answer at all", silent], ["a body that stops half way", stallingBody]] as const) {
      it.live(`${name}: ${stall} is cut off at the timeout`, () =>
        Effect.gen(function*() {
          const layer = clientOf(yield* server, http, "300 millis")
          const error = yield* Effect.flip(withRequestOptions(ping, { retries: 0 })).pipe(Effect.provide(layer))
          assert.strictEqual(error._tag, "TransportError")
          if (error._tag === "TransportError") assert.strictEqual(error.reason, "Timeout")
        }).pipe(Effect.scoped), 30_000)
    }
  }

  it.live("layerUndiciHttpClient: a request still waiting for a connection is cut off at its timeout, not when the connection frees", () =>
    Effect.gen(function*() {
      const agent = yield* Effect.acquireRelease(
        Effect.sync(() => new Agent({ connections: 1 })),
        (agent) => Effect.promise(() => agent.destroy())
      )
      const layer = clientOf(yield* silent, Layer.succeed(HttpClient.HttpClient, makeUndiciHttpClient(agent)), "300 millis")
      yield* Effect.gen(function*() {
        // Holds the only connection far longer than the queued request's budget (in another rate-limit bucket).
        const other = Effect.flatMap(StoatClient, (client) =>
          client.request({ method: "GET", path: ["users", "01H"] }, Schema.Unknown, declare(NotFound)))
        const holding = yield* Effect.fork(withRequestOptions(other, { retries: 0, timeout: "20 seconds" }))
        yield* Effect.sleep("100 millis")
        const error = yield* Effect.flip(withRequestOptions(ping, { retries: 0 }))
        assert.strictEqual(error._tag, "TransportError")
        if (error._tag === "TransportError") assert.strictEqual(error.reason, "Timeout")
        assert.isTrue(Option.isNone(yield* Fiber.poll(holding)))
        yield* Fiber.interrupt(holding)
      }).pipe(Effect.provide(layer))
    }).pipe(Effect.scoped), 60_000)
})
