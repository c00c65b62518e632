import { Option, Schema } from "effect"

/** An optional wire key, absent or `null` when there is none, decoded as an `Option`. */
export const optionalOption = <S extends Schema.Schema.AnyNoContext>(schema: S, key?: string) => {
  const field = Schema.optionalWith(schema, { nullable: true, as: "Option" })
  return key === undefined ? field : field.pipe(Schema.fromKey(key))
}

/** A wire key the server always sends, `null` when there is none, decoded as an `Option` (absent is accepted too). */
export const nullOption = <S extends Schema.Schema.AnyNoContext>(schema: S, key?: string) => {
  const field = Schema.optionalToRequired(Schema.NullOr(Schema.encodedSchema(schema)), Schema.OptionFromSelf(schema), {
    decode: (value) => Option.flatMap(value, Option.fromNullable),
    encode: (value) => Option.some(Option.getOrNull(value))
  })
  return key === undefined ? field : field.pipe(Schema.fromKey(key))
}

/** An optional wire key that the server omits at its default, which decoding applies. */
export const withDefault = <S extends Schema.Schema.AnyNoContext>(
  schema: S,
  fallback: () => Schema.Schema.Type<S>,
  key?: string
) => {
  const field = Schema.optionalWith(schema, { nullable: true, default: fallback })
  return key === undefined ? field : field.pipe(Schema.fromKey(key))
}

/** A required wire key under another name. */
export const renamed = <S extends Schema.Schema.AnyNoContext>(schema: S, key: string) =>
  Schema.propertySignature(schema).pipe(Schema.fromKey(key))

/** A `_tag` read from the wire discriminator `key`: the wire value `wire` becomes `tag`. */
export const wireTag = <const Wire extends string, const Tag extends string>(key: string, wire: Wire, tag: Tag) =>
  Schema.propertySignature(Schema.transformLiteral(wire, tag)).pipe(
    Schema.fromKey(key),
    Schema.withConstructorDefault(() => tag)
  )

/** An enum value the library does not know yet, kept as it came. */
export class UnknownEnumValue extends Schema.TaggedClass<UnknownEnumValue>()("UnknownEnumValue", {
  value: Schema.String
}) {}

/** A string enum that decodes values it does not know into `UnknownEnumValue` instead of failing. */
export const openEnum = <const Literals extends readonly [string, ...Array<string>]>(...literals: Literals) =>
  Schema.Union(
    Schema.Literal(...literals),
    Schema.transform(Schema.String, Schema.typeSchema(UnknownEnumValue), {
      strict: true,
      decode: (value) => new UnknownEnumValue({ value }),
      encode: (unknown) => unknown.value
    })
  )

/** A JSON object kept as it came. */
export const RawObject = Schema.Record({ key: Schema.String, value: Schema.Unknown })
export type RawObject = typeof RawObject.Type

/**
 * The fallback variant of a union tagged by the wire key `key`: every object whose tag is not one of
 * `known` decodes into the tagged class `to`, with the wire tag in `type`, the whole object in
 * `payload`, and whatever `pick` reads from it.
 */
export const unknownVariant = <A, I extends { readonly type: string; readonly payload: RawObject }>(
  key: string,
  known: ReadonlyArray<string>,
  to: Schema.Schema<A, I> & { readonly _tag: string },
  pick: (raw: RawObject) => RawObject = () => ({})
) =>
  Schema.transform(
    Schema.Struct({ [key]: Schema.String.pipe(Schema.filter((tag) => !known.includes(tag))) }, RawObject),
    to,
    {
      strict: false,
      decode: (raw) => ({ ...pick(raw), _tag: to._tag, type: raw[key], payload: raw }),
      encode: (value: I) => ({ ...value.payload, [key]: value.type })
    }
  )
