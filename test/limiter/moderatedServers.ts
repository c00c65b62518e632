import { Permission } from "effect-stoat"
import type { StoatFakeSeed } from "effect-stoat/testing"

/** `seed` (which has "owner" and the bot "modbot") with `servers`, each holding its `membersOf` and modbot in a role allowed `allow`. */
export const withModeratedServers = (
  seed: StoatFakeSeed,
  servers: ReadonlyArray<string>,
  membersOf: (server: string) => ReadonlyArray<string>,
  allow: number = Permission.KickMembers
) =>
  servers.reduce(
    (seed, server) =>
      membersOf(server).reduce(
        (seed, member) => seed.user(member).member(server, member),
        seed.server(server, { owner: "owner", roles: { mod: { rank: 0, allow } } }).member(server, "modbot", { roles: ["mod"] })
      ),
    seed
  )
