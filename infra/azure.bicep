// Azure resources for the Connector Consent Bot (env "dev" and other cloud environments):
// a Linux App Service (Node 24 LTS) running `npm start`, a user-assigned managed identity,
// a Storage account reached with that identity (STORE=azure, no account key anywhere), and a
// Key Vault holding the sealing key and the bot password, read by App Service as Key Vault
// references. Several instances can share this deployment (see docs/deployment.md).
//
// Bot identity (BOT_TYPE):
// - SingleTenant (default): teamsapp.yml's botAadApp/create makes the Entra app and its
//   secret, botFramework/create registers the single-tenant bot.
// - UserAssignedMsi: the managed identity below is the bot; this file registers the Azure Bot
//   (as the Microsoft 365 Agents Toolkit's Azure bot templates do) and no secret exists.

@maxLength(20)
@minLength(4)
@description('Used to generate names for all resources in this file')
param resourceBaseName string

@description('App Service plan SKU; B1 keeps "Always On" available, which the reminder sweep needs')
param webAppSKU string = 'B1'

param location string = resourceGroup().location

@allowed([ 'SingleTenant', 'UserAssignedMsi', 'MultiTenant' ])
param botType string = 'SingleTenant'

@description('SingleTenant/MultiTenant: the Entra app made by botAadApp/create. Ignored for UserAssignedMsi.')
param botAadAppClientId string = ''

@secure()
@description('SingleTenant/MultiTenant: its client secret. Ignored for UserAssignedMsi.')
param botAadAppClientSecret string = ''

@description('The tenant of the bot identity (SingleTenant); UserAssignedMsi uses the identity\'s tenant')
param botTenantId string = tenant().tenantId

@maxLength(42)
param botDisplayName string = 'Connector Consent Bot'

@secure()
@description('64 hex characters (32 bytes), generated once by teamsapp.yml at provision: seals the client secrets the bot stores')
param secretEncryptionKey string

@allowed([ 'public', 'usgov', 'china' ])
param azureCloud string = 'public'

param allowedTenants string = ''
param allowedUsers string = ''
param reminderDays string = '30,14,7,3,1,0'

var useMsi = botType == 'UserAssignedMsi'
// Storage and Key Vault names: 3-24 lower-case letters and digits, unique per resource group.
var uniqueName = toLower('${take(replace(resourceBaseName, '-', ''), 11)}${uniqueString(resourceGroup().id, resourceBaseName)}')
// Built-in roles: Storage Table Data Contributor, Key Vault Secrets User.
var tableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  location: location
  name: resourceBaseName
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: take(uniqueName, 24)
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false // Entra ID (managed identity) only: there is no key to leak
  }
}

resource storageRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, identity.id, tableDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', tableDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: take('kv${uniqueName}', 24)
  location: location
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true // a deleted sealing key can be recovered for 90 days
  }
}

resource vaultRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, identity.id, keyVaultSecretsUser)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource sealingKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'secret-encryption-key'
  properties: { value: secretEncryptionKey, contentType: 'hex, 32 bytes' }
}

resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!useMsi) {
  parent: vault
  name: 'bot-password'
  properties: { value: botAadAppClientSecret }
}

resource serverfarm 'Microsoft.Web/serverfarms@2022-09-01' = {
  kind: 'app,linux'
  location: location
  name: resourceBaseName
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
  name: resourceBaseName
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: serverfarm.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|24-lts'
      alwaysOn: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appCommandLine: 'npm start'
      healthCheckPath: '/healthz'
    }
  }
}

// A child resource, so PUBLIC_URL can come from the site's own defaultHostName (national
// clouds use *.azurewebsites.us or *.chinacloudsites.cn).
resource appSettings 'Microsoft.Web/sites/config@2022-09-01' = {
  parent: webApp
  name: 'appsettings'
  dependsOn: [ storageRole, vaultRole ]
  properties: {
    NODE_ENV: 'production'
    SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
    BOT_ID: useMsi ? identity.properties.clientId : botAadAppClientId
    BOT_PASSWORD: useMsi ? '' : '@Microsoft.KeyVault(SecretUri=${botPasswordSecret.properties.secretUri})'
    BOT_TYPE: botType
    BOT_TENANT_ID: useMsi ? identity.properties.tenantId : botTenantId
    // DefaultAzureCredential signs in to Storage as this user-assigned identity.
    AZURE_CLIENT_ID: identity.properties.clientId
    STORE: 'azure'
    AZURE_STORAGE_ACCOUNT_URL: storage.properties.primaryEndpoints.table
    SECRET_ENCRYPTION_KEY: '@Microsoft.KeyVault(SecretUri=${sealingKeySecret.properties.secretUri})'
    PUBLIC_URL: 'https://${webApp.properties.defaultHostName}'
    AZURE_CLOUD: azureCloud
    ALLOWED_TENANTS: allowedTenants
    ALLOWED_USERS: allowedUsers
    REMINDER_DAYS: reminderDays
  }
}

// UserAssignedMsi: the Azure Bot is registered here with the managed identity.
resource azureBot 'Microsoft.BotService/botServices@2022-09-15' = if (useMsi) {
  name: resourceBaseName
  location: 'global'
  kind: 'azurebot'
  sku: { name: 'F0' }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
    msaAppType: 'UserAssignedMSI'
  }
}

resource azureBotTeams 'Microsoft.BotService/botServices/channels@2022-09-15' = if (useMsi) {
  parent: azureBot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

// Read by teamsapp.yml through env/.env.<env> (arm/deploy writes outputs in upper case).
// UserAssignedMsi: the identity is the bot, so the manifest's botId comes from here.
output BOT_ID string = useMsi ? identity.properties.clientId : botAadAppClientId
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output AZURE_STORAGE_ACCOUNT_URL string = storage.properties.primaryEndpoints.table
output KEY_VAULT_NAME string = vault.name
