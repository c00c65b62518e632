import { assert, describe, it } from "@effect/vitest"
import { Duration, Effect, Exit, Fiber, Layer, Option, Redacted, Schema, TestClock, Tracer } from "effect"
import {
  FailedValidation,
  InvalidSession,
  NoEffect,
  NotFound,
  StoatClient,
  StoatConfig,
  withRequestOptions
} from "effect-stoat"
import { type MockHandler, MockHttp } from "effect-stoat/testing"
import { declare } from "../src/errors/Declared.js"
import { apiError, rocketError, rocketHtml } from "./fixtures/wire.js"
import { baseUrl, mockClient, secretToken } from "./helpers.js"

const Pong = Schema.Struct({ pong: Schema.Number })
const errors = declare(NotFound, InvalidSession, NoEffect, FailedValidation)

const ping = Effect.flatMap(StoatClient, (client) =>
  client.request({ method: "GET", path: ["ping", "a b/c"], query: { limit: 5, skip: undefined } }, Pong, errors))

/** The ping sent once, without the pipeline's retries. */
const pingOnce = withRequestOptions(ping, { retries: 0 })

const run = <A, E>(handler: MockHandler, effect: Effect.Effect<A, E, StoatClient>) =>
  effect.pipe(Effect.provide(mockClient(handler)))

/** Fails the test if the token shows anywhere in what an error prints or serializes. */
const assertNoSecret = (value: unknown) => {
  const texts = [String(value), JSON.stringify(value)]
  if (value instanceof Error) texts.push(value.message, value.stack ?? "")
  for (const text of texts) assert.notInclude(text, secretToken)
}

