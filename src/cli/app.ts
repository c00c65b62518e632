import { Command, HelpDoc, ValidationError } from "@effect/cli"
import type { CliApp } from "@effect/cli"
import type { HttpClient } from "@effect/platform"
import { createRequire } from "node:module"
import { Cause, Console, Effect, Option, Schema } from "effect"
import { fakeServer } from "./fakeServer.js"
import { invite } from "./invite.js"
import { dm } from "./dm.js"
import { member } from "./member.js"
import { serverCommand } from "./server.js"
import { userCommand } from "./user.js"
import { exitCodes, exitCodeTable, familyOf, sentenceOf } from "./failure.js"
import { root } from "./root.js"

/** The package's version (from its package.json, beside both src/ and dist/), printed by `--version`. */
export const version: string = Schema.decodeUnknownSync(Schema.Struct({ version: Schema.String }))(
  createRequire(import.meta.url)("../../package.json")
).version

/** The whole command tree. */
export const command = root.pipe(
  Command.withDescription("Moderate a Stoat server from a terminal, or serve a fake Stoat."),
  Command.withSubcommands([invite, member, userCommand, dm, serverCommand, fakeServer])
)

const cli = Command.run(command, {
  name: "effect-stoat",
  version,
  footer: HelpDoc.sequence(HelpDoc.h1("EXIT CODES"), HelpDoc.p(exitCodeTable))
})

/** What the command needs to run: the platform's files, paths and terminal, and an HTTP client. */
export type CliEnvironment = CliApp.CliApp.Environment | HttpClient.HttpClient

const globalsWithValue = new Set(["--api-url", "--token-kind"])

/**
 * `--token-kind user` as `--token-kind=user`: @effect/cli would take the value `user` for the `user`
 * subcommand and refuse the line.
 */
const joinGlobalValues = (argv: ReadonlyArray<string>): ReadonlyArray<string> => {
  const joined: Array<string> = []
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? ""
    const value = argv[index + 1]
    if (!arg.startsWith("--")) return [...joined, ...argv.slice(index)]
    if (globalsWithValue.has(arg) && value !== undefined) {
      joined.push(`${arg}=${value}`)
      index++
    } else {
      joined.push(arg)
    }
  }
  return joined
}

/**
 * Runs the command on `argv` (the arguments after the executable and script) and gives its exit code:
 * each failure is one sentence on stderr and the code of its family.
 */
export const run = (argv: ReadonlyArray<string>): Effect.Effect<number, never, CliEnvironment> =>
  cli(["node", "effect-stoat", ...joinGlobalValues(argv)]).pipe(
    Effect.as(0),
    Effect.catchAll((error) =>
      ValidationError.isValidationError(error)
        ? Effect.succeed(ValidationError.isHelpRequested(error) ? 0 : exitCodes.input)
        : Effect.as(Console.error(sentenceOf(error)), exitCodes[familyOf(error)])
    ),
    Effect.catchAllCause((cause) =>
      Option.match(Cause.failureOption(cause), {
        onNone: () =>
          Cause.isInterruptedOnly(cause)
            ? Effect.succeed(130)
            : Effect.as(Console.error(`effect-stoat failed unexpectedly:\n${Cause.pretty(cause)}`), exitCodes.unexpected),
        onSome: () => Effect.succeed(exitCodes.unexpected)
      })
    )
  )
