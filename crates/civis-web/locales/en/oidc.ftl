## OpenID Connect provider: audit actions

audit-action-oidc-client-registered = Client service registered
audit-action-oidc-client-changed = Client service changed
audit-action-oidc-client-secret-reset = Client service secret replaced
audit-action-oidc-consent-granted = Consent to share data with a service
audit-action-oidc-claims-released = Register details given to a service

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


## Continue to the service (after a form of the provider)

oidc-continue-title = Continue to { $service }
oidc-continue-signed-in = You are signed in. { $service } receives only what you allowed.
oidc-continue-link = Continue to { $service }
oidc-continue-return-title = Return to { $service }
oidc-continue-refused = { $service } was not given access to your details.
oidc-continue-return-link = Return to { $service }

## Administration of client services

nav-oidc-clients = Services
oidc-clients-title = Services that use civis sign-in
oidc-clients-none = No service is registered yet.
oidc-clients-caption = Registered services
oidc-clients-register-heading = Register a service
oidc-clients-register-submit = Register the service
oidc-clients-back = All services
oidc-clients-registered = The service is registered.
oidc-clients-saved = The changes are saved.
oidc-clients-secret-replaced = A new secret was issued. The old one no longer works.
oidc-client-title = Service { $id }
oidc-client-secret-heading = Client secret
oidc-client-secret-once = Copy it now and give it to the service's operators: it is shown only this once.
oidc-client-save = Save the changes
oidc-client-new-secret-heading = New secret
oidc-client-new-secret-text = If the secret was lost or may be known to others, issue a new one. The old one stops working at once.
oidc-client-new-secret = Issue a new secret
oidc-clients-field-client-id = Client id
oidc-clients-hint-client-id = 3 to 64 characters: lower-case letters a-z, digits, hyphen, underscore, dot. It cannot change later.
oidc-clients-field-name = Name
oidc-clients-hint-name = Residents see this name when they are asked to share their details.
oidc-clients-field-redirect-uris = Redirect URIs
oidc-clients-hint-redirect-uris = One per line, matched exactly. Use https (http only for localhost).
oidc-clients-field-scopes = What the service may ask for, besides who the resident is
oidc-clients-field-level = Lowest level of assurance
oidc-clients-field-subject = Identifier the service sees
oidc-clients-field-kind = Kind
oidc-clients-field-sector = Sector identifier (optional)
oidc-clients-hint-sector = Services with the same sector identifier see the same identifier for a resident. Leave empty to give this service its own.
oidc-clients-scope-profile = Name and username, and names and birth date from the register
oidc-clients-scope-address = Address from the register
oidc-clients-scope-offline-access = Access while the resident is away (refresh tokens)
oidc-clients-level-low = Low
oidc-clients-level-substantial = Substantial
oidc-clients-level-high = High
oidc-clients-subject-pairwise = Its own identifier for each resident
oidc-clients-subject-public = The resident's public identifier
oidc-clients-kind-confidential = A server with a secret
oidc-clients-kind-public = An app without a secret (PKCE only)
oidc-clients-field-alg = How ID tokens are signed
oidc-clients-alg-rs256 = RS256 (RSA; every OpenID Connect service accepts it)
oidc-clients-alg-es256 = ES256 (elliptic curve P-256; smaller and faster)
oidc-clients-problem-client-id-length = The client id must be 3 to 64 characters long.
oidc-clients-problem-client-id-characters = The client id may use only lower-case letters a-z, digits, hyphen, underscore and dot.
oidc-clients-problem-taken = A service with this client id is already registered.
oidc-clients-problem-name-empty = Enter the service's name.
oidc-clients-problem-name-invalid = The name must be at most 100 characters, without control characters.
oidc-clients-problem-redirect-uris-empty = Enter at least one redirect URI.
oidc-clients-problem-redirect-uris-too-many = Enter at most 10 redirect URIs.
oidc-clients-problem-redirect-uri-invalid = Each redirect URI must be a full address, such as https://service.example.org/callback, of at most 512 characters.
oidc-clients-problem-redirect-uri-fragment = A redirect URI must not contain a # part.
oidc-clients-problem-redirect-uri-insecure = A redirect URI must use https; http is allowed only for localhost, 127.0.0.1 or [::1].
oidc-clients-problem-redirect-uri-duplicate = The same redirect URI is listed twice.
oidc-clients-problem-scope-unknown = Choose only the listed options.
oidc-clients-problem-level-unknown = Choose one of the listed levels.
oidc-clients-problem-subject-type-unknown = Choose one of the listed identifiers.
oidc-clients-problem-kind-unknown = Choose one of the listed kinds.
oidc-clients-problem-sector-invalid = The sector identifier must be at most 200 characters, without spaces.
oidc-clients-problem-id-token-alg-unknown = Choose one of the listed signing algorithms.
