
## Kaasav eelarve: mida ütlevad eelarveteenus ja arvutusmootor (hääle vead,
## kes saab osaleda, etapid, protsessi seadete vead, miks projekt rahastati
## või jäi rahastamata). Iga sõnum vastab püsivale koodile.

## Hääle vead

pbm-shape-approval = valida projekte
pbm-shape-points = anda projektidele punkte
pbm-shape-ranking = järjestada projekte
pbm-unit-citywide = kogu linna eelarves
pbm-unit-district = linnaosas { $name }
pbm-unit-category = kategoorias { $name }
pbm-ballot-wrong-shape = See hääl püüab { $got }, kuid selles protsessis tuleb { $expected }.
pbm-ballot-unknown-project = Selles protsessis pole projekti numbriga { $project }: eemalda see.
pbm-ballot-not-on-ballot = „{ $title }” (projekt { $project }) ei ole hääletussedelil: eemalda see.
pbm-ballot-duplicate = Lisasid projekti „{ $title }” (nr { $project }) mitu korda: lisa see ainult üks kord.
pbm-ballot-duplicate-unknown = Lisasid projekti { $project } mitu korda: lisa see ainult üks kord.
pbm-ballot-too-few = Valisid { $chosen } projekti, kuid pead valima vähemalt { $min }: vali veel { $more }.
pbm-ballot-too-many = Valisid { $chosen } projekti, kuid võid valida kõige rohkem { $max }: eemalda { $remove ->
    [one] 1 projekt
   *[other] { $remove } projekti
  }.
pbm-ballot-over-budget = Valisid { $unit } projekte { $cost } eest, kuid eelarve on seal { $limit }: eemalda projekte { $excess } eest.
pbm-ballot-too-many-points = Andsid { $used } punkti, kuid sul on ainult { $points ->
    [one] 1 punkt
   *[other] { $points } punkti
  }: võta ära { $remove ->
    [one] 1 punkt
   *[other] { $remove } punkti
  }.
pbm-ballot-too-many-points-for-project = Andsid projektile „{ $title }” (nr { $project }) { $points } punkti, kuid üks projekt võib saada kõige rohkem { $max } punkti: võta ära { $remove ->
    [one] 1 punkt
   *[other] { $remove } punkti
  }.
pbm-ballot-zero-points = Sa ei andnud projektile „{ $title }” (nr { $project }) ühtegi punkti: anna sellele vähemalt 1 punkt või jäta see välja.
pbm-ballot-ranking-too-long = Järjestasid { $ranked } projekti, kuid võid järjestada kõige rohkem { $k }: eemalda { $remove ->
    [one] 1 projekt
   *[other] { $remove } projekti
  }.

## Kes saab osaleda

pbm-eligible-inactive = Sinu konto on suletud.
pbm-eligible-not-resident = Hääletavad ainult elanikud; sinu konto on { $role ->
    [official] ametniku
    [admin] administraatori
    [auditor] audiitori
   *[other] rolliga { $role }
  } konto.
pbm-eligible-missing-district = Hääletada saavad ainult linnaosa { $required } elanikud, kuid me ei tea sinu linnaosa: palu linnal see kirja panna.
pbm-eligible-wrong-district = Hääletada saavad ainult linnaosa { $required } elanikud, aga sina elad linnaosas { $actual }.
pbm-eligible-missing-birth-date = Hääletada saavad ainult vähemalt { $min_age }-aastased elanikud, kuid me ei tea sinu sünnikuupäeva: palu linnal see kirja panna.
pbm-eligible-invalid-birth-date = Sinu kirja pandud sünnikuupäev „{ $value }” ei ole õige kuupäev: palu linnal see parandada.
pbm-eligible-too-young = Hääletada saavad ainult elanikud, kes on hääletuse avamise päeval vähemalt { $min_age }-aastased, aga sina oled siis { $age }-aastane.
pbm-eligible-paper-not-resident = Paberhääli saab sisestada ainult aktiivse kontoga elanikele.

## Etapid

pbm-action-submit-proposal = Ettepaneku esitamine
pbm-action-edit-proposal = Ettepaneku muutmine
pbm-action-support-proposal = Ettepaneku toetamine
pbm-action-review-proposal = Ettepaneku hindamine
pbm-action-publish-results = Tulemuste avaldamine
pbm-action-report-implementation = Elluviimisest aruandmine
pbm-phase-upcoming = ettevalmistuse
pbm-phase-proposals = ettepanekute
pbm-phase-support = toetamise
pbm-phase-review = teostatavuse hindamise
pbm-phase-voting = hääletuse
pbm-phase-counting = häälte lugemise
pbm-phase-results = tulemuste
pbm-phase-implementation = elluviimise
pbm-or = või
pbm-phase-not-in-phase = { $action } on võimalik ainult { $allowed } etapis; see protsess on praegu { $phase } etapis.
pbm-phase-voting-not-open = Hääletus pole veel alanud.
pbm-phase-voting-closed = Hääletus on lõppenud.
pbm-phase-ballot-frozen = Hääletus on alanud: hääletussedelil olevaid projekte ei saa enam peita ega uuesti näidata.
pbm-error-wrong-phase-title = Selles etapis pole see võimalik
pbm-error-not-eligible-title = Sa ei saa osaleda

## Protsessi seadete vead (välja juures)

