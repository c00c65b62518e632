export {
  layerRedisRateLimiter, makeRedisStore, RedisRateLimiterStore, type RedisStoreOptions
} from "./redis/RedisRateLimiterStore.js"
