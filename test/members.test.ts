import { assert, describe, it } from "@effect/vitest"
import { DateTime, Effect, Layer, Option, Redacted, Schema } from "effect"
import {
  ChannelId,
  fetchInstance,
  fetchMember,
  fetchMembers,
  fetchServer,
  File,
  fileServerUrl,
  Instance,
  Member,
  MemberList,
  MemberWithRoles,
  RoleId,
  Server,
  StoatCache,
  StoatClient,
  StoatConfig,
  User
} from "effect-stoat"
import { fetchInstanceErrors } from "../src/operations/instance.js"
import { fetchMemberErrors, fetchMembersErrors } from "../src/operations/members.js"
import { fetchServerErrors } from "../src/operations/servers.js"
import { MockHttp } from "effect-stoat/testing"
import { eachDeclaredError } from "./errorBodies.js"
import * as wire from "./fixtures/wire.js"
import { baseUrl, refusedBeforeSending, withMock } from "./helpers.js"

const roleId = RoleId.make(wire.ids.role)

/** A member with every field the backend can send. */
const fullMember = {
  _id: { server: wire.ids.server, user: wire.ids.alice },
  joined_at: "2024-05-01T12:00:00.000Z",
  nickname: "Ally",
  pronouns: "she/her",
  avatar: wire.avatarFile,
  roles: [wire.ids.role],
  timeout: "2024-05-02T12:00:00.000Z",
  can_publish: false,
  can_receive: false
}

/** A member as the backend sends it at its defaults: optional keys omitted. */
const bareMember = { _id: { server: wire.ids.server, user: wire.ids.bob }, joined_at: "2023-01-01T00:00:00.000Z" }

/** The same member with every optional key sent as `null`. */
const nullMember = {
  ...bareMember,
  nickname: null,
  pronouns: null,
  avatar: null,
  roles: null,
  timeout: null,
  can_publish: null,
  can_receive: null
}

const assertFull = (member: Member) => {
  assert.instanceOf(member, Member)
  assert.strictEqual<string>(member.id.server, wire.ids.server)
  assert.strictEqual<string>(member.id.user, wire.ids.alice)
  assert.strictEqual(DateTime.formatIso(member.joinedAt), "2024-05-01T12:00:00.000Z")
  assert.deepStrictEqual(member.nickname, Option.some("Ally"))
  assert.deepStrictEqual(member.pronouns, Option.some("she/her"))
  assert.strictEqual(Option.getOrThrow(member.avatar).id, wire.avatarFile._id)
  assert.deepStrictEqual<ReadonlyArray<string>>(member.roles, [wire.ids.role])
  assert.strictEqual(member.timeout.pipe(Option.map(DateTime.formatIso), Option.getOrThrow), "2024-05-02T12:00:00.000Z")
  assert.isFalse(member.canPublish)
  assert.isFalse(member.canReceive)
}

const assertBare = (member: Member) => {
  assert.instanceOf(member, Member)
  assert.strictEqual<string>(member.id.user, wire.ids.bob)
  assert.isTrue(Option.isNone(member.nickname))
  assert.isTrue(Option.isNone(member.pronouns))
  assert.isTrue(Option.isNone(member.avatar))
  assert.deepStrictEqual(member.roles, [])
  assert.isTrue(Option.isNone(member.timeout))
  assert.isTrue(member.canPublish)
  assert.isTrue(member.canReceive)
}

