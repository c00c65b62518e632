import { HttpClient } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { Clock, Duration, Effect, Fiber, Layer, Option, Redacted, Schema, TestClock } from "effect"
import {
  DiscriminatorChangeRatelimited,
  InSlowmode,
  NotFound,
  type RetryPolicy,
  StoatClient,
  type StoatClientOptions,
  StoatConfig,
  withRequestOptions
} from "effect-stoat"
import { type MockHandler, MockHttp, type MockResponse } from "effect-stoat/testing"
import { declare } from "../src/errors/Declared.js"
import { type RequestKey, RateLimiter } from "../src/services/RateLimiter.js"
import { baseUrl, secretToken } from "./helpers.js"

const Pong = Schema.Struct({ pong: Schema.Number })
const errors = declare(NotFound, InSlowmode, DiscriminatorChangeRatelimited)
const call = (method: "GET" | "POST" | "DELETE" = "GET") =>
  Effect.flatMap(StoatClient, (client) => client.request({ method, path: ["servers", "01H", "ping"] }, Pong, errors))

const pong = () => MockHttp.json(200, { pong: 1 })
const limited = (ms: number) => MockHttp.json(429, { retry_after: ms }, { "x-ratelimit-bucket": "1234" })
const refused = Effect.fail(Object.assign(new Error("connect ECONNREFUSED 10.0.0.1:443"), { code: "ECONNREFUSED", syscall: "connect" }))

/** A client over a mock answering with `answers` in turn (the last one repeats), recording when each request came. */
const scripted = (answers: ReadonlyArray<() => MockResponse | Effect.Effect<MockResponse, Error>>, options: StoatClientOptions = {}) => {
  const times: Array<number> = []
  const handler: MockHandler = () =>
    Effect.flatMap(Clock.currentTimeMillis, (now) => {
      const answer = (answers[times.length] ?? answers[answers.length - 1] ?? pong)()
      times.push(now)
      return Effect.isEffect(answer) ? answer : Effect.succeed(answer)
    })
  const layer = StoatClient.layerWith(options).pipe(
    Layer.provideMerge(MockHttp.layer(handler)),
    Layer.provide(StoatConfig.layer({ token: Redacted.make(secretToken), tokenKind: "bot", baseUrl }))
  )
  return { times, layer }
}

/** A limiter that lets every request go at once and records the key it was asked about. */
const recordingLimiter = () => {
  const keys: Array<RequestKey> = []
  const limiter = Layer.succeed(RateLimiter, { limit: (key, send) => Effect.zipRight(Effect.sync(() => keys.push(key)), send) })
  return { keys, limiter }
}

/** Runs `effect` in the background and moves the test clock far enough for every wait in it. */
const settled = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function*() {
    const fiber = yield* Effect.fork(effect)
    yield* TestClock.adjust(Duration.hours(1))
    return yield* Fiber.await(fiber)
  })

/** The time between consecutive requests, in ms rounded to the microsecond (jittered delays are fractional). */
const gaps = (times: ReadonlyArray<number>) =>
  times.slice(1).map((time, index) => Math.round((time - (times[index] ?? 0)) * 1000) / 1000)

