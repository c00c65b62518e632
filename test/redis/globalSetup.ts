import { type ChildProcess, execFileSync, spawn } from "node:child_process"
import { createServer } from "node:net"
import type { TestProject } from "vitest/node"

declare module "vitest" {
  export interface ProvidedContext {
    /** `redis://127.0.0.1:PORT` of the redis-server started for this run, or null when there is none. */
    redisUrl: string | null
  }
}

const install = "install it with `apt-get install -y redis-server` (Debian/Ubuntu) or `brew install redis`"

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      server.close(() => typeof address === "object" && address !== null ? resolve(address.port) : reject(new Error("no port")))
    })
  })

const redisServer = (): string | undefined => {
  try {
    return execFileSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" }).trim() || undefined
  } catch {
    return undefined
  }
}

/** Waits until redis-server says it accepts connections, or fails with what it printed. */
const ready = (child: ChildProcess) =>
  new Promise<void>((resolve, reject) => {
    let output = ""
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 30_000)
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes("Ready to accept connections")) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.once("exit", (code) => {
      clearTimeout(timer)
      reject(new Error(`redis-server exited with ${code}:\n${output}`))
    })
  })

/** Starts a throwaway redis-server on a random loopback port for the Redis tests, and stops it after. */
export default async function setup(project: TestProject) {
  const binary = redisServer()
  if (binary === undefined) {
    if (process.env["CI"] === "true") throw new Error(`redis-server is not installed, and CI never skips the Redis tests: ${install}`)
    console.warn(`Skipping the Redis rate-limiter tests: redis-server is not installed; ${install}.`)
    project.provide("redisUrl", null)
    return
  }
  const port = await freePort()
  const child = spawn(binary, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: ["ignore", "pipe", "inherit"]
  })
  await ready(child)
  project.provide("redisUrl", `redis://127.0.0.1:${port}`)
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve()
      child.once("exit", () => resolve())
      child.kill("SIGTERM")
    })
}
