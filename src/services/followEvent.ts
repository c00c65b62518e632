import { type Context, Effect, Option } from "effect"
import { applyPartial } from "../schema/PartialMember.js"
import { applyUserChanges } from "../schema/PartialUser.js"
import { memberUpdatePartial } from "../schema/events/serverEvents.js"
import type { StoatEvent } from "../schema/events/StoatEvent.js"
import type { StoatCache } from "./StoatCache.js"

/**
 * The cache after one event, applied before anyone sees the event:
 * - `Ready` replaces the members held (those learnt before it may have missed updates while the socket
 *   was down: the server has no resume) with its own, and stores its users, servers and channels;
 * - `ServerMemberJoin` stores the member it carries (a rejoin keeps a running timeout);
 * - `ServerMemberUpdate` applies its changes, clears first; `ServerMemberLeave` (leave, kick, ban) forgets;
 * - `UserUpdate` applies to the user held (presence, status, profile), so member lookups read fresh values;
 * - `ServerCreate`, `ChannelCreate`, `Message` and `UserRelationship` store what they carry.
 * An update for a member or user the cache does not hold is dropped with a debug log and fetches
 * nothing: a later fetch returns the server's state, which already includes it.
 */
export const followEvent = (cache: Context.Tag.Service<StoatCache>, event: StoatEvent): Effect.Effect<void> => {
  switch (event._tag) {
    case "Ready":
      return Effect.zipRight(
        cache.forgetMembers,
        cache.remember([event.users, event.servers, event.channels, event.members])
      )
    case "ServerCreate":
      return cache.remember([event.server, event.channels])
    case "ServerMemberJoin":
      return cache.remember(event.member)
    case "ServerMemberUpdate":
      return Effect.flatMap(cache.getMember(event.id.server, event.id.user), (member) =>
        Option.match(member, {
          onSome: (member) => cache.remember(applyPartial(member, memberUpdatePartial(event))),
          onNone: () => Effect.logDebug("ServerMemberUpdate for a member the cache does not hold: dropped")
        }))
    case "ServerMemberLeave":
      return cache.forgetMember(event.id, event.user)
    case "UserUpdate":
      return Effect.flatMap(cache.getUser(event.id), (user) =>
        Option.match(user, {
          onSome: (user) => cache.remember(applyUserChanges(user, event.data, event.clear)),
          onNone: () => Effect.logDebug("UserUpdate for a user the cache does not hold: dropped")
        }))
    case "UserRelationship":
      return cache.remember(event.user)
    case "ChannelCreate":
      return cache.remember(event.channel)
    case "Message":
      return cache.remember(event.message)
    default:
      return Effect.void
  }
}
