import { inflateSync } from "node:zlib"
import { assert, describe, it } from "@effect/vitest"
import { Duration, Effect, HashMap, Option, TestClock } from "effect"
import {
  fetchDefaultAvatar,
  fetchFlags,
  fetchMutuals,
  fetchProfile,
  fetchUser,
  openDm,
  removeFriend,
  unblockUser
} from "effect-stoat"
import { makeUlid } from "../../src/schema/Ids.js"
import { StoatFake } from "effect-stoat/testing"
import { demoSeed, on, transports } from "./fakeHelpers.js"
import { assertCatcher, assertError, field, items, path, raw } from "./raw.js"

/**
 * The demo instance, plus: `dave`, who shares nothing with anyone and is blocked by `carol`
 * (so carol may only see him exist); `erin`, a member of "Stoat Lovers" with a profile, a status
 * and the Banned flag; `carol`, a friend of both alice and bob.
 */
const seed = demoSeed
  .user("dave")
  .user("erin", { profile: "Hello from erin", status: { text: "around", presence: "Busy" }, flags: 4 })
  .member("lovers", "erin")
  .friends("carol", "alice")
  .friends("carol", "bob")
  .block("carol", "dave")

const ghost = makeUlid(Date.UTC(2025, 0, 1), 4242n)
const id = (handle: string) => seed.id(handle)
const user = (handle: string, ...rest: ReadonlyArray<string>) => path("users", id(handle), ...rest)
const relation = (a: string, b: string) =>
  Effect.map(StoatFake, (fake) => fake.state).pipe(
    Effect.flatten,
    Effect.map((state) => Option.getOrUndefined(HashMap.get(state.relations, `${id(a)}/${id(b)}`)))
  )
const fake = <A, E>(effect: Effect.Effect<A, E, StoatFake>) => Effect.provide(effect, StoatFake.layer(seed))

describe("the fake: GET /users/{id}", () => {
  it.effect("yourself in full, with your relations; someone else as you see them", () =>
    fake(Effect.gen(function*() {
      const self = yield* raw("GET", user("alice"), { as: "alice" })
      assert.strictEqual(self.status, 200)
      assert.strictEqual(field(self.json, "relationship"), "User")
      assert.sameDeepMembers([...items(field(self.json, "relations"))], [
        { _id: id("bob"), status: "Friend" },
        { _id: id("carol"), status: "Friend" }
      ])
      assert.notProperty(self.json, "badges")
      assert.notProperty(self.json, "flags")
      const bob = yield* raw("GET", user("bob"), { as: "alice" })
      assert.strictEqual(field(bob.json, "relationship"), "Friend")
      assert.strictEqual(field(bob.json, "online"), true)
      assert.notProperty(bob.json, "relations")
      const erin = yield* raw("GET", user("erin"), { as: "alice" })
      assert.deepStrictEqual(field(erin.json, "status"), { text: "around", presence: "Busy" })
      assert.strictEqual(field(erin.json, "flags"), 4)
    })))

  it.effect("NotFound for an unknown user, then MissingPermission Access without a relation or anything shared", () =>
    fake(Effect.gen(function*() {
      assertError(yield* raw("GET", path("users", ghost), { as: "alice" }), 404, "NotFound")
      assertError(yield* raw("GET", user("dave"), { as: "alice" }), 403, "MissingPermission", { permission: "Access" })
    })))

  it.effect("a user you block, or who blocks you, can be seen to exist, never online", () =>
    fake(Effect.gen(function*() {
      const dave = yield* raw("GET", user("dave"), { as: "carol" })
      assert.strictEqual(dave.status, 200)
      assert.strictEqual(field(dave.json, "relationship"), "Blocked")
      assert.strictEqual(field(dave.json, "online"), false)
      const carol = yield* raw("GET", user("carol"), { as: "dave" })
      assert.strictEqual(field(carol.json, "relationship"), "BlockedOther")
      assert.strictEqual(field(carol.json, "online"), false)
    })))

  it.effect("without a token: Rocket's 401, as JSON or as HTML by Accept", () =>
    fake(Effect.gen(function*() {
      assertCatcher(yield* raw("GET", user("alice")), 401)
      const html = yield* raw("GET", user("alice"), { headers: { accept: "*/*" } })
      assert.strictEqual(html.status, 401)
      assert.include(html.body, "<h1>401: Unauthorized</h1>")
    })))
})

