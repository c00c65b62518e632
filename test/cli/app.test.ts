import { readFileSync } from "node:fs"
import { FetchHttpClient, HttpServer } from "@effect/platform"
import { NodeContext } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { demoSeed } from "effect-stoat/testing"
import { serveFake } from "effect-stoat/node"
import { exitCodeTable } from "../../src/cli/failure.js"
import { fakeCli, plain, runCli } from "./runCli.js"

const packageVersion = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version

describe("effect-stoat", () => {
  it.effect("--help lists the commands and the exit codes, and exits 0", () =>
    Effect.gen(function*() {
      const { code, stdout } = yield* runCli(["--help"])
      assert.strictEqual(code, 0)
      const help = plain(stdout)
      assert.include(help, "fake-server")
      assert.include(help, "EXIT CODES")
      for (const line of exitCodeTable.split("\n")) assert.include(help, line)
    }).pipe(Effect.provide(fakeCli(demoSeed))))

  it.effect("--version prints the package's version and exits 0", () =>
    Effect.gen(function*() {
      const { code, stdout } = yield* runCli(["--version"])
      assert.strictEqual(code, 0)
      assert.strictEqual(stdout.trim(), packageVersion)
    }).pipe(Effect.provide(fakeCli(demoSeed))))

  it.effect("an unknown command is an input error (2) with a sentence on stderr", () =>
    Effect.gen(function*() {
      const { code, stderr } = yield* runCli(["serve-something"])
      assert.strictEqual(code, 2)
      assert.include(stderr, "Invalid subcommand")
    }).pipe(Effect.provide(fakeCli(demoSeed))))
})

describe("effect-stoat fake-server", () => {
  it.effect("a port in use is one sentence and the conflict code (6)", () =>
    Effect.gen(function*() {
      const address = (yield* HttpServer.HttpServer).address
      const server = address._tag === "TcpAddress" ? address.port : 0
      for (const flag of [["--port", String(server)], [`--port=${server}`]]) {
        const { code, stderr } = yield* runCli(["fake-server", ...flag, "--quiet"])
        assert.strictEqual(code, 6)
        assert.strictEqual(stderr, `Port ${server} on 127.0.0.1 is in use: choose another with --port.`)
      }
    }).pipe(Effect.provide(Layer.mergeAll(serveFake({ port: 0, seed: demoSeed }), NodeContext.layer, FetchHttpClient.layer)), Effect.scoped))

  it.effect("a seed file that cannot be read is an input error (2)", () =>
    Effect.gen(function*() {
      const { code, stderr } = yield* runCli(["fake-server", "--port", "0", "--seed", "/nonexistent/seed.json"])
      assert.strictEqual(code, 2)
      assert.strictEqual(stderr, "Cannot read the seed file /nonexistent/seed.json.")
    }).pipe(Effect.provide(fakeCli(demoSeed))))
})
