// Writes the add-in's ribbon and store icons (assets/icon-<size>.png): a green rounded square with a
// white check mark. Plain Node (zlib) so no image tool is needed; run once (`npx tsx scripts/make-icons.ts`),
// the PNGs are committed.
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";

function crc32(buf: Buffer): number {
  let c: number,
    crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function distToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax,
    dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function icon(size: number): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const r = size * 0.18;
  const stroke = Math.max(1.2, size * 0.09);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const cx = x + 0.5,
        cy = y + 0.5;
      // rounded-square mask
      const qx = Math.max(r - cx, 0, cx - (size - r)),
        qy = Math.max(r - cy, 0, cy - (size - r));
      const inside = Math.hypot(qx, qy) <= r;
      const u = cx / size,
        v = cy / size;
      const d = Math.min(distToSegment(u, v, 0.24, 0.52, 0.43, 0.71), distToSegment(u, v, 0.43, 0.71, 0.78, 0.32)) * size;
      const o = y * (size * 4 + 1) + 1 + x * 4;
      if (!inside) {
        raw[o + 3] = 0;
        continue;
      }
      const check = d <= stroke;
      raw[o] = check ? 255 : 0x10;
      raw[o + 1] = check ? 255 : 0x7c;
      raw[o + 2] = check ? 255 : 0x41;
      raw[o + 3] = 255;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

for (const size of [16, 32, 64, 80, 128]) {
  fs.writeFileSync(path.join(__dirname, "..", "assets", `icon-${size}.png`), icon(size));
}
console.log("wrote assets/icon-{16,32,64,80,128}.png");
