import { forbiddenText } from '../../../src/repair/forbiddenText';

describe('forbiddenText', () => {
  it('names the roles that can grant application permissions and passes on the consent link', () => {
    const text = forbiddenText('grant-application', 'https://login.example/adminconsent');
    expect(text).toContain('Privileged Role Administrator or Global Administrator');
    expect(text).not.toContain('Application Administrator,');
    expect(text).toContain('https://login.example/adminconsent');
  });

  it('lets an Application Administrator be named for delegated grants and registration changes', () => {
    expect(forbiddenText('grant-delegated')).toContain('Application Administrator');
    expect(forbiddenText('add-permissions')).toContain('Application Administrator');
    expect(forbiddenText('create-service-principal')).toContain('enterprise application');
    expect(forbiddenText('grant-delegated')).not.toContain('link');
  });
});
