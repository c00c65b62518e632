import { NodeContext } from "@effect/platform-node"
import { ConfigProvider, Effect, Layer } from "effect"
import { run } from "../../src/cli/app.js"
import { StoatFake, type StoatFakeSeed } from "effect-stoat/testing"
import { withCapturedConsole } from "../helpers.js"

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
  run(argv).pipe(
    Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)))),
    withCapturedConsole,
    Effect.map(({ value, stdout, stderr }): CliRun => ({ code: value, stdout: stdout.join("\n"), stderr: stderr.join("\n") }))
  )

/** The fake of `seed` (its in-process HTTP client) and Node's files, paths and terminal. */
export const fakeCli = (seed: StoatFakeSeed) => Layer.merge(StoatFake.layer(seed), NodeContext.layer)

/** Strips ANSI colours from help text. */
export const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, "")
