import { HttpClient, HttpClientRequest } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber, Layer, TestClock } from "effect"
import { RateLimiter } from "effect-stoat"
import { StoatFake, StoatFakeSeed } from "effect-stoat/testing"
import { withModeratedServers } from "./moderatedServers.js"

const servers = ["one", "two", "three"]
const membersOf = (server: string) => Array.from({ length: 12 }, (_, i) => `${server}-member-${i}`)

/** Three servers of 12 members each, and a bot allowed to kick in all of them. */
const seed = withModeratedServers(
  StoatFakeSeed.make().user("owner").bot("modbot", { owner: "owner", token: "modbot-token" }),
  servers,
  membersOf
)

/** A kick sent as a plain HttpClient request, paced by the limiter. */
const kick = (server: string, member: string) =>
  Effect.gen(function*() {
    const { limit } = yield* RateLimiter
    const http = yield* HttpClient.HttpClient
    const path = `/servers/${seed.id(server)}/members/${seed.id(member)}`
    const request = HttpClientRequest.del(`http://fake.stoat${path}`).pipe(HttpClientRequest.setHeader("x-bot-token", "modbot-token"))
    const response = yield* limit({ method: "DELETE", path, identity: "http://fake.stoat" }, http.execute(request))
    return response.status
  })

const world = Layer.merge(StoatFake.layer(seed), RateLimiter.layer)

const refused = Effect.map(StoatFake, (fake) => fake.requests).pipe(
  Effect.flatten,
  Effect.map((requests) => requests.filter((received) => received.status === 429).length)
)

describe("the limiter against the fake's buckets", () => {
  it.effect("12 concurrent kicks in one server (5 a window) all succeed, with no 429", () =>
    Effect.gen(function*() {
      const fiber = yield* Effect.fork(
        Effect.forEach(membersOf("one"), (member) => kick("one", member), { concurrency: "unbounded" })
      )
      yield* TestClock.adjust(20_002)
      assert.deepStrictEqual(yield* Fiber.join(fiber), membersOf("one").map(() => 204))
      assert.strictEqual(yield* refused, 0)
      const fake = yield* StoatFake
      for (const member of membersOf("one")) assert.isFalse(yield* fake.isMember(seed.id("one"), seed.id(member)))
    }).pipe(Effect.provide(world)))

  it.effect("separate buckets proceed independently: a full server does not hold the others", () =>
    Effect.gen(function*() {
      // Server one spends its window first; then five kicks in each of the others go at once.
      const one = yield* Effect.fork(
        Effect.forEach(membersOf("one").slice(0, 6), (member) => kick("one", member), { concurrency: "unbounded" })
      )
      const others = yield* Effect.forEach(
        ["two", "three"].flatMap((server) => membersOf(server).slice(0, 5).map((member) => [server, member] as const)),
        ([server, member]) => kick(server, member),
        { concurrency: "unbounded" }
      )
      assert.deepStrictEqual(others, others.map(() => 204))
      const fake = yield* StoatFake
      assert.strictEqual((yield* fake.requests).length, 15)
      yield* TestClock.adjust(10_001)
      assert.deepStrictEqual(yield* Fiber.join(one), [204, 204, 204, 204, 204, 204])
      assert.strictEqual(yield* refused, 0)
    }).pipe(Effect.provide(world)))
})
