## Proveedor OpenID Connect: acciones de auditoría

audit-action-oidc-client-registered = Servicio cliente registrado
audit-action-oidc-client-changed = Servicio cliente modificado
audit-action-oidc-client-secret-reset = Secreto del servicio cliente sustituido
audit-action-oidc-consent-granted = Consentimiento para compartir datos con un servicio
audit-action-oidc-claims-released = Datos del padrón entregados a un servicio

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


## Continuar al servicio (después de un formulario del proveedor)

oidc-continue-title = Continuar a { $service }
oidc-continue-signed-in = Has iniciado sesión. { $service } recibe solo lo que permitiste.
oidc-continue-link = Continuar a { $service }
oidc-continue-return-title = Volver a { $service }
oidc-continue-refused = { $service } no recibió acceso a tus datos.
oidc-continue-return-link = Volver a { $service }

## Administración de servicios cliente

nav-oidc-clients = Servicios
oidc-clients-title = Servicios que usan el inicio de sesión de civis
oidc-clients-none = Todavía no hay ningún servicio registrado.
oidc-clients-caption = Servicios registrados
oidc-clients-register-heading = Registrar un servicio
oidc-clients-register-submit = Registrar el servicio
oidc-clients-back = Todos los servicios
oidc-clients-registered = El servicio está registrado.
oidc-clients-saved = Los cambios se han guardado.
oidc-clients-secret-replaced = Se ha emitido un secreto nuevo. El anterior ya no funciona.
oidc-client-title = Servicio { $id }
oidc-client-secret-heading = Secreto del cliente
oidc-client-secret-once = Cópialo ahora y entrégalo a los responsables del servicio: solo se muestra esta vez.
oidc-client-save = Guardar los cambios
oidc-client-new-secret-heading = Secreto nuevo
oidc-client-new-secret-text = Si el secreto se ha perdido o puede que otros lo conozcan, emite uno nuevo. El anterior deja de funcionar de inmediato.
oidc-client-new-secret = Emitir un secreto nuevo
oidc-clients-field-client-id = Identificador del cliente
oidc-clients-hint-client-id = De 3 a 64 caracteres: letras minúsculas a-z, cifras, guion, guion bajo y punto. No se puede cambiar después.
oidc-clients-field-name = Nombre
oidc-clients-hint-name = Los residentes ven este nombre cuando se les pide compartir sus datos.
oidc-clients-field-redirect-uris = URI de redirección
oidc-clients-hint-redirect-uris = Una por línea, comparadas exactamente. Usa https (http solo para localhost).
oidc-clients-field-scopes = Qué puede pedir el servicio, además de quién es el residente
oidc-clients-field-level = Nivel de garantía mínimo
oidc-clients-field-subject = Identificador que ve el servicio
oidc-clients-field-kind = Tipo
oidc-clients-field-sector = Identificador de sector (opcional)
oidc-clients-hint-sector = Los servicios con el mismo identificador de sector ven el mismo identificador de un residente. Déjalo vacío para que este servicio tenga el suyo propio.
oidc-clients-scope-profile = Nombre y nombre de usuario, y nombres y fecha de nacimiento del padrón
oidc-clients-scope-address = Dirección del padrón
oidc-clients-scope-offline-access = Acceso mientras el residente no está (tokens de actualización)
oidc-clients-level-low = Bajo
oidc-clients-level-substantial = Sustancial
oidc-clients-level-high = Alto
oidc-clients-subject-pairwise = Un identificador propio para cada residente
oidc-clients-subject-public = El identificador público del residente
oidc-clients-kind-confidential = Un servidor con secreto
oidc-clients-kind-public = Una aplicación sin secreto (solo PKCE)
oidc-clients-field-alg = Cómo se firman los tokens de identidad
oidc-clients-alg-rs256 = RS256 (RSA; todo servicio OpenID Connect lo acepta)
oidc-clients-alg-es256 = ES256 (curva elíptica P-256; más pequeño y rápido)
oidc-clients-problem-client-id-length = El identificador del cliente debe tener de 3 a 64 caracteres.
oidc-clients-problem-client-id-characters = El identificador del cliente solo puede usar letras minúsculas a-z, cifras, guion, guion bajo y punto.
oidc-clients-problem-taken = Ya hay un servicio registrado con este identificador.
oidc-clients-problem-name-empty = Escribe el nombre del servicio.
oidc-clients-problem-name-invalid = El nombre debe tener como máximo 100 caracteres, sin caracteres de control.
oidc-clients-problem-redirect-uris-empty = Escribe al menos una URI de redirección.
oidc-clients-problem-redirect-uris-too-many = Escribe como máximo 10 URI de redirección.
oidc-clients-problem-redirect-uri-invalid = Cada URI de redirección debe ser una dirección completa, como https://servicio.example.org/callback, de 512 caracteres como máximo.
oidc-clients-problem-redirect-uri-fragment = Una URI de redirección no puede contener una parte con #.
oidc-clients-problem-redirect-uri-insecure = Una URI de redirección debe usar https; http solo se permite para localhost, 127.0.0.1 o [::1].
oidc-clients-problem-redirect-uri-duplicate = La misma URI de redirección aparece dos veces.
oidc-clients-problem-scope-unknown = Elige solo entre las opciones de la lista.
oidc-clients-problem-level-unknown = Elige uno de los niveles de la lista.
oidc-clients-problem-subject-type-unknown = Elige uno de los identificadores de la lista.
oidc-clients-problem-kind-unknown = Elige uno de los tipos de la lista.
oidc-clients-problem-sector-invalid = El identificador de sector debe tener como máximo 200 caracteres, sin espacios.
oidc-clients-problem-id-token-alg-unknown = Elige uno de los algoritmos de firma de la lista.
