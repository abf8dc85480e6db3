import type { TextColor } from './cardTypes';

/** How urgent a secret-expiry reminder is; drives colour, icon and word on the card. */
export type ReminderSeverity = 'info' | 'warning' | 'critical' | 'expired';

export const SEVERITY_LOOK: Record<ReminderSeverity, { word: string; icon: string; color: TextColor }> = {
  info: { word: 'Reminder', icon: '🔔', color: 'Accent' },
  warning: { word: 'Warning', icon: '⚠️', color: 'Default' },
  critical: { word: 'Urgent', icon: '🔴', color: 'Default' },
  expired: { word: 'Expired', icon: '⛔', color: 'Default' },
};

/**
 * The default mapping from days left (report semantics: whole days, negative once expired):
 * more than 7 days info, 2 to 7 warning, 0 or 1 critical, below 0 expired. The schedule
 * may pass its own severity instead.
 */
export function severityForDaysLeft(daysLeft: number): ReminderSeverity {
  if (daysLeft < 0) return 'expired';
  if (daysLeft <= 1) return 'critical';
  if (daysLeft <= 7) return 'warning';
  return 'info';
}
