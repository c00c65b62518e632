import { Command, Options, Prompt } from "@effect/cli"
import { Terminal } from "@effect/platform"
import type { HttpClient } from "@effect/platform"
import { Config, Effect, Layer, Option, Redacted } from "effect"
import { StoatClient } from "../services/StoatClient.js"
import { defaultBaseUrl, StoatConfig, type TokenKind } from "../services/StoatConfig.js"
import { CliFailure } from "./failure.js"

/** The options given before the subcommand: where, as what kind of account, and how to print. */
export const root = Command.make("effect-stoat", {
  apiUrl: Options.text("api-url").pipe(
    Options.withDescription(`The API's base URL (else STOAT_API_URL, else ${defaultBaseUrl}).`),
    Options.optional
  ),
  tokenKind: Options.choice("token-kind", ["bot", "user"]).pipe(
    Options.withDescription("Whether STOAT_TOKEN is a bot's or a user's token (else STOAT_TOKEN_KIND, else bot)."),
    Options.optional
  ),
  json: Options.boolean("json").pipe(
    Options.withDescription("Print the wire JSON of each result, one document per line.")
  )
})

const fromEnv = <A>(config: Config.Config<A>) =>
  Effect.mapError(Effect.option(config), () => new CliFailure({ family: "input", sentence: "An environment variable is not valid." }))

/** The token: `STOAT_TOKEN`, else asked for without echo when stdin is a terminal. Never a flag. */
const token = Effect.gen(function*() {
  const fromVariable = yield* fromEnv(Config.redacted("STOAT_TOKEN"))
  if (Option.isSome(fromVariable) && Redacted.value(fromVariable.value).trim() !== "") return fromVariable.value
  const terminal = yield* Terminal.Terminal
  if (!(yield* terminal.isTTY)) {
    return yield* new CliFailure({ family: "auth", sentence: "No token: set STOAT_TOKEN (the command never takes it as a flag)." })
  }
  return yield* Prompt.hidden({ message: "Stoat token" }).pipe(
    Effect.mapError(() => new CliFailure({ family: "auth", sentence: "No token was given." }))
  )
})

/** Runs an operation with a `StoatClient` made from the global options, the environment and the token. */
export const withStoat = <A, E>(
  operation: Effect.Effect<A, E, StoatClient>
): Effect.Effect<A, E | CliFailure, HttpClient.HttpClient | Terminal.Terminal | Command.Command.Context<"effect-stoat">> =>
  Effect.gen(function*() {
    const globals = yield* root
    const envKind = yield* fromEnv(Config.literal("bot", "user")("STOAT_TOKEN_KIND"))
    const envUrl = yield* fromEnv(Config.string("STOAT_API_URL"))
    const tokenKind: TokenKind = Option.getOrElse(Option.orElse(globals.tokenKind, () => envKind), () => "bot" as const)
    const baseUrl = Option.getOrElse(Option.orElse(globals.apiUrl, () => envUrl), () => defaultBaseUrl)
    const config = StoatConfig.layer({ token: yield* token, tokenKind, baseUrl }).pipe(
      Layer.mapError(() => new CliFailure({ family: "auth", sentence: "The token is empty." }))
    )
    return yield* Effect.provide(operation, StoatClient.layer.pipe(Layer.provide(config)))
  })
