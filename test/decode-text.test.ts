/**
 * Text decoding of CSV bytes: Windows-1252 by its real table (every byte 0x80–0x9F), UTF-8 with a stray
 * byte kept as UTF-8 and reported, and what the CLI says about either.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { decodeText, decodeTextWithEncoding } from "../src/io/decodeText";
import { cli, parseReport } from "./helpers/e2e";

/** Windows-1252 0x80–0x9F from the code page's published table (undefined bytes keep their C1 code point). */
const CP1252: Record<number, string> = {
  0x80: "€",
  0x81: "\u0081",
  0x82: "‚",
  0x83: "ƒ",
  0x84: "„",
  0x85: "…",
  0x86: "†",
  0x87: "‡",
  0x88: "ˆ",
  0x89: "‰",
  0x8a: "Š",
  0x8b: "‹",
  0x8c: "Œ",
  0x8d: "\u008d",
  0x8e: "Ž",
  0x8f: "\u008f",
  0x90: "\u0090",
  0x91: "‘",
  0x92: "’",
  0x93: "“",
  0x94: "”",
  0x95: "•",
  0x96: "–",
  0x97: "—",
  0x98: "˜",
  0x99: "™",
  0x9a: "š",
  0x9b: "›",
  0x9c: "œ",
  0x9d: "\u009d",
  0x9e: "ž",
  0x9f: "Ÿ",
};

test.each(Object.entries(CP1252).map(([b, c]) => [Number(b).toString(16).toUpperCase(), Number(b), c]))(
  "Windows-1252 byte 0x%s reads as its character",
  (_hex, byte, char) => {
    const decoded = decodeTextWithEncoding(Uint8Array.from([0x41, byte as number, 0x42]));
    expect(decoded.encoding).toBe("windows-1252");
    expect(decoded.text).toBe(`A${char}B`);
  },
);

test("Latin-1 letters and a whole Windows-1252 line read right; UTF-8 and UTF-16 are unchanged", () => {
  const line = Uint8Array.from([
    ...Buffer.from("01.09 "),
    0x96,
    ...Buffer.from(" Agricultural Business, Jos"),
    0xe9,
    0x20,
    0x93,
    0x41,
    0x94,
  ]);
  expect(decodeText(line)).toBe("01.09 – Agricultural Business, José “A”");
  expect(decodeTextWithEncoding(Buffer.from("José – “A”", "utf8"))).toEqual({ text: "José – “A”", encoding: "utf-8", invalidUtf8At: null });
  expect(decodeText(Buffer.from("\ufeffa,b", "utf8"))).toBe("\ufeffa,b");
  expect(decodeText(Uint8Array.from([0xff, 0xfe, 0x41, 0x00, 0x13, 0x20]))).toBe("A–");
});

test("one stray byte in an otherwise UTF-8 file keeps the file UTF-8 and names the byte's offset", () => {
  const bytes = Buffer.concat([Buffer.from("Name,City\nJosé,Montréal\nRenée,Zoë\n", "utf8"), Buffer.from([0x96]), Buffer.from("x\n")]);
  const decoded = decodeTextWithEncoding(bytes);
  expect(decoded.encoding).toBe("utf-8");
  expect(decoded.invalidUtf8At).toBe(bytes.indexOf(0x96));
  expect(decoded.text).toContain("José,Montréal\nRenée,Zoë\n\ufffdx");
});

describe("the CLI on Windows-1252 and damaged UTF-8 CSVs", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cte-decode-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("an IAC with an en dash saved as Windows-1252 is a valid IAC, and the encoding is said on stderr", async () => {
    const file = path.join(dir, "Concentrators.csv");
    const text =
      "Student ID,Grade,CTE Concentration IAC Code,Cluster\r\n1234567890,12,01.09 \x96 Agricultural Business,\x93Agriculture, Food & Natural Resources\x94\r\n";
    fs.writeFileSync(file, Buffer.from(text, "latin1"));
    const r = await cli(["--json", file]);
    const report = parseReport(r.stdout);
    expect(report.findings.filter((f) => f.rule === "IAC-INVALID-FORMAT")).toEqual([]);
    expect(r.stderr).toContain(`'${file}' is not UTF-8 (byte 0x96 at offset ${text.indexOf("\x96")}); read as Windows-1252`);
  });

  test("a UTF-8 file with one stray byte is read as UTF-8 and the byte's offset is said on stderr", async () => {
    const file = path.join(dir, "Participants.csv");
    const head = Buffer.from(
      "Student ID,Student Name,Grade\r\n1234567890,José Müller,11\r\n1234567891,Zoë Brontë,10\r\n1234567892,Ann",
      "utf8",
    );
    fs.writeFileSync(file, Buffer.concat([head, Buffer.from([0x92]), Buffer.from(",9\r\n")]));
    const r = await cli(["--json", file]);
    expect(r.code).toBeLessThan(2);
    expect(r.stderr).toContain(`'${file}' is UTF-8 except for stray bytes (the first: byte 0x92 at offset ${head.length})`);
  });
});