describe("fetchMember", () => {
  it.effect("sends GET /servers/{id}/members/{user} and decodes every field; the cache learns the member", () =>
    Effect.gen(function*() {
      const member = yield* fetchMember(wire.ids.server, wire.ids.alice)
      const [request] = yield* MockHttp.requests
      assert.strictEqual(request?.method, "GET")
      assert.strictEqual(request?.path, `/servers/${wire.ids.server}/members/${wire.ids.alice}`)
      assert.strictEqual(request?.url.search, "")
      assert.isUndefined(request?.body)
      assertFull(member)
      const cache = yield* StoatCache
      assert.deepStrictEqual(yield* cache.getMember(member.id.server, member.id.user), Option.some(member))
    }).pipe(withMock(() => MockHttp.json(200, fullMember))))

  for (const [name, body] of [["omitted", bareMember], ["null", nullMember]] as const) {
    it.effect(`applies the defaults to fields sent ${name}`, () =>
      fetchMember(wire.ids.server, wire.ids.bob).pipe(Effect.map(assertBare), withMock(() => MockHttp.json(200, body))))
  }

  it.effect("takes a server and a user (or a member) as models", () =>
    Effect.gen(function*() {
      const server = Schema.decodeUnknownSync(Server)(wire.server)
      yield* fetchMember(server, Schema.decodeUnknownSync(User)(wire.alice))
      yield* fetchMember({ id: wire.ids.server }, Schema.decodeUnknownSync(Member)(bareMember))
      const requests = yield* MockHttp.requests
      assert.deepStrictEqual(requests.map((request) => request.path), [
        `/servers/${wire.ids.server}/members/${wire.ids.alice}`,
        `/servers/${wire.ids.server}/members/${wire.ids.bob}`
      ])
    }).pipe(withMock(() => MockHttp.json(200, bareMember))))

  it.effect("with roles: true, sends ?roles=true and returns the member with its roles", () =>
    Effect.gen(function*() {
      const result = yield* fetchMember(wire.ids.server, wire.ids.alice, { roles: true })
      const [request] = yield* MockHttp.requests
      assert.strictEqual(request?.url.search, "?roles=true")
      assert.instanceOf(result, MemberWithRoles)
      assertFull(result.member)
      assert.deepStrictEqual(Object.keys(result.roles), [wire.ids.role])
      assert.strictEqual(result.roles[roleId]?.name, "Mod")
      const cache = yield* StoatCache
      assert.isTrue(Option.isSome(yield* cache.getMember(result.member.id.server, result.member.id.user)))
    }).pipe(withMock(() => MockHttp.json(200, { member: fullMember, roles: wire.server.roles }))))

  it.effect("with roles: false, sends no query and returns the member alone", () =>
    Effect.gen(function*() {
      const member = yield* fetchMember(wire.ids.server, wire.ids.alice, { roles: false })
      assert.strictEqual((yield* MockHttp.requests)[0]?.url.search, "")
      assertFull(member)
    }).pipe(withMock(() => MockHttp.json(200, fullMember))))

  it.effect("refuses ids that are not ULIDs before sending", () =>
    Effect.gen(function*() {
      yield* refusedBeforeSending(fetchMember("not-a-ulid", wire.ids.alice))
      yield* refusedBeforeSending(fetchMember(wire.ids.server, "../me"))
    }))

  it.effect("fails with each declared error", () =>
    Effect.gen(function*() {
      yield* eachDeclaredError(fetchMemberErrors.classes, () => fetchMember(wire.ids.server, wire.ids.alice))
      yield* eachDeclaredError(fetchMemberErrors.classes, () => fetchMember(wire.ids.server, wire.ids.alice, { roles: true }))
    }))

  it.effect("reads an undeclared error type as UnexpectedResponse", () =>
    fetchMember(wire.ids.server, wire.ids.alice).pipe(
      Effect.flip,
      Effect.map((error) => assert.strictEqual(error._tag, "UnexpectedResponse")),
      withMock(() => MockHttp.json(403, wire.apiError("MissingPermission", { permission: "ViewChannel" })))
    ))
})

describe("Member on the wire", () => {
  it("encodes back to the wire JSON, every field included (the seed's to_dict loses can_publish and can_receive)", () => {
    const member = Schema.decodeUnknownSync(Member)(fullMember)
    assert.deepStrictEqual<unknown>(Schema.encodeSync(Member)(member), {
      ...fullMember,
      avatar: Schema.encodeSync(File)(Option.getOrThrow(member.avatar))
    })
    assert.deepStrictEqual<unknown>(Schema.encodeSync(Member)(Schema.decodeUnknownSync(Member)(bareMember)), {
      ...bareMember,
      roles: [],
      can_publish: true,
      can_receive: true
    })
  })
})

