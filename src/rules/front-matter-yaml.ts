import type {Rule} from './rule.js';

/** YAML syntax errors, reported by the parse stage with the parser's line and column. */
export const frontMatterYaml: Rule = {
  id: 'front-matter-yaml',
  description: 'Front matter must be valid YAML, closed by a `---` line, and a list of `key: value` fields',
  severity: 'error',
  locked: true,
};
