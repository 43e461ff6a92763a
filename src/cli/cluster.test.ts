import { describe, expect, it } from 'vitest';
import { WORKER_SEMI_SPACE_MIB, workerExecArgv } from './cluster.ts';

describe('workerExecArgv', () => {
  it('caps the young generation of each worker, keeping the options the server was started with', () => {
    expect(workerExecArgv(['--expose-gc'], undefined)).toEqual(['--expose-gc', `--max-semi-space-size=${WORKER_SEMI_SPACE_MIB}`]);
  });

  it('leaves a semi-space size the operator chose, on the command line or in NODE_OPTIONS', () => {
    expect(workerExecArgv(['--max-semi-space-size=16'], undefined)).toEqual(['--max-semi-space-size=16']);
    expect(workerExecArgv([], '--enable-source-maps --max-semi-space-size=32')).toEqual([]);
  });
});
