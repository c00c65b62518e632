import { assert, describe, it } from "@effect/vitest"
import { DateTime, Duration, Effect, Option, TestClock } from "effect"
import { banMember, editMember, fetchBans, kickMember, timeoutMember, unbanUser } from "effect-stoat"
import { makeUlid } from "../../src/schema/Ids.js"
import { StoatFake, StoatFakeSeed } from "effect-stoat/testing"
import { demoSeed, on, transports } from "./fakeHelpers.js"

const member = (seed: StoatFakeSeed, user: string) => ({ server: seed.id("lovers"), user: seed.id(user) })

for (const transport of transports) {
  const { scenario } = on(transport)

  describe(`the fake (${transport}): kicking`, () => {
    it.effect("the owner kicks a member, who is gone; kicking them again is NotFound", () =>
      scenario(demoSeed, (as) =>
        Effect.gen(function*() {
          yield* kickMember(member(demoSeed, "bob")).pipe(as("owner"))
          const fake = yield* StoatFake
          assert.isFalse(yield* fake.isMember(demoSeed.id("lovers"), demoSeed.id("bob")))
          assert.strictEqual((yield* Effect.flip(kickMember(member(demoSeed, "bob")).pipe(as("owner"))))._tag, "NotFound")
        })))

    it.effect("the checks come in the backend's order: yourself, the owner, the permission, rank", () => {
      const seed = demoSeed.user("alice2").member("lovers", "alice2", { roles: ["mod"] })
      return scenario(seed, (as) =>
        Effect.gen(function*() {
          const kick = (actor: string, target: string) => Effect.flip(kickMember(member(seed, target))).pipe(as(actor))
          assert.strictEqual((yield* kick("alice", "alice"))._tag, "CannotRemoveYourself")
          assert.strictEqual((yield* kick("modbot", "owner"))._tag, "InvalidOperation")
          const missing = yield* kick("bob", "alice")
          assert.strictEqual(missing._tag, "MissingPermission")
          if (missing._tag === "MissingPermission") assert.strictEqual(missing.permission, "KickMembers")
          assert.strictEqual((yield* kick("alice", "modbot"))._tag, "NotElevated")
          assert.strictEqual((yield* kick("alice", "alice2"))._tag, "NotElevated")
          yield* kickMember(member(seed, "alice2")).pipe(as("modbot"))
        }))
    })

    it.effect("members without roles never outrank anyone, whatever the default permissions grant", () => {
      const seed = StoatFakeSeed.make().user("owner").user("a").user("b")
        .server("lovers", { owner: "owner", defaultPermissions: 77014766592 + 2 ** 6 })
        .member("lovers", "a").member("lovers", "b")
      return scenario(seed, (as) =>
        Effect.gen(function*() {
          assert.strictEqual((yield* Effect.flip(kickMember(member(seed, "b")).pipe(as("a"))))._tag, "NotElevated")
        }))
    })
  })

  describe(`the fake (${transport}): banning`, () => {
    it.effect("a ban removes the member, shows in the ban list, and unbanning lifts it", () =>
      scenario(demoSeed, (as) =>
        Effect.gen(function*() {
          const ban = yield* banMember(member(demoSeed, "bob"), { reason: "spam" }).pipe(as("alice"))
          assert.strictEqual(Option.getOrThrow(ban.reason), "spam")
          const fake = yield* StoatFake
          assert.isFalse(yield* fake.isMember(demoSeed.id("lovers"), demoSeed.id("bob")))
          const list = yield* fetchBans(demoSeed.id("lovers")).pipe(as("alice"))
          assert.sameMembers(list.users.map((user) => user.username), ["bob", "mallory"])
          yield* unbanUser(demoSeed.id("lovers"), demoSeed.id("bob")).pipe(as("alice"))
          assert.isFalse(yield* fake.isBanned(demoSeed.id("lovers"), demoSeed.id("bob")))
          assert.strictEqual((yield* Effect.flip(unbanUser(demoSeed.id("lovers"), demoSeed.id("bob")).pipe(as("alice"))))._tag, "NotFound")
        })))

    it.effect("banning someone already banned is the backend's 500 DatabaseError", () =>
      scenario(demoSeed, (as) =>
        Effect.gen(function*() {
          const error = yield* Effect.flip(banMember(member(demoSeed, "mallory")).pipe(as("alice")))
          assert.strictEqual(error._tag, "DatabaseError")
          if (error._tag === "DatabaseError") assert.strictEqual(error.collection, "server_bans")
        })))

    it.effect("any id can be banned, even one that is no user; the ban list then has fewer users than bans", () =>
      scenario(demoSeed, (as) =>
        Effect.gen(function*() {
          const ghost = makeUlid(Date.UTC(2025, 0, 1), 99n)
          yield* banMember({ server: demoSeed.id("lovers"), user: ghost }).pipe(as("alice"))
          const list = yield* fetchBans(demoSeed.id("lovers")).pipe(as("alice"))
          assert.lengthOf(list.bans, 2)
          assert.lengthOf(list.users, 1)
        })))

    it.effect("the owner cannot be banned; a plain member cannot ban; bans need BanMembers to list", () =>
      scenario(demoSeed, (as) =>
        Effect.gen(function*() {
          assert.strictEqual((yield* Effect.flip(banMember(member(demoSeed, "owner")).pipe(as("alice"))))._tag, "InvalidOperation")
          assert.strictEqual((yield* Effect.flip(banMember(member(demoSeed, "carol")).pipe(as("bob"))))._tag, "MissingPermission")
          assert.strictEqual((yield* Effect.flip(fetchBans(demoSeed.id("lovers")).pipe(as("bob"))))._tag, "MissingPermission")
        })))
  })

  describe(`the fake (${transport}): editing members`, () => {
    it.effect("nicknames: your own with ChangeNickname, others' with ManageNicknames", () =>
      scenario(demoSeed, (as) =>
        Effect.gen(function*() {
          const own = yield* editMember(member(demoSeed, "bob"), { nickname: "Bobby" }).pipe(as("bob"))
          assert.strictEqual(Option.getOrThrow(own.nickname), "Bobby")
          const denied = yield* Effect.flip(editMember(member(demoSeed, "alice"), { nickname: "x" }).pipe(as("bob")))
          assert.strictEqual(denied._tag, "MissingPermission")
          const cleared = yield* editMember(member(demoSeed, "bob"), { nickname: null }).pipe(as("alice"))
          assert.isTrue(Option.isNone(cleared.nickname))
          assert.strictEqual((yield* Effect.flip(editMember(member(demoSeed, "bob"), { pronouns: "he/him" }).pipe(as("alice"))))._tag, "InvalidOperation")
        })))

    it.effect("timeouts: set from a Duration, IsElevated on a TimeoutMembers holder, never on yourself", () =>
      scenario(demoSeed, (as) =>
        Effect.gen(function*() {
          yield* TestClock.setTime(Date.UTC(2026, 10, 23, 12))
          const timed = yield* timeoutMember(member(demoSeed, "bob"), Duration.hours(1)).pipe(as("alice"))
          assert.strictEqual(DateTime.toEpochMillis(Option.getOrThrow(timed.timeout)), Date.UTC(2026, 10, 23, 13))
          assert.strictEqual((yield* Effect.flip(timeoutMember(member(demoSeed, "modbot"), Duration.hours(1)).pipe(as("alice"))))._tag, "IsElevated")
          assert.strictEqual((yield* Effect.flip(timeoutMember(member(demoSeed, "alice"), Duration.hours(1)).pipe(as("alice"))))._tag, "CannotTimeoutYourself")
          const lifted = yield* timeoutMember(member(demoSeed, "bob"), null).pipe(as("alice"))
          assert.isTrue(Option.isNone(lifted.timeout))
        })))

    it.effect("roles: AssignRoles needed, unknown roles are InvalidRole, a role at or above your rank is NotElevated", () =>
      scenario(demoSeed, (as) =>
        Effect.gen(function*() {
          const given = yield* editMember(member(demoSeed, "bob"), { roles: [demoSeed.id("mod")] }).pipe(as("modbot"))
          assert.deepStrictEqual<ReadonlyArray<string>>(given.roles, [demoSeed.id("mod")])
          assert.strictEqual((yield* Effect.flip(editMember(member(demoSeed, "bob"), { roles: [] }).pipe(as("alice"))))._tag, "MissingPermission")
          const unknownRole = makeUlid(Date.UTC(2025, 0, 1), 12345n)
          assert.strictEqual((yield* Effect.flip(editMember(member(demoSeed, "bob"), { roles: [unknownRole] }).pipe(as("modbot"))))._tag, "InvalidRole")
          assert.strictEqual((yield* Effect.flip(editMember(member(demoSeed, "bob"), { roles: [demoSeed.id("admin")] }).pipe(as("modbot"))))._tag, "NotElevated")
        })))

    it.effect("a server-muted member may clear the mute on themselves (the backend does not check it)", () => {
      const seed = demoSeed.member("lovers", "carol", { canPublish: false })
      return scenario(seed, (as) =>
        Effect.gen(function*() {
          assert.strictEqual((yield* Effect.flip(editMember(member(seed, "carol"), { canPublish: true }).pipe(as("carol"))))._tag, "MissingPermission")
          const unmuted = yield* editMember(member(seed, "carol"), { canPublish: null }).pipe(as("carol"))
          assert.isTrue(unmuted.canPublish)
        }))
    })

    it.effect("voice: moving someone needs them connected, to a channel of this server", () =>
      scenario(demoSeed, (as) =>
        Effect.gen(function*() {
          const notConnected = yield* Effect.flip(editMember(member(demoSeed, "bob"), { voiceChannel: demoSeed.id("lounge") }).pipe(as("owner")))
          assert.strictEqual(notConnected._tag, "NotConnected")
          const elsewhere = yield* Effect.flip(editMember(member(demoSeed, "bob"), { voiceChannel: demoSeed.id("friends") }).pipe(as("owner")))
          assert.strictEqual(elsewhere._tag, "UnknownChannel")
        })))
  })
}
