import { assert, describe, it } from "@effect/vitest"
import { Effect, Option, Schema } from "effect"
import {
  acceptInvite,
  createInvite,
  deleteInvite,
  fetchInvite,
  fetchServerInvites,
  GroupInvite,
  GroupPublicInvite,
  Invite,
  type JoinedGroup,
  JoinedServer,
  PublicInvite,
  revokeInvite,
  ServerInvite,
  ServerPublicInvite,
  StoatCache,
  TextChannel,
  UnknownInvite,
  UnknownPublicInvite
} from "effect-stoat"
import { acceptGroupInviteErrors, acceptInviteErrors, acceptServerInviteErrors, createInviteErrors, deleteInviteErrors, fetchInviteErrors, fetchServerInvitesErrors } from "../src/operations/invites.js"
import { MockHttp } from "effect-stoat/testing"
import { eachDeclaredError } from "./errorBodies.js"
import * as wire from "./fixtures/wire.js"
import { refusedBeforeSending, withMock } from "./helpers.js"

const decodePublic = Schema.decodeUnknownSync(PublicInvite)
const decodeInvite = Schema.decodeUnknownSync(Invite)

describe("fetchInvite", () => {
  it.effect("sends GET /invites/{code} and decodes a server invite with every field", () =>
    Effect.gen(function*() {
      const invite = yield* fetchInvite("aB3dE5fG")
      const [request] = yield* MockHttp.requests
      assert.strictEqual(request?.method, "GET")
      assert.strictEqual(request?.path, "/invites/aB3dE5fG")
      assert.isUndefined(request?.body)
      assert.instanceOf(invite, ServerPublicInvite)
      if (invite._tag !== "ServerPublicInvite") return
      assert.strictEqual(invite.code, "aB3dE5fG")
      assert.strictEqual<string>(invite.serverId, wire.ids.server)
      assert.strictEqual(invite.serverName, "Stoat Lovers")
      assert.strictEqual(invite.serverFlags, 1)
      assert.strictEqual(invite.channelDescription.pipe(Option.getOrThrow), "Say hi")
      assert.strictEqual(invite.serverIcon.pipe(Option.getOrThrow).id, wire.avatarFile._id)
      assert.isTrue(Option.isNone(invite.serverBanner))
      assert.strictEqual(invite.userName, "alice")
      assert.strictEqual(invite.memberCount, 1234)
    }).pipe(withMock(() => MockHttp.json(200, wire.serverPublicInvite))))

  it("applies defaults and Option.none to fields the server omits or sends as null", () => {
    const minimal = decodePublic(wire.serverPublicInviteMinimal)
    const nulls = decodePublic({ ...wire.serverPublicInviteMinimal, server_icon: null, channel_description: null, server_flags: null })
    for (const invite of [minimal, nulls]) {
      assert.instanceOf(invite, ServerPublicInvite)
      if (invite._tag !== "ServerPublicInvite") continue
      assert.strictEqual(invite.serverFlags, 0)
      assert.isTrue(Option.isNone(invite.serverIcon))
      assert.isTrue(Option.isNone(invite.channelDescription))
      assert.isTrue(Option.isNone(invite.userAvatar))
    }
  })

  it("decodes a group invite", () => {
    const invite = decodePublic(wire.groupPublicInvite)
    assert.instanceOf(invite, GroupPublicInvite)
    if (invite._tag !== "GroupPublicInvite") return
    assert.strictEqual<string>(invite.channelId, wire.ids.group)
    assert.isTrue(Option.isNone(invite.channelDescription))
    assert.isTrue(Option.isNone(invite.userAvatar))
  })

  it("keeps an invite of an unknown type whole, and encodes it back as it came", () => {
    const raw = { type: "Webhook", code: "Zz9yX8wV", hook_name: "ci" }
    const invite = decodePublic(raw)
    assert.instanceOf(invite, UnknownPublicInvite)
    if (invite._tag !== "UnknownPublicInvite") return
    assert.strictEqual(invite.type, "Webhook")
    assert.strictEqual(invite.code, "Zz9yX8wV")
    assert.deepStrictEqual(invite.payload, raw)
    assert.deepStrictEqual<unknown>(Schema.encodeSync(PublicInvite)(invite), raw)
  })

  it("encodes a decoded invite back to its wire JSON", () => {
    assert.deepStrictEqual<unknown>(Schema.encodeSync(PublicInvite)(decodePublic(wire.serverPublicInvite)), wire.serverPublicInvite)
  })

  it.effect("takes a server id as a vanity code, and percent-encodes odd codes", () =>
    Effect.gen(function*() {
      yield* fetchInvite(wire.ids.server)
      yield* fetchInvite("a/b?c")
      const [vanity, odd] = yield* MockHttp.requests
      assert.strictEqual(vanity?.path, `/invites/${wire.ids.server}`)
      assert.strictEqual(odd?.path, "/invites/a%2Fb%3Fc")
      assert.strictEqual(odd?.url.search, "")
    }).pipe(withMock(() => MockHttp.json(200, wire.serverPublicInvite))))

  for (const code of ["", ".", ".."]) {
    it.effect(`refuses the code ${JSON.stringify(code)} before sending`, () => refusedBeforeSending(fetchInvite(code)))
  }

  it.effect("decodes every declared error", () =>
    Effect.gen(function*() {
      yield* eachDeclaredError(fetchInviteErrors.classes, () => fetchInvite("aB3dE5fG"))
    }))
})

