## Padrón de residentes: acciones de auditoría

audit-action-register-imported = Archivo del padrón importado
audit-action-register-record-read = Registro del padrón consultado
audit-action-register-permission-granted = Permiso sobre el padrón concedido
audit-action-register-permission-revoked = Permiso sobre el padrón retirado

## Navegación

nav-register = Padrón
nav-register-grants = Permisos del padrón

## La página del padrón

register-title = Padrón de residentes
register-counts = El padrón tiene { $records } registros, { $active } de ellos activos.
register-personal-data = El padrón contiene datos personales. Cada registro que abra queda anotado con su nombre y la finalidad que indique.
register-search-heading = Buscar un registro
register-field-personal-code = Código personal
register-hint-personal-code = 11 cifras, por ejemplo 37605030299.
register-field-purpose = ¿Por qué necesita ver este registro?
register-field-purpose-text = Finalidad con sus palabras
register-hint-purpose-text = Obligatoria si elige «Otro motivo». Como máximo 200 caracteres.
register-search-submit = Mostrar el registro
register-not-found = Ningún registro tiene este código personal. La búsqueda quedó anotada.
register-purpose-enrolment = Dar de alta al residente (comprobación de identidad, carta de activación)
register-purpose-resident-request = El residente preguntó por su propio registro
register-purpose-eligibility = Comprobar quién puede participar en un proceso
register-purpose-correction = Corregir el padrón
register-purpose-other = Otro motivo
register-purpose-missing = Elija por qué necesita ver este registro.
register-purpose-missing-text = Explique en pocas palabras por qué necesita ver este registro.
register-purpose-bad-text = La finalidad debe ser texto sin formato de 200 caracteres como máximo.
register-purpose-unknown = Elija una de las finalidades de la lista.

## Importación

register-import-heading = Importar un archivo del padrón
register-import-intro = El archivo es el padrón completo en su fecha de efecto. Los códigos nuevos crean registros; las líneas con cambios crean versiones nuevas desde esa fecha; si falta un registro activo, la importación se detiene (inclúyalo con estado deceased o left). No se importa nada si alguna línea tiene un problema.
register-field-effective-date = Fecha de efecto
register-hint-effective-date = La fecha que describe el archivo, con el formato AAAA-MM-DD. No anterior a la de la última importación.
register-field-file = Archivo del padrón (CSV)
register-hint-file = CSV en UTF-8 con las columnas personal_code, given_name, family_name, birth_date, address, district y, si quiere, phone y status.
register-import-submit = Importar
register-file-missing = Elija el archivo CSV que quiere importar.
register-file-not-utf8 = El archivo no es texto UTF-8. Guárdelo como CSV UTF-8 y vuelva a intentarlo.
register-file-problems = { $count ->
    [one] El archivo tiene un problema; no se importó nada. Aparece debajo del campo.
   *[other] El archivo tiene { $count } problemas; no se importó nada. Aparecen debajo del campo.
}
register-effective-date-invalid = Escriba la fecha de efecto como AAAA-MM-DD, por ejemplo 2026-11-01.
register-imported = Se importó el padrón del { $date }: { $records } registros, { $created } nuevos, { $changed } modificados, { $unchanged } sin cambios.
register-report-caption = Problemas del archivo
register-report-line = Línea
register-report-field = Columna
register-report-reason = Problema
register-imports-caption = Últimas importaciones
register-imports-date = Fecha de efecto
register-imports-records = Registros
register-imports-created = Nuevos
register-imports-changed = Modificados
register-imports-unchanged = Sin cambios

## Problemas de importación

register-problem-empty = El archivo está vacío: necesita una línea de cabecera y registros.
register-problem-unclosed-quote = Un campo entre comillas no se cierra.
register-problem-after-quote = Hay texto después de unas comillas de cierre; las comillas dentro de un campo se escriben dobles.
register-problem-missing-column = Falta esta columna obligatoria en la cabecera.
register-problem-unknown-column = El padrón no tiene esta columna.
register-problem-repeated-column = Esta columna aparece dos veces en la cabecera.
register-problem-field-count = La línea tiene { $found } campos; la cabecera tiene { $expected }.
register-problem-required = Este campo está vacío.
register-problem-too-long = Tiene más de { $max } caracteres.
register-problem-control = Contiene caracteres de control.
register-problem-code-format = Un código personal tiene 11 cifras.
register-problem-code-century = Un código personal empieza por una cifra del 1 al 8.
register-problem-code-birth-date = Las cifras 2 a 7 del código personal no son una fecha de nacimiento real.
register-problem-code-checksum = La cifra de control del código personal no cuadra: hay una cifra mal escrita.
register-problem-date-format = No es una fecha con el formato AAAA-MM-DD.
register-problem-birth-date-mismatch = Según el código personal, la fecha de nacimiento es { $date }.
register-problem-status = El estado debe ser active, deceased o left.
register-problem-phone = Un teléfono es + seguido de 8 a 15 cifras.
register-problem-duplicate = Este código personal también está en la línea { $line }.
register-problem-no-records = El archivo tiene cabecera pero ningún registro.
register-problem-before-last-import = La fecha de efecto es anterior a la de la última importación, { $date }.
register-problem-version-exists = Este registro ya tiene otra versión con la fecha de efecto; importe el cambio con una fecha posterior.
register-problem-missing-active = El registro activo { $code } no está en el archivo. Inclúyalo con estado deceased o left para darlo de baja.