describe("the fake: GET /users/{id}/profile", () => {
  it.effect("yours always, `{}` when empty; another's with ViewProfile (a shared server is enough)", () =>
    fake(Effect.gen(function*() {
      assert.deepStrictEqual((yield* raw("GET", user("erin", "profile"), { as: "erin" })).json, { content: "Hello from erin" })
      assert.deepStrictEqual((yield* raw("GET", user("bob", "profile"), { as: "bob" })).json, {})
      assert.deepStrictEqual((yield* raw("GET", user("erin", "profile"), { as: "alice" })).json, { content: "Hello from erin" })
    })))

  it.effect("NotFound, then MissingPermission ViewProfile (Access alone is not enough)", () =>
    fake(Effect.gen(function*() {
      assertError(yield* raw("GET", path("users", ghost, "profile"), { as: "alice" }), 404, "NotFound")
      assertError(yield* raw("GET", user("dave", "profile"), { as: "carol" }), 403, "MissingPermission", { permission: "ViewProfile" })
      assertError(yield* raw("GET", user("dave", "profile"), { as: "alice" }), 403, "MissingPermission", { permission: "ViewProfile" })
    })))
})

describe("the fake: GET /users/{id}/flags", () => {
  it.effect("needs no token and never 404s: unknown users and non-ids have flags 0", () =>
    fake(Effect.gen(function*() {
      assert.deepStrictEqual((yield* raw("GET", user("erin", "flags"))).json, { flags: 4 })
      assert.deepStrictEqual((yield* raw("GET", user("bob", "flags"))).json, { flags: 0 })
      assert.deepStrictEqual((yield* raw("GET", path("users", ghost, "flags"))).json, { flags: 0 })
      assert.deepStrictEqual((yield* raw("GET", path("users", "not an id", "flags"))).json, { flags: 0 })
    })))
})

