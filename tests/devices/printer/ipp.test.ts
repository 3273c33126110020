import { describe, expect, it } from 'vitest';
import { decodeResponse, encodeRequest, IppOp, ippTags } from '../../../devices/printer/ipp.ts';

describe('IPP encoding', () => {
  it('encodes a Get-Jobs request with multi-valued keywords as RFC 8010 describes', () => {
    const body = encodeRequest(IppOp.getJobs, 7, [[ippTags.keyword, 'requested-attributes', ['job-id', 'job-state']]]);
    expect(body.readUInt16BE(0)).toBe(0x0101);
    expect(body.readUInt16BE(2)).toBe(0x000a);
    expect(body.readUInt32BE(4)).toBe(7);
    expect(body[8]).toBe(0x01); // operation-attributes-tag
    expect(body[9]).toBe(0x47); // attributes-charset first
    expect(body.subarray(12, 30).toString()).toBe('attributes-charset');
    // The second value of requested-attributes has an empty name (additional value).
    const second = body.indexOf(Buffer.from('job-state'));
    expect(body.readUInt16BE(second - 4)).toBe(0); // name length 0
    expect(body[second - 5]).toBe(0x44);
    expect(body[body.length - 1]).toBe(0x03);
  });

  it('decodes groups, integers, enums, booleans, texts and additional values', () => {
    const attr = (tag: number, name: string, value: Buffer) => {
      const head = Buffer.alloc(3);
      head.writeUInt8(tag, 0);
      head.writeUInt16BE(name.length, 1);
      const len = Buffer.alloc(2);
      len.writeUInt16BE(value.length);
      return Buffer.concat([head, Buffer.from(name), len, value]);
    };
    const int = (n: number) => {
      const b = Buffer.alloc(4);
      b.writeInt32BE(n);
      return b;
    };
    const response = Buffer.concat([
      Buffer.from([0x01, 0x01, 0x00, 0x00, 0, 0, 0, 7]),
      Buffer.from([0x01]),
      attr(0x47, 'attributes-charset', Buffer.from('utf-8')),
      Buffer.from([0x02]),
      attr(0x21, 'job-id', int(42)),
      attr(0x23, 'job-state', int(9)),
      attr(0x42, 'job-name', Buffer.from('kiosk-テスト')),
      attr(0x44, 'job-state-reasons', Buffer.from('job-completed-successfully')),
      attr(0x44, '', Buffer.from('other-reason')),
      Buffer.from([0x04]),
      attr(0x22, 'printer-is-accepting-jobs', Buffer.from([0])),
      Buffer.from([0x03]),
    ]);
    const decoded = decodeResponse(response);
    expect(decoded.status).toBe(0);
    expect(decoded.groups.map((g) => g.tag)).toEqual([1, 2, 4]);
    const job = decoded.groups[1]!.attributes;
    expect(job.get('job-id')).toEqual([42]);
    expect(job.get('job-state')).toEqual([9]);
    expect(job.get('job-name')).toEqual(['kiosk-テスト']);
    expect(job.get('job-state-reasons')).toEqual(['job-completed-successfully', 'other-reason']);
    expect(decoded.groups[2]!.attributes.get('printer-is-accepting-jobs')).toEqual([false]);
  });
});
