# Interfaz web de civis — español.
# Cada mensaje de en.ftl debe existir aquí (lo comprueba una prueba).

## Marco de la página

skip-to-content = Saltar al contenido principal
nav-main = Principal
nav-language = Idioma
nav-home = Inicio
nav-account = Tu cuenta
nav-users = Usuarios
nav-audit = Registro de auditoría
nav-sign-in = Iniciar sesión
nav-sign-up = Crear una cuenta
sign-out = Cerrar sesión
footer-about = civis es infraestructura pública digital de código abierto para tu municipio.
title-error-prefix = Error:

## Roles

role-resident = Vecino
role-official = Funcionario
role-admin = Administrador
role-auditor = Auditor
role-resident-explained = Como vecino puedes participar en los procesos de tu municipio y gestionar tus propios datos.
role-official-explained = Como funcionario diriges procesos como los presupuestos participativos y puedes leer todos los datos.
role-admin-explained = Como administrador gestionas las cuentas, los roles y la configuración.
role-auditor-explained = Como auditor puedes leerlo todo, incluido el registro de auditoría, pero no puedes cambiar nada.

## Inicio

home-title = Bienvenida
home-heading = civis: tu voz en tu municipio
home-lead = civis es el lugar donde los vecinos y el municipio deciden juntos: cómo gastar parte del presupuesto, qué propuestas salen adelante y quién puede usar tus datos.
home-welcome = Hola de nuevo, { $name }.
home-what-heading = Qué puedes hacer aquí
home-what-budget = Proponer proyectos y elegir cuáles se financian en los presupuestos participativos.
home-what-vote = Votar de forma comprobable: tu voto se cuenta tal como lo emitiste y cualquiera puede verificar los resultados.
home-what-data = Ver qué datos tiene el municipio sobre ti y quién los ha usado.
home-trust-heading = Abierto y responsable
home-trust-text = civis es de código abierto. Cada cambio que hace el personal queda en un registro de auditoría que pueden leer auditores independientes.
home-start-heading = Empieza
home-start-sign-up = Crear una cuenta
home-start-sign-in = Inicia sesión si ya tienes una cuenta

## Formularios

form-error-summary = Hay un problema
field-username = Nombre de usuario
field-display-name = Nombre visible
field-password = Contraseña
field-password-confirm = Repite la contraseña
field-role = Rol
hint-username = De 3 a 32 caracteres: letras minúsculas de la a a la z, cifras, puntos, guiones y guiones bajos.
hint-display-name = El nombre que ven los demás, hasta 64 caracteres.
hint-password = Al menos 12 caracteres. Unas cuantas palabras sin relación forman una buena contraseña.

error-username-missing = Escribe tu nombre de usuario
error-username-empty = Elige un nombre de usuario
error-username-too-short = El nombre de usuario debe tener al menos { $min } caracteres
error-username-too-long = El nombre de usuario debe tener como máximo { $max } caracteres
error-username-invalid-char = El nombre de usuario no puede contener «{ $found }» (carácter { $position }): usa letras minúsculas de la a a la z, cifras, puntos, guiones y guiones bajos
error-username-taken = Este nombre de usuario ya está en uso: elige otro
error-password-missing = Escribe tu contraseña
error-password-empty = Elige una contraseña
error-password-too-short = La contraseña debe tener al menos { $min } caracteres
error-password-too-long = La contraseña debe tener como máximo { $max } caracteres
error-password-mismatch = Las dos contraseñas no coinciden
error-display-name-empty = Escribe un nombre visible
error-display-name-too-long = El nombre visible debe tener como máximo { $max } caracteres
error-display-name-control = El nombre visible no puede contener saltos de línea ni otros caracteres de control
error-role-invalid = Elige uno de los roles de la lista
error-role-own = No puedes cambiar tu propio rol: pídeselo a otro administrador

## Inicio de sesión y registro

sign-in-title = Iniciar sesión
sign-in-submit = Iniciar sesión
sign-in-no-account = ¿Aún no tienes cuenta?
sign-in-failed = El nombre de usuario o la contraseña no son correctos
sign-in-throttled = Demasiados intentos fallidos. Vuelve a intentarlo dentro de { $minutes ->
    [one] un minuto
   *[other] { $minutes } minutos
  }.