pbm-settings-missing-text = { $text ->
    [title] Kirjuta pealkiri
   *[other] Kirjuta kirjeldus
  } selles keeles ({ $lang }).
pbm-settings-unsupported-language = Toetatud on ainult keeled en, es ja et.
pbm-settings-too-long = Kõige rohkem { $max } märki.
pbm-settings-control-characters = Eemalda sellest tekstist nähtamatud juhtmärgid.
pbm-settings-phase-order = „{ $field }” ei tohi olla varasem kui „{ $previous }”.
pbm-settings-total-budget = Kogu linna eelarve peab olema suurem kui 0.
pbm-settings-budget-name-empty = Üks nimi on tühi.
pbm-settings-budget-not-positive = „{ $name }” eelarve peab olema suurem kui 0.
pbm-settings-eligible-district-empty = Kirjuta linnaosa nimi või jäta väli tühjaks.
pbm-settings-min-age-too-high = Kõige rohkem { $max }.
pbm-settings-at-least-one = Vähemalt 1.
pbm-settings-min-above-max = Ei tohi olla suurem kui suurim projektide arv.
pbm-settings-positive-or-empty = Suurem kui 0 või jäta väli tühjaks.
pbm-settings-at-least-one-or-empty = Vähemalt 1 või jäta väli tühjaks.

## Miks projekt rahastati või jäi rahastamata

pbm-why-funded-mes = „{ $title }” rahastati võrdsete osade meetodi { $round }. voorus: { $full ->
    [one] { $supporters ->
        [one] selle ainus toetaja maksis { $price }
       *[other] selle { $supporters } toetajast 1 maksis { $price }
      }
   *[other] selle { $supporters } toetajast { $full } maksid igaüks { $price }
  }.
pbm-why-funded-mes-partial = „{ $title }” rahastati võrdsete osade meetodi { $round }. voorus: selle { $supporters } toetajast { $full ->
    [one] 1 maksis { $price }
   *[other] { $full } maksid igaüks { $price }
  } ja { $partial ->
    [one] veel 1 maksis kõik, mis tal alles oli
   *[other] veel { $partial } maksid kõik, mis neil alles oli
  }.
pbm-why-funded-completion = „{ $title }” rahastati rahast, mille võrdsete osade meetod jättis kasutamata (täiendamise { $round }. samm): see mahtus veel eelarvesse.
pbm-why-funded-free = „{ $title }” ei maksa midagi ja rahastati esimesena.
pbm-why-funded-greedy = „{ $title }” rahastati: see oli toetuse järjekorras { $position }. kohal ja selle maksumus { $cost } mahtus veel alles olnud summasse { $left }.
pbm-why-funded-greedy-step = „{ $title }” rahastati ahne meetodi { $round }. sammul.
pbm-why-not-funded-greedy = „{ $title }” jäi rahastamata: see oli toetuse järjekorras { $position }. kohal ja kui selle kord kätte jõudis, oli alles ainult { $left }, vähem kui selle maksumus { $cost }.
pbm-why-not-funded-no-room = „{ $title }” jäi rahastamata: selle toetajatel oli veel piisavalt raha, et igaüks saaks maksta { $price } (tegelik toetus: { $votes } hääletajat), kuid see ei mahtunud enam eelarvesse.
pbm-why-not-funded-short = „{ $title }” jäi rahastamata: lõpuks oli { $supporters ->
    [one] selle ainsal toetajal
   *[other] selle { $supporters } toetajal kokku
  } alles { $money }, { $short } vähem kui selle maksumus { $cost }.
pbm-why-not-funded-short-some = „{ $title }” jäi rahastamata: lõpuks oli selle { $supporters } toetajal kokku alles { $money } (raha oli alles ainult { $with_money } toetajal), { $short } vähem kui selle maksumus { $cost }.
pbm-why-not-funded = „{ $title }” jäi rahastamata.
pbm-why-would-be-funded-at = See oleks rahastatud, kui see oleks maksnud kõige rohkem { $max } ({ $by } vähem).
pbm-why-no-lower-cost = Ka väiksema maksumusega poleks see rahastust saanud.
pbm-why-more-supporters = Kui sellel oleks olnud { $n ->
    [one] üks toetaja
   *[other] { $n } toetajat
  } rohkem, oleks see rahastatud.

## Ühe välja probleemid ettepanekus, hinnangus, modereerimisel või elluviimise aruandes

pbm-field-missing-text = Täida see väli.
pbm-field-too-long = Kõige rohkem { $max } märki.
pbm-field-control-characters = Eemalda sellest tekstist nähtamatud juhtmärgid.
pbm-field-cost-not-positive = Maksumus peab olema suurem kui 0.
pbm-field-choose-review = Vali: vastu võetud, tagasi lükatud või liidetud.
pbm-field-rejection-reason-missing = Kirjuta avalik põhjendus.
pbm-field-hiding-reason-missing = Kirjuta peitmise põhjus.
pbm-field-merge-into-itself = Ettepanekut ei saa liita iseendaga.
pbm-field-merge-into-merged = Ettepanek { $into } on juba liidetud teisega; liida sellega.
pbm-field-merge-into-unknown = Selles protsessis pole ettepanekut { $into }.
pbm-field-not-funded = Seda projekti ei rahastatud.
pbm-field-progress-range = Edenemine on protsent vahemikus 0 kuni 100.
