import { Data, Option, Schema, SchemaAST as AST } from "effect"
import { decodeOption, decodeWithDefault, decodingWith, withShortcut } from "./knownTransforms.js"

/**
 * A field read from the wire key `Key`: `never` (the default) means the field's own name. The key is a
 * const type parameter so the encoded side of a schema keeps its named wire keys; `NoInfer` keeps a
 * schema's field context from widening an omitted key to `string`.
 */
type WireField<Type, Key extends string, EncodedToken extends ":" | "?:", Encoded, HasDefault extends boolean = false> =
  Schema.PropertySignature<":", Type, NoInfer<Key>, EncodedToken, Encoded, HasDefault, never>

/** An optional wire key, absent or `null` when there is none, decoded as an `Option`. */
export const optionalOption = <A, I, const Key extends string = never>(
  schema: Schema.Schema<A, I>,
  key?: Key
): WireField<Option.Option<A>, Key, "?:", I | null | undefined> => {
  // Schema.optionalWith's own, with a decode the fast path knows (knownTransforms.ts).
  const field = decodingWith(Schema.optionalWith(schema, { nullable: true, as: "Option" }), decodeOption)
  return key === undefined ? field : field.pipe(Schema.fromKey(key))
}

/** A wire key the server always sends, `null` when there is none, decoded as an `Option` (absent is accepted too). */
export const nullOption = <A, I, const Key extends string = never>(
  schema: Schema.Schema<A, I>,
  key?: Key
): WireField<Option.Option<A>, Key, "?:", I | null> => {
  // The same decode again, in the form the fast path knows (knownTransforms.ts).
  const field = decodingWith(
    Schema.optionalToRequired(Schema.NullOr(Schema.encodedSchema(schema)), Schema.OptionFromSelf(schema), {
      decode: (value) => Option.flatMap(value, Option.fromNullable),
      encode: (value) => Option.some(Option.getOrNull(value))
    }),
    decodeOption
  )
  return key === undefined ? field : field.pipe(Schema.fromKey(key))
}

/** An optional wire key that the server omits at its default, which decoding applies. */
export const withDefault = <A, I, const Key extends string = never>(
  schema: Schema.Schema<A, I>,
  fallback: () => NoInfer<A>,
  key?: Key
): WireField<A, Key, "?:", I | null | undefined, true> => {
  const field = decodingWith(Schema.optionalWith(schema, { nullable: true, default: fallback }), decodeWithDefault(fallback))
  return key === undefined ? field : field.pipe(Schema.fromKey(key))
}

/**
 * `Schema.Data(Schema.Array(item))` for items of a primitive type (ids, names): arrays compared by
 * content. The fast path builds the `Data` array straight from the decoded items, which is what the
 * target side (`DataFromSelf`) gives for items that decode to themselves.
 */
export const dataArray = <A extends string | number | boolean, I>(item: Schema.Schema<A, I>) => {
  const schema = Schema.Data(Schema.Array(item))
  const ast = schema.ast
  if (AST.isTransformation(ast) && AST.isFinalTransformation(ast.transformation)) {
    // `decoded` is the array the source side just made, so it becomes the `Data` array itself.
    withShortcut(ast.transformation.decode, (decoded) => (Array.isArray(decoded) ? Data.unsafeArray(decoded) : undefined))
  }
  return schema
}

/** A required wire key under another name. */
export const renamed = <A, I, const Key extends string>(schema: Schema.Schema<A, I>, key: Key): WireField<A, Key, ":", I> =>
  Schema.propertySignature(schema).pipe(Schema.fromKey(key))

/** A `_tag` read from the wire discriminator `key`: the wire value `wire` becomes `tag`. */
export const wireTag = <const Key extends string, const Wire extends string, const Tag extends string>(
  key: Key,
  wire: Wire,
  tag: Tag
): WireField<Tag, Key, ":", Wire, true> =>
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
export const unknownVariant = <const Key extends string, A, I extends { readonly type: string; readonly payload: RawObject }>(
  key: Key,
  known: ReadonlyArray<string>,
  to: Schema.Schema<A, I> & { readonly _tag: string },
  pick: (raw: RawObject) => RawObject = () => ({})
) =>
  Schema.transform(
    Schema.extend(
      Schema.Record({ key: Schema.Literal(key), value: Schema.String.pipe(Schema.filter((tag) => !known.includes(tag))) }),
      RawObject
    ),
    to,
    {
      strict: false,
      decode: (raw) => ({ ...pick(raw), _tag: to._tag, type: raw[key], payload: raw }),
      encode: (value: I) => ({ ...value.payload, [key]: value.type })
    }
  )
