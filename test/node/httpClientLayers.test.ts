import { HttpClient, HttpClientRequest } from "@effect/platform"
import { NodeHttpClient } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Chunk, Effect, Fiber, Layer, Stream } from "effect"
import { layerUndiciHttpClient } from "effect-stoat/node"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"

/** What the test server saw of one request. */
interface Seen {
  readonly method: string
  readonly headers: IncomingMessage["headers"]
  readonly body: string
}

type Handler = (request: IncomingMessage, response: ServerResponse, seen: Seen) => void

/** A loopback server answering by path, and a promise per request that settles when its connection closes. */
const withServer = <A, E>(handlers: Record<string, Handler>, use: (base: string, closed: Array<Promise<string>>) => Effect.Effect<A, E, HttpClient.HttpClient>) =>
  Effect.acquireRelease(
    Effect.async<{ server: ReturnType<typeof createServer>; closed: Array<Promise<string>> }>((resume) => {
      const closed: Array<Promise<string>> = []
      const server = createServer((request, response) => {
        const chunks: Array<Buffer> = []
        let answered = false
        response.on("finish", () => (answered = true))
        closed.push(new Promise((resolve) => response.on("close", () => resolve(answered ? "answered" : "aborted"))))
        request.on("data", (chunk: Buffer) => chunks.push(chunk))
        request.on("end", () => {
          const seen = { method: request.method ?? "", headers: request.headers, body: Buffer.concat(chunks).toString() }
          const handler = handlers[request.url ?? ""] ?? ((_, response) => response.writeHead(404).end())
          handler(request, response, seen)
        })
      })
      server.listen(0, "127.0.0.1", () => resume(Effect.succeed({ server, closed })))
    }),
    ({ server }) => Effect.sync(() => server.close())
  ).pipe(
    Effect.flatMap(({ closed, server }) => use(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, closed)),
    Effect.scoped
  )

const echo: Handler = (_, response, seen) =>
  response.writeHead(200, { "content-type": "application/json", "x-echo": "yes", "set-cookie": "a=1" }).end(JSON.stringify(seen))

/** Writes the head and part of a body, then never finishes. */
const stall: Handler = (_, response) => {
  response.writeHead(200, { "content-type": "text/plain" })
  response.write("part of a body")
}

/** The layers under test; `sendsForms`: platform-node 0.108 hands Node's global `FormData` to undici 7, which fails ("action is not a function"). */
const layers: ReadonlyArray<readonly [string, Layer.Layer<HttpClient.HttpClient>, { readonly sendsForms: boolean }]> = [
  ["@effect/platform-node's NodeHttpClient.layerUndici", NodeHttpClient.layerUndici, { sendsForms: false }],
  ["effect-stoat/node's layerUndiciHttpClient", layerUndiciHttpClient, { sendsForms: true }]
]

for (const [name, layer, { sendsForms }] of layers) {
  describe(`HttpClient over ${name}`, () => {
    const live = <A, E>(effect: Effect.Effect<A, E, HttpClient.HttpClient>) => Effect.provide(effect, layer)

    it.live("sends method, headers and a JSON body; gives status, headers, cookies and the body as JSON", () =>
      live(withServer({ "/echo?x=1": echo }, (base) =>
        Effect.gen(function*() {
          const client = yield* HttpClient.HttpClient
          const request = HttpClientRequest.post(`${base}/echo`).pipe(
            HttpClientRequest.setUrlParam("x", "1"),
            HttpClientRequest.setHeader("X-Token", "t"),
            HttpClientRequest.bodyUnsafeJson({ hello: "world" })
          )
          const response = yield* client.execute(request)
          assert.strictEqual(response.status, 200)
          assert.strictEqual(response.headers["x-echo"], "yes")
          assert.deepStrictEqual(response.cookies.cookies["a"]?.value, "1")
          const seen = (yield* response.json) as Seen
          assert.strictEqual(seen.method, "POST")
          assert.strictEqual(seen.headers["x-token"], "t")
          assert.strictEqual(seen.headers["content-type"], "application/json")
          assert.deepStrictEqual(JSON.parse(seen.body), { hello: "world" })
        }))), 30_000)

    it.live("reads a body once: text twice gives the same text", () =>
      live(withServer({ "/echo": echo }, (base) =>
        Effect.gen(function*() {
          const response = yield* HttpClient.get(`${base}/echo`)
          const first = yield* response.text
          assert.strictEqual(yield* response.text, first)
          assert.include(first, "\"method\":\"GET\"")
        }))), 30_000)

    it.live("streams a body, and sends a streamed body", () =>
      live(withServer({ "/echo": echo }, (base) =>
        Effect.gen(function*() {
          const request = HttpClientRequest.post(`${base}/echo`).pipe(
            HttpClientRequest.bodyStream(Stream.make(new TextEncoder().encode("a"), new TextEncoder().encode("b")))
          )
          const response = yield* HttpClient.execute(request)
          const bytes = Chunk.toReadonlyArray(yield* Stream.runCollect(response.stream))
          const text = new TextDecoder().decode(Buffer.concat(bytes.map((chunk) => Buffer.from(chunk))))
          assert.strictEqual((JSON.parse(text) as Seen).body, "ab")
        }))), 30_000)

    it.live.skipIf(!sendsForms)("sends a form as multipart", () =>
      live(withServer({ "/echo": echo }, (base) =>
        Effect.gen(function*() {
          const form = new FormData()
          form.append("field", "value")
          const response = yield* HttpClient.execute(HttpClientRequest.post(`${base}/echo`).pipe(HttpClientRequest.bodyFormData(form)))
          const seen = (yield* response.json) as Seen
          assert.match(String(seen.headers["content-type"]), /^multipart\/form-data; boundary=/)
          assert.include(seen.body, "value")
        }))), 30_000)

    it.live("interrupting a request before its response aborts it", () =>
      live(withServer({ "/never": () => {} }, (base, closed) =>
        Effect.gen(function*() {
          const fiber = yield* Effect.fork(HttpClient.get(`${base}/never`))
          while (closed.length === 0) yield* Effect.sleep("10 millis")
          yield* Fiber.interrupt(fiber)
          assert.strictEqual(yield* Effect.promise(() => closed[0]!), "aborted")
        }))), 30_000)

    it.live("interrupting the read of a body aborts it", () =>
      live(withServer({ "/stall": stall }, (base, closed) =>
        Effect.gen(function*() {
          const response = yield* HttpClient.get(`${base}/stall`)
          const reading = yield* Effect.fork(response.text)
          yield* Effect.sleep("50 millis")
          yield* Fiber.interrupt(reading)
          assert.strictEqual(yield* Effect.promise(() => closed[0]!), "aborted")
        }))), 30_000)

    it.live("fails with a RequestError: Transport when nothing listens, InvalidUrl for a URL that is not one", () =>
      live(Effect.gen(function*() {
        const refused = yield* Effect.flip(HttpClient.get("http://127.0.0.1:1/"))
        assert.strictEqual(refused._tag, "RequestError")
        assert.strictEqual(refused.reason, "Transport")
        const invalid = yield* Effect.flip(HttpClient.get("not a url"))
        assert.strictEqual(invalid.reason, "InvalidUrl")
      })), 30_000)
  })
}
