/**
 * The prediction output table: the input columns (row order kept), then `<target>_predicted`,
 * then with probabilities one `<target>_proba_<class>` column per class. Written as CSV or
 * Parquet by nodejs-polars.
 */
import pl from 'nodejs-polars';
import { isNumericColumn, type Column, type DataFrame } from '../../engine/data/frame.ts';
import type { PredictResult } from '../../engine/ml/predict.ts';
import type { TrainedModel } from '../../engine/ml/trained-model.ts';

export interface OutputColumn {
  readonly name: string;
  readonly values: ReadonlyArray<number | string | boolean | null>;
}

export function columnValues(column: Column): Array<number | string | boolean | null> {
  const out = new Array<number | string | boolean | null>(column.valid.length);
  if (isNumericColumn(column)) {
    for (let i = 0; i < out.length; i++) {
      if (!column.valid[i]) out[i] = null;
      else if (column.kind === 'boolean') out[i] = column.values[i] === 1;
      else if (column.kind === 'datetime') out[i] = new Date(column.values[i]).toISOString();
      else out[i] = column.values[i];
    }
  } else {
    for (let i = 0; i < out.length; i++) out[i] = column.codes[i] < 0 ? null : column.dictionary[column.codes[i]];
  }
  return out;
}

export function predictionTable(frame: DataFrame, model: TrainedModel, result: PredictResult): OutputColumn[] {
  const columns: OutputColumn[] = frame.columns.map((c) => ({ name: c.name, values: columnValues(c) }));
  const taken = new Set(columns.map((c) => c.name));
  const unique = (name: string) => {
    let candidate = name;
    for (let i = 2; taken.has(candidate); i++) candidate = `${name}_${i}`;
    taken.add(candidate);
    return candidate;
  };
  columns.push({ name: unique(`${model.target}_predicted`), values: result.predictions });
  if (result.probabilities && result.classes) {
    result.classes.forEach((label, k) => {
      columns.push({ name: unique(`${model.target}_proba_${label}`), values: result.probabilities!.map((row) => row[k]) });
    });
  }
  return columns;
}

export async function writePredictionTable(columns: readonly OutputColumn[], format: 'csv' | 'parquet'): Promise<Buffer> {
  const df = pl.DataFrame(Object.fromEntries(columns.map((c) => [c.name, [...c.values]])));
  if (format === 'parquet') return df.writeParquet() as Buffer;
  return df.writeCSV() as Buffer;
}