describe("acceptInvite", () => {
  it.effect("POSTs /invites/{code} with no body and returns the joined server, remembered by the cache", () =>
    Effect.gen(function*() {
      const invite = decodePublic(wire.serverPublicInvite)
      if (invite._tag !== "ServerPublicInvite") return assert.fail("expected a server invite")
      const joined: JoinedServer = yield* acceptInvite(invite)
      const [request] = yield* MockHttp.requests
      assert.strictEqual(request?.method, "POST")
      assert.strictEqual(request?.path, "/invites/aB3dE5fG")
      assert.isUndefined(request?.body)
      assert.strictEqual(joined.server.name, "Stoat Lovers")
      assert.lengthOf(joined.channels, 2)
      const cache = yield* StoatCache
      assert.isTrue(Option.isSome(yield* cache.getServer(invite.serverId)))
      const channel = yield* cache.getChannel(invite.channelId)
      assert.instanceOf(Option.getOrThrow(channel), TextChannel)
    }).pipe(withMock(() => MockHttp.json(200, wire.joinedServer))))

  it.effect("returns the joined group with its users, remembered by the cache", () =>
    Effect.gen(function*() {
      const invite = decodeInvite(wire.groupInvite)
      if (invite._tag !== "GroupInvite") return assert.fail("expected a group invite")
      const joined: JoinedGroup = yield* acceptInvite(invite)
      assert.strictEqual(joined.channel.name, "friends")
      assert.deepStrictEqual(joined.users.map((user) => user.username), ["bob", "alice"])
      const cache = yield* StoatCache
      assert.isTrue(Option.isSome(yield* cache.getUser(joined.users[1]!.id)))
      assert.isTrue(Option.isSome(yield* cache.getChannel(joined.channel.id)))
    }).pipe(withMock(() => MockHttp.json(200, wire.joinedGroup))))

  it.effect("a bare code gets whichever kind the server answers", () =>
    Effect.gen(function*() {
      const joined = yield* acceptInvite("Gh7jK9mN")
      assert.strictEqual(joined._tag, "JoinedGroup")
    }).pipe(withMock(() => MockHttp.json(200, wire.joinedGroup))))

  it.effect("a server invite answered with a group is an unexpected response, not a wrong type", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(acceptInvite(decodeInvite(wire.serverInvite)))
      assert.strictEqual(error._tag, "UnexpectedResponse")
    }).pipe(withMock(() => MockHttp.json(200, wire.joinedGroup))))

  const kinds = [
    ["a server invite", () => decodeInvite(wire.serverInvite), acceptServerInviteErrors.classes],
    ["a group invite", () => decodeInvite(wire.groupInvite), acceptGroupInviteErrors.classes],
    ["a bare code", () => "aB3dE5fG", acceptInviteErrors.classes]
  ] as const
  for (const [kind, invite, classes] of kinds) {
    it.effect(`decodes every error declared for ${kind}`, () =>
      Effect.gen(function*() {
        yield* eachDeclaredError(classes, () => acceptInvite(invite()))
      }))
  }

  it.effect("declares TooManyServers for groups (checked before the invite kind) but not Banned", () =>
    Effect.gen(function*() {
      const tags = acceptGroupInviteErrors.classes.map((cls) => cls._tag)
      assert.include(tags, "TooManyServers")
      assert.notInclude(tags, "Banned")
      const error = yield* Effect.flip(acceptInvite(decodeInvite(wire.groupInvite)))
      assert.strictEqual(error._tag, "UnexpectedResponse")
    }).pipe(withMock(() => MockHttp.json(403, wire.apiError("Banned")))))

  it.effect("refuses an empty code before sending", () => refusedBeforeSending(acceptInvite("")))
})

