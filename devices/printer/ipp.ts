import { userInfo } from 'node:os';

// A minimal IPP/1.1 client (RFC 8010 encoding) for the read-only operations we need from CUPS:
// printer state, job state and job lists. Submitting goes through `lp` (cups.ts).

export const IppOp = {
  getJobAttributes: 0x0009,
  getJobs: 0x000a,
  getPrinterAttributes: 0x000b,
  cupsGetDefault: 0x4001,
  cupsGetPrinters: 0x4002,
} as const;

const TAG = {
  operation: 0x01,
  end: 0x03,
  integer: 0x21,
  boolean: 0x22,
  enum: 0x23,
  keyword: 0x44,
  uri: 0x45,
  charset: 0x47,
  language: 0x48,
  name: 0x42,
} as const;

export type IppValue = string | number | boolean | null;
export type IppAttributes = Map<string, IppValue[]>;
export interface IppGroup {
  tag: number;
  attributes: IppAttributes;
}
export interface IppResponse {
  status: number;
  groups: IppGroup[];
}

type RequestAttribute = [tag: number, name: string, values: (string | number)[]];

function encodeAttribute([tag, name, values]: RequestAttribute): Buffer[] {
  const parts: Buffer[] = [];
  values.forEach((value, i) => {
    const n = Buffer.from(i === 0 ? name : '', 'utf8');
    let v: Buffer;
    if (tag === TAG.integer || tag === TAG.enum) {
      v = Buffer.alloc(4);
      v.writeInt32BE(value as number);
    } else v = Buffer.from(String(value), 'utf8');
    const head = Buffer.alloc(3);
    head.writeUInt8(tag, 0);
    head.writeUInt16BE(n.length, 1);
    const len = Buffer.alloc(2);
    len.writeUInt16BE(v.length);
    parts.push(head, n, len, v);
  });
  return parts;
}

export function encodeRequest(operation: number, requestId: number, attributes: RequestAttribute[]): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt16BE(0x0101, 0); // IPP/1.1: understood by every CUPS version
  head.writeUInt16BE(operation, 2);
  head.writeUInt32BE(requestId, 4);
  const all: RequestAttribute[] = [
    [TAG.charset, 'attributes-charset', ['utf-8']],
    [TAG.language, 'attributes-natural-language', ['en']],
    ...attributes,
  ];
  return Buffer.concat([head, Buffer.from([TAG.operation]), ...all.flatMap(encodeAttribute), Buffer.from([TAG.end])]);
}

export function decodeResponse(data: Buffer): IppResponse {
  const status = data.readUInt16BE(2);
  const groups: IppGroup[] = [];
  let group: IppGroup | null = null;
  let last: IppValue[] | null = null;
  let offset = 8;
  while (offset < data.length) {
    const tag = data.readUInt8(offset);
    offset += 1;
    if (tag === TAG.end) break;
    if (tag < 0x10) {
      group = { tag, attributes: new Map() };
      groups.push(group);
      last = null;
      continue;
    }
    const nameLength = data.readUInt16BE(offset);
    const name = data.toString('utf8', offset + 2, offset + 2 + nameLength);
    offset += 2 + nameLength;
    const valueLength = data.readUInt16BE(offset);
    const raw = data.subarray(offset + 2, offset + 2 + valueLength);
    offset += 2 + valueLength;
    let value: IppValue;
    if ((tag === TAG.integer || tag === TAG.enum) && raw.length === 4) value = raw.readInt32BE(0);
    else if (tag === TAG.boolean) value = raw.readUInt8(0) !== 0;
    else if (tag >= 0x35 && tag <= 0x49) value = raw.toString('utf8');
    else value = null; // dates, ranges, resolutions, collections: not needed here
    if (!group) continue;
    if (name === '') last?.push(value);
    else {
      last = [value];
      group.attributes.set(name, last);
    }
  }
  return { status, groups };
}

export interface IppEndpoint {
  /** e.g. http://localhost:631 (CUPS_SERVER host when set). */
  baseUrl: string;
  user: string;
}

export function defaultEndpoint(): IppEndpoint {
  const server = process.env.CUPS_SERVER && !process.env.CUPS_SERVER.startsWith('/') ? process.env.CUPS_SERVER : 'localhost:631';
  const hostPort = server.includes(':') ? server : `${server}:631`;
  // The user lp sends (CUPS_USER, else the login name): CUPS shows a job's name only to its owner.
  return { baseUrl: `http://${hostPort}`, user: process.env.CUPS_USER || userInfo().username };
}

let nextRequestId = 1;

export async function ippRequest(
  endpoint: IppEndpoint,
  path: string,
  operation: number,
  attributes: RequestAttribute[],
): Promise<IppResponse> {
  const body = encodeRequest(operation, nextRequestId++, [[TAG.name, 'requesting-user-name', [endpoint.user]], ...attributes]);
  const response = await fetch(`${endpoint.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/ipp' },
    body: new Uint8Array(body),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`IPP HTTP ${response.status}`);
  return decodeResponse(Buffer.from(await response.arrayBuffer()));
}

export const ippTags = TAG;
