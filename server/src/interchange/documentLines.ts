// The input `iltizam analyze -` reads: JSON lines of {"id", "text"}, the
// contract of Hadoop Streaming, Spark's RDD.pipe and GNU parallel --pipe.
// Pure: the caller hands in the bytes as they arrive; a line is held only
// until its newline comes, so memory is bounded by the longest line.
import { FormatError } from './formatError';
import { reason } from '../messages/reason';

/** One document of a JSON-lines input. */
export interface InputDocument {
  id: string;
  text: string;
}

/** A line of the input, its bytes without the line break, numbered from 1. */
export interface NumberedLine {
  number: number;
  bytes: Uint8Array;
}

/** Splits a byte stream at `\n` (a `\r` before it is dropped with it). */
export async function* linesOf(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<NumberedLine> {
  let parts: Uint8Array[] = [];
  let number = 0;
  const take = (tail: Uint8Array): NumberedLine => {
    const whole = parts.length ? Buffer.concat([...parts, tail]) : tail;
    parts = [];
    const end = whole.length && whole[whole.length - 1] === 0x0d ? whole.length - 1 : whole.length;
    return { number: ++number, bytes: whole.subarray(0, end) };
  };
  for await (const chunk of chunks) {
    let from = 0;
    for (let nl = chunk.indexOf(0x0a); nl >= 0; nl = chunk.indexOf(0x0a, from)) {
      yield take(chunk.subarray(from, nl));
      from = nl + 1;
    }
    if (from < chunk.length) parts.push(chunk.subarray(from));
  }
  if (parts.length) yield take(new Uint8Array(0));
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * The document on one input line; undefined for a blank line. A FormatError
 * naming `source` and the line says what is wrong otherwise (not UTF-8, not
 * JSON, not an object with a string `id` and a string `text`).
 */
export function documentOfLine(line: NumberedLine, source: string): InputDocument | undefined {
  let json: string;
  try {
    json = decoder.decode(line.bytes);
  } catch {
    throw new FormatError(source, line.number, reason('not valid UTF-8'));
  }
  if (!json.trim()) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    throw new FormatError(source, line.number, reason('not valid JSON ({0}); each line must be {"id": "…", "text": "…"}', (err as Error).message));
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new FormatError(source, line.number, reason('not a JSON object; each line must be {"id": "…", "text": "…"}'));
  const { id, text } = value as Record<string, unknown>;
  if (typeof id !== 'string' || !id) throw new FormatError(source, line.number, reason('"id" must be a non-empty string'));
  if (typeof text !== 'string') throw new FormatError(source, line.number, reason('"text" must be a string (document {0})', JSON.stringify(id)));
  return { id, text };
}
