/**
 * The Python wrapper's (python-atws) close workflow (query 1,400 tickets, set Status = Complete, update in packets of 200)
 * against a simulator answering with --latency 50: wall time with the default concurrency vs the
 * same requests strictly one after another (concurrency 1). `ratio` must stay <= 0.45 (packets up to the thread limit in flight, read-backs included).
 * Run: node --import tsx bench/close-workflow.ts [--latency 50] [--tickets 1400]
 */
import { arg } from './args.js';
import { measureClose } from './close-run.js';

const figures = await measureClose('soap', arg('--tickets', 1400), arg('--latency', 50), 3);
console.log(JSON.stringify({ bench: 'close-workflow', ...figures, ratioLimit: 0.45 }));
