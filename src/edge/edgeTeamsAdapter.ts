import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';
import type { BotAuthSettings } from '../bot/botAuthSettings';

/**
 * Where the Bot Framework's OpenID keys are read. Tests point it at a local stand-in so
 * production-mode token validation runs without reaching login.botframework.com; the other
 * values are the public cloud's, as botbuilder uses them by default.
 */
function openIdSettings(openIdMetadataUrl: string | undefined): Record<string, string | boolean> {
  if (!openIdMetadataUrl) return {};
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: openIdMetadataUrl,
    CallerId: 'urn:botframework:azure',
  };
}

/**
 * The TeamsAdapter with its authentication step callable on its own, so the HTTP edge can
 * authenticate first (any failure is a 401 with a generic body, never the library's 500 with
 * its error text) and then run the turn with the result.
 */
export class EdgeTeamsAdapter extends TeamsAdapter {
  constructor(settings: BotAuthSettings, openIdMetadataUrl?: string) {
    super({ ...settings, ...openIdSettings(openIdMetadataUrl) });
  }

  /** Validates the Authorization header for this activity (a no-op in local mode). */
  authenticate(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
  }

  /** Runs the turn for an activity `authenticate` accepted; resolves the invoke response, if any. */
  runAuthenticated(
    auth: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}
