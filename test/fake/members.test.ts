import { assert, describe, it } from "@effect/vitest"
import { Effect, Option } from "effect"
import { fetchMember, fetchMembers, fetchServer, hasPermission, ServerId, serverPermissions, StoatCache, UserId } from "effect-stoat"
import { demoSeed, on, transports } from "./fakeHelpers.js"

const lovers = demoSeed.id("lovers")

for (const transport of transports) {
  const { as, scenario } = on(transport)

  describe(`the fake (${transport}): fetching members and servers`, () => {
    it.effect("the members list pairs members and users, sorted by user id, and fills the cache", () =>
      Effect.gen(function*() {
        const list = yield* fetchMembers(lovers)
        assert.deepStrictEqual(list.members.map((member) => member.id.user), list.users.map((user) => user.id))
        assert.deepStrictEqual(list.users.map((user) => user.username), ["owner", "alice", "bob", "modbot"])
        const cache = yield* StoatCache
        const alice = yield* cache.getMember(ServerId.make(lovers), UserId.make(demoSeed.id("alice")))
        assert.strictEqual(Option.getOrThrow(Option.flatMap(alice, (member) => member.nickname)), "Al")
      }).pipe(as("bob")))

    it.effect("excludeOffline drops the members whose user is offline", () => {
      const seed = demoSeed.user("sleepy", { online: false }).member("lovers", "sleepy")
      return scenario(seed, (as) =>
        Effect.gen(function*() {
          const all = yield* fetchMembers(lovers).pipe(as("bob"))
          const online = yield* fetchMembers(lovers, { excludeOffline: true }).pipe(as("bob"))
          assert.include(all.users.map((user) => user.username), "sleepy")
          assert.notInclude(online.users.map((user) => user.username), "sleepy")
          assert.strictEqual(online.members.length, all.members.length - 1)
        }))
    })

    it.effect("a non-member sees neither the members nor the server: NotFound", () =>
      Effect.gen(function*() {
        assert.strictEqual((yield* Effect.flip(fetchMembers(lovers)))._tag, "NotFound")
        assert.strictEqual((yield* Effect.flip(fetchServer(lovers)))._tag, "NotFound")
        assert.strictEqual((yield* Effect.flip(fetchMember(lovers, demoSeed.id("alice"))))._tag, "NotFound")
      }).pipe(as("carol")))

    it.effect("one member, alone or with the roles it holds; a user who is not a member is NotFound", () =>
      Effect.gen(function*() {
        const alice = yield* fetchMember(lovers, demoSeed.id("alice"))
        assert.deepStrictEqual<ReadonlyArray<string>>(alice.roles, [demoSeed.id("mod")])
        const withRoles = yield* fetchMember(lovers, demoSeed.id("alice"), { roles: true })
        assert.deepStrictEqual(Object.values(withRoles.roles).map((role) => role.name), ["Mod"])
        assert.strictEqual((yield* Effect.flip(fetchMember(lovers, demoSeed.id("carol"))))._tag, "NotFound")
      }).pipe(as("bob")))

    it.effect("with includeChannels a member gets only the channels it can see", () => {
      const seed = demoSeed.channel("staff", { server: "lovers", defaultPermissions: { allow: 0, deny: 2 ** 20 } })
      return scenario(seed, (as) =>
        Effect.gen(function*() {
          const { channels } = yield* fetchServer(lovers, { includeChannels: true }).pipe(as("bob"))
          assert.deepStrictEqual(channels.map((channel) => "name" in channel ? channel.name : ""), ["general", "lounge"])
          const owners = yield* fetchServer(lovers, { includeChannels: true }).pipe(as("owner"))
          assert.lengthOf(owners.channels, 3)
        }))
    })

    it.effect("a bot learns roles and permissions from the server it fetches, and they match what the fake enforces", () =>
      Effect.gen(function*() {
        const server = yield* fetchServer(lovers)
        assert.sameMembers(Object.values(server.roles).map((role) => role.name), ["Admin", "Mod", "Member"])
        const alice = yield* fetchMember(lovers, demoSeed.id("alice"))
        const bob = yield* fetchMember(lovers, demoSeed.id("bob"))
        assert.isTrue(hasPermission((yield* serverPermissions(alice, server)).raw, "KickMembers"))
        assert.isFalse(hasPermission((yield* serverPermissions(bob, server)).raw, "KickMembers"))
      }).pipe(as("modbot")))
  })
}
