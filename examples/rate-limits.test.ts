import { HttpClient } from "@effect/platform"
import { assert, it } from "@effect/vitest"
import { Effect, Fiber, Layer, Redacted, TestClock } from "effect"
import { kickMember, StoatClient, StoatConfig, withRequestOptions } from "effect-stoat"
import { StoatFake, StoatFakeSeed } from "effect-stoat/testing"

// A server with a guard bot and twelve spammers. Like Stoat, the fake allows 5 requests per 10 s
// on each /servers/{id} bucket.
const spammers = Array.from({ length: 12 }, (_, index) => `spammer${index}`)
const seed = spammers.reduce(
  (seed, spammer) => seed.user(spammer).member("home", spammer),
  StoatFakeSeed.make()
    .user("owner")
    .bot("guard", { owner: "owner" })
    .server("home", { owner: "owner", roles: { bots: { rank: 1, allow: 64 } } })
    .member("home", "guard", { roles: ["bots"] })
)

// All at once: the limiter paces them, and every request inside carries the audit-log reason.
const kickAll = Effect.forEach(
  spammers,
  (spammer) => kickMember({ server: seed.id("home"), user: seed.id(spammer) }),
  { concurrency: "unbounded" }
).pipe(withRequestOptions({ auditLogReason: "spam wave" }))

const TestStoat = StoatClient.layerWith({
  // A stage of your own around the pipeline, once per call.
  transformClient: HttpClient.tapRequest((request) => Effect.logDebug(`${request.method} ${request.url}`)),
  retry: { rateLimited: 3, transient: 2 }
}).pipe(
  Layer.provideMerge(StoatFake.layer(seed)),
  Layer.provide(StoatConfig.layer({ token: Redacted.make(seed.token("guard")) }))
)

it.effect("twelve kicks in a bucket of 5 per 10 s: all done in three windows, not one 429", () =>
  Effect.gen(function*() {
    const fiber = yield* Effect.fork(kickAll)
    yield* TestClock.adjust("30 seconds")
    yield* Fiber.join(fiber)
    const fake = yield* StoatFake
    const requests = yield* fake.requests
    assert.lengthOf(requests, 12)
    assert.isTrue(requests.every(({ request, status }) => status === 204 && request.headers["x-audit-log-reason"] === "spam wave"))
    for (const spammer of spammers) assert.isFalse(yield* fake.isMember(seed.id("home"), seed.id(spammer)))
  }).pipe(Effect.provide(TestStoat)))
