// The photo cleaner (worker/photos/clean.ts) against damaged files: valid photos with metadata,
// mutated many times with a seeded PRNG (bit flips, random bytes, truncation, length fields set
// to odd values, spans cut, copied or repeated). Whatever comes in, cleanPhoto never throws; it
// refuses, or returns a photo of its own type that cleans again to the very same bytes and holds
// none of the metadata. A failure names the seed, to replay it.
import { describe, expect, it } from 'vitest';
import { cleanPhoto, sniffPhoto } from '../../worker/photos/clean.ts';
import { animatedWebp, BASE_WEBP_LOSSLESS, fixPngCrcs, jpegWithMetadata, pngWithMetadata, secretsIn, simpleWebp, webpWithMetadata } from '../helpers/photo-fixtures.ts';

/** mulberry32, the generator of worker/tools/load-scenarios.ts (not imported: that module loads wrangler). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(original: Uint8Array, random: () => number): Uint8Array {
  const int = (n: number) => Math.floor(random() * n);
  let b = original.slice();
  const steps = 1 + int(4);
  for (let s = 0; s < steps && b.length > 0; s++) {
    const at = int(b.length);
    switch (int(7)) {
      case 0: // a bit flipped
        b[at] = b[at]! ^ (1 << int(8));
        break;
      case 1: // a byte set to anything
        b[at] = int(256);
        break;
      case 2: // truncated
        b = b.slice(0, at);
        break;
      case 3: { // a 16- or 32-bit field (a length, a size) set to 0, 1, a little more or less, or the maximum
        const values = [0, 1, 2, 0xff, 0xffff, 0xffffffff, int(0x10000)];
        const v = values[int(values.length)]!;
        const view = new DataView(b.buffer);
        if (random() < 0.5 && at + 2 <= b.length) view.setUint16(at, v & 0xffff, random() < 0.5);
        else if (at + 4 <= b.length) view.setUint32(at, v >>> 0, random() < 0.5);
        break;
      }
      case 4: { // a span cut out
        const to = Math.min(b.length, at + 1 + int(64));
        b = new Uint8Array([...b.subarray(0, at), ...b.subarray(to)]);
        break;
      }
      case 5: { // a span repeated
        const to = Math.min(b.length, at + 1 + int(64));
        b = new Uint8Array([...b.subarray(0, to), ...b.subarray(at, to), ...b.subarray(to)]);
        break;
      }
      default: { // a field incremented or decremented by one
        b[at] = (b[at]! + (random() < 0.5 ? 1 : 255)) & 0xff;
        break;
      }
    }
  }
  return b;
}

const FIXTURES: [string, Uint8Array][] = [
  ['jpeg', jpegWithMetadata(6)],
  ['png', pngWithMetadata()],
  ['webp', webpWithMetadata()],
  ['webp lossless', webpWithMetadata(BASE_WEBP_LOSSLESS)],
  ['webp simple', simpleWebp()],
  ['webp animated', animatedWebp()],
];
const ROUNDS = 3000;

describe('the photo cleaner, fuzzed', () => {
  for (const [name, original] of FIXTURES) {
    it(`a ${name} mutated ${ROUNDS} times: never throws; refused, or clean and stable`, () => {
      const tally = { accepted: 0, refused: 0 };
      const problems: string[] = [];
      for (let seed = 1; seed <= ROUNDS; seed++) {
        const random = prng(seed * 7919 + name.length);
        const mutated = mutate(original, random);
        // A PNG's CRCs refuse nearly every mutation; half the time they are made right again, so the parser behind them is fuzzed too.
        const input = name === 'png' && random() < 0.5 ? fixPngCrcs(mutated) : mutated;
        let result: ReturnType<typeof cleanPhoto>;
        try {
          result = cleanPhoto(input);
        } catch (error) {
          problems.push(`seed ${seed}: threw ${String(error)}`);
          continue;
        }
        if (!result.ok) {
          tally.refused++;
          if (!/^photos\.refused\.(notPhoto|heic|damaged|tooManyPixels)$/.test(result.refusal.key)) problems.push(`seed ${seed}: refusal ${result.refusal.key}`);
          continue;
        }
        tally.accepted++;
        const photo = result.value;
        if (sniffPhoto(photo.bytes) !== photo.type) problems.push(`seed ${seed}: output is not a ${photo.type}`);
        const again = cleanPhoto(photo.bytes);
        if (!again.ok) problems.push(`seed ${seed}: its own output refused (${again.refusal.key})`);
        else if (again.value.bytes.length !== photo.bytes.length || again.value.bytes.some((v, i) => v !== photo.bytes[i])) problems.push(`seed ${seed}: cleaning again changed it`);
        else if (again.value.width !== photo.width || again.value.height !== photo.height) problems.push(`seed ${seed}: another size when cleaned again`);
        const left = secretsIn(photo.bytes);
        if (left.length > 0) problems.push(`seed ${seed}: metadata left: ${left.join(', ')}`);
        if (photo.width < 1 || photo.height < 1 || photo.width * photo.height > 50_000_000) problems.push(`seed ${seed}: size ${photo.width} × ${photo.height}`);
      }
      expect(problems.slice(0, 10)).toEqual([]);
      // Both outcomes happen: the mutations are neither all fatal nor all harmless.
      expect(tally.accepted).toBeGreaterThan(ROUNDS / 20);
      expect(tally.refused).toBeGreaterThan(ROUNDS / 20);
    });
  }
});