describe("the pipeline: 429s", () => {
  it.effect("a 429 waits exactly retry_after, then the request goes again", () => {
    const { times, layer } = scripted([() => limited(7314), pong])
    return Effect.gen(function*() {
      const exit = yield* settled(call())
      assert.deepStrictEqual(exit._tag, "Success")
      assert.deepStrictEqual(gaps(times), [7314])
    }).pipe(Effect.provide(layer))
  })

  it.effect("retries stop at the bound (3 by default): RateLimited with the last wait and the bucket", () => {
    const { times, layer } = scripted([() => limited(1000), () => limited(2000), () => limited(3000), () => limited(4000)])
    return Effect.gen(function*() {
      const error = yield* Effect.flip(Effect.flatten(settled(call())))
      assert.lengthOf(times, 4)
      assert.deepStrictEqual(gaps(times), [1000, 2000, 3000])
      assert.strictEqual(error._tag, "RateLimited")
      if (error._tag === "RateLimited") {
        assert.deepStrictEqual(error.retryAfter, Duration.millis(4000))
        assert.strictEqual(error.bucket, "servers/01H")
        assert.include(error.message, "4000 ms")
      }
    }).pipe(Effect.provide(layer))
  })

  it.effect("the bound is configurable: 0 retries fails at the first 429", () => {
    const { times, layer } = scripted([() => limited(1000)], { retry: { rateLimited: 0 } })
    return Effect.gen(function*() {
      const error = yield* Effect.flip(Effect.flatten(settled(call())))
      assert.strictEqual(error._tag, "RateLimited")
      assert.lengthOf(times, 1)
    }).pipe(Effect.provide(layer))
  })

  it.effect("InSlowmode and DiscriminatorChangeRatelimited are never retried", () =>
    Effect.gen(function*() {
      for (const body of [{ type: "InSlowmode", retry_after: 12 }, { type: "DiscriminatorChangeRatelimited" }]) {
        const { times, layer } = scripted([() => MockHttp.json(429, body)])
        const error = yield* Effect.flip(Effect.flatten(settled(call("POST")))).pipe(Effect.provide(layer))
        assert.strictEqual(error._tag, body.type)
        assert.lengthOf(times, 1)
      }
    }))

  it.effect("each retry goes through the limiter again, which sees method, path under the API root and identity", () => {
    const { keys, limiter } = recordingLimiter()
    const { layer } = scripted([() => limited(10), pong], { limiter })
    return Effect.gen(function*() {
      yield* Effect.flatten(settled(call("DELETE")))
      assert.deepStrictEqual(keys, [
        { method: "DELETE", path: "/servers/01H/ping", identity: baseUrl },
        { method: "DELETE", path: "/servers/01H/ping", identity: baseUrl }
      ])
    }).pipe(Effect.provide(layer))
  })
})

const fast: Partial<RetryPolicy> = { transient: 5, backoffBase: Duration.millis(100), backoffCap: Duration.millis(300) }

describe("the pipeline: transient failures", () => {
  it.effect("a GET is retried after a reset, with backoff that grows and is capped, at most `transient` times", () => {
    const { times, layer } = scripted([() => MockHttp.reset], { retry: fast })
    return Effect.gen(function*() {
      const error = yield* Effect.flip(Effect.flatten(settled(call())))
      assert.strictEqual(error._tag, "TransportError")
      assert.lengthOf(times, 6)
      const [first = 0, second = 0, third = 0, fourth, fifth] = gaps(times)
      // Each delay is between half and all of 100 ms * 2^n, and never above the 300 ms cap.
      assert.isTrue(first >= 50 && first <= 100, `first ${first}`)
      assert.isTrue(second >= 100 && second <= 200, `second ${second}`)
      assert.isTrue(third >= 200 && third <= 300, `third ${third}`)
      assert.strictEqual(fourth, 300)
      assert.strictEqual(fifth, 300)
    }).pipe(Effect.provide(layer))
  })

  it.effect("a GET answered 502, 503 or 504 is retried until it succeeds", () => {
    const { times, layer } = scripted([
      () => MockHttp.text(502, "<html>bad gateway</html>", "text/html"),
      () => MockHttp.text(503, "<html>unavailable</html>", "text/html"),
      () => MockHttp.text(504, "<html>timeout</html>", "text/html"),
      pong
    ], { retry: fast })
    return Effect.gen(function*() {
      assert.deepStrictEqual(yield* Effect.flatten(settled(call())), { pong: 1 })
      assert.lengthOf(times, 4)
    }).pipe(Effect.provide(layer))
  })

  it.effect("a GET still answered 503 after the retries is UnexpectedResponse with that status", () => {
    const { times, layer } = scripted([() => MockHttp.text(503, "<html>unavailable</html>", "text/html")], { retry: fast })
    return Effect.gen(function*() {
      const error = yield* Effect.flip(Effect.flatten(settled(call())))
      assert.strictEqual(error._tag, "UnexpectedResponse")
      if (error._tag === "UnexpectedResponse") assert.strictEqual(error.status, 503)
      assert.lengthOf(times, 6)
    }).pipe(Effect.provide(layer))
  })

  it.effect("a POST or DELETE that may have reached the server is not retried: TransportError, outcome unknown", () =>
    Effect.gen(function*() {
      for (const method of ["POST", "DELETE"] as const) {
        for (const answer of [() => MockHttp.reset, () => MockHttp.text(502, "<html>bad gateway</html>", "text/html")]) {
          const { times, layer } = scripted([answer, pong], { retry: fast })
          const error = yield* Effect.flip(Effect.flatten(settled(call(method)))).pipe(Effect.provide(layer))
          assert.lengthOf(times, 1)
          if (error._tag === "TransportError") {
            assert.strictEqual(error.outcome, "Unknown")
            assert.include(error.message, "may or may not have handled")
          } else {
            assert.strictEqual(error._tag, "UnexpectedResponse")
          }
        }
      }
    }))

  it.effect("a POST whose connection was refused never left, so it is retried", () => {
    const { times, layer } = scripted([() => refused, pong], { retry: fast })
    return Effect.gen(function*() {
      assert.deepStrictEqual(yield* Effect.flatten(settled(call("POST"))), { pong: 1 })
      assert.lengthOf(times, 2)
    }).pipe(Effect.provide(layer))
  })

  it.effect("refused every time: TransportError saying the request never reached the server, its cause kept", () => {
    const { times, layer } = scripted([() => refused], { retry: fast })
    return Effect.gen(function*() {
      const error = yield* Effect.flip(Effect.flatten(settled(call("POST"))))
      assert.lengthOf(times, 6)
      assert.strictEqual(error._tag, "TransportError")
      if (error._tag === "TransportError") {
        assert.strictEqual(error.outcome, "NotSent")
        assert.instanceOf(error.cause, Error)
        assert.include(error.message, "never reached the server")
      }
    }).pipe(Effect.provide(layer))
  })

  it.effect("a stalled server is cut off after the timeout, and a GET is tried again", () => {
    const { times, layer } = scripted([() => Effect.never, pong], { retry: fast })
    return Effect.gen(function*() {
      const fiber = yield* Effect.fork(call())
      yield* TestClock.adjust(Duration.millis(29_999))
      assert.lengthOf(times, 1)
      yield* TestClock.adjust(Duration.seconds(2))
      assert.deepStrictEqual(yield* Fiber.join(fiber), { pong: 1 })
      assert.lengthOf(times, 2)
    }).pipe(Effect.provide(layer))
  })

  it.effect("the timeout does not count the time spent waiting in the rate limiter", () => {
    const limiter = Layer.succeed(RateLimiter, { limit: (_key, send) => Effect.zipRight(Effect.sleep(Duration.minutes(2)), send) })
    const { times, layer } = scripted([pong], { limiter })
    return Effect.gen(function*() {
      const fiber = yield* Effect.fork(call())
      yield* TestClock.adjust(Duration.minutes(2))
      assert.deepStrictEqual(yield* Fiber.join(fiber), { pong: 1 })
      assert.deepStrictEqual(times, [120_000])
    }).pipe(Effect.provide(layer))
  })
})

