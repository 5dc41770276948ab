/** CRC-16-CCITT (polynomial 0x1021, initial 0xffff), as OpenSIPS's `crcitt_string` computes it. */
const TABLE = (() => {
  const table = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let crc = i << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    table[i] = crc;
  }
  return table;
})();

/** The CRC of the UTF-16 code units' low bytes of each part, in turn (SIP header text is ASCII). */
export function crc16(parts: readonly string[]): number {
  let crc = 0xffff;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) crc = ((crc << 8) ^ TABLE[((crc >> 8) ^ part.charCodeAt(i)) & 0xff]!) & 0xffff;
  }
  return crc;
}
