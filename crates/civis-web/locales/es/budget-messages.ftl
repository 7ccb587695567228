
## Presupuestos participativos: lo que dicen el servicio de presupuestos y el
## motor de cálculo (problemas de un voto, quién puede participar, fases,
## problemas de la configuración de un proceso, por qué se financió o no un
## proyecto). Cada mensaje corresponde a un código estable.

## Problemas de un voto

pbm-shape-approval = elegir proyectos
pbm-shape-points = dar puntos a proyectos
pbm-shape-ranking = ordenar proyectos por preferencia
pbm-unit-citywide = el presupuesto de toda la ciudad
pbm-unit-district = el distrito { $name }
pbm-unit-category = la categoría { $name }
pbm-ballot-wrong-shape = Este voto intenta { $got }, pero en este proceso hay que { $expected }.
pbm-ballot-unknown-project = En este proceso no hay ningún proyecto con el número { $project }: quítalo.
pbm-ballot-not-on-ballot = «{ $title }» (proyecto { $project }) no está en la papeleta: quítalo.
pbm-ballot-duplicate = Has incluido «{ $title }» (proyecto { $project }) más de una vez: inclúyelo solo una vez.
pbm-ballot-duplicate-unknown = Has incluido el proyecto { $project } más de una vez: inclúyelo solo una vez.
pbm-ballot-too-few = Has elegido { $chosen ->
    [one] 1 proyecto
   *[other] { $chosen } proyectos
  }, pero tienes que elegir al menos { $min }: elige { $more } más.
pbm-ballot-too-many = Has elegido { $chosen ->
    [one] 1 proyecto
   *[other] { $chosen } proyectos
  }, pero puedes elegir como máximo { $max }: quita { $remove ->
    [one] 1 proyecto
   *[other] { $remove } proyectos
  }.
pbm-ballot-over-budget = Has elegido proyectos que cuestan { $cost } en { $unit }, pero su presupuesto es { $limit }: quita proyectos por valor de { $excess }.
pbm-ballot-too-many-points = Has dado { $used ->
    [one] 1 punto
   *[other] { $used } puntos
  }, pero solo tienes { $points ->
    [one] 1 punto
   *[other] { $points } puntos
  }: quita { $remove ->
    [one] 1 punto
   *[other] { $remove } puntos
  }.
pbm-ballot-too-many-points-for-project = Has dado a «{ $title }» (proyecto { $project }) { $points ->
    [one] 1 punto
   *[other] { $points } puntos
  }, pero un proyecto puede recibir como máximo { $max ->
    [one] 1 punto
   *[other] { $max } puntos
  }: quita { $remove ->
    [one] 1 punto
   *[other] { $remove } puntos
  }.
pbm-ballot-zero-points = No has dado ningún punto a «{ $title }» (proyecto { $project }): dale al menos 1 punto o quítalo.
pbm-ballot-ranking-too-long = Has ordenado { $ranked ->
    [one] 1 proyecto
   *[other] { $ranked } proyectos
  }, pero puedes ordenar como máximo { $k }: quita { $remove ->
    [one] 1 proyecto
   *[other] { $remove } proyectos
  }.

## Quién puede participar

pbm-eligible-inactive = Tu cuenta está desactivada.
pbm-eligible-not-resident = Solo votan los vecinos; tu cuenta es { $role ->
    [official] de personal municipal
    [admin] de administración
    [auditor] de auditoría
   *[other] de tipo { $role }
  }.
pbm-eligible-missing-district = Solo pueden votar los vecinos de { $required }, y no sabemos en qué distrito vives: pide al ayuntamiento que lo registre.
pbm-eligible-wrong-district = Solo pueden votar los vecinos de { $required }, y tú vives en { $actual }.
pbm-eligible-missing-birth-date = Solo pueden votar los vecinos de { $min_age } años o más, y no sabemos tu fecha de nacimiento: pide al ayuntamiento que la registre.
pbm-eligible-invalid-birth-date = La fecha de nacimiento registrada, «{ $value }», no es una fecha válida: pide al ayuntamiento que la corrija.
pbm-eligible-too-young = Solo pueden votar los vecinos que tengan { $min_age } años o más el día en que se abre la votación, y ese día tendrás { $age ->
    [one] 1 año
   *[other] { $age } años
  }.
pbm-eligible-paper-not-resident = Las papeletas en papel solo se registran para vecinos con la cuenta activa.

## Fases

pbm-action-submit-proposal = Enviar una propuesta
pbm-action-edit-proposal = Editar una propuesta
pbm-action-support-proposal = Apoyar una propuesta
pbm-action-review-proposal = Revisar una propuesta
pbm-action-publish-results = Publicar los resultados
pbm-action-report-implementation = Informar de la ejecución
pbm-phase-upcoming = preparación
pbm-phase-proposals = propuestas
pbm-phase-support = apoyos
pbm-phase-review = revisión de viabilidad
pbm-phase-voting = votación
pbm-phase-counting = recuento
pbm-phase-results = resultados
pbm-phase-implementation = ejecución
pbm-or = o
pbm-phase-not-in-phase = { $action } solo es posible en la fase de { $allowed }; este proceso está en la fase de { $phase }.
pbm-phase-voting-not-open = La votación aún no ha empezado.
pbm-phase-voting-closed = La votación está cerrada.
pbm-phase-ballot-frozen = La votación ya se ha abierto: los proyectos de la papeleta ya no se pueden ocultar ni volver a mostrar.
pbm-error-wrong-phase-title = No es posible en esta fase
pbm-error-not-eligible-title = No puedes participar

