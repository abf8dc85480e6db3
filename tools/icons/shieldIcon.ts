import type { RgbaImage } from './png';

/** An opaque colour, 0-255 per channel. */
export type Rgb = readonly [number, number, number];

/**
 * How to draw the app's mark — a shield (the app guards a registration's permissions) with a
 * check mark (the "Ready" verdict). Teams wants a full-colour 192x192 icon and a 32x32 outline
 * icon that is white on transparent; both come from this one shape so they never drift apart.
 */
export interface ShieldIconOptions {
  readonly size: number;
  /** Fraction of the size left empty on each side of the shield. */
  readonly padding: number;
  /** Fills the whole square; omit for a transparent background. */
  readonly background?: Rgb;
  readonly shield: Rgb;
  /** The check mark's colour, or 'cut-out' to punch it through to the background. */
  readonly check: Rgb | 'cut-out';
}

type Point = readonly [number, number];

function quadratic(from: Point, control: Point, to: Point, steps: number): Point[] {
  const points: Point[] = [];
  for (let i = 1; i <= steps; i++) {
    const t = i / steps;
    const u = 1 - t;
    points.push([
      u * u * from[0] + 2 * u * t * control[0] + t * t * to[0],
      u * u * from[1] + 2 * u * t * control[1] + t * t * to[1],
    ]);
  }
  return points;
}

/** The shield outline in a unit square (x right, y down). */
const SHIELD: readonly Point[] = [
  [0.5, 0.04],
  [0.9, 0.18],
  [0.9, 0.48],
  ...quadratic([0.9, 0.48], [0.88, 0.82], [0.5, 0.97], 24),
  ...quadratic([0.5, 0.97], [0.12, 0.82], [0.1, 0.48], 24),
  [0.1, 0.18],
];

/** The check mark as a thick polyline in the same unit square. */
const CHECK: readonly Point[] = [
  [0.3, 0.5],
  [0.44, 0.65],
  [0.71, 0.35],
];
const CHECK_HALF_WIDTH = 0.055;

function insidePolygon(p: Point, polygon: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i];
    const [xj, yj] = polygon[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

function onCheck(p: Point): boolean {
  for (let i = 1; i < CHECK.length; i++) {
    if (distanceToSegment(p, CHECK[i - 1], CHECK[i]) <= CHECK_HALF_WIDTH) return true;
  }
  return false;
}

/** Renders the icon with 4x4 supersampling so edges are anti-aliased. */
export function renderShieldIcon(options: ShieldIconOptions): RgbaImage {
  const { size, padding, background, shield, check } = options;
  const pixels = new Uint8Array(size * size * 4);
  const samples = 4;
  const inner = 1 - 2 * padding;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const u: Point = [
            ((x + (sx + 0.5) / samples) / size - padding) / inner,
            ((y + (sy + 0.5) / samples) / size - padding) / inner,
          ];
          const inShield = insidePolygon(u, SHIELD);
          const inCheck = inShield && onCheck(u);
          let colour: Rgb | undefined = background;
          if (inShield) colour = shield;
          if (inCheck) colour = check === 'cut-out' ? background : check;
          if (colour) {
            r += colour[0];
            g += colour[1];
            b += colour[2];
            a += 1;
          }
        }
      }
      const offset = (y * size + x) * 4;
      if (a > 0) {
        pixels[offset] = Math.round(r / a);
        pixels[offset + 1] = Math.round(g / a);
        pixels[offset + 2] = Math.round(b / a);
        pixels[offset + 3] = Math.round((255 * a) / (samples * samples));
      }
    }
  }
  return { width: size, height: size, pixels };
}
