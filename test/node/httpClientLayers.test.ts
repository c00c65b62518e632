import { HttpBody, HttpClient, HttpClientRequest } from "@effect/platform"
import { NodeHttpClient } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Chunk, Effect, Fiber, Layer, Stream } from "effect"
import { layerUndiciHttpClient, makeUndiciHttpClient } from "effect-stoat/node"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { Readable } from "node:stream"
import { setFlagsFromString } from "node:v8"
import { runInNewContext } from "node:vm"
import { Agent, MockAgent } from "undici"

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

/** The byte at `position` of a long body: it changes within and across blocks, so a lost or reordered block shows. */
const patternAt = (position: number) => (position ^ (position >>> 8) ^ (position >>> 16)) & 255

/** More than the loopback socket's buffers can hold while the client reads nothing (tcp_rmem max 32 MiB here). */
const longBodySize = 48 * 1024 * 1024

/** Writes `longBodySize` bytes of `patternAt` as fast as the client takes them; `finished` says whether all were taken. */
const longBody = (progress: { finished: boolean }): Handler => (_, response) => {
  response.writeHead(200, { "content-type": "application/octet-stream" })
  let position = 0
  const writeSome = () => {
    while (position < longBodySize) {
      const block = Buffer.alloc(64 * 1024)
      for (let i = 0; i < block.length; i++) block[i] = patternAt(position + i)
      position += block.length
      if (!response.write(block)) return void response.once("drain", writeSome)
    }
    response.end(() => (progress.finished = true))
  }
  writeSome()
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

    it.live("a slow stream consumer holds the sender back, and gets every byte in order", () => {
      const progress = { finished: false }
      return live(withServer({ "/long": longBody(progress) }, (base) =>
        Effect.gen(function*() {
          const response = yield* HttpClient.get(`${base}/long`)
          const received = yield* response.stream.pipe(
            Stream.runFoldEffect(0, (position, chunk) =>
              Effect.gen(function*() {
                for (let i = 0; i < chunk.length; i++) {
                  if (chunk[i] !== patternAt(position + i)) return yield* Effect.die(`byte ${position + i} out of order`)
                }
                if (position === 0) {
                  // Unread bytes beyond the client's buffer and the socket's stay with the server.
                  yield* Effect.sleep("300 millis")
                  assert.isFalse(progress.finished)
                }
                return position + chunk.length
              }))
          )
          assert.strictEqual(received, longBodySize)
          assert.isTrue(progress.finished)
        })))
    }, 60_000)

    it.live("a body left unread past what the client holds is still read whole, or streamed, later", () => {
      const size = 1024 * 1024
      const whole: Handler = (_, response) =>
        response.writeHead(200).end(Buffer.from(Array.from({ length: size }, (_, position) => patternAt(position))))
      return live(withServer({ "/whole": whole }, (base) =>
        Effect.gen(function*() {
          const read = yield* HttpClient.get(`${base}/whole`)
          const streamed = yield* HttpClient.get(`${base}/whole`)
          // Long enough for more than the client holds unasked to arrive (it then stops reading).
          yield* Effect.sleep("200 millis")
          const bytes = new Uint8Array(yield* read.arrayBuffer)
          assert.strictEqual(bytes.length, size)
          assert.isTrue(bytes.every((byte, position) => byte === patternAt(position)))
          const chunks = Chunk.toReadonlyArray(yield* Stream.runCollect(streamed.stream))
          assert.strictEqual(chunks.reduce((total, chunk) => total + chunk.length, 0), size)
        })))
    }, 30_000)

    it.live("stopping a stream early aborts the rest of the body", () =>
      live(withServer({ "/stall": stall }, (base, closed) =>
        Effect.gen(function*() {
          const response = yield* HttpClient.get(`${base}/stall`)
          const first = yield* Stream.runHead(response.stream)
          assert.strictEqual(first._tag, "Some")
          assert.strictEqual(yield* Effect.promise(() => closed[0]!), "aborted")
        }))), 30_000)

    it.live("sends a raw string and a raw Readable", () =>
      live(withServer({ "/echo": echo }, (base) =>
        Effect.gen(function*() {
          for (const raw of ["plain text", Readable.from([Buffer.from("plain "), Buffer.from("text")])]) {
            const request = HttpClientRequest.post(`${base}/echo`).pipe(HttpClientRequest.setBody(HttpBody.raw(raw)))
            const seen = (yield* Effect.flatMap(HttpClient.execute(request), (response) => response.json)) as Seen
            assert.strictEqual(seen.body, "plain text")
          }
        }))), 30_000)

    it.live("skips informational responses (103 Early Hints) for the final one", () =>
      live(withServer({ "/hints": (_, response) => {
        response.writeEarlyHints({ link: "</style.css>; rel=preload; as=style" })
        setTimeout(() => response.writeHead(200, { "content-type": "text/plain" }).end("final"), 200)
      } }, (base) =>
        Effect.gen(function*() {
          const response = yield* HttpClient.get(`${base}/hints`)
          assert.strictEqual(response.status, 200)
          assert.strictEqual(yield* response.text, "final")
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

describe("effect-stoat/node's makeUndiciHttpClient", () => {
  it.live("every buffered read shares the one read of a body; a streamed body is not read again", () =>
    withServer({ "/echo": echo }, (base) =>
      Effect.gen(function*() {
        const read = yield* HttpClient.get(`${base}/echo`)
        const text = yield* read.text
        const bytes = yield* read.arrayBuffer
        assert.strictEqual(new TextDecoder().decode(bytes), text)
        // One copy of the body, however often it is asked for: a response is kept while its data is decoded.
        assert.strictEqual(yield* read.arrayBuffer, bytes)
        assert.strictEqual(yield* read.text, text)
        const held = Chunk.toReadonlyArray(yield* Stream.runCollect(read.stream))
        assert.lengthOf(held, 1)
        assert.strictEqual(held[0]!.buffer, bytes)
        assert.deepStrictEqual(yield* read.json, JSON.parse(text))
        const streamed = yield* HttpClient.get(`${base}/echo`)
        yield* Stream.runDrain(streamed.stream)
        const again = yield* Effect.flip(streamed.text)
        assert.strictEqual(again.reason, "Decode")
      })).pipe(Effect.provide(layerUndiciHttpClient)), 30_000)

  it.live("a buffered read interrupted while another waits for the same body leaves that one its body", () => {
    let finish = () => {}
    const later: Handler = (_, response) => {
      response.writeHead(200, { "content-type": "text/plain" })
      response.write("first half, ")
      finish = () => response.end("second half")
    }
    return withServer({ "/later": later }, (base, closed) =>
      Effect.gen(function*() {
        const response = yield* HttpClient.get(`${base}/later`)
        const interrupted = yield* Effect.fork(response.text)
        const kept = yield* Effect.fork(response.text)
        yield* Effect.sleep("50 millis")
        yield* Fiber.interrupt(interrupted)
        finish()
        assert.strictEqual(yield* Fiber.join(kept), "first half, second half")
        assert.strictEqual(yield* Effect.promise(() => closed[0]!), "answered")
      })).pipe(Effect.provide(layerUndiciHttpClient))
  }, 30_000)

  it.live("a response nobody reads or streams is aborted once it is collected, freeing its connection", () =>
    withServer({ "/stall": stall }, (base, closed) =>
      Effect.gen(function*() {
        // A full collection on demand, as `--expose-gc` gives it.
        setFlagsFromString("--expose-gc")
        const collect = runInNewContext("gc") as () => void
        yield* Effect.asVoid(HttpClient.get(`${base}/stall`))
        let outcome: string | undefined
        void closed[0]!.then((how) => (outcome = how))
        for (let attempt = 0; attempt < 50 && outcome === undefined; attempt++) {
          collect()
          yield* Effect.sleep("20 millis")
        }
        assert.strictEqual(outcome, "aborted")
      })).pipe(Effect.provide(layerUndiciHttpClient)), 30_000)

  it.effect("works over undici's MockAgent", () =>
    Effect.gen(function*() {
      const mock = new MockAgent()
      mock.disableNetConnect()
      mock.get("http://127.0.0.1:9").intercept({ path: "/mocked" }).reply(201, "from the mock", { headers: { "x-mock": "yes" } })
      const response = yield* makeUndiciHttpClient(mock).get("http://127.0.0.1:9/mocked")
      assert.strictEqual(response.status, 201)
      assert.strictEqual(response.headers["x-mock"], "yes")
      assert.strictEqual(yield* response.text, "from the mock")
    }), 30_000)

  it.live("a request interrupted while it waits for a connection is never sent", () =>
    Effect.acquireRelease(Effect.sync(() => new Agent({ connections: 1 })), (agent) => Effect.promise(() => agent.destroy())).pipe(
      Effect.flatMap((agent) =>
        withServer({ "/never": () => {}, "/echo": echo }, (base, closed) =>
          Effect.gen(function*() {
            const held = yield* Effect.fork(HttpClient.get(`${base}/never`))
            while (closed.length === 0) yield* Effect.sleep("10 millis")
            const queued = yield* Effect.fork(HttpClient.get(`${base}/echo?queued`))
            yield* Effect.sleep("50 millis")
            yield* Fiber.interrupt(queued)
            yield* Fiber.interrupt(held)
            const after = yield* Effect.flatMap(HttpClient.get(`${base}/echo`), (response) => response.text)
            assert.include(after, "\"method\":\"GET\"")
            assert.strictEqual(closed.length, 2)
          })).pipe(Effect.provideService(HttpClient.HttpClient, makeUndiciHttpClient(agent)))),
      Effect.scoped
    ), 30_000)
})
