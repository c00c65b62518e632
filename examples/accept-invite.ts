import { NodeHttpClient, NodeRuntime } from "@effect/platform-node"
import { Console, Effect, Layer } from "effect"
import { acceptInvite, fetchInvite, StoatClient, StoatConfig } from "effect-stoat"

const join = (code: string) =>
  Effect.gen(function*() {
    const invite = yield* fetchInvite(code)
    if (invite._tag === "ServerPublicInvite") {
      yield* Console.log(`${invite.userName} invites you to ${invite.serverName} (${invite.memberCount} members)`)
    }
    const joined = yield* acceptInvite(invite)
    return joined._tag === "JoinedServer" ? `joined ${joined.server.name}` : `joined a ${joined._tag}`
  }).pipe(
    // Every way this can fail, and nothing else: remove a line and it stops compiling.
    Effect.catchTags({
      NotFound: () => Effect.succeed("no such invite"),
      FailedValidation: (error) => Effect.succeed(`not an invite code: ${error.error}`),
      IsBot: () => Effect.succeed("bots join servers through their owner, not invites"),
      InvalidSession: () => Effect.succeed("the token is not valid"),
      TooManyServers: (error) => Effect.succeed(`you are in too many servers (at most ${error.max})`),
      Banned: () => Effect.succeed("you are banned from that server"),
      AlreadyInServer: () => Effect.succeed("you are already a member"),
      GroupTooLarge: (error) => Effect.succeed(`the group is full (${error.max})`),
      AlreadyInGroup: () => Effect.succeed("you are already in that group"),
      DatabaseError: () => Effect.succeed("the server had a database problem, try again later"),
      InternalError: () => Effect.succeed("the server failed, try again later"),
      RateLimited: (error) => Effect.succeed(`rate limited: ${error.message}`),
      TransportError: (error) => Effect.succeed(`network: ${error.message}`),
      UnexpectedResponse: (error) => Effect.succeed(`unexpected answer: ${error.message}`)
    })
  )

// Config from STOAT_TOKEN / STOAT_TOKEN_KIND / STOAT_API_URL, the client, and Node's HTTP.
const StoatLive = StoatClient.layer.pipe(
  Layer.provide(StoatConfig.layerConfig),
  Layer.provide(NodeHttpClient.layerUndici)
)

join(process.argv[2] ?? "").pipe(Effect.flatMap(Console.log), Effect.provide(StoatLive), NodeRuntime.runMain)