sign-up-title = Crear una cuenta
sign-up-lead = Con una cuenta puedes participar en los procesos de tu municipio. Solo necesitas un nombre de usuario y una contraseña.
sign-up-submit = Crear cuenta
sign-up-have-account = ¿Ya tienes una cuenta?

## Cuenta

account-title = Tu cuenta
account-profile-heading = Perfil
account-member-since = Miembro desde
account-sessions-heading = Dónde has iniciado sesión
account-sessions-lead = Estas son tus sesiones activas. Al cerrar sesión termina la sesión de este dispositivo.
account-sessions-caption = { $count ->
    [one] Una sesión activa
   *[other] { $count } sesiones activas
  }
session-started = Inicio de sesión
session-last-seen = Última actividad
session-expires = Caduca
session-this-one = este dispositivo

## Usuarios (administradores)

users-title = Usuarios
users-caption = { $total ->
    [one] Una cuenta
   *[other] { $total } cuentas
  }, por nombre de usuario
users-account = Cuenta
users-created-on = Creada el { $date }
users-role-of = Rol de { $name }
users-change-role = Cambiar rol
users-create-heading = Crear una cuenta
users-create-submit = Crear cuenta
users-created-notice = Se ha creado la cuenta { $name }.
users-role-changed-notice = { $name } ahora es: { $role }.
hint-initial-password = Entrégasela a la persona de forma segura; podrá cambiarla después. Al menos 12 caracteres.

## Paginación

pager-label = Páginas
pager-previous = Página anterior
pager-next = Página siguiente
pager-status = Página { $page } de { $pages }

## Registro de auditoría

audit-title = Registro de auditoría
audit-lead = Todos los cambios en cuentas, roles, configuración y procesos, del más reciente al más antiguo. El registro no se puede modificar.
audit-filters = Filtrar eventos
audit-actor = Hecho por (nombre de usuario)
audit-action = Acción
audit-any-action = Cualquier acción
audit-from = Desde la fecha
audit-to = Hasta la fecha (incluida)
hint-date = Por ejemplo 2026-11-26
audit-apply = Aplicar filtros
audit-clear = Quitar filtros
audit-when = Cuándo (UTC)
audit-target = Objeto
audit-change = Cambio
audit-caption = { $total ->
    [0] Ningún evento coincide
    [one] Un evento coincide
   *[other] { $total } eventos coinciden
  }
audit-system = sistema
audit-unknown-user = cuenta { $id }
error-action-invalid = Elige una de las acciones de la lista
error-date-invalid = Escribe una fecha real con el formato AAAA-MM-DD, por ejemplo 2026-11-26
error-date-order = La fecha «hasta» debe ser igual o posterior a la fecha «desde»
error-actor-unknown = No hay ninguna cuenta con el nombre de usuario «{ $name }»

audit-action-user-created = Cuenta creada
audit-action-user-profile-changed = Perfil modificado
audit-action-user-password-changed = Contraseña cambiada
audit-action-user-role-changed = Rol cambiado
audit-action-user-disabled = Cuenta desactivada
audit-action-user-enabled = Cuenta activada
audit-action-sign-in-failed-lockout = Inicio de sesión bloqueado tras intentos fallidos
audit-action-session-revoked-all = Todas las sesiones cerradas
audit-action-settings-changed = Configuración cambiada
audit-action-process-created = Proceso creado
audit-action-process-changed = Proceso modificado
audit-action-process-results-published = Resultados publicados
audit-action-data-exported = Datos exportados
audit-action-proposal-reviewed = Propuesta revisada
audit-action-proposal-moderated = Propuesta ocultada o mostrada
audit-action-ballot-paper-entered = Papeleta en papel registrada
audit-action-implementation-updated = Informe de ejecución añadido
audit-action-resident-profile-changed = Distrito o fecha de nacimiento del residente modificados

## Páginas de error

