import { Schema } from "effect"
import { FileId, MessageId, ServerId, UserId } from "./Ids.js"
import { nullOption, optionalOption, RawObject, renamed, unknownVariant, wireTag } from "./Wire.js"

/** Metadata of a file with no special kind. */
export class FileMetadata extends Schema.Class<FileMetadata>("FileMetadata")({
  _tag: wireTag("type", "File", "File")
}) {}

/** Metadata of a text file. */
export class TextMetadata extends Schema.Class<TextMetadata>("TextMetadata")({
  _tag: wireTag("type", "Text", "Text")
}) {}

/** Metadata of an image. */
export class ImageMetadata extends Schema.Class<ImageMetadata>("ImageMetadata")({
  _tag: wireTag("type", "Image", "Image"),
  width: Schema.Number,
  height: Schema.Number,
  thumbhash: nullOption(Schema.Array(Schema.Number)),
  animated: nullOption(Schema.Boolean)
}) {}

/** Metadata of a video. */
export class VideoMetadata extends Schema.Class<VideoMetadata>("VideoMetadata")({
  _tag: wireTag("type", "Video", "Video"),
  width: Schema.Number,
  height: Schema.Number
}) {}

/** Metadata of an audio file. */
export class AudioMetadata extends Schema.Class<AudioMetadata>("AudioMetadata")({
  _tag: wireTag("type", "Audio", "Audio")
}) {}

/** Metadata of a kind this library does not know yet, kept whole in `payload`. */
export class UnknownMetadata extends Schema.TaggedClass<UnknownMetadata>()("UnknownMetadata", {
  type: Schema.String,
  payload: RawObject
}) {}

/** What the file server knows about a file's content, by its `type`. */
export const Metadata = Schema.Union(
  FileMetadata,
  TextMetadata,
  ImageMetadata,
  VideoMetadata,
  AudioMetadata,
  unknownVariant("type", ["File", "Text", "Image", "Video", "Audio"], UnknownMetadata)
)
export type Metadata = typeof Metadata.Type

/** A file stored on the file server (Autumn); its URL is `{autumn}/{tag}/{id}`. */
export class File extends Schema.Class<File>("File")({
  id: renamed(FileId, "_id"),
  tag: Schema.String,
  filename: Schema.String,
  metadata: Metadata,
  contentType: renamed(Schema.String, "content_type"),
  size: Schema.Number,
  deleted: optionalOption(Schema.Boolean),
  reported: optionalOption(Schema.Boolean),
  messageId: optionalOption(MessageId, "message_id"),
  userId: optionalOption(UserId, "user_id"),
  serverId: optionalOption(ServerId, "server_id"),
  objectId: optionalOption(Schema.String, "object_id")
}) {}
