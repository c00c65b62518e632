import { NodeContext } from "@effect/platform-node"
import { ConfigProvider, Console, Effect, Layer } from "effect"
import { run } from "../../src/cli/app.js"
import { StoatFake, type StoatFakeSeed } from "effect-stoat/testing"

/** What one run of the command printed, and its exit code. */
export interface CliRun {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/**
 * Runs the command in process on `argv`, with `env` as its environment, printing into strings. The HTTP
 * client is whatever the test provides (the fake's in-process client with `fakeCli`).
 */
export const runCli = (argv: ReadonlyArray<string>, env: Readonly<Record<string, string>> = {}) =>
  Effect.gen(function*() {
    const stdout: Array<string> = []
    const stderr: Array<string> = []
    const base = yield* Effect.console
    const capture = (into: Array<string>) => (...args: ReadonlyArray<unknown>) =>
      Effect.sync(() => {
        into.push(args.map(String).join(" "))
      })
    const console: Console.Console = { ...base, log: capture(stdout), error: capture(stderr) }
    const code = yield* run(argv).pipe(
      Effect.withConsole(console),
      Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env))))
    )
    return { code, stdout: stdout.join("\n"), stderr: stderr.join("\n") } satisfies CliRun
  })

/** The fake of `seed` (its in-process HTTP client) and Node's files, paths and terminal. */
export const fakeCli = (seed: StoatFakeSeed) => Layer.merge(StoatFake.layer(seed), NodeContext.layer)

/** Strips ANSI colours from help text. */
export const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, "")
