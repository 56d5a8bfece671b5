import { describe, expect, it } from 'vitest';
import { chooseLogFormat, prettyLine } from '../src/log.js';

describe('log format', () => {
  it('is pretty on a terminal and JSON otherwise, unless LOG_FORMAT says', () => {
    expect(chooseLogFormat({}, true)).toBe('pretty');
    expect(chooseLogFormat({}, false)).toBe('json');
    expect(chooseLogFormat({ LOG_FORMAT: 'json' }, true)).toBe('json');
    expect(chooseLogFormat({ LOG_FORMAT: 'pretty' }, false)).toBe('pretty');
    expect(chooseLogFormat({ LOG_FORMAT: 'xml' }, false)).toBe('json');
  });

  it('writes a pino line as local time, level, message and key=value fields', () => {
    const local = new Date(2026, 0, 2, 9, 5, 7, 42);
    const line = prettyLine(JSON.stringify({ level: 40, time: local.getTime(), service: 'chronicle', msg: 'job failed: HTTP 503', queue: 'fetch', jobId: '42', attempts: 3, url: 'https://x.test/a b' }), () => local);
    expect(line).toBe('09:05:07.042 WARN  job failed: HTTP 503 queue=fetch jobId=42 attempts=3 url="https://x.test/a b"\n');
  });

  it("puts an error's stack on the lines below and passes a line that is not JSON as it is", () => {
    const line = prettyLine(JSON.stringify({ level: 50, time: 0, msg: 'worker error', err: { message: 'boom', stack: 'Error: boom\n    at f (x.js:1:1)' } }), () => new Date(2026, 0, 1));
    expect(line).toBe('00:00:00.000 ERROR worker error\n    Error: boom\n        at f (x.js:1:1)\n');
    expect(prettyLine('not json')).toBe('not json\n');
  });
});
