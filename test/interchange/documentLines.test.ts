// The JSON-lines input of `iltizam analyze -`: lines cut wherever the chunks
// of a pipe happen to end, and each line's document or what is wrong with it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentOfLine, linesOf, NumberedLine } from '../../server/src/interchange/documentLines';
import { FormatError } from '../../server/src/interchange/formatError';

async function* chunked(bytes: Buffer, sizes: number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (let k = 0; at < bytes.length; k++) {
    const size = sizes[k % sizes.length];
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

async function collect(lines: AsyncIterable<NumberedLine>): Promise<[number, string][]> {
  const out: [number, string][] = [];
  for await (const l of lines) out.push([l.number, Buffer.from(l.bytes).toString('utf8')]);
  return out;
}

test('lines are the same however the bytes are cut (inside a line, inside a character), CRLF or LF, last line with or without a break', async () => {
  const text = '{"id": "أ", "text": "بغداد"}\r\n\n{"id": "ب", "text": "الموصل"}\nlast';
  const expected: [number, string][] = [[1, '{"id": "أ", "text": "بغداد"}'], [2, ''], [3, '{"id": "ب", "text": "الموصل"}'], [4, 'last']];
  const bytes = Buffer.from(text, 'utf8');
  for (const sizes of [[bytes.length], [1], [3, 7], [2, 5, 11]]) assert.deepEqual(await collect(linesOf(chunked(bytes, sizes))), expected, `chunks of ${sizes}`);
  assert.deepEqual(await collect(linesOf(chunked(Buffer.from('a\n'), [1]))), [[1, 'a']], 'no empty line after the last break');
});

test('a line gives its document, nothing when blank, or a FormatError naming the source and line', () => {
  const line = (s: string | Uint8Array, number = 3): NumberedLine => ({ number, bytes: typeof s === 'string' ? Buffer.from(s) : s });
  assert.deepEqual(documentOfLine(line('{"id": "x", "text": "نص", "extra": 1}'), 's'), { id: 'x', text: 'نص' });
  assert.equal(documentOfLine(line('  '), 's'), undefined);
  const fails = (bytes: string | Uint8Array, message: RegExp) =>
    assert.throws(() => documentOfLine(line(bytes), 'input.jsonl'), (err: unknown) => err instanceof FormatError && err.line === 3 && message.test(err.message));
  fails('{"id": "x"', /^input\.jsonl:3: not valid JSON/);
  fails('"text"', /^input\.jsonl:3: not a JSON object/);
  fails('{"id": 7, "text": ""}', /^input\.jsonl:3: "id" must be a non-empty string$/);
  fails('{"id": "x", "text": null}', /^input\.jsonl:3: "text" must be a string \(document "x"\)$/);
  fails(new Uint8Array([0x22, 0xc3, 0x22]), /^input\.jsonl:3: not valid UTF-8$/);
});
