// Azure resources for the Connector Consent Bot (env "dev" and other cloud environments):
// a Linux App Service plan and a Node 20 web app that runs `npm start`.
// The bot registration itself is made by botFramework/create in teamsapp.yml.

@maxLength(20)
@minLength(4)
@description('Used to generate names for all resources in this file')
param resourceBaseName string

@description('App Service plan SKU; B1 keeps "Always On" available, which the reminder sweep needs')
param webAppSKU string = 'B1'

param location string = resourceGroup().location

param botAadAppClientId string

@secure()
param botAadAppClientSecret string

@allowed([ 'MultiTenant', 'SingleTenant' ])
param botType string = 'MultiTenant'

param botTenantId string = ''

@secure()
@description('32 random bytes, base64: seals the client secrets the bot stores')
param secretEncryptionKey string

@allowed([ 'public', 'usgov', 'china' ])
param azureCloud string = 'public'

param allowedTenants string = ''
param allowedUsers string = ''
param reminderDays string = '30,14,7,3,1,0'

var serverfarmsName = resourceBaseName
var webAppName = resourceBaseName

resource serverfarm 'Microsoft.Web/serverfarms@2022-09-01' = {
  kind: 'app,linux'
  location: location
  name: serverfarmsName
  sku: {
    name: webAppSKU
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2022-09-01' = {
  kind: 'app,linux'
  location: location
  name: webAppName
  properties: {
    serverFarmId: serverfarm.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      alwaysOn: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appCommandLine: 'npm start'
      healthCheckPath: '/healthz'
      appSettings: [
        { name: 'NODE_ENV', value: 'production' }
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
        { name: 'WEBSITES_ENABLE_APP_SERVICE_STORAGE', value: 'true' }
        { name: 'BOT_ID', value: botAadAppClientId }
        { name: 'BOT_PASSWORD', value: botAadAppClientSecret }
        { name: 'BOT_TYPE', value: botType }
        { name: 'BOT_TENANT_ID', value: botTenantId }
        { name: 'PUBLIC_URL', value: 'https://${webAppName}.azurewebsites.net' }
        { name: 'DATA_DIR', value: '/home/data' }
        { name: 'SECRET_ENCRYPTION_KEY', value: secretEncryptionKey }
        { name: 'AZURE_CLOUD', value: azureCloud }
        { name: 'ALLOWED_TENANTS', value: allowedTenants }
        { name: 'ALLOWED_USERS', value: allowedUsers }
        { name: 'REMINDER_DAYS', value: reminderDays }
      ]
    }
  }
}

// Read by teamsapp.yml through env/.env.<env> (arm/deploy writes outputs in upper case).
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
