import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url))

export default defineConfig({
  resolve: {
    alias: {
      "effect-stoat/testing": source("./src/testing.ts"),
      "effect-stoat/node": source("./src/node.ts"),
      "effect-stoat": source("./src/index.ts")
    }
  },
  test: {
    include: ["test/**/*.test.ts", "examples/**/*.test.ts"]
  }
})
