import { describe, expect, it } from 'vitest';
import { passwordStateOf, type PasswordStateColumns } from './password-state.ts';

const base: PasswordStateColumns = { has_no_password: 1, initial_password_kind: null, must_change_password: 0, password_delivery: null, birth_date: '2009-07-01' };

describe('passwordStateOf', () => {
  it('says the birth date while the initial password is the birth date, and none without one', () => {
    expect(passwordStateOf({ ...base, initial_password_kind: 'birthdate_ddmmyyyy', must_change_password: 1 })).toBe('birth_date');
    expect(passwordStateOf({ ...base, initial_password_kind: 'birthdate_iso', must_change_password: 1 })).toBe('birth_date_iso');
    expect(passwordStateOf({ ...base, initial_password_kind: 'birthdate_ddmmyyyy', birth_date: null })).toBe('none');
    expect(passwordStateOf(base)).toBe('none');
  });
  it('says how a temporary password was handed over', () => {
    expect(passwordStateOf({ ...base, initial_password_kind: 'random', must_change_password: 1, password_delivery: 'import' })).toBe('temporary_import');
    expect(passwordStateOf({ ...base, initial_password_kind: 'random', must_change_password: 1, password_delivery: 'letter' })).toBe('temporary_letter');
    expect(passwordStateOf({ ...base, has_no_password: 0, must_change_password: 1, password_delivery: 'mail' })).toBe('temporary_mail');
    expect(passwordStateOf({ ...base, has_no_password: 0, must_change_password: 1, password_delivery: 'screen' })).toBe('temporary_screen');
  });
  it('says chosen once the user has set their own', () => {
    expect(passwordStateOf({ ...base, has_no_password: 0, must_change_password: 0 })).toBe('chosen');
  });
});
