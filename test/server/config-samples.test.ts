// Sample accounts are the demo's: a production start creates none unless asked (issue 17).
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/server/config';

describe('PHIEU_SAMPLE_ACCOUNTS and NODE_ENV', () => {
  it('creates sample accounts by default, none in production, and follows the setting either way', () => {
    expect(readConfig({}).sampleAccounts).toBe(true);
    expect(readConfig({ NODE_ENV: 'production' }).sampleAccounts).toBe(false);
    expect(readConfig({ NODE_ENV: 'production', PHIEU_SAMPLE_ACCOUNTS: '1' }).sampleAccounts).toBe(true);
    expect(readConfig({ PHIEU_SAMPLE_ACCOUNTS: 'false' }).sampleAccounts).toBe(false);
  });

  it('refuses a value it cannot read rather than guess', () => {
    expect(() => readConfig({ PHIEU_SAMPLE_ACCOUNTS: 'yes' })).toThrow(/PHIEU_SAMPLE_ACCOUNTS must be 1 or 0/);
  });
});
