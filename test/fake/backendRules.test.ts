import { assert, describe, it } from "@effect/vitest"
import { Duration, Effect, Option, TestClock } from "effect"
import { defaultRateLimits, StoatFake, StoatFakeSeed } from "effect-stoat/testing"
import { on, send, transports } from "./fakeHelpers.js"
import { assertCatcher, assertError, field, path } from "./raw.js"

/**
 * Rules read from the backend's source (stoatchat/stoatchat at HEAD 99b3ea14) where the fake used
 * to differ, each over both transports and through the raw wire.
 */

const ManageServer = 2 ** 1
const KickMembers = 2 ** 6
const BanMembers = 2 ** 7
const SendMessage = 2 ** 22

/** A small instance with room in its rate limits for many requests per test. */
const seed = StoatFakeSeed.make({ rateLimits: { ...defaultRateLimits, servers: 1000, channels: 1000, any: 1000 } })
  .user("owner")
  .user("alice")
  .user("bob")
  .user("carol")
  .user("staff", { privileged: true })
  .user("dave")
  .bot("modbot", { owner: "owner" })
  .bot("helper", { owner: "owner" })
  .server("lovers", {
    owner: "owner",
    roles: {
      mod: { rank: 1, allow: ManageServer + KickMembers + BanMembers, hoist: true },
      speaker: { rank: 3, allow: SendMessage },
      member: { rank: 5 }
    }
  })
  .channel("general", { server: "lovers" })
  .channel("stage", { server: "lovers", defaultPermissions: { allow: 0, deny: SendMessage } })
  .systemMessages("lovers", { userBanned: "general", userKicked: "general" })
  .member("lovers", "alice", { roles: ["mod"] })
  .member("lovers", "bob", { roles: ["member"] })
  .member("lovers", "carol", { roles: ["speaker"] })
  .member("lovers", "modbot")
  .member("lovers", "helper")
  .ban("lovers", "mallory-id")
  .invite("aB3dE5fG", { channel: "general", creator: "alice" })
  .message("spam", { channel: "general", author: "bob", content: "buy now" })
  .server("empty", { owner: "owner" })

/** carol asked bob to be friends and they share a server; carol owns a bot that shares nothing with her. */
const people = StoatFakeSeed.make()
  .user("carol")
  .user("bob")
  .bot("lonebot", { owner: "carol" })
  .server("club", { owner: "bob" })
  .member("club", "carol")
  .friendRequest("carol", "bob")

/** Two requests per server per 10 s, two bots and a user. */
const limited = StoatFakeSeed.make({ rateLimits: { ...defaultRateLimits, servers: 2 } })
  .user("owner")
  .user("alice")
  .bot("modbot", { owner: "owner" })
  .bot("helper", { owner: "owner" })
  .server("lovers", { owner: "owner" })
  .member("lovers", "alice")
  .member("lovers", "modbot")
  .member("lovers", "helper")

const id = (handle: string) => seed.id(handle)
const server = path("servers", id("lovers"))
const memberPath = (handle: string) => path("servers", id("lovers"), "members", id(handle))
const banPath = (target: string) => path("servers", id("lovers"), "bans", target)

