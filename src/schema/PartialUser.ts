import { Data, Option, Schema } from "effect"
import { File } from "./File.js"
import { BotInformation, Relation, Relationship, User, UserStatus } from "./User.js"
import { openEnum, optionalOption, withDefault } from "./Wire.js"

/**
 * A user field an update clears (`FieldsUser`); a name this library does not know yet is kept as an
 * `UnknownEnumValue`.
 */
export const ClearedUserField = openEnum(
  "Avatar",
  "StatusText",
  "StatusPresence",
  "ProfileContent",
  "ProfileBackground",
  "DisplayName",
  "Pronouns",
  "Internal"
)
export type ClearedUserField = typeof ClearedUserField.Type

/** The fields a `UserUpdate` sets (`PartialUser`); `None` leaves a field as it is. */
export class UserChanges extends Schema.Class<UserChanges>("UserChanges")({
  username: optionalOption(Schema.String),
  discriminator: optionalOption(Schema.String),
  displayName: optionalOption(Schema.String, "display_name"),
  pronouns: optionalOption(Schema.String),
  avatar: optionalOption(File),
  relations: optionalOption(Schema.Array(Relation)),
  badges: optionalOption(Schema.Number),
  status: optionalOption(UserStatus),
  flags: optionalOption(Schema.Number),
  privileged: optionalOption(Schema.Boolean),
  bot: optionalOption(BotInformation),
  relationship: optionalOption(Relationship),
  online: optionalOption(Schema.Boolean)
}) {}

/** The cleared fields of an update, compared by content. */
export const ClearedUserFields = withDefault(Schema.Data(Schema.Array(ClearedUserField)), () => Data.array([]))

/**
 * `user` after an update: the cleared fields first (as the server does), then the set ones. A set
 * `status` replaces the whole status (the server sends it merged).
 */
export const applyUserChanges = (
  user: User,
  data: UserChanges,
  clear: ReadonlyArray<ClearedUserField>
): User => {
  const cleared = (field: ClearedUserField) => clear.includes(field)
  const keep = <A>(field: ClearedUserField, current: Option.Option<A>) => (cleared(field) ? Option.none() : current)
  const status = Option.flatMap(user.status, (status) => {
    const text = keep("StatusText", status.text)
    const presence = keep("StatusPresence", status.presence)
    return Option.isNone(text) && Option.isNone(presence) ? Option.none() : Option.some(new UserStatus({ text, presence }))
  })
  return new User({
    ...user,
    username: Option.getOrElse(data.username, () => user.username),
    discriminator: Option.getOrElse(data.discriminator, () => user.discriminator),
    displayName: Option.orElse(data.displayName, () => keep("DisplayName", user.displayName)),
    pronouns: Option.orElse(data.pronouns, () => keep("Pronouns", user.pronouns)),
    avatar: Option.orElse(data.avatar, () => keep("Avatar", user.avatar)),
    relations: Option.getOrElse(data.relations, () => user.relations),
    badges: Option.getOrElse(data.badges, () => user.badges),
    status: Option.orElse(data.status, () => status),
    flags: Option.getOrElse(data.flags, () => user.flags),
    privileged: Option.getOrElse(data.privileged, () => user.privileged),
    bot: Option.orElse(data.bot, () => user.bot),
    relationship: Option.getOrElse(data.relationship, () => user.relationship),
    online: Option.getOrElse(data.online, () => user.online)
  })
}
