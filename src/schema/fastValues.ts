import { DateTime, Option } from "effect"

/**
 * `Option.some` and `DateTime.unsafeMake` of Unix milliseconds, built by constructors that share
 * Effect's prototypes: one hidden class with the fields in the object, no per-call descriptor object
 * or `Date`. Each is checked once, at load, against Effect's own (same prototype, same own keys
 * with the same descriptors); where they differ (another Effect version), Effect's own is used.
 */

/** Whether `fast` is built as `reference` is: same prototype, same own keys in order, same descriptors. */
const builtAlike = (fast: object, reference: object): boolean => {
  if (Object.getPrototypeOf(fast) !== Object.getPrototypeOf(reference)) return false
  const keys = Reflect.ownKeys(reference)
  const fastKeys = Reflect.ownKeys(fast)
  return fastKeys.length === keys.length && keys.every((key, index) => {
    const a = Object.getOwnPropertyDescriptor(fast, key)
    const b = Object.getOwnPropertyDescriptor(reference, key)
    return fastKeys[index] === key && a !== undefined && b !== undefined && Object.is(a.value, b.value) &&
      a.writable === b.writable && a.enumerable === b.enumerable && a.configurable === b.configurable && a.get === b.get && a.set === b.set
  })
}

/** A maker from generated source over `prototype` (the source is a function of one value, returning the built object). */
const generated = <In, Out>(prototype: object, body: string, fallback: (value: In) => Out): (value: In) => Out => {
  try {
    // The source builds an object of `prototype` from its one argument, as the returned type says.
    return new globalThis.Function("prototype", "defineProperty", body)(prototype, Object.defineProperty) as (value: In) => Out
  } catch {
    // Code generation disallowed (`node --disallow-code-generation-from-strings`): Effect's own.
    return fallback
  }
}

const someProto: object = Object.getPrototypeOf(Option.some(0))
const fastSome = generated<unknown, Option.Option<unknown>>(someProto, `
function Some(value) { this.value = value }
Some.prototype = prototype
return (value) => new Some(value)`, Option.some)

// Samples kept for good: V8 drops a hidden class no live object has (and the code compiled for it) at a full GC.
const someSample = fastSome(1)

/** `Option.some(value)`. */
export const some: (value: unknown) => Option.Option<unknown> = builtAlike(someSample, Option.some(1)) ? fastSome : Option.some

const utcProto: object = Object.getPrototypeOf(DateTime.unsafeMake(0))
const fastUtc = generated<number, DateTime.Utc>(utcProto, `
const parts = { value: undefined, enumerable: false, writable: true }
function Utc(epochMillis) { this.epochMillis = epochMillis; defineProperty(this, "partsUtc", parts) }
Utc.prototype = prototype
return (epochMillis) => new Utc(epochMillis)`, (millis) => DateTime.unsafeMake(millis))

const utcSample = fastUtc(1_700_000_000_123)

/** `DateTime.unsafeMake(epochMillis)` of valid Unix milliseconds (a `DateTime.Utc`). */
export const utcOfMillis: (epochMillis: number) => DateTime.Utc =
  builtAlike(utcSample, DateTime.unsafeMake(1_700_000_000_123)) ? fastUtc : (millis) => DateTime.unsafeMake(millis)