describe("fetchMembers", () => {
  const body = { members: [fullMember, bareMember], users: [wire.alice, wire.bob] }

  it.effect("sends GET /servers/{id}/members and decodes members and users; the cache learns them all", () =>
    Effect.gen(function*() {
      const list = yield* fetchMembers(wire.ids.server)
      const [request] = yield* MockHttp.requests
      assert.strictEqual(request?.method, "GET")
      assert.strictEqual(request?.path, `/servers/${wire.ids.server}/members`)
      assert.strictEqual(request?.url.search, "")
      assert.isUndefined(request?.body)
      assert.instanceOf(list, MemberList)
      const [alice, bob] = list.members
      if (alice === undefined || bob === undefined) return assert.fail("expected two members")
      assertFull(alice)
      assertBare(bob)
      assert.deepStrictEqual(list.users.map((user) => user.username), ["alice", "bob"])
      assert.isTrue(list.users.every((user) => user instanceof User))
      const cache = yield* StoatCache
      for (const member of list.members) {
        assert.deepStrictEqual(yield* cache.getMember(member.id.server, member.id.user), Option.some(member))
      }
      for (const user of list.users) assert.deepStrictEqual(yield* cache.getUser(user.id), Option.some(user))
    }).pipe(withMock(() => MockHttp.json(200, body))))

  it.effect("reads members sent with null fields, and an empty list", () =>
    Effect.gen(function*() {
      const list = yield* fetchMembers(wire.ids.server)
      assert.lengthOf(list.members, 1)
      assertBare(list.members[0]!)
      const empty = yield* fetchMembers(wire.ids.server).pipe(withMock(() => MockHttp.json(200, { members: [], users: [] })))
      assert.lengthOf(empty.members, 0)
    }).pipe(withMock(() => MockHttp.json(200, { members: [nullMember], users: [wire.bob] }))))

  it.effect("with excludeOffline: true, sends ?exclude_offline=true", () =>
    Effect.gen(function*() {
      yield* fetchMembers({ id: wire.ids.server }, { excludeOffline: true })
      yield* fetchMembers(wire.ids.server, { excludeOffline: false })
      const [online, all] = yield* MockHttp.requests
      assert.strictEqual(online?.url.search, "?exclude_offline=true")
      assert.strictEqual(all?.url.search, "")
    }).pipe(withMock(() => MockHttp.json(200, body))))

  it.effect("reads a malformed member as UnexpectedResponse, not a defect", () =>
    fetchMembers(wire.ids.server).pipe(
      Effect.flip,
      Effect.map((error) => assert.strictEqual(error._tag, "UnexpectedResponse")),
      withMock(() => MockHttp.json(200, { members: [{ ...bareMember, joined_at: "soon" }], users: [] }))
    ))

  it.effect("refuses a server id that is not a ULID before sending", () => refusedBeforeSending(fetchMembers("")))

  it.effect("fails with each declared error", () =>
    Effect.gen(function*() {
      yield* eachDeclaredError(fetchMembersErrors.classes, () => fetchMembers(wire.ids.server))
    }))
})

describe("fetchServer", () => {
  it.effect("sends GET /servers/{id} and decodes the server with its roles; the cache learns it", () =>
    Effect.gen(function*() {
      const server = yield* fetchServer(wire.ids.server)
      const [request] = yield* MockHttp.requests
      assert.strictEqual(request?.method, "GET")
      assert.strictEqual(request?.path, `/servers/${wire.ids.server}`)
      assert.strictEqual(request?.url.search, "")
      assert.instanceOf(server, Server)
      assert.strictEqual<string>(server.owner, wire.ids.bob)
      assert.strictEqual(server.defaultPermissions, 77014766592)
      assert.strictEqual(server.roles[roleId]?.permissions.allow, 64)
      assert.strictEqual(server.roles[roleId]?.rank, 1)
      assert.isTrue(Option.isNone(server.description))
      const cache = yield* StoatCache
      assert.deepStrictEqual(yield* cache.getServer(server.id), Option.some(server))
    }).pipe(withMock(() => MockHttp.json(200, wire.server))))

  it.effect("reads a server sent with null and omitted optional fields", () =>
    Effect.gen(function*() {
      const server = yield* fetchServer(wire.ids.server)
      assert.deepStrictEqual(server.roles, {})
      assert.deepStrictEqual(server.channels, [])
      assert.isTrue(Option.isNone(server.icon))
      assert.isTrue(Option.isNone(server.description))
      assert.strictEqual(server.flags, 0)
    }).pipe(withMock(() =>
      MockHttp.json(200, { _id: wire.ids.server, owner: wire.ids.bob, name: "s", default_permissions: 0, description: null, icon: null })
    )))

  it.effect("with includeChannels: the server flattened with its visible channels, as the backend sends it", () =>
    Effect.gen(function*() {
      const { server, channels } = yield* fetchServer(wire.ids.server, { includeChannels: true })
      const [request] = yield* MockHttp.requests
      assert.strictEqual(request?.url.search, "?include_channels=true")
      assert.strictEqual(server.name, "Stoat Lovers")
      assert.deepStrictEqual(channels.map((channel) => channel._tag), ["TextChannel"])
      assert.deepStrictEqual<ReadonlyArray<string>>(server.channels, [wire.ids.channel])
      const cache = yield* StoatCache
      assert.isTrue(Option.isSome(yield* cache.getChannel(ChannelId.make(wire.ids.channel))))
    }).pipe(withMock(() => MockHttp.json(200, { ...wire.server, channels: [wire.textChannel] }))))

  it.effect("refuses a server id that is not a ULID before sending", () => refusedBeforeSending(fetchServer("01H")))

  it.effect("fails with each declared error", () =>
    Effect.gen(function*() {
      yield* eachDeclaredError(fetchServerErrors.classes, () => fetchServer(wire.ids.server))
    }))
})

