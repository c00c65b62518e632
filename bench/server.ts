/**
 * A plain `node:http` server answering fixed bodies, run in its own process so that every client
 * measured pays the same server: `GET /servers/{id}/members/{user}` answers one member, and
 * `GET /servers/{id}/members` a generated list whose size the server id picks (`listServerId`).
 * It prints its port on stdout once listening.
 */
import { createServer } from "node:http"
import { generateMembersBody } from "./generate.js"

/** The server id whose members list has `count` members: a ULID ending in the count. */
export const listServerId = (count: number): string => `01H${String(count).padStart(23, "0")}`

/** The member `GET /servers/{id}/members/{user}` answers (485 bytes, as the issue measured). */
export const memberBody = JSON.stringify({
  _id: { server: "01HZ8Y3Q4R5S6T7V8W9X0YZABC", user: "01HZ8Y3Q4R5S6T7V8W9X0YZA1C" },
  joined_at: "2024-05-01T12:00:00.000Z",
  nickname: "a nickname",
  avatar: {
    _id: "Xk3_9aQ2Xk3_9aQ2Xk3_9aQ2Xk3_9aQ2Xk3_9aQ2Xk", tag: "avatars", filename: "avatar.png",
    metadata: { type: "Image", width: 256, height: 256 }, content_type: "image/png", size: 123456
  },
  roles: ["01HZ8Y3Q4R5S6T7V8W9X0YZR01", "01HZ8Y3Q4R5S6T7V8W9X0YZR02", "01HZ8Y3Q4R5S6T7V8W9X0YZR03"],
  timeout: "2024-05-02T12:00:00.000Z"
})

const lists = new Map<string, Buffer>()
const listBody = (serverId: string): Buffer | undefined => {
  const count = Number(serverId.slice(3))
  if (!(count > 0 && serverId === listServerId(count))) return undefined
  let body = lists.get(serverId)
  if (body === undefined) {
    body = Buffer.from(generateMembersBody(count).json)
    lists.set(serverId, body)
  }
  return body
}

const member = Buffer.from(memberBody)

if (process.argv[1]?.endsWith("server.ts") === true) {
  const server = createServer((request, response) => {
    const [path = ""] = (request.url ?? "").split("?", 1)
    const parts = path.split("/")
    // ["", "servers", id, "members", user?]
    const body = parts[1] === "servers" && parts[3] === "members" ?
      (parts.length === 5 ? member : parts.length === 4 ? listBody(parts[2] ?? "") : undefined) :
      undefined
    request.resume()
    if (body === undefined) {
      response.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ type: "NotFound" }))
      return
    }
    response.writeHead(200, { "content-type": "application/json", "content-length": body.length }).end(body)
  })
  // A client busy decoding may leave its connections idle for long on a loaded machine: never time them out.
  server.keepAliveTimeout = 0
  server.headersTimeout = 0
  server.requestTimeout = 0
  server.listen(0, "127.0.0.1", () => {
    const address = server.address()
    process.stdout.write(`${typeof address === "object" && address !== null ? address.port : 0}\n`)
  })
}