describe("StoatClient", () => {
  it.effect("sends base URL, encoded path, query, token, Accept and user agent", () =>
    Effect.gen(function*() {
      const pong = yield* ping
      assert.deepStrictEqual(pong, { pong: 1 })
      const [request] = yield* MockHttp.requests
      assert.strictEqual(request?.method, "GET")
      assert.strictEqual(request?.url.origin, baseUrl)
      assert.strictEqual(request?.path, "/ping/a%20b%2Fc")
      assert.strictEqual(request?.url.search, "?limit=5")
      assert.strictEqual(request?.headers["x-bot-token"], secretToken)
      assert.isUndefined(request?.headers["x-session-token"])
      assert.strictEqual(request?.headers["accept"], "application/json")
      assert.strictEqual(request?.headers["user-agent"], "my-bot/1.0")
    }).pipe(
      Effect.provide(
        StoatClient.layer.pipe(
          Layer.provideMerge(MockHttp.layer(() => MockHttp.json(200, { pong: 1 }))),
          Layer.provide(StoatConfig.layer({ token: Redacted.make(secretToken), baseUrl: `${baseUrl}/`, userAgent: "my-bot/1.0" }))
        )
      )
    ))

  it.effect("sends a user token as X-Session-Token", () =>
    Effect.gen(function*() {
      yield* ping
      const [request] = yield* MockHttp.requests
      assert.strictEqual(request?.headers["x-session-token"], secretToken)
      assert.isUndefined(request?.headers["x-bot-token"])
    }).pipe(Effect.provide(mockClient(() => MockHttp.json(200, { pong: 1 }), "user"))))

  it.effect("decodes a declared error by its type, with its fields", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(run(() => MockHttp.json(400, apiError("FailedValidation", { error: "bad" })), ping))
      assert.instanceOf(error, FailedValidation)
      assert.strictEqual(error._tag, "FailedValidation")
      if (error._tag === "FailedValidation") {
        assert.strictEqual(error.error, "bad")
        assert.strictEqual(error.location, apiError("x").location)
      }
    }))

  it.effect("chooses the error by type, not by status", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(run(() => MockHttp.json(500, apiError("NotFound")), ping))
      assert.strictEqual(error._tag, "NotFound")
    }))

  it.effect("fails with NoEffect whatever the status, 200 included", () =>
    Effect.gen(function*() {
      for (const status of [200, 400]) {
        const error = yield* Effect.flip(run(() => MockHttp.json(status, { type: "NoEffect" }), ping))
        assert.strictEqual(error._tag, "NoEffect")
      }
    }))

  it.effect("any 401 is InvalidSession: HTML, the plain body, or a Stoat error", () =>
    Effect.gen(function*() {
      const bodies = [
        MockHttp.text(401, rocketHtml(401, "Unauthorized"), "text/html"),
        MockHttp.json(401, rocketError(401, "Unauthorized")),
        MockHttp.json(401, { type: "DisallowedContactSupport", note: "..." }),
        MockHttp.empty(401)
      ]
      for (const body of bodies) {
        const error = yield* Effect.flip(run(() => body, ping))
        assert.instanceOf(error, InvalidSession)
        assertNoSecret(error)
      }
    }))

  it.effect("a 429 from the rate limiter, retries spent, is RateLimited carrying the wait", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(pingOnce)
      assert.strictEqual(error._tag, "RateLimited")
      if (error._tag === "RateLimited") assert.deepStrictEqual(error.retryAfter, Duration.millis(7314))
      assert.lengthOf(yield* MockHttp.requests, 1)
    }).pipe(Effect.provide(mockClient(() => MockHttp.json(429, { retry_after: 7314 })))))

  const unexpected: ReadonlyArray<readonly [string, () => ReturnType<MockHandler>, unknown]> = [
    ["an undeclared error type", () => MockHttp.json(403, apiError("Banned")), apiError("Banned")],
    ["an unknown error type", () => MockHttp.json(400, apiError("BrandNewError")), apiError("BrandNewError")],
    ["a malformed declared error", () => MockHttp.json(400, { type: "FailedValidation" }), { type: "FailedValidation" }],
    ["the plain Rocket body", () => MockHttp.json(422, rocketError(422, "Unprocessable Entity")), rocketError(422, "Unprocessable Entity")],
    ["an HTML page", () => MockHttp.text(500, rocketHtml(500, "Internal Server Error"), "text/html"), rocketHtml(500, "Internal Server Error")],
    ["truncated JSON", () => MockHttp.text(200, '{"pong": 1', "application/json"), '{"pong": 1'],
    ["a success body of the wrong shape", () => MockHttp.json(200, { pong: "one" }), { pong: "one" }],
    ["an empty success body", () => MockHttp.empty(200), undefined],
    ["a 429 with a Stoat-less body", () => MockHttp.json(429, { slow: true }), { slow: true }]
  ]
  for (const [name, handler, body] of unexpected) {
    it.effect(`${name} is UnexpectedResponse, carrying status and body`, () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(run(handler, ping))
        assert.strictEqual(error._tag, "UnexpectedResponse")
        if (error._tag === "UnexpectedResponse") {
          assert.deepStrictEqual(error.body, body)
          assert.strictEqual(error.method, "GET")
          assert.strictEqual(error.url, `${baseUrl}/ping/a%20b%2Fc?limit=5`)
          assert.isAbove(error.description.length, 0)
        }
        assertNoSecret(error)
      }))
  }

  it.effect("a reset connection is TransportError", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(run(() => MockHttp.reset, pingOnce))
      assert.strictEqual(error._tag, "TransportError")
      if (error._tag === "TransportError") {
        assert.strictEqual(error.reason, "Transport")
        assert.include(error.description, "ECONNRESET")
      }
      assertNoSecret(error)
    }))

  it.effect("a request past the timeout (30 s by default) is TransportError, not a hang", () =>
    Effect.gen(function*() {
      const fiber = yield* Effect.fork(pingOnce)
      yield* TestClock.adjust(Duration.seconds(29))
      assert.isTrue(Option.isNone(yield* Fiber.poll(fiber)))
      yield* TestClock.adjust(Duration.seconds(1))
      const exit = yield* Fiber.await(fiber)
      assert.isTrue(Exit.isFailure(exit))
      const error = yield* Effect.flip(exit)
      assert.strictEqual(error._tag, "TransportError")
      if (error._tag === "TransportError") assert.strictEqual(error.reason, "Timeout")
      assertNoSecret(error)
    }).pipe(Effect.provide(mockClient(() => Effect.never))))

  it.effect("a configured timeout is honoured", () =>
    Effect.gen(function*() {
      const fiber = yield* Effect.fork(pingOnce)
      yield* TestClock.adjust(Duration.seconds(2))
      const error = yield* Effect.flip(Fiber.join(fiber))
      assert.strictEqual(error._tag, "TransportError")
    }).pipe(
      Effect.provide(
        StoatClient.layer.pipe(
          Layer.provide(MockHttp.layer(() => Effect.never)),
          Layer.provide(StoatConfig.layer({ token: Redacted.make(secretToken), timeout: "2 seconds" }))
        )
      )
    ))

  it.effect("the token never reaches a span attribute", () =>
    Effect.gen(function*() {
      const attributes: Array<string> = []
      const base = yield* Effect.tracer
      const tracer = Tracer.make({
        context: base.context,
        span: (...args) => {
          const span = base.span(...args)
          const attribute = span.attribute.bind(span)
          return Object.assign(span, {
            attribute: (key: string, value: unknown) => {
              attributes.push(`${key}=${String(value)}`)
              attribute(key, value)
            }
          })
        }
      })
      yield* Effect.withTracer(ping, tracer)
      assert.isTrue(attributes.some((attribute) => attribute.startsWith("http.request.header.x-bot-token")))
      for (const attribute of attributes) assert.notInclude(attribute, secretToken)
    }).pipe(Effect.provide(mockClient(() => MockHttp.json(200, { pong: 1 }), "bot"))))
})
