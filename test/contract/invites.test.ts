import { assert, describe, it } from "@effect/vitest"
import { Effect, Option } from "effect"
import {
  GroupChannel,
  GroupInvite,
  GroupPublicInvite,
  Invite,
  JoinedGroup,
  JoinedServer,
  JoinResult,
  PublicInvite,
  ServerInvite,
  ServerPublicInvite,
  User
} from "effect-stoat"
import { decodes } from "./decodes.js"
import { at, modes, ref, sampleOf, variantTags } from "./openapi.js"

const fileId = (file: Option.Option<{ readonly id: string }>) => Option.getOrUndefined(file)?.id

describe("contract: InviteResponse → PublicInvite", () => {
  for (const mode of modes) {
    it.effect(`Server variant (${mode} sample) → ServerPublicInvite`, () =>
      Effect.gen(function*() {
        const wire = sampleOf(ref("InviteResponse", { key: "type", tag: "Server" }), mode)
        const invite = yield* decodes(PublicInvite, wire)
        assert.instanceOf(invite, ServerPublicInvite)
        if (!(invite instanceof ServerPublicInvite)) return
        assert.strictEqual(invite._tag, "ServerPublicInvite")
        assert.strictEqual(invite.code, at(wire, "code"))
        assert.strictEqual(invite.serverId, at(wire, "server_id"))
        assert.strictEqual(invite.serverName, at(wire, "server_name"))
        assert.strictEqual(fileId(invite.serverIcon), at(wire, "server_icon", "_id"))
        assert.strictEqual(fileId(invite.serverBanner), at(wire, "server_banner", "_id"))
        assert.strictEqual(invite.serverFlags, at(wire, "server_flags") ?? 0)
        assert.strictEqual(invite.channelId, at(wire, "channel_id"))
        assert.strictEqual(invite.channelName, at(wire, "channel_name"))
        assert.strictEqual(Option.getOrUndefined(invite.channelDescription), at(wire, "channel_description"))
        assert.strictEqual(invite.userName, at(wire, "user_name"))
        assert.strictEqual(fileId(invite.userAvatar), at(wire, "user_avatar", "_id"))
        assert.strictEqual(invite.memberCount, at(wire, "member_count"))
      }))

    it.effect(`Group variant (${mode} sample) → GroupPublicInvite`, () =>
      Effect.gen(function*() {
        const wire = sampleOf(ref("InviteResponse", { key: "type", tag: "Group" }), mode)
        const invite = yield* decodes(PublicInvite, wire)
        assert.instanceOf(invite, GroupPublicInvite)
        if (!(invite instanceof GroupPublicInvite)) return
        assert.strictEqual(invite._tag, "GroupPublicInvite")
        assert.strictEqual(invite.code, at(wire, "code"))
        assert.strictEqual(invite.channelId, at(wire, "channel_id"))
        assert.strictEqual(invite.channelName, at(wire, "channel_name"))
        assert.strictEqual(Option.getOrUndefined(invite.channelDescription), at(wire, "channel_description"))
        assert.strictEqual(invite.userName, at(wire, "user_name"))
        assert.strictEqual(fileId(invite.userAvatar), at(wire, "user_avatar", "_id"))
      }))
  }

  it.effect("the spec has exactly the Server and Group variants", () =>
    Effect.sync(() => assert.deepStrictEqual(variantTags("InviteResponse", "type"), ["Server", "Group"])))
})

describe("contract: Invite → Invite", () => {
  for (const mode of modes) {
    it.effect(`Server variant (${mode} sample) → ServerInvite`, () =>
      Effect.gen(function*() {
        const wire = sampleOf(ref("Invite", { key: "type", tag: "Server" }), mode)
        const invite = yield* decodes(Invite, wire)
        assert.instanceOf(invite, ServerInvite)
        if (!(invite instanceof ServerInvite)) return
        assert.strictEqual(invite._tag, "ServerInvite")
        assert.strictEqual(invite.code, at(wire, "_id"))
        assert.strictEqual(invite.creatorId, at(wire, "creator"))
        assert.strictEqual(invite.serverId, at(wire, "server"))
        assert.strictEqual(invite.channelId, at(wire, "channel"))
      }))

    it.effect(`Group variant (${mode} sample) → GroupInvite`, () =>
      Effect.gen(function*() {
        const wire = sampleOf(ref("Invite", { key: "type", tag: "Group" }), mode)
        const invite = yield* decodes(Invite, wire)
        assert.instanceOf(invite, GroupInvite)
        if (!(invite instanceof GroupInvite)) return
        assert.strictEqual(invite._tag, "GroupInvite")
        assert.strictEqual(invite.code, at(wire, "_id"))
        assert.strictEqual(invite.creatorId, at(wire, "creator"))
        assert.strictEqual(invite.channelId, at(wire, "channel"))
      }))
  }

  it.effect("the spec has exactly the Server and Group variants", () =>
    Effect.sync(() => assert.deepStrictEqual(variantTags("Invite", "type"), ["Server", "Group"])))
})

