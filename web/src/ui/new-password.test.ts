import { describe, expect, it } from 'vitest';
import { checkNewPassword } from './new-password.ts';

describe('checkNewPassword', () => {
  it('asks for both fields', () => {
    expect(checkNewPassword('', '')).toEqual({
      next: 'Saisissez un nouveau mot de passe.',
      confirm: 'Saisissez une seconde fois le nouveau mot de passe.',
    });
  });

  it('applies the policy, then compares the confirmation', () => {
    expect(checkNewPassword('court', 'court').next).toMatch(/au moins 8 caractères/);
    expect(checkNewPassword('assez-long-42', 'autre-chose')).toEqual({ confirm: 'Les deux mots de passe ne sont pas identiques.' });
    expect(checkNewPassword('assez-long-42', 'assez-long-42')).toEqual({});
  });
});
