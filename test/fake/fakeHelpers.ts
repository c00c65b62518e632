import { Layer, Redacted } from "effect"
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

/** A client logged in as `handle` against a fake made from `seed`. */
export const fakeClient = (seed: StoatFakeSeed, handle: string) => {
  const bot = seed.state.accounts.pipe((accounts) => [...accounts].some(([, account]) => account.user.username === handle && account.user.bot._tag === "Some"))
  return StoatClient.layer.pipe(
    Layer.provideMerge(StoatFake.layer(seed)),
    Layer.provide(StoatConfig.layer({ token: Redacted.make(seed.token(handle)), tokenKind: bot ? "bot" : "user", baseUrl: "http://fake.stoat" }))
  )
}
