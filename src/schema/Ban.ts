import { Schema } from "effect"
import { File } from "./File.js"
import { ServerId, UserId } from "./Ids.js"
import { nullOption, renamed } from "./Wire.js"

/** A ban's id: the server and the banned user (who need not exist, let alone be a member). */
export class BanId extends Schema.Class<BanId>("BanId")({
  server: ServerId,
  user: UserId
}) {}

/** A user banned from a server (`ServerBan`), with the reason given, if any. */
export class Ban extends Schema.Class<Ban>("Ban")({
  id: renamed(BanId, "_id"),
  reason: nullOption(Schema.String)
}) {}

/** What a ban list shows of a banned user. */
export class BannedUser extends Schema.Class<BannedUser>("BannedUser")({
  id: renamed(UserId, "_id"),
  username: Schema.String,
  discriminator: Schema.String,
  avatar: nullOption(File)
}) {}

/** A server's bans and the banned users that still exist (`users` can be shorter than `bans`). */
export class BanList extends Schema.Class<BanList>("BanList")({
  users: Schema.Array(BannedUser),
  bans: Schema.Array(Ban)
}) {}
