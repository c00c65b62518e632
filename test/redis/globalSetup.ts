import type { TestProject } from "vitest/node"
import { installRedis, redisServerBinary, startRedisServer } from "./redisServer.js"

declare module "vitest" {
  export interface ProvidedContext {
    /** `redis://127.0.0.1:PORT` of the redis-server started for this run, or null when there is none. */
    redisUrl: string | null
  }
}

/** Starts a throwaway redis-server on a random loopback port for the Redis tests, and stops it after. */
export default async function setup(project: TestProject) {
  const binary = redisServerBinary()
  if (binary === undefined) {
    if (process.env["CI"] === "true") throw new Error(`redis-server is not installed, and CI never skips the Redis tests: ${installRedis}`)
    console.warn(`Skipping the Redis rate-limiter tests: redis-server is not installed; ${installRedis}.`)
    project.provide("redisUrl", null)
    return
  }
  const redis = await startRedisServer(binary)
  project.provide("redisUrl", redis.url)
  return redis.stop
}
