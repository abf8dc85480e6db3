import { writeFileSync } from 'fs';
import { join } from 'path';
import { encodePng } from './png';
import { renderShieldIcon, type Rgb } from './shieldIcon';

/** The manifest's accentColor (#5B5FC7, Teams' brand purple), also the colour icon's background. */
export const ACCENT: Rgb = [0x5b, 0x5f, 0xc7];
const WHITE: Rgb = [255, 255, 255];

/**
 * Writes appPackage/color.png (192x192, accent background, white shield, accent check) and
 * appPackage/outline.png (32x32, white shield with the check cut out, transparent elsewhere).
 * The PNGs are committed; rerun this only when the mark changes:
 * `npx tsc -p tsconfig.json && node lib/tools/icons/generateIcons.js`.
 */
export function generateIcons(appPackageDir: string): { color: string; outline: string } {
  const color = join(appPackageDir, 'color.png');
  const outline = join(appPackageDir, 'outline.png');
  writeFileSync(
    color,
    encodePng(renderShieldIcon({ size: 192, padding: 0.16, background: ACCENT, shield: WHITE, check: ACCENT })),
  );
  writeFileSync(outline, encodePng(renderShieldIcon({ size: 32, padding: 0.03, shield: WHITE, check: 'cut-out' })));
  return { color, outline };
}

if (require.main === module) {
  const dir = process.argv[2] ?? join(process.cwd(), 'appPackage');
  const written = generateIcons(dir);
  process.stdout.write(`wrote ${written.color}\nwrote ${written.outline}\n`);
}
