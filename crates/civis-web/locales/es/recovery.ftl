## Recuperación de la cuenta con códigos de un solo uso emitidos por funcionarios.

recovery-issue-title = Emitir un código de recuperación
recovery-issue-intro = Para un residente que ya no puede iniciar sesión. Compruebe antes en persona un documento de identidad. El código sirve una vez, durante 24 horas, y sustituye a cualquier código anterior de la cuenta.
recovery-issue-confirm = He comprobado el documento: la foto coincide con la persona y el nombre con la cuenta.
recovery-issue-submit = Emitir el código
recovery-issued-title = Código de recuperación
recovery-issued-once = Este código solo se muestra esta vez. Imprima esta página o copie ahora el código para el residente.
recovery-issued-expires = Válido hasta (UTC)
recovery-issued-how = El residente va a /recover, escribe su nombre de usuario y este código, y después elige una contraseña nueva, una llave de acceso o una aplicación de autenticación.
recovery-issued-back = Emitir otro código
recover-title = Recuperar su cuenta
recover-intro = Si ya no puede iniciar sesión, un funcionario puede comprobar su documento de identidad y darle un código de recuperación. Escríbalo aquí con su nombre de usuario.
recover-field-code = Código de recuperación
recover-hint-code = Doce letras y cifras, p. ej. 7KQM-X3PA-DW9C. Los guiones y espacios no importan.
recover-field-password = Contraseña nueva (opcional)
recover-hint-password = Déjela vacía para conservar su contraseña y añadir en su lugar una llave de acceso o una aplicación de autenticación. Al menos 12 caracteres.
recover-submit = Recuperar mi cuenta
recover-username-missing = Escriba su nombre de usuario.
recover-code-missing = Escriba el código de recuperación que le dio el funcionario.
recover-password-bad = Elija una contraseña de al menos 12 caracteres que no sea de las habituales.
recover-code-wrong = Este nombre de usuario y este código de recuperación no sirven. Puede que el código esté mal escrito, caducado, usado o sustituido por uno más reciente.
recover-too-many = Demasiados intentos fallidos. Espere una hora o pida un código nuevo a un funcionario.