error-go-home = Ir a la página de inicio
error-not-found-title = Página no encontrada
error-not-found-text = No hay nada en esta dirección. Si la escribiste tú, comprueba que no tenga errores.
error-forbidden-title = No permitido
error-forbidden-text = Tu rol no te permite ver ni hacer esto. Si crees que debería, pregunta a un administrador.
error-passkey-title = Se necesita una llave de acceso
error-passkey-text = Tu rol necesita una llave de acceso y esta sesión no se inició con una. Hasta que inicies sesión con una llave de acceso solo puedes usar civis como lo haría un residente. Añade una llave de acceso en la página de métodos de inicio de sesión si no tienes ninguna, y luego cierra la sesión e iníciala con ella (o confírmala en la página de verificación adicional).
error-passkey-action = Ir a tus métodos de inicio de sesión
error-reauth-title = Confirma que eres tú
error-reauth-text = Para quitar un método de inicio de sesión hace falta haber iniciado sesión hace poco. Confirma que eres tú con tu aplicación de autenticación o una llave de acceso y vuelve a intentarlo.
error-reauth-action = Confirmar que eres tú
error-last-passkey-title = Esta es tu última llave de acceso
error-last-passkey-text = Tu rol necesita una llave de acceso. Añade otra antes de quitar esta.
error-csrf-text = Este formulario había caducado o no venía de este sitio. Vuelve atrás, recarga la página e inténtalo de nuevo.
error-unauthorized-title = Tienes que iniciar sesión
error-unauthorized-text = Necesitas iniciar sesión para hacer esto.
error-method-title = No es posible aquí
error-method-text = Esta dirección no admite ese tipo de petición.
error-bad-request-title = La petición tiene un problema
error-bad-request-text = No se ha podido entender la petición. Vuelve atrás e inténtalo de nuevo.
error-too-large-title = Demasiados datos
error-too-large-text = Lo que has enviado es más grande de lo que admite este sitio.
error-too-many-title = Demasiados intentos
error-too-many-text = Espera un poco y vuelve a intentarlo.
error-unavailable-title = No disponible temporalmente
error-unavailable-text = El servicio no puede responder ahora. Vuelve a intentarlo dentro de unos minutos.
error-internal-title = Algo ha fallado
error-internal-text = Hay un problema por nuestra parte. No es culpa tuya y ha quedado registrado.
error-reference = Si contactas con soporte, indica esta referencia: { $reference }

## Presupuestos participativos

nav-budgets = Presupuestos participativos
pb-list-title = Presupuestos participativos
pb-list-lead = Los vecinos proponen proyectos y todas las personas que pueden votar deciden cuáles se financian con una parte del presupuesto municipal.
pb-list-empty = Todavía no hay presupuestos participativos.
pb-list-budget = Presupuesto: { $amount }
pb-create-link = Crear un proceso
pb-back-to-list = Todos los presupuestos participativos
pb-back-to-process = Volver a { $title }

pb-phase-upcoming = Aún no abierto
pb-phase-proposals = Propuestas
pb-phase-support = Apoyos
pb-phase-review = Revisión de viabilidad
pb-phase-voting = Votación
pb-phase-counting = Recuento
pb-phase-results = Resultados
pb-phase-implementation = Ejecución
pb-phase-now = Ahora: { $phase }
pb-phase-current = (ahora)
pb-phase-starts = desde el { $date }
pb-phase-results-when = cuando se publiquen los resultados
pb-timeline = Calendario

pb-rules-heading = Presupuesto y reglas
pb-rules-budget = Presupuesto
pb-rules-budget-total = { $amount } para toda la ciudad
pb-rules-budget-district = Presupuesto del distrito { $name }
pb-rules-budget-category = Presupuesto de la categoría { $name }
pb-rules-who = Quién puede votar
pb-rules-who-city = Todos los vecinos de la ciudad.
pb-rules-who-district = Los vecinos del distrito { $district }.
pb-rules-who-age = Hay que tener al menos { $age } años el día en que se abre la votación.
pb-rules-ballot = Cómo votar
pb-rules-outcome = Cómo se eligen los ganadores
pb-rules-ties = Empates
pb-ballot-approval = Elige entre { $min } y { $max } proyectos que apoyas.
pb-ballot-knapsack = Elige los proyectos que quieras, siempre que su coste total no supere el presupuesto.
pb-ballot-knapsack-limit = Elige los proyectos que quieras, siempre que su coste total no supere { $limit }.
pb-ballot-cumulative = Reparte hasta { $points } puntos entre los proyectos que apoyas.
pb-ballot-cumulative-max = Reparte hasta { $points } puntos entre los proyectos que apoyas, como máximo { $max } por proyecto.
pb-ballot-ranked = Ordena hasta { $k } proyectos, tu favorito primero.
pb-outcome-greedy = Se financian uno tras otro los proyectos con más votos, saltando los que ya no caben en el dinero restante.
pb-outcome-mes = Método de Partes Iguales: cada votante controla una parte igual del presupuesto, y un proyecto se financia cuando quienes lo apoyan pueden pagarlo entre todos.
pb-outcome-mes-none = El dinero sobrante no se gasta.
pb-outcome-mes-add1 = El dinero sobrante se usa después aumentando poco a poco la parte de cada votante y, al final, con los proyectos más votados que aún caben.
pb-outcome-mes-add1u = El dinero sobrante se usa después aumentando poco a poco la parte de cada votante, como recomienda equalshares.net.
pb-tie-lexico = Entre proyectos con el mismo apoyo, va primero el de número más bajo.
pb-tie-cost-votes = Entre proyectos con el mismo apoyo, va primero el más barato y después el que tiene más votos.
pb-tie-file = Entre proyectos con el mismo apoyo, va primero el que se propuso antes.
pb-digest-heading = Huella de las reglas congeladas
pb-digest-lead = Las reglas no pueden cambiar una vez abierta la votación. Esta huella (SHA-256) de las reglas permite a cualquiera comprobar que no cambiaron.
pb-ballot-count = { $count ->
    [0] Todavía no se ha emitido ningún voto.
    [one] Se ha emitido un voto hasta ahora.
   *[other] Se han emitido { $count } votos hasta ahora.
  }
