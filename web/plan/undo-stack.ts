// Undo/redo of the feature being edited: a list of complete snapshots with a cursor (pure; no DOM, no map).

export interface UndoStack<T> {
  /** Records a new state after a completed change; drops anything that could have been redone. */
  push(state: T): void;
  /** Steps back; returns the state to show, or undefined when there is nothing to undo. */
  undo(): T | undefined;
  redo(): T | undefined;
  /** Forgets every state and starts from `state` (nothing to undo). */
  reset(state: T): void;
  readonly current: T;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** Steps that can be undone and redone (for buttons and tests). */
  readonly depth: { undo: number; redo: number };
}

export interface UndoStackOptions<T> {
  /** Oldest states are dropped beyond this many (a long session must not grow without bound). */
  limit?: number;
  /** Two states the user cannot tell apart are one step (e.g. a click that moved nothing). */
  equals?(a: T, b: T): boolean;
}

export function createUndoStack<T>(initial: T, options: UndoStackOptions<T> = {}): UndoStack<T> {
  const limit = Math.max(2, options.limit ?? 100);
  const equals = options.equals ?? ((a: T, b: T) => a === b);
  let states: T[] = [initial];
  let cursor = 0;

  return {
    push(state) {
      if (equals(states[cursor], state)) return;
      states = states.slice(0, cursor + 1);
      states.push(state);
      if (states.length > limit) states = states.slice(states.length - limit);
      cursor = states.length - 1;
    },
    undo() {
      if (cursor === 0) return undefined;
      cursor -= 1;
      return states[cursor];
    },
    redo() {
      if (cursor >= states.length - 1) return undefined;
      cursor += 1;
      return states[cursor];
    },
    reset(state) {
      states = [state];
      cursor = 0;
    },
    get current() {
      return states[cursor];
    },
    get canUndo() {
      return cursor > 0;
    },
    get canRedo() {
      return cursor < states.length - 1;
    },
    get depth() {
      return { undo: cursor, redo: states.length - 1 - cursor };
    },
  };
}

/** Whether a key event asks for undo or redo (Ctrl/⌘+Z, Ctrl/⌘+Shift+Z, Ctrl/⌘+Y); null otherwise. */
export function undoKey(event: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }): 'undo' | 'redo' | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  const key = event.key.toLowerCase();
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !event.shiftKey) return 'redo';
  return null;
}
