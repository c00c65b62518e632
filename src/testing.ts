export * from "./testing/MockHttp.js"
