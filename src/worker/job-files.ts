/**
 * Where a job's files live in storage (the meeting point of server and worker, DESIGN.md
 * "Remote execution"): users/<u>/jobs/<j>/{spec.json, events/<seq>.json, checkpoint/…,
 * result.json}. result.json is written last and marks completion.
 */
export function jobPrefix(userId: string, jobId: string): string {
  return `users/${userId}/jobs/${jobId}/`;
}

export const jobKeys = {
  spec: (userId: string, jobId: string) => `${jobPrefix(userId, jobId)}spec.json`,
  result: (userId: string, jobId: string) => `${jobPrefix(userId, jobId)}result.json`,
  eventsPrefix: (userId: string, jobId: string) => `${jobPrefix(userId, jobId)}events/`,
  /** Zero-padded so a listing sorts in order. */
  event: (userId: string, jobId: string, seq: number) => `${jobPrefix(userId, jobId)}events/${String(seq).padStart(8, '0')}.json`,
  checkpoint: (userId: string, jobId: string) => `${jobPrefix(userId, jobId)}checkpoint/state.bin`,
  checkpointMeta: (userId: string, jobId: string) => `${jobPrefix(userId, jobId)}checkpoint/meta.json`,
  stop: (userId: string, jobId: string) => `${jobPrefix(userId, jobId)}control/stop.json`,
};

export function modelPrefix(userId: string, modelId: string): string {
  return `users/${userId}/models/${modelId}/`;
}

export function datasetKey(userId: string, datasetId: string, fileName: string): string {
  return `users/${userId}/datasets/${datasetId}/${fileName}`;
}

export function resultKey(userId: string, jobId: string, fileName: string): string {
  return `users/${userId}/results/${jobId}/${fileName}`;
}
