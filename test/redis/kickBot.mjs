// One process of a bot that kicks members with effect-stoat (the built dist/), its rate limits
// shared through Redis. Arguments: base URL, Redis URL, key prefix, bot token, JSON
// [[serverId, memberId], ...]. Prints "ready", waits for "go" on stdin (so that every process starts
// at once), then prints {"statuses": [...], "finishedAt": ms}: 204 per kick done, else the error's tag.
import { createInterface } from "node:readline"
import { NodeHttpClient } from "@effect/platform-node"
import { Effect, Layer, Redacted } from "effect"
import { fetchInstance, kickMember, StoatClient, StoatConfig } from "../../dist/index.js"
import { layerRedisRateLimiter } from "../../dist/redis.js"

const [baseUrl = "", redisUrl = "", prefix = "", token = "", kicks = "[]"] = process.argv.slice(2)

const program = Effect.gen(function*() {
  // Warm the connections (HTTP and Redis) before the start, in the `any` bucket.
  yield* fetchInstance()
  console.log("ready")
  yield* Effect.async((resume) => {
    const lines = createInterface({ input: process.stdin })
    lines.once("line", () => {
      lines.close()
      resume(Effect.void)
    })
  })
  const statuses = yield* Effect.forEach(
    JSON.parse(kicks),
    ([server, user]) =>
      kickMember({ id: { server, user } }).pipe(
        Effect.as(204),
        Effect.catchAll((error) => Effect.succeed(error._tag))
      ),
    { concurrency: "unbounded" }
  )
  console.log(JSON.stringify({ statuses, finishedAt: Date.now() }))
})

const client = StoatClient.layerWith({ limiter: layerRedisRateLimiter(redisUrl, { prefix }) }).pipe(
  Layer.provide(StoatConfig.layer({ token: Redacted.make(token), tokenKind: "bot", baseUrl })),
  Layer.provide(NodeHttpClient.layerUndici)
)

Effect.runPromise(program.pipe(Effect.provide(client))).then(() => process.exit(0), (error) => {
  console.error(error)
  process.exit(1)
})
