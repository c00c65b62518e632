import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, Option, Redacted } from "effect"
import {
  banMember,
  fetchBans,
  fetchMembers,
  kickMember,
  openDm,
  ServerId,
  StoatCache,
  StoatClient,
  StoatConfig,
  unbanUser,
  UserId
} from "effect-stoat"
import { StoatFake, StoatFakeSeed } from "effect-stoat/testing"

const seed = StoatFakeSeed.make()
  .user("owner")
  .bot("guard", { owner: "owner" })
  .user("a")
  .user("b")
  .user("c")
  .user("d")
  .server("home", { owner: "owner", roles: { bots: { rank: 1, allow: 64 + 128 } } })
  .member("home", "guard", { roles: ["bots"] })
  .member("home", "a")
  .member("home", "b")
  .member("home", "c")
  .member("home", "d")

const client = (cache = StoatCache.layer) =>
  StoatClient.layerWith({ cache }).pipe(
    Layer.provideMerge(StoatFake.layer(seed)),
    Layer.provide(StoatConfig.layer({ token: Redacted.make(seed.token("guard")), tokenKind: "bot", baseUrl: "http://fake.stoat" }))
  )

const home = ServerId.make(seed.id("home"))
const user = (handle: string) => UserId.make(seed.id(handle))

describe("StoatCache", () => {
  it.effect("keeps at most the configured number of each kind: when full, the one learnt first goes", () =>
    Effect.gen(function*() {
      const list = yield* fetchMembers(home)
      assert.lengthOf(list.members, 6)
      const cache = yield* StoatCache
      const members = yield* Effect.forEach(list.members, (member) => cache.getMember(member.id.server, member.id.user))
      assert.strictEqual(members.filter(Option.isSome).length, 3)
      // The last ones learnt are kept.
      for (const member of list.members.slice(-3)) assert.isTrue(Option.isSome(yield* cache.getMember(member.id.server, member.id.user)))
      assert.lengthOf(yield* cache.users, 2)
    }).pipe(Effect.provide(client(StoatCache.layerWith({ members: 3, users: 2 })))))

  it.effect("the pipeline alone writes it: a kick forgets the member, a ban records the ban, an unban forgets it", () =>
    Effect.gen(function*() {
      const cache = yield* StoatCache
      yield* fetchMembers(home)
      assert.isTrue(Option.isSome(yield* cache.getMember(home, user("a"))))
      yield* kickMember({ server: home, user: user("a") })
      assert.isTrue(Option.isNone(yield* cache.getMember(home, user("a"))))
      yield* banMember({ server: home, user: user("b") })
      assert.isTrue(Option.isNone(yield* cache.getMember(home, user("b"))))
      assert.deepStrictEqual((yield* cache.getBans(home)).map((ban) => ban.id.user), [user("b")])
      yield* unbanUser(home, user("b"))
      assert.lengthOf(yield* cache.getBans(home), 0)
    }).pipe(Effect.provide(client())))

  it.effect("a fetched ban list replaces the server's bans; an opened DM is remembered by user", () =>
    Effect.gen(function*() {
      const cache = yield* StoatCache
      yield* banMember({ server: home, user: user("c") })
      yield* banMember({ server: home, user: user("b") })
      const stale = yield* cache.getBans(home)
      yield* unbanUser(home, user("b"))
      // The cache is told b is still banned: only a list that replaces, not one merged in, forgets it.
      yield* cache.replaceBans(home, stale)
      yield* fetchBans(home)
      assert.deepStrictEqual((yield* cache.getBans(home)).map((ban) => ban.id.user), [user("c")])
      const dm = yield* openDm(user("d"))
      assert.deepStrictEqual(yield* cache.getDmChannelId(user("d")), Option.some(dm.id))
      assert.isTrue(Option.isSome(yield* cache.getChannel(dm.id)))
    }).pipe(Effect.provide(client())))
})
