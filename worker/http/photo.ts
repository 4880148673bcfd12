/** How a photo of a case is answered, to staff and to the resident alike: never cached, never sniffed, shown inline. */
export function photoResponse(type: string, bytes: Uint8Array): Response {
  return new Response(bytes, {
    headers: {
      'Content-Type': type,
      'Content-Disposition': 'inline',
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
      'Content-Length': String(bytes.byteLength),
    },
  });
}
