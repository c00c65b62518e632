import { assert, describe, it } from "@effect/vitest"
import { Effect, Option } from "effect"
import {
  Channel,
  File,
  ImageMetadata,
  JoinResult,
  Member,
  PublicInvite,
  Role,
  RoleId,
  Server,
  ServerPublicInvite,
  TextChannel,
  UnknownChannelType,
  User
} from "effect-stoat"
import { decodes } from "./decodes.js"
import { component, mentions, ref, sampleOf, spec, type SpecSchema, variantTags } from "./openapi.js"

/** One place where the 0.8.9 spec and the backend (reference/stoat-api.md) differ. */
interface Difference {
  /** Where, what the backend does, and what our schema does about it. */
  readonly name: string
  /** Holds while the spec still says what the entry claims, so the list cannot go stale silently. */
  readonly specSays: () => boolean
  /** Proves how our schema treats it (fails with what was decoded when a rejection was expected). */
  readonly ours: () => Effect.Effect<void, unknown>
}

const variant = (name: string, key: string, tag: string): SpecSchema => {
  const found = component(name).oneOf?.[variantTags(name, key).indexOf(tag)]
  if (found === undefined) throw new Error(`${name} has no variant ${key}=${tag}`)
  return found
}
const declares = (schema: SpecSchema, property: string) => schema.properties?.[property] !== undefined
const requires = (schema: SpecSchema, property: string) => schema.required?.includes(property) ?? false
const stringTags = (name: string) => (component(name).oneOf ?? []).map((choice) => choice.enum?.[0])

const roleKey = RoleId.make("01HZ8Y3Q4R5S6T7V8W9X0YROLE")
const icon = sampleOf(ref("File"), "required")
const withRole = (role: object) => ({ ...sampleOf(ref("Server"), "required"), roles: { [roleKey]: role } })
const imageFile = (extra: object) => ({
  ...sampleOf(ref("File"), "required"),
  metadata: { ...sampleOf(ref("Metadata", { key: "type", tag: "Image" }), "full"), ...extra }
})
const textChannel = (extra: object) => ({
  ...sampleOf(ref("Channel", { key: "channel_type", tag: "TextChannel" }), "required"),
  ...extra
})