## Un registro

register-purpose-title = ¿Por qué necesita ver este registro?
register-purpose-intro = El padrón contiene datos personales. Su consulta queda anotada con la finalidad que indique aquí.
register-purpose-submit = Mostrar el registro
register-back = Volver al padrón
register-record-title = Registro del padrón { $code }
register-read-recorded = Esta consulta quedó anotada: { $purpose }.
register-versions-caption = Versiones, de la más reciente a la más antigua
register-version-valid-from = Válida desde
register-version-name = Nombre
register-version-birth-date = Fecha de nacimiento
register-version-address = Dirección
register-version-district = Distrito
register-version-phone = Teléfono
register-version-status = Estado
register-record-link = Consultar de nuevo este registro con otra finalidad
register-status-active = Activo
register-status-deceased = Fallecido
register-status-left = Se fue de la ciudad

## Permisos

register-grants-title = Permisos del padrón
register-grants-intro = El personal municipal solo ve e importa el padrón con un permiso. Los administradores los conceden y retiran; cada cambio queda en el registro de auditoría.
register-grants-none = Nadie del personal tiene permisos sobre el padrón.
register-grants-caption = Permisos concedidos
register-grants-field-username = Nombre de usuario del funcionario
register-grants-field-permission = Permiso
register-grants-granted-at = Concedido
register-grants-revoke = Retirar
register-grants-add-heading = Conceder un permiso
register-grants-add = Conceder
register-grants-granted = { $username } tiene el permiso.
register-grants-revoked = { $username } ya no tiene el permiso.
register-grants-unknown-permission = Elija uno de los permisos de la lista.
register-grants-unknown-user = No hay ninguna cuenta con este nombre de usuario.
register-grants-not-official = Los permisos del padrón son solo para el personal municipal; esta cuenta no lo es.
register-grants-invalid = Revise este campo.
register-permission-register-read = Consultar el padrón
register-permission-register-import = Importar archivos del padrón
register-permission-enrolment-in-person = Verificar residentes en persona e imprimir cartas de activación

## Alta: acciones de auditoría

audit-action-enrolment-code-issued = Código de alta emitido
audit-action-enrolment-linked = Cuenta vinculada al padrón
audit-action-enrolment-verified-in-person = Identidad verificada en persona
audit-action-enrolment-code-refused = Código de alta rechazado

## La página de identidad del residente

