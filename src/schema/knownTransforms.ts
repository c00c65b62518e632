import { Option, Predicate, Schema } from "effect"

/**
 * Transformations whose decoding the fast path (`fastDecode.ts`, `fastStruct.ts`) knows from their
 * very `decode` function, registered where they are made: it runs them without the `Option`s and
 * `Either`s their general form passes around.
 */

/** What a property signature transformation built by `Wire.ts` does. */
export type KnownTransform =
  /** An absent, `null` or `undefined` value decodes to `Option.none()`, any other to `Option.some(value)`. */
  | { readonly _tag: "Option" }
  /** An absent, `null` or `undefined` value decodes to `fallback()`, any other to itself. */
  | { readonly _tag: "Default"; readonly fallback: () => unknown }

type Decode = (o: Option.Option<unknown>) => Option.Option<unknown>

const known = new WeakMap<Decode, KnownTransform>()

/** What the transformation whose `decode` this is does, when `Wire.ts` made it. */
export const knownTransform = (decode: Decode): KnownTransform | undefined => known.get(decode)

/** The transformation of a nullable optional key into an `Option`: what `Schema.optionalWith` decodes with `as: "Option"`. */
export const decodeOption: Decode = (o) => Option.some(Option.filter(o, Predicate.isNotNullable))
known.set(decodeOption, { _tag: "Option" })

/** The transformation of a nullable optional key with a default: what `Schema.optionalWith` decodes with `default`. */
export const decodeWithDefault = (fallback: () => unknown): Decode => {
  const decode: Decode = (o) => Option.some(Option.isSome(o) && o.value != null ? o.value : fallback())
  known.set(decode, { _tag: "Default", fallback })
  return decode
}

/** `field` with its transformation's decode replaced by `decode`, which must decode alike (its from and to sides and its encode are kept). */
export const decodingWith = <TT extends ":" | "?:", A, K extends PropertyKey, ET extends ":" | "?:", I, D extends boolean, R>(
  field: Schema.PropertySignature<TT, A, K, ET, I, D, R>,
  decode: Decode
): Schema.PropertySignature<TT, A, K, ET, I, D, R> => {
  const ast = field.ast
  if (ast._tag !== "PropertySignatureTransformation") throw new Error(`decodingWith: ${String(field)} is not a transformation`)
  return Schema.makePropertySignature(new Schema.PropertySignatureTransformation(ast.from, ast.to, decode, ast.encode))
}

/** The direct form of a transformation's decode: its result for a decoded input, or `undefined` to ask the transformation. */
export type Shortcut = (decoded: unknown) => unknown

const shortcuts = new WeakMap<object, Shortcut>()

/**
 * `decode` (a transformation's decode function), known to the fast path by `shortcut`: where it gives
 * a value, it is what `decode` and the transformation's target schema give together.
 */
export const withShortcut = <F extends object>(decode: F, shortcut: Shortcut): F => {
  shortcuts.set(decode, shortcut)
  return decode
}

/** The shortcut of a transformation's decode function, if it has one. */
export const shortcutOf = (decode: object): Shortcut | undefined => shortcuts.get(decode)
