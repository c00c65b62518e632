import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url))

export default defineConfig({
  resolve: {
    alias: {
      "effect-stoat/testing": source("./src/testing.ts"),
      "effect-stoat/node": source("./src/node.ts"),
      "effect-stoat/redis": source("./src/redis.ts"),
      "effect-stoat": source("./src/index.ts")
    }
  },
  test: {
    include: ["test/**/*.test.ts", "examples/**/*.test.ts"],
    // Every answer of the Stoat fake is checked against the stoat-api spec (test/fake/spec).
    setupFiles: ["test/fake/spec/setup.ts"],
    // One worker process loads effect and the sources once for every file (module loading was over
    // half of the suite); the tests share no mutable module state, so isolation buys nothing.
    pool: "forks",
    isolate: false,
    // Property tests are CPU-bound and the machines are 2 shared cores: no test runs against 5 s.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    globalSetup: ["test/buildDist.ts", "test/redis/globalSetup.ts"]
  }
})
