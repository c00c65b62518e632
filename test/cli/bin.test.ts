import { type ChildProcessByStdio, spawn } from "node:child_process"
import { createInterface } from "node:readline"
import type { Readable } from "node:stream"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Queue } from "effect"

// These run the built command (dist/cli.js; test/buildDist.ts builds it when src/ is newer).
const bin = new URL("../../dist/cli.js", import.meta.url).pathname
const timeout = 120_000

const start = (args: ReadonlyArray<string>, env: Readonly<Record<string, string>> = {}) =>
  Effect.acquireRelease(
    Effect.sync(() => spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } })),
    (child) => Effect.sync(() => child.kill())
  )

/** The child's stdout, line by line. */
const linesOf = (child: ChildProcessByStdio<null, Readable, Readable>) =>
  Effect.tap(Queue.unbounded<string>(), (queue) =>
    Effect.sync(() => createInterface({ input: child.stdout }).on("line", (line) => Queue.unsafeOffer(queue, line))))

/** Takes lines until one matches, that one included. */
const until = (lines: Queue.Queue<string>, done: (line: string) => boolean) =>
  Effect.gen(function*() {
    const taken: Array<string> = []
    while (true) {
      const line = yield* Queue.take(lines)
      taken.push(line)
      if (done(line)) return taken
    }
  })

const exit = (child: ChildProcessByStdio<null, Readable, Readable>) =>
  Effect.async<number | null>((resume) => {
    child.on("exit", (code) => resume(Effect.succeed(code)))
  })

const get = (url: string) =>
  Effect.promise(() => fetch(url, { headers: { accept: "application/json" } }).then(async (response) => ({ status: response.status, body: await response.json() })))

describe("the built effect-stoat command", () => {
  it.live("fake-server --port=0 prints the listing, then one line per request with its bucket's remaining count", () =>
    Effect.gen(function*() {
      const lines = yield* linesOf(yield* start(["fake-server", "--port=0"]))
      const listing = (yield* until(lines, (line) => line.startsWith("Invites:"))).join("\n")
      const url = /listening on (http:\/\/\S+)/.exec(listing)?.[1] ?? ""
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/)
      assert.include(listing, "token demo-carol-token")
      assert.include(listing, "channel general")
      const answer = yield* get(`${url}/invites/aB3dE5fG`)
      assert.strictEqual(answer.status, 200)
      assert.deepInclude(answer.body, { type: "Server", server_name: "Stoat Lovers" })
      assert.include(yield* until(lines, (line) => line.startsWith("GET /invites/")), "GET /invites/aB3dE5fG 200 remaining 19")
    }).pipe(Effect.scoped), timeout)

  it.live("fake-server --quiet still prints the listing, and logs no request", () =>
    Effect.gen(function*() {
      const child = yield* start(["fake-server", "--quiet", "--port", "0"])
      const lines = yield* linesOf(child)
      const listing = (yield* until(lines, (line) => line.startsWith("Invites:"))).join("\n")
      const url = /listening on (http:\/\/\S+)/.exec(listing)?.[1] ?? ""
      assert.strictEqual((yield* get(`${url}/invites/aB3dE5fG`)).status, 200)
      // A log line would be written before the answer: once the answer is here, the rest of stdout has it.
      const ended = exit(child)
      child.kill()
      yield* ended
      assert.deepStrictEqual(yield* Queue.takeAll(lines).pipe(Effect.map((rest) => [...rest])), [])
    }).pipe(Effect.scoped), timeout)

  it.live("a command talks to the served fake: its output on stdout, a failure as one sentence and its exit code", () =>
    Effect.gen(function*() {
      const lines = yield* linesOf(yield* start(["fake-server", "--quiet", "--port=0"]))
      const listing = (yield* until(lines, (line) => line.startsWith("Invites:"))).join("\n")
      const url = /listening on (http:\/\/\S+)/.exec(listing)?.[1] ?? ""
      const env = { STOAT_API_URL: url, STOAT_TOKEN: "demo-modbot-token" }
      const output = (child: ChildProcessByStdio<null, Readable, Readable>) =>
        Effect.zip(exit(child), Effect.promise(async () => {
          const [stdout, stderr] = [Array<string>(), Array<string>()]
          child.stdout.on("data", (chunk) => stdout.push(String(chunk)))
          child.stderr.on("data", (chunk) => stderr.push(String(chunk)))
          await new Promise((resolve) => child.on("close", resolve))
          return { stdout: stdout.join(""), stderr: stderr.join("") }
        }), { concurrent: true })
      const [shown, printed] = yield* output(yield* start(["--json", "invite", "show", "aB3dE5fG"], env))
      assert.strictEqual(shown, 0, printed.stderr)
      assert.deepInclude(JSON.parse(printed.stdout), { type: "Server", server_name: "Stoat Lovers" })
      const [missing, said] = yield* output(yield* start(["member", "show", "01HK153X00000000000000000A", "01HK153X000000000000000004"], env))
      assert.strictEqual(missing, 5)
      assert.strictEqual(said.stderr, "Not found: no such thing, or the account cannot see it.\n")
      assert.notInclude(said.stderr + said.stdout, "demo-modbot-token")
    }).pipe(Effect.scoped), timeout)

  it.live("--help exits 0; an unknown command exits 2", () =>
    Effect.gen(function*() {
      assert.strictEqual(yield* exit(yield* start(["--help"])), 0)
      assert.strictEqual(yield* exit(yield* start(["serve-something"])), 2)
    }).pipe(Effect.scoped), timeout)
})
