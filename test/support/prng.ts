/** Seeded PRNG (mulberry32, shared/prng.ts) so a failing fuzz case can be replayed from its seed. */
export { prng } from '../../shared/prng';

export function randomInt(rand: () => number, max: number): number {
  return Math.floor(rand() * max);
}
