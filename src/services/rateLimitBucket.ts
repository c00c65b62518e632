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

/**
 * The bucket the backend counts a request against, as its `resolve_bucket` does: by the path's
 * first three non-empty segments after an optional `0.8`, and the method.
 */
export const rateLimitBucket = (method: string, path: string): RateLimitBucket => {
  const segments = (path.split(/[?#]/, 1)[0] ?? "").split("/").filter((segment) => segment !== "")
  const [segment, resource, extra] = (segments[0] === "0.8" ? segments.slice(1, 4) : segments.slice(0, 3)).map(decodeSegment)
  const verb = method.toUpperCase()
  const of = (bucket: string, resource?: string): RateLimitBucket => ({ bucket, resource })
  switch (segment) {
    case "users":
      if (verb === "PATCH") return of("user_edit", resource)
      return extra === "default_avatar" ? of("default_avatar") : of("users")
    case "bots":
      return of("bots")
    case "channels":
      if (resource === undefined) return of("any")
      return verb === "POST" && extra === "messages" ? of("messaging", resource) : of("channels", resource)
    case "servers":
      return resource === undefined ? of("any") : of("servers", resource)
    case "auth":
      return verb === "DELETE" ? of("auth_delete") : of("auth")
    case "swagger":
      return of("swagger")
    case "safety":
      return resource === "report" ? of("safety_report", "report") : of("safety")
    default:
      return of("any")
  }
}
