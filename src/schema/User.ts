import { Schema } from "effect"
import { File } from "./File.js"
import { UserId } from "./Ids.js"
import { openEnum, optionalOption, renamed, withDefault } from "./Wire.js"

/** How the current user relates to another user. */
export const Relationship = openEnum("None", "User", "Friend", "Outgoing", "Incoming", "Blocked", "BlockedOther")
export type Relationship = typeof Relationship.Type

/** A user's chosen presence. */
export const Presence = openEnum("Online", "Idle", "Focus", "Busy", "Invisible")
export type Presence = typeof Presence.Type

/** One entry of the current user's relationships (only sent when fetching yourself). */
export class Relation extends Schema.Class<Relation>("Relation")({
  id: renamed(UserId, "_id"),
  status: Relationship
}) {}

/** A user's status: custom text and presence. */
export class UserStatus extends Schema.Class<UserStatus>("UserStatus")({
  text: optionalOption(Schema.String),
  presence: optionalOption(Presence)
}) {}

/** Present on bot accounts: who owns the bot. */
export class BotInformation extends Schema.Class<BotInformation>("BotInformation")({
  owner: UserId
}) {}

/** A Stoat user. `badges` and `flags` are the raw bit fields. */
export class User extends Schema.Class<User>("User")({
  id: renamed(UserId, "_id"),
  username: Schema.String,
  discriminator: Schema.String,
  displayName: optionalOption(Schema.String, "display_name"),
  pronouns: optionalOption(Schema.String),
  avatar: optionalOption(File),
  relations: withDefault(Schema.Array(Relation), () => []),
  badges: withDefault(Schema.Number, () => 0),
  status: optionalOption(UserStatus),
  flags: withDefault(Schema.Number, () => 0),
  privileged: withDefault(Schema.Boolean, () => false),
  bot: optionalOption(BotInformation),
  relationship: withDefault(Relationship, () => "None" as const),
  online: withDefault(Schema.Boolean, () => false)
}) {}
