/**
 * The rank test of the disclosure audit: whether a vector lies in the row space of a matrix, by Gaussian
 * elimination in exact rational arithmetic (bigint fractions), so no rounding decides a privacy question.
 */
type Fraction = { n: bigint; d: bigint };

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
function frac(n: bigint, d = 1n): Fraction {
  if (d < 0n) return frac(-n, -d);
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}
const sub = (a: Fraction, b: Fraction) => frac(a.n * b.d - b.n * a.d, a.d * b.d);
const mul = (a: Fraction, b: Fraction) => frac(a.n * b.n, a.d * b.d);
const div = (a: Fraction, b: Fraction) => frac(a.n * b.d, a.d * b.n);

/** The rank of a matrix of integers. */
export function rank(matrix: readonly (readonly number[])[]): number {
  const m = matrix.map((row) => row.map((v) => frac(BigInt(v))));
  const columns = m[0]?.length ?? 0;
  let r = 0;
  for (let c = 0; c < columns && r < m.length; c++) {
    const pivot = m.findIndex((row, i) => i >= r && row[c].n !== 0n);
    if (pivot < 0) continue;
    [m[r], m[pivot]] = [m[pivot], m[r]];
    for (let i = 0; i < m.length; i++) {
      if (i === r || m[i][c].n === 0n) continue;
      const factor = div(m[i][c], m[r][c]);
      m[i] = m[i].map((v, j) => sub(v, mul(factor, m[r][j])));
    }
    r++;
  }
  return r;
}

/** Whether `vector` is a linear combination of `rows` — i.e. the published sums determine it. */
export function inSpan(rows: readonly (readonly number[])[], vector: readonly number[]): boolean {
  if (rows.length === 0) return vector.every((v) => v === 0);
  return rank(rows) === rank([...rows, vector]);
}
