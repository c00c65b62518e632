import { Record } from "effect"

/** A bit field read against named bits: `raw` as it came, and for each name whether its bits are all set. */
export type FlagSet<Name extends string> = { readonly raw: number } & { readonly [K in Name]: boolean }

/** A number as the 64-bit integer the backend stores (fractions dropped, non-finite values as 0). */
export const toBits = (value: number): bigint => (Number.isFinite(value) ? BigInt(Math.trunc(value)) : 0n)

/** Whether `value` has every bit of `bits` (exact up to 2^53: bitwise operators stop at 32 bits). */
export const hasBits = (value: number, bits: number): boolean => (toBits(value) & toBits(bits)) === toBits(bits)

/** Reads `raw` against the named bits. Bits no name covers stay visible in `raw`. */
export const flagSet = <Name extends string>(bits: Readonly<Record<Name, number>>, raw: number): FlagSet<Name> => ({
  ...Record.map(bits, (bit) => hasBits(raw, bit)),
  raw
})
