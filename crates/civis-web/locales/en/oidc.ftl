## OpenID Connect provider: audit actions

audit-action-oidc-client-registered = Client service registered
audit-action-oidc-client-changed = Client service changed
audit-action-oidc-client-secret-reset = Client service secret replaced
audit-action-oidc-consent-granted = Consent to share data with a service

## Authorization errors that are shown, never sent to the service

oidc-error-title = This sign-in request cannot be used
oidc-error-missing-client-id = The service that sent you here did not say who it is. Go back to the service and try again, or tell its operators.
oidc-error-unknown-client = The service that sent you here is not registered with civis. Go back to the service and tell its operators.
oidc-error-missing-redirect-uri = The service that sent you here did not say where to send you back. Go back to the service and tell its operators.
oidc-error-redirect-uri-mismatch = The service asked to send you back to an address it did not register. For your safety you were not sent there. Go back to the service and tell its operators.
oidc-error-repeated = The request names its service or return address twice. For your safety it was not used. Go back to the service and try again.

## Consent

oidc-consent-title = Share your details with { $service }?
oidc-consent-intro = { $service } asks to know:
oidc-consent-remember = civis remembers your answer for this service. It learns nothing until you allow it.
oidc-consent-allow = Allow
oidc-consent-deny = Do not allow
oidc-claim-sub-pairwise = An identifier for you that only this service sees
oidc-claim-sub-public = Your public identifier, which other public services also see
oidc-claim-authentication = When and how you signed in, and how sure civis is that it is you (level of assurance)
oidc-claim-name = Your name and username
oidc-claim-register-profile = If your account is linked to the resident register: your given name, family name and date of birth
oidc-claim-address = Your address in the resident register
oidc-claim-offline = Keep this access while you are away, until you withdraw it
