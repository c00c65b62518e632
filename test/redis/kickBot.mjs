// One process of a bot that kicks members, paced through the shared Redis buckets: runs the built
// dist/. Arguments: base URL, Redis URL, key prefix, bot token, JSON [[serverId, memberId], ...].
// Prints "ready", waits for "go" on stdin (so that every process starts at once), then prints
// {"statuses": [...], "finishedAt": ms} when every kick is answered.
import { HttpClient, HttpClientRequest } from "@effect/platform"
import { NodeHttpClient } from "@effect/platform-node"
import { createInterface } from "node:readline"
import { Effect, Layer } from "effect"
import { RateLimiter } from "../../dist/index.js"
import { layerRedisRateLimiter } from "../../dist/redis.js"

const [baseUrl = "", redisUrl = "", prefix = "", token = "", kicks = "[]"] = process.argv.slice(2)

const program = Effect.gen(function*() {
  const { limit } = yield* RateLimiter
  const http = yield* HttpClient.HttpClient
  const identity = new URL(baseUrl).origin
  // Warm the connections (HTTP and Redis) before the start, in the `any` bucket.
  yield* limit({ method: "GET", path: "/", identity }, http.execute(HttpClientRequest.get(`${baseUrl}/`)))
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
    ([server, member]) => {
      const path = `/servers/${server}/members/${member}`
      const request = HttpClientRequest.del(`${baseUrl}${path}`).pipe(HttpClientRequest.setHeader("x-bot-token", token))
      return limit({ method: "DELETE", path, identity }, http.execute(request)).pipe(Effect.map((response) => response.status))
    },
    { concurrency: "unbounded" }
  )
  console.log(JSON.stringify({ statuses, finishedAt: Date.now() }))
})

Effect.runPromise(
  program.pipe(Effect.provide(Layer.merge(layerRedisRateLimiter(redisUrl, { prefix }), NodeHttpClient.layerUndici)))
).then(() => process.exit(0), (error) => {
  console.error(error)
  process.exit(1)
})
