/**
 * How SOAP's text reads as values: XML Schema's lexical forms (the field codec of
 * `atws/protocol/soap`), date-times as US Eastern wall clock ("Time and date" page), where a local
 * time skipped by the spring-forward change is an error rather than the hour after.
 */
import { formatEasternQuery, parseEastern } from 'atws/protocol';
import { decodeFieldValue } from 'atws/protocol/soap';
import type { WireReading } from '../tenant/wire-reading.js';
import { easternGapProblem } from './eastern-gap.js';

export const SOAP_READING: WireReading = {
  dates: {
    parse: parseEastern,
    invalidTime: easternGapProblem,
    day: (instant) => formatEasternQuery(instant).slice(0, 10),
  },
  fieldValue: decodeFieldValue,
};
