/** Runs in every test file: whatever a file made with `tempDir` is gone when the file ends. */
import {afterAll} from 'vitest';
import {removeMadeDirs} from './helpers.js';

afterAll(removeMadeDirs);
