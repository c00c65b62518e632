import { readFileSync } from "node:fs"
import { assert, describe, it } from "@effect/vitest"
import { Effect, HashMap } from "effect"
import { parseSeedFile } from "../../src/cli/seedFile.js"

const seedJson = {
  settings: { rateLimitWindowMillis: 500, rateLimits: { servers: 3 } },
  users: [{ handle: "owner", token: "owner-token" }, { handle: "spammer", token: "spam-token", displayName: "Spam" }],
  bots: [{ handle: "guard", owner: "owner", token: "guard-token" }],
  servers: [{ handle: "home", owner: "owner", name: "Home", roles: { bots: { rank: 1, allow: 64 } } }],
  channels: [{ handle: "general", server: "home" }],
  members: [{ server: "home", user: "guard", roles: ["bots"] }, { server: "home", user: "spammer", nickname: "S" }],
  bans: [{ server: "home", user: "01HZZZZZZZZZZZZZZZZZZZZZZZ", reason: "spam" }],
  invites: [{ code: "homeinv", channel: "general", creator: "owner" }],
  messages: [{ handle: "hi", channel: "general", author: "spammer", content: "buy now" }],
  friends: [["owner", "spammer"]]
}

describe("fake-server --seed FILE", () => {
  it.effect("builds the instance a JSON seed describes, settings included", () =>
    Effect.gen(function*() {
      const seed = yield* parseSeedFile(JSON.stringify(seedJson))
      assert.strictEqual(seed.state.settings.rateLimitWindowMillis, 500)
      assert.strictEqual(seed.state.settings.rateLimits["servers"], 3)
      assert.strictEqual(seed.token("guard"), "guard-token")
      assert.isTrue(HashMap.has(seed.state.members, `${seed.id("home")}/${seed.id("spammer")}`))
      assert.isTrue(HashMap.has(seed.state.bans, `${seed.id("home")}/01HZZZZZZZZZZZZZZZZZZZZZZZ`))
      assert.isTrue(HashMap.has(seed.state.invites, "homeinv"))
      assert.strictEqual(HashMap.size(seed.state.accounts), 3)
    }))

  it.effect("refuses what it does not understand, in one line", () =>
    Effect.gen(function*() {
      const typo = yield* Effect.flip(parseSeedFile(JSON.stringify({ user: [] })))
      assert.include(typo, "user")
      assert.notInclude(typo, "\n")
      assert.include(yield* Effect.flip(parseSeedFile("{ not json")), "JSON")
      const early = yield* Effect.flip(parseSeedFile(JSON.stringify({ members: [{ server: "home", user: "x" }] })))
      assert.include(early, "home")
    }))
})

describe("README", () => {
  it.effect("its seed file example is a valid seed", () =>
    Effect.gen(function*() {
      const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8")
      const example = /```json\n([\s\S]*?)```/.exec(readme)?.[1] ?? ""
      const seed = yield* parseSeedFile(example)
      assert.strictEqual(seed.state.settings.rateLimitWindowMillis, 1000)
      assert.strictEqual(seed.token("guard"), "guard-token")
    }))
})
