import { assert, describe, it } from "@effect/vitest"
import { Effect, HashMap, Option } from "effect"
import { joinCall } from "effect-stoat"
import { makeUlid } from "../../src/schema/Ids.js"
import { StoatFake, StoatFakeSeed } from "effect-stoat/testing"
import { demoSeed, on, transports } from "./fakeHelpers.js"
import { assertCatcher, assertError, field, path, raw } from "./raw.js"

const Connect = 2 ** 30

/**
 * The demo instance (voice channel `lounge`, up to 10), plus: `erin`, a member, alone in the call
 * of `booth` (up to 1); `hall`, a voice channel without a limit; `unplugged`, where members may
 * not connect; the DMs `pals` (friends) and `stale` (not friends), and alice's saved messages.
 */
const seed = demoSeed
  .user("erin")
  .member("lovers", "erin")
  .channel("booth", { server: "lovers", voice: { maxUsers: 1 } })
  .channel("hall", { server: "lovers", voice: {} })
  .channel("unplugged", { server: "lovers", voice: {}, defaultPermissions: { allow: 0, deny: Connect } })
  .dm("pals", "alice", "bob")
  .dm("stale", "alice", "erin")
  .savedMessages("notes", "alice")
  .inVoice("erin", "booth")

const id = (handle: string) => seed.id(handle)
const ghost = makeUlid(Date.UTC(2025, 0, 1), 4242n)
const join = (channel: string, body: unknown, as = "bob") =>
  raw("POST", path("channels", channel === ghost ? ghost : id(channel), "join_call"), { as, body })
const fake = <A, E>(effect: Effect.Effect<A, E, StoatFake>) => Effect.provide(effect, StoatFake.layer(seed))
const voiceOf = (handle: string) =>
  Effect.map(Effect.flatten(Effect.map(StoatFake, (fake) => fake.state)), (state) => Option.getOrUndefined(HashMap.get(state.voice, id(handle))))

describe("the fake: POST /channels/{id}/join_call", () => {
  it.effect("a LiveKit token and the node's URL; the caller is then in the call, which runs on that node", () =>
    fake(Effect.gen(function*() {
      const answer = yield* join("lounge", { node: "worldwide" })
      assert.strictEqual(answer.status, 200)
      assert.strictEqual(field(answer.json, "url"), "wss://worldwide.livekit.fake.stoat")
      const token = String(field(answer.json, "token"))
      const claims: unknown = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString())
      assert.strictEqual(field(claims, "sub"), id("bob"))
      assert.deepInclude(field(claims, "video"), { room: id("lounge") })
      assert.strictEqual(yield* voiceOf("bob"), id("lounge"))
      // The call now has a node: later joiners need not name one.
      assert.strictEqual((yield* join("lounge", {}, "alice")).status, 200)
    })))

  it.effect("DMs between friends and groups carry voice; a DM between non-friends does not allow Connect", () =>
    fake(Effect.gen(function*() {
      assert.strictEqual((yield* join("pals", { node: "worldwide" }, "alice")).status, 200)
      assert.strictEqual((yield* join("friends", { node: "worldwide" }, "bob")).status, 200)
      assertError(yield* join("stale", { node: "worldwide" }, "erin"), 403, "MissingPermission", { permission: "Connect" })
    })))

  it.effect("LiveKitUnavailable comes first when the instance has no voice", () => {
    const silent = StoatFakeSeed.make({ voice: false }).user("a").bot("b", { owner: "a" })
    return Effect.gen(function*() {
      const answer = yield* raw("POST", path("channels", ghost, "join_call"), { as: "b", body: { force_disconnect: true } })
      assertError(answer, 400, "LiveKitUnavailable")
    }).pipe(Effect.provide(StoatFake.layer(silent)))
  })

  it.effect("then IsBot (a bot forcing a disconnect), NotFound, NotAVoiceChannel, Connect, CannotJoinCall, UnknownNode", () =>
    fake(Effect.gen(function*() {
      assertError(yield* join(ghost, { force_disconnect: true }, "modbot"), 400, "IsBot")
      assertError(yield* join(ghost, { force_disconnect: false }, "modbot"), 404, "NotFound")
      assertError(yield* join("general", {}), 400, "NotAVoiceChannel")
      assertError(yield* join("notes", {}, "alice"), 400, "NotAVoiceChannel")
      assertError(yield* join("lounge", {}, "carol"), 403, "MissingPermission", { permission: "Connect" })
      assertError(yield* join("unplugged", {}), 403, "MissingPermission", { permission: "Connect" })
      assertError(yield* join("booth", {}), 400, "CannotJoinCall")
      assertError(yield* join("hall", {}), 400, "UnknownNode")
      assertError(yield* join("hall", { node: "mars" }), 400, "UnknownNode")
    })))

  it.effect("a full call takes whoever may manage the channel; the call's node is used", () =>
    fake(Effect.gen(function*() {
      assert.strictEqual((yield* join("booth", { node: "mars" }, "owner")).status, 200)
    })))

  it.effect("AlreadyConnected: a user in any call, a bot in this one; force_disconnect moves the user", () =>
    fake(Effect.gen(function*() {
      assertError(yield* join("hall", { node: "worldwide" }, "erin"), 400, "AlreadyConnected")
      assert.strictEqual((yield* join("hall", { node: "worldwide", force_disconnect: true }, "erin")).status, 200)
      assert.strictEqual(yield* voiceOf("erin"), id("hall"))
      assert.strictEqual((yield* join("lounge", { node: "worldwide" }, "modbot")).status, 200)
      assertError(yield* join("lounge", {}, "modbot"), 400, "AlreadyConnected")
    })))

  it.effect("the body is required (`{}` will do) and read as serde does", () =>
    fake(Effect.gen(function*() {
      assertCatcher(yield* raw("POST", path("channels", id("lounge"), "join_call"), { as: "bob" }), 400)
      assertCatcher(yield* join("lounge", { node: 5 }), 422)
      assertCatcher(yield* join("lounge", { recipients: "everyone" }), 422)
      assert.strictEqual((yield* join("lounge", { node: "worldwide", recipients: [id("alice")], force_disconnect: null })).status, 200)
    })))
})

for (const transport of transports) {
  const { as } = on(transport)

  describe(`the fake (${transport}): joinCall`, () => {
    it.effect("credentials for a voice channel; NotAVoiceChannel for a text one", () =>
      Effect.gen(function*() {
        const credentials = yield* joinCall(id("lounge"), { node: "worldwide" })
        assert.strictEqual(credentials.url, "wss://worldwide.livekit.fake.stoat")
        assert.strictEqual((yield* Effect.flip(joinCall(id("general"))))._tag, "NotAVoiceChannel")
        assert.strictEqual((yield* Effect.flip(joinCall(id("hall"))))._tag, "UnknownNode")
        assert.strictEqual((yield* Effect.flip(joinCall(id("hall"), { node: "worldwide" })))._tag, "AlreadyConnected")
      }).pipe(as("bob", seed)))
  })
}
