#!/usr/bin/env node
// `npx phieu …`: runs the TypeScript CLI through tsx (a runtime dependency), from any working directory.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
