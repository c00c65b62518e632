import { HttpClient } from "@effect/platform"
import { NodeHttpClient } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Inspectable, Layer, Logger, ManagedRuntime, Redacted, Schema, TestClock } from "effect"
import { type ClientError, NotFound, StoatClient, StoatConfig, withRequestOptions } from "effect-stoat"
import { type MockHandler, MockHttp } from "effect-stoat/testing"
import { inspect } from "node:util"
import { declare } from "../src/errors/Declared.js"
import { baseUrl, closedPort, secretToken } from "./helpers.js"

const perCallToken = "per-call-T0KEN-never-printed"
const call = Effect.flatMap(StoatClient, (client) =>
  client.request({ method: "POST", path: ["channels", "01H", "messages"], body: { content: "hi" } }, Schema.Struct({}), declare(NotFound)))

const layerOver = (http: Layer.Layer<MockHttp | HttpClient.HttpClient>, url = baseUrl) =>
  StoatClient.layer.pipe(
    Layer.provideMerge(http),
    Layer.provide(StoatConfig.layer({ token: Redacted.make(secretToken), tokenKind: "bot", baseUrl: url }))
  )

/** Every way an error can be shown must leave both tokens out. */
const assertHidden = (error: ClientError) => {
  const shown = [
    JSON.stringify(error),
    inspect(error, { depth: 10 }),
    Cause.pretty(Cause.fail(error)),
    Cause.pretty(Cause.fail(error), { renderErrorCause: true }),
    String(error),
    error.message
  ]
  for (const text of shown) {
    assert.notInclude(text, secretToken)
    assert.notInclude(text, perCallToken)
  }
}

const failures: ReadonlyArray<readonly [string, MockHandler]> = [
  ["a reset", () => MockHttp.reset],
  ["a 429", () => MockHttp.json(429, { retry_after: 10 })],
  ["a body that is not the success", () => MockHttp.text(200, "<html>", "text/html")],
  ["a timeout", () => Effect.never]
]

describe("no ClientError shows a token: JSON.stringify, util.inspect, Cause.pretty", () => {
  for (const [name, handler] of failures) {
    for (const token of ["configured", "per call"]) {
      it.effect(`${name}, ${token} token`, () =>
        Effect.gen(function*() {
          const options = { retries: 0, ...(token === "per call" ? { token: Redacted.make(perCallToken) } : {}) }
          const fiber = yield* Effect.fork(Effect.flip(withRequestOptions(call, options)))
          yield* TestClock.adjust("1 minute")
          const error = yield* fiber.await.pipe(Effect.flatten)
          // None of these failures is the route's NotFound or a bad option: a ClientError is what is checked.
          if (error._tag === "FailedValidation" || error._tag === "NotFound") assert.fail(`unexpected ${error._tag}`)
          assertHidden(error)
        }).pipe(Effect.provide(layerOver(MockHttp.layer(handler)))))
    }
  }

  it.live("a refused connection through undici: the socket error is the cause, the request is not kept", () =>
    Effect.gen(function*() {
      const port = yield* closedPort
      const layer = StoatClient.layerWith({ retry: { transient: 0 } }).pipe(
        Layer.provide(NodeHttpClient.layerUndici),
        Layer.provide(StoatConfig.layer({ token: Redacted.make(secretToken), tokenKind: "bot", baseUrl: `http://127.0.0.1:${port}` }))
      )
      const error = yield* Effect.flip(withRequestOptions(call, { token: Redacted.make(perCallToken) })).pipe(Effect.provide(layer))
      assert.strictEqual(error._tag, "TransportError")
      if (error._tag === "TransportError") {
        assert.strictEqual(error.outcome, "NotSent")
        assert.instanceOf(error.cause, Error)
        assert.notProperty(error.cause, "request")
        assertHidden(error)
      }
    }))

  /** A stage of the user's that logs each request; the logger keeps what it prints. */
  const loggedRequests = (printed: Array<string>) =>
    StoatClient.layerWith({ transformClient: HttpClient.tapRequest((request) => Effect.log(request)) }).pipe(
      Layer.provide(MockHttp.layer(() => MockHttp.json(200, {}))),
      Layer.provide(StoatConfig.layer({ token: Redacted.make(secretToken), tokenKind: "bot", baseUrl })),
      Layer.merge(Logger.replace(Logger.defaultLogger, Logger.make(({ message }) => printed.push(Inspectable.format(message)))))
    )
  const assertRedacted = (printed: ReadonlyArray<string>) => {
    assert.lengthOf(printed, 1)
    assert.include(printed[0], "x-bot-token")
    assert.notInclude(printed[0], secretToken)
  }

  it.effect("a request your own stage logs hides the token header (Effect.provide)", () =>
    Effect.gen(function*() {
      const printed: Array<string> = []
      yield* Effect.provide(call, loggedRequests(printed))
      assertRedacted(printed)
    }))

  it.live("a request your own stage logs hides the token header (ManagedRuntime)", () =>
    Effect.gen(function*() {
      const printed: Array<string> = []
      const runtime = ManagedRuntime.make(loggedRequests(printed))
      yield* Effect.promise(() => runtime.runPromise(call))
      yield* Effect.promise(() => runtime.dispose())
      assertRedacted(printed)
    }))
})
