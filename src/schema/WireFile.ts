import { Option, Schema } from "effect"
import {
  AudioMetadata,
  File,
  FileMetadata,
  ImageMetadata,
  type Metadata,
  TextMetadata,
  UnknownMetadata,
  VideoMetadata
} from "./File.js"
import { FileId, MessageId, ServerId, UserId } from "./Ids.js"
import { unknownVariant } from "./Wire.js"
import { orNone, orNull } from "./wireKeys.js"

/** File metadata as the wire has it: one plain struct per known `type`, the others as `Metadata` reads them. */
const MetadataEntry = Schema.Union(
  Schema.Struct({ type: Schema.Literal("File") }),
  Schema.Struct({ type: Schema.Literal("Text") }),
  Schema.Struct({
    type: Schema.Literal("Image"),
    width: Schema.Number,
    height: Schema.Number,
    thumbhash: orNull(Schema.Array(Schema.Number)),
    animated: orNull(Schema.Boolean)
  }),
  Schema.Struct({ type: Schema.Literal("Video"), width: Schema.Number, height: Schema.Number }),
  Schema.Struct({ type: Schema.Literal("Audio") }),
  unknownVariant("type", ["File", "Text", "Image", "Video", "Audio"], UnknownMetadata)
)
type MetadataEntry = typeof MetadataEntry.Type

const toMetadata = (entry: MetadataEntry): Metadata => {
  if (entry instanceof UnknownMetadata) return entry
  switch (entry.type) {
    case "File":
      return new FileMetadata({ _tag: "File" }, true)
    case "Text":
      return new TextMetadata({ _tag: "Text" }, true)
    case "Image":
      return new ImageMetadata({
        _tag: "Image",
        width: entry.width,
        height: entry.height,
        thumbhash: Option.fromNullable(entry.thumbhash),
        animated: Option.fromNullable(entry.animated)
      }, true)
    case "Video":
      return new VideoMetadata({ _tag: "Video", width: entry.width, height: entry.height }, true)
    case "Audio":
      return new AudioMetadata({ _tag: "Audio" }, true)
  }
}

const fromMetadata = (metadata: Metadata): MetadataEntry => {
  switch (metadata._tag) {
    case "UnknownMetadata":
      return metadata
    case "Image":
      return {
        type: "Image",
        width: metadata.width,
        height: metadata.height,
        thumbhash: Option.getOrNull(metadata.thumbhash),
        animated: Option.getOrNull(metadata.animated)
      }
    case "Video":
      return { type: "Video", width: metadata.width, height: metadata.height }
    case "File":
      return { type: "File" }
    case "Text":
      return { type: "Text" }
    case "Audio":
      return { type: "Audio" }
  }
}

/** One file as the wire has it: every value checked, keys and absences left as they are. */
const FileEntry = Schema.Struct({
  _id: FileId,
  tag: Schema.String,
  filename: Schema.String,
  metadata: MetadataEntry,
  content_type: Schema.String,
  size: Schema.Number,
  deleted: orNone(Schema.Boolean),
  reported: orNone(Schema.Boolean),
  message_id: orNone(MessageId),
  user_id: orNone(UserId),
  server_id: orNone(ServerId),
  object_id: orNone(Schema.String)
})
type FileEntry = typeof FileEntry.Type

const toFile = (entry: FileEntry): File =>
  new File({
    id: entry._id,
    tag: entry.tag,
    filename: entry.filename,
    metadata: toMetadata(entry.metadata),
    contentType: entry.content_type,
    size: entry.size,
    deleted: Option.fromNullable(entry.deleted),
    reported: Option.fromNullable(entry.reported),
    messageId: Option.fromNullable(entry.message_id),
    userId: Option.fromNullable(entry.user_id),
    serverId: Option.fromNullable(entry.server_id),
    objectId: Option.fromNullable(entry.object_id)
  }, true)

const fromFile = (file: File): FileEntry => ({
  _id: file.id,
  tag: file.tag,
  filename: file.filename,
  metadata: fromMetadata(file.metadata),
  content_type: file.contentType,
  size: file.size,
  ...Option.match(file.deleted, { onNone: () => ({}), onSome: (deleted) => ({ deleted }) }),
  ...Option.match(file.reported, { onNone: () => ({}), onSome: (reported) => ({ reported }) }),
  ...Option.match(file.messageId, { onNone: () => ({}), onSome: (message_id) => ({ message_id }) }),
  ...Option.match(file.userId, { onNone: () => ({}), onSome: (user_id) => ({ user_id }) }),
  ...Option.match(file.serverId, { onNone: () => ({}), onSome: (server_id) => ({ server_id }) }),
  ...Option.match(file.objectId, { onNone: () => ({}), onSome: (object_id) => ({ object_id }) })
})

/**
 * A `File` decoded and encoded as `File` does, in one step: a plain struct of its wire keys, then
 * one transformation building the `File` and its metadata, where `File` renames and wraps each
 * field by its own transformation and checks the typed result again.
 */
export const WireFile = Schema.transform(FileEntry, Schema.typeSchema(File), {
  strict: true,
  decode: toFile,
  encode: fromFile
})
