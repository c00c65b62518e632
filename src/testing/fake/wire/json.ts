import { Option, Predicate } from "effect"

/** A JSON object as the fake writes it. */
export type Json = Record<string, unknown>

/** The object without its `undefined` values: serde's `skip_serializing_if = "Option::is_none"`. */
export const present = (json: Json): Json => Object.fromEntries(Object.entries(json).filter(([, value]) => value !== undefined))

/** A timestamp as the backend writes it: ISO 8601 UTC with milliseconds and `Z`. */
export const iso = (millis: number): string => new Date(millis).toISOString()

/** `skip_serializing_if = "crate::if_false"`. */
export const ifTrue = (value: boolean): true | undefined => (value ? true : undefined)

/** `skip_serializing_if = "crate::if_zero_u32"`. */
export const ifNonZero = (value: number): number | undefined => (value === 0 ? undefined : value)

/** `skip_serializing_if = "Vec::is_empty"` (or a map's `is_empty`). */
export const ifAny = <A>(values: ReadonlyArray<A>): ReadonlyArray<A> | undefined => (values.length === 0 ? undefined : values)

/** The JSON object `text` holds, if it holds one (not malformed, not an array or a scalar). */
export const parseObject = (text: string): Option.Option<Json> => {
  try {
    const value: unknown = JSON.parse(text)
    return Predicate.isRecord(value) ? Option.some(value) : Option.none()
  } catch {
    return Option.none()
  }
}
