import { assert, describe, it } from "@effect/vitest"
import { Duration, Effect, HashMap, Option, TestClock } from "effect"
import { acknowledge, fetchMessage, history, search } from "effect-stoat"
import { makeUlid } from "../../src/schema/Ids.js"
import { StoatFake } from "effect-stoat/testing"
import { demoSeed, on, transports } from "./fakeHelpers.js"
import { assertCatcher, assertError, field, ids, items, path, raw } from "./raw.js"

const ViewChannel = 2 ** 20
const ReadMessageHistory = 2 ** 21

/**
 * The demo instance, plus: `erin`, a member; the channel `log` with seven messages m1..m7 (m2 and
 * m6 pinned); `staff`, hidden from members; `archive`, visible but without history; a DM between
 * alice and erin, who are not friends; a message in bob's group.
 */
const seed = demoSeed
  .user("erin")
  .member("lovers", "erin")
  .channel("log", { server: "lovers" })
  .channel("staff", { server: "lovers", defaultPermissions: { allow: 0, deny: ViewChannel } })
  .channel("archive", { server: "lovers", defaultPermissions: { allow: 0, deny: ReadMessageHistory } })
  .message("m1", { channel: "log", author: "alice", content: "stoats are lovely" })
  .message("m2", { channel: "log", author: "bob", content: "I agree" })
  .message("m3", { channel: "log", author: "alice", content: "stoats and weasels are lovely animals" })
  .message("m4", { channel: "log", author: "bob", content: "weasels?" })
  .message("m5", { channel: "log", author: "alice", content: "Stoats!" })
  .message("m6", { channel: "log", author: "bob", content: "ok" })
  .message("m7", { channel: "log", author: "alice", content: "bye" })
  .pinned("m2")
  .pinned("m6")
  .message("secret", { channel: "staff", author: "owner", content: "psst" })
  .dm("stale", "alice", "erin")
  .message("old", { channel: "stale", author: "erin", content: "from before" })
  .message("g1", { channel: "friends", author: "bob", content: "group hello" })

const id = (handle: string) => seed.id(handle)
const ghost = makeUlid(Date.UTC(2025, 0, 1), 4242n)
const messages = (channel: string, query: Record<string, string> = {}, as = "alice") =>
  raw("GET", path("channels", id(channel), "messages"), { as, query })
const find = (body: unknown, as = "alice", channel = id("log")) => raw("POST", path("channels", channel, "search"), { as, body })
const handles = (...names: ReadonlyArray<string>) => names.map(id)
/** Runs against a fake of `seed`, at a time after everything seeded. */
const fake = <A, E>(effect: Effect.Effect<A, E, StoatFake>) =>
  Effect.provide(Effect.zipRight(TestClock.setTime(Date.UTC(2025, 0, 1)), effect), StoatFake.layer(seed))

