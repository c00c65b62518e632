import { Effect, ParseResult, Schema } from "effect"
import { StoatFakeSeed } from "../testing/fake/StoatFakeSeed.js"

const Handle = Schema.String.pipe(Schema.minLength(1))
const optional = <S extends Schema.Schema.Any>(schema: S) => Schema.optionalWith(schema, { exact: true })

const Settings = Schema.Struct({
  servers: optional(Schema.Int),
  newUserServers: optional(Schema.Int),
  newUserHours: optional(Schema.Number),
  groupSize: optional(Schema.Int),
  messageLength: optional(Schema.Int),
  attachments: optional(Schema.Int),
  voice: optional(Schema.Boolean),
  livekitNodes: optional(Schema.Array(Schema.String)),
  autumnUrl: optional(Schema.String),
  rateLimitWindowMillis: optional(Schema.Int.pipe(Schema.positive())),
  rateLimits: optional(Schema.Record({ key: Schema.String, value: Schema.Int.pipe(Schema.nonNegative()) }))
})

const UserFields = {
  handle: Handle,
  token: optional(Schema.String),
  displayName: optional(Schema.String),
  pronouns: optional(Schema.String),
  online: optional(Schema.Boolean),
  profile: optional(Schema.String)
}

const Role = Schema.Struct({
  name: optional(Schema.String),
  rank: Schema.Int,
  allow: optional(Schema.Number),
  deny: optional(Schema.Number),
  colour: optional(Schema.String),
  hoist: optional(Schema.Boolean)
})

const Permissions = Schema.Struct({ allow: Schema.Number, deny: Schema.Number })

/**
 * A fake instance written as JSON (`fake-server --seed FILE`). Every part is optional; things are named
 * by handles, and are added in this order, so a handle must be defined in an earlier part (or earlier
 * in the same list) before it is used: settings, users, bots, servers (their roles by handle),
 * channels, groups, members, bans, invites, messages, friends. Unknown keys are refused.
 */
export const SeedFile = Schema.Struct({
  settings: optional(Settings),
  users: optional(Schema.Array(Schema.Struct(UserFields))),
  bots: optional(Schema.Array(Schema.Struct({ ...UserFields, owner: Handle }))),
  servers: optional(Schema.Array(Schema.Struct({
    handle: Handle,
    owner: Handle,
    name: optional(Schema.String),
    defaultPermissions: optional(Schema.Number),
    discoverable: optional(Schema.Boolean),
    roles: optional(Schema.Record({ key: Schema.String, value: Role }))
  }))),
  channels: optional(Schema.Array(Schema.Struct({
    handle: Handle,
    server: Handle,
    name: optional(Schema.String),
    description: optional(Schema.String),
    voice: optional(Schema.Struct({ maxUsers: optional(Schema.Int) })),
    defaultPermissions: optional(Permissions),
    rolePermissions: optional(Schema.Record({ key: Schema.String, value: Permissions })),
    slowmode: optional(Schema.Int)
  }))),
  groups: optional(Schema.Array(Schema.Struct({
    handle: Handle,
    owner: Handle,
    members: Schema.Array(Handle),
    name: optional(Schema.String)
  }))),
  members: optional(Schema.Array(Schema.Struct({
    server: Handle,
    user: Handle,
    roles: optional(Schema.Array(Handle)),
    nickname: optional(Schema.String),
    timeout: optional(Schema.Number)
  }))),
  bans: optional(Schema.Array(Schema.Struct({ server: Handle, user: Handle, reason: optional(Schema.String) }))),
  invites: optional(Schema.Array(Schema.Struct({ code: Handle, channel: Handle, creator: Handle }))),
  messages: optional(Schema.Array(Schema.Struct({ handle: Handle, channel: Handle, author: Handle, content: Schema.String }))),
  friends: optional(Schema.Array(Schema.Tuple(Handle, Handle)))
})
/** What a seed file holds, decoded. */
export type SeedFile = typeof SeedFile.Type

/** Builds the seed a file describes with `StoatFakeSeed`'s builder; throws on a handle used before it is defined. */
const build = (file: SeedFile): StoatFakeSeed => {
  let seed = StoatFakeSeed.make(file.settings ?? {})
  for (const { handle, ...options } of file.users ?? []) seed = seed.user(handle, options)
  for (const { handle, ...options } of file.bots ?? []) seed = seed.bot(handle, options)
  for (const { handle, ...options } of file.servers ?? []) seed = seed.server(handle, options)
  for (const { handle, ...options } of file.channels ?? []) seed = seed.channel(handle, options)
  for (const { handle, ...options } of file.groups ?? []) seed = seed.group(handle, options)
  for (const { server, user, ...options } of file.members ?? []) seed = seed.member(server, user, options)
  for (const { server, user, reason } of file.bans ?? []) seed = seed.ban(server, user, reason)
  for (const { code, ...options } of file.invites ?? []) seed = seed.invite(code, options)
  for (const { handle, ...options } of file.messages ?? []) seed = seed.message(handle, options)
  for (const [a, b] of file.friends ?? []) seed = seed.friends(a, b)
  return seed
}

/** Reads a seed from the text of a JSON seed file; the error is one line saying what is wrong. */
export const parseSeedFile = (text: string): Effect.Effect<StoatFakeSeed, string> =>
  Schema.decodeUnknown(Schema.parseJson(SeedFile), { onExcessProperty: "error" })(text).pipe(
    Effect.mapError((error) => ParseResult.TreeFormatter.formatErrorSync(error).replace(/\s*\n\s*/g, " ")),
    Effect.flatMap((file) =>
      Effect.try({ try: () => build(file), catch: (error) => (error instanceof Error ? error.message : String(error)) })
    )
  )
