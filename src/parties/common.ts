import { Type } from 'typebox';
import { DomainError, type FieldError } from '../http/errors.js';

/** Today as a calendar day in China (UTC+8), where licences start and end. */
export function todayInChina(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export const Day = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'A calendar day, 2026-05-01',
});

/** A real calendar day (the pattern alone lets 2026-02-30 through). */
export function isCalendarDay(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export const Coordinates = Type.Object(
  {
    lat: Type.Number({ minimum: -90, maximum: 90, description: 'latitude, degrees (WGS-84)' }),
    lng: Type.Number({ minimum: -180, maximum: 180, description: 'longitude, degrees (WGS-84)' }),
  },
  { additionalProperties: false },
);

/** Throws one VALIDATION_FAILED naming every faulty field, when there is any. */
export function refuseIf(errors: FieldError[], message: string): void {
  if (errors.length > 0) throw new DomainError('VALIDATION_FAILED', message, errors);
}

/** The constraint a PostgreSQL unique violation names, when the error is one. */
export function uniqueViolation(error: unknown): string | undefined {
  const e = error as { code?: string; constraint?: string };
  return e?.code === '23505' ? (e.constraint ?? '') : undefined;
}

export const Warnings = Type.Array(Type.Object({ pointer: Type.String(), message: Type.String() }));
