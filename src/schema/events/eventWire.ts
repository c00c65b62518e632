import { ParseResult, Schema } from "effect"
import { RawObject, wireTag } from "../Wire.js"

/** The `_tag` of an event, read from the frame's `type`: the same name on both sides. */
export const eventTag = <const Tag extends string>(tag: Tag) => wireTag("type", tag, tag)

/**
 * An event whose frame is a model's fields next to `type` (`Message`, `ChannelCreate`,
 * `EmojiCreate`, `WebhookCreate`): decoded into `event`, holding the model under one field.
 */
export const flattenedEvent = <const Tag extends string, E, A, I>(
  tag: Tag,
  event: Schema.Schema<E>,
  model: Schema.Schema<A, I>,
  wrap: (value: A) => E,
  unwrap: (event: E) => A
) =>
  Schema.transformOrFail(Schema.Struct({ type: Schema.Literal(tag) }, RawObject), event, {
    strict: true,
    decode: ({ type: _type, ...fields }) => ParseResult.map(ParseResult.decodeUnknown(model)(fields), wrap),
    encode: (value) =>
      ParseResult.map(ParseResult.encode(model)(unwrap(value)), (fields) => ({ ...fields, type: tag }))
  })