nav-identity = Identidad
nav-enrolment = Altas
identity-title = Su identidad
identity-level = Nivel de seguridad de esta sesión
identity-level-low = Bajo
identity-level-substantial = Sustancial
identity-level-high = Alto
identity-register-link = Vínculo con el padrón
identity-not-linked = Sin vincular
identity-proofing-letter = Vinculada con una carta de activación
identity-proofing-sms = Vinculada con un código por SMS
identity-proofing-in-person = Verificada en persona
identity-raise-heading = Qué subiría su nivel
identity-raise-link = Vincule su cuenta al padrón: con la carta de activación enviada a su dirección, un código por SMS o en una oficina de atención.
identity-raise-factor = Añada un segundo factor (una aplicación de autenticación o una llave de acceso) e inicie sesión con él: una cuenta vinculada con dos factores llega al nivel sustancial.
identity-raise-in-person = Lleve su documento de identidad a una oficina de atención: el nivel alto exige una comprobación en persona.
identity-raise-passkey = Inicie sesión con una llave de acceso: el nivel alto la exige.
identity-letter-heading = Tengo una carta de activación
identity-letter-intro = La carta se envió a su dirección del padrón. Escriba su código personal y el código impreso en la carta.
identity-field-letter-code = Código de activación
identity-hint-letter-code = 12 letras y cifras, por ejemplo 7KQM-X3PA-DW9C.
identity-letter-submit = Vincular mi cuenta
identity-sms-heading = Enviarme un código por SMS
identity-sms-intro = Si el padrón tiene su número de móvil, le enviamos un código. El código sirve durante 10 minutos.
identity-sms-send = Enviar el código
identity-sms-verify = Vincular mi cuenta
identity-field-sms-code = Código del SMS
identity-in-person-heading = En una oficina de atención
identity-in-person-intro = Lleve su DNI, pasaporte o permiso de residencia a una oficina de atención municipal. Un funcionario lo comprueba y vincula su cuenta: así obtiene el nivel más alto.
identity-linked-letter = Su cuenta está vinculada al padrón (carta de activación).
identity-linked-sms = Su cuenta está vinculada al padrón (código por SMS).
identity-sms-sent = Enviamos un código al { $phone }. Escríbalo abajo.
identity-code-missing = Escriba el código.
identity-code-wrong = { $left ->
    [0] Este código es incorrecto, ha caducado o ya se usó. No le quedan intentos: vuelva a probar dentro de una hora.
    [one] Este código es incorrecto, ha caducado o ya se usó. Le queda 1 intento.
   *[other] Este código es incorrecto, ha caducado o ya se usó. Le quedan { $left } intentos.
}
identity-too-many-attempts = Demasiados códigos incorrectos. Por su seguridad, vuelva a probar dentro de una hora.
identity-too-many-sms = Se enviaron demasiados códigos por SMS. Vuelva a probar dentro de una hora.
identity-no-phone = No podemos enviar un SMS para este código personal: el padrón no tiene un número de móvil. Use la carta o acuda a una oficina de atención.
identity-record-taken = Este registro del padrón ya está vinculado a otra cuenta. Pregunte en una oficina de atención.
identity-linked-elsewhere = Su cuenta ya está vinculada a otro registro del padrón. Pregunte en una oficina de atención.
identity-sms-failed = No se pudo enviar el SMS. Vuelva a probar más tarde.

## Personal municipal: altas

enrolment-title = Altas
enrolment-in-person-heading = Verificar a un residente en persona
enrolment-in-person-intro = Pida al residente su nombre de usuario y su documento de identidad. El registro del padrón que consulte queda anotado como leído para el alta.
enrolment-field-username = Nombre de usuario del residente
enrolment-check-submit = Buscar
enrolment-compare = Compare el documento con el padrón. Vincule la cuenta solo si la foto corresponde a la persona y el nombre y la fecha de nacimiento coinciden.
enrolment-field-document = Documento comprobado
enrolment-document-id-card = Documento de identidad
enrolment-document-passport = Pasaporte
enrolment-document-residence-permit = Permiso de residencia
enrolment-document-driving-licence = Permiso de conducir
enrolment-confirm = Comprobé el documento: la foto corresponde a la persona y el nombre y la fecha de nacimiento coinciden con el padrón.
enrolment-verify-submit = Vincular la cuenta
enrolment-verified = { $username } está verificado en persona y vinculado al padrón.
enrolment-unknown-resident = No hay ninguna cuenta de residente activa con este nombre de usuario.
enrolment-no-record = Ningún registro activo del padrón tiene este código personal.
enrolment-document-missing = Elija el documento que comprobó.
enrolment-not-confirmed = Confirme que comprobó el documento.
enrolment-letters-heading = Imprimir cartas de activación
enrolment-letters-intro = Una carta por cada registro activo que aún no tiene una cuenta vinculada (500 como máximo cada vez), cada una con un código nuevo que sustituye a los anteriores. Recibe un PDF para imprimir y enviar.
enrolment-field-district = Distrito
enrolment-hint-district = Déjelo vacío para todos los distritos.
enrolment-letters-submit = Imprimir cartas (PDF)

## La carta de activación

letter-heading = Su código de activación de civis
letter-dear = Estimado/a { $name }:
letter-go-to = para vincular su cuenta de civis al padrón, inicie sesión en { $url }
letter-enter = y escriba su código personal y este código de activación:
letter-expires = El código sirve una sola vez, hasta el { $date }.
letter-ignore = Si no quiere usar civis, puede ignorar esta carta.

identity-released-heading = Tus datos del padrón entregados a servicios
identity-released-none = Ningún servicio ha recibido tus datos del padrón.
identity-released-caption = { $count ->
    [one] La única vez que un servicio recibió tus datos del padrón
   *[other] Las últimas { $count } veces que servicios recibieron tus datos del padrón, de la más reciente a la más antigua
}
identity-released-service = Servicio
identity-released-what = Qué recibió
identity-released-when = Cuándo
identity-released-profile = nombre y fecha de nacimiento
identity-released-address = dirección
