import { Effect, Option } from "effect"
import { GroupChannel, TextChannel } from "../schema/Channel.js"
import type { GroupInvite, GroupPublicInvite, PrivateBaseInvite, ServerInvite, ServerPublicInvite } from "../schema/Invite.js"
import type { Member } from "../schema/Member.js"
import type { Server } from "../schema/Server.js"
import type { User } from "../schema/User.js"
import { StoatCache } from "../services/StoatCache.js"

/** The cached server an invite leads to. */
export const getInviteServer = (
  invite: ServerPublicInvite | ServerInvite
): Effect.Effect<Option.Option<Server>, never, StoatCache> =>
  Effect.flatMap(StoatCache, (cache) => cache.getServer(invite.serverId))

/** The cached channel a server invite leads to. */
export function getInviteChannel(
  invite: ServerPublicInvite | ServerInvite
): Effect.Effect<Option.Option<TextChannel>, never, StoatCache>
/** The cached group a group invite leads to. */
export function getInviteChannel(
  invite: GroupPublicInvite | GroupInvite
): Effect.Effect<Option.Option<GroupChannel>, never, StoatCache>
export function getInviteChannel(
  invite: ServerPublicInvite | ServerInvite | GroupPublicInvite | GroupInvite
): Effect.Effect<Option.Option<TextChannel | GroupChannel>, never, StoatCache> {
  const expected = invite._tag === "ServerPublicInvite" || invite._tag === "ServerInvite" ? TextChannel : GroupChannel
  return Effect.map(
    Effect.flatMap(StoatCache, (cache) => cache.getChannel(invite.channelId)),
    Option.filter((channel): channel is TextChannel | GroupChannel => channel instanceof expected)
  )
}

/**
 * The cached user who (probably) created a public invite, found by username and avatar: right
 * whenever the creator has an avatar, a guess when they have none (public invites carry no user id).
 */
export const getInviteUser = (
  invite: ServerPublicInvite | GroupPublicInvite
): Effect.Effect<Option.Option<User>, never, StoatCache> =>
  Effect.map(
    Effect.flatMap(StoatCache, (cache) => cache.users),
    (users) => {
      const avatar = Option.getOrUndefined(Option.map(invite.userAvatar, (file) => file.id))
      return Option.fromNullable(
        users.find((user) =>
          user.username === invite.userName && Option.getOrUndefined(Option.map(user.avatar, (file) => file.id)) === avatar
        )
      )
    }
  )

/** The cached creator of a stored invite, as a user. */
export const getInviteCreatorAsUser = (
  invite: PrivateBaseInvite
): Effect.Effect<Option.Option<User>, never, StoatCache> =>
  Effect.flatMap(StoatCache, (cache) => cache.getUser(invite.creatorId))

/** The cached creator of a server invite, as a member of its server. */
export const getInviteCreatorAsMember = (
  invite: ServerInvite
): Effect.Effect<Option.Option<Member>, never, StoatCache> =>
  Effect.flatMap(StoatCache, (cache) => cache.getMember(invite.serverId, invite.creatorId))

/** The cached creator of a stored invite: the member when it is a cached server member, else the user. */
export const getInviteCreator = (
  invite: PrivateBaseInvite
): Effect.Effect<Option.Option<Member | User>, never, StoatCache> =>
  invite._tag === "ServerInvite"
    ? Effect.zipWith(getInviteCreatorAsMember(invite), getInviteCreatorAsUser(invite), (member, user) =>
      Option.orElse<Member | User, Member | User>(member, () => user)
    )
    : getInviteCreatorAsUser(invite)
