/**
 * One bucket's window as the client knows it, and the pure steps that change it. The memory store
 * runs these; the Redis store runs the same steps in Lua (src/redis/script.ts).
 */

/** What the client knows of one bucket. Times are milliseconds on the store's clock. */
export interface BucketWindow {
  /** Requests per window, taught by the server; 0 until a response says. */
  readonly limit: number
  /** The longest `Reset-After` seen: the window's length. */
  readonly windowMillis: number
  /** Slots left in the current window, after every reservation made in it. */
  readonly remaining: number
  /** The current window's last instant at the latest (the backend renews a window once `now > reset`); 0 before any. */
  readonly resetAt: number
  /** When it ends at the earliest: a response whose window ends before this is from an older one. */
  readonly resetFloor: number
  /** Whether a response confirmed `resetAt` (a window the client opened itself only guesses it). */
  readonly confirmed: boolean
  /** Counts windows, so a slot given back returns only to the window it was taken from. */
  readonly epoch: number
  /** Reservations whose request went out and has not been answered. */
  readonly pending: number
  /** Requests answered after the current window may have ended: the next window may have counted them. */
  readonly carried: number
  /** The last response carried no rate-limit headers: nothing is paced until one does. */
  readonly unpaced: boolean
  /** The last time the bucket was used, to drop it once idle. */
  readonly touchedAt: number
}

/** A reservation: its window, whether it counts as pending, and when it was made. */
export interface Ticket {
  readonly epoch: number
  readonly counted: boolean
  readonly reservedAt: number
}

/** A reservation granted, or how long to wait before asking again. */
export type Reservation =
  | { readonly _tag: "Granted"; readonly ticket: Ticket }
  | { readonly _tag: "Wait"; readonly millis: number }

/** What one sent request taught. */
export type Outcome =
  | { readonly _tag: "Headers"; readonly limit: number; readonly remaining: number; readonly resetAfter: number }
  | { readonly _tag: "NoHeaders" }
  | { readonly _tag: "NoResponse" }

/** How long to wait for a response that must teach the window before asking again. */
export const pollMillis = 25

/** How long an idle bucket is kept after its window ends, at least. */
export const keepMillis = 10_000

/** A window being worked out by one step; the window given to the step is never changed. */
type Draft = { -readonly [K in keyof BucketWindow]: BucketWindow[K] }

/** A copy to work on. Every window is built here, fields in one order: spreads made a step cost microseconds. */
const draft = (window: BucketWindow): Draft => ({
  limit: window.limit,
  windowMillis: window.windowMillis,
  remaining: window.remaining,
  resetAt: window.resetAt,
  resetFloor: window.resetFloor,
  confirmed: window.confirmed,
  epoch: window.epoch,
  pending: window.pending,
  carried: window.carried,
  unpaced: window.unpaced,
  touchedAt: window.touchedAt
})

const fresh = (now: number): Draft => ({
  limit: 0,
  windowMillis: 0,
  remaining: 0,
  resetAt: 0,
  resetFloor: 0,
  confirmed: false,
  epoch: 0,
  pending: 0,
  carried: 0,
  unpaced: false,
  touchedAt: now
})

const granted = (window: Draft, counted: boolean, now: number): readonly [Reservation, BucketWindow] => {
  if (counted) window.pending += 1
  return [{ _tag: "Granted", ticket: { epoch: window.epoch, counted, reservedAt: now } }, window]
}

const wait = (window: BucketWindow, millis: number): readonly [Reservation, BucketWindow] => [
  { _tag: "Wait", millis: Math.max(1, millis) },
  window
]

/** Takes a slot if the bucket has one now; otherwise says how long to wait. */
export const reserve = (
  current: BucketWindow | undefined,
  now: number
): readonly [Reservation, BucketWindow] => {
  const window = current === undefined ? fresh(now) : draft(current)
  window.touchedAt = now
  if (window.unpaced) return granted(window, false, now)
  // Not taught yet: one request at a time until a response says the limit.
  if (window.limit === 0) return window.pending === 0 ? granted(window, true, now) : wait(window, pollMillis)
  if (now > window.resetAt) {
    // A window we opened ourselves ends only when a response has told us when it really started.
    if (!window.confirmed && window.pending > 0) return wait(window, pollMillis)
    // Requests still in flight, or answered so late the server may have counted them in the new
    // window, keep their slots in it.
    window.epoch += 1
    window.remaining = Math.max(0, window.limit - window.pending - window.carried)
    window.carried = 0
    window.resetAt = now + Math.max(1, window.windowMillis)
    window.resetFloor = now + window.windowMillis
    window.confirmed = false
  }
  if (window.remaining > 0) {
    window.remaining -= 1
    return granted(window, true, now)
  }
  return wait(window, window.resetAt + 1 - now)
}

/** Learns from a sent request's outcome; its slot stays spent. */
export const settle = (
  current: BucketWindow | undefined,
  ticket: Ticket,
  outcome: Outcome,
  now: number
): BucketWindow => {
  const window = current === undefined ? fresh(now) : draft(current)
  if (ticket.counted) window.pending = Math.max(0, window.pending - 1)
  window.touchedAt = now
  switch (outcome._tag) {
    case "NoResponse":
      return window
    case "NoHeaders":
      window.unpaced = true
      return window
    case "Headers": {
      const { carried, confirmed, remaining, resetAt, resetFloor } = window
      window.unpaced = false
      window.limit = outcome.limit
      window.windowMillis = Math.max(window.windowMillis, outcome.resetAfter)
      // The server's window ended between these two: the request was counted after it was reserved and before now.
      const earliest = ticket.reservedAt + outcome.resetAfter
      const latest = now + outcome.resetAfter
      if (resetAt === 0 || (confirmed && earliest > resetAt)) {
        // A window newer than the one we hold: the server's count is the truth, less what is still in flight.
        window.epoch += 1
        window.remaining = Math.max(0, outcome.remaining - window.pending)
        window.carried = 0
        window.resetAt = latest
        window.resetFloor = earliest
        window.confirmed = true
        return window
      }
      // A late answer from an older window teaches only the limit.
      if (latest < resetFloor) return window
      window.remaining = Math.min(remaining, outcome.remaining)
      window.resetAt = confirmed ? Math.min(resetAt, latest) : latest
      window.resetFloor = Math.max(resetFloor, earliest)
      window.carried = confirmed && now > resetFloor ? carried + 1 : carried
      window.confirmed = true
      return window
    }
  }
}

/** Returns the slot of a request that was never sent to the window it came from. */
export const giveBack = (current: BucketWindow | undefined, ticket: Ticket, now: number): BucketWindow | undefined => {
  if (current === undefined || !ticket.counted) return current
  const window = draft(current)
  window.pending = Math.max(0, window.pending - 1)
  window.touchedAt = now
  if (ticket.epoch === window.epoch && window.limit > 0 && !window.unpaced) {
    window.remaining = Math.min(window.limit, window.remaining + 1)
  }
  return window
}

/** When an idle bucket can be forgotten: nothing in flight, its window over and a while passed. */
export const expiresAt = (window: BucketWindow): number =>
  window.pending > 0
    ? Number.POSITIVE_INFINITY
    : Math.max(window.resetAt, window.touchedAt) + Math.max(keepMillis, window.windowMillis)
