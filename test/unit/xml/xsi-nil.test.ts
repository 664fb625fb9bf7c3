// One xsi:nil check for the client's decoder and the simulator's entity reader: any prefix, and both
// spellings of the XML Schema boolean true.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isXsiNil } from '../../../runtime/protocol/soap/xml/xsi-nil.js';

describe('isXsiNil', () => {
  it('takes true and 1 under any prefix, nothing else', () => {
    assert.equal(isXsiNil({ 'xsi:nil': 'true' }), true);
    assert.equal(isXsiNil({ 'i:nil': ' 1 ' }), true);
    assert.equal(isXsiNil({ nil: 'true' }), true);
    assert.equal(isXsiNil({ 'xsi:nil': 'false' }), false);
    assert.equal(isXsiNil({ 'xsi:nil': '0' }), false);
    assert.equal(isXsiNil({ 'xsi:type': 'xsd:string' }), false);
    assert.equal(isXsiNil({ 'xsi:nilly': 'true' }), false);
  });
});
