import type { CheckedRegistration } from '../registrations/registrationService';
import type { StoredRegistration } from '../store/store';
import type { FixRequest } from './fixRequest';
import type { RepairNote } from './repairNote';
import type { RepairPlan } from './repairPlan';

/** A short message for the chat that asked for the repair. */
export interface FixNotice {
  readonly tone: 'good' | 'warning' | 'attention' | 'default';
  readonly title: string;
  readonly text: string;
}

/**
 * What the fix flow shows in Teams, as functions the bot layer implements (cards, proactive
 * sends), so the flow itself knows nothing of Teams.
 */
export interface FixChat {
  /** Shows a new preview for `plan`; `request` is bound to it (its planHash is the new plan's). */
  offerPlan(request: FixRequest, registration: StoredRegistration, plan: RepairPlan, notice: string): Promise<void>;
  /** Replaces the card the fix was asked from with the re-checked status card (and the repair note). */
  showResult(request: FixRequest, checked: CheckedRegistration, note?: RepairNote): Promise<void>;
  /** A new message in the chat that asked. */
  tell(request: FixRequest, notice: FixNotice): Promise<void>;
  /** One short note to each conversation subscribed to the registration's reminders. */
  announce(registration: StoredRegistration, text: string): Promise<void>;
}
