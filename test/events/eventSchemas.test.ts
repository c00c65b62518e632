import { assert, describe, it } from "@effect/vitest"
import { Effect, Option, Schema } from "effect"
import { decodeFrame, StoatEvent } from "effect-stoat"

const U_BOB = "01HZZZZZZZZZZZZZZZZZZZZZB0"
const U_ME = "01HZZZZZZZZZZZZZZZZZZZZZM0"
const U_C = "01HZZZZZZZZZZZZZZZZZZZZZC0"
const S1 = "01HZZZZZZZZZZZZZZZZZZZZZS1"
const C1 = "01HZZZZZZZZZZZZZZZZZZZZZC1"

// The example frames of the reference (stoat-events.md §4.4), one per line.
const frames = [
  { type: "Authenticated" },
  {
    type: "Ready",
    users: [
      { _id: U_BOB, username: "bob", discriminator: "1234", relationship: "Friend", online: true },
      { _id: U_ME, username: "alice", discriminator: "0001", relations: [{ _id: U_BOB, status: "Friend" }], relationship: "User", online: true }
    ],
    servers: [{ _id: S1, owner: U_ME, name: "Srv", channels: [C1], default_permissions: 0, approximate_member_count: 2 }],
    channels: [{ channel_type: "TextChannel", _id: C1, server: S1, name: "general" }],
    members: [{ _id: { server: S1, user: U_ME }, joined_at: "2025-01-01T00:00:00.000Z" }],
    emojis: [],
    voice_states: [],
    policy_changes: []
  },
  { type: "ServerMemberJoin", id: S1, user: U_C, member: { _id: { server: S1, user: U_C }, joined_at: "2025-01-02T10:00:00.123Z" } },
  { type: "ServerMemberUpdate", id: { server: S1, user: U_C }, data: { nickname: "Cee", roles: ["R1"] }, clear: ["Avatar"] },
  { type: "ServerMemberLeave", id: S1, user: U_C, reason: "Kick" },
  { type: "UserUpdate", id: U_BOB, data: { online: false }, clear: [], event_id: null },
  { type: "ChannelStartTyping", id: C1, user: U_BOB },
  {
    type: "Message",
    _id: "01HZZZZZZZZZZZZZZZZZZZZZM1",
    nonce: "01J",
    channel: C1,
    author: U_BOB,
    user: { _id: U_BOB, username: "bob", discriminator: "1234", relationship: "Friend", online: true },
    member: { _id: { server: S1, user: U_BOB }, joined_at: "2025-01-01T00:00:00.000Z" },
    content: "hi"
  },
  {
    type: "VoiceChannelJoin",
    id: C1,
    state: { id: U_BOB, joined_at: "2025-01-01T00:00:00.000Z", is_receiving: true, is_publishing: false, screensharing: false, camera: false }
  },
  { type: "Pong", data: 1735689600000 },
  { type: "Error", data: { type: "InvalidSession", location: "crates/core/database/src/models/users/model.rs:346:38" } }
]

const decodeAll = (frame: unknown) => decodeFrame(JSON.stringify(frame))

describe("event schemas", () => {
  it.effect("decode every example frame of the reference into its tagged class", () =>
    Effect.gen(function*() {
      const tags: Array<string> = []
      for (const frame of frames) tags.push(...(yield* decodeAll(frame)).map((event) => event._tag))
      assert.deepStrictEqual(tags, frames.map((frame) => frame.type))
    }))

  it.effect("round-trip: decode(encode(event)) equals the event", () =>
    Effect.gen(function*() {
      for (const frame of frames) {
        const [event] = yield* decodeAll(frame)
        assert.isDefined(event)
        if (event === undefined) continue
        const wire = yield* Schema.encode(StoatEvent)(event)
        const again = yield* Schema.decodeUnknown(StoatEvent)(wire)
        assert.deepStrictEqual(again, event)
      }
    }))

  it.effect("Bulk is opened in order, recursively; the original event last as sent", () =>
    Effect.gen(function*() {
      const events = yield* decodeAll({
        type: "Bulk",
        v: [
          { type: "ChannelDelete", id: C1 },
          { type: "Bulk", v: [{ type: "ChannelStopTyping", id: C1, user: U_BOB }] },
          { type: "ServerMemberUpdate", id: { server: S1, user: U_ME }, data: { roles: [] }, clear: [] }
        ]
      })
      assert.deepStrictEqual(events.map((event) => event._tag), ["ChannelDelete", "ChannelStopTyping", "ServerMemberUpdate"])
    }))

  it.effect("an unknown type keeps its payload; a malformed known one too; non-JSON gives nothing", () =>
    Effect.gen(function*() {
      const [unknown] = yield* decodeAll({ type: "Sparkles", x: 1 })
      assert.strictEqual(unknown?._tag, "UnknownEvent")
      if (unknown?._tag === "UnknownEvent") assert.deepStrictEqual(unknown.payload, { type: "Sparkles", x: 1 })
      const [broken] = yield* decodeAll({ type: "ServerMemberLeave", id: S1 })
      assert.strictEqual(broken?._tag, "UnknownEvent")
      assert.deepStrictEqual(yield* decodeFrame("not json"), [])
    }))

  it.effect("the fields are read from their wire keys", () =>
    Effect.gen(function*() {
      const [update] = yield* decodeAll(frames[3])
      const [user] = yield* decodeAll(frames[5])
      const [join] = yield* decodeAll(frames[2])
      assert.strictEqual(update?._tag, "ServerMemberUpdate")
      if (update?._tag === "ServerMemberUpdate") {
        assert.deepStrictEqual(update.data.nickname, Option.some("Cee"))
        assert.deepStrictEqual([...update.clear], ["Avatar"])
      }
      assert.strictEqual(user?._tag, "UserUpdate")
      if (user?._tag === "UserUpdate") assert.deepStrictEqual(user.data.online, Option.some(false))
      assert.strictEqual(join?._tag, "ServerMemberJoin")
      if (join?._tag === "ServerMemberJoin") assert.strictEqual(join.member.id.user, U_C)
    }))
})
