import { assert, describe, it } from "@effect/vitest"
import { readFileSync } from "node:fs"

const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8")

describe("README", () => {
  it("shows the first example exactly as examples/accept-invite.ts, which the type-check compiles", () => {
    assert.include(read("../README.md"), read("../examples/accept-invite.ts"))
  })

  it("shows the testing example exactly as examples/testing-your-bot.test.ts, which runs as a test", () => {
    assert.include(read("../README.md"), read("../examples/testing-your-bot.test.ts"))
  })

  it("shows the rate-limit example exactly as examples/rate-limits.test.ts, which runs as a test", () => {
    assert.include(read("../README.md"), read("../examples/rate-limits.test.ts"))
  })

  it("shows the events example exactly as examples/welcome-bot.test.ts, which runs as a test", () => {
    assert.include(read("../README.md"), read("../examples/welcome-bot.test.ts"))
  })

  it("starts with the install and test commands that .ci/run runs", () => {
    const readme = read("../README.md")
    const ci = read("../.ci/run")
    assert.match(readme.slice(0, 300), /npm install/)
    assert.match(readme.slice(0, 300), /npm test/)
    assert.match(ci, /^npm install$/m)
    assert.match(ci, /^npm test$/m)
  })

  it("gives the consumer's install lines with the peer ranges package.json declares, for effect-stoat and effect-stoat/node", () => {
    const readme = read("../README.md")
    const { peerDependencies } = JSON.parse(read("../package.json")) as { peerDependencies: Record<string, string> }
    const peer = (name: string) => `${name}@${peerDependencies[name]}`
    const core = `npm install effect-stoat ${peer("effect")} ${peer("@effect/platform")}`
    assert.include(readme, `${core}\n`)
    assert.include(readme, `${core} ${peer("@effect/platform-node")} ${peer("undici")}\n`)
    for (const optional of ["ioredis", "@livekit/rtc-node"]) assert.include(readme, peer(optional))
  })

  it("lists the consumer check, which .ci/run runs after npm test", () => {
    assert.include(read("../README.md"), "npm run check:consumer")
    assert.match(read("../.ci/run"), /^npm test\nnpm run check:consumer$/m)
  })
})
