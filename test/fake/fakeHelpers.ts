import type { HttpClient } from "@effect/platform"
import { Effect, HashMap, Layer, Option, Redacted } from "effect"
import { StoatClient, StoatConfig } from "effect-stoat"
import { StoatFake, StoatFakeSeed } from "effect-stoat/testing"

/** A realistic little instance: a server with roles, channels, members, a ban, invites; a group; friends. */
export const demoSeed = StoatFakeSeed.make()
  .user("owner")
  .user("alice")
  .user("bob")
  .user("carol")
  .user("mallory")
  .bot("modbot", { owner: "owner" })
  .server("lovers", {
    owner: "owner",
    name: "Stoat Lovers",
    roles: {
      admin: { name: "Admin", rank: 0, allow: 2 ** 1 + 2 ** 6 + 2 ** 7 + 2 ** 8 + 2 ** 9 + 2 ** 11 },
      mod: { name: "Mod", rank: 1, allow: 2 ** 6 + 2 ** 7 + 2 ** 8 + 2 ** 11 },
      member: { name: "Member", rank: 5 }
    }
  })
  .channel("general", { server: "lovers" })
  .channel("lounge", { server: "lovers", voice: { maxUsers: 10 } })
  .member("lovers", "alice", { roles: ["mod"], nickname: "Al" })
  .member("lovers", "bob", { roles: ["member"] })
  .member("lovers", "modbot", { roles: ["admin"] })
  .ban("lovers", "mallory", "spam")
  .invite("aB3dE5fG", { channel: "general", creator: "alice" })
  .group("friends", { owner: "bob", members: ["alice"] })
  .invite("Gh7jK9mN", { channel: "friends", creator: "bob" })
  .friends("alice", "bob")

/** A client signed in as `handle`, over whatever `HttpClient` (fake) the test provides. */
export const signedIn = (seed: StoatFakeSeed, handle: string) => {
  const account = HashMap.get(seed.state.accounts, seed.id(handle))
  const bot = Option.exists(account, (account) => Option.isSome(account.user.bot))
  return StoatClient.layer.pipe(
    Layer.provide(StoatConfig.layer({ token: Redacted.make(seed.token(handle)), tokenKind: bot ? "bot" : "user", baseUrl: "http://fake.stoat" }))
  )
}

/** A client signed in as `handle` against its own fake made from `seed`. */
export const fakeClient = (seed: StoatFakeSeed, handle: string) =>
  signedIn(seed, handle).pipe(Layer.provideMerge(StoatFake.layer(seed)))

/**
 * Runs a scenario against one fake made from `seed`, where `as(handle)` runs an effect as that user
 * (each with a client of its own, all against the same fake).
 */
export const scenario = <A, E>(
  seed: StoatFakeSeed,
  body: (as: (handle: string) => <B, F>(effect: Effect.Effect<B, F, StoatClient>) => Effect.Effect<B, F, HttpClient.HttpClient>) => Effect.Effect<A, E, StoatFake | HttpClient.HttpClient>
) => body((handle) => (effect) => Effect.provide(effect, signedIn(seed, handle))).pipe(Effect.provide(StoatFake.layer(seed)))
