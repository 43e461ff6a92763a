// Reads a zip's central directory for the sizes its files declare, so that a zip bomb is refused before anything is expanded.

/**
 * The sum of the uncompressed sizes a zip's central directory declares (APPNOTE.TXT 4.3.12, 4.3.16),
 * or null when it cannot be read. A .docx is a zip; a few hundred kilobytes of it can declare
 * gigabytes of XML, which mammoth would expand in memory.
 */
export function declaredExpandedBytes(zip: Uint8Array): number | null {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  // The end-of-central-directory record is the last 22 bytes, before a comment of up to 65,535.
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 65_535); at -= 1) {
    if (view.getUint32(at, true) !== 0x06054b50) continue;
    const entries = view.getUint16(at + 10, true);
    let offset = view.getUint32(at + 16, true);
    let total = 0;
    for (let i = 0; i < entries; i += 1) {
      if (offset + 46 > zip.length || view.getUint32(offset, true) !== 0x02014b50) return null;
      const size = view.getUint32(offset + 24, true);
      // 0xFFFFFFFF means the size is in a ZIP64 field: more than a Word file's parts ever need.
      total += size === 0xffffffff ? Number.MAX_SAFE_INTEGER : size;
      offset += 46 + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
    }
    return total;
  }
  return null;
}