describe("deleteInvite", () => {
  it.effect("sends DELETE /invites/{code} with the audit-log reason and succeeds on 204", () =>
    Effect.gen(function*() {
      const result = yield* deleteInvite(decodeInvite(wire.serverInvite), { auditLogReason: "spam wave" })
      assert.isUndefined(result)
      const [request] = yield* MockHttp.requests
      assert.strictEqual(request?.method, "DELETE")
      assert.strictEqual(request?.path, "/invites/aB3dE5fG")
      assert.strictEqual(request?.headers["x-audit-log-reason"], "spam wave")
      assert.isUndefined(request?.body)
    }).pipe(withMock(() => MockHttp.empty(204))))

  it.effect("sends no audit-log header when no reason is given; revokeInvite is the same call", () =>
    Effect.gen(function*() {
      yield* revokeInvite("aB3dE5fG")
      const [request] = yield* MockHttp.requests
      assert.strictEqual(request?.method, "DELETE")
      assert.isUndefined(request?.headers["x-audit-log-reason"])
    }).pipe(withMock(() => MockHttp.empty(204))))

  it.effect("sends a non-ASCII reason as its UTF-8 bytes", () =>
    Effect.gen(function*() {
      yield* deleteInvite("aB3dE5fG", { auditLogReason: "raid 🚨 über" })
      const [request] = yield* MockHttp.requests
      const header = request?.headers["x-audit-log-reason"] ?? ""
      assert.strictEqual(Buffer.from(header, "latin1").toString("utf8"), "raid 🚨 über")
    }).pipe(withMock(() => MockHttp.empty(204))))

  it.effect("accepts a reason of exactly 512 bytes and refuses 513 before sending", () =>
    Effect.gen(function*() {
      yield* deleteInvite("aB3dE5fG", { auditLogReason: "é".repeat(256) }).pipe(withMock(() => MockHttp.empty(204)))
      yield* refusedBeforeSending(deleteInvite("aB3dE5fG", { auditLogReason: `${"é".repeat(256)}x` }), "512 UTF-8 bytes")
    }))

  it.effect("refuses a reason with a line break (it would split the header)", () =>
    refusedBeforeSending(deleteInvite("aB3dE5fG", { auditLogReason: "a\r\nX-Evil: 1" })))

  it.effect("decodes every declared error", () =>
    Effect.gen(function*() {
      yield* eachDeclaredError(deleteInviteErrors.classes, () => deleteInvite("aB3dE5fG"))
    }))

  it.effect("deleting a group invite one did not create is the backend's 500 plain body: UnexpectedResponse", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(deleteInvite(decodeInvite(wire.groupInvite)))
      assert.strictEqual(error._tag, "UnexpectedResponse")
      if (error._tag === "UnexpectedResponse") assert.strictEqual(error.status, 500)
    }).pipe(withMock(() => MockHttp.json(500, wire.rocketError(500, "Internal Server Error")))))
})