pb-voting-closes = La votación se cierra el { $close }.

pb-unit-citywide = Toda la ciudad
pb-unit-district = Distrito: { $name }
pb-unit-category = Categoría: { $name }
pb-unit-budget = Presupuesto: { $amount }

pb-proposals-heading = Propuestas
pb-proposals-empty = Todavía no hay propuestas.
pb-proposals-caption = { $count ->
    [one] Una propuesta
   *[other] { $count } propuestas
  }
pb-col-proposal = Propuesta
pb-col-project = Proyecto
pb-col-cost = Coste
pb-col-status = Estado
pb-col-supports = Apoyos
pb-col-outcome = Resultado
pb-col-implementation = Ejecución
pb-in-district = Distrito: { $name }
pb-in-category = Categoría: { $name }
pb-review-pending = Pendiente de revisión
pb-review-accepted = Aceptada: en la papeleta
pb-review-rejected = No viable: { $reason }
pb-review-merged = Fusionada con la propuesta { $into }
pb-hidden-because = Ocultada por moderación: { $reason }
pb-estimate-was = La persona autora estimó { $amount }.
pb-cost-is = Coste: { $amount }
pb-field-district = Distrito
pb-field-category = Categoría
pb-field-location = Ubicación
pb-you-support = Apoyas esta propuesta.
pb-support-submit = Apoyar esta propuesta
pb-proposal-edit-link = Editar tu propuesta
pb-officials-heading = Para el personal municipal
pb-review-link = Revisar la viabilidad
pb-moderate-link = Moderar
pb-impl-link = Informar de la ejecución
pb-impl-heading = Ejecución
pb-impl-planned = Prevista
pb-impl-in-progress = En curso
pb-impl-done = Terminada
pb-impl-cancelled = Cancelada
pb-impl-progress = { $percent } % hecho
pb-impl-none = Sin informes todavía

pb-vote-link = Votar
pb-propose-link = Enviar una propuesta
pb-results-link = Ver los resultados
pb-edit-link = Editar el proceso
pb-paper-link = Registrar una papeleta en papel
pb-publish-lead = La votación ha terminado. Al publicar se calcula el resultado con las reglas congeladas y se hace público; no se puede deshacer.
pb-publish-submit = Calcular y publicar los resultados

pb-vote-title = Votar: { $title }
pb-vote-until = Puedes cambiar tu voto hasta el { $close }. Solo cuenta tu último voto.
pb-vote-not-yet = La votación aún no ha empezado. Se abre el { $open }.
pb-vote-over = La votación está cerrada.
pb-vote-sign-in = Inicia sesión para votar.
pb-vote-problems = Tu voto no se ha registrado
pb-vote-submit = Emitir tu voto
pb-vote-cast-notice = Tu voto se ha registrado.
pb-ballot-current = Cuenta tu voto del { $when } (versión { $revision }).
pb-ballot-current-paper = Cuenta tu papeleta en papel, registrada el { $when } (versión { $revision }).
pb-paper-for = Papeleta en papel de { $name }
pb-paper-submit = Registrar la papeleta en papel
pb-rank-legend = Tu orden de preferencia
pb-rank-n = Opción { $rank }
pb-rank-none = (ningún proyecto)
pb-meter-used = Elegido hasta ahora
pb-meter-left = Queda
pb-meter-over = Tu elección cuesta más que este presupuesto. Quita algún proyecto.
pb-meter-update = Actualizar el total
pb-error-points-number = Escribe un número entero de puntos, por ejemplo 3