describe("the pipeline: your own stage", () => {
  it.effect("transformClient adds a stage that sees each call once, around the retries", () => {
    const seen: Array<string> = []
    const { times, layer } = scripted([() => limited(5), pong], {
      transformClient: (client) =>
        client.pipe(
          HttpClient.tapRequest((request) => Effect.sync(() => seen.push(`${request.method} ${request.url}`))),
          HttpClient.mapRequest((request) => ({ ...request, headers: { ...request.headers, "x-trace": "abc" } }))
        )
    })
    return Effect.gen(function*() {
      yield* Effect.flatten(settled(call()))
      assert.deepStrictEqual(seen, [`GET ${baseUrl}/servers/01H/ping`])
      assert.lengthOf(times, 2)
      const requests = yield* MockHttp.requests
      assert.lengthOf(requests, 2)
      for (const request of requests) assert.strictEqual(request.headers["x-trace"], "abc")
    }).pipe(Effect.provide(layer))
  })
})

describe("the pipeline: per-call options", () => {
  it.effect("an invalid option fails with FailedValidation before anything is sent", () => {
    const { times, layer } = scripted([pong])
    return Effect.gen(function*() {
      const bad = [
        { retries: -1 },
        { timeout: 0 },
        { baseUrl: "not a url" },
        { idempotencyKey: "" },
        { auditLogReason: "a\nb" },
        { headers: { "bad name": "x" } },
        { headers: { "x-ok": "line\r\nbreak" } }
      ]
      for (const options of bad) {
        const error = yield* Effect.flip(withRequestOptions(call(), options))
        assert.strictEqual(error._tag, "FailedValidation", JSON.stringify(options))
      }
      assert.lengthOf(times, 0)
    }).pipe(Effect.provide(layer))
  })

  it.effect("token and tokenKind: another account for the calls inside, in its own header", () => {
    const { layer } = scripted([pong])
    return Effect.gen(function*() {
      yield* withRequestOptions(call(), { token: Redacted.make("other-token"), tokenKind: "user" })
      yield* call()
      yield* withRequestOptions(call(), { tokenKind: "user" })
      const [inside, outside, kindOnly] = yield* MockHttp.requests
      assert.strictEqual(inside?.headers["x-session-token"], "other-token")
      assert.isUndefined(inside?.headers["x-bot-token"])
      assert.strictEqual(outside?.headers["x-bot-token"], secretToken)
      assert.strictEqual(kindOnly?.headers["x-session-token"], secretToken)
      assert.isUndefined(kindOnly?.headers["x-bot-token"])
    }).pipe(Effect.provide(layer))
  })

  it.effect("baseUrl: another instance (its path kept), and the limiter keys the path under that root", () => {
    const { keys, limiter } = recordingLimiter()
    const { layer } = scripted([pong], { limiter })
    return Effect.gen(function*() {
      yield* withRequestOptions(call(), { baseUrl: "https://other.example/api/" })
      const [request] = yield* MockHttp.requests
      assert.strictEqual(request?.url.href, "https://other.example/api/servers/01H/ping")
      assert.deepStrictEqual(keys, [{ method: "GET", path: "/servers/01H/ping", identity: "https://other.example" }])
    }).pipe(Effect.provide(layer))
  })

  it.effect("timeout: the calls inside are cut off at that wire time", () => {
    const { times, layer } = scripted([() => Effect.never, pong])
    return Effect.gen(function*() {
      const fiber = yield* Effect.fork(withRequestOptions(call("POST"), { timeout: "2 seconds" }))
      yield* TestClock.adjust(Duration.millis(1999))
      assert.isTrue(Option.isNone(yield* Fiber.poll(fiber)))
      yield* TestClock.adjust(Duration.millis(1))
      const error = yield* Effect.flip(Fiber.join(fiber))
      assert.strictEqual(error._tag, "TransportError")
      if (error._tag === "TransportError") assert.strictEqual(error.reason, "Timeout")
      assert.lengthOf(times, 1)
    }).pipe(Effect.provide(layer))
  })

  it.effect("retries: bounds both 429 and transient retries for the calls inside", () =>
    Effect.gen(function*() {
      const rateLimited = scripted([() => limited(10)])
      yield* Effect.flip(Effect.flatten(settled(withRequestOptions(call(), { retries: 1 })))).pipe(Effect.provide(rateLimited.layer))
      assert.lengthOf(rateLimited.times, 2)
      const reset = scripted([() => MockHttp.reset])
      yield* Effect.flip(Effect.flatten(settled(withRequestOptions(call(), { retries: 0 })))).pipe(Effect.provide(reset.layer))
      assert.lengthOf(reset.times, 1)
    }))

  it.effect("idempotencyKey, auditLogReason and headers reach the wire; a route's own values win; inner options win", () => {
    const { layer } = scripted([pong])
    return Effect.gen(function*() {
      const options = { idempotencyKey: "key-1", auditLogReason: "spam ✓", headers: { "x-proxy": "a", "x-other": "b" } }
      yield* withRequestOptions(withRequestOptions(call("POST"), { headers: { "x-proxy": "inner" } }), options)
      yield* withRequestOptions(
        Effect.flatMap(StoatClient, (client) =>
          client.request({ method: "POST", path: ["x"], idempotencyKey: "own", auditLogReason: "own" }, Pong, errors)),
        options
      )
      const [first, second] = yield* MockHttp.requests
      assert.strictEqual(first?.headers["idempotency-key"], "key-1")
      assert.strictEqual(Buffer.from(first?.headers["x-audit-log-reason"] ?? "", "latin1").toString("utf8"), "spam ✓")
      assert.strictEqual(first?.headers["x-proxy"], "inner")
      assert.strictEqual(first?.headers["x-other"], "b")
      assert.strictEqual(second?.headers["idempotency-key"], "own")
      assert.strictEqual(second?.headers["x-audit-log-reason"], "own")
    }).pipe(Effect.provide(layer))
  })

  it.effect("a user token's limiter identity is the origin and a digest, never the token", () => {
    const { keys, limiter } = recordingLimiter()
    const { layer } = scripted([pong], { limiter })
    return Effect.gen(function*() {
      yield* withRequestOptions(call(), { token: Redacted.make(secretToken), tokenKind: "user" })
      yield* withRequestOptions(call(), { token: Redacted.make("another"), tokenKind: "user" })
      const [first, second] = keys.map((key) => key.identity)
      assert.match(first ?? "", new RegExp(`^${baseUrl}#[0-9a-f]{16}$`))
      assert.notStrictEqual(first, second)
      assert.notInclude(first ?? "", secretToken)
    }).pipe(Effect.provide(layer))
  })
})
