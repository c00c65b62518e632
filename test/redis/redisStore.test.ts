import { assert, describe, it } from "@effect/vitest"
import { Effect, FastCheck, Fiber, Layer } from "effect"
import { RateLimiter, type RequestKey } from "effect-stoat"
import { layerRedisRateLimiter } from "effect-stoat/redis"
import { Redis } from "ioredis"
import { inject } from "vitest"
import { runBucketScript, toReservation } from "../../src/redis/RedisRateLimiterStore.js"
import {
  type BucketWindow,
  giveBack,
  type Outcome,
  reserve,
  settle,
  type Ticket
} from "../../src/services/rateLimitWindow.js"
import { windowServer } from "../limiter/windowServer.js"

const redisUrl = inject("redisUrl")

type Step =
  | { readonly op: "reserve"; readonly after: number }
  | { readonly op: "settle"; readonly after: number; readonly which: number; readonly outcome: Outcome }
  | { readonly op: "giveBack"; readonly after: number; readonly which: number }

const outcome: FastCheck.Arbitrary<Outcome> = FastCheck.oneof(
  FastCheck.record({
    _tag: FastCheck.constant("Headers" as const),
    limit: FastCheck.integer({ min: 1, max: 6 }),
    remaining: FastCheck.integer({ min: 0, max: 6 }),
    resetAfter: FastCheck.integer({ min: 0, max: 1000 })
  }),
  FastCheck.constant<Outcome>({ _tag: "NoHeaders" }),
  FastCheck.constant<Outcome>({ _tag: "NoResponse" })
)
const after = FastCheck.integer({ min: 0, max: 700 })
const step: FastCheck.Arbitrary<Step> = FastCheck.oneof(
  { arbitrary: FastCheck.record({ op: FastCheck.constant("reserve" as const), after }), weight: 3 },
  { arbitrary: FastCheck.record({ op: FastCheck.constant("settle" as const), after, which: FastCheck.nat(), outcome }), weight: 3 },
  FastCheck.record({ op: FastCheck.constant("giveBack" as const), after, which: FastCheck.nat() })
)

const fields = (window: BucketWindow | undefined) =>
  window === undefined ? {} : {
    limit: String(window.limit),
    window: String(window.windowMillis),
    remaining: String(window.remaining),
    reset: String(window.resetAt),
    confirmed: window.confirmed ? "1" : "0",
    epoch: String(window.epoch),
    pending: String(window.pending),
    unpaced: window.unpaced ? "1" : "0",
    floor: String(window.resetFloor),
    carried: String(window.carried)
  }

describe.skipIf(redisUrl === null)("the Redis rate-limit store", () => {
  it.live("its Lua script takes the same steps as the memory store", () =>
    Effect.acquireUseRelease(
      Effect.sync(() => new Redis(redisUrl ?? "")),
      (redis) =>
        Effect.promise(() =>
          FastCheck.assert(
            FastCheck.asyncProperty(FastCheck.array(step, { maxLength: 40 }), async (steps) => {
              const key = `test:script:${Math.random()}`
              let window: BucketWindow | undefined
              let now = 1_000_000
              const tickets: Array<Ticket> = []
              for (const next of steps) {
                now += next.after
                if (next.op === "reserve") {
                  const [expected, after] = reserve(window, now)
                  window = after
                  const actual = toReservation(await runBucketScript(redis, key, "reserve", { now }))
                  assert.deepStrictEqual(actual, expected)
                  if (actual._tag === "Granted") tickets.push(actual.ticket)
                } else {
                  const ticket = tickets.splice(next.which % Math.max(1, tickets.length), 1)[0]
                  if (ticket === undefined) continue
                  if (next.op === "settle") {
                    window = settle(window, ticket, next.outcome, now)
                    await runBucketScript(redis, key, "settle", { now, ticket, outcome: next.outcome })
                  } else {
                    window = giveBack(window, ticket, now)
                    await runBucketScript(redis, key, "giveBack", { now, ticket })
                  }
                }
                assert.deepStrictEqual(await redis.hgetall(key), fields(window))
              }
            }),
            { numRuns: 150 }
          )
        ),
      (redis) => Effect.promise(() => redis.quit())
    ), 120_000)

  it.live("two limiters on one Redis share a bucket: every request done, none refused", () =>
    Effect.gen(function*() {
      const fake = windowServer(5, 400)
      const prefix = `test:shared:${Math.random()}:`
      const key: RequestKey = { method: "DELETE", path: "/servers/01HZ0000000000000000000001/members/x", identity: "https://a" }
      const processes = [0, 1].map(() => layerRedisRateLimiter(redisUrl ?? "", { prefix }))
      const run = (layer: Layer.Layer<RateLimiter>, from: number) =>
        Effect.provide(
          Effect.flatMap(RateLimiter, ({ limit }) =>
            Effect.forEach(Array.from({ length: 8 }, (_, i) => from + i), (caller) => limit(key, fake.send(caller)), {
              concurrency: "unbounded"
            })),
          layer
        )
      const fibers = yield* Effect.forEach(processes, (layer, i) => Effect.fork(run(layer, i * 100)))
      yield* Fiber.joinAll(fibers)
      assert.lengthOf(fake.seen, 16)
      assert.strictEqual(fake.refused(), 0)
    }), 60_000)
})
