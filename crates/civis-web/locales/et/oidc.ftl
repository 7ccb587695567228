## OpenID Connecti teenus: auditilogi toimingud

audit-action-oidc-client-registered = Kliendirakendus registreeritud
audit-action-oidc-client-changed = Kliendirakendust muudetud
audit-action-oidc-client-secret-reset = Kliendirakenduse saladus vahetatud
audit-action-oidc-consent-granted = Nõusolek andmete jagamiseks teenusega
