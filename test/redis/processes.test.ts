import { spawn } from "node:child_process"
import { existsSync } from "node:fs"
import { assert, describe, it } from "@effect/vitest"
import { Deferred, Effect, Fiber } from "effect"
import { serveFake } from "effect-stoat/node"
import { StoatFake, StoatFakeSeed } from "effect-stoat/testing"
import { createInterface } from "node:readline"
import { inject } from "vitest"
import { baseUrlOf } from "../events/served.js"
import { withModeratedServers } from "../limiter/moderatedServers.js"

const redisUrl = inject("redisUrl")
const root = new URL("../..", import.meta.url)

const servers = ["north", "south"]
const members = (server: string) => Array.from({ length: 40 }, (_, i) => `${server}-${i}`)

/** Two servers of 40 members each, 5 requests a window of 1 s per server (long against a loaded machine's latencies), and the bot that kicks. */
const seed = withModeratedServers(
  StoatFakeSeed.make({ rateLimitWindowMillis: 1_000 }).user("owner").bot("modbot", { owner: "owner", token: "modbot-token" }),
  servers,
  members
)

/**
 * One bot process over the built dist/, kicking `kicks` once `go` completes; says when it is ready,
 * and resolves with the statuses it printed.
 */
const botProcess = (
  baseUrl: string,
  prefix: string,
  kicks: ReadonlyArray<readonly [string, string]>,
  ready: Deferred.Deferred<void>,
  go: Deferred.Deferred<void>
) =>
  Effect.acquireUseRelease(
    Effect.sync(() =>
      spawn(process.execPath, ["test/redis/kickBot.mjs", baseUrl, redisUrl ?? "", prefix, "modbot-token", JSON.stringify(kicks)], {
        cwd: root,
        stdio: ["pipe", "pipe", "inherit"]
      })
    ),
    (child) =>
      Effect.async<ReadonlyArray<number>, Error>((resume) => {
        const lines: Array<string> = []
        createInterface({ input: child.stdout }).on("line", (line) => {
          lines.push(line)
          if (line === "ready") {
            Effect.runFork(Deferred.succeed(ready, undefined).pipe(
              Effect.zipRight(Deferred.await(go)),
              Effect.andThen(() => child.stdin.write("go\n"))
            ))
          }
        })
        child.once("exit", (code) => {
          const last = lines.at(-1) ?? ""
          if (code !== 0 || !last.startsWith("{")) return resume(Effect.fail(new Error(`bot exited ${code}: ${lines.join("\n")}`)))
          const printed: { readonly statuses: ReadonlyArray<number> } = JSON.parse(last)
          resume(Effect.succeed(printed.statuses))
        })
      }),
    (child) => Effect.sync(() => child.kill())
  )

describe.skipIf(redisUrl === null)("one bot in 4 processes sharing buckets through Redis", () => {
  it.live("kicks every member with no 429", () =>
    Effect.gen(function*() {
      assert.isTrue(existsSync(new URL("dist/redis.js", root)), "build dist/ first: npx tsc -p tsconfig.build.json")
      const baseUrl = yield* baseUrlOf
      const kicks = servers.flatMap((name) => members(name).map((member) => [seed.id(name), seed.id(member)] as const))
      // Each process takes every fourth kick, so all four contend for both servers' buckets.
      const shares = [0, 1, 2, 3].map((process) => kicks.filter((_, i) => i % 4 === process))
      const prefix = `test:processes:${Math.random()}:`
      const go = yield* Deferred.make<void>()
      const bots = yield* Effect.forEach(shares, (share) => Effect.map(Deferred.make<void>(), (ready) => ({ share, ready })))
      const running = yield* Effect.fork(Effect.forEach(
        bots,
        ({ ready, share }) => botProcess(baseUrl, prefix, share, ready, go),
        { concurrency: "unbounded" }
      ))
      yield* Effect.forEach(bots, ({ ready }) => Deferred.await(ready))
      yield* Deferred.succeed(go, undefined)
      const statuses = yield* Fiber.join(running)
      // The pipeline's own 429 retries would hide a 429 here: the fake's count below is the proof.
      assert.deepStrictEqual(statuses.flat().filter((status) => status !== 204), [])
      assert.lengthOf(statuses.flat(), kicks.length)
      const fake = yield* StoatFake
      const received = yield* fake.requests
      // Each process also warms its connections with one GET /.
      assert.lengthOf(received.filter((request) => request.request.method === "DELETE"), kicks.length)
      assert.strictEqual(received.filter((request) => request.status === 429).length, 0)
    }).pipe(Effect.provide(serveFake({ port: 0, seed }))), 180_000)
})
