/**
 * The close workflow over REST (query the tickets, set Status = Complete, write them back): REST
 * has no batch, so each ticket is one PATCH, and the client keeps up to the thread limit (3) in
 * flight per endpoint. Wall time at the thread limit vs the same requests strictly one after
 * another (concurrency 1), against a simulator answering with --latency 50. 1/3 is the floor
 * (three requests at a time); `ratio` must stay <= 0.36.
 * Run: node --import tsx bench/rest-close-workflow.ts [--latency 50] [--tickets 150]
 */
import { arg } from './args.js';
import { measureClose } from './close-run.js';

// One PATCH per ticket: fewer tickets than the SOAP row keep a sequential run near ten seconds.
const figures = await measureClose('rest', arg('--tickets', 150), arg('--latency', 50), 2);
console.log(JSON.stringify({ bench: 'rest-close-workflow', ...figures, ratioLimit: 0.36 }));
