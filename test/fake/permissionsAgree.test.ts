import { assert, describe, it } from "@effect/vitest"
import { DateTime, FastCheck as fc, Option, Schema } from "effect"
import { Member, memberRanking, outranks, Server, serverPermissionsAt, User } from "effect-stoat"
import type { MemberRecord, RoleRecord, ServerRecord, UserRecord } from "../../src/testing/fake/records.js"
import { memberRank, serverPermissionsOf } from "../../src/testing/fake/rules/permissions.js"

/**
 * The client's permission and rank rules (src/schema/serverPermissions.ts) and the fake's own
 * (src/testing/fake/rules/permissions.ts) are two implementations of the backend's: on random
 * servers, roles, overrides and members they must agree.
 */

const now = Date.UTC(2026, 0, 1)
const serverId = "01HZ8Y3Q4R5S6T7V8W9X0YZSRV"
const otherServer = "01HZ8Y3Q4R5S6T7V8W9X0YZOTH"
const userId = "01HZ8Y3Q4R5S6T7V8W9X0YZUSR"
const actorId = "01HZ8Y3Q4R5S6T7V8W9X0YZACT"
const ownerId = "01HZ8Y3Q4R5S6T7V8W9X0YZOWN"
const roleIds = ["01HZ8Y3Q4R5S6T7V8W9X0YZR00", "01HZ8Y3Q4R5S6T7V8W9X0YZR01", "01HZ8Y3Q4R5S6T7V8W9X0YZR02", "01HZ8Y3Q4R5S6T7V8W9X0YZR03", "01HZ8Y3Q4R5S6T7V8W9X0YZR04"]
const unknownRole = "01HZ8Y3Q4R5S6T7V8W9X0YZR99"

/** Any permission bits the backend could hold and a JS number can carry exactly (below 2^52). */
const bits = fc.bigInt({ min: 0n, max: (1n << 52n) - 1n }).map(Number)
/** Mostly real permission bits (0 to 40), sometimes anything. */
const permissions = fc.oneof(
  fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 12 }).map((set) => set.reduce((total, bit) => total + 2 ** bit, 0)),
  bits
)

const role = (id: string, rank: number) =>
  fc.record({ a: permissions, d: permissions }).map(({ a, d }): RoleRecord => ({ _id: id, name: id, permissions: { a, d }, hoist: false, rank }))

/**
 * Roles of distinct ranks: the backend applies roles of equal rank in its HashMap's order, which
 * changes from process to process, so only distinct ranks have one right answer (see the tie below).
 */
const roles = fc.subarray(roleIds).chain((ids) =>
  fc.uniqueArray(fc.integer({ min: -3, max: 8 }), { minLength: ids.length, maxLength: ids.length })
    .chain((ranks) => fc.tuple(...ids.map((id, index) => role(id, ranks[index] ?? 0))))
)

const server = fc.record({ roles, defaultPermissions: permissions }).map(({ roles, defaultPermissions }): ServerRecord => ({
  _id: serverId,
  owner: ownerId,
  name: "s",
  channels: [],
  roles: Object.fromEntries(roles.map((role) => [role._id, role])),
  default_permissions: defaultPermissions,
  flags: 0,
  nsfw: false,
  analytics: false,
  discoverable: false
}))

const member = (user: string) =>
  fc.record({
    roles: fc.subarray([...roleIds, unknownRole]),
    canPublish: fc.boolean(),
    canReceive: fc.boolean(),
    timeout: fc.option(fc.integer({ min: -86_400_000, max: 86_400_000 }).map((offset) => now + offset), { nil: undefined }),
    elsewhere: fc.boolean()
  }).map(({ roles, canPublish, canReceive, timeout, elsewhere }): MemberRecord => ({
    _id: { server: elsewhere ? otherServer : serverId, user },
    joined_at: now - 1000,
    roles,
    timeout,
    can_publish: canPublish,
    can_receive: canReceive
  }))

const user = (id: string) =>
  fc.record({ privileged: fc.boolean(), owner: fc.boolean() }).map(({ privileged, owner }): UserRecord => ({
    _id: owner ? ownerId : id,
    username: "u",
    discriminator: "0001",
    badges: 0,
    flags: 0,
    privileged,
    online: true
  }))