/** Differences our response schemas (src/schema) meet. */
const differences: ReadonlyArray<Difference> = [
  // §5.2, §11.12: the backend sends `pronouns` when set; the spec's User has no such field.
  {
    name: "User.pronouns: absent from the spec, sent when set → Option, Some when sent",
    specSays: () => !declares(component("User"), "pronouns"),
    ours: () =>
      Effect.gen(function*() {
        const user = yield* decodes(User, { ...sampleOf(ref("User"), "full"), pronouns: "she/her" })
        assert.deepStrictEqual(user.pronouns, Option.some("she/her"))
        assert.isTrue(Option.isNone((yield* decodes(User, sampleOf(ref("User"), "full"))).pronouns))
      })
  },
  // §5.3, §11.12: the same for members.
  {
    name: "Member.pronouns: absent from the spec, sent when set → Option, Some when sent",
    specSays: () => !declares(component("Member"), "pronouns"),
    ours: () =>
      Effect.gen(function*() {
        const member = yield* decodes(Member, { ...sampleOf(ref("Member"), "full"), pronouns: "they/them" })
        assert.deepStrictEqual(member.pronouns, Option.some("they/them"))
        assert.isTrue(Option.isNone((yield* decodes(Member, sampleOf(ref("Member"), "full"))).pronouns))
      })
  },
  // §5.4, §11.12: the backend writes `_id` into each role; the spec's Role has none, only the map key.
  {
    name: "Role._id: absent from the spec, sent by the backend → taken from the role, else from the map key",
    specSays: () => !declares(component("Role"), "_id"),
    ours: () =>
      Effect.gen(function*() {
        const role = sampleOf(ref("Role"), "full")
        const fromKey = (yield* decodes(Server, withRole(role))).roles[roleKey]
        assert.instanceOf(fromKey, Role)
        assert.strictEqual(fromKey?.id, roleKey)
        const sent = (yield* decodes(Server, withRole({ ...role, _id: roleKey }))).roles[roleKey]
        assert.strictEqual(sent?.id, roleKey)
        assert.strictEqual(sent?.name, fromKey?.name)
      })
  },
  // §5.4, §11.12: roles may have an icon; the spec's Role has none.
  {
    name: "Role.icon: absent from the spec, sent when set → Option of File",
    specSays: () => !declares(component("Role"), "icon"),
    ours: () =>
      Effect.gen(function*() {
        const server = yield* decodes(Server, withRole({ ...sampleOf(ref("Role"), "full"), icon }))
        assert.strictEqual(server.roles[roleKey]?.icon.pipe(Option.map((file) => file.id), Option.getOrUndefined), icon["_id"])
      })
  },
  // §5.4: the spec leaves `rank` optional (default 0); the backend always sends it. Lenient in what we
  // accept: a role without `rank` takes the spec's default rather than failing the whole Server.
  {
    name: "Role.rank: optional in the spec (default 0), always sent → a role without rank gets 0",
    specSays: () => !requires(component("Role"), "rank") && component("Role").properties?.["rank"]?.default === 0,
    ours: () =>
      Effect.gen(function*() {
        const role = (yield* decodes(Server, withRole(sampleOf(ref("Role"), "required")))).roles[roleKey]
        assert.strictEqual(role?.rank, 0)
        const ranked = (yield* decodes(Server, withRole({ ...sampleOf(ref("Role"), "required"), rank: 7 }))).roles[roleKey]
        assert.strictEqual(ranked?.rank, 7)
      })
  },
  // §5.6, §11.12: always sent by the backend, unknown to the spec.
  {
    name: "Server.approximate_member_count: absent from the spec, always sent → Option, Some when sent",
    specSays: () => !declares(component("Server"), "approximate_member_count"),
    ours: () =>
      Effect.gen(function*() {
        const server = yield* decodes(Server, { ...sampleOf(ref("Server"), "full"), approximate_member_count: 42 })
        assert.deepStrictEqual(server.approximateMemberCount, Option.some(42))
        assert.isTrue(Option.isNone((yield* decodes(Server, sampleOf(ref("Server"), "full"))).approximateMemberCount))
      })
  },
  // §5.5, §11.12: slow mode seconds on server channels; not in the spec.
  {
    name: "TextChannel.slowmode: absent from the spec, sent when set → Option, Some when sent",
    specSays: () => !declares(variant("Channel", "channel_type", "TextChannel"), "slowmode"),
    ours: () =>
      Effect.gen(function*() {
        const channel = yield* decodes(Channel, textChannel({ slowmode: 30 }))
        assert.instanceOf(channel, TextChannel)
        assert.deepStrictEqual(channel instanceof TextChannel ? channel.slowmode : undefined, Option.some(30))
      })
  },
  // §5.1, §11.12: the backend always writes `thumbhash` and `animated` on images, `null` when unknown.
  {
    name: "Metadata.Image thumbhash/animated: absent from the spec, always sent (maybe null) → Option, null is None",
    specSays: () =>
      !declares(variant("Metadata", "type", "Image"), "thumbhash") &&
      !declares(variant("Metadata", "type", "Image"), "animated"),
    ours: () =>
      Effect.gen(function*() {
        const unknown = (yield* decodes(File, imageFile({ thumbhash: null, animated: null }))).metadata
        assert.instanceOf(unknown, ImageMetadata)
        if (unknown instanceof ImageMetadata) {
          assert.isTrue(Option.isNone(unknown.thumbhash))
          assert.isTrue(Option.isNone(unknown.animated))
        }
        const known = (yield* decodes(File, imageFile({ thumbhash: [1, 2, 3], animated: true }))).metadata
        assert.instanceOf(known, ImageMetadata)
        if (known instanceof ImageMetadata) {
          assert.deepStrictEqual(known.thumbhash, Option.some([1, 2, 3]))
          assert.deepStrictEqual(known.animated, Option.some(true))
        }
      })
  },
  // §5.5: a voice channel is a TextChannel with `voice`; the spec agrees on the read side but still
  // offers the legacy `type: "Voice"` when creating a channel (LegacyServerChannelType).
  {
    name: "voice channels: a TextChannel with `voice` (legacy create type `Voice` in the spec) → TextChannel, voice Some",
    specSays: () =>
      stringTags("LegacyServerChannelType").includes("Voice") &&
      declares(variant("Channel", "channel_type", "TextChannel"), "voice"),
    ours: () =>
      Effect.gen(function*() {
        const channel = yield* decodes(Channel, textChannel({ voice: { max_users: 10 } }))
        assert.instanceOf(channel, TextChannel)
        const voice = channel instanceof TextChannel ? Option.getOrUndefined(channel.voice) : undefined
        assert.deepStrictEqual(voice?.maxUsers, Option.some(10))
      })
  },
  // §5.5: the backend no longer has a `VoiceChannel` channel type, and the 0.8.9 spec has already
  // dropped it too; an object with it (an older server) falls to our unknown variant, kept whole.
  {
    name: "channel_type VoiceChannel: in neither the spec nor the backend any more → UnknownChannelType, payload kept",
    specSays: () => !variantTags("Channel", "channel_type").includes("VoiceChannel"),
    ours: () =>
      Effect.gen(function*() {
        const wire = { channel_type: "VoiceChannel", _id: "01HZ8Y3Q4R5S6T7V8W9X0YVOIC", server: "s", name: "Lounge" }
        const channel = yield* decodes(Channel, wire)
        assert.instanceOf(channel, UnknownChannelType)
        if (channel instanceof UnknownChannelType) {
          assert.strictEqual(channel.type, "VoiceChannel")
          assert.strictEqual(channel.id, wire._id)
          assert.deepStrictEqual(channel.payload, wire)
        }
      })
  },
  // §5.2: the spec lists the `Invisible` presence; the backend strips it from other users' status.
  // We keep it as a known value, so it decodes if it ever comes (your own status, a newer server).
  {
    name: "Presence Invisible: in the spec, stripped by the backend → a known value, decoded as is",
    specSays: () => stringTags("Presence").includes("Invisible"),
    ours: () =>
      Effect.gen(function*() {
        const user = yield* decodes(User, { ...sampleOf(ref("User"), "required"), status: { presence: "Invisible" } })
        assert.strictEqual(user.status.pipe(Option.flatMap((status) => status.presence), Option.getOrUndefined), "Invisible")
      })
  },
  // §5.2, §5.3, §11.13: these fields are omitted at their default; the spec marks them optional with no
  // default. Decoding applies the backend's defaults.
  {
    name: "fields omitted at their default (Member roles/can_publish/can_receive, User relations/badges/flags/"
      + "privileged) → defaults",
    specSays: () =>
      ["roles", "can_publish", "can_receive"].every((key) =>
        !requires(component("Member"), key) && component("Member").properties?.[key]?.default === undefined
      ) &&
      ["relations", "badges", "flags", "privileged"].every((key) =>
        !requires(component("User"), key) && component("User").properties?.[key]?.default === undefined
      ),
    ours: () =>
      Effect.gen(function*() {
        const member = yield* decodes(Member, sampleOf(ref("Member"), "required"))
        assert.deepStrictEqual([member.roles, member.canPublish, member.canReceive], [[], true, true])
        const muted = yield* decodes(Member, {
          ...sampleOf(ref("Member"), "required"),
          can_publish: false,
          can_receive: false
        })
        assert.deepStrictEqual([muted.canPublish, muted.canReceive], [false, false])
        const user = yield* decodes(User, sampleOf(ref("User"), "required"))
        assert.deepStrictEqual([user.relations, user.badges, user.flags, user.privileged], [[], 0, 0, false])
      })
  },
  // §6: `server_flags` is omitted when None; the spec makes it optional and nullable with no default.
  {
    name: "InviteResponse.Server server_flags: optional and nullable in the spec, omitted when none → 0",
    specSays: () => {
      const flags = variant("InviteResponse", "type", "Server").properties?.["server_flags"]
      return flags?.nullable === true && !requires(variant("InviteResponse", "type", "Server"), "server_flags")
    },
    ours: () =>
      Effect.gen(function*() {
        const wire = sampleOf(ref("InviteResponse", { key: "type", tag: "Server" }), "required")
        const absent = yield* decodes(PublicInvite, wire)
        const isNull = yield* decodes(PublicInvite, { ...wire, server_flags: null })
        for (const invite of [absent, isNull]) {
          assert.instanceOf(invite, ServerPublicInvite)
          assert.strictEqual(invite instanceof ServerPublicInvite ? invite.serverFlags : undefined, 0)
        }
      })
  },
  // §5: optional fields are `nullable` in the spec; the backend omits most of them when None. Both
  // shapes mean none.
  {
    name: "nullable optional fields (Member nickname/avatar/timeout, User display_name): absent or null → None",
    specSays: () =>
      ["nickname", "avatar", "timeout"].every((key) => component("Member").properties?.[key]?.nullable === true) &&
      component("User").properties?.["display_name"]?.nullable === true,
    ours: () =>
      Effect.gen(function*() {
        const nulls = { nickname: null, avatar: null, timeout: null }
        const member = yield* decodes(Member, { ...sampleOf(ref("Member"), "required"), ...nulls })
        assert.isTrue(Option.isNone(member.nickname) && Option.isNone(member.avatar) && Option.isNone(member.timeout))
        const user = yield* decodes(User, { ...sampleOf(ref("User"), "required"), display_name: null })
        assert.isTrue(Option.isNone(user.displayName))
      })
  },
  // §6, §10: the spec types the joined group's `channel` as any Channel (its sample is a SavedMessages
  // channel); the backend only ever sends the group. JoinedGroup requires a GroupChannel, so the raw
  // spec sample is rejected rather than read as a group.
  {
    name: "InviteJoinResponse.Group channel: whatever Channel in the spec, always the group → GroupChannel required",
    specSays: () =>
      variant("InviteJoinResponse", "type", "Group").properties?.["channel"]?.allOf?.[0]?.$ref === ref("Channel"),
    ours: () =>
      Effect.gen(function*() {
        const wire = sampleOf(ref("InviteJoinResponse", { key: "type", tag: "Group" }), "full")
        const error = yield* Effect.flip(decodes(JoinResult, wire))
        assert.include(error.message, "Expected \"Group\", actual \"SavedMessages\"")
      })
  }
]

