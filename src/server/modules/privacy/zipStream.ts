import { PassThrough, type Readable } from "node:stream";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { Zip, ZipDeflate } from "fflate";

/** Deflated in slices of this size, yielding to the event loop between them (~1 ms each). */
const SLICE = 64 * 1024;

/**
 * A ZIP archive of text files as a stream (fflate's streaming writer). The files are deflated slice by
 * slice with a turn of the event loop between slices, so a large export does not hold up other
 * requests; the stream carries the archive's bytes as they are produced.
 */
export function zipStream(files: { name: string; text: string }[], modified: Date): Readable {
  const out = new PassThrough();
  const zip = new Zip((error, chunk, final) => {
    if (error) {
      out.destroy(error);
      return;
    }
    out.write(chunk);
    if (final) out.end();
  });
  void (async () => {
    const encoder = new TextEncoder();
    for (const file of files) {
      const entry = new ZipDeflate(file.name, { level: 6 });
      entry.mtime = modified;
      zip.add(entry);
      const bytes = encoder.encode(file.text);
      for (let at = 0; at < bytes.length; at += SLICE) {
        entry.push(bytes.subarray(at, at + SLICE), at + SLICE >= bytes.length);
        await yieldToEventLoop();
      }
      if (bytes.length === 0) entry.push(new Uint8Array(0), true);
    }
    zip.end();
  })().catch((error: Error) => out.destroy(error));
  return out;
}
