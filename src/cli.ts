#!/usr/bin/env node
// The command runs on @effect/platform-node, an optional peer of effect-stoat: when it is missing, say so in one sentence.
import("./cli/main.js").catch((error: unknown) => {
  const missing = error instanceof Error && "code" in error && error.code === "ERR_MODULE_NOT_FOUND" &&
    error.message.includes("@effect/platform-node")
  if (!missing) throw error
  process.stderr.write("effect-stoat: the command needs @effect/platform-node (npm install @effect/platform-node@^0.108.2).\n")
  process.exitCode = 1
})
