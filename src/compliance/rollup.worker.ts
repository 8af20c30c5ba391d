import { worker } from 'workerpool';
import { rollupRows } from './compliance-rollup';

// A worker thread's entry point (see RollupWorkers): it only runs the pure roll-up rules.
worker({ rollupRows });
