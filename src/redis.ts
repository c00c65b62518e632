export * from "./redis/RedisRateLimiterStore.js"
