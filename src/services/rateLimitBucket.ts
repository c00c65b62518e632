/** The server's rate-limit bucket for a request and the resource it is counted per (stoat-api.md §3.2). */
export interface RateLimitBucket {
  readonly bucket: string
  readonly resource: string | undefined
}

const decodeSegment = (segment: string | undefined): string | undefined => {
  if (segment === undefined || !segment.includes("%")) return segment
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/** A bucket counted once for every resource. */
const alone = (bucket: string): RateLimitBucket => ({ bucket, resource: undefined })

const slash = "/".charCodeAt(0)
const question = "?".charCodeAt(0)
const hash = "#".charCodeAt(0)

/** The path's non-empty segments, at most `count`, up to its query or fragment (no regular expression: it runs per request). */
const leadingSegments = (path: string, count: number): Array<string> => {
  const segments: Array<string> = []
  let start = 0
  for (let at = 0; segments.length < count; at++) {
    const code = at < path.length ? path.charCodeAt(at) : question
    if (code !== slash && code !== question && code !== hash) continue
    if (at > start) segments.push(path.slice(start, at))
    if (code !== slash) break
    start = at + 1
  }
  return segments
}

/**
 * The bucket the backend counts a request against, as its `resolve_bucket` does: by the path's
 * first three non-empty segments after an optional `0.8`, and the method.
 */
export const rateLimitBucket = (method: string, path: string): RateLimitBucket => {
  const leading = leadingSegments(path, 4)
  const skip = leading[0] === "0.8" ? 1 : 0
  const segment = decodeSegment(leading[skip])
  const resource = decodeSegment(leading[skip + 1])
  const extra = decodeSegment(leading[skip + 2])
  const verb = method.toUpperCase()
  switch (segment) {
    case "users":
      if (verb === "PATCH") return { bucket: "user_edit", resource }
      return extra === "default_avatar" ? alone("default_avatar") : alone("users")
    case "bots":
      return alone("bots")
    case "channels":
      if (resource === undefined) return alone("any")
      return { bucket: verb === "POST" && extra === "messages" ? "messaging" : "channels", resource }
    case "servers":
      return resource === undefined ? alone("any") : { bucket: "servers", resource }
    case "auth":
      return alone(verb === "DELETE" ? "auth_delete" : "auth")
    case "swagger":
      return alone("swagger")
    case "safety":
      return resource === "report" ? { bucket: "safety_report", resource: "report" } : alone("safety")
    default:
      return alone("any")
  }
}