for (const transport of transports) {
  const { scenario } = on(transport)
  const run = <A, E>(body: Parameters<typeof scenario<A, E>>[1]) => scenario(seed, body)

  describe(`the fake (${transport}): X-Audit-Log-Reason`, () => {
    it.effect("over 512 bytes is Rocket's bare 400 on every route that reads it; 512 bytes pass", () =>
      run(() =>
        Effect.gen(function*() {
          const long = { "x-audit-log-reason": "x".repeat(513) }
          const fits = { "x-audit-log-reason": "x".repeat(512) }
          const routes = [
            ["POST", path("channels", id("general"), "invites"), "alice", undefined],
            ["DELETE", path("invites", "aB3dE5fG"), "alice", undefined],
            ["PATCH", memberPath("bob"), "owner", { nickname: "B" }],
            ["DELETE", memberPath("bob"), "alice", undefined],
            ["PUT", banPath(id("bob")), "alice", {}],
            ["DELETE", banPath("mallory-id"), "alice", undefined]
          ] as const
          for (const [method, route, as, body] of routes) {
            assertCatcher(yield* send(seed, method, route, { as, body, headers: long }), 400)
          }
          const fake = yield* StoatFake
          assert.isTrue(yield* fake.isMember(id("lovers"), id("bob")))
          assert.isTrue(yield* fake.isBanned(id("lovers"), "mallory-id"))
          for (const [method, route, as, body] of routes) {
            assert.isBelow((yield* send(seed, method, route, { as, body, headers: fits })).status, 300, `${method} ${route}`)
          }
        })))
  })

  describe(`the fake (${transport}): bans`, () => {
    it.effect("banning a non-member posts no \"user banned\" message; banning a member does", () =>
      run(() =>
        Effect.gen(function*() {
          const fake = yield* StoatFake
          const system = Effect.map(fake.messages(id("general")), (messages) => messages.flatMap((message) => Option.toArray(message.system)))
          assert.strictEqual((yield* send(seed, "PUT", banPath("01J0000000000000000000GHST"), { as: "alice", body: {} })).status, 200)
          assert.deepStrictEqual(yield* system, [])
          assert.strictEqual((yield* send(seed, "PUT", banPath(id("bob")), { as: "alice", body: {} })).status, 200)
          const [banned] = yield* system
          assert.strictEqual(banned?._tag, "SystemUserBanned")
          if (banned?._tag === "SystemUserBanned") assert.strictEqual(banned.id, id("bob"))
        })))

    it.effect("delete_message_seconds is an integer: 1.5 and 1.0 are a 422, -1 is FailedValidation", () =>
      run(() =>
        Effect.gen(function*() {
          assertCatcher(yield* send(seed, "PUT", banPath(id("bob")), { as: "alice", body: { delete_message_seconds: 1.5 } }), 422)
          assertCatcher(yield* send(seed, "PUT", banPath(id("bob")), { as: "alice", rawBody: "{\"delete_message_seconds\": 1.0}" }), 422)
          assertError(yield* send(seed, "PUT", banPath(id("bob")), { as: "alice", body: { delete_message_seconds: -1 } }), 400, "FailedValidation")
          const fake = yield* StoatFake
          assert.isTrue(yield* fake.isMember(id("lovers"), id("bob")))
        })))

    it.effect("re-banning with seconds deletes the messages, then fails on the duplicate key", () =>
      run(() =>
        Effect.gen(function*() {
          const fake = yield* StoatFake
          assert.strictEqual((yield* send(seed, "PUT", banPath(id("bob")), { as: "alice", body: {} })).status, 200)
          const authors = Effect.map(fake.messages(id("general")), (messages) => messages.map((message) => message.author))
          assert.include(yield* authors, id("bob"))
          assertError(yield* send(seed, "PUT", banPath(id("bob")), { as: "alice", body: { delete_message_seconds: 604800 } }), 500, "DatabaseError", {
            operation: "insert_one",
            collection: "server_bans"
          })
          assert.notInclude(yield* authors, id("bob"))
        })))
  })

  describe(`the fake (${transport}): server and role JSON`, () => {
    it.effect("approximate_member_count counts the members; empty roles and hoist: false are left out", () =>
      run(() =>
        Effect.gen(function*() {
          const lovers = yield* send(seed, "GET", server, { as: "alice" })
          assert.strictEqual(field(lovers.json, "approximate_member_count"), 6)
          const roles = field(lovers.json, "roles")
          assert.strictEqual(field(field(roles, id("mod")), "hoist"), true)
          assert.notProperty(field(roles, id("member")), "hoist")
          assert.strictEqual((yield* send(seed, "POST", path("invites", "aB3dE5fG"), { as: "staff" })).status, 200)
          assert.strictEqual(field((yield* send(seed, "GET", server, { as: "alice" })).json, "approximate_member_count"), 7)
          const empty = yield* send(seed, "GET", path("servers", id("empty")), { as: "owner" })
          assert.notProperty(empty.json, "roles")
          assert.strictEqual(field(empty.json, "approximate_member_count"), 1)
        })))
  })

  describe(`the fake (${transport}): member routes`, () => {
    it.effect("a privileged user who is not a member gets NotFound from the server and member reads", () =>
      run(() =>
        Effect.gen(function*() {
          for (const route of [server, path("servers", id("lovers"), "members"), memberPath("bob")]) {
            assertError(yield* send(seed, "GET", route, { as: "staff" }), 404, "NotFound")
          }
          // Their permissions are still everything: they may kick.
          assert.strictEqual((yield* send(seed, "DELETE", memberPath("bob"), { as: "staff" })).status, 204)
        })))

    it.effect("a query value that does not parse counts as absent (Rocket 0.5's Option<T> turns the error into None)", () =>
      run(() =>
        Effect.gen(function*() {
          const plain = yield* send(seed, "GET", memberPath("alice"), { as: "bob", query: { roles: "1" } })
          assert.strictEqual(plain.status, 200)
          assert.deepStrictEqual(field(plain.json, "roles"), [id("mod")])
          const withRoles = yield* send(seed, "GET", memberPath("alice"), { as: "bob", query: { roles: "TRUE" } })
          assert.deepStrictEqual(Object.keys(field(withRoles.json, "roles") ?? {}), [id("mod")])
          assert.isDefined(field(withRoles.json, "member"))
        })))

    it.effect("member edit: every avatar id is looked up (NotFound), set-and-remove is a DatabaseError, remove: null a 422", () =>
      run(() =>
        Effect.gen(function*() {
          assertError(yield* send(seed, "PATCH", memberPath("bob"), { as: "bob", body: { avatar: "a".repeat(300) } }), 404, "NotFound")
          assertError(
            yield* send(seed, "PATCH", memberPath("bob"), { as: "owner", body: { nickname: "B", remove: ["Nickname"] } }),
            500,
            "DatabaseError",
            { operation: "update_one", collection: "server_members" }
          )
          assertCatcher(yield* send(seed, "PATCH", memberPath("bob"), { as: "owner", body: { remove: null } }), 422)
          const fake = yield* StoatFake
          const state = yield* fake.state
          const bob = state.members.pipe((members) => [...members].find(([key]) => key.endsWith(id("bob")))?.[1])
          assert.isTrue(bob !== undefined && Option.isNone(bob.nickname))
        })))

    it.effect("remove: [\"JoinedAt\"] unsets joined_at in the database: the answer still has it, later reads fail", () =>
      run(() =>
        Effect.gen(function*() {
          const edited = yield* send(seed, "PATCH", memberPath("bob"), { as: "owner", body: { remove: ["JoinedAt"] } })
          assert.strictEqual(edited.status, 200)
          assert.isString(field(edited.json, "joined_at"))
          assertError(yield* send(seed, "GET", memberPath("bob"), { as: "alice" }), 500, "DatabaseError", {
            operation: "find_one",
            collection: "server_members"
          })
        })))
  })

  describe(`the fake (${transport}): channels`, () => {
    it.effect("GET /channels/{id}: a channel one can view; MissingPermission otherwise; NotFound for an unknown id", () =>
      run(() =>
        Effect.gen(function*() {
          const general = yield* send(seed, "GET", path("channels", id("general")), { as: "bob" })
          assert.strictEqual(general.status, 200)
          assert.deepInclude(general.json, { channel_type: "TextChannel", _id: id("general"), server: id("lovers"), name: "general" })
          assert.strictEqual((yield* send(seed, "GET", path("channels", id("general")), { as: "staff" })).status, 200)
          assertError(yield* send(seed, "GET", path("channels", id("general")), { as: "dave" }), 403, "MissingPermission", {
            permission: "ViewChannel"
          })
          assertError(yield* send(seed, "GET", path("channels", "01J0000000000000000000GHST"), { as: "bob" }), 404, "NotFound")
        })))

    it.effect("a channel's default permissions come before the role overrides (HEAD since 9ab2ae92; v0.15.1 applied them after)", () =>
      run(() =>
        Effect.gen(function*() {
          // stage denies SendMessage by default; carol's role allows it, and the role wins at HEAD.
          const message = (as: string) => send(seed, "POST", path("channels", id("stage"), "messages"), { as, body: { content: "hi" } })
          assert.strictEqual((yield* message("carol")).status, 200)
          assertError(yield* message("bob"), 403, "MissingPermission", { permission: "SendMessage" })
        })))
  })

  describe(`the fake (${transport}): user permissions`, () => {
    it.effect("a pending friend request with a shared server still shows the profile; a bot's owner gets nothing without a mutual", () =>
      scenario(people, () =>
        Effect.gen(function*() {
          const profile = yield* send(people, "GET", path("users", people.id("bob"), "profile"), { as: "carol" })
          assert.strictEqual(profile.status, 200)
          assertError(yield* send(people, "GET", path("users", people.id("bob"), "dm"), { as: "carol" }), 403, "MissingPermission", {
            permission: "SendMessage"
          })
          assertError(yield* send(people, "GET", path("users", people.id("lonebot")), { as: "carol" }), 403, "MissingPermission", {
            permission: "Access"
          })
        })))
  })

  describe(`the fake (${transport}): the rate limiter's identifier`, () => {
    it.effect("bot tokens are counted by the client's address, so bots behind one address share buckets; a session has its own", () =>
      scenario(limited, () =>
        Effect.gen(function*() {
          const members = (as: string) => send(limited, "GET", path("servers", limited.id("lovers"), "members"), { as })
          assert.strictEqual((yield* members("modbot")).status, 200)
          assert.strictEqual((yield* members("helper")).status, 200)
          const third = yield* members("modbot")
          assert.strictEqual(third.status, 429)
          assert.isNumber(field(third.json, "retry_after"))
          assert.strictEqual((yield* members("alice")).status, 200)
        })))
  })
}

describe("the fake: the rate limiter's window", () => {
  it.effect("the old window still counts at its reset instant (the backend renews it once now > reset)", () =>
    Effect.gen(function*() {
      const fake = yield* StoatFake
      const members = send(limited, "GET", path("servers", limited.id("lovers"), "members"), { as: "alice" })
      yield* members
      yield* members
      yield* TestClock.adjust(Duration.seconds(10))
      const atReset = yield* members
      assert.strictEqual(atReset.status, 429)
      assert.deepStrictEqual(atReset.json, { retry_after: 0 })
      yield* TestClock.adjust(Duration.millis(1))
      assert.strictEqual((yield* members).status, 200)
      assert.lengthOf(yield* fake.requests, 4)
    }).pipe((effect) => on("in process").scenario(limited, () => effect)))
})
