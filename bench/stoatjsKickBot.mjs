// One process of a bot written with stoat.js the plainest way: a for loop of kicks, each failure
// counted and skipped. Arguments: base URL, session token, user id, JSON [[serverId, memberId], ...].
// Prints "ready", waits for "go" on stdin, then prints {"done": n, "failed": n, "finishedAt": ms}.
import { createInterface } from "node:readline"
import { Client } from "stoat.js"

const [baseURL = "", token = "", userId = "", kicks = "[]"] = process.argv.slice(2)
const client = new Client({ baseURL, autoReconnect: false })
client.useExistingSession({ _id: `session-${userId}`, token, user_id: userId })

// Warm the connection before the start, in the `any` bucket.
await client.api.get("/")
console.log("ready")
const lines = createInterface({ input: process.stdin })
await new Promise((resolve) => lines.once("line", resolve))
lines.close()

let done = 0
let failed = 0
for (const [server, member] of JSON.parse(kicks)) {
  try {
    await client.api.delete(`/servers/${server}/members/${member}`)
    done++
  } catch {
    failed++
  }
}
console.log(JSON.stringify({ done, failed, finishedAt: Date.now() }))
process.exit(0)
