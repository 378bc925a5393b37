import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES, errorMessage } from './errors.fr.ts';
import { LoginRequestSchema, UaiSchema } from './auth.schemas.ts';

describe('contracts', () => {
  it('normalises and checks UAI codes', () => {
    expect(UaiSchema.parse(' 0869999x ')).toBe('0869999X');
    for (const bad of ['086999X', '08699999X', 'ABCDEFGH', '']) expect(UaiSchema.safeParse(bad).success).toBe(false);
  });

  it('bounds the login request', () => {
    expect(LoginRequestSchema.safeParse({ uai: '0869999X', login: 'demo.admin', password: 'x' }).success).toBe(true);
    expect(LoginRequestSchema.safeParse({ uai: '0869999X', login: '', password: 'x' }).success).toBe(false);
    expect(LoginRequestSchema.safeParse({ uai: '0869999X', login: 'a', password: 'x'.repeat(201) }).success).toBe(false);
  });

  it('has a French message for every error code, and a generic one for unknown codes', () => {
    for (const [code, message] of Object.entries(ERROR_MESSAGES)) {
      expect(code).toMatch(/^[a-z]+\.[a-z_]+$/);
      expect(message.length).toBeGreaterThan(10);
    }
    expect(errorMessage('nope.nope')).toBe(ERROR_MESSAGES['common.internal']);
  });
});
