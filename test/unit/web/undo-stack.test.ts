// The editor's undo/redo history and its keyboard shortcuts.
import { expect } from 'chai';
import { createUndoStack, undoKey } from '../../../web/plan/undo-stack.ts';

const key = (k: string, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean; alt?: boolean } = {}) => ({
  key: k,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  shiftKey: mods.shift ?? false,
  altKey: mods.alt ?? false,
});

describe('editor undo stack', () => {
  it('steps back and forth through completed changes, and a new change drops what could be redone', () => {
    const stack = createUndoStack<string | null>(null);
    stack.push('a');
    stack.push('b');
    stack.push('c');
    expect(stack.depth).to.deep.equal({ undo: 3, redo: 0 });
    expect(stack.undo()).to.equal('b');
    expect(stack.undo()).to.equal('a');
    expect(stack.redo()).to.equal('b');
    expect(stack.depth).to.deep.equal({ undo: 2, redo: 1 });
    stack.push('d');
    expect(stack.canRedo).to.equal(false);
    expect(stack.current).to.equal('d');
    expect(stack.undo()).to.equal('b');
    expect(stack.undo()).to.equal('a');
    expect(stack.undo()).to.equal(null);
    expect(stack.undo(), 'nothing before the start').to.equal(undefined);
    expect(stack.canUndo).to.equal(false);
  });

  it('when a change leaves the shape as it was, it is not a step', () => {
    const stack = createUndoStack<{ x: number }>({ x: 1 }, { equals: (a, b) => a.x === b.x });
    stack.push({ x: 1 });
    expect(stack.depth.undo).to.equal(0);
    stack.push({ x: 2 });
    stack.push({ x: 2 });
    expect(stack.depth.undo).to.equal(1);
  });

  it('keeps at most `limit` states, dropping the oldest', () => {
    const stack = createUndoStack(0, { limit: 5 });
    for (let i = 1; i <= 10; i++) stack.push(i);
    expect(stack.depth).to.deep.equal({ undo: 4, redo: 0 });
    let last: number | undefined;
    while (stack.canUndo) last = stack.undo();
    expect(last).to.equal(6);
  });

  it('reset forgets the history and starts from the given state', () => {
    const stack = createUndoStack('a');
    stack.push('b');
    stack.reset('z');
    expect(stack.current).to.equal('z');
    expect(stack.depth).to.deep.equal({ undo: 0, redo: 0 });
  });

  it('reads Ctrl/⌘+Z as undo, Ctrl+Y and Ctrl/⌘+Shift+Z as redo, and nothing else', () => {
    expect(undoKey(key('z', { ctrl: true }))).to.equal('undo');
    expect(undoKey(key('Z', { meta: true }))).to.equal('undo');
    expect(undoKey(key('z', { ctrl: true, shift: true }))).to.equal('redo');
    expect(undoKey(key('y', { ctrl: true }))).to.equal('redo');
    expect(undoKey(key('z'))).to.equal(null);
    expect(undoKey(key('z', { ctrl: true, alt: true }))).to.equal(null);
    expect(undoKey(key('x', { ctrl: true }))).to.equal(null);
  });
});
