import { assert, describe, it } from "@effect/vitest"
import { FastCheck } from "effect"
import { rateLimitBucket } from "effect-stoat"
import { bucketKey, bucketOf } from "../../src/services/RateLimiter.js"
import { bucketOf as fakeBucketOf } from "../../src/testing/fake/rateLimit.js"

const id = "01HZ0000000000000000000001"

describe("rateLimitBucket", () => {
  it("names the backend's buckets and the resource each is counted per", () => {
    const cases: ReadonlyArray<readonly [string, string, string, string | undefined]> = [
      ["DELETE", `/servers/${id}/members/x`, "servers", id],
      ["PATCH", `/0.8/servers/${id}/members/x`, "servers", id],
      ["POST", "/servers/create", "servers", "create"],
      ["POST", `/channels/${id}/messages`, "messaging", id],
      ["POST", `/channels/${id}/messages/${id}/pin`, "messaging", id],
      ["GET", `/channels/${id}/messages`, "channels", id],
      ["POST", `/channels/${id}/invites`, "channels", id],
      ["PATCH", "/users/@me", "user_edit", "@me"],
      ["PATCH", `/users/${id}`, "user_edit", id],
      ["GET", `/users/${id}`, "users", undefined],
      ["GET", `/users/${id}/default_avatar`, "default_avatar", undefined],
      ["GET", "/bots/@me", "bots", undefined],
      ["DELETE", "/auth/session/logout", "auth_delete", undefined],
      ["POST", "/auth/session/login", "auth", undefined],
      ["POST", "/safety/report", "safety_report", "report"],
      ["GET", "/safety/snapshot/x", "safety", undefined],
      ["GET", "/swagger/", "swagger", undefined],
      ["POST", "/invites/abc", "any", undefined],
      ["GET", "/0.8/invites/abc", "any", undefined],
      ["GET", "/", "any", undefined],
      ["GET", "/0.8", "any", undefined],
      ["GET", "/servers", "any", undefined],
      ["GET", `/servers/${id}/members?exclude_offline=true`, "servers", id],
      ["GET", `//servers//${id}/`, "servers", id]
    ]
    for (const [method, path, bucket, resource] of cases) {
      assert.deepStrictEqual(rateLimitBucket(method, path), { bucket, resource }, `${method} ${path}`)
    }
  })

  it("names a bucket for people: its name and resource", () => {
    assert.strictEqual(bucketOf({ method: "DELETE", path: `/0.8/servers/${id}/members/a` }), `servers/${id}`)
    assert.strictEqual(bucketOf({ method: "GET", path: "/invites/abc" }), "any")
  })

  it("keys a bucket by identity, name and resource, and nothing else", () => {
    const key = (method: string, path: string, identity = "https://a") => bucketKey({ method, path, identity })
    assert.strictEqual(key("DELETE", `/servers/${id}/members/a`), key("PUT", `/0.8/servers/${id}/bans/b`))
    assert.notStrictEqual(key("DELETE", `/servers/${id}/members/a`), key("DELETE", "/servers/other/members/a"))
    assert.notStrictEqual(key("GET", "/invites/a"), key("GET", "/invites/a", "https://b"))
  })

  it("agrees with the fake's own reading of the backend", () => {
    const segment = FastCheck.constantFrom(
      "users", "bots", "channels", "servers", "auth", "swagger", "safety", "report", "messages", "default_avatar",
      "0.8", "invites", "@me", "create", id, "01HZ0000000000000000000002"
    )
    const method = FastCheck.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE")
    FastCheck.assert(
      FastCheck.property(method, FastCheck.array(segment, { maxLength: 5 }), (verb, segments) => {
        const [bucket, resource] = fakeBucketOf(verb, segments)
        assert.deepStrictEqual(rateLimitBucket(verb, `/${segments.join("/")}`), { bucket, resource })
      })
    )
  })
})
