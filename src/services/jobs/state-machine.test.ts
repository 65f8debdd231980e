import { describe, expect, it } from 'vitest';
import type { JobState } from '../../ports/store/index.ts';
import { assertTransition, FINAL_STATES, isFinal, sourcesOf, TRANSITIONS } from './state-machine.ts';

describe('job state machine', () => {
  it('follows the design: queued → provisioning → running → final, interrupted → resuming', () => {
    const path: JobState[] = ['queued', 'provisioning', 'running', 'interrupted', 'resuming', 'running', 'succeeded'];
    for (let i = 1; i < path.length; i++) expect(() => assertTransition('job_x', path[i - 1], path[i])).not.toThrow();
  });

  it('refuses invalid transitions with a 5xxx state error naming the allowed ones', () => {
    try {
      assertTransition('job_x', 'queued', 'succeeded');
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ errorCode: 5001, code: 'INVALID_TRANSITION', name: 'StateError' });
      expect((error as { details: { allowed: string[] } }).details.allowed).toContain('provisioning');
    }
  });

  it('never leaves a final state, and every non-final state can be cancelled', () => {
    for (const state of FINAL_STATES) {
      expect(TRANSITIONS[state]).toEqual([]);
      expect(isFinal(state)).toBe(true);
    }
    const cancellable = sourcesOf('cancelled');
    for (const state of Object.keys(TRANSITIONS) as JobState[]) {
      if (!isFinal(state)) expect(cancellable).toContain(state);
    }
  });
});
