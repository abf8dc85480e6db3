import { PRODUCT_NAME } from '../../../src/cards/productName';
import { startAgentsPlayground, type RunningPlayground } from '../../../tools/playground/agentsPlayground';

/**
 * The Agents Playground shows the bot under the product name (not its default "Test Bot"), so
 * "@Connector Consent Bot remind here" can be typed in its channels as the README says.
 */
describe('Agents Playground bot name', () => {
  let playground: RunningPlayground | undefined;
  afterAll(async () => {
    await playground?.stop();
  });

  it('the playground starts with our configuration and names the bot "Connector Consent Bot"', async () => {
    playground = await startAgentsPlayground({ botEndpoint: 'http://127.0.0.1:9/api/messages', port: 0 });
    const response = await fetch(new URL('/_internal/v1/config', playground.url));
    expect(response.ok).toBe(true);
    const config = JSON.stringify(await response.json());
    expect(config).toContain(`"name":"${PRODUCT_NAME}"`);
    expect(config).not.toContain('Test Bot');
  }, 90_000);
});