describe("the fake: GET /channels/{id}/messages", () => {
  it.effect("the latest 50 by default, each as the backend writes it (no user, no member, no defaults)", () =>
    fake(Effect.gen(function*() {
      const answer = yield* messages("log")
      assert.strictEqual(answer.status, 200)
      assert.deepStrictEqual(ids(answer.json), handles("m7", "m6", "m5", "m4", "m3", "m2", "m1"))
      assert.deepStrictEqual(items(answer.json)[6], { _id: id("m1"), channel: id("log"), author: id("alice"), content: "stoats are lovely" })
      assert.deepInclude(items(answer.json)[1], { pinned: true })
    })))

  it.effect("paging: limit, before, after, and sort", () =>
    fake(Effect.gen(function*() {
      assert.deepStrictEqual(ids((yield* messages("log", { limit: "3" })).json), handles("m7", "m6", "m5"))
      assert.deepStrictEqual(ids((yield* messages("log", { before: id("m5"), limit: "2" })).json), handles("m4", "m3"))
      assert.deepStrictEqual(ids((yield* messages("log", { after: id("m2"), sort: "Oldest", limit: "2" })).json), handles("m3", "m4"))
      // `after` with the default sort gives the newest messages after it, not the next ones.
      assert.deepStrictEqual(ids((yield* messages("log", { after: id("m2"), limit: "2" })).json), handles("m7", "m6"))
      assert.deepStrictEqual(ids((yield* messages("log", { after: id("m2"), before: id("m5"), sort: "oldest" })).json), handles("m3", "m4"))
    })))

  it.effect("nearby: two queries of limit/2 + 1 concatenated unsorted, newer ascending then older descending", () =>
    fake(Effect.gen(function*() {
      const around = yield* messages("log", { nearby: id("m4"), limit: "4", before: id("m2"), sort: "Oldest" })
      assert.deepStrictEqual(ids(around.json), handles("m4", "m5", "m6", "m3", "m2", "m1"))
      const all = yield* messages("log", { nearby: id("m4") })
      assert.deepStrictEqual(ids(all.json), handles("m4", "m5", "m6", "m7", "m3", "m2", "m1"))
    })))

  it.effect("include_users: messages, the users they name, and in a server the members", () =>
    fake(Effect.gen(function*() {
      const answer = yield* messages("log", { include_users: "true", limit: "2" }, "bob")
      assert.deepStrictEqual(ids(field(answer.json, "messages")), handles("m7", "m6"))
      const users = items(field(answer.json, "users"))
      assert.deepStrictEqual(users.map((user) => [field(user, "_id"), field(user, "relationship")]), [
        [id("alice"), "Friend"],
        [id("bob"), "User"]
      ])
      const members = items(field(answer.json, "members"))
      assert.deepStrictEqual(members.map((member) => field(field(member, "_id"), "user")), handles("alice", "bob"))
    })))

  it.effect("include_users outside a server has no members; system messages name their users", () =>
    fake(Effect.gen(function*() {
      assert.strictEqual((yield* raw("POST", path("invites", "Gh7jK9mN"), { as: "carol" })).status, 200)
      const answer = yield* raw("GET", path("channels", id("friends"), "messages"), { as: "bob", query: { include_users: "yes" } })
      assert.notProperty(answer.json, "members")
      const [joined] = items(field(answer.json, "messages"))
      assert.deepStrictEqual(field(joined, "system"), { type: "user_added", id: id("carol"), by: id("bob") })
      assert.sameMembers(items(field(answer.json, "users")).map((user) => field(user, "_id")), handles("bob", "carol"))
    })))

  it.effect("validation first (limit 1..100, ids of 26 characters), then Relevance refused, then NotFound, then ReadMessageHistory", () =>
    fake(Effect.gen(function*() {
      const unknown = (query: Record<string, string>) => raw("GET", path("channels", ghost, "messages"), { as: "alice", query })
      assertError(yield* unknown({ limit: "0", sort: "Relevance" }), 400, "FailedValidation")
      assertError(yield* messages("log", { limit: "101" }), 400, "FailedValidation")
      assertError(yield* messages("log", { before: "short" }), 400, "FailedValidation")
      assertError(yield* messages("log", { nearby: id("m1").slice(1) }), 400, "FailedValidation")
      assertError(yield* unknown({ sort: "relevance" }), 400, "InvalidOperation")
      assertError(yield* unknown({}), 404, "NotFound")
      assertError(yield* messages("archive", {}, "bob"), 403, "MissingPermission", { permission: "ReadMessageHistory" })
      assertError(yield* messages("staff", {}, "bob"), 403, "MissingPermission", { permission: "ReadMessageHistory" })
    })))

  it.effect("query values Rocket cannot parse count as absent (its Option fields never fail)", () =>
    fake(Effect.gen(function*() {
      assert.lengthOf(items((yield* messages("log", { limit: "many" })).json), 7)
      assert.isArray((yield* messages("log", { include_users: "1" })).json)
      assert.deepStrictEqual(ids((yield* messages("log", { sort: "sideways", limit: "1" })).json), handles("m7"))
    })))

  it.effect("the DM rule: a DM between non-friends stays readable", () =>
    fake(Effect.gen(function*() {
      assert.deepStrictEqual(ids((yield* messages("stale")).json), handles("old"))
    })))

  it.effect("without a token: Rocket's 401", () =>
    fake(Effect.gen(function*() {
      assertCatcher(yield* raw("GET", path("channels", id("log"), "messages")), 401)
    })))
})

