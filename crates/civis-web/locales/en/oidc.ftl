## OpenID Connect provider: audit actions

audit-action-oidc-client-registered = Client service registered
audit-action-oidc-client-changed = Client service changed
audit-action-oidc-client-secret-reset = Client service secret replaced
audit-action-oidc-consent-granted = Consent to share data with a service
