/**
 * One walk over a tree that calls every check's and transform's handlers by node type
 * (the ESLint visitor pattern), instead of one `visit` per check.
 *
 * A file's content is walked once per tree, never more:
 * - the parsed Markdown tree, by validate: every rule that reads nodes (read-only, and on
 *   files with errors too, so that one run reports every problem);
 * - the meeting's pieces as one Markdown tree, by transform: raw HTML shown, notes marked,
 *   URLs judged, reference links filled. It is a separate tree, not the parsed one again:
 *   extract builds it from copies (a title cut from its heading, a note split from its
 *   paragraph), and the checks must see what the author wrote, not the rewritten nodes;
 * - the sanitised HTML tree, by transform: header scopes, alignment, checkbox labels, ids.
 *
 * Written here rather than with unist-util-visit: that walker defines a function name and
 * copies the ancestors for every node, which cost more than the handlers themselves.
 */
import type {Node, Parent} from 'unist';

/** Leave the node's children out of the walk. */
export const skip = 'skip';

/**
 * What a handler returns: nothing to go on (into the node's children), `skip` to leave its
 * children out, or the index in the parent to go on from, after it replaced the node (the
 * node's own children are then not walked: the nodes now at that index are).
 */
export type Step = typeof skip | number | undefined | void;

/** A handler: the node, its parent and index in it, and every ancestor (root first; not to be kept). */
export type Handler<T> = (node: T, parent: Parent | undefined, index: number | undefined, ancestors: readonly Parent[]) => Step;

/** Handlers by node type; `'*'` is called for every node, before the handler for its type. */
export type Handlers<N extends Node> = {[K in N['type']]?: Handler<Extract<N, {type: K}>>} & {'*'?: Handler<N>};

/**
 * Walk `tree` once in document order (depth first, a parent before its children), calling
 * each set of handlers in the order given. Once a handler returns a step, the handlers after
 * it do not see that node: a node it replaced is not there any more.
 */
export function walk<N extends Node>(tree: N, ...sets: Array<Handlers<N>>): void {
  const byType = new Map<string, Array<Handler<Node>>>();
  const ancestors: Parent[] = [];
  const handlersOf = (type: string): Array<Handler<Node>> => {
    let list = byType.get(type);
    if (!list) {
      list = [];
      for (const set of sets as Array<Record<string, Handler<Node> | undefined>>) {
        const any = set['*'];
        if (any) list.push(any);
        // Own keys only: a node type such as `constructor` must not find Object's.
        const own = Object.hasOwn(set, type) && type !== '*' ? set[type] : undefined;
        if (own) list.push(own);
      }
      byType.set(type, list);
    }
    return list;
  };
  const enter = (node: Node, parent: Parent | undefined, index: number | undefined): Step => {
    for (const handler of handlersOf(node.type)) {
      const step = handler(node, parent, index, ancestors);
      if (step !== undefined) return step;
    }
    const children = (node as Partial<Parent>).children;
    if (!children) return undefined;
    ancestors.push(node as Parent);
    // The children are read again on every step: a handler may replace them.
    for (let at = 0; at < (node as Parent).children.length;) {
      const step = enter((node as Parent).children[at]!, node as Parent, at);
      at = typeof step === 'number' ? step : at + 1;
    }
    ancestors.pop();
    return undefined;
  };
  enter(tree, undefined, undefined);
}
