import { HashMap, Option } from "effect"
import { type FakeState, pair } from "../FakeState.js"
import type { UserRecord } from "../records.js"
import { has, UserPermission, userPermissions } from "../rules/permissions.js"
import { ifNonZero, ifTrue, type Json, present } from "./json.js"

const isInvisible = (user: UserRecord) => user.status?.presence === "Invisible"

/** The status as others may see it: without an `Invisible` presence, and none when nothing is left. */
const visibleStatus = (user: UserRecord): Json | undefined => {
  const status = present({ text: user.status?.text, presence: isInvisible(user) ? undefined : user.status?.presence })
  return Object.keys(status).length === 0 ? undefined : status
}

/** How `viewer` sees `user`: `User` for oneself, `None` toward bots. */
export const relationshipOf = (state: FakeState, viewer: string, user: UserRecord): string =>
  viewer === user._id
    ? "User"
    : user.bot !== undefined
    ? "None"
    : Option.getOrElse(HashMap.get(state.relations, pair(viewer, user._id)), () => "None")

/** The user's relations, as only they see them. */
const relationsOf = (state: FakeState, user: string) =>
  [...HashMap.entries(state.relations)]
    .filter(([key]) => key.startsWith(`${user}/`))
    .map(([key, status]) => ({ _id: key.slice(user.length + 1), status }))

/** The fields every rendering of a user shares (`v0::User` without relationship, presence and relations). */
const base = (user: UserRecord): Json =>
  present({
    _id: user._id,
    username: user.username,
    discriminator: user.discriminator,
    display_name: user.display_name,
    pronouns: user.pronouns,
    avatar: user.avatar,
    badges: ifNonZero(user.badges),
    flags: ifNonZero(user.flags),
    privileged: ifTrue(user.privileged),
    bot: user.bot === undefined ? undefined : { owner: user.bot.owner }
  })

/**
 * A user as `viewer` sees them (`User::into` with the viewer's permissions): their relations only
 * for themselves, status and presence only with `ViewProfile`, an invisible user never online.
 */
export const userJson = (state: FakeState, viewer: UserRecord, user: UserRecord): Json => {
  const canSeeProfile = has(userPermissions(state, viewer, user), UserPermission.ViewProfile)
  const relations = viewer._id === user._id ? relationsOf(state, user._id) : []
  return present({
    ...base(user),
    relations: relations.length === 0 ? undefined : relations,
    status: canSeeProfile ? visibleStatus(user) : undefined,
    relationship: relationshipOf(state, viewer._id, user),
    online: canSeeProfile && !isInvisible(user) && user.online
  })
}

/** A user without relationships (`into_known_static`): how the send response shows its author. */
export const staticUserJson = (user: UserRecord): Json =>
  present({ ...base(user), status: visibleStatus(user), relationship: "None", online: !isInvisible(user) && user.online })

/**
 * A user as `into_known` renders the authors of a history page: the relationship as the viewer
 * sees them, and presence and status unless they block the viewer.
 */
export const knownUserJson = (state: FakeState, viewer: UserRecord, user: UserRecord): Json => {
  const relationship = relationshipOf(state, viewer._id, user)
  const visible = relationship !== "BlockedOther"
  return present({
    ...base(user),
    status: visible ? visibleStatus(user) : undefined,
    relationship,
    online: visible && !isInvisible(user) && user.online
  })
}

/** A banned user as `GET /servers/{id}/bans` lists them: id, name, discriminator and avatar (`null` when none). */
export const bannedUserJson = (user: UserRecord): Json => ({
  _id: user._id,
  username: user.username,
  discriminator: user.discriminator,
  avatar: user.avatar ?? null
})