pb-results-title = Resultados: { $title }
pb-results-lead = Se contaron { $ballots } votos. Calculado el { $when }.
pb-results-spent = Los proyectos financiados cuestan { $spent } de { $budget }.
pb-results-caption = Proyectos de { $unit }, primero los financiados
pb-funded = Financiado
pb-not-funded = No financiado
pb-results-digest-lead = El resultado se calculó con las reglas de esta huella, la misma que se mostró al abrir la votación.
pb-open-data = Datos abiertos
pb-export-pabulib = Votos y proyectos en formato Pabulib (.pb)
pb-export-csv = Proyectos y resultado en CSV
pb-export-json = Todo en JSON
pb-col-votes = Votos
pb-col-score = Puntuación
pb-results-voters = { $count ->
    [one] Un voto eligió proyectos aquí.
   *[other] { $count } votos eligieron proyectos aquí.
  }
pb-why-heading = Por qué se financió o no cada proyecto
pb-why-funded = ¿Por qué se financió «{ $title }»?
pb-why-not-funded = ¿Por qué no se financió «{ $title }»?
pb-paper-title = Registrar una papeleta en papel
pb-paper-lead = Para un vecino que no puede votar por internet. La papeleta en papel sustituye cualquier voto anterior de esa persona, por internet o en papel, y el registro queda en el registro de auditoría.
pb-paper-resident = Nombre de usuario del vecino
pb-paper-resident-hint = Como en su cuenta, por ejemplo resident001.
pb-paper-find = Continuar
pb-paper-entered = Se ha registrado la papeleta en papel de { $name }.
pb-proposal-new-title = Enviar una propuesta
pb-proposal-edit-title = Editar tu propuesta
pb-proposal-submit = Enviar la propuesta
pb-proposal-save = Guardar los cambios
pb-proposal-saved = Tu propuesta se ha guardado.
pb-supported-notice = Gracias: tu apoyo se ha registrado.
pb-field-title = Título
pb-field-description = Descripción
pb-field-cost = Coste estimado
pb-hint-description = Qué habría que hacer, dónde y por qué ayuda.
pb-hint-cost = Una cantidad entera, por ejemplo 25000. El personal municipal la revisa.
pb-hint-optional = Opcional.
pb-error-cost-empty = Escribe el coste estimado
pb-error-cost-number = Escribe el coste como una cantidad entera, por ejemplo 25000
pb-official-about = Propuesta: { $title }
pb-official-save = Guardar
pb-decision = Decisión
pb-decision-accept = Aceptar: viable, va a la papeleta con el coste oficial
pb-decision-reject = Rechazar: no viable, con un motivo público
pb-decision-merge = Fusionar: duplica otra propuesta
pb-moderation-hide = Ocultarla, con un motivo
pb-moderation-show = Volver a mostrarla
pb-field-official-cost = Coste oficial (al aceptar)
pb-hint-official-cost = Una cantidad entera, por ejemplo 25000.
pb-field-public-reason = Motivo público (al rechazar)
pb-hint-public-reason = Lo verá todo el mundo: explica con palabras sencillas por qué no se puede hacer.
pb-field-merge-into = Número de la propuesta que duplica (al fusionar)
pb-hint-merge-into = El número al final de la dirección de esa propuesta, por ejemplo 12.
pb-field-hide-reason = Motivo para ocultarla
pb-hint-hide-reason = Queda en el registro de auditoría y lo ve el personal municipal.
pb-field-progress = Avance en porcentaje
pb-hint-progress = Un número entero de 0 a 100.
pb-field-note = Qué ha pasado
pb-error-choose = Elige una de las opciones
pb-error-progress = Escribe un número entero de 0 a 100
pb-error-proposal-number = Escribe el número de una propuesta, por ejemplo 12
pb-back-to-results = Volver a los resultados de { $title }
pb-see-proposal = La propuesta «{ $title }»
pb-form-lead = Todo puede cambiar hasta que se abra la votación. A partir de entonces las reglas quedan congeladas, y cada cambio anterior queda en el registro de auditoría.
pb-form-texts = Título y descripción en cada idioma
pb-form-ballot-rule = Papeleta y regla de resultado
pb-form-params-hint = Rellena los números del formato de papeleta elegido; los demás se ignoran.
pb-form-save = Guardar el proceso
pb-process-saved = El proceso se ha guardado.
pb-edit-frozen = La votación se ha abierto, así que las reglas de este proceso están congeladas y ya no se pueden cambiar. Huella de las reglas congeladas: { $digest }
pb-field-title-en = Título en inglés
pb-field-title-es = Título en español
pb-field-title-et = Título en estonio
pb-field-description-en = Descripción en inglés
pb-field-description-es = Descripción en español
pb-field-description-et = Descripción en estonio
pb-field-budget-total = Presupuesto de toda la ciudad
pb-field-budget-districts = Presupuestos por distrito
pb-field-budget-categories = Presupuestos por categoría
pb-hint-budget-lines = Uno por línea, un nombre y una cantidad: Norte = 50000
pb-field-proposals-open = Se abren las propuestas
pb-field-support-open = Se abren los apoyos (se cierran las propuestas)
pb-field-review-open = Empieza la revisión de viabilidad (se cierran los apoyos)
pb-field-voting-open = Se abre la votación (las reglas se congelan)
pb-field-voting-close = Se cierra la votación
pb-field-implementation-open = Empiezan los informes de ejecución
pb-hint-datetime = Fecha y hora en UTC, por ejemplo 2026-11-26T19:40
pb-field-eligible-district = Solo pueden votar los vecinos de este distrito
pb-field-min-age = Edad mínima el día en que se abre la votación
pb-field-ballot-type = Formato de papeleta
pb-format-approval = Aprobación: elegir entre un mínimo y un máximo de proyectos
pb-format-knapsack = Mochila: elegir proyectos dentro de un presupuesto
pb-format-cumulative = Acumulativo: repartir puntos entre proyectos
pb-format-ranked = Ordenado: ordenar los proyectos favoritos
pb-rule-greedy = Voraz: primero los más votados, mientras haya dinero
pb-rule-mes = Método de Partes Iguales, sin completar
pb-rule-mes-add1 = Método de Partes Iguales, completado como en pabutools
pb-rule-mes-add1u = Método de Partes Iguales, completado como recomienda equalshares.net
pb-field-ballot-min = Aprobación: mínimo de proyectos
pb-field-ballot-max = Aprobación: máximo de proyectos
pb-field-ballot-limit = Mochila: límite de gasto de una papeleta (vacío: cada presupuesto)
pb-field-ballot-points = Acumulativo: puntos por votante
pb-field-ballot-max-per-project = Acumulativo: máximo de puntos por proyecto
pb-field-ballot-k = Ordenado: longitud máxima del orden
pb-error-datetime = Escribe una fecha y hora como 2026-11-26T19:40
pb-error-budget-lines = Escribe un presupuesto por línea: un nombre, «=» y una cantidad entera, por ejemplo Norte = 50000
pb-error-whole-number = Escribe un número entero, por ejemplo 5
pb-chart-title = Votos y costes: { $unit }
pb-chart-desc = Proyectos financiados: { $funded }. Coste de los proyectos financiados frente al presupuesto: { $cost }.
pb-chart-spending = Coste de los proyectos financiados
pb-chart-table-hint = La tabla siguiente da las mismas cifras.
pb-part-heading = Quién participó
pb-part-lead = No se muestran los grupos de menos de 10 personas, ni ninguna cifra que permita deducirlos.
pb-part-by-district = Participación por distrito
pb-part-by-age = Participación por edad el día en que se abrió la votación
pb-part-age = Edad
pb-part-voters = Votaron
pb-part-eligible = Podían votar
pb-part-percent = Participación (%)
pb-part-everyone = Todas las personas
pb-part-unknown = Desconocido
pb-part-fewer-than-10 = menos de 10
pb-part-withheld = no se muestra
pb-age-under-16 = Menos de 16
pb-age-65 = 65 o más
pb-age-band = { $band }
pb-vote-not-eligible = No puedes votar en este proceso.
