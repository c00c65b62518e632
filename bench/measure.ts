/** Median of some numbers. */
export const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

const collectGarbage: () => void = typeof globalThis.gc === "function" ? globalThis.gc : () => {}

/** A comparison of a decoder with `JSON.parse`, both timed in the same rounds of one run. */
export interface Comparison {
  /** Median times, in milliseconds. */
  readonly parseMs: number
  readonly decodeMs: number
  /** The median over rounds of decode time / parse time, each pair timed back to back. */
  readonly ratio: number
  /** Fastest decode / fastest parse: the least disturbed by other load on the machine. */
  readonly bestRatio: number
}

const time = (run: () => unknown): number => {
  collectGarbage()
  const start = performance.now()
  run()
  return performance.now() - start
}

/**
 * Times `JSON.parse(json)` and `decode(parsed)` alternately, `rounds` times after `warmup` rounds.
 * With `--expose-gc` the heap is collected before each timing, so neither pays for the other's garbage.
 */
export const compareWithParse = (
  json: string,
  decode: (parsed: unknown) => unknown,
  { rounds = 30, warmup = 10 }: { readonly rounds?: number; readonly warmup?: number } = {}
): Comparison => {
  const parsed: unknown = JSON.parse(json)
  for (let i = 0; i < warmup; i++) {
    JSON.parse(json)
    decode(parsed)
  }
  const parses: Array<number> = []
  const decodes: Array<number> = []
  const ratios: Array<number> = []
  for (let i = 0; i < rounds; i++) {
    const parse = time(() => JSON.parse(json))
    const decoded = time(() => decode(parsed))
    parses.push(parse)
    decodes.push(decoded)
    ratios.push(decoded / parse)
  }
  return {
    parseMs: median(parses),
    decodeMs: median(decodes),
    ratio: median(ratios),
    bestRatio: Math.min(...decodes) / Math.min(...parses)
  }
}
