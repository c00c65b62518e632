import { spawn } from "node:child_process"
import { existsSync, readdirSync, statSync } from "node:fs"
import { createInterface } from "node:readline"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"

const root = new URL("../..", import.meta.url)
const built = new URL("dist/cli.js", root)

/** The newest modification time of any file under src/. */
const newestSource = () =>
  Math.max(...readdirSync(new URL("src", root), { recursive: true, encoding: "utf8" })
    .map((path) => statSync(new URL(`src/${path}`, root)).mtimeMs))

/** The built CLI when dist/ is up to date (starting it through tsx takes seconds on a busy machine), else the source. */
const cliEntry = existsSync(built) && statSync(built).mtimeMs >= newestSource()
  ? ["dist/cli.js"]
  : ["--import", "tsx", "src/cli.ts"]

const cli = (args: ReadonlyArray<string>) =>
  spawn(process.execPath, [...cliEntry, ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] })

/** A spawned process may wait long for a busy machine: each test sets this limit itself. */
const spawnLimit = 120_000

describe("effect-stoat fake-server", () => {
  it.live("serves the demo seed and prints its URL and tokens", () =>
    Effect.acquireUseRelease(
      Effect.sync(() => cli(["fake-server", "--port", "0"])),
      (child) =>
        Effect.gen(function*() {
          const lines = createInterface({ input: child.stdout })
          const output: Array<string> = []
          const first = yield* Effect.async<string>((resume) => {
            lines.on("line", (line) => {
              output.push(line)
              if (line.startsWith("Invites:")) resume(Effect.succeed(output.join("\n")))
            })
          })
          const url = /listening on (http:\/\/\S+)/.exec(first)?.[1] ?? ""
          assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/)
          assert.include(first, "token demo-carol-token")
          const response = yield* Effect.promise(() => fetch(`${url}/invites/aB3dE5fG`, { headers: { accept: "application/json" } }))
          assert.strictEqual(response.status, 200)
          const body: unknown = yield* Effect.promise(() => response.json())
          assert.deepInclude(body, { type: "Server", server_name: "Stoat Lovers" })
        }),
      (child) => Effect.sync(() => child.kill())
    ), spawnLimit)

  it.live("refuses an unknown command with the usage and exit code 2", () =>
    Effect.gen(function*() {
      const child = cli(["serve-something"])
      const code = yield* Effect.async<number | null>((resume) => {
        child.on("exit", (code) => resume(Effect.succeed(code)))
      })
      assert.strictEqual(code, 2)
    }), spawnLimit)
})
