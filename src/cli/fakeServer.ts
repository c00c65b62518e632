import { Command, Options } from "@effect/cli"
import { FileSystem, HttpServer } from "@effect/platform"
import { Console, Effect, HashMap, Layer } from "effect"
import { serveFake, type ServedAnswer } from "../node/serveFake.js"
import { demoSeed } from "../testing/fake/demoSeed.js"
import type { StoatFakeSeed } from "../testing/fake/StoatFakeSeed.js"
import { CliFailure } from "./failure.js"
import { parseSeedFile } from "./seedFile.js"

/** What a client needs to talk to the served seed: its URL, the tokens and the ids. */
export const describeSeed = (seed: StoatFakeSeed, baseUrl: string): string => {
  const lines = [`Stoat fake listening on ${baseUrl}`, "", "Tokens (X-Session-Token for users, X-Bot-Token for bots):"]
  for (const account of HashMap.values(seed.state.accounts)) {
    const kind = account.user.bot._tag === "Some" ? "bot " : "user"
    lines.push(`  ${kind} ${account.user.username.padEnd(10)} id ${account.user.id}  token ${account.token}`)
  }
  lines.push("", "Servers and channels:")
  for (const server of HashMap.values(seed.state.servers)) lines.push(`  server  ${server.name.padEnd(14)} ${server.id}`)
  for (const channel of HashMap.values(seed.state.channels)) {
    const name = "name" in channel ? channel.name : channel._tag
    lines.push(`  channel ${name.padEnd(14)} ${channel.id} (${channel._tag})`)
  }
  lines.push("", `Invites: ${[...HashMap.keys(seed.state.invites)].join(", ")}`)
  return lines.join("\n")
}

/** One request log line: method, path, status and what is left of its rate-limit bucket. */
export const requestLine = (answer: ServedAnswer): string =>
  `${answer.method} ${answer.path} ${answer.status} remaining ${answer.headers["x-ratelimit-remaining"] ?? "-"}`

const loadSeed = (name: string) =>
  Effect.gen(function*() {
    if (name === "demo") return demoSeed
    const fs = yield* FileSystem.FileSystem
    const text = yield* fs.readFileString(name).pipe(
      Effect.mapError(() => new CliFailure({ family: "input", sentence: `Cannot read the seed file ${name}.` }))
    )
    return yield* parseSeedFile(text).pipe(
      Effect.mapError((problem) => new CliFailure({ family: "input", sentence: `The seed file ${name} is not valid: ${problem}` }))
    )
  })

const isAddressInUse = (cause: unknown) =>
  typeof cause === "object" && cause !== null && "code" in cause && cause.code === "EADDRINUSE"

/** `fake-server`: serves a fake Stoat on a loopback port until interrupted. */
export const fakeServer = Command.make("fake-server", {
  port: Options.integer("port").pipe(Options.withDefault(14702), Options.withDescription("The port (0 picks a free one).")),
  host: Options.text("host").pipe(Options.withDefault("127.0.0.1"), Options.withDescription("The address to listen on.")),
  seed: Options.text("seed").pipe(
    Options.withDefault("demo"),
    Options.withDescription("`demo`, or a JSON seed file (format in the README).")
  ),
  quiet: Options.boolean("quiet").pipe(Options.withDescription("No request log (the start-up listing is still printed)."))
}, ({ host, port, quiet, seed: seedName }) =>
  Effect.gen(function*() {
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      return yield* new CliFailure({ family: "input", sentence: `The port must be 0 to 65535, got ${port}.` })
    }
    const seed = yield* loadSeed(seedName)
    const onAnswer = (answer: ServedAnswer) => (quiet ? Effect.void : Console.log(requestLine(answer)))
    const listing = Layer.effectDiscard(
      Effect.flatMap(HttpServer.HttpServer, (server) => {
        const bound = server.address._tag === "TcpAddress" ? server.address.port : port
        return Console.log(describeSeed(seed, `http://${host}:${bound}`))
      })
    )
    return yield* Layer.launch(listing.pipe(Layer.provideMerge(serveFake({ port, host, seed, onAnswer })))).pipe(
      Effect.mapError((error) =>
        isAddressInUse(error.cause)
          ? new CliFailure({ family: "conflict", sentence: `Port ${port} on ${host} is in use: choose another with --port.` })
          : new CliFailure({ family: "transport", sentence: `Cannot listen on ${host}:${port}: ${String(error.cause)}.` })
      )
    )
  })).pipe(Command.withDescription("Serve a fake Stoat (the demo seed or a JSON seed file) on a loopback port until interrupted."))
