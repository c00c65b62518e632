import { HttpClient } from "@effect/platform"
import { NodeHttpClient } from "@effect/platform-node"
import { Effect, Layer, ManagedRuntime, ParseResult, Redacted } from "effect"
import { FastMember, fetchMember, fetchMembers, StoatClient, StoatConfig } from "effect-stoat"
import { Client as StoatJs } from "stoat.js"
import { request } from "undici"
import { type Client, type CpuPerRequest, measureCpu } from "./cpuBench.js"
import { listServerId } from "./server.js"

const serverId = "01HZ8Y3Q4R5S6T7V8W9X0YZABC"
const userId = "01HZ8Y3Q4R5S6T7V8W9X0YZA1C"

/** The HTTP layers effect-stoat is measured over, by name. */
export type HttpLayers = Readonly<Record<string, Layer.Layer<HttpClient.HttpClient>>>

/** effect-stoat's client over `http`, pointed at the bench server. */
export const stoatRuntime = (baseUrl: string, http: Layer.Layer<HttpClient.HttpClient>) =>
  ManagedRuntime.make(
    StoatClient.layer.pipe(
      // A long timeout: 32 lists decoded at once on a loaded machine measure CPU here, not the timeout.
      Layer.provide(StoatConfig.layer({ token: Redacted.make("bench-token"), baseUrl, timeout: "10 minutes" })),
      Layer.provide(http)
    )
  )

const decodeMember = ParseResult.decodeUnknownSync(FastMember)

/** The clients compared on one path: the baselines, stoat.js, the platform, and effect-stoat over each layer. */
const clientsFor = (
  baseUrl: string,
  path: string,
  stoat: (runtime: ReturnType<typeof stoatRuntime>) => Client,
  floor: Client | undefined,
  layers: HttpLayers,
  withPlatform: boolean
): { readonly clients: Record<string, Client>; readonly close: () => Promise<void> } => {
  const url = `${baseUrl}${path}`
  const stoatJs = new StoatJs({ baseURL: baseUrl, autoReconnect: false })
  stoatJs.useExistingSession({ _id: "bench", token: "bench-token", user_id: userId })
  const platform = ManagedRuntime.make(NodeHttpClient.layerUndici)
  const runtimes = Object.entries(layers).map(([name, layer]) => [name, stoatRuntime(baseUrl, layer)] as const)
  const clients: Record<string, Client> = {
    "undici request() + JSON.parse (the baseline)": () => request(url).then((response) => response.body.text()).then(JSON.parse),
    "fetch + Response.json()": () => fetch(url).then((response) => response.json()),
    "stoat.js api.get": () => stoatJs.api.get(path as "/")
  }
  if (withPlatform) {
    clients["@effect/platform HttpClient.get + json (NodeHttpClient.layerUndici)"] = () =>
      platform.runPromise(Effect.flatMap(HttpClient.get(url), (response) => response.json))
  }
  if (floor !== undefined) clients["the floor: undici in Effect.fn + the Member fast decode"] = floor
  for (const [name, runtime] of runtimes) clients[`effect-stoat over ${name}`] = stoat(runtime)
  return {
    clients,
    close: async () => {
      await platform.dispose()
      for (const [, runtime] of runtimes) await runtime.dispose()
    }
  }
}

const floorFetch = Effect.fn("bench.floor")(function*(url: string) {
  const text = yield* Effect.promise(() => request(url).then((response) => response.body.text()))
  return decodeMember(JSON.parse(text))
})

/** Measures the clients sequentially and 32 in flight, then closes them. */
const sequentialAndConcurrent = async (
  { clients, close }: ReturnType<typeof clientsFor>,
  sequential: { readonly rounds: number; readonly time: number },
  concurrent: { readonly rounds: number; readonly time: number; readonly iterations?: number }
): Promise<Record<string, CpuPerRequest>> => {
  const results = {
    sequential: await measureCpu(clients, { concurrency: 1, ...sequential }),
    "32 in flight": await measureCpu(clients, { concurrency: 32, ...concurrent })
  }
  await close()
  return results
}

/** CPU per `GET /servers/{id}/members/{user}` (one member), sequentially and 32 in flight. */
export const memberRequests = (baseUrl: string, layers: HttpLayers, rounds: number) => {
  const path = `/servers/${serverId}/members/${userId}`
  const clients = clientsFor(
    baseUrl,
    path,
    (runtime) => () => runtime.runPromise(fetchMember(serverId, userId)),
    () => Effect.runPromise(floorFetch(`${baseUrl}${path}`)),
    layers,
    true
  )
  return sequentialAndConcurrent(clients, { rounds, time: 250 }, { rounds, time: 250 })
}

/**
 * CPU per `GET /servers/{id}/members` of `count` members, sequentially and 32 in flight (32 lists a
 * call: one call and one warm-up per client, to keep a run within minutes).
 */
export const membersRequests = (baseUrl: string, layers: HttpLayers, count: number, rounds: number) => {
  const server = listServerId(count)
  const clients = clientsFor(
    baseUrl,
    `/servers/${server}/members`,
    (runtime) => () => runtime.runPromise(fetchMembers(server)),
    undefined,
    layers,
    false
  )
  return sequentialAndConcurrent(clients, { rounds, time: 600 }, { rounds: 1, time: 0, iterations: 1 })
}
