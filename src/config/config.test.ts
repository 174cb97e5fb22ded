import { describe, expect, it } from 'vitest';
import { ConfigError, gcpLengths, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 8080,
      HOST: '127.0.0.1',
      SUYUAN_DATA_DIR: './data',
      LOG_LEVEL: 'info',
    });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names every variable with a wrong value', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('PORT');
    expect(message).toContain('LOG_LEVEL');
    expect(message).toContain('DATABASE_URL');
  });

  it('rejects a port out of range', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
  });

  it('parses company prefix lengths', () => {
    expect(gcpLengths(loadConfig({ SUYUAN_GCP_LENGTHS: '690123=6,6901234=7' }))).toEqual({
      '690123': 6,
      '6901234': 7,
    });
    expect(() => loadConfig({ SUYUAN_GCP_LENGTHS: 'abc' })).toThrow(/SUYUAN_GCP_LENGTHS/);
  });
});
