## Autenticación: contraseñas, segundos factores, llaves de acceso, recuperación, dispositivos.

error-password-common = Esta contraseña es demasiado común: aparece en listas de contraseñas filtradas. Elige una frase más larga de palabras sin relación.

audit-action-credential-totp-enrolled = Aplicación de autenticación configurada
audit-action-credential-totp-removed = Aplicación de autenticación eliminada
audit-action-credential-passkey-registered = Llave de acceso registrada
audit-action-credential-passkey-removed = Llave de acceso eliminada
audit-action-credential-recovery-issued = Código de recuperación emitido
audit-action-credential-recovery-used = Inicio de sesión con un código de recuperación
audit-action-credential-recovery-refused = Código de recuperación incorrecto
audit-action-session-revoked = Sesión cerrada
audit-action-ballot-credential-issued = Credencial de voto anónima emitida
audit-action-ballot-trustees-set = Custodios designados
audit-action-ballot-trustee-key-submitted = Clave de custodio presentada
audit-action-ballot-dealing-submitted = Reparto de custodio presentado
audit-action-ballot-election-key-made = Clave de la elección generada
audit-action-ballot-share-revealed = Parte de custodio revelada
audit-action-ballot-record-published = Registro de votación publicado

## Inicio de sesión: reautenticación y el segundo paso.
sign-in-reauth-lead = Por tu seguridad, vuelve a iniciar sesión para confirmar que eres tú.
totp-sign-in-title = Escribe tu código
totp-sign-in-lead = Tu contraseña es correcta. Abre tu aplicación de autenticación y escribe el código que muestra para civis.
totp-sign-in-submit = Continuar
totp-field-code = Código
totp-hint-code = Seis cifras de tu aplicación de autenticación. Cada código sirve una sola vez.
totp-hint-confirm = Las seis cifras que muestra tu aplicación ahora.

## Por qué no se aceptó un código.
totp-error-missing = Escribe el código de tu aplicación de autenticación
totp-error-malformed = Un código tiene seis cifras
totp-error-wrong = Este código es incorrecto o ha caducado. Escribe el código que muestra tu aplicación ahora.
totp-error-replayed = Este código ya se usó. Espera al siguiente código y escríbelo.
totp-error-throttled = Demasiados códigos incorrectos. Vuelve a intentarlo dentro de { $minutes } minutos.
totp-error-not-enrolled = No hay ninguna aplicación de autenticación con la que comprobar este código. Empieza de nuevo.

## Página de métodos de inicio de sesión.
account-security-link = Métodos de inicio de sesión y dispositivos
security-title = Métodos de inicio de sesión
security-lead = Cómo demuestras que eres tú al iniciar sesión. Un segundo factor protege tu cuenta aunque alguien conozca tu contraseña.
security-done-totp-enrolled = Tu aplicación de autenticación está configurada. A partir de ahora, al iniciar sesión se te pedirá un código.
security-done-totp-removed = Se eliminó tu aplicación de autenticación.
security-done-reauth = Confirmaste que eres tú: durante los próximos minutos puedes quitar un método de inicio de sesión.
security-passkey-required = Tu rol ({ $role }) necesita una llave de acceso y esta sesión no se inició con una: hasta entonces solo puedes usar civis como lo haría un residente. Crea una llave de acceso abajo si no tienes ninguna, y luego cierra la sesión e iníciala con ella.
totp-heading = Aplicación de autenticación
totp-enrolled = Hay una aplicación de autenticación configurada: al iniciar sesión con tu contraseña también se te pide un código.
totp-not-enrolled = No hay ninguna aplicación de autenticación configurada.
totp-set-up = Configurar una aplicación de autenticación
totp-remove = Eliminar la aplicación de autenticación
totp-enrol-title = Configurar una aplicación de autenticación
totp-enrol-step-scan = Escanea este código QR con una aplicación de autenticación en tu teléfono.
totp-enrol-qr-alt = Código QR para tu aplicación de autenticación. Si no puedes escanearlo, escribe la clave que aparece debajo.
totp-enrol-step-type = O escribe esta clave en la aplicación:
totp-enrol-step-confirm = Escribe el código que muestra la aplicación para confirmar.
totp-enrol-submit = Confirmar
totp-enrol-secret-once = Una vez confirmada, esta clave no se vuelve a mostrar.

