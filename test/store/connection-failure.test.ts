import { describe, expect, it } from 'vitest';
import { DependencyUnavailableError, isRetryable } from '../../src/errors.js';
import { isConnectionFailure, storeError } from '../../src/store/connection-failure.js';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('store errors: the server out of reach, or the statement wrong', () => {
  it('counts restarts, terminated backends, refused and lost connections as outages', () => {
    expect(isConnectionFailure(withCode('terminating connection due to administrator command', '57P01'))).toBe(true);
    expect(isConnectionFailure(withCode('the database system is starting up', '57P03'))).toBe(true);
    expect(isConnectionFailure(withCode('the database system is shutting down', '57P03'))).toBe(true);
    expect(isConnectionFailure(withCode('sorry, too many clients already', '53300'))).toBe(true);
    expect(isConnectionFailure(withCode('connection failure', '08006'))).toBe(true);
    expect(isConnectionFailure(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toBe(true);
    expect(isConnectionFailure(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isConnectionFailure(new Error('timeout exceeded when trying to connect'))).toBe(true);
  });

  it('leaves errors of the statement itself alone', () => {
    expect(isConnectionFailure(withCode('duplicate key value violates unique constraint "events_pkey"', '23505'))).toBe(false);
    expect(isConnectionFailure(withCode('relation "nothing" does not exist', '42P01'))).toBe(false);
    expect(isConnectionFailure(withCode('invalid byte sequence for encoding "UTF8": 0x00', '22021'))).toBe(false);
    const statement = withCode('syntax error at or near "selec"', '42601');
    expect(storeError(statement)).toBe(statement);
  });

  it('turns an outage into one retryable catalogue error that keeps the cause', () => {
    const lost = new Error('Connection terminated unexpectedly');
    const error = storeError(lost) as DependencyUnavailableError;
    expect(error).toBeInstanceOf(DependencyUnavailableError);
    expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE', dependency: 'store', cause: lost });
    expect(isRetryable(error)).toBe(true);
    expect(storeError(error)).toBe(error);
  });
});