describe("the fake: GET /channels/{id}/messages/{message}", () => {
  it.effect("one message; NotFound for the channel, then ViewChannel, ReadMessageHistory, then the message", () =>
    fake(Effect.gen(function*() {
      const one = (channel: string, message: string, as = "bob") => raw("GET", path("channels", channel, "messages", message), { as })
      assert.deepStrictEqual((yield* one(id("log"), id("m3"))).json, {
        _id: id("m3"),
        channel: id("log"),
        author: id("alice"),
        content: "stoats and weasels are lovely animals"
      })
      assertError(yield* one(ghost, id("m3")), 404, "NotFound")
      assertError(yield* one(id("staff"), ghost), 403, "MissingPermission", { permission: "ViewChannel" })
      assertError(yield* one(id("archive"), ghost), 403, "MissingPermission", { permission: "ReadMessageHistory" })
      assertError(yield* one(id("log"), ghost), 404, "NotFound")
      assertError(yield* one(id("general"), id("m3")), 404, "NotFound")
    })))
})

describe("the fake: POST /channels/{id}/search", () => {
  it.effect("by words, most relevant first by default; Latest and Oldest by id", () =>
    fake(Effect.gen(function*() {
      assert.deepStrictEqual(ids((yield* find({ query: "stoats lovely" })).json), handles("m3", "m1", "m5"))
      assert.deepStrictEqual(ids((yield* find({ query: "stoats lovely", sort: "Oldest" })).json), handles("m1", "m3", "m5"))
      assert.deepStrictEqual(ids((yield* find({ query: "weasels", sort: "Latest", limit: 1 })).json), handles("m4"))
      assert.deepStrictEqual(ids((yield* find({ query: "stoats", before: id("m5") })).json), handles("m3", "m1"))
    })))

  it.effect("pinned messages; `pinned: false` finds nothing, as the backend never stores false", () =>
    fake(Effect.gen(function*() {
      assert.deepStrictEqual(ids((yield* find({ pinned: true })).json), handles("m6", "m2"))
      assert.deepStrictEqual((yield* find({ pinned: false })).json, [])
      const withUsers = yield* find({ pinned: true, include_users: true })
      assert.sameMembers(items(field(withUsers.json, "users")).map((user) => field(user, "_id")), handles("bob"))
    })))

  it.effect("the body is read first (400, 422), then IsBot, FailedValidation, InvalidOperation, NotFound, ReadMessageHistory", () =>
    fake(Effect.gen(function*() {
      assertCatcher(yield* raw("POST", path("channels", id("log"), "search"), { as: "modbot" }), 400)
      assertCatcher(yield* find({ sort: "latest" }, "modbot"), 422)
      assertCatcher(yield* find({ sort: null }), 422)
      assertError(yield* find({ query: "" }, "modbot"), 400, "IsBot")
      assertError(yield* find({ query: "", pinned: true }, "alice", ghost), 400, "FailedValidation")
      assertError(yield* find({ query: "x".repeat(65) }), 400, "FailedValidation")
      assertError(yield* find({ limit: 0 }), 400, "FailedValidation")
      assertError(yield* find({ after: "short" }), 400, "FailedValidation")
      assertError(yield* find({ query: "stoats", pinned: false }, "alice", ghost), 400, "InvalidOperation")
      assertError(yield* find({}, "alice", ghost), 404, "NotFound")
      assertError(yield* find({}, "bob", id("archive")), 403, "MissingPermission", { permission: "ReadMessageHistory" })
    })))
})

