import { assert, describe, it } from "@effect/vitest"
import { DateTime, Effect, Record, Schema, TestClock } from "effect"
import {
  AllowInTimeout,
  applyOverride,
  DefaultPermission,
  DefaultPermissionDirectMessage,
  DefaultPermissionServer,
  DefaultPermissionViewOnly,
  GrantAllSafe,
  hasPermission,
  Member,
  memberRanking,
  outranks,
  Permission,
  PermissionOverride,
  permissionSet,
  Server,
  serverPermissions,
  serverPermissionsAt,
  User
} from "effect-stoat"

const ids = {
  server: "01HZ8Y3Q4R5S6T7V8W9X0YZABC",
  other: "01HZ8Y3Q4R5S6T7V8W9X0YZOTH",
  owner: "01HZ8Y3Q4R5S6T7V8W9X0YZOWN",
  alice: "01HZ8Y3Q4R5S6T7V8W9X0YZA1C",
  bob: "01HZ8Y3Q4R5S6T7V8W9X0YZB0B",
  mod: "01HZ8Y3Q4R5S6T7V8W9X0YZR01",
  helper: "01HZ8Y3Q4R5S6T7V8W9X0YZR02",
  muted: "01HZ8Y3Q4R5S6T7V8W9X0YZR03",
  peer: "01HZ8Y3Q4R5S6T7V8W9X0YZR04"
} as const

const P = Permission
const role = (id: string, rank: number, a: number, d = 0) => ({ _id: id, name: id, permissions: { a, d }, rank })

/** Ranks: mod 1 (highest), peer 1, helper 2, muted 3 (lowest). */
const server = Schema.decodeUnknownSync(Server)({
  _id: ids.server,
  owner: ids.owner,
  name: "Stoat Lovers",
  default_permissions: DefaultPermissionServer,
  roles: {
    [ids.muted]: role(ids.muted, 3, 0, P.SendMessage + P.KickMembers),
    [ids.helper]: role(ids.helper, 2, P.KickMembers + P.ManageMessages),
    [ids.mod]: role(ids.mod, 1, P.SendMessage + P.BanMembers, P.ManageMessages),
    [ids.peer]: role(ids.peer, 1, P.TimeoutMembers)
  }
})

const now = DateTime.unsafeMake("2024-05-01T12:00:00.000Z")
const member = (user: string, fields: Record<string, unknown> = {}, serverId: string = ids.server) =>
  Schema.decodeUnknownSync(Member)({ _id: { server: serverId, user }, joined_at: "2024-01-01T00:00:00.000Z", ...fields })
const user = (id: string, fields: Record<string, unknown> = {}) =>
  Schema.decodeUnknownSync(User)({ _id: id, username: id, discriminator: "0001", relationship: "None", online: true, ...fields })

const table: ReadonlyArray<readonly [string, Member, User | undefined, number]> = [
  ["the owner gets everything, whatever its roles and timeout", member(ids.owner, { roles: [ids.muted], timeout: "2030-01-01T00:00:00.000Z", can_publish: false }), undefined, GrantAllSafe],
  ["a privileged user gets everything", member(ids.alice, { roles: [ids.muted] }), user(ids.alice, { privileged: true }), GrantAllSafe],
  ["another user's privilege does not count", member(ids.alice), user(ids.bob, { privileged: true }), DefaultPermissionServer],
  ["a member of another server gets nothing here", member(ids.alice, {}, ids.other), undefined, 0],
  ["a member without roles gets the server's defaults", member(ids.alice), undefined, DefaultPermissionServer],
  ["roles the server does not have are ignored", member(ids.alice, { roles: ["01HZ8Y3Q4R5S6T7V8W9X0YZGON"] }), undefined, DefaultPermissionServer],
  ["a role adds what it allows", member(ids.alice, { roles: [ids.helper] }), undefined, DefaultPermissionServer + P.KickMembers + P.ManageMessages],
  ["a role removes what it denies", member(ids.alice, { roles: [ids.muted] }), undefined, DefaultPermissionServer - P.SendMessage],
  ["a higher role's allow overrides a lower role's deny", member(ids.alice, { roles: [ids.muted, ids.mod] }), undefined, DefaultPermissionServer + P.BanMembers],
  ["a higher role's deny overrides a lower role's allow", member(ids.alice, { roles: [ids.helper, ids.mod] }), undefined, DefaultPermissionServer + P.KickMembers + P.BanMembers],
  ["the order the member lists its roles in does not matter", member(ids.alice, { roles: [ids.mod, ids.helper, ids.muted] }), undefined, DefaultPermissionServer + P.KickMembers + P.BanMembers],
  ["a member who cannot publish loses Speak and Video", member(ids.alice, { can_publish: false }), undefined, DefaultPermissionServer - P.Speak - P.Video],
  ["a member who cannot receive loses Listen", member(ids.alice, { can_receive: false }), undefined, DefaultPermissionServer - P.Listen],
  ["a timed-out member keeps only ViewChannel and ReadMessageHistory", member(ids.alice, { roles: [ids.mod], timeout: "2024-05-01T12:00:00.001Z" }), undefined, AllowInTimeout],
  ["a timeout that ended restricts nothing", member(ids.alice, { timeout: "2024-05-01T12:00:00.000Z" }), undefined, DefaultPermissionServer],
  ["a timed-out member keeps only what it had of the two", member(ids.alice, { roles: [ids.muted], timeout: "2030-01-01T00:00:00.000Z" }), undefined, AllowInTimeout]
]

