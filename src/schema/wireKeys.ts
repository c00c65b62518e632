import { Schema } from "effect"

/** An optional wire key read as it is, for a plain struct of wire keys: absent, `undefined` or `null` when there is none. */
export const orNone = <S extends Schema.Schema.AnyNoContext>(schema: S) => Schema.optional(Schema.NullOr(schema))

/** A wire key the server always sends, read as it is: `null` when there is none, absent accepted too (not `undefined`). */
export const orNull = <S extends Schema.Schema.AnyNoContext>(schema: S) =>
  Schema.optionalWith(Schema.NullOr(schema), { exact: true })