## Problemas de la configuración de un proceso (junto a su campo)

pbm-settings-missing-text = { $text ->
    [title] Escribe el título
   *[other] Escribe la descripción
  } en este idioma ({ $lang }).
pbm-settings-unsupported-language = Solo se admiten los idiomas en, es y et.
pbm-settings-too-long = Como máximo { $max } caracteres.
pbm-settings-control-characters = Quita de este texto los caracteres de control invisibles.
pbm-settings-phase-order = «{ $field }» no puede ser anterior a «{ $previous }».
pbm-settings-total-budget = El presupuesto de toda la ciudad tiene que ser mayor que 0.
pbm-settings-budget-name-empty = Falta un nombre.
pbm-settings-budget-not-positive = El presupuesto de { $name } tiene que ser mayor que 0.
pbm-settings-eligible-district-empty = Escribe el nombre del distrito o deja el campo vacío.
pbm-settings-min-age-too-high = Como máximo { $max }.
pbm-settings-at-least-one = Como mínimo 1.
pbm-settings-min-above-max = No puede ser mayor que el máximo de proyectos.
pbm-settings-positive-or-empty = Mayor que 0, o deja el campo vacío.
pbm-settings-at-least-one-or-empty = Como mínimo 1, o deja el campo vacío.

## Por qué se financió o no un proyecto

pbm-why-funded-mes = «{ $title }» se financió en la ronda { $round } del Método de Partes Iguales: { $full ->
    [one] { $supporters ->
        [one] la única persona que lo apoyó pagó { $price }
       *[other] 1 de las { $supporters } personas que lo apoyaron pagó { $price }
      }
   *[other] { $full } de las { $supporters } personas que lo apoyaron pagaron { $price } cada una
  }.
pbm-why-funded-mes-partial = «{ $title }» se financió en la ronda { $round } del Método de Partes Iguales: { $full ->
    [one] 1 de las { $supporters } personas que lo apoyaron pagó { $price }
   *[other] { $full } de las { $supporters } personas que lo apoyaron pagaron { $price } cada una
  } y { $partial ->
    [one] otra pagó todo lo que le quedaba
   *[other] otras { $partial } pagaron todo lo que les quedaba
  }.
pbm-why-funded-completion = «{ $title }» se financió con el presupuesto que el Método de Partes Iguales dejó sin gastar (paso { $round } de la fase de completado): todavía cabía.
pbm-why-funded-free = «{ $title }» no cuesta nada y se financió antes que los demás.
pbm-why-funded-greedy = «{ $title }» se financió: quedó en el puesto { $position } por número de apoyos, y su coste, { $cost }, cabía en los { $left } que aún quedaban.
pbm-why-funded-greedy-step = «{ $title }» se financió en el paso { $round } del método voraz.
pbm-why-not-funded-greedy = «{ $title }» no se financió: quedó en el puesto { $position } por número de apoyos, y cuando le llegó el turno solo quedaban { $left }, menos que su coste, { $cost }.
pbm-why-not-funded-no-room = «{ $title }» no se financió: quienes lo apoyaron aún tenían dinero suficiente para pagar { $price } cada uno (un apoyo efectivo de { $votes } votantes), pero ya no cabía en el presupuesto.
pbm-why-not-funded-short = «{ $title }» no se financió: al final, { $supporters ->
    [one] la única persona que lo apoyó tenía
   *[other] las { $supporters } personas que lo apoyaron tenían entre todas
  } { $money }, { $short } menos de lo que cuesta ({ $cost }).
pbm-why-not-funded-short-some = «{ $title }» no se financió: al final, las { $supporters } personas que lo apoyaron tenían entre todas { $money } ({ $with_money ->
    [one] solo a 1 le quedaba dinero
   *[other] solo a { $with_money } les quedaba dinero
  }), { $short } menos de lo que cuesta ({ $cost }).
pbm-why-not-funded = «{ $title }» no se financió.
pbm-why-would-be-funded-at = Se habría financiado si hubiera costado como máximo { $max } ({ $by } menos).
pbm-why-no-lower-cost = Ni siquiera con un coste menor se habría financiado.
pbm-why-more-supporters = Con { $n ->
    [one] 1 persona más que lo apoyara
   *[other] { $n } personas más que lo apoyaran
  } se habría financiado.

## Problemas de un campo de una propuesta, revisión, moderación o informe de ejecución

pbm-field-missing-text = Rellena este campo.
pbm-field-too-long = Como máximo { $max } caracteres.
pbm-field-control-characters = Quita los caracteres de control invisibles de este texto.
pbm-field-cost-not-positive = El coste debe ser mayor que 0.
pbm-field-choose-review = Elige aceptada, rechazada o fusionada.
pbm-field-rejection-reason-missing = Indica el motivo público.
pbm-field-hiding-reason-missing = Indica el motivo para ocultarla.
pbm-field-merge-into-itself = Una propuesta no puede fusionarse consigo misma.
pbm-field-merge-into-merged = La propuesta { $into } ya está fusionada con otra; fusiona con esa.
pbm-field-merge-into-unknown = No hay ninguna propuesta { $into } en este proceso.
pbm-field-not-funded = Este proyecto no fue financiado.
pbm-field-progress-range = El avance es un porcentaje, de 0 a 100.
