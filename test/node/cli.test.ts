import { spawn } from "node:child_process"
import { createInterface } from "node:readline"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"

const cli = (args: ReadonlyArray<string>) =>
  spawn(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], { cwd: new URL("../..", import.meta.url), stdio: ["ignore", "pipe", "pipe"] })

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
    ).pipe(Effect.timeout("60 seconds")))

  it.live("refuses an unknown command with the usage and exit code 2", () =>
    Effect.gen(function*() {
      const child = cli(["serve-something"])
      const code = yield* Effect.async<number | null>((resume) => {
        child.on("exit", (code) => resume(Effect.succeed(code)))
      })
      assert.strictEqual(code, 2)
    }).pipe(Effect.timeout("60 seconds")))
})
