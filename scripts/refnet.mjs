#!/usr/bin/env node
// The `refnet` bin: registers tsx so the TypeScript CLI runs without a build step, then starts it.
import { register } from 'tsx/esm/api';

register();
await import('./cli.ts');