describe("the fake: PUT /channels/{id}/ack/{message}", () => {
  it.effect("any string is stored as the last-read marker (204)", () =>
    fake(Effect.gen(function*() {
      const answer = yield* raw("PUT", path("channels", id("log"), "ack", "not even an id"), { as: "bob" })
      assert.strictEqual(answer.status, 204)
      assert.strictEqual(answer.body, "")
      const state = yield* Effect.flatten(Effect.map(StoatFake, (fake) => fake.state))
      assert.strictEqual(Option.getOrUndefined(HashMap.get(state.reads, `${id("bob")}/${id("log")}`)), "not even an id")
    })))

  it.effect("IsBot first, then NotFound, then ViewChannel", () =>
    fake(Effect.gen(function*() {
      assertError(yield* raw("PUT", path("channels", ghost, "ack", ghost), { as: "modbot" }), 400, "IsBot")
      assertError(yield* raw("PUT", path("channels", ghost, "ack", ghost), { as: "bob" }), 404, "NotFound")
      assertError(yield* raw("PUT", path("channels", id("staff"), "ack", ghost), { as: "bob" }), 403, "MissingPermission", {
        permission: "ViewChannel"
      })
      assert.strictEqual((yield* raw("PUT", path("channels", id("archive"), "ack", ghost), { as: "bob" })).status, 204)
    })))
})

describe("the fake: the channels rate-limit bucket", () => {
  it.effect("15 requests per 10 s per channel, shared by history, search and ack; another channel has its own", () =>
    fake(Effect.gen(function*() {
      for (let index = 0; index < 5; index++) {
        assert.strictEqual((yield* messages("log")).status, 200)
        assert.strictEqual((yield* find({ query: "stoats" })).status, 200)
        assert.strictEqual((yield* raw("PUT", path("channels", id("log"), "ack", ghost), { as: "alice" })).status, 204)
      }
      const limited = yield* messages("log")
      assert.strictEqual(limited.status, 429)
      assert.deepStrictEqual(limited.json, { retry_after: 10_000 })
      assert.strictEqual((yield* messages("general")).status, 200)
      assert.strictEqual((yield* messages("log", {}, "bob")).status, 200)
      // A window is renewed once the clock is past its reset instant (`now > reset`).
      yield* TestClock.adjust(Duration.millis(10_001))
      assert.strictEqual((yield* messages("log")).status, 200)
    })))
})

for (const transport of transports) {
  const { as } = on(transport)

  describe(`the fake (${transport}): reading operations`, () => {
    it.effect("history, with nearby sorted by the client; fetchMessage; search; acknowledge", () =>
      Effect.gen(function*() {
        const page = yield* history(id("log"), { limit: 2, before: id("m5") })
        assert.deepStrictEqual<ReadonlyArray<string>>(page.messages.map((message) => message.id), handles("m4", "m3"))
        const around = yield* history(id("log"), { nearby: id("m4"), limit: 4 })
        assert.deepStrictEqual<ReadonlyArray<string>>(around.messages.map((message) => message.id), handles("m1", "m2", "m3", "m4", "m5", "m6"))
        const withUsers = yield* history(id("log"), { limit: 1, includeUsers: true })
        assert.deepStrictEqual<ReadonlyArray<string>>(withUsers.users.map((user) => user.id), handles("alice"))
        assert.lengthOf(withUsers.members, 1)
        assert.strictEqual(Option.getOrThrow((yield* fetchMessage(id("log"), id("m2"))).content), "I agree")
        assert.isTrue((yield* fetchMessage(id("log"), id("m2"))).pinned)
        const found = yield* search(id("log"), { query: "weasels" })
        assert.deepStrictEqual<ReadonlyArray<string>>(found.messages.map((message) => message.id), handles("m4", "m3"))
        yield* acknowledge(id("log"), id("m7"))
        const denied = yield* Effect.flip(history(id("archive")))
        assert.strictEqual(denied._tag, "MissingPermission")
        assert.strictEqual((yield* Effect.flip(fetchMessage(id("log"), ghost)))._tag, "NotFound")
      }).pipe(as("bob", seed)))
  })
}
