// The QR code of a number's public status page, as an SVG for the reception's 受付票. It encodes
// only the public status URL (OFFICE_PUBLIC_STATUS_URL) with the number: nothing about a person.
import qrcode from 'qrcode-generator';
export { ticketStatusUrl } from '../domain/office.ts';

/** An SVG QR code (error correction M, four modules of quiet zone) of `text`. */
export function qrSvg(text: string): string {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  const size = n + 8;
  let path = '';
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.isDark(r, c)) path += `M${c + 4} ${r + 4}h1v1h-1z`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges" role="img" aria-label="QR"><rect width="${size}" height="${size}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`;
}
