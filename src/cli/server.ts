import { Args, Command } from "@effect/cli"
import { Effect, Option } from "effect"
import { fetchServer } from "../operations/servers.js"
import { Server } from "../schema/Server.js"
import { emit, table } from "./output.js"
import { withStoat } from "./root.js"

const serverLines = (server: Server): string => {
  const roles = Object.values(server.roles).sort((a, b) => a.rank - b.rank)
  return [
    table([
      ["server", server.name],
      ["id", server.id],
      ["owner", server.owner],
      ["members", Option.match(server.approximateMemberCount, { onNone: () => "?", onSome: String })],
      ["channels", server.channels.length === 0 ? "-" : server.channels.join(", ")]
    ]),
    roles.length === 0 ? "No roles." : table([["ROLE", "RANK", "ID"], ...roles.map((role) => [role.name, String(role.rank), role.id])])
  ].join("\n\n")
}

/** `server show`. */
export const serverCommand = Command.make("server").pipe(
  Command.withDescription("Look at a server."),
  Command.withSubcommands([
    Command.make("show", { server: Args.text({ name: "SERVER" }).pipe(Args.withDescription("The server id.")) }, ({ server }) =>
      Effect.flatMap(withStoat(fetchServer(server)), (found) => emit(Server, found, serverLines))).pipe(
        Command.withDescription("Show a server: name, owner, channels and roles.")
      )
  ])
)
