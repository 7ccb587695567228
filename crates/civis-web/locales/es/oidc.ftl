## Proveedor OpenID Connect: acciones de auditoría

audit-action-oidc-client-registered = Servicio cliente registrado
audit-action-oidc-client-changed = Servicio cliente modificado
audit-action-oidc-client-secret-reset = Secreto del servicio cliente sustituido
audit-action-oidc-consent-granted = Consentimiento para compartir datos con un servicio

## Errores de autorización que se muestran y nunca se envían al servicio

oidc-error-title = Esta solicitud de inicio de sesión no se puede usar
oidc-error-missing-client-id = El servicio que te ha enviado aquí no ha dicho quién es. Vuelve al servicio e inténtalo de nuevo, o avisa a sus responsables.
oidc-error-unknown-client = El servicio que te ha enviado aquí no está registrado en civis. Vuelve al servicio y avisa a sus responsables.
oidc-error-missing-redirect-uri = El servicio que te ha enviado aquí no ha dicho adónde devolverte. Vuelve al servicio y avisa a sus responsables.
oidc-error-redirect-uri-mismatch = El servicio ha pedido devolverte a una dirección que no registró. Por tu seguridad no te hemos enviado allí. Vuelve al servicio y avisa a sus responsables.
oidc-error-repeated = La solicitud indica dos veces su servicio o su dirección de vuelta. Por tu seguridad no se ha usado. Vuelve al servicio e inténtalo de nuevo.

## Consentimiento

oidc-consent-title = ¿Compartir tus datos con { $service }?
oidc-consent-intro = { $service } pide conocer:
oidc-consent-remember = civis recuerda tu respuesta para este servicio. No recibe nada hasta que lo permitas.
oidc-consent-allow = Permitir
oidc-consent-deny = No permitir
oidc-claim-sub-pairwise = Un identificador tuyo que solo ve este servicio
oidc-claim-sub-public = Tu identificador público, que también ven otros servicios públicos
oidc-claim-authentication = Cuándo y cómo iniciaste sesión, y cuánta seguridad tiene civis de que eres tú (nivel de garantía)
oidc-claim-name = Tu nombre y tu nombre de usuario
oidc-claim-register-profile = Si tu cuenta está vinculada al padrón: tu nombre de pila, tus apellidos y tu fecha de nacimiento
oidc-claim-address = Tu dirección en el padrón
oidc-claim-offline = Mantener este acceso mientras no estás, hasta que lo retires
