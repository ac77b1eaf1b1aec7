// How a change set's edits are drawn: added green, modified orange, removed red dashed, and the before shape of a modification.
import { expect } from 'chai';
import Feature from 'ol/Feature.js';
import Polygon from 'ol/geom/Polygon.js';
import { changeKindOf, DIFF_COLOURS, diffStyle, diffSymbol } from '../../../web/plan/diff-style.ts';

const square = () => new Polygon([[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]]);

describe('change-set diff styles', () => {
  it('maps edit operations and diff labels to change kinds', () => {
    expect(changeKindOf('create')).to.equal('added');
    expect(changeKindOf('added')).to.equal('added');
    expect(changeKindOf('modify')).to.equal('modified');
    expect(changeKindOf('delete')).to.equal('removed');
    expect(changeKindOf('removed')).to.equal('removed');
  });

  it('gives the three kinds three distinct colours, and only removals a dashed outline in the after view', () => {
    const colours = new Set(Object.values(DIFF_COLOURS));
    expect(colours.size).to.equal(3);
    expect(diffSymbol('added', 'after').stroke).to.equal('#15803d');
    expect(diffSymbol('modified', 'after').stroke).to.equal('#ea580c');
    expect(diffSymbol('removed', 'after').stroke).to.equal('#dc2626');
    expect(diffSymbol('added', 'after').dash).to.deep.equal([]);
    expect(diffSymbol('modified', 'after').dash).to.deep.equal([]);
    expect(diffSymbol('removed', 'after').dash.length).to.be.greaterThan(0);
  });

  it('draws the old shape of a modification dashed and nearly empty, so the new one stands out', () => {
    const before = diffSymbol('modified', 'before');
    const after = diffSymbol('modified', 'after');
    expect(before.dash.length).to.be.greaterThan(0);
    const alpha = (rgba: string) => Number(rgba.match(/,\s*([\d.]+)\)$/)![1]);
    expect(alpha(before.fill)).to.be.lessThan(alpha(after.fill));
    expect(before.width).to.be.lessThan(after.width);
  });

  it('a highlighted edit is drawn wider', () => {
    expect(diffSymbol('added', 'after', true).width).to.be.greaterThan(diffSymbol('added', 'after').width);
  });

  it('the OpenLayers style follows the feature properties and labels the new shape with its lot code', () => {
    const feature = new Feature({ geometry: square(), change: 'delete', phase: 'before', lot_code: 'CX-01' });
    const removed = diffStyle(feature);
    expect(removed[1].getStroke()!.getColor()).to.equal(DIFF_COLOURS.removed);
    expect(removed[1].getStroke()!.getLineDash()!.length).to.be.greaterThan(0);
    expect(removed.some((s) => s.getText()), 'no label on an old shape').to.equal(false);
    const added = diffStyle(new Feature({ geometry: square(), change: 'added', phase: 'after', lot_code: 'CX-99' }));
    expect(added[1].getStroke()!.getColor()).to.equal(DIFF_COLOURS.added);
    expect(added.find((s) => s.getText())?.getText()!.getText()).to.equal('CX-99');
  });
});