## Verificación adicional.
step-up-title = Confirma que eres tú
step-up-lead = El servicio al que accedes necesita el nivel de garantía «{ $level }». Demuestra que eres tú con un factor más.
step-up-reauth-lead = Para quitar un método de inicio de sesión hace falta haber iniciado sesión hace poco. Demuestra de nuevo que eres tú con tu aplicación de autenticación o una llave de acceso.
step-up-submit = Continuar
step-up-nothing = Aún no tienes ningún segundo factor que dé este nivel. Configura uno y vuelve.
step-up-set-up = Configurar un método de inicio de sesión
step-up-unreachable = Tu cuenta no puede alcanzar este nivel: la forma en que se comprobó tu identidad no lo permite. Acude a una oficina de atención para que la comprueben en persona.
level-low = bajo
level-substantial = sustancial
level-high = alto

## Llaves de acceso.
passkey-heading = Llaves de acceso
passkey-lead = Una llave de acceso te permite iniciar sesión con tu teléfono, ordenador o llave de seguridad y su bloqueo de pantalla (huella, cara o PIN), sin contraseña. No se puede robar con engaños.
passkey-none = Todavía no tienes llaves de acceso.
passkey-caption = { $count ->
    [one] Una llave de acceso
   *[other] { $count } llaves de acceso
}
passkey-registered = Registrada
passkey-last-used = Último uso
passkey-never-used = Sin usar todavía
passkey-actions = Acciones
passkey-remove = Eliminar
passkey-add-heading = Añadir una llave de acceso
passkey-add-button = Crear una llave de acceso
passkey-field-name = Nombre
passkey-hint-name = Para reconocerla más tarde, por ejemplo «Portátil del trabajo».
passkey-no-js = Las llaves de acceso necesitan JavaScript, que está desactivado o no disponible. Puedes iniciar sesión con tu contraseña y un código de una aplicación de autenticación.
passkey-sign-in-heading = Iniciar sesión con una llave de acceso
passkey-sign-in-lead = Sin nombre de usuario ni contraseña: tu dispositivo te pide su bloqueo de pantalla.
passkey-sign-in-button = Iniciar sesión con una llave de acceso
passkey-step-up-heading = Usar una llave de acceso
passkey-step-up-button = Confirmar con una llave de acceso
security-done-passkey-registered = Se creó tu llave de acceso.
security-done-passkey-removed = Se eliminó la llave de acceso.
passkey-error-generic = No se pudo usar la llave de acceso. Inténtalo de nuevo o usa tu contraseña.
passkey-error-ceremony_unknown = Esta solicitud ha caducado o ya se usó. Inténtalo de nuevo.
passkey-error-wrong_origin = La llave de acceso respondió para otro sitio web.
passkey-error-wrong_rp_id = La llave de acceso pertenece a otro sitio web.
passkey-error-bad_signature = La firma de la llave de acceso no es válida.
passkey-error-counter_regressed = Puede que esta llave de acceso se haya copiado: su contador de usos retrocedió. Se rechazó; contacta con nosotros si no lo esperabas.
passkey-error-unknown_credential = Esta llave de acceso no está registrada aquí.
passkey-error-not_verified = Tu dispositivo no comprobó que eres tú (huella, cara o PIN).
passkey-error-already_registered = Esta llave de acceso ya está registrada.
passkey-error-name_missing = Pon un nombre a la llave de acceso
passkey-error-name_too_long = El nombre puede tener como máximo { $max } caracteres
passkey-error-invalid = No se pudo leer la respuesta de la llave de acceso.

## Dispositivos y sesiones.
devices-heading = Dónde tienes la sesión iniciada
devices-lead = Cada navegador o aplicación donde tienes la sesión iniciada. Cierra las que no reconozcas y cambia tu contraseña.
devices-device = Dispositivo
devices-methods = Inicio de sesión con
devices-revoke = Cerrar esta sesión
devices-sign-out-here = Cerrar sesión aquí
device-unknown = Dispositivo desconocido
security-done-session-revoked = Se cerró la sesión.
method-pwd = contraseña
method-otp = código de aplicación de autenticación
method-hwk = llave de acceso
method-rc = código de recuperación

password-heading = Contraseña
password-set = Tu cuenta tiene una contraseña.
password-none = Tu cuenta no tiene contraseña: entras con una llave de acceso.
password-change-link = Cambiar la contraseña
password-set-link = Poner una contraseña
password-title = Cambiar la contraseña
password-lead = Elige una contraseña nueva. Se cerrarán las demás sesiones abiertas con tu cuenta.
password-none-yet = Tu cuenta aún no tiene contraseña: la nueva será la primera.
password-submit = Cambiar la contraseña
password-back = Volver a los métodos de acceso
field-password-current = Contraseña actual
field-password-new = Contraseña nueva
error-password-current-wrong = Falta la contraseña actual o no es correcta
security-done-password-changed = Tu contraseña ha cambiado. Se cerraron las demás sesiones.
