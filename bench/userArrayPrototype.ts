import { Option, Schema } from "effect"
import {
  BotInformation,
  File,
  FileId,
  MessageId,
  Metadata,
  Relation,
  Relationship,
  ServerId,
  User,
  UserId,
  UserStatus
} from "effect-stoat"

// A prototype, for this benchmark only: users (and their avatars) decoded the way `MemberArray`
// decodes members, to measure what the same formulation would give `User` and `File`
// (src/schema/User.ts and src/schema/File.ts keep their own).

const nullable = <S extends Schema.Schema.AnyNoContext>(schema: S) =>
  Schema.optionalWith(Schema.NullOr(schema), { exact: true })

const FileEntry = Schema.Struct({
  _id: FileId,
  tag: Schema.String,
  filename: Schema.String,
  metadata: Metadata,
  content_type: Schema.String,
  size: Schema.Number,
  deleted: nullable(Schema.Boolean),
  reported: nullable(Schema.Boolean),
  message_id: nullable(MessageId),
  user_id: nullable(UserId),
  server_id: nullable(ServerId),
  object_id: nullable(Schema.String)
})

/** One file: a struct of its wire keys, then one transformation to `File`. */
const FilePrototype = Schema.transform(FileEntry, Schema.typeSchema(File), {
  strict: false,
  decode: (entry) =>
    new File({
      id: entry._id,
      tag: entry.tag,
      filename: entry.filename,
      metadata: entry.metadata,
      contentType: entry.content_type,
      size: entry.size,
      deleted: Option.fromNullable(entry.deleted),
      reported: Option.fromNullable(entry.reported),
      messageId: Option.fromNullable(entry.message_id),
      userId: Option.fromNullable(entry.user_id),
      serverId: Option.fromNullable(entry.server_id),
      objectId: Option.fromNullable(entry.object_id)
    }, true),
  encode: (file) => file
})

const UserEntry = Schema.Struct({
  _id: UserId,
  username: Schema.String,
  discriminator: Schema.String,
  display_name: nullable(Schema.String),
  pronouns: nullable(Schema.String),
  avatar: nullable(FilePrototype),
  relations: nullable(Schema.Array(Relation)),
  badges: nullable(Schema.Number),
  status: nullable(UserStatus),
  flags: nullable(Schema.Number),
  privileged: nullable(Schema.Boolean),
  bot: nullable(BotInformation),
  relationship: nullable(Relationship),
  online: nullable(Schema.Boolean)
})

const toUser = (entry: typeof UserEntry.Type): User =>
  new User({
    id: entry._id,
    username: entry.username,
    discriminator: entry.discriminator,
    displayName: Option.fromNullable(entry.display_name),
    pronouns: Option.fromNullable(entry.pronouns),
    avatar: Option.fromNullable(entry.avatar),
    relations: entry.relations ?? [],
    badges: entry.badges ?? 0,
    status: Option.fromNullable(entry.status),
    flags: entry.flags ?? 0,
    privileged: entry.privileged ?? false,
    bot: Option.fromNullable(entry.bot),
    relationship: entry.relationship ?? "None",
    online: entry.online ?? false
  }, true)

/** Users decoded in one transformation for the whole list (decode only: the benchmark never encodes). */
export const UserArrayPrototype = Schema.transform(Schema.Array(UserEntry), Schema.Array(Schema.typeSchema(User)), {
  strict: false,
  decode: (entries) => entries.map(toUser),
  encode: (users) => users
})