describe("fetchInstance and fileServerUrl", () => {
  const instance = {
    revolt: "0.15.1",
    features: {
      captcha: { enabled: false, key: "" },
      email: true,
      invite_only: false,
      autumn: { enabled: true, url: "https://cdn.example.test/" },
      january: { enabled: true, url: "https://proxy.example.test" },
      livekit: { enabled: true, nodes: [{ name: "worldwide", lat: 0, lon: 0, public_url: "wss://voice.example.test" }] },
      limits: { global: { group_size: 100 } }
    },
    ws: "wss://events.example.test",
    app: "https://app.example.test",
    vapid: "key",
    build: { commit_sha: "abc" }
  }

  it.effect("sends GET / and decodes the instance", () =>
    Effect.gen(function*() {
      const decoded = yield* fetchInstance()
      const [request] = yield* MockHttp.requests
      assert.strictEqual(request?.method, "GET")
      assert.strictEqual(request?.url.href, `${baseUrl}/`)
      assert.instanceOf(decoded, Instance)
      assert.strictEqual(decoded.version, "0.15.1")
      assert.strictEqual(decoded.features.autumn.url, "https://cdn.example.test/")
      assert.strictEqual(Option.getOrThrow(decoded.features.livekit).nodes[0]?.publicUrl, "wss://voice.example.test")
    }).pipe(withMock(() => MockHttp.json(200, instance))))

  it.effect("decodes an instance without the optional features", () =>
    Effect.gen(function*() {
      const decoded = yield* fetchInstance()
      assert.isTrue(Option.isNone(decoded.features.livekit))
      assert.isFalse(decoded.features.inviteOnly)
    }).pipe(withMock(() =>
      MockHttp.json(200, { ...instance, features: { autumn: { enabled: true, url: "https://cdn.example.test" } } })
    )))

  it.effect("declares no error of its own: every error body is UnexpectedResponse", () =>
    Effect.gen(function*() {
      assert.lengthOf(fetchInstanceErrors.classes, 0)
      const error = yield* Effect.flip(fetchInstance())
      assert.strictEqual(error._tag, "UnexpectedResponse")
    }).pipe(withMock(() => MockHttp.json(500, wire.apiError("InternalError")))))

  it.effect("fileServerUrl asks GET / when no file server is configured", () =>
    Effect.gen(function*() {
      assert.strictEqual(yield* fileServerUrl, "https://cdn.example.test")
      assert.lengthOf(yield* MockHttp.requests, 1)
    }).pipe(withMock(() => MockHttp.json(200, instance))))

  it.effect("fileServerUrl takes the configured file server without a request", () =>
    Effect.gen(function*() {
      assert.strictEqual(yield* fileServerUrl, "https://files.example.test")
      assert.lengthOf(yield* MockHttp.requests, 0)
    }).pipe(
      Effect.provide(StoatClient.layer.pipe(
        Layer.provideMerge(MockHttp.layer(() => MockHttp.json(500, {}))),
        Layer.provide(StoatConfig.layer({ token: Redacted.make("t"), fileServerUrl: "https://files.example.test/" }))
      ))
    ))
})
