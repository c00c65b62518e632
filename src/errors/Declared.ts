import { Schema } from "effect"

/** A wire error class: a schema of a tagged error with its `_tag`. */
export type ErrorClass = Schema.Schema.AnyNoContext & { readonly _tag: string }

/** The errors one operation declares, looked up by wire `type`. */
export interface Declared<E> {
  readonly has: (tag: string) => boolean
  readonly schema: (tag: string) => Schema.Schema<E, unknown> | undefined
}

/** The union of the instances of some error classes. */
export type ErrorOf<Classes extends ReadonlyArray<ErrorClass>> = Schema.Schema.Type<Classes[number]>

/** Declares the wire errors an operation can return: every other `type` is an unexpected response. */
export const declare = <const Classes extends ReadonlyArray<ErrorClass>>(
  ...classes: Classes
): Declared<ErrorOf<Classes>> & { readonly classes: Classes } => {
  const byTag = new Map<string, Schema.Schema<ErrorOf<Classes>, unknown>>(
    classes.map((cls) => [cls._tag, cls])
  )
  return { classes, has: (tag) => byTag.has(tag), schema: (tag) => byTag.get(tag) }
}