describe("contract: InviteJoinResponse → JoinResult", () => {
  const channelTypes = variantTags("Channel", "channel_type").filter((tag) => typeof tag === "string")

  for (const mode of modes) {
    it.effect(`Server variant (${mode} sample) → JoinedServer`, () =>
      Effect.gen(function*() {
        const wire = sampleOf(ref("InviteJoinResponse", { key: "type", tag: "Server" }), mode)
        const joined = yield* decodes(JoinResult, wire)
        assert.instanceOf(joined, JoinedServer)
        if (!(joined instanceof JoinedServer)) return
        assert.strictEqual(joined._tag, "JoinedServer")
        assert.strictEqual(joined.server.id, at(wire, "server", "_id"))
        assert.strictEqual(joined.server.name, at(wire, "server", "name"))
        assert.strictEqual(joined.server.owner, at(wire, "server", "owner"))
        assert.strictEqual(joined.channels.length, 1)
        assert.strictEqual(joined.channels[0]?._tag, at(wire, "channels", 0, "channel_type"))
        assert.strictEqual(joined.channels[0]?.id, at(wire, "channels", 0, "_id"))
      }))

    it.effect(`Server variant (${mode} sample) with one channel of each spec variant`, () =>
      Effect.gen(function*() {
        const channels = channelTypes.map((tag) => sampleOf(ref("Channel", { key: "channel_type", tag }), mode))
        const wire = { ...sampleOf(ref("InviteJoinResponse", { key: "type", tag: "Server" }), mode), channels }
        const joined = yield* decodes(JoinResult, wire)
        assert.instanceOf(joined, JoinedServer)
        if (!(joined instanceof JoinedServer)) return
        assert.deepStrictEqual(joined.channels.map((channel) => channel._tag), channelTypes)
        assert.deepStrictEqual(joined.channels.map((channel) => channel.id), channels.map((channel) => at(channel, "_id")))
      }))

    // The spec types `channel` as any Channel and the sampler picks its first variant
    // (SavedMessages); the backend only sends the group here (see differences.test.ts).
    it.effect(`Group variant (${mode} sample, channel from the Group channel variant) → JoinedGroup`, () =>
      Effect.gen(function*() {
        const channel = sampleOf(ref("Channel", { key: "channel_type", tag: "Group" }), mode)
        const wire = { ...sampleOf(ref("InviteJoinResponse", { key: "type", tag: "Group" }), mode), channel }
        const joined = yield* decodes(JoinResult, wire)
        assert.instanceOf(joined, JoinedGroup)
        if (!(joined instanceof JoinedGroup)) return
        assert.strictEqual(joined._tag, "JoinedGroup")
        assert.instanceOf(joined.channel, GroupChannel)
        assert.strictEqual(joined.channel.id, at(channel, "_id"))
        assert.strictEqual(joined.channel.name, at(channel, "name"))
        assert.strictEqual(joined.channel.owner, at(channel, "owner"))
        assert.deepStrictEqual(joined.channel.recipients, at(channel, "recipients"))
        assert.strictEqual(joined.users.length, 1)
        assert.instanceOf(joined.users[0], User)
        assert.strictEqual(joined.users[0]?.id, at(wire, "users", 0, "_id"))
        assert.strictEqual(joined.users[0]?.username, at(wire, "users", 0, "username"))
      }))
  }

  it.effect("the spec has exactly the Server and Group variants", () =>
    Effect.sync(() => assert.deepStrictEqual(variantTags("InviteJoinResponse", "type"), ["Server", "Group"])))
})
