// Every entity type the snapshot's WSDL declares has its generated class, named for it, with its
// fields in the WSDL's wire order (id first), and no other (1.6's metadata-only ones are declared too).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { entityTypesOf } from '../../../codegen/wsdl-structure.js';
import * as v15 from '../../../generated/v1_5/index.js';
import * as v16 from '../../../generated/v1_6/index.js';
import { wsdlDocument as wsdl15 } from '../../../generated/v1_5/wsdl-document.js';
import { wsdlDocument as wsdl16 } from '../../../generated/v1_6/wsdl-document.js';
import type { EntityClass } from '../../../runtime/entity/entity-base.js';

const versions = [
  ['1.5', v15, wsdl15, 124],
  ['1.6', v16, wsdl16, 167],
] as const;

describe('generated entity classes', () => {
  for (const [version, api, wsdl, count] of versions) {
    it(`${version}: one class per WSDL entity type, fields in wire order`, () => {
      const declared = entityTypesOf(wsdl);
      assert.equal(declared.length, count);
      const classes = api.entityClasses as unknown as Record<string, EntityClass>;
      assert.deepEqual(Object.keys(classes).sort(), declared.map((d) => d.name).sort());
      for (const { name, fields } of declared) {
        const cls = classes[name];
        assert.ok(cls !== undefined, name);
        assert.equal(cls.entityName, name);
        assert.equal(cls.meta.name, name);
        const generated = Object.keys(cls.meta.fields);
        assert.deepEqual(generated.slice(0, fields.length + 1), ['id', ...fields], name);
        // The snapshot's WSDL declares every field the class has (1.6: metadata-only ones derived).
        assert.equal(generated.length, fields.length + 1, name);
        assert.equal(new cls().entityName, name);
      }
    });
  }
});
