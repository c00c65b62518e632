#!/usr/bin/env node
import { HttpServer } from "@effect/platform"
import { NodeRuntime } from "@effect/platform-node"
import { Console, Effect, HashMap, Layer } from "effect"
import { serveFake } from "./node/serveFake.js"
import { demoSeed } from "./testing/fake/demoSeed.js"
import type { StoatFakeSeed } from "./testing/fake/StoatFakeSeed.js"

const usage = `usage: effect-stoat fake-server [--port 14702] [--host 127.0.0.1] [--seed demo]

Serves an in-memory Stoat (the effect-stoat fake) over HTTP until interrupted.`

const seeds: Readonly<Record<string, StoatFakeSeed>> = { demo: demoSeed }

/** Reads `--name value` pairs; `undefined` when an argument is not understood. */
const parseOptions = (args: ReadonlyArray<string>): Record<string, string> | undefined => {
  const options: Record<string, string> = {}
  for (let index = 0; index < args.length; index += 2) {
    const name = args[index]
    const value = args[index + 1]
    if (name === undefined || !name.startsWith("--") || value === undefined) return undefined
    options[name.slice(2)] = value
  }
  return options
}

/** What a client needs to talk to the served seed: its URL, the tokens and the ids. */
const describeSeed = (seed: StoatFakeSeed, baseUrl: string) => {
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

const main = (args: ReadonlyArray<string>) => {
  const [command, ...rest] = args
  const options = parseOptions(rest)
  const seed = seeds[options?.["seed"] ?? "demo"]
  const port = Number(options?.["port"] ?? 14702)
  if (command !== "fake-server" || options === undefined || seed === undefined || !Number.isInteger(port) || port < 0 || port > 65535) {
    return Effect.zipRight(Console.error(usage), Effect.sync(() => process.exit(2)))
  }
  const host = options["host"] ?? "127.0.0.1"
  return Layer.launch(
    Layer.effectDiscard(
      Effect.flatMap(HttpServer.HttpServer, (server) => {
        const bound = server.address._tag === "TcpAddress" ? server.address.port : port
        return Console.log(describeSeed(seed, `http://${host}:${bound}`))
      })
    ).pipe(Layer.provideMerge(serveFake({ port, host, seed })))
  )
}

main(process.argv.slice(2)).pipe(NodeRuntime.runMain)
