import { assert, describe, it } from "@effect/vitest"
import { DateTime, Duration, Effect, Fiber, HashMap, Layer, Option, Redacted, TestClock } from "effect"
import {
  acceptInvite,
  createInvite,
  deleteInvite,
  fetchInvite,
  fetchServerInvites,
  kickMember,
  StoatClient,
  StoatConfig,
  withRequestOptions
} from "effect-stoat"
import { StoatFake, StoatFakeSeed } from "effect-stoat/testing"
import { demoSeed, on, transports } from "./fakeHelpers.js"

for (const transport of transports) {
  const { scenario, as } = on(transport)

  describe(`the fake (${transport}): fetching invites`, () => {
    it.effect("a server invite shows the server, channel, creator and member count", () =>
      Effect.gen(function*() {
        const invite = yield* fetchInvite("aB3dE5fG")
        if (invite._tag !== "ServerPublicInvite") return assert.fail(invite._tag)
        assert.strictEqual(invite.serverName, "Stoat Lovers")
        assert.strictEqual(invite.channelName, "general")
        assert.strictEqual(invite.userName, "alice")
        assert.strictEqual(invite.memberCount, 4)
        assert.strictEqual<string>(invite.serverId, demoSeed.id("lovers"))
      }).pipe(as("carol")))

    it.effect("a group invite, an unknown code, and a server id that is not discoverable", () =>
      Effect.gen(function*() {
        assert.strictEqual((yield* fetchInvite("Gh7jK9mN"))._tag, "GroupPublicInvite")
        assert.strictEqual((yield* Effect.flip(fetchInvite("nope1234")))._tag, "NotFound")
        assert.strictEqual((yield* Effect.flip(fetchInvite(demoSeed.id("lovers"))))._tag, "NotFound")
      }).pipe(as("carol")))

    it.effect("a discoverable server's id is its vanity invite, from the owner to the first channel", () => {
      const seed = StoatFakeSeed.make().user("owner").user("carol")
        .server("open", { owner: "owner", discoverable: true }).channel("hall", { server: "open" })
      return Effect.gen(function*() {
        const invite = yield* fetchInvite(seed.id("open"))
        if (invite._tag !== "ServerPublicInvite") return assert.fail(invite._tag)
        assert.strictEqual<string>(invite.code, seed.id("open"))
        assert.strictEqual(invite.userName, "owner")
        assert.strictEqual(invite.channelName, "hall")
        assert.strictEqual((yield* acceptInvite(seed.id("open")))._tag, "JoinedServer")
      }).pipe(as("carol", seed))
    })
  })

  describe(`the fake (${transport}): accepting invites`, () => {
    it.effect("joining returns the server and only the channels one can see; joining twice is AlreadyInServer", () => {
      const seed = demoSeed.channel("staff", { server: "lovers", defaultPermissions: { allow: 0, deny: 2 ** 20 } })
      return Effect.gen(function*() {
        const joined = yield* acceptInvite("aB3dE5fG")
        if (joined._tag !== "JoinedServer") return assert.fail(joined._tag)
        assert.deepStrictEqual(joined.channels.map((channel) => channel.id), [seed.id("general"), seed.id("lounge")])
        assert.lengthOf(joined.server.channels, 3)
        const fake = yield* StoatFake
        assert.isTrue(yield* fake.isMember(seed.id("lovers"), seed.id("carol")))
        assert.strictEqual((yield* Effect.flip(acceptInvite("aB3dE5fG")))._tag, "AlreadyInServer")
      }).pipe(as("carol", seed))
    })

    it.effect("a banned user gets Banned, a bot IsBot, an unknown code NotFound", () =>
      Effect.gen(function*() {
        assert.strictEqual((yield* Effect.flip(acceptInvite("aB3dE5fG").pipe(as("mallory"))))._tag, "Banned")
        assert.strictEqual((yield* Effect.flip(acceptInvite("aB3dE5fG").pipe(as("modbot"))))._tag, "IsBot")
        assert.strictEqual((yield* Effect.flip(acceptInvite("zzzzzzzz").pipe(as("carol"))))._tag, "NotFound")
      }))

    it.effect("the server limit lets a user at exactly the limit join one more (the backend's off-by-one)", () => {
      const seed = StoatFakeSeed.make({ servers: 1 }).user("owner").user("carol")
        .server("one", { owner: "owner" }).channel("a", { server: "one" }).invite("inviteA1", { channel: "a", creator: "owner" })
        .server("two", { owner: "owner" }).channel("b", { server: "two" }).invite("inviteB2", { channel: "b", creator: "owner" })
        .server("six", { owner: "owner" }).channel("c", { server: "six" }).invite("inviteC3", { channel: "c", creator: "owner" })
        .group("g", { owner: "owner", members: [] }).invite("inviteG4", { channel: "g", creator: "owner" })
      return Effect.gen(function*() {
        yield* acceptInvite("inviteA1")
        yield* acceptInvite("inviteB2")
        const error = yield* Effect.flip(acceptInvite("inviteC3"))
        assert.strictEqual(error._tag, "TooManyServers")
        if (error._tag === "TooManyServers") assert.strictEqual(error.max, 1)
        // Checked before the invite is known: a group invite is refused too.
        assert.strictEqual((yield* Effect.flip(acceptInvite("inviteG4")))._tag, "TooManyServers")
      }).pipe(as("carol", seed))
    })

    it.effect("new accounts have the lower limit for their first hours", () => {
      const now = Date.UTC(2026, 10, 23)
      const seed = StoatFakeSeed.make({ servers: 5, newUserServers: 0 }).user("owner").user("newbie", { createdAt: now - 3_600_000 })
        .server("one", { owner: "owner" }).channel("a", { server: "one" }).invite("inviteA1", { channel: "a", creator: "owner" })
        .server("two", { owner: "owner" }).channel("b", { server: "two" }).invite("inviteB2", { channel: "b", creator: "owner" })
      return Effect.gen(function*() {
        yield* TestClock.setTime(now)
        yield* acceptInvite("inviteA1")
        assert.strictEqual((yield* Effect.flip(acceptInvite("inviteB2")))._tag, "TooManyServers")
        yield* TestClock.setTime(now + 72 * 3_600_000)
        assert.strictEqual((yield* acceptInvite("inviteB2"))._tag, "JoinedServer")
      }).pipe(as("newbie", seed))
    })

    it.effect("a group invite adds the user and returns every recipient; then AlreadyInGroup", () =>
      Effect.gen(function*() {
        const invite = yield* fetchInvite("Gh7jK9mN")
        if (invite._tag !== "GroupPublicInvite") return assert.fail(invite._tag)
        const joined = yield* acceptInvite(invite)
        assert.deepStrictEqual(joined.users.map((user) => user.username).sort(), ["alice", "bob", "carol"])
        assert.strictEqual((yield* Effect.flip(acceptInvite(invite)))._tag, "AlreadyInGroup")
        const fake = yield* StoatFake
        const [added] = yield* fake.messages(demoSeed.id("friends"))
        assert.isTrue(Option.exists(Option.flatMap(Option.fromNullable(added), (message) => message.system), (system) => system._tag === "SystemUserAdded"))
      }).pipe(as("carol")))

    it.effect("a full group is GroupTooLarge", () => {
      const seed = StoatFakeSeed.make({ groupSize: 2 }).user("a").user("b").user("c")
        .group("g", { owner: "a", members: ["b"] }).invite("inviteG1", { channel: "g", creator: "a" })
      return Effect.gen(function*() {
        const error = yield* Effect.flip(acceptInvite("inviteG1"))
        assert.strictEqual(error._tag, "GroupTooLarge")
        if (error._tag === "GroupTooLarge") assert.strictEqual(error.max, 2)
      }).pipe(as("c", seed))
    })

    it.effect("a member kicked while timed out comes back with the timeout still running", () => {
      const now = Date.UTC(2026, 10, 23)
      const seed = demoSeed.member("lovers", "carol", { timeout: now + 3_600_000 })
      return scenario(seed, (as) =>
        Effect.gen(function*() {
          yield* TestClock.setTime(now)
          yield* kickMember({ server: seed.id("lovers"), user: seed.id("carol") }).pipe(as("owner"))
          const fake = yield* StoatFake
          assert.isFalse(yield* fake.isMember(seed.id("lovers"), seed.id("carol")))
          yield* acceptInvite("aB3dE5fG").pipe(as("carol"))
          const state = yield* fake.state
          const member = HashMap.get(state.members, `${seed.id("lovers")}/${seed.id("carol")}`)
          assert.isTrue(Option.exists(Option.flatMap(member, (member) => member.timeout), (end) => DateTime.toEpochMillis(end) === now + 3_600_000))
          assert.isTrue(Option.exists(member, (member) => Option.isNone(member.nickname) && member.roles.length === 0))
        }))
    })
  })

  describe(`the fake (${transport}): managing invites`, () => {
    it.effect("the creator deletes an invite; it is gone", () =>
      Effect.gen(function*() {
        yield* deleteInvite("aB3dE5fG")
        assert.strictEqual((yield* Effect.flip(fetchInvite("aB3dE5fG")))._tag, "NotFound")
      }).pipe(as("alice")))

    it.effect("a ManageServer holder may delete others' server invites; a plain member may not", () =>
      scenario(demoSeed, (as) =>
        Effect.gen(function*() {
          const denied = yield* Effect.flip(deleteInvite("aB3dE5fG").pipe(as("bob")))
          assert.strictEqual(denied._tag, "MissingPermission")
          if (denied._tag === "MissingPermission") assert.strictEqual(denied.permission, "ManageServer")
          yield* deleteInvite("aB3dE5fG").pipe(as("owner"))
          assert.strictEqual((yield* Effect.flip(fetchInvite("aB3dE5fG").pipe(as("bob"))))._tag, "NotFound")
        })))

    it.effect("deleting a group invite one did not create is the backend's 500 panic page", () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(deleteInvite("Gh7jK9mN"))
        assert.strictEqual(error._tag, "UnexpectedResponse")
        if (error._tag === "UnexpectedResponse") assert.strictEqual(error.status, 500)
      }).pipe(as("alice")))

    it.effect("creating an invite: a member of the server gets a fresh code that works", () =>
      scenario(demoSeed, (as) =>
        Effect.gen(function*() {
          const invite = yield* createInvite(demoSeed.id("general")).pipe(as("bob"))
          assert.strictEqual(invite._tag, "ServerInvite")
          assert.lengthOf(invite.code, 8)
          const fetched = yield* fetchInvite(invite.code).pipe(as("carol"))
          assert.strictEqual(fetched._tag, "ServerPublicInvite")
          yield* acceptInvite(invite.code).pipe(as("carol"))
          const listed = yield* fetchServerInvites(demoSeed.id("lovers")).pipe(as("owner"))
          assert.includeMembers(listed.map((each) => each.code), ["aB3dE5fG", invite.code])
        })))

    it.effect("bots cannot create invites; outsiders lack InviteOthers; DMs are InvalidOperation", () => {
      const seed = demoSeed.dm("alice-bob", "alice", "bob")
      return Effect.gen(function*() {
        assert.strictEqual((yield* Effect.flip(createInvite(seed.id("general")).pipe(as("modbot", seed))))._tag, "IsBot")
        const outsider = yield* Effect.flip(createInvite(seed.id("general")).pipe(as("carol", seed)))
        assert.strictEqual(outsider._tag, "MissingPermission")
        assert.strictEqual((yield* Effect.flip(createInvite(seed.id("alice-bob")).pipe(as("alice", seed))))._tag, "InvalidOperation")
      })
    })

    it.effect("listing a server's invites needs ManageServer", () =>
      Effect.gen(function*() {
        assert.strictEqual((yield* Effect.flip(fetchServerInvites(demoSeed.id("lovers")).pipe(as("bob"))))._tag, "MissingPermission")
        assert.strictEqual((yield* Effect.flip(fetchServerInvites(demoSeed.id("lovers")).pipe(as("carol"))))._tag, "MissingPermission")
      }))
  })

  describe(`the fake (${transport}): transport, auth and rate limits`, () => {
    it.effect("a wrong token is InvalidSession; the body follows Accept (JSON here, HTML without it)", () =>
      Effect.gen(function*() {
        const wrong = StoatClient.layer.pipe(
          Layer.provideMerge(StoatFake.layer(demoSeed)),
          Layer.provide(StoatConfig.layer({ token: Redacted.make("not-a-token"), tokenKind: "user", baseUrl: "http://fake.stoat" }))
        )
        assert.strictEqual((yield* Effect.flip(acceptInvite("aB3dE5fG").pipe(Effect.provide(wrong))))._tag, "InvalidSession")
        const fake = yield* StoatFake.make(demoSeed)
        const request = { method: "POST", path: "/invites/aB3dE5fG", query: new URLSearchParams(), body: undefined, ip: "127.0.0.1" }
        const html = yield* fake.handle({ ...request, headers: { accept: "*/*" } })
        assert.strictEqual(html.status, 401)
        assert.include(html.body, "<h1>401: Unauthorized</h1>")
        const json = yield* fake.handle({ ...request, headers: { accept: "application/json" } })
        assert.deepInclude(JSON.parse(json.body), { error: { code: 401, reason: "Unauthorized", description: "The request requires user authentication." } })
      }))

    it.effect("the invites bucket allows 20 requests per 10 s window, 401s included; the 21st is answered 429", () =>
      Effect.gen(function*() {
        const fake = yield* StoatFake.make(demoSeed)
        const request = { method: "GET", path: "/invites/aB3dE5fG", query: new URLSearchParams(), body: undefined, ip: "127.0.0.1" }
        for (let index = 0; index < 20; index++) {
          const headers: Record<string, string> = index % 2 === 0 ? { "x-session-token": "not-a-token" } : {}
          assert.notStrictEqual((yield* fake.handle({ ...request, headers })).status, 429)
        }
        const limited = yield* fake.handle({ ...request, headers: {} })
        assert.strictEqual(limited.status, 429)
        assert.deepStrictEqual(JSON.parse(limited.body), { retry_after: 10_000 })
        // The backend opens a new window only after its reset instant (`now > reset`).
        yield* TestClock.adjust(Duration.millis(10_001))
        assert.strictEqual((yield* fake.handle({ ...request, headers: {} })).status, 200)
      }))

    it.effect("every response carries the four X-RateLimit headers", () =>
      Effect.gen(function*() {
        const fake = yield* StoatFake.make(demoSeed)
        const response = yield* fake.handle({
          method: "GET", path: `/servers/${demoSeed.id("lovers")}/members`, query: new URLSearchParams(), body: undefined, ip: "127.0.0.1",
          headers: { "x-session-token": demoSeed.token("alice") }
        })
        assert.strictEqual(response.headers["x-ratelimit-limit"], "5")
        assert.strictEqual(response.headers["x-ratelimit-remaining"], "4")
        assert.strictEqual(response.headers["x-ratelimit-reset-after"], "10000")
        assert.match(response.headers["x-ratelimit-bucket"] ?? "", /^\d+$/)
      }))

    it.effect("faults: a reset is TransportError, a proxy's HTML 502 and a truncated body are UnexpectedResponse", () =>
      Effect.gen(function*() {
        const fake = yield* StoatFake
        // Sent once: the pipeline's retries are tested in test/pipeline.test.ts.
        const once = withRequestOptions({ retries: 0 })
        yield* fake.inject({ path: "/invites", times: 1, fault: { _tag: "Reset" } })
        assert.strictEqual((yield* Effect.flip(once(fetchInvite("aB3dE5fG"))))._tag, "TransportError")
        yield* fake.inject({ path: "/invites", times: 1, fault: { _tag: "HtmlError", status: 502 } })
        assert.strictEqual((yield* Effect.flip(once(fetchInvite("aB3dE5fG"))))._tag, "UnexpectedResponse")
        yield* fake.inject({ method: "POST", path: "/invites", times: 1, fault: { _tag: "Truncate" } })
        assert.strictEqual((yield* Effect.flip(acceptInvite("aB3dE5fG")))._tag, "UnexpectedResponse")
        // The instance did the join; only the answer was lost.
        assert.isTrue(yield* fake.isMember(demoSeed.id("lovers"), demoSeed.id("carol")))
        assert.strictEqual((yield* fetchInvite("aB3dE5fG"))._tag, "ServerPublicInvite")
      }).pipe(as("carol")))

    it.effect("faults: an answer slower than the client's timeout is TransportError", () =>
      Effect.gen(function*() {
        const fake = yield* StoatFake
        yield* fake.inject({ fault: { _tag: "Delay", delay: "1 minute" } })
        const fiber = yield* Effect.fork(withRequestOptions(fetchInvite("aB3dE5fG"), { retries: 0 }))
        yield* TestClock.adjust(Duration.seconds(30))
        const error = yield* Effect.flip(Fiber.join(fiber))
        assert.strictEqual(error._tag, "TransportError")
      }).pipe(as("carol")))
  })
}
