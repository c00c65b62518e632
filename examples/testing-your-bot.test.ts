import { assert, it } from "@effect/vitest"
import { Effect, Layer, Redacted } from "effect"
import { kickMember, Permission, StoatClient, StoatConfig } from "effect-stoat"
import { StoatFake, StoatFakeSeed } from "effect-stoat/testing"

// Your bot's logic: kick a member, and say what happened whatever the outcome.
const removeSpammer = (server: string, user: string) =>
  kickMember({ server, user }).pipe(
    Effect.as("kicked"),
    Effect.catchTags({
      NotElevated: () => Effect.succeed("they outrank me"),
      MissingPermission: (error) => Effect.succeed(`I lack ${error.permission}`)
    }),
    Effect.catchAll((error) => Effect.succeed(`failed: ${error._tag}`))
  )

// A small Stoat: a server whose guard bot may kick, a spammer, and a moderator above the bot.
const seed = StoatFakeSeed.make()
  .user("owner")
  .bot("guard", { owner: "owner" })
  .user("spammer")
  .user("moderator")
  .server("home", { owner: "owner", roles: { mod: { rank: 0 }, bots: { rank: 1, allow: Permission.KickMembers } } })
  .member("home", "guard", { roles: ["bots"] })
  .member("home", "spammer")
  .member("home", "moderator", { roles: ["mod"] })

// The same client as in production, with the fake in place of the network.
const TestStoat = StoatClient.layer.pipe(
  Layer.provideMerge(StoatFake.layer(seed)),
  Layer.provide(StoatConfig.layer({ token: Redacted.make(seed.token("guard")) }))
)

it.effect("the guard kicks the spammer but not the moderator", () =>
  Effect.gen(function*() {
    assert.strictEqual(yield* removeSpammer(seed.id("home"), seed.id("spammer")), "kicked")
    assert.strictEqual(yield* removeSpammer(seed.id("home"), seed.id("moderator")), "they outrank me")
    const fake = yield* StoatFake
    assert.isFalse(yield* fake.isMember(seed.id("home"), seed.id("spammer")))
    assert.isTrue(yield* fake.isMember(seed.id("home"), seed.id("moderator")))
  }).pipe(Effect.provide(TestStoat)))
