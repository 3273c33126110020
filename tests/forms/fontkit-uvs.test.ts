// Why variation sequences are shaped with HarfBuzz and not left to fontkit (pdf-lib's layout): fontkit
// reads cmap format 14, but when a selector record has both a default and a non-default table it
// looks in the non-default one only if the code point is in the default one, so most non-default
// sequences of BIZ UDゴシック (and Noto Sans CJK JP) come back as the base glyph, silently. IPAmj明朝's
// records have no default tables, so fontkit happens to get those right. If this test fails, fontkit
// has been fixed; docs/forms.md ("Why not fontkit") says what to revisit.
import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { FONT_FILES } from '../../forms/pdf/fonts.ts';

interface Selector {
  varSelector: number;
  defaultUVS?: unknown[];
  nonDefaultUVS?: { unicodeValue: number; glyphID: number }[];
}
interface Kit {
  _cmapProcessor: { uvs: { varSelectors: { toArray(): Selector[] } } };
  glyphsForString(s: string): { id: number }[];
}

describe('fontkit and cmap format 14', () => {
  it('returns the base glyph for non-default sequences of a selector that also has a default table (BIZ UDゴシック)', () => {
    const font = fontkit.create(readFileSync(FONT_FILES.primary.path)) as unknown as Kit;
    let both = 0;
    let wrong = 0;
    for (const sel of font._cmapProcessor.uvs.varSelectors.toArray()) {
      if (!sel.defaultUVS || !sel.nonDefaultUVS) continue;
      for (const nd of sel.nonDefaultUVS) {
        both++;
        if (font.glyphsForString(String.fromCodePoint(nd.unicodeValue, sel.varSelector))[0]!.id !== nd.glyphID) wrong++;
      }
    }
    expect(both).toBeGreaterThan(100);
    // Measured: 400 of 487 non-default sequences in all (the rest are in selectors without a default table).
    expect(wrong / both).toBeGreaterThan(0.5);
  });
});
