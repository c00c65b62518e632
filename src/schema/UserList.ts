import { Option, Schema } from "effect"
import { UserId } from "./Ids.js"
import { BotInformation, Presence, Relation, Relationship, User, UserStatus } from "./User.js"
import { WireFile } from "./WireFile.js"
import { orNone } from "./wireKeys.js"

/** A user's status as the wire has it. */
const StatusEntry = Schema.Struct({
  text: orNone(Schema.String),
  presence: orNone(Presence)
})
type StatusEntry = typeof StatusEntry.Type

/** One user of a list as the wire has it: every value checked, keys and absences left as they are. */
const UserEntry = Schema.Struct({
  _id: UserId,
  username: Schema.String,
  discriminator: Schema.String,
  display_name: orNone(Schema.String),
  pronouns: orNone(Schema.String),
  avatar: orNone(WireFile),
  relations: orNone(Schema.Array(Relation)),
  badges: orNone(Schema.Number),
  status: orNone(StatusEntry),
  flags: orNone(Schema.Number),
  privileged: orNone(Schema.Boolean),
  bot: orNone(BotInformation),
  relationship: orNone(Relationship),
  online: orNone(Schema.Boolean)
})
type UserEntry = typeof UserEntry.Type

const toStatus = (entry: StatusEntry): UserStatus =>
  new UserStatus({ text: Option.fromNullable(entry.text), presence: Option.fromNullable(entry.presence) }, true)

const fromStatus = (status: UserStatus): StatusEntry => ({
  ...Option.match(status.text, { onNone: () => ({}), onSome: (text) => ({ text }) }),
  ...Option.match(status.presence, { onNone: () => ({}), onSome: (presence) => ({ presence }) })
})

// `entry.relations` is a fresh array of the decoder's, which nothing else holds.
const toUser = (entry: UserEntry): User =>
  new User({
    id: entry._id,
    username: entry.username,
    discriminator: entry.discriminator,
    displayName: Option.fromNullable(entry.display_name),
    pronouns: Option.fromNullable(entry.pronouns),
    avatar: Option.fromNullable(entry.avatar),
    relations: entry.relations ?? [],
    badges: entry.badges ?? 0,
    status: entry.status == null ? Option.none() : Option.some(toStatus(entry.status)),
    flags: entry.flags ?? 0,
    privileged: entry.privileged ?? false,
    bot: Option.fromNullable(entry.bot),
    relationship: entry.relationship ?? "None",
    online: entry.online ?? false
  }, true)

const fromUser = (user: User): UserEntry => ({
  _id: user.id,
  username: user.username,
  discriminator: user.discriminator,
  ...Option.match(user.displayName, { onNone: () => ({}), onSome: (display_name) => ({ display_name }) }),
  ...Option.match(user.pronouns, { onNone: () => ({}), onSome: (pronouns) => ({ pronouns }) }),
  ...Option.match(user.avatar, { onNone: () => ({}), onSome: (avatar) => ({ avatar }) }),
  relations: user.relations,
  badges: user.badges,
  ...Option.match(user.status, { onNone: () => ({}), onSome: (status) => ({ status: fromStatus(status) }) }),
  flags: user.flags,
  privileged: user.privileged,
  ...Option.match(user.bot, { onNone: () => ({}), onSome: (bot) => ({ bot }) }),
  relationship: user.relationship,
  online: user.online
})

/**
 * A list of users, decoded and encoded as `Schema.Array(User)` does but faster (BENCHMARKS.md):
 * each entry, its avatar and status are checked by plain structs of their wire keys, then one
 * transformation for the whole list builds the `User`s, where `User` runs a transformation per
 * renamed, optional or defaulted field and checks the typed result again.
 */
export const UserArray = Schema.transform(Schema.Array(UserEntry), Schema.Array(Schema.typeSchema(User)), {
  strict: true,
  decode: (entries) => entries.map(toUser),
  encode: (users) => users.map(fromUser)
})
