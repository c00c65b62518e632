import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"

/** The bench server (`bench/server.ts`) running in its own process, and how to stop it. */
export interface ServerProcess {
  readonly baseUrl: string
  readonly stop: () => void
}

/** Starts `bench/server.ts` in a child process and waits until it listens on a loopback port. */
export const startServer = (): Promise<ServerProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./server.ts", import.meta.url))], {
      stdio: ["ignore", "pipe", "inherit"]
    })
    child.once("error", reject)
    child.stdout.once("data", (chunk: Buffer) => {
      resolve({ baseUrl: `http://127.0.0.1:${chunk.toString().trim()}`, stop: () => child.kill() })
    })
  })
