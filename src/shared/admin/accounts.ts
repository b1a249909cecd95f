import { z } from 'zod';
import type { Role } from '../api/auth';
import { problem, type Problem } from '../problems/problem';
import { problemTextVi } from '../problems/text-vi';
import { visibleLine } from '../schema/common';
import { fieldText } from '../problems/field-text';

/** Usernames: what people type on a phone, case-folded so "DT3" and "dt3" are one account. */
export const USERNAME_PATTERN = /^[a-z0-9._-]{3,64}$/;
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

export const usernameSchema = z.string().trim().toLowerCase().regex(USERNAME_PATTERN, fieldText('username'));

export const displayNameSchema = visibleLine(
  z
    .string()
    .trim()
    .min(1, fieldText('displayName'))
    .max(120, fieldText('nameTooLong', { max: 120 })),
);

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, fieldText('passwordShort', { min: MIN_PASSWORD_LENGTH }))
  .max(MAX_PASSWORD_LENGTH, fieldText('passwordLong', { max: MAX_PASSWORD_LENGTH }));

/** Roles bound to one unit: a coordinator sees that unit's progress, unit staff enter its self-assessment. */
export const ROLES_WITH_UNIT: readonly Role[] = ['coordinator', 'staff'];

/** The roles in Vietnamese (the Vietnamese catalogue's names of them). */
export const ROLE_LABELS: Readonly<Record<Role, string>> = problemTextVi.roles;

/**
 * What a role says about a unit: coordinators and unit staff need one; nobody else has one (a surveyor's units are
 * their assignments). Undefined when the pair is fine, otherwise the problem ('accounts.unit-needed',
 * 'accounts.surveyor-no-unit', 'accounts.no-unit').
 */
export function unitRule(role: Role, unitId: string | null | undefined): Problem | undefined {
  const needs = ROLES_WITH_UNIT.includes(role);
  if (needs && !unitId) return problem('accounts.unit-needed', { role });
  if (!needs && unitId) return role === 'surveyor' ? problem('accounts.surveyor-no-unit') : problem('accounts.no-unit', { role });
  return undefined;
}

/**
 * Text folded for matching what people type in a sheet: no diacritics, đ → d, lower case, letters and digits
 * only. "Điều tra viên", "dieu tra vien" and "ĐIỀU-TRA-VIÊN" all fold to "dieutravien".
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const ROLE_WORDS: Record<Role, string[]> = {
  admin: ['admin', 'quantri', 'quantrivien', 'sonoivu', 'quantrisonoivu'],
  coordinator: ['coordinator', 'daumoi', 'daumoicchc', 'daumoicaicachhanhchinh'],
  surveyor: ['surveyor', 'dieutravien', 'dtv'],
  council: ['council', 'hoidong', 'hoidongthamdinh', 'thanhvienhoidong', 'thanhvienhoidongthamdinh'],
  staff: ['staff', 'canbo', 'canbodonvi'],
};
const ROLE_BY_WORD = new Map(
  Object.entries(ROLE_WORDS).flatMap(([role, words]) => [...words, foldText(ROLE_LABELS[role as Role])].map((w) => [w, role as Role])),
);

/** A role from its code ("surveyor") or its Vietnamese label ("Điều tra viên"), whatever the case or accents. */
export function parseRoleLabel(text: string): Role | undefined {
  return ROLE_BY_WORD.get(foldText(text));
}
