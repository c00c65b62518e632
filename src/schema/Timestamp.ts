import { DateTime, Option, ParseResult, Schema, type SchemaAST as AST } from "effect"
import { utcOfMillis } from "./fastValues.js"
import { withShortcut } from "./knownTransforms.js"

const monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

const daysInMonth = (year: number, month: number) =>
  month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : monthLengths[month - 1] ?? 0

/** The decimal number written by `length` ASCII digits from `from`, or NaN when one is not a digit. */
const digits = (text: string, from: number, length: number): number => {
  let value = 0
  for (let i = from; i < from + length; i++) {
    const digit = text.charCodeAt(i) - 48
    if (digit < 0 || digit > 9) return Number.NaN
    value = value * 10 + digit
  }
  return value
}

/**
 * The instant of `YYYY-MM-DDTHH:MM:SS.sssZ`, the one form the backend writes, read without the
 * general date parser; `undefined` for anything else (other forms, years before 100, invalid
 * fields), which `DateTime.make` then reads.
 */
const canonicalMillis = (text: string): number | undefined => {
  if (
    text.length !== 24 || text[4] !== "-" || text[7] !== "-" || text[10] !== "T" || text[13] !== ":" ||
    text[16] !== ":" || text[19] !== "." || text[23] !== "Z"
  ) return undefined
  const year = digits(text, 0, 4)
  const month = digits(text, 5, 2)
  const day = digits(text, 8, 2)
  const hour = digits(text, 11, 2)
  const minute = digits(text, 14, 2)
  const second = digits(text, 17, 2)
  const millis = digits(text, 20, 3)
  const valid = year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) &&
    hour <= 23 && minute <= 59 && second <= 59 && millis >= 0
  return valid ? Date.UTC(year, month - 1, day, hour, minute, second, millis) : undefined
}

/**
 * A timestamp: ISO 8601 on the wire (encoded with exactly 3 fractional digits and `Z`, as the
 * backend writes it), also accepted as Unix milliseconds. Decodes what `Schema.DateTimeUtc` and
 * `Schema.DateTimeUtcFromNumber` decode, the backend's own form about twice as fast.
 */
export const Timestamp = Schema.transformOrFail(Schema.Union(Schema.String, Schema.Number), Schema.DateTimeUtcFromSelf, {
  strict: true,
  // The fast path reads the backend's form directly (the shortcut); anything else goes the whole way.
  decode: withShortcut((input: string | number, _: unknown, ast: AST.Transformation) => {
    const millis = typeof input === "string" ? canonicalMillis(input) : undefined
    if (millis !== undefined) return ParseResult.succeed(utcOfMillis(millis))
    return Option.match(DateTime.make(input), {
      onNone: () => ParseResult.fail(new ParseResult.Type(ast, input, `Unable to decode ${JSON.stringify(input)} into a DateTime.Utc`)),
      onSome: (instant) => ParseResult.succeed(DateTime.toUtc(instant))
    })
  }, (input) => {
    const millis = typeof input === "string" ? canonicalMillis(input) : undefined
    return millis === undefined ? undefined : utcOfMillis(millis)
  }),
  encode: (instant) => ParseResult.succeed(DateTime.formatIso(instant))
}).annotations({ identifier: "Timestamp" })