describe("serverPermissionsAt (reference §4.2)", () => {
  for (const [name, target, account, expected] of table) {
    it(name, () => {
      const permissions = serverPermissionsAt(target, server, now, account)
      assert.strictEqual(permissions.raw, expected)
      assert.deepStrictEqual(permissions, permissionSet(expected))
    })
  }

  it.effect("reads the same through the Clock", () =>
    Effect.gen(function*() {
      const timedOut = member(ids.alice, { timeout: "2024-05-01T12:00:00.000Z" })
      yield* TestClock.setTime(DateTime.toEpochMillis(now) - 1)
      assert.strictEqual((yield* serverPermissions(timedOut, server)).raw, AllowInTimeout)
      yield* TestClock.setTime(DateTime.toEpochMillis(now))
      assert.strictEqual((yield* serverPermissions(timedOut, server)).raw, DefaultPermissionServer)
    }))
})

describe("rank (reference §4.3)", () => {
  const plain = member(ids.alice)
  const other = member(ids.bob)
  const mod = member(ids.alice, { roles: [ids.mod, ids.muted] })
  const peer = member(ids.bob, { roles: [ids.peer] })
  const helper = member(ids.bob, { roles: [ids.helper] })
  const owner = member(ids.owner)

  const cases: ReadonlyArray<readonly [string, Member, Member, User | undefined, boolean]> = [
    ["a higher rank outranks a lower one", mod, helper, undefined, true],
    ["a lower rank does not outrank a higher one", helper, mod, undefined, false],
    ["an equal rank does not outrank", mod, peer, undefined, false],
    ["two members without roles do not outrank each other", plain, other, undefined, false],
    ["a member without roles outranks no one", plain, helper, undefined, false],
    ["any role outranks a member without roles", helper, plain, undefined, true],
    ["the owner outranks everyone", owner, mod, undefined, true],
    ["a privileged user outranks everyone", plain, mod, user(ids.alice, { privileged: true }), true],
    ["another user's privilege does not count", plain, mod, user(ids.bob, { privileged: true }), false]
  ]
  for (const [name, actor, target, account, expected] of cases) {
    it(name, () => assert.strictEqual(outranks(actor, target, server, account), expected))
  }

  it("ranks a member by its best role, and without roles last", () => {
    assert.strictEqual(memberRanking(mod, server), 1)
    assert.strictEqual(memberRanking(helper, server), 2)
    assert.strictEqual(memberRanking(plain, server), Number.POSITIVE_INFINITY)
  })
})

describe("permission bits (reference §4.1)", () => {
  it("has the backend's defaults", () => {
    assert.strictEqual(DefaultPermissionViewOnly, 3145728)
    assert.strictEqual(DefaultPermission, 76477890560)
    assert.strictEqual(DefaultPermissionDirectMessage, 77283196929)
    assert.strictEqual(DefaultPermissionServer, 77014766592)
    assert.strictEqual(GrantAllSafe, 4503599627370495)
    assert.strictEqual(P.ViewAuditLogs, 1099511627776)
  })

  it("works above 32 bits, where JavaScript's bitwise operators stop", () => {
    const bits = applyOverride(P.Video + P.SendMessage, new PermissionOverride({ allow: P.ViewAuditLogs, deny: P.Video }))
    assert.strictEqual(bits, P.ViewAuditLogs + P.SendMessage)
    assert.isTrue(hasPermission(bits, "ViewAuditLogs", "SendMessage"))
    assert.isFalse(hasPermission(bits, "Video"))
    const set = permissionSet(GrantAllSafe)
    assert.isTrue(Record.keys(P).every((name) => set[name]))
  })

  it("reads the backend's i64 overrides: a negative allow grants every bit, odd numbers do not throw", () => {
    assert.strictEqual(applyOverride(0, new PermissionOverride({ allow: -1, deny: P.Speak })), 2 ** 53 - 1 - P.Speak)
    assert.strictEqual(applyOverride(P.Speak, new PermissionOverride({ allow: Number.NaN, deny: 1.5 })), P.Speak)
  })

  it("names the bits of a set, keeping the raw number", () => {
    const set = permissionSet(P.BanMembers + 2 ** 5)
    assert.isTrue(set.BanMembers)
    assert.isFalse(set.KickMembers)
    assert.strictEqual(set.raw, P.BanMembers + 32)
  })
})
