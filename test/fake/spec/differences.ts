import { Predicate } from "effect"
import type { Exchange } from "./responses.js"

/** One place where the fake, following the backend, answers what the 0.8.9 spec does not describe. */
export interface KnownDifference {
  /** What the backend does and what the spec says instead. */
  readonly name: string
  readonly covers: (exchange: Exchange) => boolean
}

/** Error types the backend sends that the spec's `Error` does not list (it predates them). */
export const typesNewerThanSpec: ReadonlyArray<string> = ["InSlowmode", "IsElevated"]

const field = (value: unknown, key: string): unknown => (Predicate.isRecord(value) ? value[key] : undefined)

export const knownDifferences: ReadonlyArray<KnownDifference> = [
  {
    name: "Rocket's default catcher answers auth, header, body and route failures with {error:{code,reason,description}}; the spec knows only Stoat's error body",
    covers: ({ status, body }) => status >= 400 && field(field(body, "error"), "code") === status
  },
  {
    name: "The rate limiter's 429 is {retry_after} (milliseconds), with no type; the spec has no 429",
    covers: ({ status, body }) => status === 429 && typeof field(body, "retry_after") === "number" && field(body, "type") === undefined
  },
  {
    name: `Error types newer than the spec: ${typesNewerThanSpec.join(", ")}`,
    covers: ({ status, body }) => status >= 400 && typesNewerThanSpec.includes(String(field(body, "type")))
  },
  {
    name: "GET /servers/{id}?include_channels=true flattens the server and puts channel objects under channels; the spec says ids",
    covers: ({ method, template, status, body }) => {
      const channels = field(body, "channels")
      return method === "get" && template === "/servers/{target}" && status === 200 && Array.isArray(channels) && Predicate.isRecord(channels[0])
    }
  },
  {
    name: "POST /safety/report answers 204 with no body (an EmptyResponse); the spec says 200",
    covers: ({ method, template, status }) => method === "post" && template === "/safety/report" && status === 204
  }
]
