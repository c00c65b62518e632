import { readFileSync } from "node:fs"
import { Ajv, type ValidateFunction } from "ajv"
import { Predicate } from "effect"
import type { FakeRequest, FakeResponse } from "effect-stoat/testing"
import { knownDifferences } from "./differences.js"

/**
 * Checks the fake's answers against the OpenAPI spec of the `stoat-api` package (0.8.9-4) with ajv.
 * The spec is OpenAPI 3.0: its `nullable` becomes a JSON Schema union with `null`, and its `(?i)`
 * patterns (which JavaScript cannot read inline) compile with the `i` flag; both once, at load.
 */

type Json = Readonly<Record<string, unknown>>

/** `nullable: true` as JSON Schema says it: the schema, or `null`. */
const convert = (node: unknown): unknown => {
  if (Array.isArray(node)) return node.map(convert)
  if (!Predicate.isRecord(node)) return node
  const { nullable, ...rest } = node
  const converted = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, convert(value)]))
  return nullable === true ? { anyOf: [converted, { type: "null" }] } : converted
}

/** A pattern engine that reads a leading `(?i)` as the `i` flag. */
const regExp = Object.assign(
  (pattern: string, flags: string) => (pattern.startsWith("(?i)") ? new RegExp(pattern.slice(4), `${flags}i`) : new RegExp(pattern, flags)),
  { code: "new RegExp" }
)

const text = readFileSync(new URL("../../../node_modules/stoat-api/OpenAPI.json", import.meta.url), "utf8")
const document: unknown = JSON.parse(text)
const root = Predicate.isRecord(document) ? document : {}
const paths = Predicate.isRecord(root["paths"]) ? root["paths"] : {}
const components = Predicate.isRecord(root["components"]) ? root["components"] : {}

const ajv = new Ajv({ strict: false, validateFormats: false, code: { regExp } })
ajv.addSchema({ $id: "stoat", components: convert(components) })

/** A spec path as a matcher of raw request paths: literal segments must be equal, `{name}` takes one. */
const templates = Object.keys(paths)
  .map((template) => ({ template, segments: template.split("/").slice(1) }))
  // Literal segments first, so `/users/@me` wins over `/users/{target}`.
  .sort((a, b) => a.segments.filter((segment) => segment.startsWith("{")).length - b.segments.filter((segment) => segment.startsWith("{")).length)

/** The spec's path template a raw request path falls under, preferring one that has the method. */
export const templateOf = (path: string, method: string): string | undefined => {
  const segments = path.split("/").slice(1)
  const matching = templates.filter((candidate) =>
    candidate.segments.length === segments.length &&
    candidate.segments.every((part, index) => part.startsWith("{") || part === segments[index])
  )
  return (matching.find((candidate) => at(paths, candidate.template, method) !== undefined) ?? matching[0])?.template
}

/** The value at `keys` inside parsed JSON; undefined when absent. */
export const at = (value: unknown, ...keys: ReadonlyArray<string | number>): unknown =>
  keys.reduce<unknown>((current, key) => (Predicate.isRecord(current) || Array.isArray(current) ? Reflect.get(current, key) : undefined), value)

/** Compiled schemas by their text: most responses are one `$ref`, shared by many routes. */
const validators = new Map<string, ValidateFunction>()

/** The compiled schema of one response (compiled on first use), if the spec gives it one. */
const validatorOf = (template: string, method: string, status: string): ValidateFunction | undefined => {
  const schema = at(paths, template, method, "responses", status, "content", "application/json", "schema")
  if (schema === undefined) return undefined
  const text = JSON.stringify(convert(schema)).replaceAll("\"#/components", "\"stoat#/components")
  const known = validators.get(text)
  if (known !== undefined) return known
  const validator = ajv.compile(JSON.parse(text))
  validators.set(text, validator)
  return validator
}

/** One answer of the fake, as the checks read it. */
export interface Exchange {
  readonly method: string
  readonly path: string
  /** The spec's path template, when the spec has the route. */
  readonly template: string | undefined
  readonly status: number
  readonly body: unknown
}

/**
 * What is wrong with one answer of the fake by the spec: nothing for an answer that is not JSON
 * (Rocket's HTML pages, images, a body a `Truncate` fault cut) or that a known spec-versus-backend
 * difference covers (`differences.ts`).
 */
export const problemsOf = (request: FakeRequest, response: FakeResponse): ReadonlyArray<string> => {
  const json = (response.headers["content-type"] ?? "").startsWith("application/json")
  if (response.status !== 204 && !json) return []
  let body: unknown = undefined
  if (json) {
    try {
      body = JSON.parse(response.body)
    } catch {
      return []
    }
  }
  const method = request.method.toLowerCase()
  const exchange: Exchange = { method, path: request.path, template: templateOf(request.path, method), status: response.status, body }
  if (knownDifferences.some((difference) => difference.covers(exchange))) return []
  const where = `${request.method} ${request.path} → ${response.status}`
  if (exchange.template === undefined || at(paths, exchange.template, method) === undefined) return [`${where}: the spec has no such route`]
  const responses = at(paths, exchange.template, method, "responses")
  const status = Predicate.isRecord(responses) && String(response.status) in responses ? String(response.status) : "default"
  if (response.status < 400 && status === "default") return [`${where}: the spec declares no ${response.status} answer`]
  if (response.status === 204) return []
  const validate = validatorOf(exchange.template, method, status)
  if (validate === undefined) return [`${where}: the spec gives the answer no JSON body`]
  if (validate(body)) return []
  return (validate.errors ?? []).map((error) => `${where}: ${error.instancePath || "(body)"} ${error.message ?? ""} ${JSON.stringify(error.params)}`)
}

/** Throws with every problem of one answer, so the test that made the request fails. */
export const assertMatchesSpec = (request: FakeRequest, response: FakeResponse): void => {
  const problems = problemsOf(request, response)
  if (problems.length > 0) {
    throw new Error(`the fake's answer does not match the stoat-api spec:\n${problems.join("\n")}\nbody: ${response.body.slice(0, 2000)}`)
  }
}

/** The spec's component schema `name`, converted (for the checker's own tests). */
export const componentSchema = (name: string): Json => {
  const found = at(components, "schemas", name)
  return Predicate.isRecord(found) ? found : {}
}
