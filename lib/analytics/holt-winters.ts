// Additive Holt-Winters in ETS(A,A,A) error-correction form, for lib/analytics/forecast.ts:
//   ŷ_t = l + b + s[t mod m],  e = y_t − ŷ_t,  l ← l + b + αe,  b ← b + βe,  s[t mod m] ← s + γe
// with 0 ≤ β ≤ α and 0 ≤ γ ≤ 1 − α (the model's admissible region). Pure numbers, no dates.

export interface HoltWintersFit {
  alpha: number;
  beta: number;
  gamma: number;
  /** Standard deviation of the one-step errors. */
  sigma: number;
  /** h = 1…horizon: the point forecast and the standard deviation of its error. */
  forecast(horizon: number): Array<{ mean: number; sd: number }>;
}

interface States {
  level: number;
  trend: number;
  season: number[];
}

// Small enough to search exhaustively on every run (a few hundred filter passes of a year of days).
const ALPHAS = [0.01, 0.03, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.7, 0.9];
const BETAS = [0, 0.001, 0.005, 0.01, 0.03, 0.1];
const GAMMAS = [0, 0.01, 0.05, 0.1, 0.2, 0.3, 0.5];
// α, β, γ and the initial level, trend and m − 1 free seasonal states (they sum to zero).
const parameterCount = (period: number) => 3 + 2 + (period - 1);

/** Solves A·x = b by Gaussian elimination with partial pivoting; a singular column gives 0. */
function solve(matrix: number[][], rhs: number[]): number[] {
  const size = rhs.length;
  const a = matrix.map((row, index) => [...row, rhs[index]!]);
  for (let column = 0; column < size; column += 1) {
    let pivot = column;
    for (let row = column + 1; row < size; row += 1) if (Math.abs(a[row]![column]!) > Math.abs(a[pivot]![column]!)) pivot = row;
    [a[column], a[pivot]] = [a[pivot]!, a[column]!];
    const lead = a[column]![column]!;
    if (Math.abs(lead) < 1e-12) continue;
    for (let row = 0; row < size; row += 1) {
      if (row === column) continue;
      const factor = a[row]![column]! / lead;
      if (factor !== 0) for (let k = column; k <= size; k += 1) a[row]![k]! -= factor * a[column]![k]!;
    }
  }
  return a.map((row, index) => (Math.abs(row[index]!) < 1e-12 ? 0 : row[size]! / row[index]!));
}

/**
 * Initial states from least squares y_t = a + b·t + c[t mod m] (c[0] = 0): the level just before
 * t = 0, the slope, and the weekday effects centred on zero.
 */
function initialStates(values: number[], period: number): States {
  const columns = 2 + (period - 1);
  const xtx = Array.from({ length: columns }, () => new Array<number>(columns).fill(0));
  const xty = new Array<number>(columns).fill(0);
  // Time is centred and scaled so the normal equations stay well conditioned.
  const scale = Math.max(1, values.length);
  values.forEach((y, t) => {
    const x = new Array<number>(columns).fill(0);
    x[0] = 1;
    x[1] = t / scale;
    if (t % period !== 0) x[1 + (t % period)] = 1;
    for (let i = 0; i < columns; i += 1) {
      xty[i]! += x[i]! * y;
      for (let j = 0; j < columns; j += 1) xtx[i]![j]! += x[i]! * x[j]!;
    }
  });
  const [intercept = 0, slopeScaled = 0, ...effects] = solve(xtx, xty);
  const slope = slopeScaled / scale;
  const weekday = [0, ...effects];
  const mean = weekday.reduce((sum, value) => sum + value, 0) / period;
  return { level: intercept + mean - slope, trend: slope, season: weekday.map((value) => value - mean) };
}

/** One pass of the filter: the one-step SSE and the states after the last observation. */
function filter(values: number[], start: States, alpha: number, beta: number, gamma: number): { sse: number; states: States } {
  let { level, trend } = start;
  const season = [...start.season];
  const period = season.length;
  let sse = 0;
  values.forEach((y, t) => {
    const phase = t % period;
    const error = y - (level + trend + season[phase]!);
    sse += error * error;
    level = level + trend + alpha * error;
    trend = trend + beta * error;
    season[phase] = season[phase]! + gamma * error;
  });
  return { sse, states: { level, trend, season } };
}

export function fitHoltWinters(values: number[], period: number): HoltWintersFit {
  const start = initialStates(values, period);
  let best = { alpha: ALPHAS[0]!, beta: 0, gamma: 0, sse: Number.POSITIVE_INFINITY, states: start };
  for (const alpha of ALPHAS) {
    for (const beta of BETAS) {
      if (beta > alpha) continue;
      for (const gamma of GAMMAS) {
        if (gamma > 1 - alpha) continue;
        const { sse, states } = filter(values, start, alpha, beta, gamma);
        // Strictly less: among equal fits (a constant series) the smoothest parameters win.
        if (sse < best.sse * (1 - 1e-9) - 1e-12) best = { alpha, beta, gamma, sse, states };
      }
    }
  }
  const { alpha, beta, gamma, sse, states } = best;
  const degreesOfFreedom = Math.max(1, values.length - parameterCount(period));
  const sigma = Math.sqrt(sse / degreesOfFreedom);
  const last = values.length - 1;
  return {
    alpha,
    beta,
    gamma,
    sigma,
    forecast(horizon) {
      const points: Array<{ mean: number; sd: number }> = [];
      let spread = 1;
      for (let h = 1; h <= horizon; h += 1) {
        if (h > 1) {
          const j = h - 1;
          const c = alpha + beta * j + (j % period === 0 ? gamma : 0);
          spread += c * c;
        }
        const phase = (last + h) % period;
        points.push({ mean: states.level + h * states.trend + states.season[phase]!, sd: sigma * Math.sqrt(spread) });
      }
      return points;
    },
  };
}
