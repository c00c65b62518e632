// Type-checked by `npm run check:consumer` in a strict project with skipLibCheck off, against the packed package.
import { Effect, Layer, Redacted, Schema } from "effect"
import {
  type Channel,
  File,
  kickMember,
  type MemberRef,
  Member,
  Permission,
  Server,
  StoatClient,
  StoatConfig,
  User
} from "effect-stoat"
import { serveFake, stoatNodeLayer, StoatNodeLive } from "effect-stoat/node"
import { demoSeed, StoatFake, StoatFakeSeed } from "effect-stoat/testing"

/** `true` when `T` has a string index signature, which would swallow every misspelt wire key. */
type HasStringIndex<T> = string extends keyof T ? true : false

export const namedWireKeys: [
  HasStringIndex<Schema.Schema.Encoded<typeof File>>,
  HasStringIndex<Schema.Schema.Encoded<typeof Member>>,
  HasStringIndex<Schema.Schema.Encoded<typeof User>>,
  HasStringIndex<Schema.Schema.Encoded<typeof Server>>
] = [false, false, false, false]

export const fileWire: Schema.Schema.Encoded<typeof File> = {
  _id: "01HZ8Y3Q4R5S6T7V8W9X0YZA1B",
  tag: "attachments",
  filename: "cat.png",
  metadata: { type: "Image", width: 2, height: 1 },
  content_type: "image/png",
  size: 10,
  message_id: null
}

export const channelType = (channel: Channel): string => channel._tag

/** Every way a kick can fail, matched by name: the compiler proves the list complete. */
export const kick = (member: MemberRef): Effect.Effect<string, never, StoatClient> =>
  kickMember(member).pipe(
    Effect.as("kicked"),
    Effect.catchTags({
      CannotRemoveYourself: (error) => Effect.succeed(error.message),
      InvalidOperation: (error) => Effect.succeed(error.message),
      InvalidSession: (error) => Effect.succeed(error.message),
      NotElevated: (error) => Effect.succeed(error.message),
      MissingPermission: (error) => Effect.succeed(`missing ${error.permission}`),
      NotFound: (error) => Effect.succeed(error.message),
      DatabaseError: (error) => Effect.succeed(error.message),
      FailedValidation: (error) => Effect.succeed(error.error),
      TransportError: (error) => Effect.succeed(error.message),
      RateLimited: (error) => Effect.succeed(error.message),
      UnexpectedResponse: (error) => Effect.succeed(`HTTP ${error.status}`)
    })
  )

const seed = StoatFakeSeed.make()
  .user("owner")
  .bot("guard", { owner: "owner" })
  .server("home", { owner: "owner", roles: { bots: { rank: 1, allow: Permission.KickMembers } } })
  .member("home", "guard", { roles: ["bots"] })

export const inProcess: Layer.Layer<StoatClient | StoatFake, unknown> = StoatClient.layer.pipe(
  Layer.provideMerge(StoatFake.layer(seed)),
  Layer.provide(StoatConfig.layer({ token: Redacted.make(seed.token("guard")) }))
)

export const layers = [stoatNodeLayer({ token: Redacted.make("t"), baseUrl: "http://127.0.0.1:1" }), StoatNodeLive] as const
export const served = serveFake({ port: 0, seed: demoSeed })
