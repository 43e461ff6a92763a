// Turns the bytes of an input file into text, refusing files of the wrong kind (images, archives, binaries).

const SIGNATURES: [string, number[]][] = [
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['a PDF document', [0x25, 0x50, 0x44, 0x46]],
  ['a ZIP archive (or a Word or Excel file)', [0x50, 0x4b, 0x03, 0x04]],
];

/**
 * Decodes UTF-8 text (dropping a byte-order mark), or returns why the bytes are not text: a file
 * of a known binary kind is named, and anything with NUL bytes or invalid UTF-8 is refused.
 */
export function decodeTextFile(bytes: Uint8Array): { ok: true; text: string } | { ok: false; reason: string } {
  for (const [kind, signature] of SIGNATURES) {
    if (signature.every((b, i) => bytes[i] === b)) return { ok: false, reason: `this is ${kind}, not a text file` };
  }
  if (bytes.subarray(0, 8192).includes(0)) return { ok: false, reason: 'this is binary data, not a text file' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { ok: true, text };
  } catch {
    return { ok: false, reason: 'this is not UTF-8 text' };
  }
}
