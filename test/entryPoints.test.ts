import { assert, describe, it } from "@effect/vitest"
import { readFileSync } from "node:fs"
import { dirname, resolve } from "node:path"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("..", import.meta.url))

/** Every source file an entry point reaches through its relative imports. */
const reachable = (entry: string): ReadonlySet<string> => {
  const seen = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    for (const [, target] of readFileSync(file, "utf8").matchAll(/from "(\.[^"]+)\.js"/g)) {
      visit(resolve(dirname(file), `${target}.ts`))
    }
  }
  visit(resolve(root, entry))
  return seen
}

describe("entry points", () => {
  for (const entry of ["src/index.ts", "src/testing.ts"]) {
    it(`${entry} reaches no @effect/platform-node import (only effect-stoat/node may)`, () => {
      const files = reachable(entry)
      assert.isAbove(files.size, 10)
      for (const file of files) assert.notInclude(readFileSync(file, "utf8"), "@effect/platform-node", file)
    })
  }

  it("@livekit/rtc-node is loaded only when voice is used: no file imports it by name", () => {
    const files = reachable("src/index.ts")
    for (const file of files) assert.notMatch(readFileSync(file, "utf8"), /from "@livekit|import\("@livekit/, file)
    assert.include(readFileSync(resolve(root, "src/services/VoiceConnector.ts"), "utf8"), "import(liveKitPackage)")
  })

  for (const entry of ["src/index.ts", "src/testing.ts", "src/node.ts"]) {
    it(`${entry} reaches no ioredis import (only effect-stoat/redis may)`, () => {
      for (const file of reachable(entry)) assert.notInclude(readFileSync(file, "utf8"), "ioredis", file)
    })
  }

  it("src/node.ts is where the Node layers live", () => {
    const sources = [...reachable("src/node.ts")].map((file) => readFileSync(file, "utf8"))
    assert.isTrue(sources.some((source) => source.includes("@effect/platform-node")))
    assert.isTrue(sources.some((source) => source.includes("from \"undici\"")))
  })

  it("effect-stoat exports what a user calls, not the internals: error registries, request building, id minting", async () => {
    const names = Object.keys(await import("effect-stoat"))
    // apiErrors is the table of every error class by tag; the per-operation registries stay inside.
    assert.deepStrictEqual(names.filter((name) => /^[a-z]\w*Errors$/.test(name)), ["apiErrors"])
    for (const internal of ["toHttpRequest", "makeUlid", "isPathSegment", "bucketOf", "targetChannelId", "idOf"]) {
      assert.notInclude(names, internal)
    }
    for (const used of ["fetchUser", "kickMember", "DmChannel", "CallCredentials", "NotFound"]) assert.include(names, used)
  })

  it("each name is exported by one entry only: effect-stoat/node adds serving the fake, not a second StoatFake", async () => {
    const entries = await Promise.all([import("effect-stoat"), import("effect-stoat/testing"), import("effect-stoat/node")])
    const seen = new Map<string, number>()
    entries.forEach((entry, index) => {
      for (const name of Object.keys(entry)) {
        assert.isUndefined(seen.get(name), `${name} is exported twice`)
        seen.set(name, index)
      }
    })
    assert.strictEqual(seen.get("serveFake"), 2)
    assert.strictEqual(seen.get("StoatFake"), 1)
  })
})