/** The client's classes, from wire JSON the test writes itself. */
const clientServer = (record: ServerRecord) =>
  Schema.decodeUnknownSync(Server)({
    _id: record._id,
    owner: record.owner,
    name: record.name,
    channels: [],
    roles: record.roles,
    default_permissions: record.default_permissions
  })
const clientMember = (record: MemberRecord, user: UserRecord) =>
  Schema.decodeUnknownSync(Member)({
    _id: { server: record._id.server, user: user._id },
    joined_at: new Date(record.joined_at ?? 0).toISOString(),
    roles: record.roles,
    timeout: record.timeout === undefined ? undefined : new Date(record.timeout).toISOString(),
    can_publish: record.can_publish,
    can_receive: record.can_receive
  })
const clientUser = (record: UserRecord) =>
  Schema.decodeUnknownSync(User)({
    _id: record._id,
    username: record.username,
    discriminator: record.discriminator,
    privileged: record.privileged,
    relationship: "None",
    online: true
  })

/** The fake's view: a member record only for a member of this server. */
const fakeMember = (record: MemberRecord, user: UserRecord) =>
  record._id.server === serverId ? Option.some({ ...record, _id: { ...record._id, user: user._id } }) : Option.none()

describe("the client's and the fake's permission rules agree", () => {
  it.prop("server permissions", [server, member(userId), user(userId)], ([server, member, user]) => {
    const client = serverPermissionsAt(clientMember(member, user), clientServer(server), DateTime.unsafeMake(now), clientUser(user))
    assert.strictEqual(client.raw, serverPermissionsOf(server, user, fakeMember(member, user), now))
  }, { fastCheck: { numRuns: 500 } })

  it("two roles of equal rank that disagree: either order is the backend's answer, and each side gives one", () => {
    // Found by the property above when it allowed ties: the client applied R03 then R02, the fake R02 then R03.
    const deny = { _id: roleIds[2] ?? "", name: "deny", permissions: { a: 0, d: 2 }, hoist: false, rank: 0 }
    const allow = { _id: roleIds[3] ?? "", name: "allow", permissions: { a: 2, d: 0 }, hoist: false, rank: 0 }
    const tied: ServerRecord = {
      _id: serverId, owner: ownerId, name: "s", channels: [], roles: { [deny._id]: deny, [allow._id]: allow },
      default_permissions: 0, flags: 0, nsfw: false, analytics: false, discoverable: false
    }
    const someone: UserRecord = { _id: userId, username: "u", discriminator: "0001", badges: 0, flags: 0, privileged: false, online: true }
    const holder: MemberRecord = {
      _id: { server: serverId, user: userId }, joined_at: now, roles: [deny._id, allow._id], can_publish: true, can_receive: true
    }
    const client = serverPermissionsAt(clientMember(holder, someone), clientServer(tied), DateTime.unsafeMake(now), clientUser(someone)).raw
    const fake = serverPermissionsOf(tied, someone, Option.some(holder), now)
    assert.includeMembers([0, 2], [client, fake])
  })

  it.prop("rankings, and who outranks whom", [server, member(userId), member(actorId), user(actorId)], ([server, target, actor, actorUser]) => {
    const clientServerValue = clientServer(server)
    const targetRecord = { ...target, _id: { server: serverId, user: userId } }
    assert.strictEqual(memberRanking(clientMember(targetRecord, { ...actorUser, _id: userId }), clientServerValue), memberRank(server, targetRecord))
    const actorRecord = { ...actor, _id: { server: serverId, user: actorUser._id } }
    const fakeActorRank = actorUser.privileged || actorUser._id === ownerId ? Number.NEGATIVE_INFINITY : memberRank(server, actorRecord)
    const clientSays = outranks(
      clientMember(actorRecord, actorUser),
      clientMember(targetRecord, { ...actorUser, _id: userId }),
      clientServerValue,
      clientUser(actorUser)
    )
    assert.strictEqual(clientSays, memberRank(server, targetRecord) > fakeActorRank)
  }, { fastCheck: { numRuns: 300 } })
})
