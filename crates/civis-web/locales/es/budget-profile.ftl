## Distrito y fecha de nacimiento de los residentes (funcionarios, administradores; auditores solo lectura)

nav-residents = Residentes
pb-profile-link = Distrito y fecha de nacimiento
pb-profile-list-title = Distrito y fecha de nacimiento de los residentes
pb-profile-list-lead = Quién puede votar en un presupuesto participativo, y las cifras de participación, dependen del distrito y la fecha de nacimiento registrados aquí. Busca a un residente por su nombre de usuario o elígelo de la lista.
pb-profile-find-username = Nombre de usuario
pb-profile-find = Buscar
pb-profile-caption = { $total ->
    [one] Una cuenta de residente
   *[other] { $total } cuentas de residentes
  }, por nombre de usuario
pb-profile-back = Todos los residentes
pb-profile-title = Distrito y fecha de nacimiento de { $name }
pb-profile-lead = Quién puede votar en un presupuesto participativo, y las cifras de participación, dependen de estos datos.
pb-profile-not-resident = Esta no es la cuenta de un residente (su rol: { $role }). Solo votan los residentes; aun así se pueden registrar los datos.
pb-profile-current = Registrado ahora
pb-profile-not-recorded = Sin registrar
pb-profile-change = Cambiarlos
pb-profile-field-birth-date = Fecha de nacimiento
pb-profile-district-hint-known = Uno de los distritos que nombran los procesos: { $districts }. Déjalo vacío si no se conoce.
pb-profile-district-hint-any = Ningún proceso nombra todavía un distrito, así que se acepta cualquier nombre. Déjalo vacío si no se conoce.
pb-profile-birth-date-hint = Como AAAA-MM-DD, por ejemplo 1990-01-31. Déjala vacía si no se conoce.
pb-profile-audit-note = Cada cambio queda registrado en el registro de auditoría con tu nombre.
pb-profile-save = Guardar
pb-profile-saved = Se han guardado el distrito y la fecha de nacimiento.
pb-profile-read-only = Los auditores ven estos datos pero no los cambian.
pb-profile-error-district-length = Escribe el distrito con { $max } caracteres como máximo, o déjalo vacío.
pb-profile-error-district-control = Quita del distrito los caracteres de control invisibles.
pb-profile-error-district-unknown = Ningún proceso nombra el distrito «{ $district }». Elige uno de: { $districts }.
pb-profile-error-birth-date-invalid = Escribe una fecha real como AAAA-MM-DD, por ejemplo 1990-01-31.
pb-profile-error-birth-date-future = La fecha de nacimiento no puede estar en el futuro.
