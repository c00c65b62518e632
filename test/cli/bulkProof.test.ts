import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { HttpServer } from "@effect/platform"
import { NodeContext } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber, Layer, Random } from "effect"
import { layerUndiciHttpClient, serveFake } from "effect-stoat/node"
import { StoatFake } from "effect-stoat/testing"
import { bulkSeed, memberIds } from "./bulkSeed.js"
import { runCli } from "./runCli.js"

// 200 members, the "servers" bucket at its real 5 requests per window, the window short.
const count = 200
const seed = bulkSeed(count, { rateLimitWindowMillis: 250, servers: 5 })
const server = seed.id("home")
const ids = memberIds(seed, count)
const env = { STOAT_TOKEN: "guard-token" }

const served = Layer.mergeAll(serveFake({ port: 0, seed }), NodeContext.layer, layerUndiciHttpClient)

describe("member kick --ids-file against the loopback fake", () => {
  it.live("200 kicks interrupted at a random point and resumed: each member kicked exactly once, no 429 within a run", () =>
    Effect.gen(function*() {
      const fake = yield* StoatFake
      const address = (yield* HttpServer.HttpServer).address
      const url = `http://127.0.0.1:${address._tag === "TcpAddress" ? address.port : 0}`
      const dir = mkdtempSync(join(tmpdir(), "effect-stoat-proof-"))
      const idsFile = join(dir, "spammers.txt")
      const journal = join(dir, "kick.journal")
      writeFileSync(idsFile, ids.join("\n"))
      const argv = ["--api-url", url, "member", "kick", server, "--ids-file", idsFile, "--journal", journal]

      const kicksSoFar = Effect.map(fake.requests, (all) => all.filter((received) => received.request.method === "DELETE").length)
      const stopAfter = yield* Random.nextIntBetween(10, count - 10)
      const first = yield* Effect.fork(runCli(argv, env))
      while ((yield* kicksSoFar) < stopAfter) yield* Effect.sleep("5 millis")
      yield* Effect.sleep(`${yield* Random.nextIntBetween(0, 40)} millis`)
      yield* Fiber.interrupt(first)
      const firstRun = yield* fake.requests
      assert.isBelow(firstRun.filter((received) => received.request.method === "DELETE").length, count)
      assert.deepStrictEqual(firstRun.filter((received) => received.status === 429).length, 0, "429s in the first run")

      const second = yield* runCli([...argv, "--resume"], env)
      assert.strictEqual(second.code, 0, second.stderr)
      const all = yield* fake.requests
      const secondRun = all.slice(firstRun.length)
      // After the restart the first request may meet the bucket the first run spent: that one 429 is waited out.
      assert.isAtMost(secondRun.filter((received) => received.status === 429).length, 1, "429s in the resumed run")

      for (const user of ids) {
        const kicks = all.filter((received) => received.request.method === "DELETE" && received.request.path.endsWith(`/members/${user}`))
        assert.deepStrictEqual(kicks.map((received) => received.status).filter((status) => status !== 429), [204], user)
        assert.isFalse(yield* fake.isMember(server, user))
      }
      const entries = readFileSync(journal, "utf8").trim().split("\n").map((line) => JSON.parse(line))
      const outcomes = new Map<string, string>()
      for (const entry of entries) if (entry._tag === "done") outcomes.set(entry.user, entry.outcome)
      assert.strictEqual([...outcomes.values()].filter((outcome) => outcome === "ok").length, count)
    }).pipe(Effect.provide(served)), 300_000)
})
