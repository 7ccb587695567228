## Proveedor OpenID Connect: acciones de auditoría

audit-action-oidc-client-registered = Servicio cliente registrado
audit-action-oidc-client-changed = Servicio cliente modificado
audit-action-oidc-client-secret-reset = Secreto del servicio cliente sustituido
audit-action-oidc-consent-granted = Consentimiento para compartir datos con un servicio
