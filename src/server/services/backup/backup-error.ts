import type { Problem } from '../../../shared';

/** A backup or a restore stopped for a reason the operator can act on; its words are the catalogues' ('backup.*'). */
export class BackupError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.code);
    this.name = 'BackupError';
  }
}
