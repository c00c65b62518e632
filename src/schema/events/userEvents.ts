import { Schema } from "effect"
import { UserId } from "../Ids.js"
import { ClearedUserFields, UserChanges } from "../PartialUser.js"
import { User } from "../User.js"
import { nullOption, RawObject, renamed } from "../Wire.js"
import { eventTag } from "./eventWire.js"

/** `UserUpdate`: a user changed (profile, status, or presence: `data.online`); cleared fields first. */
export class UserUpdate extends Schema.Class<UserUpdate>("UserUpdate")({
  _tag: eventTag("UserUpdate"),
  id: UserId,
  data: UserChanges,
  clear: ClearedUserFields,
  eventId: nullOption(Schema.String, "event_id")
}) {}

/** `UserRelationship`: your relationship with `user` changed (read `user.relationship`). */
export class UserRelationship extends Schema.Class<UserRelationship>("UserRelationship")({
  _tag: eventTag("UserRelationship"),
  id: UserId,
  user: User
}) {}

/** `UserSettingsUpdate`: settings changed on another session (`{key: [revision, value]}`). */
export class UserSettingsUpdate extends Schema.Class<UserSettingsUpdate>("UserSettingsUpdate")({
  _tag: eventTag("UserSettingsUpdate"),
  id: UserId,
  update: RawObject
}) {}

/** `UserPlatformWipe`: a user was banned from the platform or deleted: forget their data. */
export class UserPlatformWipe extends Schema.Class<UserPlatformWipe>("UserPlatformWipe")({
  _tag: eventTag("UserPlatformWipe"),
  userId: renamed(UserId, "user_id"),
  flags: Schema.Number
}) {}
