import { Effect, ParseResult } from "effect"
import { fetchMembers, MemberList } from "effect-stoat"
import { type HttpLayers, stoatRuntime } from "./requests.js"
import { listServerId } from "./server.js"
import { median } from "./measure.js"

const collect = () => {
  if (typeof globalThis.gc !== "function") throw new Error("run node with --expose-gc")
  globalThis.gc()
  globalThis.gc()
}

/** The heap `make`'s result keeps alive once everything else it made is collected, in bytes. */
const retained = async (make: () => Promise<unknown>): Promise<number> => {
  collect()
  const before = process.memoryUsage().heapUsed
  const kept: Array<unknown> = [await make()]
  collect()
  const after = process.memoryUsage().heapUsed
  kept.length = 0
  return after - before
}

const decode = ParseResult.decodeUnknownSync(MemberList)

/**
 * Retained heap of a members list of `count` members: the parsed JSON, the decoded `MemberList`,
 * and what `fetchMembers` leaves behind over `layer` (the list and the cache it filled). Medians of 3.
 */
export const heapOf = async (json: string, count: number, baseUrl: string, layers: HttpLayers) => {
  const repeat = async (make: () => Promise<unknown>) => median([await retained(make), await retained(make), await retained(make)])
  const parsed = await repeat(async () => JSON.parse(json))
  const decoded = await repeat(async () => decode(JSON.parse(json)))
  const [name, layer] = Object.entries(layers)[0]!
  const runtimes: Array<ReturnType<typeof stoatRuntime>> = []
  const runtime = () => {
    const made = stoatRuntime(baseUrl, layer)
    runtimes.push(made)
    return made
  }
  const withCache = await repeat(async () => {
    const client = runtime()
    return { client, list: await client.runPromise(fetchMembers(listServerId(count))) }
  })
  const runtimeAlone = await repeat(async () => {
    const client = runtime()
    await client.runPromise(Effect.void)
    return client
  })
  for (const made of runtimes) await made.dispose()
  return { parsed, decoded, fetched: withCache - runtimeAlone, layer: name }
}