/** Reads a PNG: its three chunks in order, and its pixels, which zlib must inflate (so the stream is valid). */
const readPng = (bytes: Uint8Array) => {
  assert.deepStrictEqual([...bytes.slice(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const chunks: Array<{ readonly type: string; readonly data: Uint8Array }> = []
  for (let at = 8; at < bytes.length;) {
    const length = view.getUint32(at)
    chunks.push({ type: String.fromCharCode(...bytes.slice(at + 4, at + 8)), data: bytes.slice(at + 8, at + 8 + length) })
    at += 12 + length
  }
  const [header, data, end] = chunks
  assert.deepStrictEqual(chunks.map((chunk) => chunk.type), ["IHDR", "IDAT", "IEND"])
  if (header === undefined || data === undefined || end === undefined) return assert.fail("missing chunks")
  const width = new DataView(header.data.buffer).getUint32(0)
  const height = new DataView(header.data.buffer).getUint32(4)
  const pixels = inflateSync(data.data)
  assert.strictEqual(pixels.length, height * (1 + 3 * width))
  return { width, height, colour: [...pixels.subarray(1, 4)] }
}

describe("the fake: GET /users/{id}/default_avatar", () => {
  it.effect("a valid PNG, `image/png` and cached for a year, without a token", () =>
    fake(Effect.gen(function*() {
      const answer = yield* raw("GET", user("alice", "default_avatar"))
      assert.strictEqual(answer.status, 200)
      assert.strictEqual(answer.headers["content-type"], "image/png")
      assert.strictEqual(answer.headers["cache-control"], "public, max-age=31536000, immutable")
      const png = readPng(answer.bytes ?? new Uint8Array())
      assert.strictEqual(png.width, 16)
    })))

  it.effect("the image is picked by the last character, in the backend's seven groups; any segment works", () =>
    fake(Effect.gen(function*() {
      const colour = (target: string) =>
        Effect.map(raw("GET", path("users", target, "default_avatar")), (answer) => readPng(answer.bytes ?? new Uint8Array()).colour)
      const groups = ["0123SZ", "4567T", "89AB", "CDEFV", "GHJKW", "MNPQX", "YRLa-"]
      const colours: Array<ReadonlyArray<number>> = []
      for (const group of groups) {
        const inGroup = yield* Effect.forEach([...group], (last) => colour(`anything${last}`))
        for (const other of inGroup) assert.deepStrictEqual(other, inGroup[0])
        colours.push(inGroup[0] ?? [])
      }
      assert.strictEqual(new Set(colours.map((rgb) => rgb.join())).size, 7)
    })))
})

describe("the fake: GET /users/{id}/mutual", () => {
  it.effect("mutual friends, servers, and groups and DMs", () =>
    fake(Effect.gen(function*() {
      const answer = yield* raw("GET", user("bob", "mutual"), { as: "alice" })
      assert.deepStrictEqual(answer.json, { users: [id("carol")], servers: [id("lovers")], channels: [id("friends")] })
    })))

  it.effect("yourself is InvalidOperation, then NotFound, then MissingPermission ViewProfile", () =>
    fake(Effect.gen(function*() {
      assertError(yield* raw("GET", user("alice", "mutual"), { as: "alice" }), 400, "InvalidOperation")
      assertError(yield* raw("GET", path("users", ghost, "mutual"), { as: "alice" }), 404, "NotFound")
      assertError(yield* raw("GET", user("dave", "mutual"), { as: "carol" }), 403, "MissingPermission", { permission: "ViewProfile" })
    })))
})

describe("the fake: GET /users/{id}/dm", () => {
  it.effect("yourself: saved messages, created once and then reused", () =>
    fake(Effect.gen(function*() {
      const first = yield* raw("GET", user("alice", "dm"), { as: "alice" })
      assert.strictEqual(first.status, 200)
      assert.deepStrictEqual(first.json, { channel_type: "SavedMessages", _id: field(first.json, "_id"), user: id("alice") })
      const again = yield* raw("GET", user("alice", "dm"), { as: "alice" })
      assert.strictEqual(field(again.json, "_id"), field(first.json, "_id"))
    })))

  it.effect("seeded saved messages are the ones returned", () =>
    Effect.gen(function*() {
      const notes = seed.savedMessages("notes", "bob")
      const answer = yield* raw("GET", path("users", notes.id("bob"), "dm"), { as: "bob" }).pipe(Effect.provide(StoatFake.layer(notes)))
      assert.strictEqual(field(answer.json, "_id"), notes.id("notes"))
    }))

  it.effect("friends get a DM, active, made once for both sides", () =>
    fake(Effect.gen(function*() {
      const dm = yield* raw("GET", user("bob", "dm"), { as: "alice" })
      assert.deepStrictEqual(dm.json, {
        channel_type: "DirectMessage",
        _id: field(dm.json, "_id"),
        active: true,
        recipients: [id("alice"), id("bob")]
      })
      assert.strictEqual(field((yield* raw("GET", user("alice", "dm"), { as: "bob" })).json, "_id"), field(dm.json, "_id"))
    })))

  it.effect("the friendship rule: two humans sharing a server are refused SendMessage; a bot and a human are not", () =>
    fake(Effect.gen(function*() {
      assertError(yield* raw("GET", user("erin", "dm"), { as: "alice" }), 403, "MissingPermission", { permission: "SendMessage" })
      assert.strictEqual((yield* raw("GET", user("modbot", "dm"), { as: "alice" })).status, 200)
      assert.strictEqual((yield* raw("GET", user("alice", "dm"), { as: "modbot" })).status, 200)
      assertError(yield* raw("GET", path("users", ghost, "dm"), { as: "alice" }), 404, "NotFound")
    })))
})

describe("the fake: DELETE /users/{id}/friend", () => {
  it.effect("removes a friend on both sides; after that a DM is refused and a second removal is NoEffect", () =>
    fake(Effect.gen(function*() {
      const answer = yield* raw("DELETE", user("bob", "friend"), { as: "alice" })
      assert.strictEqual(answer.status, 200)
      assert.strictEqual(field(answer.json, "_id"), id("bob"))
      assert.strictEqual(field(answer.json, "relationship"), "None")
      assert.isUndefined(yield* relation("bob", "alice"))
      assertError(yield* raw("GET", user("bob", "dm"), { as: "alice" }), 403, "MissingPermission", { permission: "SendMessage" })
      assertError(yield* raw("DELETE", user("bob", "friend"), { as: "alice" }), 400, "NoEffect")
    })))

  it.effect("denies an incoming request and cancels an outgoing one, on both sides", () => {
    const requests = seed.friendRequest("dave", "alice").friendRequest("alice", "erin")
    return Effect.gen(function*() {
      const denied = yield* raw("DELETE", path("users", requests.id("dave"), "friend"), { as: "alice" })
      assert.strictEqual(field(denied.json, "relationship"), "None")
      const cancelled = yield* raw("DELETE", path("users", requests.id("erin"), "friend"), { as: "alice" })
      assert.strictEqual(field(cancelled.json, "relationship"), "None")
      assert.isUndefined(yield* relation("dave", "alice"))
      assert.isUndefined(yield* relation("erin", "alice"))
    }).pipe(Effect.provide(StoatFake.layer(requests)))
  })

  it.effect("NotFound first, then IsBot for a bot on either side, then NoEffect (yourself too)", () =>
    fake(Effect.gen(function*() {
      assertError(yield* raw("DELETE", path("users", ghost, "friend"), { as: "modbot" }), 404, "NotFound")
      assertError(yield* raw("DELETE", user("modbot", "friend"), { as: "alice" }), 400, "IsBot")
      assertError(yield* raw("DELETE", user("alice", "friend"), { as: "modbot" }), 400, "IsBot")
      assertError(yield* raw("DELETE", user("erin", "friend"), { as: "alice" }), 400, "NoEffect")
      assertError(yield* raw("DELETE", user("alice", "friend"), { as: "alice" }), 400, "NoEffect")
    })))
})

describe("the fake: PUT and DELETE /users/{id}/block", () => {
  it.effect("blocking marks both sides; again, or yourself, is NoEffect; bots can be blocked", () =>
    fake(Effect.gen(function*() {
      const answer = yield* raw("PUT", user("erin", "block"), { as: "alice" })
      assert.strictEqual(field(answer.json, "relationship"), "Blocked")
      assert.strictEqual(yield* relation("erin", "alice"), "BlockedOther")
      assertError(yield* raw("PUT", user("erin", "block"), { as: "alice" }), 400, "NoEffect")
      assertError(yield* raw("PUT", user("alice", "block"), { as: "alice" }), 400, "NoEffect")
      assertError(yield* raw("PUT", path("users", ghost, "block"), { as: "alice" }), 404, "NotFound")
      assert.strictEqual(field((yield* raw("PUT", user("modbot", "block"), { as: "alice" })).json, "relationship"), "None")
      assert.strictEqual(yield* relation("alice", "modbot"), "Blocked")
    })))

  it.effect("blocking back makes both Blocked; each unblock then steps back one side", () =>
    fake(Effect.gen(function*() {
      yield* raw("PUT", user("carol", "block"), { as: "dave" })
      assert.strictEqual(yield* relation("carol", "dave"), "Blocked")
      assert.strictEqual(yield* relation("dave", "carol"), "Blocked")
      const first = yield* raw("DELETE", user("dave", "block"), { as: "carol" })
      assert.strictEqual(field(first.json, "relationship"), "BlockedOther")
      assert.strictEqual(yield* relation("dave", "carol"), "Blocked")
      const second = yield* raw("DELETE", user("carol", "block"), { as: "dave" })
      assert.strictEqual(field(second.json, "relationship"), "None")
      assert.isUndefined(yield* relation("carol", "dave"))
    })))

  it.effect("unblocking someone not blocked is NoEffect; a pair whose sides disagree is the backend's InternalError", () =>
    Effect.gen(function*() {
      assertError(yield* raw("DELETE", path("users", seed.id("erin"), "block"), { as: "alice" }), 400, "NoEffect")
      assertError(yield* raw("DELETE", path("users", ghost, "block"), { as: "alice" }), 404, "NotFound")
      assertError(yield* raw("DELETE", path("users", seed.id("erin"), "block"), { as: "bob" }), 500, "InternalError")
    }).pipe(Effect.provide(StoatFake.layer(seed.relation("bob", "erin", "Blocked")))))
})

describe("the fake: the users rate-limit bucket", () => {
  it.effect("20 requests per 10 s across every /users route, shared per session; default avatars have their own bucket", () =>
    fake(Effect.gen(function*() {
      const routes = [user("bob"), user("bob", "profile"), user("bob", "mutual"), user("bob", "dm"), user("bob", "flags")]
      for (let index = 0; index < 20; index++) {
        assert.notStrictEqual((yield* raw("GET", routes[index % routes.length] ?? "", { as: "alice" })).status, 429)
      }
      const limited = yield* raw("GET", user("bob"), { as: "alice" })
      assert.strictEqual(limited.status, 429)
      assert.deepStrictEqual(limited.json, { retry_after: 10_000 })
      assert.strictEqual((yield* raw("GET", user("bob", "default_avatar"), { as: "alice" })).status, 200)
      assert.strictEqual((yield* raw("GET", user("alice"), { as: "bob" })).status, 200)
      // A window is renewed once the clock is past its reset instant (`now > reset`).
      yield* TestClock.adjust(Duration.millis(10_001))
      assert.strictEqual((yield* raw("GET", user("bob"), { as: "alice" })).status, 200)
    })))
})

for (const transport of transports) {
  const { as } = on(transport)

  describe(`the fake (${transport}): the user operations`, () => {
    it.effect("fetchUser, fetchProfile, fetchFlags, fetchDefaultAvatar and fetchMutuals", () =>
      Effect.gen(function*() {
        const erin = yield* fetchUser(id("erin"))
        assert.strictEqual(erin.username, "erin")
        assert.strictEqual(Option.getOrThrow((yield* fetchProfile(erin)).content), "Hello from erin")
        assert.strictEqual(yield* fetchFlags(erin), 4)
        readPng(yield* fetchDefaultAvatar(erin))
        const mutuals = yield* fetchMutuals(id("bob"))
        assert.deepStrictEqual<ReadonlyArray<string>>(mutuals.servers, [id("lovers")])
        const missing = yield* Effect.flip(fetchUser(id("dave")))
        assert.strictEqual(missing._tag, "MissingPermission")
        if (missing._tag === "MissingPermission") assert.strictEqual(missing.permission, "Access")
      }).pipe(as("alice", seed)))

    it.effect("openDm, removeFriend and unblockUser, and their errors", () =>
      Effect.gen(function*() {
        const dm = yield* openDm(id("bob"))
        assert.strictEqual(dm._tag, "DirectMessage")
        assert.strictEqual((yield* openDm(id("alice")))._tag, "SavedMessages")
        assert.strictEqual((yield* Effect.flip(openDm(id("erin"))))._tag, "MissingPermission")
        const bob = yield* removeFriend(id("bob"))
        assert.strictEqual(bob.relationship, "None")
        assert.strictEqual((yield* Effect.flip(removeFriend(id("bob"))))._tag, "NoEffect")
        assert.strictEqual((yield* Effect.flip(unblockUser(id("erin"))))._tag, "NoEffect")
      }).pipe(as("alice", seed)))
  })
}
