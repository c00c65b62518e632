import { Schema } from "effect"
import { File } from "./File.js"
import { openEnum, optionalOption, RawObject, renamed, unknownVariant, wireTag } from "./Wire.js"

/** How an embedded image is shown: a large preview below, or a small one beside. */
export const ImageSize = openEnum("Large", "Preview")
export type ImageSize = typeof ImageSize.Type

/** An image inside a website embed. */
export class EmbeddedImage extends Schema.Class<EmbeddedImage>("EmbeddedImage")({
  url: Schema.String,
  width: Schema.Number,
  height: Schema.Number,
  size: ImageSize
}) {}

/** A video inside a website embed. */
export class EmbeddedVideo extends Schema.Class<EmbeddedVideo>("EmbeddedVideo")({
  url: Schema.String,
  width: Schema.Number,
  height: Schema.Number
}) {}

/** No remote content. */
export class NoSpecial extends Schema.Class<NoSpecial>("NoSpecial")({
  _tag: wireTag("type", "None", "NoSpecial")
}) {}

/** A hint that the website holds a GIF (play its image or video). */
export class GifSpecial extends Schema.Class<GifSpecial>("GifSpecial")({
  _tag: wireTag("type", "GIF", "GifSpecial")
}) {}

/** A YouTube video. */
export class YouTubeSpecial extends Schema.Class<YouTubeSpecial>("YouTubeSpecial")({
  _tag: wireTag("type", "YouTube", "YouTubeSpecial"),
  id: Schema.String,
  creatorName: optionalOption(Schema.String, "creator_name"),
  creatorUrl: optionalOption(Schema.String, "creator_url"),
  timestamp: optionalOption(Schema.String)
}) {}

/** A Lightspeed.tv stream. */
export class LightspeedSpecial extends Schema.Class<LightspeedSpecial>("LightspeedSpecial")({
  _tag: wireTag("type", "Lightspeed", "LightspeedSpecial"),
  contentType: renamed(openEnum("Channel"), "content_type"),
  id: Schema.String
}) {}

/** A Twitch stream, video or clip. */
export class TwitchSpecial extends Schema.Class<TwitchSpecial>("TwitchSpecial")({
  _tag: wireTag("type", "Twitch", "TwitchSpecial"),
  contentType: renamed(openEnum("Channel", "Video", "Clip"), "content_type"),
  id: Schema.String
}) {}

/** A Spotify item. */
export class SpotifySpecial extends Schema.Class<SpotifySpecial>("SpotifySpecial")({
  _tag: wireTag("type", "Spotify", "SpotifySpecial"),
  contentType: renamed(Schema.String, "content_type"),
  id: Schema.String
}) {}

/** A Soundcloud track. */
export class SoundcloudSpecial extends Schema.Class<SoundcloudSpecial>("SoundcloudSpecial")({
  _tag: wireTag("type", "Soundcloud", "SoundcloudSpecial")
}) {}

/** A Bandcamp album or track. */
export class BandcampSpecial extends Schema.Class<BandcampSpecial>("BandcampSpecial")({
  _tag: wireTag("type", "Bandcamp", "BandcampSpecial"),
  contentType: renamed(openEnum("Album", "Track"), "content_type"),
  id: Schema.String
}) {}

/** An Apple Music album or track. */
export class AppleMusicSpecial extends Schema.Class<AppleMusicSpecial>("AppleMusicSpecial")({
  _tag: wireTag("type", "AppleMusic", "AppleMusicSpecial"),
  albumId: renamed(Schema.String, "album_id"),
  trackId: optionalOption(Schema.String, "track_id")
}) {}

/** A Streamable video. */
export class StreamableSpecial extends Schema.Class<StreamableSpecial>("StreamableSpecial")({
  _tag: wireTag("type", "Streamable", "StreamableSpecial"),
  id: Schema.String
}) {}

/** Remote content of a kind this library does not model (an X post...), kept whole in `payload`. */
export class UnknownSpecial extends Schema.TaggedClass<UnknownSpecial>()("UnknownSpecial", {
  type: Schema.String,
  payload: RawObject
}) {}

/** The special remote content a website embed recognised, by its `type`. */
export const Special = Schema.Union(
  NoSpecial,
  GifSpecial,
  YouTubeSpecial,
  LightspeedSpecial,
  TwitchSpecial,
  SpotifySpecial,
  SoundcloudSpecial,
  BandcampSpecial,
  AppleMusicSpecial,
  StreamableSpecial,
  unknownVariant(
    "type",
    ["None", "GIF", "YouTube", "Lightspeed", "Twitch", "Spotify", "Soundcloud", "Bandcamp", "AppleMusic", "Streamable"],
    UnknownSpecial
  )
)
export type Special = typeof Special.Type

/** A website's metadata, embedded by the server from a link in the message. */
export class WebsiteEmbed extends Schema.Class<WebsiteEmbed>("WebsiteEmbed")({
  _tag: wireTag("type", "Website", "WebsiteEmbed"),
  url: optionalOption(Schema.String),
  originalUrl: optionalOption(Schema.String, "original_url"),
  special: optionalOption(Special),
  title: optionalOption(Schema.String),
  description: optionalOption(Schema.String),
  image: optionalOption(EmbeddedImage),
  video: optionalOption(EmbeddedVideo),
  siteName: optionalOption(Schema.String, "site_name"),
  iconUrl: optionalOption(Schema.String, "icon_url"),
  colour: optionalOption(Schema.String)
}) {}

/** An image linked in the message. */
export class ImageEmbed extends Schema.Class<ImageEmbed>("ImageEmbed")({
  _tag: wireTag("type", "Image", "ImageEmbed"),
  url: Schema.String,
  width: Schema.Number,
  height: Schema.Number,
  size: ImageSize
}) {}

/** A video linked in the message. */
export class VideoEmbed extends Schema.Class<VideoEmbed>("VideoEmbed")({
  _tag: wireTag("type", "Video", "VideoEmbed"),
  url: Schema.String,
  width: Schema.Number,
  height: Schema.Number
}) {}

/** A text embed, as sent with the message; `media` is the uploaded file it shows. */
export class TextEmbed extends Schema.Class<TextEmbed>("TextEmbed")({
  _tag: wireTag("type", "Text", "TextEmbed"),
  iconUrl: optionalOption(Schema.String, "icon_url"),
  url: optionalOption(Schema.String),
  title: optionalOption(Schema.String),
  description: optionalOption(Schema.String),
  media: optionalOption(File),
  colour: optionalOption(Schema.String)
}) {}

/** An empty embed. */
export class NoEmbed extends Schema.Class<NoEmbed>("NoEmbed")({
  _tag: wireTag("type", "None", "NoEmbed")
}) {}

/** An embed of a type this library does not know yet, kept whole in `payload`. */
export class UnknownEmbed extends Schema.TaggedClass<UnknownEmbed>()("UnknownEmbed", {
  type: Schema.String,
  payload: RawObject
}) {}

/** Any embed of a message, by its `type`. */
export const Embed = Schema.Union(
  WebsiteEmbed,
  ImageEmbed,
  VideoEmbed,
  TextEmbed,
  NoEmbed,
  unknownVariant("type", ["Website", "Image", "Video", "Text", "None"], UnknownEmbed)
)
export type Embed = typeof Embed.Type
