const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

const crc32 = (bytes: Uint8Array) => {
  let crc = 0xffffffff
  for (const byte of bytes) crc = (crcTable[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

const adler32 = (bytes: Uint8Array) => {
  let a = 1
  let b = 0
  for (const byte of bytes) {
    a = (a + byte) % 65521
    b = (b + a) % 65521
  }
  return ((b << 16) | a) >>> 0
}

const u32 = (value: number) => [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff]

const chunk = (type: string, data: ReadonlyArray<number>) => {
  const typed = new Uint8Array([...type].map((char) => char.charCodeAt(0)).concat(data))
  return [...u32(data.length), ...typed, ...u32(crc32(typed))]
}

/** A zlib stream holding `raw` in one stored (uncompressed) deflate block: at most 65535 bytes. */
const zlibStored = (raw: Uint8Array) => [
  0x78,
  0x01,
  0x01,
  raw.length & 0xff,
  raw.length >>> 8,
  ~raw.length & 0xff,
  (~raw.length >>> 8) & 0xff,
  ...raw,
  ...u32(adler32(raw))
]

/** A valid PNG of `size`×`size` pixels, all of one RGB colour. */
export const solidPng = (size: number, [red, green, blue]: readonly [number, number, number]): Uint8Array => {
  const row = [0, ...Array.from({ length: size }, () => [red, green, blue]).flat()]
  const raw = new Uint8Array(Array.from({ length: size }, () => row).flat())
  return new Uint8Array([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
    ...chunk("IHDR", [...u32(size), ...u32(size), 8, 2, 0, 0, 0]),
    ...chunk("IDAT", zlibStored(raw)),
    ...chunk("IEND", [])
  ])
}
