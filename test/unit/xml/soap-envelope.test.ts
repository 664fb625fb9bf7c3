import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { soapEnvelope, soapFaultEnvelope, SOAP_ENV_NS, XSD_NS, XSI_NS } from '../../../runtime/protocol/soap/xml/soap-envelope.js';
import { childElement, childText, parseXml, type XmlElement } from '../../../runtime/protocol/soap/xml/xml-tree.js';

describe('soapEnvelope', () => {
  it('wraps a body, declaring soap, xsi and xsd', () => {
    const env = parseXml(soapEnvelope('<ping xmlns="urn:x"><v xsi:type="xsd:int">1</v></ping>'));
    assert.equal(env.uri, SOAP_ENV_NS);
    assert.equal(env.attributes['xmlns:xsi'], XSI_NS);
    assert.equal(env.attributes['xmlns:xsd'], XSD_NS);
    assert.equal(childElement(env, 'Header'), undefined);
    const body = childElement(env, 'Body') as XmlElement;
    assert.equal(body.children[0]?.name, 'ping');
  });

  it('adds a header when given one', () => {
    const xml = soapEnvelope(
      '<b/>',
      '<AutotaskIntegrations xmlns="http://autotask.net/ATWS/v1_6/"><IntegrationCode>X</IntegrationCode></AutotaskIntegrations>',
    );
    const header = childElement(parseXml(xml), 'Header') as XmlElement;
    assert.equal(childText(header.children[0] as XmlElement, 'IntegrationCode'), 'X');
    assert.ok(xml.indexOf('<soap:Header>') < xml.indexOf('<soap:Body>'));
  });
});

describe('soapFaultEnvelope', () => {
  it('writes a SOAP 1.1 fault with an escaped message', () => {
    const env = parseXml(soapFaultEnvelope('soap:Client', 'Bad <queryxml> & "stuff"'));
    const fault = childElement(childElement(env, 'Body') as XmlElement, 'Fault') as XmlElement;
    assert.equal(fault.uri, SOAP_ENV_NS);
    assert.equal(childText(fault, 'faultcode'), 'soap:Client');
    assert.equal(childText(fault, 'faultstring'), 'Bad <queryxml> & "stuff"');
  });
});
