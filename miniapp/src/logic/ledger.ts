/**
 * 重点客户 / 特殊需求台账: the filters and the query for GET /api/households/ledger, and how a contact reads. Pure.
 */
import type { EmergencyContact } from '../services/types';

export interface LedgerFilters {
  /** A key-customer reason code, or '' for all. */
  reason: string;
  specialNeeds: boolean;
  q: string;
}

export function ledgerPath(f: LedgerFilters): string {
  const parts: string[] = [];
  if (f.reason) parts.push(`reason=${encodeURIComponent(f.reason)}`);
  if (f.specialNeeds) parts.push('specialNeeds=true');
  if (f.q.trim()) parts.push(`q=${encodeURIComponent(f.q.trim())}`);
  return `/api/households/ledger${parts.length ? `?${parts.join('&')}` : ''}`;
}

/** "何小军（儿子）" */
export function contactName(c: EmergencyContact): string {
  return `${c.name}${c.relation ? `（${c.relation}）` : ''}`;
}

/** The number to dial: digits and a leading +, nothing else. */
export function dialNumber(phone: string): string {
  return phone.replace(/[^\d+]/g, '');
}
