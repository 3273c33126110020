// Renders one PDF page to a PNG data URL for the staff preview, with poppler's pdftoppm.
// The PDF goes through stdin and the image through stdout: no personal data touches disk.
import { spawn } from 'node:child_process';

export function rasterizePage(pdf: Uint8Array, page: number, dpi = 60): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', '-'], {
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    // pdftoppm may exit before reading all of stdin: EPIPE is its failure (the exit code reports it), never an uncaught exception.
    child.stdin.on('error', () => undefined);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`pdftoppm exited with ${code}`));
      else resolve(`data:image/png;base64,${Buffer.concat(chunks).toString('base64')}`);
    });
    child.stdin.end(pdf);
  });
}