describe("createInvite", () => {
  it.effect("POSTs /channels/{id}/invites and decodes the stored invite", () =>
    Effect.gen(function*() {
      const invite = yield* createInvite(wire.ids.channel, { auditLogReason: "welcome" })
      const [request] = yield* MockHttp.requests
      assert.strictEqual(request?.method, "POST")
      assert.strictEqual(request?.path, `/channels/${wire.ids.channel}/invites`)
      assert.strictEqual(request?.headers["x-audit-log-reason"], "welcome")
      assert.instanceOf(invite, ServerInvite)
      if (invite._tag !== "ServerInvite") return
      assert.strictEqual(invite.code, "aB3dE5fG")
      assert.strictEqual<string>(invite.creatorId, wire.ids.alice)
      assert.strictEqual<string>(invite.serverId, wire.ids.server)
      assert.strictEqual<string>(invite.channelId, wire.ids.channel)
      assert.deepStrictEqual<unknown>(Schema.encodeSync(Invite)(invite), wire.serverInvite)
    }).pipe(withMock(() => MockHttp.json(200, wire.serverInvite))))

  it.effect("takes a channel as well as its id, and decodes group invites", () =>
    Effect.gen(function*() {
      const invite = yield* createInvite({ id: wire.ids.group })
      assert.instanceOf(invite, GroupInvite)
      const [request] = yield* MockHttp.requests
      assert.strictEqual(request?.path, `/channels/${wire.ids.group}/invites`)
    }).pipe(withMock(() => MockHttp.json(200, wire.groupInvite))))

  it("keeps a stored invite of an unknown type whole (stoat.py crashes here)", () => {
    const raw = { type: "Webhook", _id: "Zz9yX8wV", creator: wire.ids.alice }
    const invite = decodeInvite(raw)
    assert.instanceOf(invite, UnknownInvite)
    if (invite._tag !== "UnknownInvite") return
    assert.strictEqual(invite.code, "Zz9yX8wV")
    assert.deepStrictEqual(invite.payload, raw)
    assert.deepStrictEqual<unknown>(Schema.encodeSync(Invite)(invite), raw)
  })

  it.effect("refuses a channel id that is not a ULID before sending", () => refusedBeforeSending(createInvite("general")))

  it.effect("decodes every declared error", () =>
    Effect.gen(function*() {
      yield* eachDeclaredError(createInviteErrors.classes, () => createInvite(wire.ids.channel))
    }))
})

describe("fetchServerInvites", () => {
  it.effect("sends GET /servers/{id}/invites and decodes the list", () =>
    Effect.gen(function*() {
      const invites = yield* fetchServerInvites(wire.ids.server)
      const [request] = yield* MockHttp.requests
      assert.strictEqual(request?.method, "GET")
      assert.strictEqual(request?.path, `/servers/${wire.ids.server}/invites`)
      assert.deepStrictEqual(invites.map((invite) => invite.code), ["aB3dE5fG", "Zz9yX8wV"])
      assert.instanceOf(invites[0], ServerInvite)
    }).pipe(withMock(() => MockHttp.json(200, [wire.serverInvite, { ...wire.serverInvite, _id: "Zz9yX8wV" }]))))

  it.effect("decodes an empty list", () =>
    Effect.gen(function*() {
      assert.deepStrictEqual(yield* fetchServerInvites(wire.ids.server), [])
    }).pipe(withMock(() => MockHttp.json(200, []))))

  it.effect("refuses a server id that is not a ULID before sending", () => refusedBeforeSending(fetchServerInvites("..")))

  it.effect("decodes every declared error", () =>
    Effect.gen(function*() {
      yield* eachDeclaredError(fetchServerInvitesErrors.classes, () => fetchServerInvites(wire.ids.server))
    }))
})
