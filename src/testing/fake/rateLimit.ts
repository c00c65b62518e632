import { HashMap, Option } from "effect"
import type { FakeSettings } from "./FakeState.js"

/** One key's fixed window: requests left and when the window ends (Unix ms). */
export interface Window {
  readonly remaining: number
  readonly resetAt: number
}

/** The bucket a request counts against and the resource it is keyed on (reference §3.2). */
export const bucketOf = (method: string, segments: ReadonlyArray<string>): readonly [string, string | undefined] => {
  // Rocket's routed segments skip empty ones (`//servers//X` is `servers/X`).
  const routed = segments.filter((segment) => segment !== "")
  const rest = routed[0] === "0.8" ? routed.slice(1) : routed
  const [segment, resource, extra] = rest
  switch (segment) {
    case "users":
      if (method === "PATCH") return ["user_edit", resource]
      return extra === "default_avatar" ? ["default_avatar", undefined] : ["users", undefined]
    case "bots":
      return ["bots", undefined]
    case "channels":
      if (resource === undefined) return ["any", undefined]
      return method === "POST" && extra === "messages" ? ["messaging", resource] : ["channels", resource]
    case "servers":
      return resource === undefined ? ["any", undefined] : ["servers", resource]
    case "auth":
      return method === "DELETE" ? ["auth_delete", undefined] : ["auth", undefined]
    case "swagger":
      return ["swagger", undefined]
    case "safety":
      return resource === "report" ? ["safety_report", "report"] : ["safety", undefined]
    default:
      return ["any", undefined]
  }
}

/** The opaque bucket id the backend sends: a 64-bit hash of the key, in decimal. */
const hash = (key: string) => {
  let value = 0xcbf29ce484222325n
  for (const byte of new TextEncoder().encode(key)) value = ((value ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn
  return value.toString()
}

/** What the limiter decided for one request, and the headers every response carries. */
export interface RateDecision {
  readonly windows: HashMap.HashMap<string, Window>
  readonly limited: boolean
  readonly resetAfter: number
  readonly headers: Readonly<Record<string, string>>
}

/** Counts a request in its fixed window; a request over the limit is refused with the wait left. */
export const countRequest = (
  windows: HashMap.HashMap<string, Window>,
  settings: FakeSettings,
  identifier: string,
  bucket: readonly [string, string | undefined],
  now: number
): RateDecision => {
  const [name, resource] = bucket
  const key = `${identifier}\u0000${name}\u0000${resource ?? ""}`
  const limit = settings.rateLimits[name] ?? settings.rateLimits["any"] ?? 20
  const current = HashMap.get(windows, key).pipe(
    // The backend opens a new window only once `now > reset`: at the reset instant the old one still counts.
    Option.filter((window) => window.resetAt >= now),
    Option.getOrElse((): Window => ({ remaining: limit, resetAt: now + settings.rateLimitWindowMillis }))
  )
  const limited = current.remaining <= 0
  const next = limited ? current : { ...current, remaining: current.remaining - 1 }
  const resetAfter = next.resetAt - now
  return {
    windows: HashMap.set(windows, key, next),
    limited,
    resetAfter,
    headers: {
      "x-ratelimit-limit": String(limit),
      "x-ratelimit-bucket": hash(key),
      "x-ratelimit-remaining": String(next.remaining),
      "x-ratelimit-reset-after": String(resetAfter)
    }
  }
}
