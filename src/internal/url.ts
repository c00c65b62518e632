/** A URL (or path) without trailing slashes, so that `${base}/${path}` never doubles one. */
export const withoutTrailingSlashes = (url: string): string => url.replace(/\/+$/, "")
