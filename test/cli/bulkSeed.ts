import { defaultRateLimits, StoatFakeSeed } from "effect-stoat/testing"

const KickMembers = 2 ** 6
const BanMembers = 2 ** 7
const TimeoutMembers = 2 ** 8

/** A server whose bot `guard` may kick, ban and time out, with `count` members `m0`, `m1`..., and these rate limits. */
export const bulkSeed = (count: number, settings: { readonly rateLimitWindowMillis?: number; readonly servers?: number } = {}) => {
  let seed = StoatFakeSeed.make({
    rateLimitWindowMillis: settings.rateLimitWindowMillis ?? 10_000,
    rateLimits: { ...defaultRateLimits, servers: settings.servers ?? 10_000 }
  })
    .user("owner")
    .bot("guard", { owner: "owner", token: "guard-token" })
    .server("home", { owner: "owner", roles: { mods: { rank: 0, allow: KickMembers + BanMembers + TimeoutMembers } } })
    .member("home", "guard", { roles: ["mods"] })
  for (let index = 0; index < count; index++) seed = seed.user(`m${index}`).member("home", `m${index}`)
  return seed
}

/** The user ids of the seed's members `m0`... */
export const memberIds = (seed: StoatFakeSeed, count: number) =>
  Array.from({ length: count }, (_, index) => seed.id(`m${index}`))
