import { DateTime, Option, Schema } from "effect"
import { UnknownEnumValue, UnknownMetadata } from "effect-stoat"

/** The literals an `openEnum` knows. */
const literalsOf = (enumeration: Schema.Union<ReadonlyArray<Schema.Schema.Any>>) =>
  enumeration.members.flatMap((member) => (Schema.isSchema(member) && "literals" in member ? member.literals : []))

/**
 * Whether a generated value is one decoding JSON can produce, given the open enums in play. The
 * generators also make numbers JSON has not (NaN, infinities) and unknown variants that decoding
 * never yields (an `UnknownEnumValue` holding a known value, an `UnknownMetadata` whose payload lacks
 * its type): those are tested where they are defined.
 */
export const reachableWith = (...enumerations: ReadonlyArray<Schema.Union<ReadonlyArray<Schema.Schema.Any>>>) => {
  const known = new Set<unknown>(enumerations.flatMap(literalsOf))
  const reachable = (value: unknown): boolean => {
    if (typeof value === "number") return Number.isFinite(value)
    if (value instanceof UnknownMetadata) return false
    if (value instanceof UnknownEnumValue) return !known.has(value.value)
    if (Option.isOption(value)) return Option.match(value, { onNone: () => true, onSome: reachable })
    if (DateTime.isDateTime(value) || typeof value !== "object" || value === null) return true
    return Object.values(value).every(reachable)
  }
  return reachable
}