/**
 * Differences outside src/schema: request bodies, headers and the error union. What we do about
 * them is proved by the operation and error tests; here the spec side only is checked.
 */
const outsideTheSchemas: ReadonlyArray<Omit<Difference, "ours">> = [
  // §11.12: the member edit body accepts `pronouns`.
  { name: "DataMemberEdit.pronouns: absent from the spec", specSays: () => !declares(component("DataMemberEdit"), "pronouns") },
  // §5.3: `remove` also takes Pronouns and VoiceChannel.
  {
    name: "FieldsMember Pronouns/VoiceChannel: absent from the spec",
    specSays: () => !["Pronouns", "VoiceChannel"].some((value) => component("FieldsMember").enum?.includes(value))
  },
  // §11.12: a ban can delete the user's recent messages.
  {
    name: "DataBanCreate.delete_message_seconds: absent from the spec",
    specSays: () => !declares(component("DataBanCreate"), "delete_message_seconds")
  },
  // §9, §11.12: `GET /` also reports limits and legal links.
  {
    name: "RevoltConfig features.limits and legal_links: absent from the spec",
    specSays: () => !declares(component("RevoltFeatures"), "limits") && !mentions("legal_links")
  },
  // §11.12: the audit log reason header.
  { name: "X-Audit-Log-Reason header: absent from the spec", specSays: () => !mentions("X-Audit-Log-Reason") },
  // §11.12: bots authenticate with X-Bot-Token.
  {
    name: "X-Bot-Token security scheme: absent from the spec",
    specSays: () =>
      !Object.values(spec.components.securitySchemes).some((scheme) => scheme.name?.toLowerCase() === "x-bot-token")
  },
  // §11.3: error types the backend sends that the spec's Error union lacks.
  {
    name: "Error union lacks InSlowmode, IsElevated, CannotDeleteMessage, CantCreateServers, OperationFailed, IncorrectData",
    specSays: () =>
      !["InSlowmode", "IsElevated", "CannotDeleteMessage", "CantCreateServers", "OperationFailed", "IncorrectData"].some(
        (type) => variantTags("Error", "type").includes(type)
      )
  },
  // §11.14: `GET /servers/{id}/members/{member}?roles=true` answers an untagged union.
  {
    name: "MemberResponse: an untagged anyOf (Member | {member, roles})",
    specSays: () => component("MemberResponse").anyOf?.length === 2 && component("MemberResponse").oneOf === undefined
  }
]

describe("contract: where the 0.8.9 spec and the backend differ", () => {
  it.effect("the spec is the 0.8.9 one these entries were written against", () =>
    Effect.sync(() => assert.strictEqual(spec.info.version, "0.8.9-3")))

  for (const difference of differences) {
    it.effect(`${difference.name} (the spec says so)`, () => Effect.sync(() => assert.isTrue(difference.specSays())))
    it.effect(difference.name, difference.ours)
  }

  for (const difference of outsideTheSchemas) {
    it.effect(`${difference.name} (the spec says so)`, () => Effect.sync(() => assert.isTrue(difference.specSays())))
  }
})
